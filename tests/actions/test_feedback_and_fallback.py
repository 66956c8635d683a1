"""解決しましたか answers and not-understood messages are recorded, the latter redacted."""

import pytest
from dateutil import parser

from actions.fallback import ActionDefaultFallback, ActionNotUnderstood
from actions.feedback import ActionRecordFeedback
from actions.routing import ActionRouteInform
from business.triage import TriageFacts
from storage import repository
from storage.database import session_scope
from tests.actions.conftest import run, slot_events, user_tracker


@pytest.mark.asyncio
async def test_yes_and_no_are_recorded_with_the_outcome(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    replies = {"affirm": "utter_glad_it_helped", "deny": "utter_offer_next_step"}
    for intent in ("affirm", "deny", "affirm"):
        messages, events = await run(ActionRecordFeedback(), user_tracker("はい", intent, slots={"last_outcome": "reissue"}), domain)
        assert slot_events(events) == {"awaiting_feedback": False}
        assert messages[0]["response"] == replies[intent]
    with session_scope(database_url) as session:
        result = repository.report(session, parser.isoparse("2026-12-01T00:00+09:00"), parser.isoparse("2026-12-02T00:00+09:00"))
    assert (result.answers, result.resolved) == (3, 2)


@pytest.mark.asyncio
async def test_a_corrected_fact_after_the_answer_starts_the_triage_again_and_is_not_a_no(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    previous = TriageFacts(login_method="id_password", problem="forgot").to_json()
    tracker = user_tracker(
        "すみません、忘れたのはパスワードではなくカードの暗証番号でした", "report_login_problem",
        {"login_method": "card_pin", "problem": "forgot"}, slots={"last_outcome": "reissue", "previous_triage": previous},
    )
    messages, events = await run(ActionRecordFeedback(), tracker, domain)
    assert messages == []
    assert slot_events(events)["login_method"] == "card_pin" and slot_events(events)["problem"] == "forgot"
    assert [e["name"] for e in events if e["event"] == "followup"] == ["login_triage_form"]
    with session_scope(database_url) as session:
        result = repository.report(session, parser.isoparse("2026-12-01T00:00+09:00"), parser.isoparse("2026-12-02T00:00+09:00"))
    assert result.answers == 0


@pytest.mark.asyncio
@pytest.mark.parametrize(("text", "held"), [("持っていない", "no_card"), ("はい、持ってます", "has_card")])
async def test_holding_said_alone_after_an_answer_for_either_case_is_the_card(at, domain, database_url, text, held):
    at("2026-12-01T14:00:00+09:00")
    previous = TriageFacts(login_method="id_password", problem="forgot").to_json()
    tracker = user_tracker(text, "inform", slots={"last_outcome": "reissue", "previous_triage": previous})
    messages, events = await run(ActionRouteInform(), tracker, domain)
    assert slot_events(events)["card_holder"] == held and slot_events(events)["inform_topic"] == "login"


@pytest.mark.asyncio
async def test_holding_said_alone_after_a_card_answer_is_not_read_as_the_card(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    previous = TriageFacts(login_method="id_password", problem="forgot", card_holder="no_card").to_json()
    tracker = user_tracker("持ってます", "inform", slots={"last_outcome": "reissue", "previous_triage": previous})
    messages, events = await run(ActionRouteInform(), tracker, domain)
    assert slot_events(events) == {"inform_topic": "none"}


@pytest.mark.asyncio
async def test_still_failing_after_the_answer_is_a_no(at, domain):
    at("2026-12-01T14:00:00+09:00")
    previous = TriageFacts(login_method="id_password", problem="forgot").to_json()
    tracker = user_tracker("まだログインできません", "report_login_problem", slots={"last_outcome": "reissue", "previous_triage": previous})
    messages, events = await run(ActionRecordFeedback(), tracker, domain)
    assert messages[0]["response"] == "utter_offer_next_step"
    assert slot_events(events) == {"awaiting_feedback": False}


@pytest.mark.asyncio
async def test_not_understood_is_answered_and_stored_without_secrets(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("ぴよぴよ 暗証番号は1234", "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.45},
        {"name": "greet", "confidence": 0.31},
    ]
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert messages[0]["response"] == "utter_topic_menu"  # a greeting is no topic to offer
    with session_scope(database_url) as session:
        result = repository.report(session, parser.isoparse("2026-12-01T00:00+09:00"), parser.isoparse("2026-12-02T00:00+09:00"))
    [(text, count)] = result.top_not_understood
    assert "1234" not in text and "［暗証番号］" in text


@pytest.mark.asyncio
async def test_an_answer_the_form_cannot_use_gets_the_question_again(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("ふがふが", "report_login_problem", slots={"requested_slot": "problem"})
    tracker.active_loop = {"name": "login_triage_form"}
    messages, events = await run(ActionDefaultFallback(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_default", "utter_ask_problem"]
    assert events == [{"event": "rewind", "timestamp": None}]


def _unsure(text: str, ranking: list[tuple[str, float]], earlier_actions: tuple[str, ...] = ()):
    tracker = user_tracker(text, "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.4}] + [
        {"name": name, "confidence": confidence} for name, confidence in ranking
    ]
    if earlier_actions:
        last = tracker.events.pop()
        tracker.events += [{"event": "user", "text": "…"}]
        tracker.events += [{"event": "action", "name": name} for name in earlier_actions]
        tracker.events.append(last)
    return tracker


@pytest.mark.asyncio
async def test_a_first_miss_offers_the_likely_topics_then_the_main_ones_as_buttons(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = _unsure("ろぐいんの時間", [("ask_maintenance", 0.33), ("greet", 0.2), ("report_login_problem", 0.18)])
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    [message] = messages
    assert message["response"] == "utter_not_understood"
    assert [b["payload"] for b in message["buttons"]] == [
        "/ask_maintenance", "/report_login_problem", "/ask_interest", "/ask_member_service_features", "/ask_call_centre"
    ]
    assert [b["title"] for b in message["buttons"]][:2] == ["メンテナンスの時間", "ログインできない"]


@pytest.mark.asyncio
async def test_a_second_miss_in_a_row_shows_the_whole_menu(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = _unsure("ろぐいんの時間", [("ask_maintenance", 0.33)], ("action_not_understood", "action_listen"))
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert [m["response"] for m in messages] == ["utter_topic_menu"]
    menu = domain["responses"]["utter_topic_menu"][0]
    assert "自動応答" in menu["text"] and len(menu["buttons"]) >= 8


def test_every_menu_topic_is_an_intent_of_the_assistant(domain):
    payloads = [b["payload"] for b in domain["responses"]["utter_topic_menu"][0]["buttons"]]
    assert all(p.startswith("/") and p[1:] in domain["intents"] for p in payloads)


@pytest.mark.asyncio
async def test_small_talk_with_a_time_word_that_follows_up_on_nothing_gets_the_small_talk_answer(at, domain, database_url):
    at("2026-12-07T09:30:00+09:00")
    tracker = user_tracker("おはよ〜☀️ 月曜ってだるくない？？", "nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.0},
        {"name": "chitchat", "confidence": 0.81},
    ]
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert [message["response"] for message in messages] == ["utter_chitchat"]


@pytest.mark.asyncio
async def test_a_question_about_the_maintenance_check_that_opened_the_triage_is_answered_inside_the_form(at, domain, database_url):
    at("2026-12-08T10:00:00+09:00")
    tracker = _unsure(
        "次にその時間になるのはいつでしょうか。覚えておきたいので",
        [("ask_maintenance", 0.43)],
        ("action_check_maintenance", "login_triage_form", "action_listen"),
    )
    tracker.active_loop = {"name": "login_triage_form"}
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    said = "".join(message.get("text") or "" for message in messages)
    assert "月曜" in said and "7:00" in said
    assert "utter_default" not in [message.get("response") for message in messages]


@pytest.mark.asyncio
async def test_an_unreadable_answer_inside_the_form_that_follows_up_on_nothing_gets_a_short_apology(at, domain, database_url):
    at("2026-12-08T10:00:00+09:00")
    tracker = _unsure("ふがふが", [("greet", 0.2)], ("login_triage_form", "action_listen"))
    tracker.active_loop = {"name": "login_triage_form"}
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert [message["response"] for message in messages] == ["utter_default"]


@pytest.mark.asyncio
async def test_not_knowing_the_answer_inside_the_form_gets_how_to_pick_one(at, domain, database_url):
    at("2026-12-08T10:00:00+09:00")
    tracker = _unsure("そんなん、わからへんわ", [("chitchat", 0.3)], ("login_triage_form", "action_listen"))
    tracker.active_loop = {"name": "login_triage_form"}
    tracker.slots["requested_slot"] = "problem"
    messages, _ = await run(ActionNotUnderstood(), tracker, domain)
    assert "「違うと表示される」" in messages[0]["text"] and "「ロックされた」" in messages[0]["text"]
