"""make eval-nlu's report: cross-validation per pipeline, then the held-out set."""

from bench.eval_nlu import PipelineResult, format_results
from bench.nlu_metrics import score


def _result(holdout_predicted=None) -> PipelineResult:
    truth = ["greet", "deny", "deny", "thank"]
    result = PipelineResult(
        config="config.yml",
        scores=score(truth, ["greet", "deny", "nlu_fallback", "thank"]),
        classifier_scores=score(truth, ["greet", "deny", "greet", "thank"]),
        fallback_rate=0.25,
        train_seconds_per_fold=1.0,
        parse_ms_p50=1.0,
        parse_ms_p95=2.0,
        misses=[("いや", "deny", "nlu_fallback")],
    )
    if holdout_predicted is not None:
        result.holdout = score(truth, holdout_predicted)
        result.holdout_fallback_rate = holdout_predicted.count("nlu_fallback") / len(truth)
    return result


def test_held_out_scores_follow_the_cross_validation():
    report = format_results([_result(["greet", "nlu_fallback", "deny", "thank"])], n_examples=4, n_folds=2)
    cross_validation, held_out = report.split("held-out set")
    assert "config.yml" in cross_validation and "0.750" in cross_validation
    row = next(line for line in held_out.splitlines() if line.startswith("config.yml"))
    # deny: tp 1, fn 1 → 2/3; the others 1 → macro-F1 (1 + 2/3 + 1) / 3
    assert row.split()[1:4] == ["0.750", "0.889", "25.0%"]
    assert "deny 0.67" in row


def test_without_a_held_out_set_the_report_has_no_such_section():
    assert "held-out" not in format_results([_result()], n_examples=4, n_folds=2)
