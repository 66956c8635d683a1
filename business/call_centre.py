"""Opening hours of the Promise call centre, the hand-off for causes a customer cannot find alone.

Weekdays 9:00–18:00 JST. Closed on Saturdays, Sundays, Japanese national holidays (jpholiday, which
includes substitute holidays) and on extra days operators add. "Weekdays = Monday–Friday except national
holidays" is an assumption (FACTS.md); New Year days that are not national holidays (January 2 and 3) are
only closed when operators pass them in `closed_days`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Collection, FrozenSet, List

import jpholiday

from business.clock import JST, to_jst
from business.ja_format import format_clock, format_day, format_moment

__all__ = [
    "PROMISE_CALL",
    "LADIES_CALL",
    "PhoneLine",
    "PHONE_LINES",
    "phone_lines_in",
    "OPENS",
    "CLOSES",
    "is_open_day",
    "is_open",
    "next_opening",
    "describe_status",
    "describe_named_time",
    "format_day",
]

PROMISE_CALL = "0120-24-0365"
LADIES_CALL = "0120-86-2634"  # for women; same hours


@dataclass(frozen=True)
class PhoneLine:
    """One of the call centre's lines, as a customer's phone dials it."""

    name: str
    number: str  # as the assistant writes it: 0120-24-0365

    @property
    def dial_uri(self) -> str:
        """The tel: URI a phone's dialler opens (RFC 3966; digits only, as LINE's URI action and browsers take it)."""
        return "tel:" + "".join(char for char in self.number if char.isdigit())

    @property
    def call_label(self) -> str:
        """What a button that dials this line says (at most 20 characters, LINE's label limit)."""
        return f"{self.name}に電話する"


PHONE_LINES = (PhoneLine("プロミスコール", PROMISE_CALL), PhoneLine("レディースコール", LADIES_CALL))


def phone_lines_in(text: str) -> List[PhoneLine]:
    """The call centre's lines whose number a reply gives, in the order the reply gives them.

    Every channel turns these into something that dials (a tel: link in the web chat, a URI
    action on LINE), so an answer that names a number can always be called with one tap.
    """
    found = [(text.find(line.number), line) for line in PHONE_LINES if line.number in (text or "")]
    return [line for _, line in sorted(found, key=lambda pair: pair[0])]


OPENS = time(9, 0)
CLOSES = time(18, 0)
# The hours as every answer writes them (both lines keep them): 平日9:00〜18:00.
CALL_HOURS = f"平日{OPENS.hour}:{OPENS:%M}〜{CLOSES.hour}:{CLOSES:%M}"
# The main line named with its number and hours, as answers that send the customer to it say it.
PROMISE_CALL_WITH_HOURS = f"プロミスコール（{PROMISE_CALL}、{CALL_HOURS}）"


def _as_days(closed_days: Collection[date]) -> FrozenSet[date]:
    """Closed days as plain dates, so a datetime passed by mistake still closes its JST day."""
    return frozenset(to_jst(d).date() if isinstance(d, datetime) else d for d in closed_days)


def is_open_day(day: date, closed_days: Collection[date] = ()) -> bool:
    """Monday–Friday that is neither a national holiday nor an operator-closed day."""
    return day.weekday() < 5 and not jpholiday.is_holiday(day) and day not in _as_days(closed_days)


def is_open(moment: datetime, closed_days: Collection[date] = ()) -> bool:
    """Whether a call at `moment` (any time zone; judged in JST) reaches an operator."""
    local = to_jst(moment)
    return is_open_day(local.date(), closed_days) and OPENS <= local.time() < CLOSES


def next_opening(moment: datetime, closed_days: Collection[date] = ()) -> datetime:
    """The first 9:00 JST strictly after `moment` on an open day: when a closed line opens next."""
    local = to_jst(moment)
    closed = _as_days(closed_days)
    day = local.date() if local.time() < OPENS else local.date() + timedelta(days=1)
    # Holidays never run for long, so only operator days can stretch the search; it always ends.
    for _ in range(len(closed) + 400):
        if is_open_day(day, closed):
            return datetime.combine(day, OPENS, tzinfo=JST)
        day += timedelta(days=1)
    raise RuntimeError("no open day found")  # unreachable with a finite list of closed days


def describe_status(moment: datetime, closed_days: Collection[date] = ()) -> str:
    """「ただいま受付中です（本日18:00まで）。」 or when and from what time the line opens next."""
    local = to_jst(moment)
    if is_open(local, closed_days):
        return f"ただいま受付中です（本日{format_clock(CLOSES)}まで）。"
    opening = next_opening(local, closed_days)
    when = f"本日{format_clock(opening)}" if opening.date() == local.date() else format_moment(opening)
    return f"ただいま受付時間外です。次の受付は{when}からです。"


def describe_named_time(moment: datetime, has_time: bool, closed_days: Collection[date] = ()) -> str:
    """Whether the line is open at a time the customer names (「明日の朝10時に電話する」), and if not, when it
    opens next; for a day named without a time, whether that day is a day the line is open."""
    local = to_jst(moment)
    if not has_time:
        if is_open_day(local.date(), closed_days):
            return f"{format_day(local)}は受付日です（{format_clock(OPENS)}〜{format_clock(CLOSES)}）。"
        opening = next_opening(local, closed_days)
        return f"{format_day(local)}はお休みの見込みです。次の受付は{format_moment(opening)}からです。"
    if is_open(local, closed_days):
        return f"{format_moment(local)}は受付時間内です。"
    opening = next_opening(local, closed_days)
    return f"{format_moment(local)}は受付時間外です。その次の受付は{format_moment(opening)}からです。"
