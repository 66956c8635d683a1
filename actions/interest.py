"""Interest simulation: a form for balance, rate and days, then the figures."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import clock, latest_entity, latest_intent
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.interest import (
    balance_problem,
    ceiling_note,
    check_simulation,
    days_problem,
    describe_other_periods,
    describe_simulation,
    rate_assumed_note,
    rate_problem,
    simulated_interest,
    simulation_rate,
    unread_answer_problem,
    unread_numbers_problem,
)
from business.japanese_numbers import find_quantities, parse_amount, parse_days, parse_rate, whole_days_named
from business.login_facts import interpret_reply
from business.message_facts import UNKNOWN_RATE, find_unread_numbers

INTEREST_SLOTS = ("balance", "rate", "days", "monthly_payment")
FORM_SLOTS = ("balance", "rate", "days")
# A plain answer to the question just asked (「10万」「18」「30」) is read by the slot's own parser.
_REPLY_PARSERS: Dict[str, Callable[[str], Any]] = {
    "balance": parse_amount,
    "rate": lambda text: UNKNOWN_RATE if interpret_reply("rate", text) else parse_rate(text),
    "days": parse_days,
}
# Problems with the monthly payment alone: the interest for the days can still be given.
_PAYMENT_PROBLEMS = frozenset({"payment_not_positive", "payment_not_whole_yen", "payment_too_small", "plan_too_long"})


def json_object(text: Optional[str]) -> Dict[str, Any]:
    """A JSON object kept in a text slot, or {} when there is none (or it is damaged)."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _decimal(value: Any) -> Optional[Decimal]:
    """A finite number from a slot value, or None ("abc", "NaN", "Infinity")."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _answers_the_latest_message(tracker: Tracker) -> bool:
    """True unless another action already answered the latest message (the form resumes after a detour).

    After 「メンテナンスはいつ？」 in the middle of the form, the form runs again on that same message:
    its numbers ("1月1日は…") are not an answer to the form's question.
    """
    after_user: List[Text] = []
    for event in tracker.events:
        if event.get("event") == "user":
            after_user = []
        elif event.get("event") == "action":
            after_user.append(event.get("name") or "")
    return all(name in {"interest_form", "action_listen"} for name in after_user)


def _slot_before_latest_message(tracker: Tracker, slot: Text) -> Any:
    """The slot's value as the latest user message arrived, before anything read from it."""
    value, before_user = None, None
    for event in tracker.events:
        if event.get("event") == "user":
            before_user = value
        elif event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
    return before_user


def _what_if(tracker: Tracker) -> List[Dict[Text, Any]]:
    """「じゃあ8万だったら？」「期間を2か月にしたら？」 right after a simulation: the figures not named
    again are the last simulation's, so only what the customer changed changes."""
    named = {entity.get("entity") for entity in tracker.latest_message.get("entities") or []}
    if not named & {"amount", "rate", "days"}:
        return []
    previous = json_object(tracker.get_slot("previous_simulation"))
    # 「6,986円ってことね。じゃあ金利が15%だったら？」: the last result read back is no new balance.
    echoed = tracker.get_slot("balance") is not None and _last_interest(previous) == _decimal(tracker.get_slot("balance"))
    events = [SlotSet("balance", str(previous["balance"]))] if echoed else []
    return events + [
        SlotSet(slot, str(previous[slot]))
        for slot in FORM_SLOTS
        if tracker.get_slot(slot) is None and previous.get(slot) is not None
    ]


def _last_interest(previous: Dict[Text, Any]) -> Optional[Decimal]:
    """The interest the last simulation gave, from the figures it kept; None when there was none."""
    balance, rate, days = (_decimal(previous.get(slot)) for slot in ("balance", "rate", "days"))
    if balance is None or days is None or (rate is None and previous.get("rate") != UNKNOWN_RATE):
        return None
    return simulated_interest(balance, rate, int(days), clock().now().date())


def _whole_days_named(tracker: Tracker) -> List[int]:
    """The whole numbers of days the latest message names, read from its `days` entities."""
    text = tracker.latest_message.get("text") or ""
    entities = [e for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "days"]
    return whole_days_named(text, [(e.get("value"), int(e.get("end") or 0)) for e in entities])


def _asks_about_a_word(tracker: Tracker) -> bool:
    """「利息って日割りで増えるんですか？もし1日でも遅れたら…」: the figures of a question about a word are
    no answers to the simulation's questions."""
    return latest_intent(tracker) == "ask_term"


def _completes_the_form(tracker: Tracker, events: List[Dict[Text, Any]]) -> bool:
    """Whether every question of the form is answered once `events` are applied."""
    values = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
    values.update({event["name"]: event.get("value") for event in events if event.get("event") == "slot" and event.get("name") in FORM_SLOTS})
    return all(value is not None for value in values.values())


class ValidateInterestForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_interest_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[Dict[Text, Any]]:
        """Validation as usual; then an answer to the simulation is not also a login problem, and another
        question of the message (「利息を計算して。あとカードなしでもログインできる？」) gets its short answer
        before the form asks on.

        「わからない」 or 「忘れた」 said of the rate also reads as a forgotten password (problem = forgot),
        which would skip that question in the next login triage: the problem slot is put back as it was.
        """
        events = await super().run(dispatcher, tracker, domain)
        if _answers_the_latest_message(tracker) and not _completes_the_form(tracker, events):
            # A form completed by this message leaves the other question to the simulation's answer,
            # which gives it after the figure it was asked beside.
            answer_other_questions(dispatcher, tracker, (topics.INTEREST,), simulating=True)
        answered = any(event.get("event") == "slot" and event.get("name") in FORM_SLOTS for event in events)
        misread = any(entity.get("entity") == "problem" for entity in tracker.latest_message.get("entities") or [])
        if answered and misread and tracker.get_slot("requested_slot") in FORM_SLOTS and _answers_the_latest_message(tracker):
            events.append(SlotSet("problem", _slot_before_latest_message(tracker, "problem")))
        return events

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """The answer to the question just asked; never a silent re-ask when the customer typed a number.

        When the form starts (no question asked yet), numbers nothing could read are named, so the
        customer knows why the form asks for a value they think they gave. When a question was asked
        and its answer had a number that could not be read, the form explains and asks again.
        """
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot")
        if requested is None:  # the form starts with this message (ask_interest, or figures routed here)
            unread = find_unread_numbers(text)
            if unread and any(tracker.get_slot(slot) is None for slot in FORM_SLOTS):
                dispatcher.utter_message(text=unread_numbers_problem(unread).message)
            return _what_if(tracker)
        if requested not in _REPLY_PARSERS or tracker.get_slot(requested) is not None:
            return []
        if not _answers_the_latest_message(tracker):
            return []
        value = _REPLY_PARSERS[requested](text)
        if value is not None:
            return [SlotSet(requested, str(value))]
        unread = find_unread_numbers(text)
        if unread and not find_quantities(text):
            dispatcher.utter_message(text=unread_answer_problem(requested, unread).message)
            return [SlotSet(requested, None)]  # validated, so the form asks again instead of giving up
        return []

    def validate_balance(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None or _asks_about_a_word(tracker):
            return {"balance": None}
        balance = _decimal(value)
        if balance is None:
            dispatcher.utter_message(text=unread_answer_problem("balance", [str(value)]).message)
            return {"balance": None}
        problem = balance_problem(balance)
        if problem:
            dispatcher.utter_message(text=problem.message)
            return {"balance": None}
        validated: Dict[Text, Any] = {"balance": str(balance)}
        # A rate given earlier was checked against the highest ceiling; this balance may allow less.
        rate = _decimal(tracker.get_slot("rate"))
        if rate is not None and "rate" not in tracker.slots_to_validate():
            problem = rate_problem(rate, balance)
            if problem:
                dispatcher.utter_message(text=problem.message)
                validated["rate"] = None
        return validated

    def validate_rate(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None or _asks_about_a_word(tracker):
            return {"rate": None}
        if value == UNKNOWN_RATE:
            # The result says it too; said now only when another question comes first.
            if tracker.get_slot("days") is None and latest_entity(tracker, "days") is None:
                dispatcher.utter_message(text=rate_assumed_note(_decimal(tracker.get_slot("balance"))))
            return {"rate": UNKNOWN_RATE}
        rate = _decimal(value)
        if rate is None:
            dispatcher.utter_message(text=unread_answer_problem("rate", [str(value)]).message)
            return {"rate": None}
        # Checked against the balance kept, or else the one named with it; one that cannot be simulated
        # (「1兆円を17.8%で」) leaves only the highest ceiling (business.interest).
        balance = _decimal(tracker.get_slot("balance"))
        if balance is None:
            named = [e.get("value") for e in tracker.latest_message.get("entities") or [] if e.get("entity") == "amount"]
            balance = _decimal(named[0]) if named else None
        problem = rate_problem(rate, balance)
        if problem:
            dispatcher.utter_message(text=problem.message)
            return {"rate": None}
        note = ceiling_note(rate, balance)
        if note:
            dispatcher.utter_message(text=note)
        return {"rate": str(rate)}

    def validate_days(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if value is None or _asks_about_a_word(tracker):
            return {"days": None}
        days = _decimal(value)
        if days is None:
            dispatcher.utter_message(text=unread_answer_problem("days", [str(value)]).message)
            return {"days": None}
        problem = days_problem(days)
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
        rate = simulation_rate(balance, None if rate_assumed else Decimal(rate_slot))
        days = int(tracker.get_slot("days"))
        monthly_payment = _decimal(tracker.get_slot("monthly_payment"))
        today = clock().now().date()
        problems = check_simulation(balance, rate, days, monthly_payment, start=today)
        if problems and all(problem.code in _PAYMENT_PROBLEMS for problem in problems):
            # The monthly payment cannot work, but the interest for the days still can be given.
            dispatcher.utter_message(
                text=describe_simulation(balance, rate, days, None, start=today, rate_assumed=rate_assumed)
            )
            dispatcher.utter_message(text=problems[0].message)
        elif problems:
            dispatcher.utter_message(text="\n".join(problem.message for problem in problems))
        else:
            dispatcher.utter_message(
                text=describe_simulation(balance, rate, days, monthly_payment, start=today, rate_assumed=rate_assumed)
            )
        other_periods = [value for value in _whole_days_named(tracker) if value != days]
        if not problems and other_periods:
            dispatcher.utter_message(text=describe_other_periods(balance, rate, other_periods, today))
        ceiling_told = any(problem.code == "rate_above_ceiling" for problem in problems)
        answer_other_questions(dispatcher, tracker, (topics.INTEREST, topics.RATE_CEILING) if ceiling_told else (topics.INTEREST,))
        kept = {slot: tracker.get_slot(slot) for slot in FORM_SLOTS}
        return [SlotSet(slot, None) for slot in INTEREST_SLOTS] + [
            SlotSet("previous_simulation", json.dumps(kept, sort_keys=True))
        ]
