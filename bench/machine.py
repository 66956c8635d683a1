"""The facts about the machine and the run that a benchmark figure is meaningless without."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any, Callable


def cpu_model(cpuinfo: str) -> str:
    for line in cpuinfo.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def mem_total_gib(meminfo: str) -> float:
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return 0.0


def describe(project_root: Path) -> dict[str, Any]:
    """nproc, CPU model, memory, load before the run, date, commit and Rasa version."""
    from importlib.metadata import version

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=project_root, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "config.yml", "data", "domain.yml"],
                           cwd=project_root, capture_output=True, text=True)
    return {
        "date": dt.datetime.now(dt.timezone.utc).astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(Path("/proc/cpuinfo").read_text()),
        "mem_total_gib": round(mem_total_gib(Path("/proc/meminfo").read_text()), 1),
        "load_average_before": os.getloadavg(),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "commit": commit.stdout.strip() + (" (training inputs modified)" if dirty.stdout.strip() else ""),
    }


def parse_busy_ticks(proc_stat: str) -> int:
    """Ticks all CPUs spent busy (not idle or waiting on I/O), from the first line of /proc/stat."""
    fields = [int(value) for value in proc_stat.splitlines()[0].split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal


def busy_cpu_seconds() -> float:
    """All CPU time the machine has spent busy since boot: compared before and after a phase, less
    the servers' and the driver's own CPU time, it shows what other programs took meanwhile."""
    return parse_busy_ticks(Path("/proc/stat").read_text()) / os.sysconf("SC_CLK_TCK")


def wait_until_quiet(
    limit_cores: float = 0.3, window: float = 3.0, patience: float = 90.0, own_cpu: Callable[[], float] = lambda: 0.0
) -> float:
    """Wait (at most `patience` s) for a `window` in which other programs use under `limit_cores`.

    Other sessions may share this machine; a load phase measured while they run says little.
    `own_cpu` gives the CPU seconds of our own processes, left out of the count. Returns the
    cores others used in the last window, so the report can say how quiet the machine was.
    """
    deadline = time.monotonic() + patience
    while True:
        busy, own = busy_cpu_seconds(), own_cpu()
        time.sleep(window)
        others = max(0.0, (busy_cpu_seconds() - busy) - (own_cpu() - own)) / window
        if others < limit_cores or time.monotonic() >= deadline:
            return others
