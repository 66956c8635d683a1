"""Phone handoff: the number, whether the line is open now, and a recorded reference."""

import pytest

from actions.handoff import ActionPhoneHandoff
from storage import repository
from storage.database import session_scope
from tests.actions.conftest import run, slot_events, text_of, tracker_after_answer, user_tracker


@pytest.mark.asyncio
async def test_late_repayment_stated_outright(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker(
        "返済が遅れていてログインできない", "report_login_problem", slots={"eligibility": "late_repayment"},
        earlier_intents=("greet",),
    )
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    text = text_of(messages)
    assert "0120-24-0365" in text and "ただいま受付中" in text
    reference = text.split("受付番号「")[1][:9]
    with session_scope(database_url) as session:
        handoff = repository.find_handoff(session, reference)
    assert handoff.reason == "late_repayment"
    assert handoff.intents == "greet report_login_problem"
    assert "返済" not in handoff.intents  # intents only, never the customer's words


@pytest.mark.asyncio
async def test_saturday_says_when_the_line_next_opens(at, domain):
    at("2026-11-28T10:00:00+09:00")
    messages, _ = await run(ActionPhoneHandoff(), user_tracker("電話番号を教えて", "ask_call_centre"), domain)
    assert "11月30日(月) 9:00から" in text_of(messages)


@pytest.mark.asyncio
async def test_ladies_call_when_asked(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("レディースコールの番号を教えて", "ask_call_centre", {"call_line": "ladies"})
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    text = text_of(messages)
    assert text.index("0120-86-2634") < text.index("0120-24-0365")


@pytest.mark.asyncio
async def test_unrecognised_login_notice(at, domain):
    at("2026-12-01T14:00:00+09:00")
    messages, _ = await run(ActionPhoneHandoff(), user_tracker("身に覚えのないログイン通知が来た", "report_suspicious_login"), domain)
    assert "パスワードを変更" in text_of(messages)


@pytest.mark.asyncio
async def test_a_contract_question_gets_the_phone_line_with_a_reference(at, domain):
    at("2026-12-01T14:00:00+09:00")
    messages, events = await run(ActionPhoneHandoff(), user_tracker("完済したので解約したいです", "out_of_scope"), domain)
    assert "0120-24-0365" in text_of(messages) and "受付番号" in text_of(messages)
    assert slot_events(events)["handoff_reason"] == "other_business"


@pytest.mark.asyncio
async def test_database_down_still_gives_the_number(at, domain, monkeypatch):
    from actions import context

    at("2026-12-01T14:00:00+09:00")
    monkeypatch.setenv("ASSISTANT_DB_URL", "postgresql://nobody@127.0.0.1:1/none")
    context.settings.cache_clear()
    messages, _ = await run(ActionPhoneHandoff(), user_tracker("電話したい", "ask_call_centre"), domain)
    text = text_of(messages)
    assert "0120-24-0365" in text and "受付番号" not in text


@pytest.mark.asyncio
async def test_a_named_time_gets_whether_the_line_is_open_then(at, domain):
    at("2026-12-11T17:30:00+09:00")  # a Friday
    tracker = user_tracker("明日の朝10時に電話します。つながりますか", "ask_call_centre", {"when": "明日の朝10時"})
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    text = text_of(messages)
    assert "ただいま受付中" in text
    assert "12月12日(土) 10:00は受付時間外です" in text and "12月14日(月) 9:00から" in text


@pytest.mark.asyncio
async def test_logging_in_at_the_named_time_is_answered_with_the_phone_line(at, domain):
    at("2027-01-06T10:00:00+09:00")
    tracker = user_tracker(
        "1月11日の朝6時ってログインできますか？その日は電話もつながりますか",
        "ask_call_centre",
        {"when": "1月11日の朝6時"},
    )
    text = text_of((await run(ActionPhoneHandoff(), tracker, domain))[0])
    assert "1月11日(月) 6:00は受付時間外です" in text
    assert "メンテナンス" in text and "7:00" in text  # a Monday: inside the weekly window


@pytest.mark.asyncio
async def test_a_time_asked_right_after_the_phone_line_is_about_the_phone(at, domain):
    from actions.maintenance import ActionDescribeMaintenance

    at("2026-12-08T19:30:00+09:00")  # a Tuesday evening, the line closed
    latest = {"text": "明日のお昼、12時半ごろなら大丈夫でしょうか", "intent": {"name": "ask_maintenance"},
              "entities": [{"entity": "when", "value": "明日のお昼、12時半ごろ"}]}
    tracker = tracker_after_answer(("今から電話してもつながりますか", "ask_call_centre"), "action_phone_handoff", "お電話でのご相談は…", latest)
    messages, _ = await run(ActionDescribeMaintenance(), tracker, domain)
    text = text_of(messages)
    assert "0120-24-0365" in text and "12月9日(水) 12:30は受付時間内です" in text
    assert "メンテナンス" not in text


@pytest.mark.asyncio
async def test_asking_whether_the_phone_can_tell_the_pin_right_after_the_pin_answer(at, domain, database_url):
    at("2026-12-08T14:00:00+09:00")
    latest = {"text": "じゃあ電話したら番号わかるん？", "intent": {"name": "ask_call_centre"}, "entities": []}
    pin_answer = "カードの暗証番号は、オンラインでは再設定できません。本人確認書類をお持ちのうえ、お近くの自動契約機で再設定してください。"
    tracker = tracker_after_answer(("暗証番号わすれた", "ask_pin_reset"), "action_explain_pin_reset", pin_answer, latest)
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    text = text_of(messages)
    assert "お電話で暗証番号を変更したり、お伝えしたりすることもできない" in text and "自動契約機" in text
    assert "受付番号" not in text  # no handoff recorded for a question the phone line cannot help with
    with session_scope(database_url) as session:
        assert repository.handed_off_conversations(session) == set()


@pytest.mark.asyncio
async def test_a_reason_told_after_the_number_keeps_the_number_and_files_the_reason(at, domain, database_url):
    at("2026-12-01T14:00:00+09:00")
    messages, events = await run(ActionPhoneHandoff(), user_tracker("電話番号だけ先に教えて", "ask_call_centre"), domain)
    first = text_of(messages).split("受付番号「")[1][:9]
    slots = {event["name"]: event["value"] for event in events if event.get("event") == "slot"}
    assert slots["handoff_reason"] == "customer_request"

    tracker = user_tracker(
        "じつは他社の支払いが遅れてます", "report_login_problem", slots={**slots, "eligibility": "credit_trouble"},
        earlier_intents=("ask_call_centre",),
    )
    messages, events = await run(ActionPhoneHandoff(), tracker, domain)
    assert f"受付番号「{first}」" in text_of(messages)
    assert "信用情報" in text_of(messages)
    with session_scope(database_url) as session:
        assert repository.find_handoff(session, first).reason == "credit_trouble"


@pytest.mark.asyncio
async def test_another_reason_after_a_reasoned_handoff_gets_its_own_number(at, domain):
    at("2026-12-01T14:00:00+09:00")
    slots = {"handoff_reference": "1111-2222", "handoff_reason": "late_repayment"}
    tracker = user_tracker("知らないログイン通知が来ました", "report_suspicious_login", slots=slots)
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    assert "受付番号「" in text_of(messages) and "1111-2222" not in text_of(messages)


@pytest.mark.asyncio
async def test_a_stolen_card_gets_the_phone_line_and_the_login_without_a_card(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("財布ごと盗まれました。プロミスのカードも入ってて", "ask_call_centre")
    text = text_of((await run(ActionPhoneHandoff(), tracker, domain))[0])
    assert "0120-24-0365" in text and "ログインID・パスワードでログインできます" in text and "再発行" in text


@pytest.mark.asyncio
async def test_a_second_question_about_the_interest_is_offered_as_a_button(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("電話番号を教えてください。あと利息ってどのくらいかかりますか？", "ask_call_centre")
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    assert "0120-24-0365" in text_of(messages)
    assert any(button["payload"] == "/ask_interest" for message in messages for button in message.get("buttons") or [])


@pytest.mark.asyncio
async def test_asked_whether_the_phone_can_tell_the_password_the_answer_is_no_and_the_reissue(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("パスワードって電話したら教えてもらえますか", "ask_call_centre")
    text = text_of((await run(ActionPhoneHandoff(), tracker, domain))[0])
    assert "お電話でもお伝えできない" in text and "わからない方はこちら" in text
    assert "受付番号" not in text


@pytest.mark.asyncio
async def test_so_it_cannot_be_done_online_right_after_the_pin_answer_gets_that_answer_again(at, domain):
    from tests.actions.conftest import tracker_after_answer

    tracker = tracker_after_answer(
        ("暗証番号を変えたい", "ask_pin_reset"), "action_pin_question",
        "カードの暗証番号は、会員サービスやアプリでは変更・再設定できません。本人確認書類をお持ちのうえ、自動契約機で再設定してください。",
        {"text": "つまりネットじゃ無理ってこと？", "intent": {"name": "ask_call_centre"}, "entities": []},
    )
    text = text_of((await run(ActionPhoneHandoff(), tracker, domain))[0])
    assert "自動契約機" in text and "受付番号" not in text


@pytest.mark.asyncio
async def test_a_locked_account_asking_for_the_phone_gets_the_ways_back_first(at, domain):
    at("2026-12-12T10:00:00+09:00")
    tracker = user_tracker(
        "アカウントがロックされました。ネットで自分で解除できますか？それとも電話しないとだめですか？", "ask_call_centre",
        {"problem": "locked"},
    )
    messages, _ = await run(ActionPhoneHandoff(), tracker, domain)
    text = text_of(messages)
    assert text.index("これ以上は入力を試さないでください") < text.index("0120-24-0365")
    assert "再発行" in text and "自動契約機" in text and "12月14日(月) 9:00から" in text
    assert "ネットやこのチャットではできず" not in text
