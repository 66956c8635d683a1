"""解決しましたか？ — the customer's answer, recorded for the resolution rate."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, latest_intent, with_database
from actions.other_questions import answer_other_questions
from actions.routing import correction_events, said_facts
from business.triage import TriageFacts, asks_if_the_answer_holds, changes_facts
from storage import repository


class ActionRecordFeedback(Action):
    """Stores yes/no with the outcome it was about, then thanks or offers the next step; a message that
    corrects a fact of that outcome instead starts the triage again with it."""

    def name(self) -> Text:
        return "action_record_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        said = said_facts(tracker)
        previous = TriageFacts.from_json(tracker.get_slot("previous_triage"))
        text = tracker.latest_message.get("text") or ""
        if latest_intent(tracker) != "affirm" and (changes_facts(previous, said) or asks_if_the_answer_holds(previous, said, text)):
            # Not an answer to 解決しましたか but a corrected fact, or the same facts with 「同じやり方でいい？」:
            # the triage again, which gives the answer for those facts.
            return correction_events(tracker, said) + [FollowupAction("login_triage_form")]
        resolved = latest_intent(tracker) == "affirm"
        outcome = tracker.get_slot("last_outcome") or ""
        now = clock().now()
        with_database(
            lambda session: repository.record_feedback(session, tracker.sender_id, outcome, resolved, now), None
        )
        dispatcher.utter_message(response="utter_glad_it_helped" if resolved else "utter_offer_next_step")
        answer_other_questions(dispatcher, tracker)
        return [SlotSet("awaiting_feedback", False)]
