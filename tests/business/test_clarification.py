"""The two-step fallback: likely topics first, the whole menu after a second miss."""

from business.clarification import is_second_miss, likely_topics

MENU = ["report_login_problem", "ask_maintenance", "ask_interest", "ask_call_centre", "ask_login_methods"]


def test_the_most_likely_menu_topics_come_first():
    ranking = [("ask_interest", 0.12), ("greet", 0.30), ("report_login_problem", 0.25), ("ask_maintenance", 0.09)]
    assert likely_topics(ranking, MENU) == ["report_login_problem", "ask_interest", "ask_maintenance"]


def test_intents_that_are_no_topic_are_never_offered():
    assert likely_topics([("greet", 0.5), ("out_of_scope", 0.4), ("nlu_fallback", 0.4)], MENU) == []


def test_guesses_below_the_floor_are_noise():
    assert likely_topics([("ask_call_centre", 0.03), ("ask_interest", 0.2)], MENU) == ["ask_interest"]


def test_at_most_three_and_each_once():
    ranking = [(intent, 0.2) for intent in MENU] + [("ask_interest", 0.1)]
    chosen = likely_topics(ranking, MENU)
    assert len(chosen) == 3 and len(set(chosen)) == 3


def test_a_missing_confidence_counts_as_zero():
    assert likely_topics([("ask_interest", None)], MENU) == []


def test_a_second_miss_follows_a_clarification():
    assert is_second_miss(["action_not_understood", "action_listen"], "action_not_understood")
    assert not is_second_miss(["utter_greet", "action_listen"], "action_not_understood")
    assert not is_second_miss([], "action_not_understood")
