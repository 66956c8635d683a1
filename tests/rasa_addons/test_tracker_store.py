"""The cached SQL tracker store answers exactly as Rasa's SQL store does, only faster, and never
falls back to memory: a database it cannot use is an error the server and the channel see."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import OperationalError

from rasa_addons.tracker_store import (
    CachedSQLTrackerStore,
    TrackerStoreUnavailable,
    _rasa_create_tracker_store,
    keep_errors_visible,
)

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  problem:
    type: text
    mappings: [{type: custom}]
"""
)


@pytest.fixture
def database(tmp_path: Path) -> str:
    return str(tmp_path / "tracker.db")


def cached_store(database: str, **kwargs) -> CachedSQLTrackerStore:
    return CachedSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database, **kwargs)


def rasa_store(database: str) -> SQLTrackerStore:
    return SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=database)


async def say(store, sender: str, text: str, problem: str | None = None) -> DialogueStateTracker:
    """One turn as Rasa's processor does it: retrieve (or create), update, save."""
    tracker = await store.get_or_create_tracker(sender)
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    if problem is not None:
        tracker.update(SlotSet("problem", problem))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    return tracker


def dumps(tracker: DialogueStateTracker) -> list[dict]:
    return [event.as_dict() for event in tracker.events]


@pytest.mark.asyncio
async def test_it_answers_what_rasas_sql_store_reads_from_the_same_database(database: str) -> None:
    store = cached_store(database)
    await say(store, "a", "こんにちは")
    await say(store, "a", "パスワードを忘れました", problem="forgot")

    cached = await store.retrieve("a")
    from_database = await rasa_store(database).retrieve("a")

    assert dumps(cached) == dumps(from_database)
    assert cached.get_slot("problem") == "forgot"


@pytest.mark.asyncio
async def test_a_second_turn_is_served_from_memory(database: str) -> None:
    store = cached_store(database)
    first = await say(store, "a", "こんにちは")
    assert await store.retrieve("a") is first


@pytest.mark.asyncio
async def test_another_replicas_writes_are_seen(database: str) -> None:
    replica_one, replica_two = cached_store(database), cached_store(database)
    await say(replica_one, "a", "こんにちは")
    await say(replica_two, "a", "ロックされました", problem="locked")

    tracker = await replica_one.retrieve("a")

    assert tracker.get_slot("problem") == "locked"
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["こんにちは", "ロックされました"]


@pytest.mark.asyncio
async def test_a_turn_that_failed_before_saving_leaves_no_trace(database: str) -> None:
    store = cached_store(database)
    await say(store, "a", "こんにちは")
    tracker = await store.retrieve("a")
    tracker.update(UserUttered("保存されなかった発話", {"name": "greet", "confidence": 1.0}))  # then the turn failed

    again = await store.retrieve("a")

    assert "保存されなかった発話" not in [e.text for e in again.events if isinstance(e, UserUttered)]
    assert dumps(again) == dumps(await rasa_store(database).retrieve("a"))


@pytest.mark.asyncio
async def test_a_new_session_is_read_as_rasa_reads_it(database: str) -> None:
    store = cached_store(database)
    tracker = await say(store, "a", "こんにちは", problem="forgot")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)

    assert dumps(await store.retrieve("a")) == dumps(await rasa_store(database).retrieve("a"))


@pytest.mark.asyncio
async def test_memory_is_bounded_and_an_evicted_conversation_is_read_back(database: str) -> None:
    store = cached_store(database, cache_size="2")  # endpoint values arrive as text
    for sender in ("a", "b", "c"):
        await say(store, sender, "こんにちは", problem=sender)

    assert len(store._cache) == 2
    assert (await store.retrieve("a")).get_slot("problem") == "a"


@pytest.mark.asyncio
async def test_an_unknown_conversation_is_none(database: str) -> None:
    assert await cached_store(database).retrieve("nobody") is None


def test_the_sqlite_folder_is_created_when_missing(tmp_path: Path) -> None:
    database = tmp_path / "var" / "nested" / "tracker.db"
    cached_store(str(database))
    assert database.exists()


def test_a_database_that_cannot_be_opened_is_refused_at_construction(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(TrackerStoreUnavailable, match="refusing to start rather than keep conversations in memory"):
        cached_store(str(blocked / "tracker.db"))


class _BrokenStore(InMemoryTrackerStore):
    async def retrieve(self, sender_id: str):
        raise OperationalError("SELECT", {}, Exception("the database went away"))

    async def save(self, tracker: DialogueStateTracker) -> None:
        raise OperationalError("INSERT", {}, Exception("the database went away"))


@pytest.mark.asyncio
async def test_rasa_hides_a_tracker_store_error_and_the_installed_change_raises_it() -> None:
    rasas, ours = _rasa_create_tracker_store(_BrokenStore(DOMAIN), DOMAIN), keep_errors_visible(_BrokenStore(DOMAIN), DOMAIN)
    assert await rasas.retrieve("a") is None  # Rasa: the conversation silently starts over
    tracker = DialogueStateTracker("a", DOMAIN.slots)
    await rasas.save(tracker)  # Rasa: kept in memory only
    with pytest.raises(OperationalError):
        await ours.retrieve("a")
    with pytest.raises(OperationalError):
        await ours.save(tracker)


@pytest.mark.asyncio
async def test_with_a_working_store_the_change_answers_as_rasa_does(tmp_path: Path) -> None:
    rasas = _rasa_create_tracker_store(cached_store(str(tmp_path / "rasa.db")), DOMAIN)
    ours = keep_errors_visible(cached_store(str(tmp_path / "ours.db")), DOMAIN)
    for store in (rasas, ours):
        await say(store, "a", "こんにちは")
        await say(store, "a", "パスワードを忘れました", problem="forgot")
    def untimed(tracker: DialogueStateTracker) -> list[dict]:
        return [{key: value for key, value in event.items() if key != "timestamp"} for event in dumps(tracker)]

    assert untimed(await rasas.retrieve("a")) == untimed(await ours.retrieve("a"))
    assert list(await rasas.keys()) == list(await ours.keys())
    assert type(_rasa_create_tracker_store(None, DOMAIN)) is type(keep_errors_visible(None, DOMAIN))
