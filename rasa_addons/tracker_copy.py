"""A tracker copy without replaying the conversation.

Rasa 3.6 copies the tracker before every action it runs (`MessageProcessor._run_action`), and
`DialogueStateTracker.copy()` builds the copy by replaying every event. Each
UserUtteranceReverted in the history (our fallback inside a form sends one) replays the whole
conversation again, so a copy costs events x reverts and late turns of a long conversation grow
slow (docs/benchmarks.md has the figures). The copy made here holds the same events and the same
state, taken from the tracker as it stands: the state `DialogueStateTracker._reset()` lists is
exactly what a replay rebuilds, and tests/rasa_addons/test_tracker_copy.py checks the two copies
are equal on conversations with forms, rejections, reverts and session starts.

Forms do the same once more: before asking the action server to validate, FormAction builds a
temporary tracker with `DialogueStateTracker.from_events(all events + a few)`. That is the state
copy plus those few events, as long as no Restarted event cut the history (then Rasa's way).
"""

from __future__ import annotations

import copy
import dataclasses
from typing import List

from rasa.core.actions.forms import FormAction
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

_replaying_copy = DialogueStateTracker.copy
_replaying_temporary_tracker = FormAction._temporary_tracker


def state_copy(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """Same events (the event objects are shared, as a replay shares them) and an independent state."""
    if type(tracker.slots) is not dict:  # AnySlotDict (no domain): keep Rasa's way
        return _replaying_copy(tracker)
    new = tracker.init_copy()
    new.events = new._create_events(list(tracker.events))
    for name, slot in tracker.slots.items():
        target = new.slots[name]
        target._value = copy.deepcopy(slot._value)
        target._has_been_set = slot._has_been_set
    new._paused = tracker._paused
    new.followup_action = tracker.followup_action
    new.latest_action = copy.copy(tracker.latest_action)
    new.latest_message = tracker.latest_message
    new.latest_bot_utterance = tracker.latest_bot_utterance
    new.active_loop = dataclasses.replace(tracker.active_loop) if tracker.active_loop else None
    return new


def form_temporary_tracker(
    form: FormAction, current_tracker: DialogueStateTracker, additional_events: List[Event], domain: Domain
) -> DialogueStateTracker:
    """FormAction._temporary_tracker without the replay: the state copy, then the same added events."""
    if current_tracker.idx_after_latest_restart() != 0 or type(current_tracker.slots) is not dict:
        return _replaying_temporary_tracker(form, current_tracker, additional_events, domain)
    tracker = state_copy(current_tracker)
    added = [SlotSet(REQUESTED_SLOT, form.get_slot_to_fill(current_tracker)), ActionExecuted(form.name())]
    for event in added + list(additional_events):
        tracker.update(event)
    return tracker


def install() -> None:
    """Idempotent (rasa_addons.rasa_changes)."""
    DialogueStateTracker.copy = state_copy
    FormAction._temporary_tracker = form_temporary_tracker
