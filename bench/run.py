"""`make bench`: train both assistants from scratch, load each in turn, print the comparison,
save the raw figures, and exit 1 when a target is missed."""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from bench import assistants, machine, messages, report, results
from bench.load import PhaseResult, first_answer, run_phase
from bench.memory import MemorySampler, tree_cpu_seconds
from deployment.settings import PROJECT_ROOT

TESTS = PROJECT_ROOT / "tests" / "integration" / "test_conversations.py"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--single-messages", type=int, default=50)
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--conversation-messages", type=int, default=10)
    parser.add_argument("--baseline-tracker", choices=["memory", "sqlite"], default="memory",
                        help="memory: as `rasa init` leaves it (default); sqlite: the SQL tracker store ours uses")
    parser.add_argument("--plain-rest", action="store_true",
                        help="ours on Rasa's plain `rest:` channel instead of the project's credentials.yml")
    parser.add_argument("--ours-env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for our servers (what-if runs, e.g. PYTHONPATH=some/dir)")
    parser.add_argument("--ours-endpoints", type=Path, default=PROJECT_ROOT / "endpoints.yml",
                        help="endpoints for our Rasa server (default: the default profile's endpoints.yml)")
    parser.add_argument("--config", type=Path, default=PROJECT_ROOT / "config.yml", help="our config to train")
    parser.add_argument("--output", type=Path, default=PROJECT_ROOT / "results" / "bench.json")
    parser.add_argument("--plot", type=lambda text: Path(text) if text else None,
                        default=PROJECT_ROOT / "results" / "bench.png", help="PNG to draw ('' for none)")
    parser.add_argument("--quiet-patience", type=float, default=90.0,
                        help="seconds to wait, before each load, for other programs to leave the CPUs (0: don't)")
    parser.add_argument("--workdir", type=Path, help="keep models and logs here (default: a temp dir, removed)")
    return parser


def _log(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def parse_env(pairs: Sequence[str]) -> dict[str, str]:
    """NAME=VALUE pairs; a relative PYTHONPATH is taken from the project root, where ours runs."""
    env = {}
    for pair in pairs:
        name, separator, value = pair.partition("=")
        if not separator or not name:
            raise SystemExit(f"--ours-env needs NAME=VALUE, got {pair!r}")
        if name == "PYTHONPATH":
            value = os.pathsep.join(str((PROJECT_ROOT / part).resolve()) for part in value.split(os.pathsep))
        env[name] = value
    return env


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def measure(
    name: str, running: assistants.Running, first_message: str, single: list[str], concurrent: list[list[str]],
    train_seconds: float, quiet_patience: float,
) -> results.SideResult:
    """Time to first answer, then the single conversation, then the concurrent ones, RSS sampled throughout."""
    try:
        answered = first_answer(running.rasa_url, first_message, running.launched_at + 300, running.alive)
    except RuntimeError as error:
        raise RuntimeError(f"{name}: {error}\n{running.exit_report()}") from error
    _log(f"{name}: first answer after {answered - running.launched_at:.1f}s")

    def own() -> float:
        return sum(tree_cpu_seconds(pid) for pid in running.pids.values()) + _own_cpu_seconds()

    others = machine.wait_until_quiet(patience=quiet_patience, own_cpu=own)
    _log(f"{name}: other programs use {others:.2f} cores; loading")
    sampler = MemorySampler(running.pids).start()
    cpu_before = {k: tree_cpu_seconds(pid) for k, pid in running.pids.items()}
    machine_before, driver_before = machine.busy_cpu_seconds(), _own_cpu_seconds()
    phases: list[PhaseResult] = []
    for phase_name, conversations in (("single", [single]), ("concurrent", concurrent)):
        phase = asyncio.run(run_phase(running.rasa_url, phase_name, conversations, f"bench-{name}-{phase_name}"))
        _log(f"{name}: {phase_name}: {len(phase.latencies)} answers in {phase.wall_seconds:.1f}s, "
             f"{len(phase.errors)} errors")
        phases.append(phase)
    peak = sampler.stop()
    cpu = {k: round(tree_cpu_seconds(pid) - cpu_before[k], 2) for k, pid in running.pids.items()}
    cpu["load driver"] = round(_own_cpu_seconds() - driver_before, 2)
    cpu["other programs"] = round(machine.busy_cpu_seconds() - machine_before - sum(cpu.values()), 2)
    _log(f"{name}: CPU seconds during load {cpu}, peak RSS MiB { {k: v // 2**20 for k, v in peak.items()} }")
    return results.SideResult(name, train_seconds, answered - running.launched_at, phases[0], phases[1], peak, cpu)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    meta = machine.describe(PROJECT_ROOT)
    meta["baseline_tracker"] = args.baseline_tracker
    _log(f"{meta['nproc']} × {meta['cpu_model']}, {meta['mem_total_gib']} GiB, load {meta['load_average_before']}")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        _log("training the baseline (rasa init --no-prompt) from scratch")
        base_trained = assistants.train_baseline(workdir)
        _log(f"baseline trained in {base_trained.seconds:.1f}s")
        _log("training ours from scratch (empty cache)")
        ours_trained = assistants.train_ours(workdir, args.config)
        _log(f"ours trained in {ours_trained.seconds:.1f}s")

        credentials = (
            assistants.rest_only_credentials(workdir / "ours-credentials.yml") if args.plain_rest
            else PROJECT_ROOT / "credentials.yml"
        )
        meta["ours_credentials"] = "plain rest:" if args.plain_rest else "credentials.yml"
        ours_env = parse_env(args.ours_env)
        meta["ours_env"], meta["ours_endpoints"] = ours_env, str(args.ours_endpoints)
        base_scripts = messages.scripts_from_rasa_project(base_trained.project / "data")
        our_scripts = messages.scripts_from_test_file(TESTS)
        sides = []
        for name, trained, scripts, start in (
            ("baseline", base_trained, base_scripts,
             lambda t: assistants.start_baseline(t, workdir, args.baseline_tracker == "sqlite")),
            ("ours", ours_trained, our_scripts, lambda t: assistants.start_ours(t, workdir, ours_env, args.ours_endpoints, credentials)),
        ):
            _log(f"{name}: starting")
            running = start(trained)
            try:
                sides.append(measure(
                    name, running, scripts[0][0],
                    messages.conversation(scripts, 0, args.single_messages),
                    messages.conversations(scripts, args.conversations, args.conversation_messages),
                    trained.seconds, args.quiet_patience,
                ))
            finally:
                running.stop()
        baseline, ours = sides
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)

    results.save(args.output, baseline, ours, meta)
    report_rows = report.rows(baseline, ours)
    print()
    print(report.table(report_rows))
    print(f"\nraw figures: {args.output}")
    if args.plot:
        from bench import plot

        plot.render(baseline, ours, meta, args.plot)
        print(f"plot: {args.plot}")
    for side in sides:
        for error in side.errors()[:5]:
            print(f"{side.name} error: {error}")
    failed = report.missed(report_rows)
    if failed:
        print("\ntargets missed: " + "; ".join(f"{r.metric} ({r.target})" for r in failed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
