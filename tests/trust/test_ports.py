"""A port taken between free_port() and the server's bind is recognised, so the start is retried."""

from __future__ import annotations

import socket
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.support.servers import (
    PORT_ATTEMPTS,
    PortTaken,
    assistant_env,
    free_port,
    on_free_ports,
    start_action_server,
    stop,
    wait_for,
)


def intruder_on(port: int) -> socket.socket:
    """Another program listening on `port`, as if it had taken it after free_port() found it free."""
    intruder = socket.socket()
    intruder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    intruder.bind(("0.0.0.0", port))
    intruder.listen()
    return intruder


@pytest.mark.slow
def test_a_server_whose_port_was_taken_meanwhile_reports_port_taken(tmp_path: Path) -> None:
    port = free_port()
    with intruder_on(port), pytest.raises(PortTaken):
        start_action_server(tmp_path, assistant_env(tmp_path), port)


def start_http_server(port: int, log: Path, processes: list) -> subprocess.Popen:
    """A real server process on `port`, waited for as the assistant's servers are."""
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        stdout=log.open("a"), stderr=subprocess.STDOUT,
    )
    processes.append(process)
    wait_for(f"http://127.0.0.1:{port}/", 30, process, log, poll=0.1)
    return process


def test_servers_whose_port_was_taken_start_again_on_new_ports(tmp_path: Path) -> None:
    tried: list[int] = []
    processes: list = []

    def start(port: int) -> int:
        tried.append(port)
        with ExitStack() as intruders:
            if len(tried) < 3:  # the first two ports are taken between free_port() and the bind
                intruders.enter_context(intruder_on(port))
            start_http_server(port, tmp_path / "server.log", processes)
        return port

    try:
        port = on_free_ports(1, start)
        assert tried == [*tried[:2], port] and len(set(tried)) == 3
        assert processes[-1].poll() is None
        assert all(process.poll() is not None for process in processes[:-1])  # the two that found their port taken
    finally:
        stop(processes)


def test_after_the_last_attempt_the_port_is_reported_taken(tmp_path: Path) -> None:
    processes: list = []

    def start(port: int) -> None:
        with intruder_on(port):
            start_http_server(port, tmp_path / "server.log", processes)

    try:
        with pytest.raises(PortTaken):
            on_free_ports(1, start)
        assert len(processes) == PORT_ATTEMPTS
    finally:
        stop(processes)
