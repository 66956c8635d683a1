"""Item 2: conversations live in the tracker store (SQLite by default), not in a server's memory.

The Rasa server runs as `make run` starts it: scripts/serve-rasa, default profile (endpoints.yml,
tracker store on SQLite), HTTP API off.

Two customers are mid-way through a form when the servers are stopped; after a restart each
conversation continues where it was, with its slots. Then the Rasa server is killed outright
(SIGKILL, no shutdown) and started again: still nothing is lost. The tracker database holds
every message once, in order.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import requests

from tests.support.servers import SERVE_RASA, running_assistant
from tests.trust.conftest import FIXED_NOW

pytestmark = pytest.mark.slow

TRIAGE, INTEREST = "durable-triage", "durable-interest"


def user_texts(tracker_db: Path, conversation: str) -> list[str]:
    connection = sqlite3.connect(f"file:{tracker_db}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (conversation,)
        ).fetchall()
    finally:
        connection.close()
    return [json.loads(data)["text"] for (data,) in rows]


def test_conversations_continue_across_a_restart_and_a_crash(tmp_path: Path) -> None:
    overrides = {"ASSISTANT_NOW": FIXED_NOW, "ASSISTANT_PROFILE": "default", "RASA_ENABLE_API": "false"}
    launcher = {"endpoints": None, "rasa_command": SERVE_RASA}
    sent = {TRIAGE: [], INTEREST: []}

    def say(assistant, conversation: str, message: str) -> str:
        sent[conversation].append(message)
        return assistant.texts(conversation, message)

    # 1. Into the triage form (login method answered) and the interest form (balance answered).
    with running_assistant(tmp_path, overrides, **launcher) as assistant:
        assert requests.get(f"{assistant.rasa_url}/status", timeout=10).status_code == 404  # API off
        assert "ログインにはどちらの方法" in say(assistant, TRIAGE, "ログインできない")
        assert "どのような状態ですか" in say(assistant, TRIAGE, '/inform{"login_method": "card_pin"}')
        assert "借入残高" in say(assistant, INTEREST, "利息を計算したい")
        assert "年利は何" in say(assistant, INTEREST, "10万円")
    # (servers stopped: SIGTERM)

    # 2. Restarted: the triage ends with the card-PIN answer, which needs the login method given
    #    before the restart; the simulation takes the next answer as the rate, not as a balance.
    with running_assistant(tmp_path, overrides, **launcher) as assistant:
        outcome = say(assistant, TRIAGE, '/inform{"problem": "forgot"}')
        assert "自動契約機" in outcome and "解決しましたか" in outcome, outcome
        assert "何日分" in say(assistant, INTEREST, "18%")
        for process in reversed(assistant.processes):
            process.kill()  # a crash: no shutdown, no flush
            process.wait(timeout=10)

    # 3. After the crash: the simulation still knows balance and rate.
    with running_assistant(tmp_path, overrides, **launcher) as assistant:
        result = say(assistant, INTEREST, "30日")
        assert "元金：100,000円" in result and "年利：18.0%" in result and "利息：1,479円" in result, result
        assert "解決してよかった" in say(assistant, TRIAGE, "/affirm")

    for conversation, messages in sent.items():
        assert user_texts(tmp_path / "tracker.db", conversation) == messages
