"""Everything the assistant reads out of one message: triage facts, amounts, rates, periods, a time,
and the member-service functions it asks about."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

from business.japanese_numbers import find_quantities
from business.japanese_time import find_time_span
from business.login_facts import Fact, find_login_facts
from business.member_service import find_service_features

# Entity names the Rasa domain maps to slots.
AMOUNT = "amount"
MONTHLY_PAYMENT = "monthly_payment"
RATE = "rate"
DAYS = "days"
WHEN = "when"


def find_message_facts(text: str) -> list[Fact]:
    """All facts, in text order. A time expression wins over numbers inside it (1月1日 is no period)."""
    facts = list(find_login_facts(text)) + find_service_features(text)
    time_span = find_time_span(text)
    if time_span is not None:
        start, end = time_span
        facts.append(Fact(WHEN, text[start:end], start, end))
    for quantity in find_quantities(text):
        if time_span is not None and quantity.start < time_span[1] and time_span[0] < quantity.end:
            continue
        facts.append(Fact(_entity_for(quantity.kind, quantity.role), _plain(quantity.value), quantity.start, quantity.end))
    return sorted(facts, key=lambda fact: (fact.start, fact.end))


def _entity_for(kind: str, role: Optional[str]) -> str:
    if kind == "amount":
        return MONTHLY_PAYMENT if role == "monthly" else AMOUNT
    return {"rate": RATE, "days": DAYS}[kind]


def _plain(value: Decimal) -> str:
    """Decimal without exponent or trailing zeros: Decimal('1E+5') → '100000', 17.80 → '17.8'."""
    return format(value.normalize(), "f")
