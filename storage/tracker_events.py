"""Read-only queries over Rasa's tracker store: the `events` table its SQLTrackerStore writes.

The table belongs to Rasa (it creates it on first start), so it is described here, not migrated:
the columns are those of rasa.core.tracker_store.SQLTrackerStore.SQLEvent, and `data` holds the
event's JSON (a user event's text and parse_data, a bot event's text, an action's name).
Customer texts in it are already redacted by the channels (rasa_addons/channels/guard.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Collection, Optional

import sqlalchemy as sa
from sqlalchemy.engine import Connection

_metadata = sa.MetaData()
EVENTS = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("type_name", sa.String(255), nullable=False),
    sa.Column("timestamp", sa.Float),
    sa.Column("intent_name", sa.String(255)),
    sa.Column("action_name", sa.String(255)),
    sa.Column("data", sa.Text),
)

USER, BOT, ACTION = "user", "bot", "action"
# The actions that answer a message the assistant could not understand (actions/fallback.py).
FALLBACK_ACTIONS = ("action_not_understood", "action_default_fallback")


@dataclass(frozen=True)
class StoredEvent:
    id: int
    sender_id: str
    type_name: str
    timestamp: float
    action_name: Optional[str]
    data: dict[str, Any]


@dataclass(frozen=True)
class ConversationSummary:
    sender_id: str
    started: float  # Unix time of its first event
    last: float  # Unix time of its newest event
    messages: int  # the customer's messages


def has_events(connection: Connection) -> bool:
    """False until Rasa has started once on this database and created its table."""
    return sa.inspect(connection).has_table(EVENTS.name)


def _stored(row: Any) -> StoredEvent:
    return StoredEvent(row.id, row.sender_id, row.type_name, row.timestamp or 0.0, row.action_name, json.loads(row.data or "{}"))


def message_times(connection: Connection, start: float, end: float) -> list[tuple[str, float]]:
    """(conversation, time) of every customer message in [start, end)."""
    query = sa.select(EVENTS.c.sender_id, EVENTS.c.timestamp).where(
        EVENTS.c.type_name == USER, EVENTS.c.timestamp >= start, EVENTS.c.timestamp < end
    )
    return [(sender_id, timestamp) for sender_id, timestamp in connection.execute(query)]


def fallback_times(connection: Connection, start: float, end: float) -> list[tuple[str, float]]:
    """(conversation, time) of every fallback answer in [start, end)."""
    query = sa.select(EVENTS.c.sender_id, EVENTS.c.timestamp).where(
        EVENTS.c.type_name == ACTION,
        EVENTS.c.action_name.in_(FALLBACK_ACTIONS),
        EVENTS.c.timestamp >= start,
        EVENTS.c.timestamp < end,
    )
    return [(sender_id, timestamp) for sender_id, timestamp in connection.execute(query)]


def messages_and_fallbacks(connection: Connection, start: float, end: float) -> list[StoredEvent]:
    """Customer messages and fallback answers in [start, end), per conversation in order."""
    query = (
        sa.select(EVENTS)
        .where(
            EVENTS.c.timestamp >= start,
            EVENTS.c.timestamp < end,
            (EVENTS.c.type_name == USER)
            | ((EVENTS.c.type_name == ACTION) & EVENTS.c.action_name.in_(FALLBACK_ACTIONS)),
        )
        .order_by(EVENTS.c.sender_id, EVENTS.c.id)
    )
    return [_stored(row) for row in connection.execute(query)]


def _fell_back() -> sa.sql.Select:
    return sa.select(EVENTS.c.sender_id).where(
        EVENTS.c.type_name == ACTION, EVENTS.c.action_name.in_(FALLBACK_ACTIONS)
    )


def fell_back_among(connection: Connection, sender_ids: Collection[str]) -> set[str]:
    """Which of these conversations had at least one fallback answer."""
    if not sender_ids:
        return set()
    query = _fell_back().where(EVENTS.c.sender_id.in_(list(sender_ids))).distinct()
    return set(connection.scalars(query))


def conversations(
    connection: Connection,
    limit: int,
    offset: int,
    only: Optional[Collection[str]] = None,
    fell_back: bool = False,
) -> tuple[int, list[ConversationSummary]]:
    """Conversations newest first (by their newest event), one page, and how many there are in all.

    `only` keeps the conversations named (an outcome from the action database); `fell_back` keeps
    those with a fallback answer.
    """
    conditions = []
    if only is not None:
        conditions.append(EVENTS.c.sender_id.in_(list(only)))
    if fell_back:
        conditions.append(EVENTS.c.sender_id.in_(_fell_back().scalar_subquery()))
    grouped = (
        sa.select(
            EVENTS.c.sender_id,
            sa.func.min(EVENTS.c.timestamp).label("started"),
            sa.func.max(EVENTS.c.timestamp).label("last"),
            sa.func.count().filter(EVENTS.c.type_name == USER).label("messages"),
        )
        .where(*conditions)
        .group_by(EVENTS.c.sender_id)
    )
    total = connection.scalar(sa.select(sa.func.count()).select_from(grouped.subquery())) or 0
    page = connection.execute(grouped.order_by(sa.desc("last"), EVENTS.c.sender_id).limit(limit).offset(offset))
    return total, [ConversationSummary(row.sender_id, row.started, row.last, row.messages) for row in page]


def conversation_events(connection: Connection, sender_id: str) -> list[StoredEvent]:
    """Every stored event of one conversation, oldest first (all its sessions)."""
    query = sa.select(EVENTS).where(EVENTS.c.sender_id == sender_id).order_by(EVENTS.c.id)
    return [_stored(row) for row in connection.execute(query)]
