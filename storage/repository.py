"""Queries and writes, each taking a Session: the actions and the staff CLI share them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from business.maintenance import Window
from business.references import new_reference
from storage.models import ClosedDay, FeedbackAnswer, Handoff, MaintenanceWindow, NluLabel, NotUnderstood

# --- maintenance windows -------------------------------------------------------------

def add_maintenance_window(session: Session, start: datetime, end: datetime, reason: str) -> int:
    if end <= start:
        raise ValueError("end must be after start")
    row = MaintenanceWindow(start=start, end=end, reason=reason)
    session.add(row)
    session.flush()
    return row.id


def maintenance_windows(session: Session, ending_after: Optional[datetime] = None) -> list[tuple[int, Window]]:
    query = select(MaintenanceWindow).order_by(MaintenanceWindow.start)
    if ending_after is not None:
        query = query.where(MaintenanceWindow.end > ending_after)
    return [(row.id, Window(row.start, row.end, row.reason)) for row in session.scalars(query)]


def _delete(session: Session, row: Optional[Any]) -> bool:
    """Delete the row if there is one; whether there was."""
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def remove_maintenance_window(session: Session, window_id: int) -> bool:
    return _delete(session, session.get(MaintenanceWindow, window_id))


# --- call-centre closed days ---------------------------------------------------------

def add_closed_day(session: Session, day: date, reason: str) -> None:
    if session.scalar(select(ClosedDay).where(ClosedDay.day == day)) is not None:
        raise ValueError(f"{day.isoformat()} is already a closed day")
    session.add(ClosedDay(day=day, reason=reason))


def closed_days(session: Session, from_day: Optional[date] = None) -> list[tuple[date, str]]:
    query = select(ClosedDay).order_by(ClosedDay.day)
    if from_day is not None:
        query = query.where(ClosedDay.day >= from_day)
    return [(row.day, row.reason) for row in session.scalars(query)]


def remove_closed_day(session: Session, day: date) -> bool:
    return _delete(session, session.scalar(select(ClosedDay).where(ClosedDay.day == day)))


# --- handoffs ------------------------------------------------------------------------

def record_handoff(
    session: Session, reason: str, intents: Sequence[str], conversation_id: str, now: datetime
) -> str:
    """Store the handoff and return its new reference (retrying on the rare collision)."""
    for _ in range(5):
        reference = new_reference()
        try:
            with session.begin_nested():
                session.add(
                    Handoff(
                        reference=reference,
                        reason=reason,
                        intents=" ".join(intents),
                        conversation_id=conversation_id,
                        created_at=now,
                    )
                )
            return reference
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a unique handoff reference")


def find_handoff(session: Session, reference: str) -> Optional[Handoff]:
    return session.scalar(select(Handoff).where(Handoff.reference == reference))


def give_handoff_reason(session: Session, reference: str, reason: str, intents: Sequence[str]) -> bool:
    """The reason found after the customer was given a reference for a plain request: the operator who
    takes the call sees why, under the number the customer already has. False when there is no such handoff."""
    handoff = find_handoff(session, reference)
    if handoff is None:
        return False
    handoff.reason = reason
    handoff.intents = " ".join(intents)
    return True


# --- feedback and not-understood messages --------------------------------------------

def record_feedback(session: Session, conversation_id: str, outcome: str, resolved: bool, now: datetime) -> None:
    session.add(FeedbackAnswer(conversation_id=conversation_id, outcome=outcome, resolved=resolved, created_at=now))


def record_not_understood(
    session: Session, redacted_text: str, intent: Optional[str], confidence: Optional[float], now: datetime
) -> None:
    session.add(NotUnderstood(text=redacted_text, intent=intent, confidence=confidence, created_at=now))


# --- what the operator console reads ------------------------------------------------

def feedback_answers(session: Session, start: datetime, end: datetime) -> list[tuple[datetime, bool]]:
    """Every 解決しましたか？ answer in [start, end): when, and whether it was yes."""
    query = (
        select(FeedbackAnswer.created_at, FeedbackAnswer.resolved)
        .where(FeedbackAnswer.created_at >= start, FeedbackAnswer.created_at < end)
        .order_by(FeedbackAnswer.created_at)
    )
    return [(created_at, resolved) for created_at, resolved in session.execute(query)]


def handoff_reasons(session: Session, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """Handoffs in [start, end) by reason, most frequent first."""
    rows = session.execute(
        select(Handoff.reason, func.count())
        .where(Handoff.created_at >= start, Handoff.created_at < end)
        .group_by(Handoff.reason)
        .order_by(func.count().desc(), Handoff.reason)
    )
    return [(reason, count) for reason, count in rows]


def conversations_with_feedback(session: Session, resolved: bool) -> set[str]:
    """Conversations where the customer answered 解決しましたか？ with yes (or no)."""
    return set(session.scalars(select(FeedbackAnswer.conversation_id).where(FeedbackAnswer.resolved.is_(resolved))))


def handed_off_conversations(session: Session) -> set[str]:
    return set(session.scalars(select(Handoff.conversation_id)))


# --- labels for new training data -----------------------------------------------------

def label_message(session: Session, text: str, intent: str, now: datetime) -> None:
    """Give a (redacted) message an intent; labelling it again replaces the intent."""
    row = session.scalar(select(NluLabel).where(NluLabel.text == text))
    if row is None:
        session.add(NluLabel(text=text, intent=intent, created_at=now))
    else:
        row.intent, row.created_at = intent, now
    session.flush()


def nlu_labels(session: Session) -> list[tuple[str, str]]:
    """(text, intent) of every labelled message, by intent, then oldest first."""
    query = select(NluLabel.text, NluLabel.intent).order_by(NluLabel.intent, NluLabel.created_at, NluLabel.id)
    return [(text, intent) for text, intent in session.execute(query)]


def remove_label(session: Session, text: str) -> bool:
    return _delete(session, session.scalar(select(NluLabel).where(NluLabel.text == text)))


# --- staff report --------------------------------------------------------------------

@dataclass(frozen=True)
class Report:
    start: datetime
    end: datetime
    answers: int
    resolved: int
    handoffs_by_reason: list[tuple[str, int]]
    top_not_understood: list[tuple[str, int]]

    @property
    def resolution_rate(self) -> Optional[float]:
        return self.resolved / self.answers if self.answers else None


def report(session: Session, start: datetime, end: datetime, top: int = 10) -> Report:
    """Resolution rate, handoffs by reason and the most frequent not-understood texts in [start, end)."""
    in_range = lambda column: (column >= start) & (column < end)  # noqa: E731
    answers = session.scalar(select(func.count()).where(in_range(FeedbackAnswer.created_at))) or 0
    resolved = session.scalar(
        select(func.count()).where(in_range(FeedbackAnswer.created_at), FeedbackAnswer.resolved.is_(True))
    ) or 0
    texts = Counter(session.scalars(select(NotUnderstood.text).where(in_range(NotUnderstood.created_at))))
    return Report(
        start=start,
        end=end,
        answers=answers,
        resolved=resolved,
        handoffs_by_reason=handoff_reasons(session, start, end),
        top_not_understood=texts.most_common(top),
    )

