"""Durable from the first message, however the servers are started.

A fresh checkout has no var/ folder. Plain `rasa run` (HTTP API on, as the tests run it) and
`rasa run actions` from the repository root must then behave exactly like the project's own
start (scripts/serve-rasa, after `make run`'s migration): the tracker store's folder is created,
the action server migrates its database at start, and a form keeps its state between messages.
A tracker store or an action database that cannot be used stops the server with the reason,
instead of a server that forgets every conversation.
"""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.support.servers import BIN, MODEL, PROJECT_ROOT, SERVE_RASA, assistant_env, free_port, running_assistant
from tests.trust.conftest import FIXED_NOW
from tests.trust.test_durability import user_texts

pytestmark = pytest.mark.slow

TOKEN = "fresh-start-" + uuid.uuid4().hex
CONVERSATION = ["パスワードを忘れました", "カードは持っていません"]
REISSUE_STEPS = "次の手順で再発行できます"


def fresh_var(workdir: Path) -> dict:
    """Settings that put both databases in a var/ folder that does not exist yet."""
    var = workdir / "var"
    assert not var.exists()
    return {
        "ASSISTANT_NOW": FIXED_NOW,
        "ASSISTANT_PROFILE": "default",
        "TRACKER_DB_PATH": str(var / "tracker.db"),
        "ASSISTANT_DB_URL": f"sqlite:///{var / 'assistant.db'}",
    }


def converse(assistant, sender: str) -> list[str]:
    return [assistant.texts(sender, message) for message in CONVERSATION]


def test_plain_rasa_run_answers_as_the_project_start_does_from_a_checkout_without_var(tmp_path: Path) -> None:
    plain_dir, project_dir = tmp_path / "plain", tmp_path / "project"
    plain_settings = {**fresh_var(plain_dir), "RASA_ENABLE_API": "true"}
    with running_assistant(
        plain_dir, plain_settings, migrate_db=False, extra_args=("--enable-api", "--auth-token", TOKEN)
    ) as plain:
        plain_answers = converse(plain, "fresh-plain")
    project_settings = {**fresh_var(project_dir), "RASA_ENABLE_API": "true", "RASA_AUTH_TOKEN": TOKEN}
    with running_assistant(project_dir, project_settings, endpoints=None, rasa_command=SERVE_RASA) as project:
        project_answers = converse(project, "fresh-project")

    assert REISSUE_STEPS in plain_answers[1], plain_answers
    assert plain_answers == project_answers
    assert user_texts(plain_dir / "var" / "tracker.db", "fresh-plain") == CONVERSATION
    with sqlite3.connect(plain_dir / "var" / "assistant.db") as connection:  # migrated by the action server
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()


def refusal(command: list[str], env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)


def test_a_tracker_store_that_cannot_be_opened_stops_rasa_with_the_reason(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    env = assistant_env(tmp_path, {"TRACKER_DB_PATH": str(blocked / "var" / "tracker.db")})
    result = refusal(
        [str(BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(free_port()),
         "--endpoints", str(PROJECT_ROOT / "endpoints.yml"), "--credentials", str(PROJECT_ROOT / "credentials.yml")],
        env,
    )
    assert result.returncode != 0
    assert "refusing to start rather than keep conversations in memory" in result.stdout + result.stderr


def test_an_action_database_that_cannot_be_migrated_stops_the_action_server_with_the_reason(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    env = assistant_env(tmp_path, {"ASSISTANT_DB_URL": f"sqlite:///{blocked / 'var' / 'assistant.db'}"})
    result = refusal([str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(free_port())], env)
    assert result.returncode != 0
    assert "action server: refusing to start" in result.stdout + result.stderr
