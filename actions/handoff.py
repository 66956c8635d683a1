"""Phone handoff: the call centre's number, whether it is open now, and a reference to quote."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import (
    clock,
    closed_days,
    conversation_intents,
    latest_entity,
    latest_intent,
    named_moment,
    with_database,
)
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.clarification import answer_instead_of_handoff, texts_of_previous_turn
from business.guidance import locked_ways_back
from business.handoff import (
    asks_for_another_way,
    handoff_message,
    handoff_reason,
    refines,
    same_reason,
    ways_back_first,
)
from business.login_facts import PROMISE_LINE_ONLY, card_lost
from business.time_zones import names_own_clock
from storage import repository


def handoff_reference(tracker: Tracker, reason: str) -> Tuple[str, Optional[str]]:
    """The reason and reference number of a handoff, recorded if the database is up (else no reference).
    Asked again for the same reason in one conversation, the same reference number is given, and
    nothing is recorded."""
    earlier = tracker.get_slot("handoff_reference")
    earlier_reason = tracker.get_slot("handoff_reason")
    reason = same_reason(earlier_reason, reason) if earlier else reason
    intents = conversation_intents(tracker)
    if earlier and reason == earlier_reason:
        return reason, earlier
    if earlier and refines(earlier_reason, reason):
        with_database(lambda session: repository.give_handoff_reason(session, earlier, reason, intents), False)
        return reason, earlier
    now = clock().now()
    return reason, with_database(
        lambda session: repository.record_handoff(session, reason, intents, tracker.sender_id, now), None
    )


def reference_events(reason: str, reference: Optional[str]) -> List[Dict[Text, Any]]:
    """The slots that keep a given reference for the rest of the conversation."""
    return [SlotSet("handoff_reference", reference), SlotSet("handoff_reason", reason)] if reference else []


def hand_off(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    reason: str,
    ways_back_given: bool = False,
    why: Optional[str] = None,
) -> List[Dict[Text, Any]]:
    """Record the handoff and tell the customer how to call, with the reference number to quote.
    `ways_back_given`: a way in without calling was just said, so another way is not refused; `why`:
    words for why in place of the reason's usual ones."""
    now = clock().now()
    reason, reference = handoff_reference(tracker, reason)
    line = latest_entity(tracker, "call_line")
    dispatcher.utter_message(
        text=handoff_message(
            reason,
            now,
            closed_days(now.date()),
            reference=reference,
            ladies_asked=line == "ladies",
            ladies_offered=line != PROMISE_LINE_ONLY,
            named_time=(named.moment, named.has_time) if (named := named_moment(tracker, now)) else None,
            another_way=not ways_back_given and asks_for_another_way(tracker.latest_message.get("text") or ""),
            abroad=names_own_clock(tracker.latest_message.get("text") or ""),
            why=why,
        )
    )
    answer_other_questions(dispatcher, tracker, (topics.CALL_CENTRE,))
    return reference_events(reason, reference)


class ActionPhoneHandoff(Action):
    """Asked for the phone line, or a login notice the customer does not recognise."""

    def name(self) -> Text:
        return "action_phone_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        instead = answer_instead_of_handoff(texts_of_previous_turn(tracker.events), text)
        if instead is not None:
            dispatcher.utter_message(text=instead)
            return []
        reason = handoff_reason(
            tracker.get_slot("eligibility"), latest_intent(tracker), card_lost(text)
        )
        locked = ways_back_first(latest_entity(tracker, "problem"), reason)
        if locked:
            login_method = latest_entity(tracker, "login_method") or tracker.get_slot("login_method")
            dispatcher.utter_message(text=locked_ways_back(login_method, tracker.get_slot("card_holder")))
        return hand_off(dispatcher, tracker, reason, ways_back_given=locked) + [SlotSet("awaiting_feedback", False)]
