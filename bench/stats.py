"""Pure statistics for the benchmark: percentiles, throughput, ratios. No I/O, so unit-testable."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence


def percentile(values: Sequence[float], fraction: float) -> float:
    """Linear-interpolated percentile (numpy's default), fraction in [0, 1].

    Written out so the figures do not depend on a numpy version and can be checked by hand.
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction {fraction} outside [0, 1]")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class LatencySummary:
    """What a reader compares: the middle, the tail, and how many messages made them."""

    count: int
    p50: float
    p95: float
    p99: float
    mean: float
    maximum: float


def summarise(latencies: Sequence[float]) -> LatencySummary:
    return LatencySummary(
        count=len(latencies),
        p50=percentile(latencies, 0.50),
        p95=percentile(latencies, 0.95),
        p99=percentile(latencies, 0.99),
        mean=sum(latencies) / len(latencies),
        maximum=max(latencies),
    )


def throughput(messages: int, wall_seconds: float) -> float:
    """Answered messages per second of wall time of a whole phase (closed loop)."""
    if wall_seconds <= 0:
        raise ValueError("a phase takes some time")
    return messages / wall_seconds


def ratio(ours: Optional[float], baseline: Optional[float]) -> Optional[float]:
    """ours / baseline, or None where either is missing or the baseline is zero."""
    if ours is None or baseline is None or baseline == 0:
        return None
    return ours / baseline
