"""The check made before any login triage: is (or was) maintenance the reason?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Optional, Sequence

from business.ja_format import format_clock, format_moment
from business.japanese_time import NamedMoment
from business.maintenance import Window, describe_named, describe_now, next_window, window_at

SCHEDULE = "定期メンテナンスは、毎週月曜日 0:00〜7:00と、1月1日 0:00〜1月2日 7:00です（日本時間）。"


@dataclass(frozen=True)
class MaintenanceVerdict:
    blocks_login: bool        # maintenance explains the failure: no triage
    message: str


def check_login_time(now: datetime, named: Optional[NamedMoment], extra: Sequence[Window] = ()) -> MaintenanceVerdict:
    """For the moment the customer names, or else for now."""
    if named is not None and named.has_time:
        window = window_at(named.moment, extra)
        text = describe_named(window, named.moment, True, approximate=named.approximate, extra=extra)
        if window is not None:
            return MaintenanceVerdict(True, text + "メンテナンスが終わってから、もう一度お試しください。")
        return MaintenanceVerdict(False, text + "ほかの原因を一緒に確認しましょう。")
    window = window_at(now, extra)
    if window is not None:
        return MaintenanceVerdict(True, describe_now(window, now) + "終了後に、もう一度お試しください。")
    return MaintenanceVerdict(False, describe_now(None, now) + "原因を一緒に確認しましょう。")


def maintenance_under_way(now: datetime, extra: Sequence[Window] = ()) -> Optional[str]:
    """「現在メンテナンス中のため…」 when a window covers `now`, else None: the cause that needs no questions."""
    window = window_at(now, extra)
    return describe_now(window, now) if window is not None else None


def describe_schedule(now: datetime, named: Optional[NamedMoment], extra: Sequence[Window] = ()) -> str:
    """Answer to 「メンテナンスはいつ？」: the named moment or day if any, else now and the next window."""
    if named is not None:
        window = window_at(named.moment, extra) if named.has_time else None
        return describe_named(window, named.moment, named.has_time, approximate=named.approximate, extra=extra)
    current = window_at(now, extra)
    if current is not None:
        return describe_now(current, now) + "\n" + SCHEDULE
    upcoming = next_window(now, extra)
    end = format_clock(upcoming.end) if upcoming.end.date() == upcoming.start.date() else format_moment(upcoming.end)
    return (
        f"{describe_now(None, now)}\n{SCHEDULE}\n"
        f"次回は{format_moment(upcoming.start)}〜{end}です。"
    )
