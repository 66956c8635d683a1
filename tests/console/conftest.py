"""The console served by scripts/serve-console over seeded databases, on a free port."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from typing import Iterator

import pytest
import requests

from deployment.settings import PROJECT_ROOT, environment
from tests.console.seed import NOW, seed_sqlite
from tests.support.servers import free_port, stop, wait_for

OPERATOR_TOKEN = "operator-token-for-tests-7c1f"


@dataclass(frozen=True)
class Console:
    url: str
    database_url: str

    def logged_in(self) -> requests.Session:
        """An HTTP session that has logged in with the operator token."""
        session = requests.Session()
        response = session.post(f"{self.url}/login", data={"token": OPERATOR_TOKEN}, allow_redirects=False)
        assert response.status_code == 303, response.text
        return session


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    workdir = tmp_path_factory.mktemp("console-server")
    seeded = seed_sqlite(workdir)
    port = free_port()
    env = {
        **environment(),
        "ASSISTANT_PROFILE": "default",
        "ASSISTANT_DB_URL": seeded.database_url,
        "TRACKER_DB_PATH": str(workdir / "tracker.db"),
        "ASSISTANT_NOW": NOW.isoformat(),
        "CONSOLE_TOKEN": OPERATOR_TOKEN,
        "RASA_AUTH_TOKEN": "",
    }
    log = workdir / "console.log"
    server = subprocess.Popen(
        [str(PROJECT_ROOT / "scripts" / "serve-console"), "--port", str(port)],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/login", 60, server, log)
        yield Console(f"http://127.0.0.1:{port}", seeded.database_url)
    finally:
        stop([server])
        assert OPERATOR_TOKEN not in log.read_text(encoding="utf-8"), "the token was logged"
