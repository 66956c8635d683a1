"""Japanese date and time wording, in one place, so every message shows days and times alike."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Union

from business.clock import to_jst

WEEKDAY_NAMES = ("月", "火", "水", "木", "金", "土", "日")


def format_day(day: Union[date, datetime]) -> str:
    """「11月30日(月)」: the short form people read at a glance on a phone. A datetime is read in JST."""
    if isinstance(day, datetime):
        day = to_jst(day).date()
    return f"{day.month}月{day.day}日({WEEKDAY_NAMES[day.weekday()]})"


def format_clock(moment: Union[time, datetime]) -> str:
    """「7:00」: no leading zero on the hour, as Japanese notices write it. A datetime is read in JST."""
    if isinstance(moment, datetime):
        moment = to_jst(moment).time()
    return f"{moment.hour}:{moment.minute:02d}"


def format_moment(moment: datetime) -> str:
    """「11月30日(月) 7:00」, in JST."""
    return f"{format_day(moment)} {format_clock(moment)}"
