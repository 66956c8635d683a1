"""A bare answer given when no question is open: a correction of an earlier answer, or a new start."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import latest_entity
from business.triage import TriageFacts, corrected, with_card_holding_said

TRIAGE_ENTITIES = ("login_method", "problem", "eligibility", "card_holder")
INTEREST_ENTITIES = ("amount", "monthly_payment", "rate", "days")
# Slot inform_topic: which flow the rules start next (data/rules/login.yml, interest.yml).
LOGIN, INTEREST, NONE = "login", "interest", "none"


def said_facts(tracker: Tracker) -> TriageFacts:
    """The login facts the latest message states (the rest None); 「持っていない」 alone, right after an
    answer that told card holders and everyone else apart, says whether the customer holds the card."""
    said = TriageFacts(**{entity: latest_entity(tracker, entity) for entity in TRIAGE_ENTITIES})
    previous = TriageFacts.from_json(tracker.get_slot("previous_triage"))
    return with_card_holding_said(said, tracker.get_slot("last_outcome"), previous, tracker.latest_message.get("text") or "")


def correction_events(tracker: Tracker, said: TriageFacts) -> List[Dict[Text, Any]]:
    """The triage slots set to the last answer's facts with what the customer now says in their place."""
    facts = corrected(TriageFacts.from_json(tracker.get_slot("previous_triage")), said)
    return [SlotSet(slot, value) for slot, value in facts.__dict__.items()] + [SlotSet("awaiting_feedback", False)]


class ActionRouteInform(Action):
    """「カードありました」 after the reissue answer, 「延滞しています」 out of the blue, 「10万円です」:

    login facts restart the triage with the facts of the last answer kept and the new ones in their
    place, so the answer comes again for what changed; interest figures start the simulation.
    """

    def name(self) -> Text:
        return "action_route_inform"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        said = said_facts(tracker)
        figures = any(latest_entity(tracker, entity) is not None for entity in INTEREST_ENTITIES)
        # 「ちがう、期間まちがえた。45日！」: a problem word next to figures is about the figures.
        about_login = any(value is not None for field, value in said.__dict__.items() if field != "problem")
        if about_login or (said.problem is not None and not figures):
            return correction_events(tracker, said) + [SlotSet("inform_topic", LOGIN)]
        if figures:
            return [SlotSet("awaiting_feedback", False), SlotSet("inform_topic", INTEREST)]
        return [SlotSet("inform_topic", NONE)]
