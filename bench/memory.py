"""Resident memory of server processes from /proc (Linux), sampled in a thread during load.

/proc is read directly so the benchmark needs no extra package; a process's RSS includes its
children (a server that forks workers is counted whole).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

PROC = Path("/proc")


def parse_vm_rss_kib(status_text: str) -> int:
    """The VmRSS line of /proc/<pid>/status, in KiB (0 when absent, as for a zombie)."""
    for line in status_text.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def parse_parent_pid(stat_text: str) -> int:
    """The parent pid from /proc/<pid>/stat; the command name may hold spaces and parentheses."""
    return int(stat_text[stat_text.rindex(")") + 2 :].split()[1])


def _read(path: Path) -> Optional[str]:
    try:
        return path.read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants, alive now."""
    children: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            stat = _read(entry / "stat")
            if stat:
                children.setdefault(parse_parent_pid(stat), []).append(int(entry.name))
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        pending.extend(children.get(current, []))
    return tree


def tree_rss_bytes(pid: int) -> int:
    total_kib = 0
    for member in process_tree(pid):
        status = _read(PROC / str(member) / "status")
        total_kib += parse_vm_rss_kib(status) if status else 0
    return total_kib * 1024


@dataclass
class MemorySampler:
    """Samples each named process tree every `interval` seconds between start() and stop()."""

    pids: Mapping[str, int]
    interval: float = 0.25
    samples: dict[str, list[int]] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: Optional[threading.Thread] = None

    def _run(self) -> None:
        while True:
            for name, pid in self.pids.items():
                self.samples.setdefault(name, []).append(tree_rss_bytes(pid))
            if self._stop.wait(self.interval):
                return

    def start(self) -> "MemorySampler":
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> dict[str, int]:
        """Peak RSS in bytes per process during sampling."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return {name: max(values) for name, values in self.samples.items() if values}


def parse_cpu_ticks(stat_text: str) -> int:
    """utime + stime (clock ticks) from /proc/<pid>/stat."""
    fields = stat_text[stat_text.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def tree_cpu_seconds(pid: int) -> float:
    """CPU time used so far by `pid` and its live descendants: where a phase's work went."""
    ticks = 0
    for member in process_tree(pid):
        stat = _read(PROC / str(member) / "stat")
        ticks += parse_cpu_ticks(stat) if stat else 0
    return ticks / os.sysconf("SC_CLK_TCK")
