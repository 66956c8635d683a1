"""The dialogue states of a conversation, built once per event instead of once per prediction.

Before each action it predicts, RulePolicy asks for the state of every turn so far
(`DialogueStateTracker.past_states`), and Rasa rebuilds them all by replaying every event from the
first, so a message late in a conversation costs more than an early one. The events of a
conversation are only appended to, and the state before an action depends only on the events
before it: here those states are kept on the tracker, with the replay that produced them, and a
later call replays only the events added since. When the events seen so far are no longer a prefix
of the tracker's (a revert, a restart, a new session), or the domain or options differ, the states
are built afresh exactly as Rasa does. Only the plain call is served this way: the variant that
hides rule-only turns (used by ML policies, not by this assistant) stays Rasa's.

tests/rasa_addons/test_prior_states.py checks the states equal Rasa's at every step of every
training and test conversation, and after reverts and restarts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Text

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

_rasa_past_states = DialogueStateTracker.past_states

# Where a tracker keeps its states; a tracker copy starts without them.
_CACHE_ATTRIBUTE = "_addons_prior_states"


@dataclass
class _StatesSoFar:
    domain: Domain
    omit_unset_slots: bool
    replay: DialogueStateTracker  # a fresh tracker with `applied` applied
    applied: List[Event] = field(default_factory=list)  # the objects themselves, compared by identity
    states: List[State] = field(default_factory=list)  # the state before each ActionExecuted in `applied`

    def continues(self, applied: List[Event], domain: Domain, omit_unset_slots: bool) -> bool:
        return (
            self.domain is domain
            and self.omit_unset_slots == omit_unset_slots
            and len(applied) >= len(self.applied)
            and all(new is seen for new, seen in zip(applied, self.applied, strict=False))
        )

    def state_now(self) -> State:
        return self.domain._clean_state(self.domain.get_active_state(self.replay, omit_unset_slots=self.omit_unset_slots))

    def extend(self, applied: List[Event]) -> None:
        for event in applied[len(self.applied):]:
            if isinstance(event, ActionExecuted):
                self.states.append(self.state_now())
            self.replay.update(event)
            self.applied.append(event)


def _copy(state: State) -> State:
    """Callers edit the states they get (the featurizer drops the user's text), never the kept ones."""
    return {kind: dict(sub_state) for kind, sub_state in state.items()}


def past_states(
    self: DialogueStateTracker,
    domain: Domain,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: Optional[Dict[Text, Any]] = None,
) -> List[State]:
    """Rasa's `past_states`, replaying only the events added since the last call."""
    if ignore_rule_only_turns:
        return _rasa_past_states(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    applied = self.applied_events()
    kept: Optional[_StatesSoFar] = self.__dict__.get(_CACHE_ATTRIBUTE)
    if kept is None or not kept.continues(applied, domain, omit_unset_slots):
        kept = _StatesSoFar(domain, omit_unset_slots, self.init_copy())
        self.__dict__[_CACHE_ATTRIBUTE] = kept
    kept.extend(applied)
    return [_copy(state) for state in kept.states] + [kept.state_now()]


def install() -> None:
    DialogueStateTracker.past_states = past_states


def uninstall() -> None:
    """Rasa's own method back (the equality test compares the two)."""
    DialogueStateTracker.past_states = _rasa_past_states
