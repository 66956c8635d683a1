"""Follow-ups about the assistant's own turn: the last answer again, why it asks, what a word means."""

import pytest
from rasa_sdk import Tracker

from actions.followup import ActionExplainQuestion, ActionExplainTerm, ActionRepeatLastAnswer
from tests.actions.conftest import run


def _after_handoff(text: str) -> Tracker:
    events = [
        {"event": "user", "text": "電話番号は？"},
        {"event": "bot", "text": "プロミスコール：0120-24-0365\nお電話の際に、受付番号「1234-5678」をお伝えください。"},
        {"event": "user", "text": text},
    ]
    latest = {"text": text, "intent": {"name": "ask_repeat"}, "entities": []}
    return Tracker("customer-1", {}, latest, events, False, None, {}, "action_listen")


@pytest.mark.asyncio
async def test_asked_again_the_last_answer_comes_again_with_the_same_reference(domain):
    messages, _ = await run(ActionRepeatLastAnswer(), _after_handoff("番号もう一回"), domain)
    text = "\n".join(message["text"] or "" for message in messages)
    assert "もう一度お伝えします" in text and "0120-24-0365" in text and "1234-5678" in text


@pytest.mark.asyncio
async def test_why_asked_with_no_open_question_gives_the_last_answer_again(domain):
    messages, _ = await run(ActionExplainQuestion(), _after_handoff("それ答えないとダメ？"), domain)
    assert "0120-24-0365" in "\n".join(message["text"] or "" for message in messages)


@pytest.mark.asyncio
async def test_a_word_is_explained_or_the_customer_is_told_where_to_ask(domain):
    tracker = _after_handoff("元金ってなに？")
    messages, _ = await run(ActionExplainTerm(), tracker, domain)
    assert "まだ返していない金額" in messages[0]["text"]
    messages, _ = await run(ActionExplainTerm(), _after_handoff("量子もつれってなに？"), domain)
    assert "プロミスコール" in messages[0]["text"]


@pytest.mark.asyncio
async def test_why_asked_by_someone_who_cannot_tell_gives_the_reason_and_how_to_tell(domain):
    text = "それは答えないといけませんか？母はどちらの方法で入っていたか覚えていないそうです。"
    latest = {"text": text, "intent": {"name": "ask_why_asked"}, "entities": []}
    events = [{"event": "user", "text": "母がログインできないと言っているのですが。"}, {"event": "user", "text": text}]
    tracker = Tracker("customer-1", {"requested_slot": "login_method"}, latest, events, False, None,
                      {"name": "login_triage_form"}, "action_listen")
    messages, _ = await run(ActionExplainQuestion(), tracker, domain)
    answer = messages[0]["text"]
    assert "手続きが違う" in answer and "16桁" in answer and "ログインID＋パスワード" in answer


def _asked_again(earlier: list, text: str, slots: dict) -> Tracker:
    """The conversation so far (`earlier` events), then `text` asking to hear the answer again."""
    latest = {"text": text, "intent": {"name": "ask_repeat"}, "entities": []}
    events = [*earlier, {"event": "user", "text": text}]
    return Tracker("customer-1", slots, latest, events, False, None, {}, "action_listen")


def _after_outcome(text: str, outcome: str, login_method: str) -> Tracker:
    earlier = [
        {"event": "user", "text": "パスワード何回もまちがえてたら、ロックされましたって出ました"},
        {"event": "action", "name": "action_triage_outcome"},
        {"event": "bot", "text": "何度も続けて間違えると、安全のためロックがかかります。これ以上は入力を試さないでください。…"},
        {"event": "bot", "text": "解決しましたか？"},
    ]
    slots = {"last_outcome": outcome, "previous_triage": f'{{"login_method": "{login_method}", "problem": "locked"}}'}
    return _asked_again(earlier, text, slots)


@pytest.mark.asyncio
async def test_found_hard_the_lock_answer_comes_again_in_a_few_plain_steps(domain):
    messages, _ = await run(ActionRepeatLastAnswer(), _after_outcome("はい？ちょっとむずかしくてよくわかんないです", "locked", "id_password"), domain)
    plain = messages[0]["text"]
    assert plain.startswith("かんたんに言うと") and "もう入力はしないでください" in plain
    assert "ログインID・パスワードがわからない方はこちら" in plain and "0120-24-0365" in plain
    assert messages[1]["response"] == "utter_ask_resolved"


@pytest.mark.asyncio
async def test_asked_again_plainly_the_answer_comes_again_as_it_was(domain):
    messages, _ = await run(ActionRepeatLastAnswer(), _after_outcome("もう一回お願い", "locked", "card_pin"), domain)
    assert messages[0]["text"] == "もう一度お伝えします。" and "何度も続けて間違えると" in messages[1]["text"]


@pytest.mark.asyncio
async def test_after_a_word_of_the_answer_was_explained_the_answer_itself_comes_plainly(domain):
    earlier = [
        {"event": "user", "text": "カードの4けたの番号わすれちゃいました"},
        {"event": "action", "name": "action_explain_pin_reset"},
        {"event": "bot", "text": "カードの暗証番号は、会員サービスやアプリでは変更・再設定できません。…"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "ほんにんかくにんしょるいってなんですか？"},
        {"event": "action", "name": "action_explain_term"},
        {"event": "bot", "text": "本人確認書類とは、ご本人であることを確かめるための書類です（運転免許証など）。"},
        {"event": "action", "name": "action_listen"},
    ]
    text = "つまり、どこで何すればいいんですか？もっとかんたんに言ってください"
    tracker = _asked_again(earlier, text, {"last_outcome": "pin_reset"})
    messages, _ = await run(ActionRepeatLastAnswer(), tracker, domain)
    assert "自動契約機" in messages[0]["text"] and messages[0]["text"].startswith("かんたんに言うと")
