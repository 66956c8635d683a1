"""会員サービスでできること: the overview of the eight functions, or a short answer for each one asked."""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.other_questions import FEATURE_RESPONSES, answer_other_questions
from business import member_service as ms
from business import other_questions as topics

OVERVIEW = "utter_member_service_overview"


def answers_for_named_features(tracker: Tracker) -> List[str]:
    """The answer of each function the latest message names (entity service_feature); none if it names none."""
    return [FEATURE_RESPONSES[feature] for feature in ms.features_to_answer(list(tracker.get_latest_entity_values(ms.ENTITY)))]


class ActionExplainMemberService(Action):
    """The functions named in the message (entity service_feature), else the overview with a button each."""

    def name(self) -> Text:
        return "action_explain_member_service"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        named = answers_for_named_features(tracker)
        overview = [OVERVIEW] if ms.gives_overview(named, tracker.latest_message.get("text") or "") else []
        for response in overview + named:
            dispatcher.utter_message(response=response)
        answer_other_questions(dispatcher, tracker, (topics.SETTINGS, topics.TERM, topics.INTEREST, topics.FEATURES), features=False)
        return []


class ActionExplainMerits(Action):
    """The merits and the one demerit, then a short answer to each other question of the message
    (「メリットとデメリットを教えてください。それと、利息のシミュレーションもできるのでしょうか」)."""

    def name(self) -> Text:
        return "action_explain_merits"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(response="utter_member_service_merits")
        answer_other_questions(dispatcher, tracker, topics.answered_beside_merits(tracker.latest_message.get("text") or ""))
        return []
