"""The state copy equals Rasa's replaying copy, event for event, on a conversation with every kind of turn."""

from __future__ import annotations

import pytest
from rasa.core.actions.forms import FormAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    FollowupAction,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from deployment.settings import PROJECT_ROOT
from rasa_addons import tracker_copy

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))


def user(text: str, intent: str, entities: list | None = None) -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.9}, entities or [])


CONVERSATION = [
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    user("こんにちは", "greet"), ActionExecuted("utter_greet"), BotUttered("こんにちは"), ActionExecuted("action_listen"),
    user("ログインできません", "report_login_problem"), ActionExecuted("action_check_maintenance"),
    SlotSet("maintenance_now", False), ActionExecuted("login_triage_form"), ActiveLoop("login_triage_form"),
    SlotSet("requested_slot", "login_method"), BotUttered("どちらの方法ですか？"), ActionExecuted("action_listen"),
    user("ふがふが", "report_login_problem"), ActionExecutionRejected("login_triage_form"),
    ActionExecuted("action_default_fallback"), BotUttered("うまく読み取れませんでした"), UserUtteranceReverted(),
    user("カードです", "inform", [{"entity": "login_method", "value": "card_pin"}]),
    SlotSet("login_method", "card_pin"), ActionExecuted("login_triage_form"), SlotSet("requested_slot", "problem"),
    ActionExecuted("action_listen"),
    user("ぴよ", "nlu_fallback"), ActionExecutionRejected("login_triage_form"), ActionExecuted("action_default_fallback"),
    UserUtteranceReverted(),
    user("忘れました", "inform", [{"entity": "problem", "value": "forgot"}]), SlotSet("problem", "forgot"),
    ActionExecuted("login_triage_form"), ActiveLoop(None), SlotSet("requested_slot", None),
    FollowupAction("action_triage_outcome"), ActionExecuted("action_triage_outcome"), BotUttered("再発行の手順"),
    ActionExecuted("action_listen"),
    ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
    user("ありがとう", "thank"), ActionExecuted("utter_you_are_welcome"), ActionExecuted("action_listen"),
]


def snapshot(tracker: DialogueStateTracker) -> dict:
    return {
        "state": tracker.current_state(EventVerbosity.ALL),
        "slots": {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()},
        "followup": tracker.followup_action,
        "paused": tracker.is_paused(),
        "active_loop": tracker.active_loop,
        "past_states": tracker.past_states(DOMAIN),
    }


@pytest.mark.parametrize("length", range(1, len(CONVERSATION) + 1))
def test_the_copy_equals_a_replay_after_every_event(length: int) -> None:
    tracker = DialogueStateTracker.from_events("customer", CONVERSATION[:length], DOMAIN.slots)
    assert snapshot(tracker_copy.state_copy(tracker)) == snapshot(tracker_copy._replaying_copy(tracker))


@pytest.mark.parametrize("length", range(1, len(CONVERSATION) + 1))
def test_a_forms_temporary_tracker_equals_rasas_after_every_event(length: int) -> None:
    tracker = DialogueStateTracker.from_events("customer", CONVERSATION[:length], DOMAIN.slots)
    form = FormAction("login_triage_form", None)
    extra = [SlotSet("problem", "locked")]
    ours = snapshot(tracker_copy.form_temporary_tracker(form, tracker, extra, DOMAIN))
    rasas = snapshot(tracker_copy._replaying_temporary_tracker(form, tracker, extra, DOMAIN))
    for taken in (ours, rasas):  # the two events each call adds are made at slightly different times
        for event in taken["state"]["events"]:
            event.pop("timestamp")
        taken["state"].pop("latest_event_time")
    assert ours == rasas


def test_the_copy_is_independent_of_the_original() -> None:
    tracker = DialogueStateTracker.from_events("customer", CONVERSATION[:24], DOMAIN.slots)
    copied = tracker_copy.state_copy(tracker)
    copied.update(SlotSet("problem", "locked"))
    copied.update(ActiveLoop(None))
    assert tracker.get_slot("problem") is None and tracker.active_loop_name == "login_triage_form"
    assert len(tracker.events) == 24


def test_rasa_uses_it_once_the_changes_are_installed() -> None:
    from rasa_addons import rasa_changes

    rasa_changes.install_all()

    assert DialogueStateTracker.copy is tracker_copy.state_copy
    assert FormAction._temporary_tracker is tracker_copy.form_temporary_tracker
