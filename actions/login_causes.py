"""「ログインできない原因は？」「ログイン方法の違いは？」: general questions about logging in, not a report."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import clock, extra_windows
from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.maintenance_check import maintenance_under_way


class ActionExplainLoginCauses(Action):
    """A general question, not a report: no triage starts; the buttons offer it, the hours and the phone."""

    def name(self) -> Text:
        return "action_explain_login_causes"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        now = clock().now()
        under_way = maintenance_under_way(now, extra_windows(now))
        if under_way:
            dispatcher.utter_message(text=under_way)
        dispatcher.utter_message(response="utter_login_causes")
        answer_other_questions(dispatcher, tracker, (topics.MAINTENANCE, topics.CALL_CENTRE))
        return []


class ActionExplainLoginMethods(Action):
    """The two ways to log in, then a short answer to another question of the message (「IDとカードで何が
    違うの？あとVポイントって返済に使える？」). Asked during the triage, the triage goes on after it."""

    def name(self) -> Text:
        return "action_explain_login_methods"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_login_methods")
        answer_other_questions(dispatcher, tracker, (topics.LOGIN_METHODS,))
        return []
