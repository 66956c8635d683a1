"""Interest simulation: a form for balance, rate and days, then the figures."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import clock
from business.interest import (
    assumed_rate,
    balance_problem,
    check_simulation,
    days_problem,
    describe_simulation,
    rate_problem,
)
from business.japanese_numbers import parse_amount, parse_days, parse_rate
from business.login_facts import interpret_reply

UNKNOWN_RATE = "unknown"
INTEREST_SLOTS = ("balance", "rate", "days", "monthly_payment")
# A plain answer to the question just asked (「10万」「18」「30」) is read by the slot's own parser.
_REPLY_PARSERS: Dict[str, Callable[[str], Any]] = {
    "balance": parse_amount,
    "rate": lambda text: UNKNOWN_RATE if interpret_reply("rate", text) else parse_rate(text),
    "days": parse_days,
}


def _decimal(value: Any) -> Optional[Decimal]:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


class ValidateInterestForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_interest_form"

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot("requested_slot")
        if requested not in _REPLY_PARSERS or tracker.get_slot(requested) is not None:
            return []
        value = _REPLY_PARSERS[requested](tracker.latest_message.get("text") or "")
        return [] if value is None else [SlotSet(requested, str(value))]

    def validate_balance(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        balance = _decimal(value)
        if balance is None:
            return {"balance": None}
        problem = balance_problem(balance)
        if problem:
            dispatcher.utter_message(text=problem.message)
            return {"balance": None}
        return {"balance": str(balance)}

    def validate_rate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value == UNKNOWN_RATE:
            return {"rate": UNKNOWN_RATE}
        rate = _decimal(value)
        if rate is None:
            return {"rate": None}
        problem = rate_problem(rate, _decimal(tracker.get_slot("balance")))
        if problem:
            dispatcher.utter_message(text=problem.message)
            return {"rate": None}
        return {"rate": str(rate)}

    def validate_days(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        days = _decimal(value)
        if days is None or days != days.to_integral_value():
            return {"days": None}
        problem = days_problem(int(days))
        if problem:
            dispatcher.utter_message(text=problem.message)
            return {"days": None}
        return {"days": str(int(days))}


class ActionSimulateInterest(Action):
    """Runs when the form is complete; clears its slots so the next simulation starts fresh."""

    def name(self) -> Text:
        return "action_simulate_interest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        balance = Decimal(tracker.get_slot("balance"))
        rate_slot = tracker.get_slot("rate")
        rate_assumed = rate_slot == UNKNOWN_RATE
        rate = assumed_rate(balance) if rate_assumed else Decimal(rate_slot)
        days = int(tracker.get_slot("days"))
        monthly_payment = _decimal(tracker.get_slot("monthly_payment"))
        today = clock().now().date()
        problems = check_simulation(balance, rate, days, monthly_payment, start=today)
        if problems:
            dispatcher.utter_message(text=problems[0].message)
        else:
            dispatcher.utter_message(
                text=describe_simulation(balance, rate, days, monthly_payment, start=today, rate_assumed=rate_assumed)
            )
        return [SlotSet(slot, None) for slot in INTEREST_SLOTS]
