"""The triage form asks only what is unknown; the outcome action answers each case."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import ActionPhoneHandoff
from actions.triage import ActionExplainPinReset, ActionTriageOutcome, ValidateLoginTriageForm
from storage import repository
from storage.database import session_scope
from tests.actions.conftest import run, slot_events, text_of, user_tracker


def form_tracker(text, slots, requested_slot, entities=None):
    tracker = user_tracker(text, "inform", entities, {**slots, "requested_slot": requested_slot})
    tracker.active_loop = {"name": "login_triage_form"}
    return tracker


@pytest.mark.asyncio
async def test_required_slots_skip_what_is_known(domain):
    form = ValidateLoginTriageForm()
    tracker = form_tracker("", {"login_method": "id_password", "problem": "forgot"}, None)
    required = await form.required_slots([], CollectingDispatcher(), tracker, domain)
    assert required == ["login_method", "problem"]  # neither eligibility nor the card is asked


@pytest.mark.asyncio
async def test_a_typed_reply_is_extracted_and_validated_in_one_run(domain):
    """The whole validation action, as Rasa calls it: 「カードです」 fills login_method."""
    latest = {"text": "カードです", "intent": {"name": "inform", "confidence": 0.99}, "entities": []}
    events = [
        {"event": "slot", "name": "requested_slot", "value": "login_method"},
        {"event": "user", "text": "カードです", "parse_data": latest},
    ]
    tracker = Tracker("c", {"requested_slot": "login_method"}, latest, events, False, None, {"name": "login_triage_form"}, "action_listen")
    returned = slot_events(await ValidateLoginTriageForm().run(CollectingDispatcher(), tracker, domain))
    # The list equals the domain's, so rasa-sdk leaves choosing the next question to Rasa.
    assert returned == {"login_method": "card_pin"}


@pytest.mark.asyncio
async def test_a_card_said_in_passing_while_asked_what_happened_is_kept(domain):
    """「カードは持ってないです」 when asked what happened: no question needs it, yet it is validated and
    returned, so Rasa keeps it and asks the open question again instead of rejecting the message."""
    entities = [{"entity": "card_holder", "value": "no_card", "start": 5, "end": 13}]
    latest = {"text": "プロミスのカードは持ってないです", "intent": {"name": "inform", "confidence": 0.99}, "entities": entities}
    events = [
        {"event": "slot", "name": "requested_slot", "value": "problem"},
        {"event": "user", "text": latest["text"], "parse_data": latest},
        {"event": "slot", "name": "card_holder", "value": "no_card"},
    ]
    slots = {"requested_slot": "problem", "login_method": "id_password", "card_holder": "no_card"}
    tracker = Tracker("c", slots, latest, events, False, None, {"name": "login_triage_form"}, "action_listen")
    returned = slot_events(await ValidateLoginTriageForm().run(CollectingDispatcher(), tracker, domain))
    assert returned["card_holder"] == "no_card"
    assert returned.get("requested_slot", "problem") == "problem"


@pytest.mark.asyncio
async def test_a_short_reply_fills_the_requested_slot(domain):
    form = ValidateLoginTriageForm()
    tracker = form_tracker("カードです", {}, "login_method")
    events = await form.get_extraction_events(CollectingDispatcher(), tracker, domain)
    assert slot_events(events) == {"login_method": "card_pin"}


@pytest.mark.asyncio
async def test_not_knowing_the_login_method_gets_how_to_tell_them_apart(domain):
    form = ValidateLoginTriageForm()
    dispatcher = CollectingDispatcher()
    tracker = form_tracker("どっちやったかなあ、わからへん", {}, "login_method")
    assert await form.get_extraction_events(dispatcher, tracker, domain) == []
    hint = text_of(dispatcher.messages)
    assert "16桁" in hint and "カード番号＋暗証番号" in hint and "ログインID＋パスワード" in hint


@pytest.mark.asyncio
async def test_not_knowing_what_went_wrong_gets_what_each_choice_means(domain):
    dispatcher = CollectingDispatcher()
    tracker = form_tracker("そんなん言われても知らんがな", {"login_method": "id_password"}, "problem")
    assert await ValidateLoginTriageForm().get_extraction_events(dispatcher, tracker, domain) == []
    assert "「違うと表示される」" in text_of(dispatcher.messages) and "「ロックされた」" in text_of(dispatcher.messages)


@pytest.mark.asyncio
async def test_a_question_asked_in_the_middle_does_not_answer_the_open_question(domain):
    form = ValidateLoginTriageForm()
    tracker = form_tracker("てか暗証番号って電話したら教えてくれるの？", {}, "login_method", {"login_method": "card_pin"})
    tracker.latest_message["intent"] = {"name": "ask_pin_reset", "confidence": 0.8}
    assert await form.get_extraction_events(CollectingDispatcher(), tracker, domain) == []


@pytest.mark.asyncio
async def test_forged_slot_values_are_dropped(domain):
    form = ValidateLoginTriageForm()
    assert form.validate_problem("hacked", CollectingDispatcher(), Tracker("s", {}, {}, [], False, None, {}, ""), domain) == {"problem": None}
    assert form.validate_problem("locked", CollectingDispatcher(), Tracker("s", {}, {}, [], False, None, {}, ""), domain) == {"problem": "locked"}


async def outcome(slots, domain):
    return await run(ActionTriageOutcome(), user_tracker("…", "inform", slots=slots), domain)


@pytest.mark.asyncio
async def test_forgotten_pin_outcome_names_the_machine_and_asks_if_it_helped(at, domain):
    at("2026-12-01T14:00:00+09:00")
    messages, events = await outcome({"login_method": "card_pin", "problem": "forgot"}, domain)
    assert "自動契約機" in text_of(messages)
    assert messages[-1]["response"] == "utter_ask_resolved"
    slots = slot_events(events)
    assert slots["last_outcome"] == "pin_reset" and slots["awaiting_feedback"] is True
    assert slots["login_method"] is None and slots["problem"] is None  # the next problem starts fresh


@pytest.mark.asyncio
async def test_rejected_outcome_is_the_checklist(at, domain):
    at("2026-12-01T14:00:00+09:00")
    messages, _ = await outcome({"login_method": "id_password", "problem": "rejected", "eligibility": "none"}, domain)
    assert "全角と半角" in text_of(messages)


@pytest.mark.asyncio
async def test_eligibility_signal_hands_off_with_a_reference_and_no_feedback_question(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    messages, events = await outcome({"login_method": "id_password", "problem": "rejected", "eligibility": "income_drop"}, domain)
    text = text_of(messages)
    assert "0120-24-0365" in text and "受付中" in text
    assert not any(m.get("response") == "utter_ask_resolved" for m in messages)
    assert slot_events(events)["awaiting_feedback"] is False
    reference = text.split("受付番号「")[1][:9]
    with session_scope(database_url) as session:
        assert repository.find_handoff(session, reference).reason == "income_drop"


@pytest.mark.asyncio
async def test_a_lock_answer_gives_a_reference_kept_for_a_later_call(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    messages, events = await outcome({"login_method": "id_password", "problem": "locked", "eligibility": "none"}, domain)
    text = text_of(messages)
    assert "入力を試さないでください" in text and "0120-24-0365" in text
    reference = text.split("受付番号「")[1][:9]
    assert slot_events(events)["handoff_reference"] == reference
    with session_scope(database_url) as session:
        assert repository.find_handoff(session, reference).reason == "locked_account"
    assert messages[-1]["response"] == "utter_ask_resolved"
    # 「さっきの電話番号と受付番号をもう一度」: the same number again.
    again, _ = await run(
        ActionPhoneHandoff(),
        user_tracker("さっきの電話番号と受付番号をもう一度", "ask_call_centre",
                     slots={"handoff_reference": reference, "handoff_reason": "locked_account"}),
        domain,
    )
    assert f"受付番号「{reference}」" in text_of(again)


@pytest.mark.asyncio
async def test_a_pin_question_naming_the_settings_page_gets_no_settings_answer(domain):
    from actions.triage import ActionExplainPinReset

    tracker = user_tracker("あんしょう変えたいんじゃけど、会員サービスの設定変更でできるんよね？", "ask_pin_reset")
    messages, _ = await run(ActionExplainPinReset(), tracker, domain)
    text = text_of(messages)
    assert "会員サービスやアプリでは変更・再設定できません" in text and "各種設定の変更" not in text


@pytest.mark.asyncio
async def test_an_answer_given_with_why_do_you_ask_is_kept(domain):
    form = ValidateLoginTriageForm()
    text = "遅れてませんよ、一度も。なんでそんなこと聞くんですか？疑ってます？"
    tracker = form_tracker(text, {"login_method": "id_password", "problem": "rejected"}, "eligibility",
                           {"eligibility": "none"})
    tracker.latest_message["intent"] = {"name": "ask_why_asked"}
    events = await form.get_extraction_events(CollectingDispatcher(), tracker, domain)
    assert slot_events(events) == {"eligibility": "none"}
    # A question about the PIN still leaves the login-method question open.
    tracker = form_tracker("暗証番号って電話で教えてくれる？", {}, "login_method", {"login_method": "card_pin"})
    tracker.latest_message["intent"] = {"name": "ask_pin_reset"}
    assert await form.get_extraction_events(CollectingDispatcher(), tracker, domain) == []


@pytest.mark.asyncio
async def test_a_pin_about_to_be_guessed_is_stopped_before_the_pin_answer(domain):
    text = "祖父が暗証番号を忘れて、誕生日か電話番号のどっちかだから何回か試せばいいって言うんですけど大丈夫ですか？"
    messages, _ = await run(ActionExplainPinReset(), user_tracker(text, "ask_pin_reset"), domain)
    answer = text_of(messages)
    assert answer.index("ロック") < answer.index("自動契約機")
    plain, _ = await run(ActionExplainPinReset(), user_tracker("暗証番号を忘れました", "ask_pin_reset"), domain)
    assert "ロック" not in text_of(plain) and "自動契約機" in text_of(plain)


def _pin_question_while_asked(question: str, login_method: str) -> Tracker:
    text = "別件を先に: カードの暗証番号→Web/アプリで変更可?"
    latest = {"text": text, "intent": {"name": "ask_pin_reset", "confidence": 0.99}, "entities": []}
    events = [
        {"event": "user", "text": "ログイン不可", "parse_data": {"intent": {"name": "report_login_problem"}}},
        {"event": "active_loop", "name": "login_triage_form"},
        {"event": "slot", "name": "requested_slot", "value": question},
        {"event": "user", "text": text, "parse_data": latest},
        {"event": "active_loop", "name": None},
        {"event": "slot", "name": "requested_slot", "value": None},
    ]
    return Tracker("customer-1", {"login_method": login_method}, latest, events, False, None, {}, "action_listen")


@pytest.mark.asyncio
async def test_a_pin_question_in_the_middle_of_an_id_login_triage_is_answered_and_the_question_asked_again(domain):
    messages, events = await run(ActionExplainPinReset(), _pin_question_while_asked("problem", "id_password"), domain)
    assert "自動契約機" in text_of(messages)
    assert messages[-1]["response"] == "utter_ask_problem"
    assert events == []  # the login method already given stays


@pytest.mark.asyncio
async def test_a_pin_question_in_a_card_login_triage_is_the_problem_itself(domain):
    messages, events = await run(ActionExplainPinReset(), _pin_question_while_asked("problem", "card_pin"), domain)
    assert messages[-1]["response"] == "utter_ask_resolved"
    assert slot_events(events)["last_outcome"] == "pin_reset"


@pytest.mark.asyncio
async def test_a_login_failure_after_a_reported_intrusion_is_the_same_handoff(at, domain, database_url):
    at("2026-12-08T14:00:00+09:00")
    slots = {"problem": "rejected", "handoff_reference": "1234-5678", "handoff_reason": "suspicious_login"}
    messages, events = await outcome(slots, domain)
    text = text_of(messages)
    assert "第三者にパスワードを変えられたおそれ" in text and "0120-24-0365" in text
    assert "受付番号「1234-5678」" in text
    assert not any(m.get("response") == "utter_ask_resolved" for m in messages)
