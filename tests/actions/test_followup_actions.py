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
