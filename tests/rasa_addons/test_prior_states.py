"""The dialogue states kept on a tracker equal the states Rasa rebuilds from scratch, message by
message through every conversation this project trains and tests on, and after the history is cut
back or restarted."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons import prior_states


@pytest.fixture
def installed():
    prior_states.install()
    yield
    prior_states.uninstall()


def rasas_states(tracker, domain, **options):
    return prior_states._rasa_past_states(tracker, domain, **options)


def grown_event_by_event(tracker, domain, **options):
    """One tracker object fed the conversation's events one at a time, asked for its states after each."""
    growing = DialogueStateTracker(tracker.sender_id, tracker.slots.values())
    for event in tracker.events:
        growing.update(event)
        yield growing, growing.past_states(domain, **options)


@pytest.mark.parametrize("omit_unset_slots", [False, True])
def test_states_equal_rasas_after_every_event_of_every_conversation(project, installed, omit_unset_slots):
    _, domain, trackers = project
    compared = 0
    for tracker in trackers:
        for growing, states in grown_event_by_event(tracker, domain, omit_unset_slots=omit_unset_slots):
            assert states == rasas_states(growing, domain, omit_unset_slots=omit_unset_slots)
            compared += 1
    assert compared > 800  # every event of every rule, story and test story


def test_a_caller_editing_the_states_it_got_does_not_change_the_next_answer(project, installed):
    _, domain, trackers = project
    tracker = DialogueStateTracker.from_events("editing", list(trackers[0].events), slots=trackers[0].slots.values())
    for state in tracker.past_states(domain):
        state.get("user", {}).pop("intent", None)
        state.clear()
    assert tracker.past_states(domain) == rasas_states(tracker, domain)


@pytest.mark.parametrize(
    "cut",
    [
        [UserUtteranceReverted()],
        [ActionReverted()],
        [Restarted()],
        [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")],
    ],
    ids=["user utterance reverted", "action reverted", "restarted", "new session"],
)
def test_a_history_cut_back_or_restarted_gives_rasas_states(project, installed, cut):
    _, domain, trackers = project
    longest = max(trackers, key=lambda tracker: len(tracker.events))
    tracker = DialogueStateTracker.from_events("cut", list(longest.events), slots=longest.slots.values())
    tracker.past_states(domain)
    for event in [*cut, UserUttered("もう一度", {"name": "ask_repeat"}), SlotSet("inform_topic", "login")]:
        tracker.update(event)
        assert tracker.past_states(domain) == rasas_states(tracker, domain)


def test_the_variant_without_rule_only_turns_is_rasas(project, installed):
    _, domain, trackers = project
    tracker = trackers[-1]
    assert tracker.past_states(domain, ignore_rule_only_turns=True, rule_only_data={}) == rasas_states(
        tracker, domain, ignore_rule_only_turns=True, rule_only_data={}
    )
