"""A second question in the customer's message, answered after the main answer (business.other_questions)."""

from __future__ import annotations

from typing import Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from business.other_questions import extra_answers


def answer_other_questions(dispatcher: CollectingDispatcher, tracker: Tracker, answered: Iterable[str]) -> None:
    """Adds a short answer for each other question of the latest message; `answered` names the topics
    the main answer already covered."""
    for text in extra_answers(tracker.latest_message.get("text") or "", answered):
        dispatcher.utter_message(text=text)
