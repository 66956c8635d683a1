"""Accuracy, macro-F1 and confused pairs of the NLU evaluation, computed by hand."""

import pytest

from bench.nlu_metrics import f1, score


def test_f1_of_counts():
    assert f1(1, 1, 0) == pytest.approx(2 / 3)
    assert f1(0, 0, 0) == 0.0


def test_fallback_is_a_miss_but_not_a_class_of_its_own():
    truth = ["greet", "greet", "deny", "deny"]
    predicted = ["greet", "nlu_fallback", "deny", "greet"]
    scores = score(truth, predicted)
    assert scores.accuracy == 0.5
    # greet: tp 1, fp 1, fn 1 → 0.5; deny: tp 1, fp 0, fn 1 → 2/3
    assert scores.per_intent_f1 == {"deny": pytest.approx(2 / 3), "greet": pytest.approx(0.5)}
    assert scores.macro_f1 == pytest.approx((0.5 + 2 / 3) / 2)
    assert set(scores.confused) == {("greet", "nlu_fallback", 1), ("deny", "greet", 1)}


def test_confused_pairs_most_frequent_first():
    truth = ["a"] * 3 + ["b"] * 2
    predicted = ["b", "b", "a", "a", "a"]
    assert score(truth, predicted).confused[0] == ("a", "b", 2)


def test_mismatched_lengths_are_refused():
    with pytest.raises(ValueError):
        score(["a"], [])
