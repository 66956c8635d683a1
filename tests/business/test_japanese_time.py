"""What moment a customer means when they name one in Japanese."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.clock import JST
from business.japanese_time import NamedMoment, find_time_span, parse_when

# Friday 27 November 2026, 10:00 in Japan.
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=JST)
MONDAY_NOW = datetime(2026, 11, 30, 10, 0, tzinfo=JST)


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


def named(text: str, now: datetime = NOW) -> NamedMoment:
    result = parse_when(text, now)
    assert result is not None, f"{text!r} named nothing"
    return result


@pytest.mark.parametrize(
    "text, moment",
    [
        # ja-timex examples from the brief
        ("月曜の朝5時", jst(2026, 11, 23, 5)),
        ("昨日の夜11時", jst(2026, 11, 26, 23)),
        # weekdays: the most recent one, today included
        ("月曜日の5時", jst(2026, 11, 23, 5)),
        ("金曜の9時", jst(2026, 11, 27, 9)),
        ("土曜の23時", jst(2026, 11, 21, 23)),
        ("次の月曜日の午前3時", jst(2026, 11, 30, 3)),
        ("来週の月曜の朝5時", jst(2026, 11, 30, 5)),
        ("先週の月曜の朝5時", jst(2026, 11, 16, 5)),
        ("今度の金曜の午後3時", jst(2026, 12, 4, 15)),
        ("この前の金曜の午後3時", jst(2026, 11, 20, 15)),
        # parts of the day with a clock
        ("午後3時", jst(2026, 11, 27, 15)),
        ("午前5時半", jst(2026, 11, 27, 5, 30)),
        ("午前12時", jst(2026, 11, 27, 0)),
        ("午後0時", jst(2026, 11, 27, 12)),
        ("夜11時", jst(2026, 11, 27, 23)),
        ("夜の11時", jst(2026, 11, 27, 23)),
        ("夜2時", jst(2026, 11, 27, 2)),
        ("晩の8時", jst(2026, 11, 27, 20)),
        ("深夜2時", jst(2026, 11, 27, 2)),
        ("深夜12時", jst(2026, 11, 27, 0)),
        ("深夜11時", jst(2026, 11, 27, 23)),
        ("夜中の3時", jst(2026, 11, 27, 3)),
        ("昼1時", jst(2026, 11, 27, 13)),
        ("夕方6時", jst(2026, 11, 27, 18)),
        ("朝5時", jst(2026, 11, 27, 5)),
        ("今朝5時", jst(2026, 11, 27, 5)),
        ("今夜11時", jst(2026, 11, 27, 23)),
        ("ゆうべ11時", jst(2026, 11, 26, 23)),
        # minutes, 半, notations
        ("10時15分", jst(2026, 11, 27, 10, 15)),
        ("3時半", jst(2026, 11, 27, 3, 30)),
        ("6時59分59秒", jst(2026, 11, 27, 6, 59, 59)),
        ("5:30", jst(2026, 11, 27, 5, 30)),
        # kanji numerals and full-width digits
        ("五時", jst(2026, 11, 27, 5)),
        ("５時", jst(2026, 11, 27, 5)),
        ("二十三時五分", jst(2026, 11, 27, 23, 5)),
        ("十二月三十一日の夜十一時半", jst(2026, 12, 31, 23, 30)),
        ("１月２日の６時５９分", jst(2027, 1, 2, 6, 59)),
        # relative days
        ("今日の14時", jst(2026, 11, 27, 14)),
        ("本日14時", jst(2026, 11, 27, 14)),
        ("明日の9時", jst(2026, 11, 28, 9)),
        ("一昨日の20時", jst(2026, 11, 25, 20)),
        ("3日前の7時", jst(2026, 11, 24, 7)),
        ("きのうの夜11時", jst(2026, 11, 26, 23)),
        ("おとといの朝6時", jst(2026, 11, 25, 6)),
        # calendar days
        ("11月30日(月)の5時", jst(2026, 11, 30, 5)),
        ("2029年1月1日 0:00", jst(2029, 1, 1, 0)),
        ("12/31 23:59", jst(2026, 12, 31, 23, 59)),
        # hours past midnight roll over
        ("夜12時", jst(2026, 11, 28, 0)),
        ("24時", jst(2026, 11, 28, 0)),
        ("25時", jst(2026, 11, 28, 1)),
        # from now
        ("2時間前", jst(2026, 11, 27, 8)),
        ("30分後", jst(2026, 11, 27, 10, 30)),
        ("1時間半前", jst(2026, 11, 27, 8, 30)),
    ],
)
def test_a_named_clock_time_is_that_exact_moment(text: str, moment: datetime) -> None:
    result = named(text)
    assert result == NamedMoment(moment, has_time=True, approximate=False)


@pytest.mark.parametrize(
    "text, moment",
    [
        ("月曜の朝", jst(2026, 11, 23, 8)),
        ("今朝", jst(2026, 11, 27, 8)),
        ("早朝", jst(2026, 11, 27, 6)),
        ("午前中", jst(2026, 11, 27, 10)),
        ("1月1日の昼", jst(2027, 1, 1, 12)),
        ("今日の午後", jst(2026, 11, 27, 15)),
        ("夕方", jst(2026, 11, 27, 17)),
        ("一昨日の夜", jst(2026, 11, 25, 20)),
        ("今夜", jst(2026, 11, 27, 20)),
        ("昨夜", jst(2026, 11, 26, 20)),
        ("日曜の深夜", jst(2026, 11, 22, 1)),
    ],
)
def test_a_part_of_day_alone_gives_a_typical_hour_marked_approximate(text: str, moment: datetime) -> None:
    assert named(text) == NamedMoment(moment, has_time=True, approximate=True)


def test_noon_by_name_is_exact() -> None:
    assert named("正午") == NamedMoment(jst(2026, 11, 27, 12), has_time=True, approximate=False)


@pytest.mark.parametrize(
    "text, day",
    [
        ("月曜日", jst(2026, 11, 23)),
        ("金曜", jst(2026, 11, 27)),
        ("来週の月曜", jst(2026, 11, 30)),
        ("今日", jst(2026, 11, 27)),
        ("昨日", jst(2026, 11, 26)),
        ("明後日", jst(2026, 11, 29)),
        ("１１月３０日", jst(2026, 11, 30)),
        ("元日", jst(2027, 1, 1)),
        ("今年の1月1日", jst(2026, 1, 1)),
        ("去年の12月31日", jst(2025, 12, 31)),
    ],
)
def test_a_day_without_a_time_says_so_and_gives_midnight(text: str, day: datetime) -> None:
    assert named(text) == NamedMoment(day, has_time=False)


def test_a_bare_weekday_that_is_today_means_today() -> None:
    assert named("月曜の5時", MONDAY_NOW).moment == jst(2026, 11, 30, 5)


def test_next_and_previous_weekday_skip_today() -> None:
    assert named("次の月曜", MONDAY_NOW).moment == jst(2026, 12, 7)
    assert named("この前の月曜", MONDAY_NOW).moment == jst(2026, 11, 23)


def test_this_week_counts_from_monday() -> None:
    assert named("今週の日曜", MONDAY_NOW).moment == jst(2026, 12, 6)
    assert named("今週の月曜", datetime(2026, 12, 6, 10, tzinfo=JST)).moment == jst(2026, 11, 30)


@pytest.mark.parametrize(
    "now, moment",
    [
        (jst(2026, 11, 27, 10), jst(2027, 1, 1, 12)),  # 35 days ahead beats 330 days back
        (jst(2026, 3, 1, 10), jst(2026, 1, 1, 12)),  # 59 days back beats 306 days ahead
        (jst(2027, 1, 2, 10), jst(2027, 1, 1, 12)),
    ],
)
def test_a_month_day_without_year_is_the_nearest_occurrence(now: datetime, moment: datetime) -> None:
    assert named("1月1日の12時", now).moment == moment


def test_new_years_eve_seen_from_just_after_new_year_is_last_year() -> None:
    assert named("12月31日の23時59分", jst(2027, 1, 2, 10)).moment == jst(2026, 12, 31, 23, 59)


def test_a_clock_time_alone_is_today_even_if_still_ahead() -> None:
    assert named("18時", jst(2026, 11, 27, 9)).moment == jst(2026, 11, 27, 18)


def test_now_in_another_zone_is_read_in_japan_time() -> None:
    # 20:00 UTC on the 27th is already 05:00 on the 28th in Japan.
    utc_now = datetime(2026, 11, 27, 20, 0, tzinfo=timezone.utc)
    assert named("今日の7時", utc_now).moment == jst(2026, 11, 28, 7)


def test_the_moment_is_aware_japan_time() -> None:
    assert named("月曜の朝5時").moment.utcoffset() == timedelta(hours=9)


@pytest.mark.parametrize("text", ["", "   ", "こんにちは", "ログインできません", "2月30日", "99時", "先日", "毎週"])
def test_text_naming_no_moment_gives_none(text: str) -> None:
    assert parse_when(text, NOW) is None


def test_non_text_gives_none() -> None:
    assert parse_when(None, NOW) is None  # type: ignore[arg-type]
    assert find_time_span(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text, expression",
    [
        ("ログインできなかったのは月曜日の朝五時ごろです", "月曜日の朝五時"),
        ("昨日の夜11時にログインできませんでした", "昨日の夜11時"),
        ("先週の月曜の朝5時から", "先週の月曜の朝5時"),
        ("11月30日(月)の5時に試しました", "11月30日(月)の5時"),
        ("十二月三十一日の夜十一時半です", "十二月三十一日の夜十一時半"),
        ("１月２日の６時５９分", "１月２日の６時５９分"),
        ("今朝からずっとだめです", "今朝"),
        ("2時間前から入れません", "2時間前"),
    ],
)
def test_time_span_marks_the_expression_in_the_original_text(text: str, expression: str) -> None:
    span = find_time_span(text)
    assert span is not None
    assert text[span[0] : span[1]] == expression


def test_no_time_span_without_a_time() -> None:
    assert find_time_span("パスワードを忘れました") is None


WEEKDAYS = "月火水木金土日"


@given(weekday=st.integers(0, 6), hour=st.integers(0, 23), minute=st.integers(0, 59), days=st.integers(0, 20000))
def test_weekday_and_clock_always_name_the_latest_such_moment_day(weekday: int, hour: int, minute: int, days: int) -> None:
    now = datetime(2000, 1, 1, 12, tzinfo=JST) + timedelta(days=days)
    result = named(f"{WEEKDAYS[weekday]}曜日の{hour}時{minute}分", now)
    assert result.moment.weekday() == weekday
    assert (result.moment.hour, result.moment.minute) == (hour, minute)
    assert 0 <= (now.date() - result.moment.date()).days <= 6
    assert result.has_time and not result.approximate


@given(month=st.integers(1, 12), day=st.integers(1, 28), days=st.integers(0, 20000))
def test_month_day_is_always_within_half_a_year_of_now(month: int, day: int, days: int) -> None:
    now = datetime(2000, 1, 1, 12, tzinfo=JST) + timedelta(days=days)
    result = named(f"{month}月{day}日", now)
    assert (result.moment.month, result.moment.day) == (month, day)
    assert abs((result.moment.date() - now.date()).days) <= 183
    assert not result.has_time


@given(text=st.text(max_size=40))
def test_odd_input_never_raises(text: str) -> None:
    result: Optional[NamedMoment] = parse_when(text, NOW)
    assert result is None or result.moment.utcoffset() == timedelta(hours=9)
    span = find_time_span(text)
    assert span is None or 0 <= span[0] < span[1] <= len(text)


@given(text=st.text(alphabet="月火水木金土日曜の朝昼夜深午前後時分半今昨明一二三十0123456789０１２:年/", max_size=20))
def test_time_like_noise_never_raises(text: str) -> None:
    parse_when(text, NOW)
    find_time_span(text)


def test_prepare_builds_the_parser_servers_then_share() -> None:
    from business import japanese_time

    japanese_time._parser.cache_clear()
    japanese_time.prepare()

    assert japanese_time._parser.cache_info().currsize == 1
    assert japanese_time.find_time_span("月曜の朝5時にログインできなかった") == (0, 6)
    assert japanese_time._parser.cache_info().misses == 1  # the prepared parser, not a second one
