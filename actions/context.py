"""What every action needs: the clock, the customer's facts, and the database read safely."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Callable, Optional, TypeVar

from rasa_sdk import Tracker
from sqlalchemy.exc import SQLAlchemyError

from business.clock import Clock
from business.handoff import SUSPICIOUS_LOGIN
from business.japanese_time import (
    NamedMoment,
    is_past_tense,
    names_a_day,
    names_the_time_it_takes_back,
    on_the_day_of,
    parse_when,
)
from business.maintenance import Window
from business.time_zones import in_japan_time
from business.triage import TriageFacts
from deployment.settings import Settings, load
from storage import repository
from storage.database import session_scope

logger = logging.getLogger(__name__)
T = TypeVar("T")


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The deployment settings, read once per action server (tests clear the cache to change them)."""
    return load()


def clock() -> Clock:
    """Japan time, pinned by ASSISTANT_NOW when it is set (business/ never reads the environment)."""
    return Clock.from_setting(settings().assistant_now)


def latest_entity(tracker: Tracker, name: str) -> Optional[str]:
    """The value of an entity in the latest user message (not a slot: slots outlive the message)."""
    values = list(tracker.get_latest_entity_values(name))
    return str(values[-1]) if values else None


def named_moment(tracker: Tracker, now: datetime) -> Optional[NamedMoment]:
    """The time the latest message names, if any, read in the message's tense: 「月曜の朝5時にログインできな
    かった」 names a past Monday, 「明日の朝10時に電話する」 a coming one; 「8じやのうて 6じ」 keeps the day of
    the time named in the message before."""
    when = latest_entity(tracker, "when")
    if not when:
        return None
    text = tracker.latest_message.get("text") or ""
    named = parse_when(when, now, past=is_past_tense(text))
    if named is None:
        return None
    if named.has_time and names_the_time_it_takes_back(text) and not names_a_day(when):
        earlier = _earlier_named_moment(tracker, now)
        if earlier is not None:
            return on_the_day_of(named, earlier)
    return in_japan_time(named, text)


def _earlier_named_moment(tracker: Tracker, now: datetime) -> Optional[NamedMoment]:
    """The time the customer's message before the latest one named, if it named one."""
    users = [event for event in tracker.events if event.get("event") == "user"]
    if len(users) < 2:
        return None
    earlier = users[-2]
    values = [e.get("value") for e in (earlier.get("parse_data") or {}).get("entities", []) if e.get("entity") == "when"]
    if not values:
        return None
    text = earlier.get("text") or ""
    named = parse_when(str(values[-1]), now, past=is_past_tense(text))
    return None if named is None else in_japan_time(named, text)


def latest_intent(tracker: Tracker) -> Optional[str]:
    return (tracker.latest_message.get("intent") or {}).get("name")


def triage_facts(tracker: Tracker) -> TriageFacts:
    return TriageFacts(
        login_method=tracker.get_slot("login_method"),
        problem=tracker.get_slot("problem"),
        eligibility=tracker.get_slot("eligibility"),
        card_holder=tracker.get_slot("card_holder"),
        after_intrusion=True if tracker.get_slot("handoff_reason") == SUSPICIOUS_LOGIN else None,
    )


def conversation_intents(tracker: Tracker) -> list[str]:
    """Intent names of the customer's messages so far: what a handoff records instead of their words."""
    return [
        event["parse_data"]["intent"]["name"]
        for event in tracker.events
        if event.get("event") == "user" and (event.get("parse_data") or {}).get("intent", {}).get("name")
    ]


def with_database(work: Callable[[Any], T], fallback: T) -> T:
    """Run `work(session)`; if the database is down, log and return `fallback` so the reply still comes."""
    try:
        with session_scope(settings().assistant_db_url) as session:
            return work(session)
    except SQLAlchemyError as error:
        logger.warning("action database unavailable: %s", type(error).__name__)
        return fallback


def extra_windows(now: datetime) -> list[Window]:
    """Operator-added maintenance windows that have not ended by a week before now."""
    since = now - timedelta(days=7)
    return with_database(lambda s: [w for _, w in repository.maintenance_windows(s, ending_after=since)], [])


def closed_days(today: date) -> list[date]:
    return with_database(lambda s: [day for day, _ in repository.closed_days(s, from_day=today)], [])
