"""Login triage: only open questions are asked, and each combination of answers has one outcome."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.triage import Outcome, TriageFacts, decide, needed_questions, open_questions, skips_maintenance_check

METHODS = [None, "id_password", "card_pin"]
PROBLEMS = [None, "forgot", "rejected", "locked"]
ELIGIBILITY = [None, "none", "late_repayment", "income_drop", "other_borrowing", "credit_trouble"]
CARD = [None, "has_card", "no_card"]

any_facts = st.builds(
    TriageFacts,
    login_method=st.sampled_from(METHODS),
    problem=st.sampled_from(PROBLEMS),
    eligibility=st.sampled_from(ELIGIBILITY),
    card_holder=st.sampled_from(CARD),
)


def test_nothing_known_asks_method_first():
    assert open_questions(TriageFacts()) == ["login_method", "problem", "eligibility"]


def test_forgotten_pin_needs_no_more_questions():
    assert open_questions(TriageFacts(login_method="card_pin", problem="forgot")) == []


def test_forgotten_password_needs_no_more_questions_the_answer_covers_card_holders_too():
    assert open_questions(TriageFacts(login_method="id_password", problem="forgot")) == []
    assert decide(TriageFacts(login_method="id_password", problem="forgot")) is Outcome.REISSUE


def test_locked_account_is_answered_at_once_whatever_else_is_unknown():
    assert open_questions(TriageFacts(problem="locked")) == []
    assert decide(TriageFacts(problem="locked")) is Outcome.LOCKED


def test_rejected_login_asks_about_eligibility():
    assert open_questions(TriageFacts(login_method="id_password", problem="rejected")) == ["eligibility"]


def test_stated_eligibility_signal_ends_the_questions():
    assert open_questions(TriageFacts(eligibility="late_repayment")) == []
    assert decide(TriageFacts(eligibility="late_repayment")) is Outcome.HANDOFF


@given(any_facts)
def test_already_answered_slots_are_never_asked_again(facts):
    for slot in open_questions(facts):
        assert getattr(facts, slot) is None


@given(any_facts)
def test_answering_every_open_question_reaches_an_outcome(facts):
    answers = {"login_method": "card_pin", "problem": "rejected", "eligibility": "none", "card_holder": "no_card"}
    for _ in range(4):
        missing = open_questions(facts)
        if not missing:
            break
        facts = TriageFacts(**{**facts.__dict__, missing[0]: answers[missing[0]]})
    assert open_questions(facts) == []
    assert isinstance(decide(facts), Outcome)


@pytest.mark.parametrize(
    "facts, outcome",
    [
        (TriageFacts("id_password", "forgot", None, "no_card"), Outcome.REISSUE),
        (TriageFacts("id_password", "forgot", None, "has_card"), Outcome.REISSUE),
        (TriageFacts("card_pin", "forgot"), Outcome.PIN_RESET),
        (TriageFacts("card_pin", "locked", "none"), Outcome.LOCKED),
        (TriageFacts("id_password", "rejected", "none"), Outcome.INPUT_CHECK),
        (TriageFacts("id_password", "rejected", "credit_trouble"), Outcome.HANDOFF),
        (TriageFacts("card_pin", "locked", "income_drop"), Outcome.HANDOFF),
    ],
)
def test_outcomes(facts, outcome):
    assert decide(facts) is outcome


def test_maintenance_is_not_checked_when_the_cause_is_already_known():
    assert skips_maintenance_check(TriageFacts(problem="forgot"))
    assert skips_maintenance_check(TriageFacts(eligibility="other_borrowing"))
    assert not skips_maintenance_check(TriageFacts(problem="rejected"))
    assert not skips_maintenance_check(TriageFacts())


def test_the_same_facts_asked_about_again_want_the_answer_again():
    from business.triage import asks_if_the_answer_holds

    previous = TriageFacts(login_method="id_password", problem="forgot")
    same = TriageFacts(login_method="id_password", problem="forgot")
    assert asks_if_the_answer_holds(previous, same, "IDも忘れとるんやけど、同じ手順でええの？")
    # The other detail of the same login forgotten too: the same steps renew both.
    assert asks_if_the_answer_holds(previous, same, "IDも忘れてます")
    assert asks_if_the_answer_holds(previous, same, "ぱすわーども　おぼえてねー　どっちもわすれた")
    assert not asks_if_the_answer_holds(previous, same, "忘れたままです")
    assert not asks_if_the_answer_holds(previous, TriageFacts(), "これでいいの？")
    assert not asks_if_the_answer_holds(previous, TriageFacts(login_method="card_pin"), "カードのほうでもいい？")


def test_a_failure_after_a_reported_intrusion_asks_nothing_and_goes_to_the_phone():
    facts = TriageFacts(login_method="id_password", problem="rejected", after_intrusion=True)
    assert needed_questions(facts) == []
    assert skips_maintenance_check(facts)
    assert decide(facts) is Outcome.HANDOFF


def test_a_password_forgotten_after_a_feared_intrusion_gets_the_reissue():
    facts = TriageFacts(login_method="id_password", problem="forgot", after_intrusion=True)
    assert not facts.shut_out_after_intrusion
    assert decide(facts) is Outcome.REISSUE
