"""Customers abroad: their own clock said in passing, and Japan's times told in their city's time.

Every window and every phone hour is Japan time (FACTS.md). A customer in Toronto who writes
「今こっちは日曜の夜9時なんですけど、日本は今メンテナンス中？」 names their own clock, not a time to
check: the answer is for Japan's present moment, which the assistant knows. A customer who names their
city and asks for the window in its time (「トロントの時間だと何時から何時？」) gets the next window in
that time as well, converted with the IANA time-zone database (the tzdata package), so daylight
saving time is right for the date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from typing import Optional
from zoneinfo import ZoneInfo

from business.clock import to_jst
from business.folding import fold
from business.ja_format import WEEKDAY_NAMES, format_moment
from business.japanese_time import NamedMoment

# Cities and countries with one time zone, as customers write them.
CITY_ZONES = {
    "トロント": "America/Toronto", "モントリオール": "America/Toronto", "ニューヨーク": "America/New_York",
    "ボストン": "America/New_York", "ワシントン": "America/New_York", "シカゴ": "America/Chicago",
    "ダラス": "America/Chicago", "デンバー": "America/Denver", "バンクーバー": "America/Vancouver",
    "シアトル": "America/Los_Angeles", "サンフランシスコ": "America/Los_Angeles", "ロサンゼルス": "America/Los_Angeles",
    "ハワイ": "Pacific/Honolulu", "ホノルル": "Pacific/Honolulu", "ロンドン": "Europe/London", "イギリス": "Europe/London",
    "パリ": "Europe/Paris", "フランス": "Europe/Paris", "ベルリン": "Europe/Berlin", "ドイツ": "Europe/Berlin",
    "シドニー": "Australia/Sydney", "メルボルン": "Australia/Melbourne", "ソウル": "Asia/Seoul", "韓国": "Asia/Seoul",
    "上海": "Asia/Shanghai", "北京": "Asia/Shanghai", "中国": "Asia/Shanghai", "台湾": "Asia/Taipei", "台北": "Asia/Taipei",
    "香港": "Asia/Hong_Kong", "バンコク": "Asia/Bangkok", "マニラ": "Asia/Manila",
    "フィリピン": "Asia/Manila", "シンガポール": "Asia/Singapore", "ハノイ": "Asia/Ho_Chi_Minh",
    "ホーチミン": "Asia/Ho_Chi_Minh", "ベトナム": "Asia/Ho_Chi_Minh", "ジャカルタ": "Asia/Jakarta",
    "インドネシア": "Asia/Jakarta", "ネパール": "Asia/Kathmandu", "ドバイ": "Asia/Dubai",
    "ブラジル": "America/Sao_Paulo", "サンパウロ": "America/Sao_Paulo",
}  # fmt: skip
# A city in katakana is a word of its own: not the パリ of やっぱり typed in katakana.
_CITY = rf"(?<![ァ-ヺー])({'|'.join(sorted(map(re.escape, CITY_ZONES), key=len, reverse=True))})(?![ァ-ヺー])"
_HERE = rf"(こっち|こちら|コッチ|現地|げんち|当地|{_CITY})"
# 「今こっちは日曜の夜9時」「トロントは今、月曜の夜8時」: the customer's own clock, now.
_OWN_CLOCK = re.compile(
    rf"(今|いま)[、, ]*{_HERE}([（(][^）)]{{0,12}}[）)])?(は|で|だと|の時間(で|だと|は)?)|{_HERE}(は|で|だと)?[、, （(]*(今|いま)"
)
# 「現地時間の日曜23時に」「トロント時間で夜10時に」「ブラジル ジカン デ ニチヨウ」: a time to check, said in the
# city's clock.
_LOCAL_TIME_SAID = re.compile(rf"(現地|げんち|こっち|こちら|{_CITY})[ 　]?(の|ノ)?[ 　]?(時間|時刻|じかん|ジカン)[ 　]?(で|の|だと|デ|ノ|ダト)")
# The customer's clock stated ends where its time does: 「…夜9時なんですけど」.
_OWN_CLOCK_REACH = 24
# 「トロントの時間だと何時から何時？」: Japan's times wanted in the named city's time.
_CITY_TIME_ASKED = re.compile(rf"{_CITY}(の)?(時間|時刻|じかん)(だと|で|に|では)")


def own_clock_before(text: str, start: int) -> bool:
    """Whether the time expression starting at `start` is the customer's own clock abroad, said just before it."""
    return bool(_OWN_CLOCK.search(fold(text[max(0, start - _OWN_CLOCK_REACH) : start]).text))


def names_own_clock(text: str) -> bool:
    """Whether the message states the customer's clock abroad (「今こっちは…」「トロントは今…」)."""
    return bool(_OWN_CLOCK.search(fold(text).text))


def in_japan_time(named: NamedMoment, text: str) -> NamedMoment:
    """The moment the customer named, in Japan time: a time said in their city's clock (「現地時間の日曜
    23時」 with シンガポール named) is converted; any other is Japan time already."""
    place = city_zone(text)
    if place is None or not _LOCAL_TIME_SAID.search(fold(text).text):
        return named
    zone = place[1]

    def converted(moment: Optional[datetime]) -> Optional[datetime]:
        return None if moment is None else to_jst(moment.replace(tzinfo=None).replace(tzinfo=zone))

    return replace(named, moment=converted(named.moment), end=converted(named.end))


def city_zone(text: str) -> Optional[tuple[str, ZoneInfo]]:
    """The city (or one-zone country) the message names, with its time zone; None if none."""
    match = re.search(_CITY, fold(text).text)
    return (match.group(1), ZoneInfo(CITY_ZONES[match.group(1)])) if match else None


def japan_now(now: datetime) -> str:
    """「日本はいま12月8日(火) 10:00です。」"""
    return f"日本はいま{format_moment(to_jst(now))}です。"


def _local_day(local: datetime) -> str:
    return f"{local.month}月{local.day}日({WEEKDAY_NAMES[local.weekday()]})"


def _local_span(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """「12月13日(日) 10:00〜17:00」, or with both days when the span crosses midnight there."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    until = f"{last.hour}:{last.minute:02d}" if first.date() == last.date() else f"{_local_day(last)} {last.hour}:{last.minute:02d}"
    return f"{_local_day(first)} {first.hour}:{first.minute:02d}〜{until}"


def window_in_city_time(start: datetime, end: datetime, text: str) -> Optional[str]:
    """The window from `start` to `end` in the city's time, when the message asks for it; else None."""
    place = city_zone(text)
    if place is None or not _CITY_TIME_ASKED.search(fold(text).text):
        return None
    city, zone = place
    return f"{city}の時間では{_local_span(start, end, zone)}です（現地の時間に直した目安です）。"
