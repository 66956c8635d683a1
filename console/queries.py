"""What the console shows, as plain functions over the action database and Rasa's tracker store.

Every text that reaches the page passes through business.redaction.redact here, although the
channels redacted it before it was stored: a channel that forgot must not put a secret on screen.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from business.clock import JST
from business.handoff import reason_label
from business.redaction import redact
from storage import repository, tracker_events

RESOLVED, NOT_RESOLVED, HANDED_OFF, FELL_BACK = "resolved", "not_resolved", "handed_off", "fell_back"
OUTCOMES = (RESOLVED, NOT_RESOLVED, HANDED_OFF, FELL_BACK)
PAGE_SIZE = 20
MAX_DAYS = 366
# Intents an operator cannot label a message with: Rasa's own, not trained from examples.
UNLABELLABLE_INTENTS = {"nlu_fallback"}
_SPACES = re.compile(r"\s+")


def shown(text: Optional[str]) -> str:
    """A stored text as the page may show it: redacted, spaces collapsed."""
    return _SPACES.sub(" ", redact(text or "").text).strip()


def _day(timestamp: float) -> date:
    return datetime.fromtimestamp(timestamp, JST).date()


def period(today: date, days: int) -> tuple[datetime, datetime]:
    """The `days` Japan-time days ending with today: [start, end)."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=JST)
    return end - timedelta(days=days), end


@dataclass(frozen=True)
class Overview:
    days: list[str]  # ISO dates, oldest first
    conversations: list[int]  # conversations with a customer message that day
    fallbacks: list[int]  # fallback answers that day
    answers: list[int]  # 解決しましたか answers that day
    resolved: list[int]  # of which yes
    handoffs_by_reason: list[tuple[str, int]]

    @property
    def resolution_rate(self) -> Optional[float]:
        answered = sum(self.answers)
        return sum(self.resolved) / answered if answered else None

    def as_json(self) -> dict[str, Any]:
        return {
            "days": self.days,
            "conversations": self.conversations,
            "fallbacks": self.fallbacks,
            "answers": self.answers,
            "resolved": self.resolved,
            "resolution_rate": self.resolution_rate,
            "handoffs_by_reason": [
                {"reason": reason, "label": reason_label(reason), "count": count} for reason, count in self.handoffs_by_reason
            ],
        }


def overview(session: Session, tracker: Connection, start: datetime, end: datetime) -> Overview:
    """Per day in [start, end) (JST): conversations, fallbacks, 解決しましたか answers; handoffs by reason."""
    days = [(start + timedelta(days=n)).date() for n in range((end - start).days)]
    first, last = start.timestamp(), end.timestamp()
    conversations: dict[date, set[str]] = defaultdict(set)
    fallbacks: Counter = Counter()
    if tracker_events.has_events(tracker):
        for sender_id, timestamp in tracker_events.message_times(tracker, first, last):
            conversations[_day(timestamp)].add(sender_id)
        fallbacks.update(_day(timestamp) for _, timestamp in tracker_events.fallback_times(tracker, first, last))
    answers: Counter = Counter()
    resolved: Counter = Counter()
    for created_at, was_resolved in repository.feedback_answers(session, start, end):
        day = created_at.astimezone(JST).date()
        answers[day] += 1
        resolved[day] += was_resolved
    return Overview(
        days=[day.isoformat() for day in days],
        conversations=[len(conversations[day]) for day in days],
        fallbacks=[fallbacks[day] for day in days],
        answers=[answers[day] for day in days],
        resolved=[resolved[day] for day in days],
        handoffs_by_reason=repository.handoff_reasons(session, start, end),
    )


@dataclass
class NotUnderstoodGroup:
    text: str  # redacted
    count: int = 0
    last_seen: float = 0.0
    conversations: list[str] = field(default_factory=list)  # newest first, each once
    label: Optional[str] = None

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "count": self.count,
            "last_seen": _iso(self.last_seen),
            "conversations": self.conversations,
            "label": self.label,
        }


def not_understood(
    tracker: Connection, start: datetime, end: datetime, labels: dict[str, str], limit: int = 100
) -> list[NotUnderstoodGroup]:
    """The customer messages answered with a fallback in [start, end), grouped by their redacted text,
    most frequent first, with the conversations they came from and the intent an operator gave them."""
    if not tracker_events.has_events(tracker):
        return []
    groups: dict[str, NotUnderstoodGroup] = {}
    seen: list[tuple[float, str, str]] = []  # (time, text, conversation)
    last_message: Optional[tracker_events.StoredEvent] = None
    for event in tracker_events.messages_and_fallbacks(tracker, start.timestamp(), end.timestamp()):
        if event.type_name == tracker_events.USER:
            last_message = event
        elif last_message is not None and last_message.sender_id == event.sender_id:
            seen.append((last_message.timestamp, shown(last_message.data.get("text")), event.sender_id))
            last_message = None  # one message answered by two fallbacks counts once
    for timestamp, text, sender_id in sorted(seen, reverse=True):
        if not text:
            continue
        group = groups.setdefault(text, NotUnderstoodGroup(text, label=labels.get(text)))
        group.count += 1
        group.last_seen = max(group.last_seen, timestamp)
        if sender_id not in group.conversations:
            group.conversations.append(sender_id)
    ranked = sorted(groups.values(), key=lambda group: (-group.count, -group.last_seen, group.text))
    return ranked[:limit]


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, JST).isoformat(timespec="seconds")


@dataclass(frozen=True)
class ConversationRow:
    sender_id: str
    started: str
    last: str
    messages: int
    outcomes: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.sender_id,
            "started": self.started,
            "last": self.last,
            "messages": self.messages,
            "outcomes": self.outcomes,
        }


def _outcome_sets(session: Session) -> dict[str, set[str]]:
    return {
        RESOLVED: repository.conversations_with_feedback(session, True),
        NOT_RESOLVED: repository.conversations_with_feedback(session, False),
        HANDED_OFF: repository.handed_off_conversations(session),
    }


def _outcomes_of(sender_id: str, sets: dict[str, set[str]], fell_back: set[str]) -> list[str]:
    found = [outcome for outcome in (RESOLVED, NOT_RESOLVED, HANDED_OFF) if sender_id in sets[outcome]]
    return found + ([FELL_BACK] if sender_id in fell_back else [])


def conversation_page(
    session: Session, tracker: Connection, outcome: Optional[str], page: int, page_size: int = PAGE_SIZE
) -> tuple[int, list[ConversationRow]]:
    """One page of conversations, newest first, optionally only those with an outcome; and the total."""
    if outcome is not None and outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}")
    if page < 1:
        raise ValueError("page must be 1 or more")
    if not tracker_events.has_events(tracker):
        return 0, []
    sets = _outcome_sets(session)
    total, summaries = tracker_events.conversations(
        tracker,
        limit=page_size,
        offset=(page - 1) * page_size,
        only=sets.get(outcome) if outcome in sets else None,
        fell_back=outcome == FELL_BACK,
    )
    fell_back = tracker_events.fell_back_among(tracker, [summary.sender_id for summary in summaries])
    rows = [
        ConversationRow(
            summary.sender_id,
            _iso(summary.started),
            _iso(summary.last),
            summary.messages,
            _outcomes_of(summary.sender_id, sets, fell_back),
        )
        for summary in summaries
    ]
    return total, rows


def transcript(session: Session, tracker: Connection, sender_id: str) -> Optional[dict[str, Any]]:
    """One conversation as the page shows it (redacted), or None when there is no such conversation."""
    events = tracker_events.conversation_events(tracker, sender_id) if tracker_events.has_events(tracker) else []
    if not events:
        return None
    turns: list[dict[str, Any]] = []
    for event in events:
        if event.type_name == tracker_events.USER:
            intent = event.data.get("parse_data", {}).get("intent", {})
            turns.append({
                "who": "customer",
                "time": _iso(event.timestamp),
                "text": shown(event.data.get("text")),
                "intent": intent.get("name"),
                "confidence": intent.get("confidence"),
            })
        elif event.type_name == tracker_events.BOT:
            buttons = (event.data.get("data") or {}).get("buttons") or []
            turns.append({
                "who": "assistant",
                "time": _iso(event.timestamp),
                "text": shown(event.data.get("text")),
                "buttons": [shown(button.get("title")) for button in buttons],
            })
        elif event.action_name in tracker_events.FALLBACK_ACTIONS:
            turns.append({"who": "fallback", "time": _iso(event.timestamp), "text": event.action_name})
    sets = _outcome_sets(session)
    fell_back = tracker_events.fell_back_among(tracker, [sender_id])
    return {"id": sender_id, "outcomes": _outcomes_of(sender_id, sets, fell_back), "turns": turns}


def labellable_intents(domain_file: Path) -> list[str]:
    """The intents of domain.yml an operator may give a message, in the domain's order."""
    domain = YAML(typ="safe").load(domain_file.read_text(encoding="utf-8")) or {}
    names = [next(iter(entry)) if isinstance(entry, dict) else str(entry) for entry in domain.get("intents", [])]
    return [name for name in names if name not in UNLABELLABLE_INTENTS]


def nlu_yaml(labels: list[tuple[str, str]]) -> str:
    """The labelled messages as a Rasa NLU training file (version 3.1), ready to copy into data/nlu/."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent in labels:
        by_intent[intent].append(_SPACES.sub(" ", text).strip())
    lines = ['version: "3.1"', "nlu:"]
    for intent in sorted(by_intent):
        lines += [f"  - intent: {intent}", "    examples: |"]
        lines += [f"      - {text}" for text in by_intent[intent] if text]
    return "\n".join(lines) + "\n"
