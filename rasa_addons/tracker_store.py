"""Rasa's SQL tracker store, with recent conversations kept in memory.

Rasa 3.6's SQLTrackerStore reads every event of the session and replays them into a new tracker
for each message, and counts the session's events again to save; on SQLite it also opens a new
connection for every query. Together that was the largest share of the Rasa server's time under
load (docs/benchmarks.md). This store serves the tracker it saved last instead, after asking the
database for the conversation's newest event id (one index lookup): when that is not the id it
cached (another replica wrote, or a turn failed before it saved), it reads the session back as Rasa
does. Events are only ever appended, so an equal id means the same events. Every event is still
written, and committed, before the answer goes out: nothing is kept only in memory.

It also refuses to work without its database: an SQLite file's folder is created, a store whose
`events` table cannot be reached stops the server at start (Rasa would log the error and then keep
every conversation in memory), and a database that goes away later makes the message fail, so the
channel apologises (see keep_errors_visible) instead of answering from an empty conversation.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, TrackerStore, create_engine_kwargs
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from storage.database import sqlite_file_engine

logger = logging.getLogger(__name__)

_rasa_create_tracker_store = Agent._create_tracker_store

DEFAULT_CACHE_SIZE = 1000


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    stored_events: int  # how many of the tracker's events are in the database
    last_event_id: Optional[int]  # the conversation's newest row in the database


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store's database cannot be used: the server must not run on memory instead."""


class CachedSQLTrackerStore(SQLTrackerStore):
    """`type: rasa_addons.tracker_store.CachedSQLTrackerStore` in endpoints; other keys as Rasa's SQL store.

    `cache_size`: how many conversations to keep in memory (least recently used go first; 0: none).
    """

    def __init__(self, domain: Optional[Domain] = None, cache_size: Any = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        from rasa_addons import rasa_changes

        rasa_changes.install_all()  # a plain `rasa run` builds the tracker store before the agent
        dialect, database = kwargs.get("dialect", "sqlite"), kwargs.get("db")
        if dialect == "sqlite" and database and database != ":memory:":
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise TrackerStoreUnavailable(
                    f"the tracker store's folder for {database!r} cannot be created ({error}); "
                    "refusing to start rather than keep conversations in memory"
                ) from error
        super().__init__(domain=domain, **kwargs)
        if self.engine.dialect.name == "sqlite":
            self.engine = sqlite_file_engine(self.engine.url, future=False)
        else:
            # Connections that died with the database (a restart) are replaced, not handed out.
            self.engine = sa.create_engine(self.engine.url, pool_pre_ping=True, **create_engine_kwargs(self.engine.url))
        self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        self._check_events_table()
        events = self.SQLEvent.__table__
        self._last_event_id_query = sa.select(sa.func.max(events.c.id)).where(
            events.c.sender_id == sa.bindparam("sender_id")
        )
        self._cache: "OrderedDict[str, _Cached]" = OrderedDict()
        self._cache_size = max(0, int(cache_size))

    def _check_events_table(self) -> None:
        """Rasa only logs a failure to create its table and goes on; this store stops instead."""
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.select(sa.func.count()).select_from(self.SQLEvent.__table__).limit(1))
        except sa.exc.SQLAlchemyError as error:
            raise TrackerStoreUnavailable(
                f"the tracker store {self.engine.url!r} cannot be used ({type(error).__name__}: "
                f"{str(error).splitlines()[0]}); refusing to start rather than keep conversations in memory"
            ) from error

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        cached = self._cache.get(sender_id)
        if cached is not None:
            # A Core connection, not an ORM session: this runs for every message, and a session costs more.
            with self.engine.connect() as connection:
                newest = self._last_event_id(connection, sender_id)
            if newest == cached.last_event_id and len(cached.tracker.events) == cached.stored_events:
                self._cache.move_to_end(sender_id)
                return cached.tracker
            self._cache.pop(sender_id, None)
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        if not rows or not self.domain:
            return None
        # What Rasa's SQLTrackerStore.retrieve does, keeping the newest row's id.
        tracker = DialogueStateTracker.from_dict(sender_id, [json.loads(row.data) for row in rows], self.domain.slots)
        self._remember(tracker, len(tracker.events), rows[-1].id)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the events the database lacks (as Rasa's save does), then remember the tracker."""
        await self.stream_events(tracker)
        cached = self._cache.get(tracker.sender_id)
        if cached is not None and cached.tracker is tracker:
            # Read back from the database at the start of this turn, under the conversation's lock.
            stored, last_event_id = cached.stored_events, cached.last_event_id
            new_events = list(itertools.islice(tracker.events, stored, None))
            if new_events:
                with self.engine.begin() as connection:  # commits on leaving
                    last_event_id = self._append(connection, tracker.sender_id, new_events)
        else:
            with self.session_scope() as session:
                stored = self._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False).count()
                last_event_id = self._last_event_id(session, tracker.sender_id)
                new_events = list(itertools.islice(tracker.events, stored, None))
                if new_events:
                    last_event_id = self._append(session, tracker.sender_id, new_events)
                session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")
        if any(isinstance(event, SessionStarted) for event in new_events):
            # The database's "latest session" now starts later than this tracker: read it back next time.
            self._cache.pop(tracker.sender_id, None)
        else:
            self._remember(tracker, stored + len(new_events), last_event_id)

    def _append(self, executor: Any, sender_id: Text, events: list[Event]) -> Optional[int]:
        """Insert with one executemany (the ORM would insert row by row to learn each id); the newest id."""
        executor.execute(sa.insert(self.SQLEvent.__table__), [self._row(sender_id, event) for event in events])
        return self._last_event_id(executor, sender_id)

    def _last_event_id(self, executor: Any, sender_id: Text) -> Optional[int]:
        """The conversation's newest row id; `executor` is an ORM session or a Core connection."""
        return executor.execute(self._last_event_id_query, {"sender_id": sender_id}).scalar()

    @staticmethod
    def _row(sender_id: Text, event: Event) -> dict[str, Any]:
        """The columns Rasa's SQLTrackerStore.save writes for an event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _remember(self, tracker: DialogueStateTracker, stored_events: int, last_event_id: Optional[int]) -> None:
        if self._cache_size == 0:
            return
        self._cache[tracker.sender_id] = _Cached(tracker, stored_events, last_event_id)
        self._cache.move_to_end(tracker.sender_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)


def _raise(error: Exception) -> None:
    raise error


def keep_errors_visible(store: Optional[TrackerStore], domain: Domain) -> TrackerStore:
    """Agent._create_tracker_store, with the tracker store's errors raised instead of hidden.

    Rasa wraps every tracker store in a FailSafeTrackerStore: a failed read returns no tracker (the
    conversation starts over) and a failed save goes to an in-memory store, so a database outage
    silently loses the conversation. With Rasa's own `on_tracker_store_error` hook raising, the
    message fails, the channel sends the apology, and the conversation continues from what the
    database holds once it is back. With a working store nothing changes.
    """
    if store is None:
        return _rasa_create_tracker_store(store, domain)
    store.domain = domain
    return FailSafeTrackerStore(store, on_tracker_store_error=_raise)


def install() -> None:
    """Idempotent (rasa_addons.rasa_changes)."""
    Agent._create_tracker_store = staticmethod(keep_errors_visible)  # type: ignore[assignment]
