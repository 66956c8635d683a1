"""Follow-up questions about the assistant's own turn: say it again, say why it asks, explain a word."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.other_questions import answer_other_questions
from business import other_questions as topics
from business.followup import (
    AGAIN,
    asks_for_simpler,
    hint_when_unsure,
    last_answer,
    last_answer_was_outcome,
    question_named,
    why_asked,
)
from business.glossary import UNKNOWN_TERM, explain_term
from business.guidance import plain_guidance
from business.triage import Outcome, TriageFacts


class ActionRepeatLastAnswer(Action):
    """「もう一度」「つまり？」: the last answer again, buttons included (a reference number stays the same)."""

    def name(self) -> Text:
        return "action_repeat_last_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        replies = last_answer(tracker.events)
        if not replies:
            dispatcher.utter_message(response="utter_how_can_i_help")
            return []
        plain = _plain_answer(tracker)
        if plain is not None:
            dispatcher.utter_message(text=plain)
            dispatcher.utter_message(response="utter_ask_resolved")
            return []
        dispatcher.utter_message(text=AGAIN)
        for reply in replies:
            buttons = (reply.get("data") or {}).get("buttons") or []
            dispatcher.utter_message(text=reply.get("text") or None, buttons=buttons)
        return []


def _plain_answer(tracker: Tracker) -> Optional[str]:
    """The last answer in plain words, when the customer found it hard and it was a triage outcome's."""
    if not asks_for_simpler(tracker.latest_message.get("text") or "") or not last_answer_was_outcome(tracker.events):
        return None
    try:
        outcome = Outcome(tracker.get_slot("last_outcome"))
    except ValueError:
        return None
    return plain_guidance(outcome, TriageFacts.from_json(tracker.get_slot("previous_triage")).login_method)


class ActionExplainQuestion(Action):
    """「それ答えないとダメ？」: why the open question matters; the form asks it again after this.
    With no question open, the last answer again."""

    def name(self) -> Text:
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        requested = tracker.get_slot("requested_slot") if tracker.active_loop_name else None
        if requested is None:
            # 「返済だの収入だの、なして聞くの？」: why a question is asked, named by its topic.
            named = question_named(tracker.latest_message.get("text") or "")
            if named is not None:
                dispatcher.utter_message(text=why_asked(named))
                return []
            # No question is open: 「それ答えないとダメ？」「本当に？」 are about the last answer, said again
            # (it tells each case apart: with or without a card, and a suspension).
            return await ActionRepeatLastAnswer().run(dispatcher, tracker, domain)
        # 「答えないとダメ？母はどちらで入っていたか覚えていない」: the reason, then how to tell the answers apart.
        hint = hint_when_unsure(requested, tracker.latest_message.get("text") or "")
        dispatcher.utter_message(text=why_asked(requested) + (f"\n{hint}" if hint else ""))
        return []


class ActionExplainTerm(Action):
    """「本人確認書類って何？」: the word in plain Japanese, or where to ask when it is not one the assistant knows."""

    def name(self) -> Text:
        return "action_explain_term"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[Dict[Text, Any]]:
        dispatcher.utter_message(text=explain_term(tracker.latest_message.get("text") or "") or UNKNOWN_TERM)
        answer_other_questions(dispatcher, tracker, (topics.TERM,))
        return []
