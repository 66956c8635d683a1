"""Train and start the two assistants under test, each from scratch in a work folder.

Baseline: the project `rasa init --no-prompt` creates (its training is part of that command).
Ours: this repository's config, domain and data, trained into the work folder with an empty
cache (RASA_CACHE_DIRECTORY inside the work folder), so no cached component makes it look fast.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from deployment.settings import PROJECT_ROOT
from tests.support.servers import assistant_env, on_free_ports, stop, wait_for

BIN = PROJECT_ROOT / ".venv" / "bin"
# The conversation tests' main fixture: a Tuesday afternoon (call centre open, no maintenance),
# so every run of ours answers the same way whatever the real clock says.
TUESDAY_2PM = "2026-12-01T14:00:00+09:00"
QUIET_ENV = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
# How long a server may take to listen, and how often it is asked (as often as the first answer is).
ACTION_SERVER_SECONDS, RASA_SERVER_SECONDS, POLL_SECONDS = 120, 300, 0.1


@dataclass
class Trained:
    model: Path
    seconds: float
    project: Path


@dataclass
class Running:
    """Servers of one assistant; `pids` names the processes whose memory is sampled."""

    rasa_url: str
    launched_at: float
    pids: dict[str, int]
    processes: list[subprocess.Popen] = field(default_factory=list)
    logs: list[Path] = field(default_factory=list)

    def alive(self) -> bool:
        """False once a server has exited; its log's tail is then in `exit_report()`."""
        return all(process.poll() is None for process in self.processes)

    def exit_report(self) -> str:
        return "\n".join(
            f"{log.name} (exit {process.returncode}):\n{_tail(log)}"
            for process, log in zip(self.processes, self.logs, strict=False) if process.poll() is not None
        )

    def stop(self) -> None:
        stop(list(reversed(self.processes)))


def _tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def _timed_run(command: list[str], cwd: Path, env: Mapping[str, str], log: Path, timeout: float) -> float:
    started = time.monotonic()
    with log.open("w") as out:
        completed = subprocess.run(command, cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT, timeout=timeout)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {completed.returncode}:\n{_tail(log)}")
    return time.monotonic() - started


def base_env(extra: Mapping[str, str] = ()) -> dict[str, str]:
    return {**os.environ, **QUIET_ENV, **dict(extra)}


def train_baseline(workdir: Path, timeout: float = 600) -> Trained:
    project = workdir / "baseline"
    project.mkdir(parents=True)
    env = base_env({"RASA_CACHE_DIRECTORY": str(workdir / "cache-baseline")})
    seconds = _timed_run(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
        project, env, workdir / "train-baseline.log", timeout,
    )
    models = sorted((project / "models").glob("*.tar.gz"))
    if len(models) != 1:
        raise RuntimeError(f"expected one baseline model, found {models}")
    return Trained(models[0], seconds, project)


def ours_env(workdir: Path, action_port: Optional[int] = None, extra: Mapping[str, str] = ()) -> dict[str, str]:
    overrides = {"ASSISTANT_NOW": TUESDAY_2PM, "RASA_CACHE_DIRECTORY": str(workdir / "cache-ours"), **dict(extra)}
    if action_port is not None:
        overrides["ACTION_ENDPOINT_URL"] = f"http://127.0.0.1:{action_port}/webhook"
    return {**assistant_env(workdir, overrides), **QUIET_ENV}


def train_ours(workdir: Path, config: Path = PROJECT_ROOT / "config.yml", timeout: float = 600) -> Trained:
    out = workdir / "ours-model"
    seconds = _timed_run(
        [str(BIN / "rasa"), "train", "--config", str(config), "--domain", "domain.yml", "--data", "data",
         "--out", str(out), "--fixed-model-name", "assistant"],
        PROJECT_ROOT, ours_env(workdir), workdir / "train-ours.log", timeout,
    )
    return Trained(out / "assistant.tar.gz", seconds, PROJECT_ROOT)


def _launch(command: list[str], cwd: Path, env: Mapping[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, env=dict(env), stdout=log.open("w"), stderr=subprocess.STDOUT)


def _rasa_run(model: Path, port: int, credentials: Path, endpoints: Path) -> list[str]:
    return [str(BIN / "rasa"), "run", "--model", str(model), "--port", str(port), "--interface", "127.0.0.1",
            "--credentials", str(credentials), "--endpoints", str(endpoints)]


def sqlite_endpoints(path: Path, db: Path) -> Path:
    """Endpoints giving an assistant the SQL tracker store on SQLite, as ours has."""
    path.write_text(f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n", encoding="utf-8")
    return path


def rest_only_credentials(path: Path) -> Path:
    """Rasa's own REST channel and nothing else: the channel both sides are measured on."""
    path.write_text("rest:\n", encoding="utf-8")
    return path


def start_baseline(trained: Trained, workdir: Path, sqlite_tracker: bool = False) -> Running:
    """The baseline's Rasa server, listening; launched again on a new port if its port was taken meanwhile."""
    endpoints = (
        sqlite_endpoints(workdir / "baseline-endpoints.yml", workdir / "baseline-tracker.db")
        if sqlite_tracker else trained.project / "endpoints.yml"
    )
    log = workdir / "rasa-baseline.log"

    def start(port: int) -> Running:
        launched = time.monotonic()
        process = _launch(
            _rasa_run(trained.model, port, trained.project / "credentials.yml", endpoints),
            trained.project, base_env(), log,
        )
        running = Running(f"http://127.0.0.1:{port}", launched, {"rasa": process.pid}, [process], [log])
        _wait_listening(running, [f"{running.rasa_url}/"], [RASA_SERVER_SECONDS])
        return running

    return on_free_ports(1, start)


def start_ours(
    trained: Trained,
    workdir: Path,
    extra_env: Mapping[str, str] = (),
    endpoints: Path = PROJECT_ROOT / "endpoints.yml",
    credentials: Path = PROJECT_ROOT / "credentials.yml",
) -> Running:
    """Action server and Rasa server launched together, as `scripts/run-all` does (migrations first),
    both listening; launched again on new ports if a port was taken meanwhile.

    By default with the project's own credentials.yml and endpoints.yml (default profile: SQLite
    tracker store): the REST channel as customers reach it, guard included.
    """
    action_log, rasa_log = workdir / "actions-ours.log", workdir / "rasa-ours.log"

    def start(action_port: int, rasa_port: int) -> Running:
        env = ours_env(workdir, action_port, extra_env)
        subprocess.run([str(BIN / "python"), "-m", "storage.cli", "migrate"], cwd=PROJECT_ROOT, env=env,
                       check=True, capture_output=True)
        launched = time.monotonic()
        actions = _launch([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(action_port)],
                          PROJECT_ROOT, env, action_log)
        rasa = _launch(_rasa_run(trained.model, rasa_port, credentials, endpoints), PROJECT_ROOT, env, rasa_log)
        running = Running(f"http://127.0.0.1:{rasa_port}", launched, {"rasa": rasa.pid, "actions": actions.pid},
                          [actions, rasa], [action_log, rasa_log])
        _wait_listening(
            running, [f"http://127.0.0.1:{action_port}/health", f"{running.rasa_url}/"],
            [ACTION_SERVER_SECONDS, RASA_SERVER_SECONDS],
        )
        return running

    return on_free_ports(2, start)


def _wait_listening(running: Running, urls: list[str], seconds: list[float]) -> None:
    """Until each process answers at its URL, counted from the launch; stops them all if one does not."""
    try:
        for process, log, url, limit in zip(running.processes, running.logs, urls, seconds, strict=True):
            wait_for(url, running.launched_at + limit - time.monotonic(), process, log, poll=POLL_SECONDS)
    except Exception:
        running.stop()
        raise
