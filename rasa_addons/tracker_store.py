"""Rasa's SQL tracker store, with recent conversations kept in memory.

Rasa 3.6's SQLTrackerStore reads every event of the session and replays them into a new tracker
for each message; that was the largest share of the Rasa server's time under load
(docs/benchmarks.md). This store serves the tracker it saved last instead, but only after asking
the database how many events the session holds: when that is not the number it cached (another
replica wrote, or a turn failed before it saved), it reloads from the database as Rasa does.
Events are only ever appended, so an equal count means the same events. Every event is still
written to the database before the answer goes out: nothing is kept only in memory.
"""

from __future__ import annotations

import itertools
import json
import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Optional, Text

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

logger = logging.getLogger(__name__)

DEFAULT_CACHE_SIZE = 1000


@dataclass
class _Cached:
    tracker: DialogueStateTracker
    stored_events: int  # events of the latest session in the database when cached


class CachedSQLTrackerStore(SQLTrackerStore):
    """`type: rasa_addons.tracker_store.CachedSQLTrackerStore` in endpoints; other keys as Rasa's SQL store.

    `cache_size`: how many conversations to keep in memory (least recently used go first).
    """

    def __init__(self, domain: Optional[Domain] = None, cache_size: Any = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        super().__init__(domain=domain, **kwargs)
        self._cache: "OrderedDict[str, _Cached]" = OrderedDict()
        self._cache_size = max(0, int(cache_size))

    def _stored_event_count(self, session: Any, sender_id: Text) -> int:
        return self._event_query(session, sender_id, fetch_events_from_all_sessions=False).count()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        cached = self._cache.get(sender_id)
        if cached is not None:
            with self.session_scope() as session:
                stored = self._stored_event_count(session, sender_id)
            if stored == cached.stored_events == len(cached.tracker.events):
                self._cache.move_to_end(sender_id)
                return cached.tracker
            self._cache.pop(sender_id, None)
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            self._remember(tracker, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save (append the events the database lacks), then remember the tracker."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = self._stored_event_count(session, tracker.sender_id)
            new_events = list(itertools.islice(tracker.events, stored, None))
            session.add_all(self._row(tracker.sender_id, event) for event in new_events)
            session.commit()
        logger.debug(f"Tracker with sender_id '{tracker.sender_id}' stored to database")
        if any(isinstance(event, SessionStarted) for event in new_events):
            # The database's "latest session" now starts later than this tracker: reload next time.
            self._cache.pop(tracker.sender_id, None)
        else:
            self._remember(tracker, stored + len(new_events))

    def _row(self, sender_id: Text, event: Event) -> "SQLTrackerStore.SQLEvent":
        data = event.as_dict()
        return self.SQLEvent(
            sender_id=sender_id,
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    def _remember(self, tracker: DialogueStateTracker, stored_events: int) -> None:
        if self._cache_size == 0:
            return
        self._cache[tracker.sender_id] = _Cached(tracker, stored_events)
        self._cache.move_to_end(tracker.sender_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
