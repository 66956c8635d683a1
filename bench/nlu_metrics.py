"""Intent metrics from (true, predicted) pairs: accuracy, macro-F1, confused pairs. Pure, testable."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence


@dataclass(frozen=True)
class IntentScores:
    accuracy: float
    macro_f1: float
    per_intent_f1: dict[str, float]
    confused: list[tuple[str, str, int]]  # (true, predicted, count), most frequent first


def f1(true_positive: int, false_positive: int, false_negative: int) -> float:
    denominator = 2 * true_positive + false_positive + false_negative
    return 0.0 if denominator == 0 else 2 * true_positive / denominator


def score(truth: Sequence[str], predicted: Sequence[str], top: int = 5) -> IntentScores:
    """Macro-F1 averages over the intents of the data (`truth`): a prediction outside them, such as
    nlu_fallback, is a miss for the true intent but not a class of its own."""
    if len(truth) != len(predicted) or not truth:
        raise ValueError("need as many predictions as examples, and some")
    labels = sorted(set(truth))
    per_intent = {}
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted, strict=False) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=False) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=False) if t == label and p != label)
        per_intent[label] = f1(tp, fp, fn)
    confused = Counter((t, p) for t, p in zip(truth, predicted, strict=False) if t != p)
    return IntentScores(
        accuracy=sum(1 for t, p in zip(truth, predicted, strict=False) if t == p) / len(truth),
        macro_f1=sum(per_intent.values()) / len(labels),
        per_intent_f1=per_intent,
        confused=[(t, p, n) for (t, p), n in confused.most_common(top)],
    )
