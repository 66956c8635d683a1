"""A port taken between free_port() and the server's bind is recognised, so the start is retried."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.support.servers import PortTaken, assistant_env, free_port, start_action_server

pytestmark = pytest.mark.slow


def test_a_server_whose_port_was_taken_meanwhile_reports_port_taken(tmp_path: Path) -> None:
    port = free_port()
    with socket.socket() as intruder:
        intruder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        intruder.bind(("0.0.0.0", port))
        intruder.listen()
        with pytest.raises(PortTaken):
            start_action_server(tmp_path, assistant_env(tmp_path), port)
