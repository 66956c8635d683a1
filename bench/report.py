"""The comparison table and the targets: ours against the baseline, as ratios from one run."""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Callable, Optional

from bench.results import SideResult
from bench.stats import ratio


@dataclass(frozen=True)
class Row:
    metric: str
    baseline: Optional[float]
    ours: Optional[float]
    unit: str
    target: str = ""
    met: Optional[bool] = None

    @property
    def ratio(self) -> Optional[float]:
        return ratio(self.ours, self.baseline)


@dataclass(frozen=True)
class Target:
    """A pass/fail rule on a row: on the ratio to the baseline, or on ours alone."""

    text: str
    check: Callable[[Row], Optional[bool]]


def _ratio_at_least(limit: float) -> Target:
    return Target(f"ratio >= {limit:g}", lambda row: None if row.ratio is None else row.ratio >= limit)


def _ratio_at_most(limit: float) -> Target:
    return Target(f"ratio <= {limit:g}", lambda row: None if row.ratio is None else row.ratio <= limit)


def _ours_below(limit: float, unit: str) -> Target:
    return Target(f"< {limit:g} {unit}", lambda row: None if row.ours is None else operator.lt(row.ours, limit))


def _row(metric: str, baseline: Optional[float], ours: Optional[float], unit: str, target: Optional[Target] = None) -> Row:
    row = Row(metric, baseline, ours, unit)
    if target is None:
        return row
    return Row(metric, baseline, ours, unit, target.text, target.check(row))


def _others(side: SideResult) -> Optional[float]:
    """Cores that other programs on the machine used meanwhile: how far to trust the run."""
    seconds = side.cpu_seconds.get("other programs")
    wall = side.single.wall_seconds + side.concurrent.wall_seconds
    return None if seconds is None or wall <= 0 else max(0.0, seconds) / wall


def rows(baseline: SideResult, ours: SideResult) -> list[Row]:
    """Every figure of the report, in reading order; rows with a target carry its verdict."""
    result: list[Row] = []
    for phase, label in (("single", "1 conversation"), ("concurrent", f"{ours.concurrent.conversations} conversations")):
        b, o = baseline.latency(phase), ours.latency(phase)
        result += [
            _row(f"{label}: p50 latency", b.p50 * 1000, o.p50 * 1000, "ms"),
            _row(f"{label}: p95 latency", b.p95 * 1000, o.p95 * 1000, "ms",
                 _ratio_at_most(1.0) if phase == "single" else None),
            _row(f"{label}: p99 latency", b.p99 * 1000, o.p99 * 1000, "ms"),
            _row(f"{label}: throughput", baseline.messages_per_second(phase), ours.messages_per_second(phase), "msg/s",
                 _ratio_at_least(2.5) if phase == "concurrent" else None),
        ]
    result += [
        _row("Rasa server peak RSS", baseline.rss_mib("rasa"), ours.rss_mib("rasa"), "MiB", _ratio_at_most(1.0)),
        _row("action server peak RSS", baseline.rss_mib("actions"), ours.rss_mib("actions"), "MiB"),
        _row("start to first answer", baseline.first_answer_seconds, ours.first_answer_seconds, "s", _ours_below(30, "s")),
        _row("training from scratch", baseline.train_seconds, ours.train_seconds, "s", _ours_below(180, "s")),
        _row("other programs' CPU during load", _others(baseline), _others(ours), "cores"),
        _row("errors (both phases)", float(len(baseline.errors())), float(len(ours.errors())), "",
             Target("0 on both sides", lambda row: row.baseline == 0 and row.ours == 0)),
    ]
    return result


def _number(value: Optional[float]) -> str:
    if value is None:
        return "—"
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _verdict(met: Optional[bool], target: str) -> str:
    if not target:
        return ""
    return {True: "met", False: "MISSED", None: "n/a"}[met] + f" ({target})"


def table(report_rows: list[Row], markdown: bool = False) -> str:
    """A fixed-width table for the terminal, or a Markdown table for docs/benchmarks.md."""
    header = ["metric", "unit", "baseline", "ours", "ours/baseline", "target"]
    body = [
        [r.metric, r.unit, _number(r.baseline), _number(r.ours),
         "—" if r.ratio is None else f"{r.ratio:.2f}×", _verdict(r.met, r.target)]
        for r in report_rows
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(cells) + " |" for cells in body])
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]

    def aligned(cells: list[str]) -> str:
        # Words left, numbers right.
        return "  ".join(c.ljust(w) if i in (0, 1, 5) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=False)))

    return "\n".join([aligned(header), aligned(["-" * w for w in widths]), *map(aligned, body)])


def missed(report_rows: list[Row]) -> list[Row]:
    """Rows whose target is not met (an unmeasurable target counts as missed)."""
    return [row for row in report_rows if row.target and row.met is not True]
