"""The comparison table and its verdicts, on made-up figures."""

from bench.load import PhaseResult
from bench.report import missed, rows, table
from bench.results import SideResult


def side(name: str, latency: float, wall: float, rss_mib: int, first: float, train: float, actions: bool) -> SideResult:
    def phase(conversations: int) -> PhaseResult:
        return PhaseResult("p", conversations, 10, [latency] * (10 * conversations), wall * conversations)

    rss = {"rasa": rss_mib * 2**20, **({"actions": 100 * 2**20} if actions else {})}
    return SideResult(name, train, first, phase(1), phase(20), rss)


def test_all_targets_met_prints_ratios_and_no_misses():
    baseline = side("baseline", 0.05, 2.0, 1000, 40.0, 100.0, actions=False)
    ours = side("ours", 0.02, 0.8, 500, 8.0, 20.0, actions=True)
    report_rows = rows(baseline, ours)
    assert missed(report_rows) == []
    text = table(report_rows)
    assert "20 conversations: throughput" in text and "2.50×" in text
    assert "MISSED" not in text


def test_each_missed_target_is_named():
    baseline = side("baseline", 0.02, 1.0, 500, 10.0, 60.0, actions=False)
    ours = side("ours", 0.05, 1.5, 900, 45.0, 200.0, actions=True)
    names = {row.metric for row in missed(rows(baseline, ours))}
    assert names == {
        "1 conversation: p95 latency",
        "20 conversations: throughput",
        "Rasa server peak RSS",
        "start to first answer",
        "training from scratch",
    }


def test_errors_fail_the_run_and_markdown_has_one_line_per_row():
    baseline = side("baseline", 0.02, 1.0, 500, 10.0, 60.0, actions=False)
    ours = side("ours", 0.01, 0.2, 400, 5.0, 30.0, actions=True)
    ours.concurrent.errors.append("bench-ours-1: HTTP 500")
    report_rows = rows(baseline, ours)
    assert [row.metric for row in missed(report_rows)] == ["errors (both phases)"]
    markdown = table(report_rows, markdown=True)
    assert markdown.count("\n") == len(report_rows) + 1
    assert "| action server peak RSS | MiB | — | 100 | — |  |" in markdown


def test_ours_env_pairs_and_project_relative_pythonpath():
    import pytest

    from bench.run import parse_env
    from deployment.settings import PROJECT_ROOT

    assert parse_env(["A=1", "B=x=y"]) == {"A": "1", "B": "x=y"}
    assert parse_env(["PYTHONPATH=bench/whatif"]) == {"PYTHONPATH": str(PROJECT_ROOT / "bench" / "whatif")}
    with pytest.raises(SystemExit):
        parse_env(["novalue"])
