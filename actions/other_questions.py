"""A second question in the customer's message, answered after the main answer (business.other_questions)."""

from __future__ import annotations

from typing import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, extra_windows, named_moment
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


def answer_other_questions(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    answered: Iterable[str] = (),
    features: bool = True,
    beside_pin_answer: bool = False,
) -> None:
    """Adds a short answer for each other question of the latest message; `answered` names the topics
    the main answer already covered, `features` False when it was about member-service functions, and
    `beside_pin_answer` True when it was the PIN answer (functions asked about the PIN are left to it)."""
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
    if INTEREST not in answered and interest_asked(message):
        text, title, payload = INTEREST_OFFER
        dispatcher.utter_message(text=text, buttons=[{"title": title, "payload": payload}])
    if features:
        from actions.member_service import ANSWERS

        for feature in features_asked(message, beside_pin_answer)[:MAX_EXTRA]:
            dispatcher.utter_message(response=ANSWERS[feature])
