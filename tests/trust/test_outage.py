"""PostgreSQL goes away mid-conversation (production profile) and comes back.

The assistant runs as in production (scripts/serve-rasa, ASSISTANT_PROFILE=production): the
tracker store and the action server's database on PostgreSQL, the lock store on Redis. The
PostgreSQL server is the test's own (tests/support/private_postgres.py), never the machine's.

While it is stopped, the customer gets the apology with the phone number, not an answer from a
conversation that starts over. Once it is back, the same conversation goes on from its last
recorded state (the card question answered gives the reissue steps), and the database holds every
message recorded before the outage, in order, once.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from rasa_addons.channels import guard
from tests.support import private_postgres
from tests.support.servers import SERVE_RASA, Assistant, running_assistant
from tests.trust.conftest import FIXED_NOW, REDIS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not private_postgres.available(), reason="no PostgreSQL server binaries on this machine"),
]

TRACKER_DB, ACTION_DB = "outage_tracker", "outage_actions"
REISSUE_STEPS = "次の手順で再発行できます"
PHONE = "0120"


@pytest.fixture
def production(tmp_path: Path, redis_server: dict) -> Iterator[tuple[Assistant, private_postgres.PrivatePostgres]]:
    with private_postgres.private_postgres() as postgres:
        postgres.create_database(TRACKER_DB)
        postgres.create_database(ACTION_DB)
        overrides = {
            "ASSISTANT_NOW": FIXED_NOW,
            "ASSISTANT_PROFILE": "production",
            "ASSISTANT_DB_URL": f"postgresql://postgres@127.0.0.1:{postgres.port}/{ACTION_DB}",
            "TRACKER_DB_HOST": "127.0.0.1",
            "TRACKER_DB_PORT": str(postgres.port),
            "TRACKER_DB_NAME": TRACKER_DB,
            "TRACKER_DB_USER": "postgres",
            "TRACKER_DB_PASSWORD": "",
            "LOCK_STORE_HOST": REDIS["host"],
            "LOCK_STORE_PORT": str(REDIS["port"]),
            "LOCK_STORE_KEY_PREFIX": "outage" + uuid.uuid4().hex[:12],
        }
        with running_assistant(tmp_path, overrides, endpoints=None, rasa_command=SERVE_RASA) as assistant:
            yield assistant, postgres


def recorded_user_texts(postgres: private_postgres.PrivatePostgres, sender: str) -> list[str]:
    connection = postgres.connect(TRACKER_DB)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT data FROM events WHERE sender_id = %s AND type_name = 'user' ORDER BY id", (sender,))
            return [json.loads(data)["text"] for (data,) in cursor.fetchall()]
    finally:
        connection.close()


def test_an_outage_gets_the_apology_and_the_conversation_resumes_where_it_was(production) -> None:
    assistant, postgres = production
    sender = "outage-" + uuid.uuid4().hex[:8]
    first = assistant.texts(sender, "パスワードを忘れました")
    assert "カード" in first, first  # the triage asks whether the customer holds a card

    postgres.stop()
    during = assistant.texts(sender, "カードは持っていません")
    assert during == guard.assistant_unavailable_text(), during
    assert PHONE in during

    postgres.start()
    after = assistant.texts(sender, "カードは持っていません")
    assert REISSUE_STEPS in after, after
    assert recorded_user_texts(postgres, sender) == ["パスワードを忘れました", "カードは持っていません"]
