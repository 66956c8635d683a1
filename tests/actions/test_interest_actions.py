"""Interest simulation: values given up front are answered at once; bad values get a clear reason."""

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
    assert set(slot_events(events).values()) == {None}


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
