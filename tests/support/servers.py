"""Start the real assistant (action server + Rasa server) for a test, on free ports, with its own databases."""

from __future__ import annotations

import random
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping, Optional, Sequence, TypeVar

import requests

from deployment.settings import PROJECT_ROOT, environment

MODEL = PROJECT_ROOT / "models" / "assistant.tar.gz"
BIN = PROJECT_ROOT / ".venv" / "bin"
T = TypeVar("T")


# Below Linux's ephemeral range (32768-60999): a port the kernel hands out for `bind(0)` can be taken
# by any outgoing connection before the server binds it (CI once failed on exactly that).
_TEST_PORTS = range(20000, 32000)
_handed_out: set[int] = set()


def free_port() -> int:
    """A port nothing listens on, outside the ephemeral range, never handed out twice in this run."""
    for _ in range(200):
        port = random.choice(_TEST_PORTS)
        if port in _handed_out:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("0.0.0.0", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free port between 20000 and 32000")


class PortTaken(RuntimeError):
    """The server could not bind its port: something else took it after free_port() found it free."""


_PORT_IN_USE = ("address already in use", "[errno 98]")
PORT_ATTEMPTS = 5


def wait_for(
    url: str, timeout: float, process: Optional[subprocess.Popen] = None, log: Optional[Path] = None, poll: float = 0.3
) -> None:
    """Until `url` answers below 500; PortTaken if `process` exited because its port was in use."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log else ""
            error = PortTaken if any(sign in tail.lower() for sign in _PORT_IN_USE) else RuntimeError
            raise error(f"process exited with {process.returncode}: {tail}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(poll)
    raise TimeoutError(f"{url} did not answer within {timeout}s: {log.read_text()[-3000:] if log else ''}")


def on_free_ports(count: int, start: Callable[..., T]) -> T:
    """`start(*ports)` on `count` ports from free_port(), started again on new ports when it raises PortTaken.

    A port found free can be taken before the server binds it. `start` stops whatever it launched
    before it lets PortTaken out; after PORT_ATTEMPTS tries the last PortTaken is raised.
    """
    for attempt in range(1, PORT_ATTEMPTS + 1):
        try:
            return start(*(free_port() for _ in range(count)))
        except PortTaken:
            if attempt == PORT_ATTEMPTS:
                raise
    raise AssertionError("unreachable: the last attempt returns or raises")


@dataclass
class Assistant:
    rasa_url: str
    action_url: str
    env: dict
    workdir: Path
    processes: list = field(default_factory=list)  # [action server, Rasa server]
    action_port: int = 0
    rasa_port: int = 0

    def stop_action_server(self) -> None:
        stop(self.processes[:1])

    def start_action_server(self, overrides: Mapping[str, str] = (), migrate_db: bool = True) -> None:
        """(Re)start the action server on its port, with `overrides` on top of the assistant's env."""
        stop(self.processes[:1])
        self.processes[0] = start_action_server(self.workdir, {**self.env, **dict(overrides)}, self.action_port, migrate_db)

    def logs(self) -> list[Path]:
        return sorted(self.workdir.glob("*.log"))

    def say(self, sender: str, message: str, timeout: float = 30) -> list[dict]:
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout
        )
        response.raise_for_status()
        return response.json()

    def texts(self, sender: str, message: str) -> str:
        """All the text the assistant answered, joined: what a customer reads."""
        return "\n".join(reply.get("text", "") for reply in self.say(sender, message))


def assistant_env(workdir: Path, overrides: Mapping[str, str] = ()) -> dict:
    env = environment()
    env.update(
        {
            "ASSISTANT_DB_URL": f"sqlite:///{workdir / 'assistant.db'}",
            "TRACKER_DB_PATH": str(workdir / "tracker.db"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            # The API's own tests turn it on with a token; the others need only the channels.
            "RASA_ENABLE_API": "false",
            "RASA_TELEMETRY_ENABLED": "false",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }
    )
    env.update(dict(overrides))
    return env


def start_action_server(
    workdir: Path, env: dict, port: int, migrate_db: bool = True, extra_args: Sequence[str] = ()
) -> subprocess.Popen:
    log = workdir / f"actions-{port}.log"
    if migrate_db:
        subprocess.run([str(BIN / "python"), "-m", "storage.cli", "migrate"], cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port), *extra_args],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT,
    )
    wait_for(f"http://127.0.0.1:{port}/health", 90, process, log)
    return process


RASA_RUN = (str(BIN / "rasa"), "run")
# The project's own launcher (what scripts/run-all starts): profile, HTTP API token.
SERVE_RASA = (str(PROJECT_ROOT / "scripts" / "serve-rasa"),)


def start_rasa_server(
    workdir: Path,
    env: dict,
    port: int,
    credentials: Path,
    endpoints: Optional[Path],
    extra_args: Sequence[str] = (),
    command: Sequence[str] = RASA_RUN,
) -> subprocess.Popen:
    """`command` (default `rasa run`) with the model, port and files; endpoints None leaves them to the launcher."""
    log = workdir / f"rasa-{port}.log"
    endpoint_args = ["--endpoints", str(endpoints)] if endpoints is not None else []
    process = subprocess.Popen(
        [*command, "--model", str(MODEL), "--port", str(port), "--credentials", str(credentials), *endpoint_args, *extra_args],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("a"), stderr=subprocess.STDOUT,
    )
    wait_for(f"http://127.0.0.1:{port}/", 180, process, log)
    return process


def stop(processes: Sequence[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_assistant(
    workdir: Path,
    overrides: Mapping[str, str] = (),
    credentials: Path = PROJECT_ROOT / "credentials.yml",
    endpoints: Optional[Path] = PROJECT_ROOT / "endpoints.yml",
    extra_args: Sequence[str] = (),
    rasa_command: Sequence[str] = RASA_RUN,
    action_args: Sequence[str] = (),
    migrate_db: bool = True,
) -> Iterator[Assistant]:
    """The assistant as `make run` starts it, but on free ports and with databases inside `workdir`.

    rasa_command=SERVE_RASA starts Rasa through the project's launcher (profile, API token);
    with endpoints=None the launcher picks them by ASSISTANT_PROFILE.
    """
    if not MODEL.exists():
        raise RuntimeError("no trained model: run `make train` first")
    workdir.mkdir(parents=True, exist_ok=True)
    processes: list = []

    def start(action_port: int, rasa_port: int) -> Assistant:
        env = assistant_env(workdir, {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{action_port}/webhook", **dict(overrides)})
        try:
            processes.append(start_action_server(workdir, env, action_port, migrate_db, action_args))
            processes.append(start_rasa_server(workdir, env, rasa_port, credentials, endpoints, extra_args, rasa_command))
        except PortTaken:
            stop(processes)
            processes.clear()
            raise
        return Assistant(
            f"http://127.0.0.1:{rasa_port}", f"http://127.0.0.1:{action_port}", env, workdir, processes,
            action_port=action_port, rasa_port=rasa_port,
        )

    try:
        yield on_free_ports(2, start)
    finally:
        stop(processes)
