"""The one clock: "now" in Japan time, fixed by ASSISTANT_NOW for demos and tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Optional

from dateutil import parser as date_parser
from dateutil import tz

JST = tz.gettz("Asia/Tokyo")


class ClockError(ValueError):
    """ASSISTANT_NOW is not an ISO-8601 datetime with an offset."""


def to_jst(moment: datetime) -> datetime:
    """Any aware datetime as Japan time; a naive one is taken to be Japan time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=JST)
    return moment.astimezone(JST)


@dataclass(frozen=True)
class Clock:
    """Tells the time in JST. `fixed` pins it; otherwise `source` (the system clock) is read."""

    fixed: Optional[datetime] = None
    source: Callable[[], datetime] = lambda: datetime.now(tz=JST)

    def now(self) -> datetime:
        return to_jst(self.fixed if self.fixed is not None else self.source())

    @classmethod
    def from_setting(cls, assistant_now: Optional[str]) -> "Clock":
        if not assistant_now:
            return cls()
        try:
            fixed = date_parser.isoparse(assistant_now)
        except ValueError as error:
            raise ClockError(f"ASSISTANT_NOW is not ISO-8601: {assistant_now!r}") from error
        if fixed.tzinfo is None:
            raise ClockError(f"ASSISTANT_NOW needs an offset, e.g. +09:00: {assistant_now!r}")
        return cls(fixed=fixed)
