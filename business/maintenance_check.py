"""The check made before any login triage: is (or was) maintenance the reason?

A named moment is judged by itself. A named day or span (元日, 来週の月曜, 正月) pins no moment, so
maintenance under way now comes first; otherwise the answer gives the day's or span's maintenance hours
and stops the triage only when maintenance covers all of it (元日).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Optional, Sequence, Tuple

from business.folding import kana_fold, kana_pattern
from business.ja_format import format_clock, format_moment
from business.japanese_time import NamedMoment, parse_every_when
from business.maintenance import (
    NEW_YEAR_NAME,
    WEEKLY_NAME,
    Window,
    describe_named,
    describe_now,
    describe_period,
    next_window,
    window_at,
    windows_between,
)
from business.time_zones import city_zone, japan_now, names_own_clock, window_in_city_time

SCHEDULE = "定期メンテナンスは、毎週月曜日 0:00〜7:00と、1月1日 0:00〜1月2日 7:00です（日本時間）。"


@dataclass(frozen=True)
class MaintenanceVerdict:
    blocks_login: bool        # maintenance explains the failure: no triage
    message: str


# How every description names a window (business.maintenance): 「メンテナンス時間（毎週月曜日 0:00〜7:00）」.
_WINDOW_NAMED = "メンテナンス時間（"
_RETRY = "メンテナンスが終わってから、もう一度お試しください。"
_OTHER_CAUSES = "ほかの原因を一緒に確認しましょう。"
_OTHER_CAUSES_OUTSIDE = "メンテナンス時間以外でログインできない場合は、ほかの原因を一緒に確認しましょう。"


def _days_of(named: NamedMoment) -> Tuple[datetime, datetime]:
    """[start, end) of a named day or span."""
    return named.moment, named.end if named.end is not None else named.moment + timedelta(days=1)


def _describe(named: NamedMoment, extra: Sequence[Window], asked_to_log_in: bool = False) -> str:
    if named.end is not None:
        return describe_period(named.moment, named.end, extra)
    window = window_at(named.moment, extra) if named.has_time else None
    return describe_named(
        window, named.moment, named.has_time, approximate=named.approximate, extra=extra, asked_to_log_in=asked_to_log_in
    )


def check_login_time(now: datetime, named: Optional[NamedMoment], extra: Sequence[Window] = ()) -> MaintenanceVerdict:
    """For the moment the customer names; for a named day or span, maintenance now first, then that day or
    span; or else for now."""
    if named is not None and named.has_time:
        window = window_at(named.moment, extra)
        text = _describe(named, extra)
        if window is not None:
            return MaintenanceVerdict(True, text + _RETRY)
        return MaintenanceVerdict(False, text + _OTHER_CAUSES)
    window = window_at(now, extra)
    if window is not None:
        return MaintenanceVerdict(True, describe_now(window, now) + "終了後に、もう一度お試しください。")
    if named is not None:
        start, end = _days_of(named)
        inside = [w for w in windows_between(start, end, extra) if w.end > start and w.start < end]
        text = _describe(named, extra)
        if any(w.start <= start and w.end >= end for w in inside):
            return MaintenanceVerdict(True, text + _RETRY)
        return MaintenanceVerdict(False, text + (_OTHER_CAUSES_OUTSIDE if inside else _OTHER_CAUSES))
    return MaintenanceVerdict(False, describe_now(None, now) + "原因を一緒に確認しましょう。")


def maintenance_under_way(now: datetime, extra: Sequence[Window] = ()) -> Optional[str]:
    """「現在メンテナンス中のため…」 when a window covers `now`, else None: the cause that needs no questions."""
    window = window_at(now, extra)
    return describe_now(window, now) if window is not None else None


def describe_schedule(
    now: datetime, named: Optional[NamedMoment], extra: Sequence[Window] = (), also: Sequence[NamedMoment] = ()
) -> str:
    """Answer to 「メンテナンスはいつ？」: the named moment, day or span if any (with the regular schedule
    when no window is near it, so the customer learns when maintenance is), else now and the next window.
    `also`: other moments the same message asks about (「三が日は？それと1月4日の朝は？」), each answered too."""
    if named is not None:
        # A moment still to come was asked about to log in then; a past one is only placed.
        texts = [_describe(moment, extra, asked_to_log_in=moment.moment >= now) for moment in (named, *also)]
        text = "\n".join(dict.fromkeys(texts))
        if _WINDOW_NAMED not in text:
            text += "\n" + SCHEDULE
        return text
    current = window_at(now, extra)
    if current is not None:
        return describe_now(current, now) + "\n" + SCHEDULE
    upcoming = next_window(now, extra)
    end = format_clock(upcoming.end) if upcoming.end.date() == upcoming.start.date() else format_moment(upcoming.end)
    return (
        "現在はメンテナンス時間外のため、ログインできます。\n"
        f"{SCHEDULE}\n次回は{format_moment(upcoming.start)}〜{end}です。"
    )


# A customer abroad, or one who asks which clock the hours follow (「現地時間の日曜23時」「JST基準？」).
_OTHER_TIME_ZONE = re.compile(
    r"現地|時差|じさ|海外|かいがい|外国|JST|UTC|GMT|日本時間|にほんじかん|タイムゾーン|time\s*zone"
    r"|(?:local|japan|vietnam|china|korea|philippines?|thai|nepal|indonesia|india|us|uk)\s*time",
    re.IGNORECASE,
)
JAPAN_TIME_NOTE = "時間はすべて日本時間です。海外からご利用の場合は、時差にご注意ください。"


def with_time_zone_note(answer: str, message: str, now: Optional[datetime] = None, extra: Sequence[Window] = ()) -> str:
    """The maintenance answer, saying the hours are Japan time when the customer's message brings up another
    clock; with `now`, also Japan's present time for a customer who gave their own clock abroad, and the
    next window in their city's time when they ask for it."""
    notes = []
    city, own_clock = city_zone(message), names_own_clock(message)
    if (_OTHER_TIME_ZONE.search(message) or city or own_clock) and JAPAN_TIME_NOTE not in answer:
        notes.append(JAPAN_TIME_NOTE)
    if now is not None and own_clock:
        notes.append(japan_now(now))
    if now is not None and city:
        upcoming = window_at(now, extra) or next_window(now, extra)
        converted = window_in_city_time(upcoming.start, upcoming.end, message)
        if converted:
            notes.append(f"次回のメンテナンスは、{converted}")
    return "\n".join([answer, *notes])


# 「めんてなんすって いつ やってるの？夜中に入れないことがある」「メンテって毎週あるの？月曜だけ？」: the windows
# asked for, beside a failure or a day.
_WINDOWS_ASKED = kana_pattern(
    r"(メンテ|めんて).{0,24}(いつ|いづ|何時|なんじ|何曜|なんよう|時間|じかん|日|スケジュール|毎週|まいしゅう|曜日|だけ[?？か])"
)


def with_schedule_if_asked(answer: str, message: str) -> str:
    """The check's answer, with the regular windows when the message asks when maintenance is and the
    answer did not name both of them."""
    if _WINDOWS_ASKED.search(kana_fold(message).text) and not (WEEKLY_NAME in answer and NEW_YEAR_NAME in answer):
        return f"{answer}\n{SCHEDULE}"
    return answer


# 「ニチヨウ ヤ ヨル モ ヘンサイ デキマスカ?」「夜中でも振込できる？」: repaying or transferring online at a time.
_REPAYING_ASKED = kana_pattern(r"返済|へんさい|振込|ふりこみ|振り込み|入金|にゅうきん")
REPAYMENT_HOURS = "インターネットでの振込・返済は、メンテナンスの時間を除き、365日いつでもできます（手数料0円）。"


def with_repayment_hours_if_asked(answer: str, message: str) -> str:
    """The check's answer, with when online repayment is open when the message asks about repaying then."""
    if _REPAYING_ASKED.search(kana_fold(message).text) and REPAYMENT_HOURS not in answer:
        return f"{answer}\n{REPAYMENT_HOURS}"
    return answer


def also_asked(named: Optional[NamedMoment], text: str, now: datetime) -> list[NamedMoment]:
    """The other moments the message asks about beside `named` (one per sentence; none without `named`)."""
    if named is None:
        return []
    return [moment for moment in parse_every_when(text, now) if moment.moment != named.moment]
