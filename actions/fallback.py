"""Messages the assistant could not understand: a polite answer, and the redacted text kept for training."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, extra_windows, latest_entity, with_database
from actions.handoff import hand_off
from actions.maintenance import ActionDescribeMaintenance
from actions.member_service import answers_for_named_features
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.clarification import (
    FRAUD_WORRY_FOLLOW_UP,
    MAINTENANCE_FOLLOW_UP,
    PHONE_FOLLOW_UP,
    PIN_FOLLOW_UP,
    actions_of_previous_turn,
    follow_up_of,
    is_small_talk_after_all,
    texts_of_previous_turn,
    time_asked_about,
    what_to_offer,
)
from business.followup import hint_when_unsure
from business.guidance import pin_question_guidance
from business.handoff import handoff_reason
from business.maintenance import not_fraud_during
from business.redaction import redact
from storage import repository

# Every topic the assistant helps with, as buttons (domain.yml): the menu after a second miss,
# and where the likely-topic buttons of a first miss come from.
TOPIC_MENU = "utter_topic_menu"


def _runner_up(tracker: Tracker) -> tuple[Optional[str], Optional[float]]:
    """The best real intent behind nlu_fallback, with its confidence."""
    ranking = [r for r in tracker.latest_message.get("intent_ranking", []) if r.get("name") != "nlu_fallback"]
    if not ranking:
        return None, None
    return ranking[0].get("name"), ranking[0].get("confidence")


def _record(tracker: Tracker) -> None:
    # Channels redact already; redacting again costs little and guards a channel that forgot.
    text = redact(tracker.latest_message.get("text") or "").text
    intent, confidence = _runner_up(tracker)
    now = clock().now()
    with_database(lambda session: repository.record_not_understood(session, text, intent, confidence, now), None)


class ActionNotUnderstood(Action):
    """NLU was unsure (nlu_fallback): the likely topics as buttons; after a second miss, the whole menu."""

    def name(self) -> Text:
        return "action_not_understood"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        _record(tracker)
        # 「土日は？」 right after the phone line, 「じゃあ12時すぎたら？」 right after the maintenance hours,
        # inside a form too (「次にその時間になるのはいつ？」 after the maintenance check that opened the triage).
        follow_up = follow_up_of(
            actions_of_previous_turn(tracker.events),
            tracker.latest_message.get("text") or "",
            latest_entity(tracker, "when") is not None,
            texts_of_previous_turn(tracker.events),
        )
        if follow_up == PHONE_FOLLOW_UP:
            return hand_off(dispatcher, tracker, handoff_reason(tracker.get_slot("eligibility"), None))
        if follow_up == MAINTENANCE_FOLLOW_UP:
            return await ActionDescribeMaintenance().run(dispatcher, tracker, domain)
        if follow_up == FRAUD_WORRY_FOLLOW_UP:
            now = clock().now()
            answer = not_fraud_during(now, extra_windows(now))
            if answer is not None:
                dispatcher.utter_message(text=answer)
                return []
        if follow_up == PIN_FOLLOW_UP:
            dispatcher.utter_message(text=pin_question_guidance(tracker.latest_message.get("text") or ""))
            answer_other_questions(dispatcher, tracker, (topics.PIN_RESET,), beside_pin_answer=True)
            return []
        # Inside a form the question is asked again right after, so a short apology is enough; 「そんなん、
        # わからへんわ」 gets how to pick an answer instead.
        if tracker.active_loop_name:
            hint = hint_when_unsure(tracker.get_slot("requested_slot"), tracker.latest_message.get("text") or "")
            if hint:
                dispatcher.utter_message(text=hint)
            else:
                dispatcher.utter_message(response="utter_default")
            return []
        if time_asked_about(tracker.latest_message.get("text") or "", latest_entity(tracker, "when") is not None):
            return await ActionDescribeMaintenance().run(dispatcher, tracker, domain)
        ranking = [(r.get("name"), r.get("confidence")) for r in tracker.latest_message.get("intent_ranking", [])]
        if is_small_talk_after_all(ranking):
            dispatcher.utter_message(response="utter_chitchat")
            return []
        # Unsure of the intent, but the message names a member-service function (「明細を見たい」):
        # its answer helps more than an apology.
        named = answers_for_named_features(tracker)
        for response in named:
            dispatcher.utter_message(response=response)
        if named:
            return []
        menu = domain.get("responses", {}).get(TOPIC_MENU, [{}])[0].get("buttons", [])
        by_intent = {button["payload"].lstrip("/"): button for button in menu}
        likely = what_to_offer(ranking, by_intent, actions_of_previous_turn(tracker.events), self.name())
        if likely:
            dispatcher.utter_message(response="utter_not_understood", buttons=[by_intent[i] for i in likely])
        else:
            dispatcher.utter_message(response=TOPIC_MENU)
        return []


class ActionDefaultFallback(Action):
    """No rule fits (e.g. a form question answered with something else): apologise, ask again.

    The message is reverted, so the conversation stands where it was before it.
    """

    def name(self) -> Text:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        _record(tracker)
        dispatcher.utter_message(response="utter_default")
        question = f"utter_ask_{tracker.get_slot('requested_slot')}"
        if tracker.active_loop_name and question in domain.get("responses", {}):
            dispatcher.utter_message(response=question)
        return [UserUtteranceReverted()]
