"""A second question in the customer's message, answered after the main answer (business.other_questions)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Iterable, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, extra_windows, latest_entity, named_moment
from business import member_service as ms
from business.interest import describe_simulation, simulated_interest
from business.maintenance import describe_now, window_at
from business.maintenance_check import SCHEDULE, describe_schedule
from business.other_questions import (
    INTEREST,
    INTEREST_OFFER,
    MAINTENANCE,
    MAX_EXTRA,
    extra_answers,
    features_asked,
    interest_asked,
    questions_in,
)

# The response answering each member-service function, by its business.member_service name; named in
# full (not built from the value) so the responses can be found from the code.
FEATURE_RESPONSES = {
    ms.INTERNET_REPAYMENT: "utter_feature_internet_repayment",
    ms.ACCOUNT_TRANSFER: "utter_feature_account_transfer",
    ms.V_POINTS: "utter_feature_v_points",
    ms.LIMIT_INCREASE: "utter_feature_limit_increase",
    ms.TRANSACTION_HISTORY: "utter_feature_transaction_history",
    ms.DUE_DATE_EMAIL: "utter_feature_due_date_email",
    ms.INTEREST_SIMULATION: "utter_feature_interest_simulation",
    ms.SETTINGS: "utter_feature_settings",
}


def _simulation_given(tracker: Tracker) -> Optional[str]:
    """The result for a message that gave every figure beside another question (「残高30万、年15%、30日。
    ついでに聞くが…」): computed here rather than offered, when the figures are valid."""
    figures = [latest_entity(tracker, name) for name in ("amount", "rate", "days")]
    if None in figures:
        return None
    try:
        balance, rate, days = Decimal(figures[0]), Decimal(figures[1]), int(figures[2])
    except (InvalidOperation, ValueError):  # a rate not known, or a fraction of a day: the form's business
        return None
    today = clock().now().date()
    if simulated_interest(balance, rate, days, today) is None:
        return None
    return describe_simulation(balance, rate, days, start=today)


def answer_other_questions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    answered: Iterable[str] = (),
    features: bool = True,
    beside_pin_answer: bool = False,
    simulating: bool = False,
) -> None:
    """Adds a short answer for each other question of the latest message; `answered` names the topics
    the main answer already covered, `features` False when it was about member-service functions, and
    `beside_pin_answer` True when it was the PIN answer (functions asked about the PIN are left to it),
    `simulating` True inside the interest simulation."""
    answered = tuple(answered)
    message = tracker.latest_message.get("text") or ""
    maintenance = ""
    if MAINTENANCE in questions_in(message) and MAINTENANCE not in answered:
        now = clock().now()
        named = named_moment(tracker, now)
        maintenance = (
            describe_schedule(now, named, extra_windows(now)) if named
            else describe_now(window_at(now, extra_windows(now)), now) + "\n" + SCHEDULE
        )
    for text in extra_answers(message, answered, maintenance=maintenance):
        dispatcher.utter_message(text=text)
    result = None if INTEREST in answered else _simulation_given(tracker)
    if result is not None:
        dispatcher.utter_message(text=result)
    elif INTEREST not in answered and interest_asked(message):
        text, title, payload = INTEREST_OFFER
        dispatcher.utter_message(text=text, buttons=[{"title": title, "payload": payload}])
    if features:
        # Inside the simulation, the simulation function's own description would only say what is being done.
        asked = [f for f in features_asked(message, beside_pin_answer) if not (simulating and f == ms.INTEREST_SIMULATION)]
        for feature in asked[:MAX_EXTRA]:
            dispatcher.utter_message(response=FEATURE_RESPONSES[feature])
