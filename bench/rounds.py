"""`python -m bench.rounds`: an A/B of one change, steadier than two `make bench` runs.

`make bench` compares ours with a baseline it measures in the same run, so a change to ours is
hidden by how much the baseline moves between runs (32 to 43 msg/s in one session). This starts
only ours (with `--ours-env` for a what-if, e.g. PYTHONPATH=<dir with a sitecustomize.py>), runs the
20-conversation load several times with fresh senders, and prints the Rasa and action servers' CPU
per message and the throughput of each round, then the medians: run it with and without the change.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from bench import assistants, messages
from bench.load import first_answer, run_phase
from bench.memory import tree_cpu_seconds
from bench.run import parse_env
from deployment.settings import PROJECT_ROOT


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.rounds", description=__doc__)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "assistant.tar.gz")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--conversation-messages", type=int, default=10)
    parser.add_argument("--ours-env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    scripts = messages.scripts_from_test_file(PROJECT_ROOT / "tests" / "integration" / "test_conversations.py")
    rasa_ms, action_ms, rates = [], [], []
    with tempfile.TemporaryDirectory(prefix="bench-rounds-") as workdir:
        running = assistants.start_ours(
            assistants.Trained(args.model, 0.0, PROJECT_ROOT), Path(workdir), parse_env(args.ours_env)
        )
        try:
            first_answer(running.rasa_url, scripts[0][0], time.monotonic() + 300, running.alive)
            for number in range(args.rounds):
                load = messages.conversations(scripts, args.conversations, args.conversation_messages)
                before = {name: tree_cpu_seconds(pid) for name, pid in running.pids.items()}
                phase = asyncio.run(run_phase(running.rasa_url, f"round{number}", load, f"round{number}"))
                answered = len(phase.latencies)
                if phase.errors or not answered:
                    print(f"round {number}: {len(phase.errors)} errors, first: {phase.errors[:1]}", file=sys.stderr)
                    return 1
                rasa_ms.append((tree_cpu_seconds(running.pids["rasa"]) - before["rasa"]) / answered * 1000)
                action_ms.append((tree_cpu_seconds(running.pids["actions"]) - before["actions"]) / answered * 1000)
                rates.append(answered / phase.wall_seconds)
                print(f"round {number}: Rasa {rasa_ms[-1]:.2f} ms/msg, actions {action_ms[-1]:.2f} ms/msg, "
                      f"{rates[-1]:.1f} msg/s", flush=True)
        finally:
            running.stop()
    print(f"median: Rasa {statistics.median(rasa_ms):.2f} ms/msg, actions {statistics.median(action_ms):.2f} ms/msg, "
          f"{statistics.median(rates):.1f} msg/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
