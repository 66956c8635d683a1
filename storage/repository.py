"""Queries and writes, each taking a Session: the actions and the staff CLI share them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from business.maintenance import Window
from business.references import new_reference
from storage.models import ClosedDay, FeedbackAnswer, Handoff, MaintenanceWindow, NotUnderstood

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


def remove_maintenance_window(session: Session, window_id: int) -> bool:
    row = session.get(MaintenanceWindow, window_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


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
    row = session.scalar(select(ClosedDay).where(ClosedDay.day == day))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


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


# --- feedback and not-understood messages --------------------------------------------

def record_feedback(session: Session, conversation_id: str, outcome: str, resolved: bool, now: datetime) -> None:
    session.add(FeedbackAnswer(conversation_id=conversation_id, outcome=outcome, resolved=resolved, created_at=now))


def record_not_understood(
    session: Session, redacted_text: str, intent: Optional[str], confidence: Optional[float], now: datetime
) -> None:
    session.add(NotUnderstood(text=redacted_text, intent=intent, confidence=confidence, created_at=now))


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
    by_reason = session.execute(
        select(Handoff.reason, func.count())
        .where(in_range(Handoff.created_at))
        .group_by(Handoff.reason)
        .order_by(func.count().desc(), Handoff.reason)
    ).all()
    texts = Counter(session.scalars(select(NotUnderstood.text).where(in_range(NotUnderstood.created_at))))
    return Report(
        start=start,
        end=end,
        answers=answers,
        resolved=resolved,
        handoffs_by_reason=[(reason, count) for reason, count in by_reason],
        top_not_understood=texts.most_common(top),
    )

