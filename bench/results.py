"""What one side of a run measured, and its JSON form (the plot and the docs are made from it)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Optional

from bench.load import PhaseResult
from bench.stats import LatencySummary, summarise, throughput


@dataclass
class SideResult:
    name: str
    train_seconds: float
    first_answer_seconds: float
    single: PhaseResult
    concurrent: PhaseResult
    peak_rss_bytes: dict[str, int] = field(default_factory=dict)
    # CPU seconds each process used over both phases: where the work went.
    cpu_seconds: dict[str, float] = field(default_factory=dict)

    def latency(self, phase: str) -> LatencySummary:
        return summarise(getattr(self, phase).latencies)

    def messages_per_second(self, phase: str) -> float:
        result: PhaseResult = getattr(self, phase)
        return throughput(len(result.latencies), result.wall_seconds)

    def rss_mib(self, process: str) -> Optional[float]:
        value = self.peak_rss_bytes.get(process)
        return None if value is None else value / 2**20

    def errors(self) -> list[str]:
        return self.single.errors + self.concurrent.errors


def _phase(data: dict[str, Any]) -> PhaseResult:
    return PhaseResult(**data)


def side_from_dict(data: dict[str, Any]) -> SideResult:
    return SideResult(
        name=data["name"], train_seconds=data["train_seconds"], first_answer_seconds=data["first_answer_seconds"],
        single=_phase(data["single"]), concurrent=_phase(data["concurrent"]), peak_rss_bytes=data["peak_rss_bytes"],
        cpu_seconds=data.get("cpu_seconds", {}),
    )


def save(path: Path, baseline: SideResult, ours: SideResult, meta: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"meta": meta, "baseline": asdict(baseline), "ours": asdict(ours)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


def load(path: Path) -> tuple[SideResult, SideResult, dict[str, Any]]:
    payload = json.loads(path.read_text(encoding="utf-8"))
    return side_from_dict(payload["baseline"]), side_from_dict(payload["ours"]), payload["meta"]
