"""The cached SQL tracker store answers exactly as Rasa's SQL store does, only faster."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_addons.tracker_store import CachedSQLTrackerStore

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
