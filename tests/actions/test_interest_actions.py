"""Interest simulation: values given up front are answered at once; bad values get a clear reason."""

import json
import warnings

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.interest import ActionSimulateInterest, ValidateInterestForm
from tests.actions.conftest import run, slot_events, text_of, user_tracker


@pytest.mark.asyncio
async def test_ten_man_yen_at_18_percent_for_30_days_is_1479_yen(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("10万円を年18%で30日借りたら利息はいくら？", "ask_interest", slots={"balance": "100000", "rate": "18", "days": "30"})
    messages, events = await run(ActionSimulateInterest(), tracker, domain)
    assert "1,479円" in text_of(messages)
    slots = slot_events(events)
    assert {slots[slot] for slot in ("balance", "rate", "days", "monthly_payment")} == {None}
    assert json.loads(slots["previous_simulation"]) == {"balance": "100000", "rate": "18", "days": "30"}


@pytest.mark.asyncio
async def test_unknown_rate_uses_17_8_and_says_so(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("わからない", "inform", slots={"balance": "100000", "rate": "unknown", "days": "30"})
    messages, _ = await run(ActionSimulateInterest(), tracker, domain)
    assert "17.8%" in text_of(messages) and "仮定" in text_of(messages)


@pytest.mark.asyncio
async def test_monthly_repayment_gives_months_and_total_interest(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("…", "inform", slots={"balance": "100000", "rate": "18", "days": "30", "monthly_payment": "10000"})
    messages, _ = await run(ActionSimulateInterest(), tracker, domain)
    assert "返済回数" in text_of(messages) and "利息の合計" in text_of(messages)


def test_rate_above_the_legal_ceiling_is_refused_with_the_reason(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("25%", "inform", slots={"balance": "100000"})
    assert ValidateInterestForm().validate_rate("25", dispatcher, tracker, domain) == {"rate": None}
    assert "利息制限法" in text_of(dispatcher.messages) and "18.0%" in text_of(dispatcher.messages)


def test_zero_amount_gets_a_clear_message(domain):
    dispatcher = CollectingDispatcher()
    assert ValidateInterestForm().validate_balance("0", dispatcher, user_tracker("0円", "inform"), domain) == {"balance": None}
    assert "1円以上" in text_of(dispatcher.messages)


def test_absurd_days_are_refused(domain):
    dispatcher = CollectingDispatcher()
    assert ValidateInterestForm().validate_days("99999", dispatcher, user_tracker("99999日", "inform"), domain) == {"days": None}
    assert dispatcher.messages


@pytest.mark.asyncio
async def test_plain_numbers_answer_the_question_asked(domain):
    form = ValidateInterestForm()
    tracker = user_tracker("100000", "inform", slots={"requested_slot": "balance"})
    assert slot_events(await form.get_extraction_events(CollectingDispatcher(), tracker, domain)) == {"balance": "100000"}
    tracker = user_tracker("わかりません", "inform", slots={"requested_slot": "rate"})
    assert slot_events(await form.get_extraction_events(CollectingDispatcher(), tracker, domain)) == {"rate": "unknown"}


# --- impossible values: always a reason and what to enter, never a silent re-ask --------------------


@pytest.mark.parametrize(
    ("slot", "value", "says"),
    [
        ("balance", "-50000", "1円以上で入力してください"),
        ("balance", "0", "0円では利息はかかりません"),
        ("balance", "1000000000000", "800万円以下で入力してください"),
        ("balance", "NaN", "借入残高（元金）を「10万円」のように入力してください"),
        ("rate", "0", "0%より大きい値で入力してください"),
        ("rate", "-5", "マイナスの金利では計算できません"),
        ("rate", "100", "年18.0%以下で入力してください"),
        ("rate", "abc", "年利を「18%」のように入力してください"),
        ("days", "0", "日数は1日以上で入力してください"),
        ("days", "-30", "マイナスの日数では計算できません"),
        ("days", "0.5", "日数は1日単位で入力してください"),
        ("days", "99999", "3,650日（約10年）以下で入力してください"),
    ],
)
def test_every_impossible_value_is_refused_with_what_to_enter(domain, slot, value, says):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker(value, "inform", slots={"balance": "100000"} if slot == "rate" else {})
    validate = getattr(ValidateInterestForm(), f"validate_{slot}")

    assert validate(value, dispatcher, tracker, domain) == {slot: None}
    assert says in text_of(dispatcher.messages)


def test_an_unknown_rate_is_accepted_and_the_rate_assumed_is_said_before_the_next_question(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("金利はわからない", "inform", slots={"balance": "80000"})
    assert ValidateInterestForm().validate_rate("unknown", dispatcher, tracker, domain) == {"rate": "unknown"}
    assert "年17.8%と仮定して計算します" in dispatcher.messages[0]["text"] and "取引履歴" in dispatcher.messages[0]["text"]
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("金利はわからない、150万を30日", "inform", {"days": "30"}, {"balance": "1500000"})
    assert ValidateInterestForm().validate_rate("unknown", dispatcher, tracker, domain) == {"rate": "unknown"}
    assert dispatcher.messages == []  # the result itself says what was assumed


def test_a_rate_given_before_the_balance_is_checked_again_against_the_balance(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("50万円", "inform", slots={"rate": "19", "requested_slot": "balance"})

    validated = ValidateInterestForm().validate_balance("500000", dispatcher, tracker, domain)

    assert validated == {"balance": "500000", "rate": None}
    assert "年18.0%以下で入力してください" in text_of(dispatcher.messages)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("requested", "text", "says"),
    [
        ("balance", "10,0000円", "「10,0000円」を読み取れませんでした。借入残高（元金）を「10万円」のように"),
        ("balance", "1と2", "「1」「2」を読み取れませんでした。"),
        ("days", "３と４", "日数を「30日」のように入力してください"),
    ],
)
async def test_an_answer_with_a_number_that_cannot_be_read_is_explained(domain, requested, text, says):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker(text, "inform", slots={"requested_slot": requested})

    events = await ValidateInterestForm().get_extraction_events(dispatcher, tracker, domain)

    assert slot_events(events) == {requested: None}  # the form asks again rather than giving up
    assert says in text_of(dispatcher.messages)


@pytest.mark.asyncio
async def test_an_answer_without_any_number_is_left_to_the_other_policies(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("ぐぁｗせｄｒ", "inform", slots={"requested_slot": "rate"})

    assert await ValidateInterestForm().get_extraction_events(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("requested", "text", "value"),
    [("balance", "-5000", "-5000"), ("balance", "8まんえん", "80000"), ("rate", "0", "0"), ("days", "2か月半", "75")],
)
async def test_a_plain_answer_is_read_as_typed_even_when_impossible(domain, requested, text, value):
    tracker = user_tracker(text, "inform", slots={"requested_slot": requested})

    events = await ValidateInterestForm().get_extraction_events(CollectingDispatcher(), tracker, domain)

    assert slot_events(events) == {requested: value}


@pytest.mark.asyncio
async def test_a_question_answered_in_between_is_not_read_as_the_forms_answer(domain):
    tracker = user_tracker("1月1日はメンテナンスですか", "ask_maintenance", slots={"requested_slot": "rate"})
    tracker.events.append({"event": "action", "name": "action_describe_maintenance"})
    dispatcher = CollectingDispatcher()

    assert await ValidateInterestForm().get_extraction_events(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []


@pytest.mark.asyncio
async def test_numbers_of_the_first_message_that_could_not_be_read_are_named(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("100000を18%で30日借りたら？", "ask_interest", slots={"rate": "18", "days": "30"})

    assert await ValidateInterestForm().get_extraction_events(dispatcher, tracker, domain) == []
    assert "「100000」を読み取れませんでした" in text_of(dispatcher.messages)


@pytest.mark.asyncio
async def test_i_do_not_know_said_of_the_rate_is_not_a_forgotten_password(domain):
    tracker = user_tracker("わからない", "inform", entities={"problem": "forgot"}, slots={"requested_slot": "rate"})
    tracker.events.append({"event": "slot", "name": "problem", "value": "forgot"})
    tracker.slots["problem"] = "forgot"

    _, events = await run(ValidateInterestForm(), tracker, domain)

    assert slot_events(events) == {"rate": "unknown", "problem": None}


@pytest.mark.asyncio
@pytest.mark.parametrize(("payment", "says"), [("-10000", "1円以上で入力してください"), ("1000", "1,480円以上")])
async def test_an_impossible_monthly_payment_still_gives_the_interest_and_says_why(at, domain, payment, says):
    at("2026-12-01T14:00:00+09:00")
    slots = {"balance": "100000", "rate": "18", "days": "30", "monthly_payment": payment}
    tracker = user_tracker("…", "ask_interest", slots=slots)

    messages, _ = await run(ActionSimulateInterest(), tracker, domain)

    assert "利息：1,479円" in text_of(messages) and says in text_of(messages)
    assert "返済回数" not in text_of(messages)


# --- the whole form, as Rasa runs it ------------------------------------------------------------------
# Rasa's own FormAction (no server, no model): the entities come from business.message_facts as the
# entity extractor gives them, and the call to the action server goes straight to ValidateInterestForm.


ASK_BALANCE = "借入残高（元金）はいくらですか"
ASK_RATE = "年利は何％ですか"
ASK_DAYS = "何日分の利息を計算しますか"


class _FormConversation:
    def __init__(self, rasa) -> None:
        self.rasa = rasa
        self.tracker = rasa["DialogueStateTracker"]("customer-1", rasa["domain"].slots)

    async def say(self, text: str, intent: str = "inform") -> tuple[str, dict]:
        from business.message_facts import find_message_facts

        rasa, tracker, domain = self.rasa, self.tracker, self.rasa["domain"]
        entities = [{"entity": f.entity, "value": f.value, "start": f.start, "end": f.end} for f in find_message_facts(text)]
        tracker.update(rasa["ActionExecuted"]("action_listen"))
        tracker.update(rasa["UserUttered"](text, {"name": intent, "confidence": 1.0}, entities))
        output, nlg = rasa["CollectingOutputChannel"](), rasa["nlg"]
        tracker.update_with_events(await rasa["ActionExtractSlots"](None).run(output, nlg, tracker, domain), domain)
        events = await rasa["FormAction"]("interest_form", None).run(output, nlg, tracker, domain)
        tracker.update_with_events(events, domain)
        tracker.update(rasa["ActionExecuted"]("interest_form"))
        said = "\n".join(event.text or "" for event in events if isinstance(event, rasa["BotUttered"]))
        return said, {slot: tracker.get_slot(slot) for slot in ("balance", "rate", "days", "requested_slot")}


@pytest.fixture(scope="module")
def rasa_form():
    from unittest import mock

    import rasa_sdk
    from rasa.core.actions.action import ActionExtractSlots, RemoteAction
    from rasa.core.actions.forms import FormAction
    from rasa.core.channels import CollectingOutputChannel
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

    import rasa_addons  # noqa: F401 - Rasa as the servers run it
    from deployment.settings import PROJECT_ROOT

    async def validate_on_this_side(action, output_channel, nlg, tracker, domain):
        assert action.name() == "validate_interest_form"
        sdk_tracker = rasa_sdk.Tracker.from_dict(tracker.current_state(EventVerbosity.ALL))
        dispatcher = CollectingDispatcher()
        events = await ValidateInterestForm().run(dispatcher, sdk_tracker, domain.as_dict())
        # A response by name stands for its text (utter_feature_internet_repayment).
        said = [BotUttered(m.get("text") or m.get("response")) for m in dispatcher.messages]
        return said + [Event.from_parameters(e) for e in events]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Rasa's notice that slot auto-fill is gone since 3.0
        domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    with mock.patch.object(RemoteAction, "run", validate_on_this_side):
        yield {
            "domain": domain,
            "nlg": TemplatedNaturalLanguageGenerator(domain.responses),
            "DialogueStateTracker": DialogueStateTracker,
            "ActionExecuted": ActionExecuted,
            "UserUttered": UserUttered,
            "BotUttered": BotUttered,
            "CollectingOutputChannel": CollectingOutputChannel,
            "ActionExtractSlots": ActionExtractSlots,
            "FormAction": FormAction,
        }


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("first_message", "says", "asks"),
    [
        ("マイナス5万円を年18%で30日借りたら？", "マイナスの金額は使えません", ASK_BALANCE),
        ("1兆円を年18%で30日借りたら？", "800万円以下で入力してください", ASK_BALANCE),
        ("10万円を年100%で30日借りたら？", "元金10万円以上100万円未満では年18.0%が上限です（利息制限法）", ASK_RATE),
        ("10万円を年0%で30日借りたら？", "0%より大きい値で入力してください", ASK_RATE),
        ("10万円を年18%で0日借りたら？", "日数は1日以上で入力してください", ASK_DAYS),
        ("10万円を年18%で-30日借りたら？", "マイナスの日数では計算できません", ASK_DAYS),
        ("10万円を年18%で99999日借りたら？", "3,650日（約10年）以下で入力してください", ASK_DAYS),
        ("100000を年18%で30日借りたら？", "「100000」を読み取れませんでした", ASK_BALANCE),
        ("10,0000円を年18%で30日借りたら？", "「10,0000円」を読み取れませんでした", ASK_BALANCE),
    ],
)
async def test_an_impossible_value_in_the_first_message_is_explained_before_the_question(
    rasa_form, first_message, says, asks
):
    said, _ = await _FormConversation(rasa_form).say(first_message, "ask_interest")

    assert says in said and asks in said
    assert said.index(says) < said.index(asks)


@pytest.mark.asyncio
async def test_several_impossible_values_at_once_each_get_their_reason(rasa_form):
    said, slots = await _FormConversation(rasa_form).say("-5万円を年100%で0日借りたら？", "ask_interest")

    assert "マイナスの金額は使えません" in said
    assert "元金がいくらでも、年20.0%を超える金利はありません" in said
    assert "日数は1日以上で入力してください" in said
    assert slots == {"balance": None, "rate": None, "days": None, "requested_slot": "balance"}


@pytest.mark.asyncio
async def test_everything_in_one_message_in_customers_words_completes_the_form(rasa_form):
    _, slots = await _FormConversation(rasa_form).say("8まんえんくらい借りてて、金利はわからない。期間はひと月", "ask_interest")

    assert slots == {"balance": "80000", "rate": "unknown", "days": "30", "requested_slot": None}


@pytest.mark.asyncio
async def test_a_question_beside_figures_that_complete_the_form_is_left_to_the_result(rasa_form):
    said, slots = await _FormConversation(rasa_form).say("5万 金利17.8 30日で利息なんぼ？ あとネットで返済できんの？手数料かかる？", "ask_interest")

    assert slots["requested_slot"] is None and "utter_feature_internet_repayment" not in said


@pytest.mark.asyncio
async def test_a_question_beside_figures_that_leave_a_question_open_is_answered_before_it(rasa_form):
    said, slots = await _FormConversation(rasa_form).say("5万 30日で利息なんぼ？ あとネットで返済できんの？手数料かかる？", "ask_interest")

    assert slots["requested_slot"] == "rate"
    assert said.index("utter_feature_internet_repayment") < said.index(ASK_RATE)


@pytest.mark.asyncio
async def test_step_by_step_every_bad_answer_is_explained_and_asked_again(rasa_form):
    chat = _FormConversation(rasa_form)
    said, _ = await chat.say("利息を計算したい", "ask_interest")
    assert ASK_BALANCE in said

    for answer, reason in [
        ("マイナス5万", "マイナスの金額は使えません"),
        ("0", "0円では利息はかかりません"),
        ("10,0000円", "「10,0000円」を読み取れませんでした"),
    ]:
        said, slots = await chat.say(answer)
        assert reason in said and ASK_BALANCE in said and slots["balance"] is None

    said, _ = await chat.say("じゅうまん")
    assert ASK_RATE in said
    for answer, reason in [("-5%", "マイナスの金利"), ("0%", "年0%では利息はかかりません（0円です）"), ("25パー", "年18.0%以下で入力してください")]:
        said, slots = await chat.say(answer)
        assert reason in said and ASK_RATE in said and slots["rate"] is None

    said, _ = await chat.say("年利不明")
    assert ASK_DAYS in said
    for answer, reason in [("0日", "1日以上"), ("0.5日", "1日単位"), ("1と2", "「1」「2」を読み取れませんでした")]:
        said, slots = await chat.say(answer)
        assert reason in said and ASK_DAYS in said and slots["days"] is None

    _, slots = await chat.say("2か月半")
    assert slots == {"balance": "100000", "rate": "unknown", "days": "75", "requested_slot": None}


@pytest.mark.asyncio
async def test_figures_in_english_units_complete_the_form_in_one_message(rasa_form):
    _, slots = await _FormConversation(rasa_form).say("principal ¥120,000 / APR 17.8% / 45days", "ask_interest")

    assert slots == {"balance": "120000", "rate": "17.8", "days": "45", "requested_slot": None}


@pytest.mark.asyncio
async def test_answers_in_english_units_answer_each_question(rasa_form):
    chat = _FormConversation(rasa_form)
    await chat.say("how much interest?", "ask_interest")

    said, _ = await chat.say("50k")
    assert ASK_RATE in said
    said, _ = await chat.say("17.8 p.a.")
    assert ASK_DAYS in said
    _, slots = await chat.say("3 months")
    assert slots == {"balance": "50000", "rate": "17.8", "days": "90", "requested_slot": None}


@pytest.mark.asyncio
async def test_a_k_amount_nothing_says_is_yen_is_named_and_asked_for(rasa_form):
    said, slots = await _FormConversation(rasa_form).say("50k 18% 30 days", "ask_interest")

    assert "「50k」を読み取れませんでした" in said and ASK_BALANCE in said
    assert (slots["rate"], slots["days"], slots["requested_slot"]) == ("18", "30", "balance")


@pytest.mark.asyncio
async def test_a_rate_given_first_is_checked_again_once_the_balance_is_known(rasa_form):
    chat = _FormConversation(rasa_form)
    await chat.say("年19%で30日借りたら利息は？", "ask_interest")

    said, slots = await chat.say("50万円")

    assert "元金10万円以上100万円未満では年18.0%が上限です" in said and ASK_RATE in said
    assert (slots["balance"], slots["rate"]) == ("500000", None)


@pytest.mark.asyncio
async def test_figures_routed_to_the_simulation_are_read_like_a_first_message(domain):
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("100000を18%で", "inform", slots={"rate": "18"})
    tracker.events.append({"event": "action", "name": "action_route_inform"})

    await ValidateInterestForm().get_extraction_events(dispatcher, tracker, domain)

    assert "「100000」を読み取れませんでした" in text_of(dispatcher.messages)


def test_what_if_keeps_the_last_simulations_figures_the_customer_did_not_name_again():
    from actions.interest import _what_if

    previous = json.dumps({"balance": "100000", "rate": "18", "days": "30"})
    tracker = user_tracker("じゃあ8万だったら？", "ask_interest", {"amount": "80000"}, {"balance": "80000", "previous_simulation": previous})
    assert {event["name"]: event["value"] for event in _what_if(tracker)} == {"rate": "18", "days": "30"}
    fresh = user_tracker("利息を計算したい", "ask_interest", {}, {"previous_simulation": previous})
    assert _what_if(fresh) == []


def test_the_last_result_read_back_beside_a_what_if_is_no_new_balance(at):
    from actions.interest import _what_if

    at("2026-12-08T14:00:00+09:00")
    previous = json.dumps({"balance": "500000", "rate": "17", "days": "30"})  # 6,986円
    text = "6,986円ってことらね。ほんなら、金利が15%らったらどうなるね"
    tracker = user_tracker(text, "ask_interest", {"amount": "6986", "rate": "15"}, {"balance": "6986", "rate": "15", "previous_simulation": previous})
    assert {event["name"]: event["value"] for event in _what_if(tracker)} == {"balance": "500000", "days": "30"}
    other = user_tracker("じゃあ7000円だったら？", "ask_interest", {"amount": "7000"}, {"balance": "7000", "previous_simulation": previous})
    assert {event["name"]: event["value"] for event in _what_if(other)} == {"rate": "17", "days": "30"}


def test_a_rate_beside_a_refused_amount_is_kept_for_the_amount_corrected():
    """「1兆円を17.8%で30日…ほんまは50万」: the amount is what is wrong; 17.8% stands for the corrected one,
    with the ceiling the amount typed would have."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.interest import ValidateInterestForm

    tracker = user_tracker("1兆円を17.8%で30日", "ask_interest", {"amount": "1000000000000", "rate": "17.8"}, {"balance": None})
    dispatcher = CollectingDispatcher()
    assert ValidateInterestForm().validate_rate("17.8", dispatcher, tracker, {}) == {"rate": "17.8"}
    assert dispatcher.messages[0]["text"] == "なお、元金100万円以上では年15.0%が上限です（利息制限法）。"
    dispatcher = CollectingDispatcher()
    assert ValidateInterestForm().validate_rate("25", dispatcher, tracker, {}) == {"rate": None}
    assert "年20.0%を超える金利はありません" in dispatcher.messages[0]["text"]


def test_the_figure_of_a_question_about_a_word_is_no_answer(domain):
    """「利息って日割りで増えるんですか？もし1日でも遅れたら」: the 1日 is a supposition, not the days to simulate."""
    dispatcher = CollectingDispatcher()
    tracker = user_tracker("利息って日割りで増えるんですか？もし1日でも遅れたら", "ask_term", {"days": "1"})
    assert ValidateInterestForm().validate_days("1", dispatcher, tracker, domain) == {"days": None}
    assert dispatcher.messages == []
