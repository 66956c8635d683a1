"""Two shortcuts in RulePolicy's rule lookup that give the same predictions with less work.

RulePolicy was the largest part of the Rasa server's time under load once the tracker store and
NLU were fast (docs/benchmarks.md has the profile):

- `_get_possible_keys` checks every rule against every state of the conversation, from the
  newest back to the first, although Rasa's own `_is_rule_applicable` accepts a rule without
  looking once the walk is further back than the rule is long. Here the walk stops when no rule
  is left that still needs looking at. Same keys, and the work no longer grows with the
  conversation.
- The rules that match depend only on the last few states (as many as the longest rule has), and
  conversations end alike again and again: the matching rules are remembered by that ending.
- After each customer message, `_find_action_from_rules` runs twice: once matching the message's
  text (end-to-end rules), once its intent, and each run rebuilds the state of every earlier
  turn. This assistant has no rule that matches text: the text pass can only find a rule whose
  last state wants neither an intent nor an action other than `action_listen`. When no rule is
  like that (checked on the policy's own rules, again whenever they change), the text pass is
  answered "no rule" without rebuilding the states.

tests/rasa_addons/test_rule_policy.py trains the policy on this project's rules and stories and
checks the predictions equal Rasa's at every step of every training and test conversation.
Rasa refuses a RulePolicy subclass in places (its recipe validator compares classes with ==), so
the two methods are replaced, as tracker_copy.py does for the tracker copy.
"""

from __future__ import annotations

from typing import Any, Dict, Hashable, List, Optional, Set, Text, Tuple

from rasa.core.policies.rule_policy import RULES, RulePolicy
from rasa.shared.core.constants import ACTION_LISTEN_NAME, PREVIOUS_ACTION, SHOULD_NOT_BE_SET, USER
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import ACTION_NAME, INTENT

_rasa_get_possible_keys = RulePolicy._get_possible_keys
_rasa_find_action_from_rules = RulePolicy._find_action_from_rules


def _is_set(value: Any) -> bool:
    return bool(value) and value != SHOULD_NOT_BE_SET


def rule_can_match_text(last_rule_state: State) -> bool:
    """Whether a rule ending in this state could match right after a message read as text.

    There the newest state has `action_listen` as its previous action and a user part without an
    intent; a rule that asks for an intent, or for another previous action, cannot match it.
    """
    if _is_set(last_rule_state.get(USER, {}).get(INTENT)):
        return False
    previous_action = last_rule_state.get(PREVIOUS_ACTION, {}).get(ACTION_NAME)
    return not (_is_set(previous_action) and previous_action != ACTION_LISTEN_NAME)


# Distinct conversation endings whose matching rules are remembered; past this the memory starts afresh.
_REMEMBERED_ENDINGS = 4096


def _frozen(state: State) -> Hashable:
    """A state as a hashable value: its parts and their features, sorted."""
    return tuple(sorted((part, tuple(sorted(features.items()))) for part, features in state.items()))


def _possible_keys(self: RulePolicy, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
    """The rules matching the conversation's ending, remembered by that ending.

    Which rules match depends only on the last states, as many as the longest rule has: a rule is
    checked against the states from the newest back, as far as it is long. Conversations end the
    same way again and again, so the walk below is done once per distinct ending (per lookup).
    """
    marker = (id(lookup), len(lookup))  # lookups are only added to, while training
    memory = self.__dict__.get("_addons_possible_keys")
    if memory is None or memory[0] != marker or len(memory[2]) > _REMEMBERED_ENDINGS:
        longest = max((len(self._rule_key_to_state(key)) for key in lookup), default=0)
        memory = (marker, longest, {})
        self.__dict__["_addons_possible_keys"] = memory
    _, longest, remembered = memory
    try:
        ending = tuple(_frozen(state) for state in states[-longest:]) if longest else ()
    except TypeError:  # a feature value that cannot be hashed: no memory, the walk alone
        return _walk(self, lookup, states)
    keys = remembered.get(ending)
    if keys is None:
        keys = remembered[ending] = frozenset(_walk(self, lookup, states))
    return set(keys)


def _walk(self: RulePolicy, lookup: Dict[Text, Text], states: List[State]) -> Set[Text]:
    """Rasa's `_get_possible_keys`, stopping where every rule left is shorter than the walk."""
    unresolved = {key: len(self._rule_key_to_state(key)) for key in lookup}
    accepted: Set[Text] = set()
    for turn, state in enumerate(reversed(states)):
        if not unresolved:
            break
        for key, length in list(unresolved.items()):
            if turn >= length:  # Rasa's _is_rule_applicable returns True from here on
                accepted.add(key)
                del unresolved[key]
            elif not self._is_rule_applicable(key, turn, state):
                del unresolved[key]
    return accepted | set(unresolved)


def _text_pass_can_match(self: RulePolicy) -> bool:
    rules = self.lookup.get(RULES, {})
    marker = (id(rules), len(rules))  # rules are only added to, while training
    cached = self.__dict__.get("_addons_text_pass")
    if cached is None or cached[0] != marker:
        can_match = any(rule_can_match_text(self._rule_key_to_state(key)[-1]) for key in rules)
        cached = (marker, can_match)
        self.__dict__["_addons_text_pass"] = cached
    return cached[1]


def _find_action_from_rules(
    self: RulePolicy, tracker: DialogueStateTracker, domain: Domain, use_text_for_last_user_input: bool
) -> Tuple[Optional[Text], Optional[Text], bool]:
    if use_text_for_last_user_input and not _text_pass_can_match(self):
        return None, None, False  # what Rasa returns when no rule matches, but the unused source
    return _rasa_find_action_from_rules(self, tracker, domain, use_text_for_last_user_input)


def install() -> None:
    RulePolicy._get_possible_keys = _possible_keys
    RulePolicy._find_action_from_rules = _find_action_from_rules


def uninstall() -> None:
    """Rasa's own methods back (the equality test compares the two)."""
    RulePolicy._get_possible_keys = _rasa_get_possible_keys
    RulePolicy._find_action_from_rules = _rasa_find_action_from_rules
