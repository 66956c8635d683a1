"""`python -m bench.profile`: where the Rasa server's time goes under load, by py-spy sampling.

Starts this assistant (a trained model, default models/assistant.tar.gz) with its action server,
records the Rasa server (or with --process actions the action server) with py-spy while 20 conversations × 10 messages run, and prints the
frames with the largest share of samples (inclusive). The raw stacks stay in --output for a
flame graph (e.g. speedscope). Needs py-spy (requirements-dev.txt) and ptrace rights (root here).
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional, Sequence

from bench import assistants, messages
from bench.load import first_answer, run_phase
from bench.run import parse_env
from deployment.settings import PROJECT_ROOT

# Frames from these places say what the work is; the event loop and Sanic frames above them do not.
INTERESTING = ("rasa/", "jsonschema/", "sqlalchemy/", "tensorflow/", "sklearn/", "sudachi", "rasa_addons/",
               "actions/", "business/", "aiohttp/client", "json/")


def inclusive_shares(raw: Iterable[str], interesting: Sequence[str] = INTERESTING) -> list[tuple[str, float]]:
    """From py-spy's raw format ("frame;frame;... count" per line): each frame's share of all samples,
    counting a frame once per stack, largest first, keeping frames whose text names an interesting place."""
    per_frame: Counter[str] = Counter()
    total = 0
    for line in raw:
        line = line.rstrip("\n")
        if not line:
            continue
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        total += count
        for frame in set(stack.split(";")):
            per_frame[frame] += count
    if total == 0:
        return []
    return [(frame, count / total) for frame, count in per_frame.most_common()
            if any(place in frame for place in interesting)]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--model", type=Path, default=PROJECT_ROOT / "models" / "assistant.tar.gz")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "results" / "profile-rasa.txt")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--process", choices=("rasa", "actions"), default="rasa",
                        help="which server to record: the Rasa server or the action server")
    parser.add_argument("--ours-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for our servers, as for python -m bench")
    args = parser.parse_args(argv)
    scripts = messages.scripts_from_test_file(PROJECT_ROOT / "tests" / "integration" / "test_conversations.py")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as workdir:
        running = assistants.start_ours(
            assistants.Trained(args.model, 0.0, PROJECT_ROOT), Path(workdir), parse_env(args.ours_env)
        )
        try:
            first_answer(running.rasa_url, scripts[0][0], time.monotonic() + 300, running.alive)
            spy = subprocess.Popen(
                [str(assistants.BIN / "py-spy"), "record", "--format", "raw", "--rate", "200",
                 "--pid", str(running.pids[args.process]), "--output", str(args.output)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
            time.sleep(1.0)  # let py-spy attach before the load starts
            phase = asyncio.run(run_phase(running.rasa_url, "profile", messages.conversations(scripts, 20, 10), "profile"))
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
        finally:
            running.stop()
    print(f"{len(phase.latencies)} answers in {phase.wall_seconds:.1f}s while sampling; raw stacks: {args.output}")
    with args.output.open(encoding="utf-8") as raw:
        for frame, share in inclusive_shares(raw)[: args.top]:
            print(f"{share:6.1%}  {frame}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
