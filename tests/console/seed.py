"""Seeded data for the console's tests: the action database through storage.repository, and the
tracker store written by Rasa's own SQLTrackerStore (so its events table is exactly Rasa's)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dateutil import parser

from deployment.settings import PROJECT_ROOT
from storage import repository
from storage.database import migrate, session_scope

NOW = parser.isoparse("2026-12-01T14:00:00+09:00")
YESTERDAY = NOW - timedelta(days=1)
# A secret a channel should have masked: the console must mask it again.
PIN_TYPED = "暗証番号は4721です、ログインできない"
CARD_TYPED = "カード 4980 3127 6645 2093 で入れない"
SECRETS = ("4721", "4980", "3127 6645", "31276645", "2093")
NONSENSE = "ふがふが"


@dataclass(frozen=True)
class Seeded:
    database_url: str
    tracker_url: str


def _user(text: str, intent: str, confidence: float, at: datetime):
    from rasa.shared.core.events import UserUttered

    return UserUttered(text, {"name": intent, "confidence": confidence}, timestamp=at.timestamp(),
                       parse_data={"text": text, "intent": {"name": intent, "confidence": confidence}})


def _bot(text: str, at: datetime, buttons: tuple[str, ...] = ()):
    from rasa.shared.core.events import BotUttered

    data = {"buttons": [{"title": title, "payload": f"/{title}"} for title in buttons]} if buttons else {}
    return BotUttered(text, data, timestamp=at.timestamp())


def _action(name: str, at: datetime):
    from rasa.shared.core.events import ActionExecuted

    return ActionExecuted(name, timestamp=at.timestamp())


def conversations() -> dict[str, list]:
    """Five conversations over two days (and one long before), as Rasa would have stored them."""
    minute = timedelta(minutes=1)
    return {
        "c-resolved": [
            _action("action_session_start", NOW - 9 * minute),
            _user("ログインできません", "report_login_problem", 0.93, NOW - 9 * minute),
            _action("action_check_maintenance", NOW - 9 * minute),
            _bot("ログインIDの再発行はこちらです。", NOW - 9 * minute, ("はい", "いいえ")),
            _user("はい", "affirm", 0.99, NOW - 8 * minute),
            _action("action_record_feedback", NOW - 8 * minute),
        ],
        "c-handoff": [
            _user("返済が遅れています", "inform", 0.81, YESTERDAY),
            _action("action_hand_off", YESTERDAY),
            _bot("プロミスコール 0120-24-0365 へお電話ください。", YESTERDAY),
        ],
        "c-fallback-pin": [
            _user(PIN_TYPED, "nlu_fallback", 0.3, NOW - 5 * minute),
            _action("action_not_understood", NOW - 5 * minute),
            _bot("すみません、もう一度お願いします。", NOW - 5 * minute),
            _user(NONSENSE, "nonsense", 0.9, NOW - 4 * minute),
            _action("action_not_understood", NOW - 4 * minute),
        ],
        "c-fallback-card": [
            _user(NONSENSE, "nonsense", 0.88, YESTERDAY + minute),
            _action("action_not_understood", YESTERDAY + minute),
            _user(CARD_TYPED, "nlu_fallback", 0.2, YESTERDAY + 2 * minute),
            _action("action_default_fallback", YESTERDAY + 2 * minute),
        ],
        "c-not-resolved": [
            _user("パスワードを忘れた", "report_login_problem", 0.9, NOW - 2 * minute),
            _user("いいえ", "deny", 0.97, NOW - minute),
            _action("action_record_feedback", NOW - minute),
        ],
        "c-old": [
            _user("こんにちは", "greet", 0.99, NOW - timedelta(days=90)),
        ],
    }


async def _save_trackers(store_kwargs: dict) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(PROJECT_ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, **store_kwargs)
    for sender_id, events in conversations().items():
        await store.save(DialogueStateTracker.from_events(sender_id, events, domain.slots))
    store.engine.dispose()


def seed(database_url: str, tracker_url: str, tracker_store: dict) -> Seeded:
    """Both databases filled with the conversations above and their outcomes; `tracker_store` is how
    Rasa's SQLTrackerStore is configured to reach `tracker_url` (the keys of endpoints.yml)."""
    migrate(database_url)
    with session_scope(database_url) as session:
        repository.record_feedback(session, "c-resolved", "reissue_credentials", True, NOW - 8 * timedelta(minutes=1))
        repository.record_feedback(session, "c-not-resolved", "reissue_credentials", False, NOW - timedelta(minutes=1))
        repository.record_handoff(session, "late_repayment", ["inform"], "c-handoff", YESTERDAY)
    asyncio.run(_save_trackers(tracker_store))
    return Seeded(database_url, tracker_url)


def seed_sqlite(directory: Path) -> Seeded:
    """The default profile's databases, as files in `directory`."""
    tracker_db = directory / "tracker.db"
    return seed(f"sqlite:///{directory / 'assistant.db'}", f"sqlite:///{tracker_db}",
                {"dialect": "sqlite", "db": str(tracker_db)})
