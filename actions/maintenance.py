"""Maintenance: checked first when a customer cannot log in, and answered when asked about."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, extra_windows, named_moment, triage_facts
from actions.handoff import hand_off
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.clarification import actions_of_previous_turn, texts_of_previous_turn, time_question_follows_phone
from business.guidance import retry_warning
from business.handoff import handoff_reason
from business.maintenance_check import (
    also_asked,
    check_login_time,
    describe_schedule,
    with_repayment_hours_if_asked,
    with_schedule_if_asked,
    with_time_zone_note,
)
from business.triage import skips_maintenance_check


class ActionCheckMaintenance(Action):
    """Sets maintenance_now: true stops here with the maintenance answer, false starts the triage."""

    def name(self) -> Text:
        return "action_check_maintenance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        events = [SlotSet("awaiting_feedback", False)]
        if skips_maintenance_check(triage_facts(tracker)):
            return events + [SlotSet("maintenance_now", False)]
        now = clock().now()
        extra = extra_windows(now)
        verdict = check_login_time(now, named_moment(tracker, now), extra)
        warning = None if verdict.blocks_login else retry_warning(tracker.latest_message.get("text") or "", tracker.get_slot("problem"))
        text = tracker.latest_message.get("text") or ""
        message = with_time_zone_note(with_schedule_if_asked(verdict.message, text), text, now, extra)
        dispatcher.utter_message(text=message + (f"\n{warning}" if warning else ""))
        answer_other_questions(dispatcher, tracker, (topics.MAINTENANCE,))
        return events + [SlotSet("maintenance_now", verdict.blocks_login)]


class ActionDescribeMaintenance(Action):
    def name(self) -> Text:
        return "action_describe_maintenance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        text = tracker.latest_message.get("text") or ""
        if time_question_follows_phone(actions_of_previous_turn(tracker.events), text, texts_of_previous_turn(tracker.events)):
            return hand_off(dispatcher, tracker, handoff_reason(tracker.get_slot("eligibility"), None))
        now = clock().now()
        extra = extra_windows(now)
        named = named_moment(tracker, now)
        answer = with_repayment_hours_if_asked(
            with_schedule_if_asked(describe_schedule(now, named, extra, also_asked(named, text, now)), text), text
        )
        dispatcher.utter_message(text=with_time_zone_note(answer, text, now, extra))
        answer_other_questions(dispatcher, tracker, (topics.MAINTENANCE,))
        return []


class ActionTriageContinues(Action):
    """The failure told again during the triage. With a time (「きのうの5時ごろにも入れんかった」), whether
    that time was in maintenance; otherwise a word that the questions go on. The form asks on after it."""

    def name(self) -> Text:
        return "action_triage_continues"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        now = clock().now()
        named = named_moment(tracker, now)
        if named is None or not named.has_time:
            dispatcher.utter_message(response="utter_triage_continues")
            return []
        extra = extra_windows(now)
        verdict = check_login_time(now, named, extra)
        dispatcher.utter_message(text=with_time_zone_note(verdict.message, tracker.latest_message.get("text") or "", now, extra))
        return []
