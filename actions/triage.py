"""Login triage form: asks only what is still unknown, then gives the answer for that case."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.context import triage_facts
from actions.handoff import hand_off, handoff_reference, reference_events
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.followup import hint_when_unsure, question_open_at_latest_message
from business.guidance import guidance_for, pin_question_guidance
from business.handoff import (
    SHUT_OUT_AFTER_INTRUSION,
    SUSPICIOUS_LOGIN,
    handoff_reason,
    reference_line,
    reference_reason,
)
from business.login_facts import interpret_reply
from business.triage import Outcome, decide, needed_questions, pin_question_is_a_detour

TRIAGE_SLOTS = ("login_method", "problem", "eligibility", "card_holder")
# What each written outcome already tells, so a second question about it is not answered twice.
ANSWERED_BY = {
    Outcome.REISSUE: (topics.REISSUE,),
    Outcome.PIN_RESET: (topics.PIN_RESET,),
    Outcome.LOCKED: (topics.REISSUE, topics.PIN_RESET, topics.CALL_CENTRE, topics.LOCKOUT),
    Outcome.INPUT_CHECK: (topics.REISSUE, topics.LOCKOUT),
}


class ValidateLoginTriageForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_login_triage_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        # Answered slots stay in the list: rasa-sdk validates only slots listed here. A fact said in
        # passing that no question needs (「カードは持ってない」 while asked what happened) is listed
        # too, so it is kept rather than the message rejected and undone; being filled, it is never asked.
        needed = needed_questions(triage_facts(tracker))
        return needed + [slot for slot in TRIAGE_SLOTS if slot not in needed and tracker.get_slot(slot) is not None]

    async def get_extraction_events(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[Text, Any]]:
        """A short reply to the question just asked (「カードです」「いいえ」) fills that slot. A fact the
        customer adds that answers another question (「カードはもってない」 when asked what happened) is
        kept as said, so the question is asked again without an apology."""
        requested = tracker.get_slot("requested_slot")
        if requested not in TRIAGE_SLOTS or tracker.get_slot(requested) is not None:
            return []
        if _is_detour(tracker, requested, domain):
            # 「遅れてませんよ、一度も。なんでそんなこと聞くんですか？」: the reason is given, and the answer kept.
            if (tracker.latest_message.get("intent") or {}).get("name") == "ask_why_asked":
                return [SlotSet(requested, value) for value in tracker.get_latest_entity_values(requested)][:1]
            return []  # 「暗証番号って電話で教えてくれる？」 is a question to answer, not the login method
        text = tracker.latest_message.get("text") or ""
        value = interpret_reply(requested, text)
        if value is not None:
            return [SlotSet(requested, value)]
        said = [entity.get("entity") for entity in tracker.latest_message.get("entities") or []]
        hint = None if requested in said else hint_when_unsure(requested, text)
        if hint:
            dispatcher.utter_message(text=hint)
        return [
            SlotSet(entity["entity"], entity["value"])
            for entity in tracker.latest_message.get("entities") or []
            if entity.get("entity") in TRIAGE_SLOTS and entity.get("entity") != requested
        ]

    # Categorical answers: anything outside the slot's values (a forged payload) is not kept.
    def validate_login_method(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return _only_allowed("login_method", value, domain)

    def validate_problem(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return _only_allowed("problem", value, domain)

    def validate_eligibility(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return _only_allowed("eligibility", value, domain)

    def validate_card_holder(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        return _only_allowed("card_holder", value, domain)


def _is_detour(tracker: Tracker, slot: Text, domain: DomainDict) -> bool:
    """Whether the latest message is a question the slot's mappings leave alone (domain.yml `not_intent`):
    the form then lets it through to its own answer, and the open question comes back after."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    mappings = domain.get("slots", {}).get(slot, {}).get("mappings") or []
    return any(intent in (mapping.get("not_intent") or []) for mapping in mappings)


def _only_allowed(slot: Text, value: Any, domain: DomainDict) -> Dict[Text, Optional[Text]]:
    allowed = domain.get("slots", {}).get(slot, {}).get("values") or []
    return {slot: value if value in allowed else None}


class ActionTriageOutcome(Action):
    """Runs when the triage form is complete; clears the triage so a new problem starts fresh."""

    def name(self) -> Text:
        return "action_triage_outcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        facts = triage_facts(tracker)
        outcome = decide(facts)
        handoff_events: List[Dict[Text, Any]] = []
        if outcome is Outcome.HANDOFF:
            if facts.shut_out_after_intrusion:
                handoff_events = hand_off(dispatcher, tracker, SUSPICIOUS_LOGIN, why=SHUT_OUT_AFTER_INTRUSION)
            else:
                handoff_events = hand_off(dispatcher, tracker, handoff_reason(facts.eligibility, None))
            asks_feedback = False
        else:
            guidance = guidance_for(outcome, facts, tracker.latest_message.get("text") or "")
            wanted_reason = reference_reason(outcome)
            if wanted_reason is not None:
                reason, reference = handoff_reference(tracker, wanted_reason)
                guidance = f"{guidance}\n{reference_line(reference)}" if reference else guidance
                handoff_events = reference_events(reason, reference)
            dispatcher.utter_message(text=guidance)
            answer_other_questions(dispatcher, tracker, ANSWERED_BY[outcome])
            dispatcher.utter_message(response="utter_ask_resolved")
            asks_feedback = True
        return handoff_events + [SlotSet(slot, None) for slot in TRIAGE_SLOTS] + [
            SlotSet("previous_triage", facts.to_json()),
            SlotSet("last_outcome", outcome.value),
            SlotSet("awaiting_feedback", asks_feedback),
        ]


class ActionExplainPinReset(Action):
    """A question about changing or resetting the card PIN: the one place it can be done, and what to bring."""

    def name(self) -> Text:
        return "action_explain_pin_reset"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=pin_question_guidance(tracker.latest_message.get("text") or ""))
        interrupted = question_open_at_latest_message(tracker.events, "login_triage_form")
        if interrupted and pin_question_is_a_detour(tracker.get_slot("login_method")):
            # The triage's facts stay; its question is asked again, and the answer to it resumes the triage.
            dispatcher.utter_message(response=f"utter_ask_{interrupted}")
            return []
        # 「会員サービスの設定変更でできる？」 is answered by the PIN answer itself; 「あとVポイントで返済できる？」 is not.
        answer_other_questions(dispatcher, tracker, (topics.PIN_RESET,), beside_pin_answer=True)
        dispatcher.utter_message(response="utter_ask_resolved")
        return [SlotSet(slot, None) for slot in TRIAGE_SLOTS] + [
            SlotSet("last_outcome", Outcome.PIN_RESET.value),
            SlotSet("awaiting_feedback", True),
        ]
