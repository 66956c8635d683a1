"""RulePolicy with the shortcuts predicts exactly what Rasa's does, at every step of every conversation
this project trains and tests on."""

from __future__ import annotations

from rasa.core.policies.rule_policy import RULES, RULES_FOR_LOOP_UNHAPPY_PATH
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons import rule_policy


def prediction_points(trackers):
    """Each conversation cut just before each action: where Rasa asks the policy what comes next."""
    for tracker in trackers:
        events = list(tracker.events)
        for index, event in enumerate(events):
            if isinstance(event, ActionExecuted) and index > 0:
                yield DialogueStateTracker.from_events(tracker.sender_id, events[:index], slots=tracker.slots.values())


def predictions(policy, domain, trackers):
    """What the policy predicts at each point, and the rule keys it finds there: for the loop lookup on
    the whole conversation, and for the rule lookup on its last one to three states (rules longer
    than the states given are kept, as Rasa keeps them)."""
    found = []
    for tracker in prediction_points(trackers):
        states = policy._prediction_states(tracker, domain)
        found.append((
            policy.predict_action_probabilities(tracker, domain),
            policy._get_possible_keys(policy.lookup[RULES_FOR_LOOP_UNHAPPY_PATH], states),
            [policy._get_possible_keys(policy.lookup[RULES], states[-n:]) for n in (1, 2, 3)],
        ))
    return found


def test_predictions_equal_rasas_at_every_step(project):
    policy, domain, trackers = project
    rule_policy.uninstall()
    try:
        expected = predictions(policy, domain, trackers)
    finally:
        rule_policy.install()

    assert len(expected) > 300  # every step of every rule, story and test story (365 now)
    assert predictions(policy, domain, trackers) == expected
    # Again, with every conversation ending already remembered.
    assert predictions(policy, domain, trackers) == expected


def test_no_rule_of_this_project_matches_text_so_the_text_pass_is_skipped(project):
    policy, _, _ = project
    assert not rule_policy._text_pass_can_match(policy)
    assert len(policy.lookup[RULES]) > 50


def test_which_rule_endings_could_match_a_message_read_as_text():
    assert not rule_policy.rule_can_match_text({"user": {"intent": "greet"}, "prev_action": {"action_name": "action_listen"}})
    assert not rule_policy.rule_can_match_text({"user": {"intent": "greet"}, "prev_action": {"action_name": "utter_greet"}})
    assert not rule_policy.rule_can_match_text({"prev_action": {"action_name": "utter_greet"}})
    assert rule_policy.rule_can_match_text({"user": {"text": "こんにちは"}, "prev_action": {"action_name": "action_listen"}})
    assert rule_policy.rule_can_match_text({"prev_action": {"action_name": "action_listen"}})
    assert rule_policy.rule_can_match_text({})
