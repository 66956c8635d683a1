"""Tables of the action server. Never a raw customer message: only intents, reasons and redacted text."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

Base = declarative_base()


class UtcDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored naive UTC (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: Optional[datetime], dialect: Any) -> Optional[datetime]:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Handoff(Base):
    """A customer sent to the phone line, with the reference they can quote."""

    __tablename__ = "handoffs"
    id = Column(Integer, primary_key=True)
    reference = Column(String(16), nullable=False, unique=True, index=True)
    reason = Column(String(40), nullable=False)
    intents = Column(Text, nullable=False, default="")  # space-separated intent names, in order
    conversation_id = Column(String(128), nullable=False)
    created_at = Column(UtcDateTime, nullable=False, index=True)


class MaintenanceWindow(Base):
    """An extra maintenance window added by operators (the weekly and New Year ones are rules)."""

    __tablename__ = "maintenance_windows"
    id = Column(Integer, primary_key=True)
    start = Column(UtcDateTime, nullable=False)
    end = Column(UtcDateTime, nullable=False, index=True)
    reason = Column(String(200), nullable=False, default="")


class ClosedDay(Base):
    """A day the call centre is closed beyond weekends and national holidays."""

    __tablename__ = "call_centre_closed_days"
    id = Column(Integer, primary_key=True)
    day = Column(Date, nullable=False, unique=True)
    reason = Column(String(200), nullable=False, default="")


class FeedbackAnswer(Base):
    """The customer's answer to 解決しましたか？ after an answer meant to settle the problem."""

    __tablename__ = "feedback_answers"
    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(128), nullable=False)
    outcome = Column(String(40), nullable=False, default="")
    resolved = Column(Boolean, nullable=False)
    created_at = Column(UtcDateTime, nullable=False, index=True)


class NotUnderstood(Base):
    """A message the assistant could not classify, redacted, for improving the training data."""

    __tablename__ = "not_understood_messages"
    id = Column(Integer, primary_key=True)
    intent = Column(String(80), nullable=True)
    confidence = Column(Float, nullable=True)
    text = Column(Text, nullable=False)
    created_at = Column(UtcDateTime, nullable=False, index=True)


class NluLabel(Base):
    """An operator's intent for a not-understood message (redacted), exported as NLU training data."""

    __tablename__ = "nlu_labels"
    id = Column(Integer, primary_key=True)
    text = Column(Text, nullable=False, unique=True)
    intent = Column(String(80), nullable=False)
    created_at = Column(UtcDateTime, nullable=False, index=True)
