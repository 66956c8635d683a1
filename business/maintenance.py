"""Maintenance windows of the member web service, when nobody can log in.

All judged in Japan time (JST): every Monday 0:00–7:00 and January 1 0:00 – January 2 7:00, plus
windows that operators add (stored elsewhere, passed in as `extra`). Windows are half-open
[start, end). Windows that overlap or touch are reported as one, so a customer is told when login
really comes back.

What the customer reads about a moment, day or span they name says plainly whether it falls in
maintenance and names the window: 「毎週月曜日 0:00〜7:00」 and 「1月1日 0:00〜1月2日 7:00」 for the
regular ones (also when a Monday window merges into the New Year one), dates and times for any other.
A named moment outside maintenance also names a window near it: within 12 hours before or after it, or
within 24 hours when the hour was only guessed (朝, 夜中 …). A day or span without maintenance names a
window that begins the moment it ends (日曜日 → 月曜日 0:00, 大晦日 → 1月1日 0:00).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Iterable, List, Optional, Sequence

from dateutil.rrule import MO, WEEKLY, YEARLY, rrule

from business.call_centre import PROMISE_CALL
from business.clock import JST, to_jst
from business.ja_format import format_clock, format_day, format_moment

WEEKLY_REASON = "毎週月曜日の定期メンテナンス"
NEW_YEAR_REASON = "年始メンテナンス"

WEEKLY_LENGTH = timedelta(hours=7)
NEW_YEAR_LENGTH = timedelta(days=1, hours=7)
WEEKLY_NAME = "毎週月曜日 0:00〜7:00"
NEW_YEAR_NAME = "1月1日 0:00〜1月2日 7:00"
# How far from a named moment outside maintenance a window is still worth naming (the same night or day).
NEAR = timedelta(hours=12)
NEAR_GUESSED = timedelta(hours=24)
# No fixed window lasts longer than this; used to look far enough back for one still running.
_LONGEST_FIXED = NEW_YEAR_LENGTH


@dataclass(frozen=True)
class Window:
    """A span [start, end) without login. `reason` is for operators and logs, not for customers."""

    start: datetime
    end: datetime
    reason: str

    def covers(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=JST)


def _weekly_starts(low: datetime, high: datetime) -> List[datetime]:
    """Monday 0:00 JST starts within [low, high]; dtstart near `low` keeps the rule cheap for any year."""
    rule = rrule(WEEKLY, byweekday=MO, dtstart=_midnight(low.date() - timedelta(days=1)))
    return rule.between(low, high, inc=True)


def _new_year_starts(low: datetime, high: datetime) -> List[datetime]:
    """January 1 0:00 JST starts within [low, high]."""
    rule = rrule(YEARLY, bymonth=1, bymonthday=1, dtstart=_midnight(date(low.year, 1, 1)))
    return rule.between(low, high, inc=True)


def _fixed_windows(low: datetime, high: datetime) -> List[Window]:
    """The weekly and yearly windows that overlap or touch [low, high]."""
    search_from = low - _LONGEST_FIXED
    windows = [Window(s, s + WEEKLY_LENGTH, WEEKLY_REASON) for s in _weekly_starts(search_from, high)]
    windows += [Window(s, s + NEW_YEAR_LENGTH, NEW_YEAR_REASON) for s in _new_year_starts(search_from, high)]
    return [w for w in windows if w.end >= low]


def _clean(extra: Iterable[Window]) -> List[Window]:
    """Operator windows in JST; empty or inverted ones are dropped rather than trusted."""
    cleaned = [Window(to_jst(w.start), to_jst(w.end), w.reason) for w in extra]
    return [w for w in cleaned if w.start < w.end]


def _touching(low: datetime, high: datetime, extra: Sequence[Window]) -> List[Window]:
    """Every window, fixed or extra, that overlaps or touches [low, high], earliest first."""
    found = _fixed_windows(low, high) + [w for w in extra if w.start <= high and w.end >= low]
    return sorted(found, key=lambda w: (w.start, w.end))


def _merged(seed: Window, extra: Sequence[Window]) -> Window:
    """Grow `seed` by every window that overlaps or touches it, until nothing more joins."""
    low, high = seed.start, seed.end
    while True:
        parts = _touching(low, high, extra)
        new_low = min([low] + [w.start for w in parts])
        new_high = max([high] + [w.end for w in parts])
        if (new_low, new_high) == (low, high):
            reasons = list(dict.fromkeys(w.reason for w in parts))
            return Window(low, high, "、".join(reasons))
        low, high = new_low, new_high


def window_at(moment: datetime, extra: Sequence[Window] = ()) -> Optional[Window]:
    """The (merged) window covering `moment`, judged in JST; None when login is possible."""
    now = to_jst(moment)
    cleaned = _clean(extra)
    covering = [w for w in _touching(now, now, cleaned) if w.covers(now)]
    if not covering:
        return None
    return _merged(covering[0], cleaned)


def _next_start_after(moment: datetime, extra: Sequence[Window]) -> Window:
    """The window, fixed or extra, with the earliest start strictly after `moment`."""
    weekly = _weekly_starts(moment + timedelta(microseconds=1), moment + timedelta(days=8))
    new_year = _new_year_starts(moment + timedelta(microseconds=1), moment + timedelta(days=367))
    candidates = [Window(weekly[0], weekly[0] + WEEKLY_LENGTH, WEEKLY_REASON)]
    candidates += [Window(s, s + NEW_YEAR_LENGTH, NEW_YEAR_REASON) for s in new_year[:1]]
    candidates += [w for w in extra if w.start > moment]
    return min(candidates, key=lambda w: w.start)


def next_window(moment: datetime, extra: Sequence[Window] = ()) -> Window:
    """The next (merged) window to begin after `moment`; a window already under way is not it."""
    start = to_jst(moment)
    cleaned = _clean(extra)
    after = start
    while True:
        window = _merged(_next_start_after(after, cleaned), cleaned)
        if window.start > start:
            return window
        after = window.end


def _remaining(window: Window, now: datetime) -> Optional[str]:
    """「あと4時間ほど」 / 「あと30分ほど」, or None when it ends within minutes: rough on purpose."""
    minutes = (window.end - now).total_seconds() / 60
    if minutes <= 5:
        return None
    if minutes < 55:
        return f"あと{max(1, int(minutes / 10 + 0.5)) * 10}分ほど"
    return f"あと{int(minutes / 60 + 0.5)}時間ほど"


def _end_text(window: Window, now: datetime) -> str:
    """「7:00」 when it ends today, else 「1月2日(土) 7:00」."""
    if window.end.date() == now.date():
        return format_clock(window.end)
    return format_moment(window.end)


def not_fraud_during(now: datetime, extra: Sequence[Window] = ()) -> Optional[str]:
    """Said to 「乗っ取り？」 while a window is under way: the failure has a plain cause. None outside one."""
    window = window_at(now, extra)
    if window is None:
        return None
    return (
        "メンテナンス中は、どなたも会員サービスにログインできません。いまログインできないのはそのためで、"
        f"乗っ取りなどのせいではないと考えられます。{_end_text(window, to_jst(now))}以降にもう一度お試しください。"
        f"身に覚えのないログインの通知などが届いている場合は、プロミスコール（{PROMISE_CALL}）にご相談ください。"
    )


def describe_now(window: Optional[Window], now: datetime) -> str:
    """Whether maintenance is under way at `now` (`window` is `window_at(now)`), which window it is, and
    when it ends."""
    if window is None:
        return "現在はメンテナンス時間外です。"
    now = to_jst(now)
    remaining = _remaining(window, now)
    under_way = f"現在メンテナンス中（{window_name(window)}）のため、ログインできません。"
    if remaining is None:
        return f"{under_way}まもなく{_end_text(window, now)}に終了する予定です。"
    return f"{under_way}{_end_text(window, now)}に終了する予定です（{remaining}）。"


def _range_text(start: datetime, end: datetime, day: date) -> str:
    """「0:00〜7:00」 within `day` (a clipped end at midnight reads 24:00), else with dates on both ends."""
    if start.date() == day and end.date() == day:
        return f"{format_clock(start)}〜{format_clock(end)}"
    if start.date() == day and end == _midnight(day + timedelta(days=1)):
        return f"{format_clock(start)}〜24:00"
    end_text = format_clock(end) if end.date() == start.date() else format_moment(end)
    return f"{format_moment(start)}〜{end_text}"


def windows_on(day: date, extra: Sequence[Window] = ()) -> List[Window]:
    """The merged windows of one JST calendar day, clipped to that day, earliest first."""
    low, high = _midnight(day), _midnight(day + timedelta(days=1))
    cleaned = _clean(extra)
    merged: List[Window] = []
    for part in _touching(low, high, cleaned):
        if part.end <= low or part.start >= high:
            continue
        if merged and part.start <= merged[-1].end:
            continue  # already inside the merged span found from an earlier part
        merged.append(_merged(part, cleaned))
    return [Window(max(w.start, low), min(w.end, high), w.reason) for w in merged]


def windows_between(low: datetime, high: datetime, extra: Sequence[Window] = ()) -> List[Window]:
    """The merged windows that overlap [low, high], whole (not clipped), earliest first."""
    low, high = to_jst(low), to_jst(high)
    cleaned = _clean(extra)
    merged: List[Window] = []
    for part in _touching(low, high, cleaned):
        if part.end < low or part.start > high or (merged and part.start <= merged[-1].end):
            continue
        merged.append(_merged(part, cleaned))
    return merged


def _is_weekly(window: Window) -> bool:
    return window.start.weekday() == 0 and window.start.time() == time(0) and window.end - window.start == WEEKLY_LENGTH


def _is_new_year(window: Window) -> bool:
    start = window.start
    return (start.month, start.day) == (1, 1) and start.time() == time(0) and window.end - start == NEW_YEAR_LENGTH


def window_name(window: Window) -> str:
    """「毎週月曜日 0:00〜7:00」, 「1月1日 0:00〜1月2日 7:00」, else its dates: 「12月1日(火) 13:00〜15:30」."""
    if _is_new_year(window):
        return NEW_YEAR_NAME
    if _is_weekly(window):
        return WEEKLY_NAME
    return _occurrence_text(window)


def _occurrence_text(window: Window) -> str:
    """One occurrence: 「1月3日(月) 0:00〜7:00」, 「1月1日 0:00〜1月2日 7:00」 (the New Year window by name)."""
    if _is_new_year(window):
        return NEW_YEAR_NAME
    end = format_clock(window.end) if window.end.date() == window.start.date() else format_moment(window.end)
    return f"{format_moment(window.start)}〜{end}"


def _point_text(point: datetime, moment: datetime) -> str:
    """「7:00」 on the day of `moment` (already named just before), else 「11月30日(月) 0:00」."""
    return format_clock(point) if point.date() == moment.date() else format_moment(point)


def _near_text(moment: datetime, near: Sequence[Window]) -> str:
    """「7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。」 for each window near an
    outside moment: until its end when it came before, from its start when it comes after."""
    sentences = []
    for window in near:
        before = window.end <= moment
        if before:
            edge = f"{_point_text(window.end, moment)}までは"
        else:
            edge = f"{_point_text(window.start, moment)}からは"
        # A window still to come is a warning (ただし); one already over is only where the time stands.
        lead = "また、" if sentences else ("" if before else "ただし、")
        sentences.append(f"{lead}{edge}メンテナンス時間（{window_name(window)}）です。")
    return "".join(sentences)


def _begins_as_it_ends(end: datetime, extra: Sequence[Window]) -> str:
    """「ただし、1月1日(金) 0:00からは…です。」 when a window begins right at `end`, the end of a day or span
    without maintenance; else nothing."""
    window = window_at(end, extra)
    if window is None or window.start != end:
        return ""
    return _near_text(end - timedelta(microseconds=1), [window])


def _day_hours_text(day: date, extra: Sequence[Window]) -> Optional[str]:
    """「0:00〜7:00」, 「0:00〜7:00、22:00〜24:00」, 「終日」, or None for a day without maintenance."""
    windows = windows_on(day, extra)
    if not windows:
        return None
    if len(windows) == 1 and windows[0].end - windows[0].start == timedelta(days=1):
        return "終日"
    return "、".join(_range_text(w.start, w.end, day) for w in windows)


def _names_of_day(day: date, extra: Sequence[Window]) -> str:
    """「（毎週月曜日 0:00〜7:00）」: the names of the day's windows that are regular or run past the day."""
    low, high = _midnight(day), _midnight(day + timedelta(days=1))
    names = [
        window_name(w)
        for w in windows_between(low, high, extra)
        if w.end > low and w.start < high and (_is_weekly(w) or _is_new_year(w) or w.start < low or w.end > high)
    ]
    return f"（{'、'.join(names)}）" if names else ""


def _describe_day(day: date, extra: Sequence[Window]) -> str:
    hours = _day_hours_text(day, extra)
    if hours is None:
        next_midnight = _midnight(day + timedelta(days=1))
        return f"{format_day(day)}はメンテナンスのない日です。" + _begins_as_it_ends(next_midnight, extra)
    names = _names_of_day(day, extra)
    if hours == "終日":
        return f"{format_day(day)}は終日メンテナンス時間{names}です。"
    return f"{format_day(day)}は{hours}がメンテナンス時間{names}です。"


def describe_named(
    window: Optional[Window],
    moment: datetime,
    has_time: bool,
    *,
    approximate: bool = False,
    extra: Sequence[Window] = (),
    asked_to_log_in: bool = False,
) -> str:
    """Whether a moment the customer names falls in maintenance, worded without tense (past or future alike);
    with `asked_to_log_in` (「その時間にログインできる？」) a moment outside is also said to be one to log in.

    `window` is `window_at(moment, extra)`: when it covers the moment, it is named. Outside, every window
    within `NEAR` of the moment (`NEAR_GUESSED` when the hour was only guessed from a word like 朝,
    `approximate`) is named too, so a guess or a time just outside cannot mislead. When only a day was
    named (`has_time` False) the day's maintenance hours are given instead, found from `extra` and the
    fixed windows.
    """
    moment = to_jst(moment)
    if not has_time:
        return _describe_day(moment.date(), extra)
    when = f"その頃（{format_moment(moment)}ごろ）" if approximate else f"その時間（{format_moment(moment)}）"
    if window is not None:
        return f"{when}はメンテナンス時間（{window_name(window)}）のため、ログインできません。"
    reach = NEAR_GUESSED if approximate else NEAR
    near = windows_between(moment - reach, moment + reach, extra)
    outside = "はメンテナンス時間外で、ログインできます。" if asked_to_log_in else "はメンテナンス時間外です。"
    return when + outside + _near_text(moment, near)


def describe_period(start: datetime, end: datetime, extra: Sequence[Window] = ()) -> str:
    """Which part of a span of days the customer names (正月: `start` January 1 0:00, `end` January 4 0:00,
    exclusive) is maintenance: every window in it by name, and that the rest is not."""
    start, end = to_jst(start), to_jst(end)
    last_day = (end - timedelta(microseconds=1)).date()
    days = f"{format_day(start)}〜{format_day(last_day)}"
    inside = [w for w in windows_between(start, end, extra) if w.end > start and w.start < end]
    if not inside:
        return f"{days}はメンテナンスのない期間です。" + _begins_as_it_ends(end, extra)
    if len(inside) == 1 and inside[0].start <= start and inside[0].end >= end:
        return f"{days}は全期間がメンテナンス時間（{_occurrence_text(inside[0])}）です。"
    windows = "と、".join(_occurrence_text(w) for w in inside)
    return f"{days}のうち、{windows}はメンテナンス時間のため、ログインできません。それ以外はメンテナンス時間外です。"
