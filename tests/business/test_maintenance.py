"""When the member service is down for maintenance, and what the customer is told about it."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from business.clock import JST, to_jst
from business.maintenance import Window, describe_named, describe_now, next_window, window_at, windows_on


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


def inside(moment: datetime, extra: tuple = ()) -> bool:
    return window_at(moment, extra) is not None


def expected_inside(moment: datetime) -> bool:
    """The rule as FACTS.md states it, written plainly as an oracle."""
    local = to_jst(moment)
    monday_morning = local.weekday() == 0 and local.hour < 7
    new_year = (local.month, local.day) == (1, 1) or ((local.month, local.day) == (1, 2) and local.hour < 7)
    return monday_morning or new_year


days_2000_2100 = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(2000, 2100)


def monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


# --- the weekly window ------------------------------------------------------------------------------


def test_monday_early_morning_is_maintenance_until_seven() -> None:
    window = window_at(jst(2026, 11, 30, 3))
    assert window is not None
    assert (window.start, window.end) == (jst(2026, 11, 30, 0), jst(2026, 11, 30, 7))


@given(days_2000_2100)
def test_monday_boundaries(day: date) -> None:
    monday = monday_on_or_after(day)
    assume((monday.month, monday.day) != (1, 1))
    sunday = monday - timedelta(days=1)
    assume((sunday.month, sunday.day) != (1, 1))
    assert not inside(jst(sunday.year, sunday.month, sunday.day, 23, 59, 59))
    assert inside(jst(monday.year, monday.month, monday.day, 0, 0))
    assert inside(jst(monday.year, monday.month, monday.day, 6, 59, 59))
    assert not inside(jst(monday.year, monday.month, monday.day, 7, 0))


@given(days_2000_2100, st.integers(0, 23), st.integers(0, 59))
def test_other_weekdays_are_free_outside_new_year(day: date, hour: int, minute: int) -> None:
    assume(day.weekday() != 0 and (day.month, day.day) not in ((1, 1), (1, 2)))
    assert not inside(jst(day.year, day.month, day.day, hour, minute))


# --- the New Year window --------------------------------------------------------------------------


@given(years)
def test_new_year_boundaries(year: int) -> None:
    if date(year - 1, 12, 31).weekday() != 0:
        assert not inside(jst(year - 1, 12, 31, 23, 59))
    assert inside(jst(year, 1, 1, 0, 0))
    assert inside(jst(year, 1, 1, 12, 0))
    assert inside(jst(year, 1, 2, 6, 59))
    assert not inside(jst(year, 1, 2, 7, 0))


@given(years)
def test_new_year_window_runs_from_january_first_to_second_seven(year: int) -> None:
    window = window_at(jst(year, 1, 1, 12))
    assert window is not None
    assert (window.start, window.end) == (jst(year, 1, 1, 0), jst(year, 1, 2, 7))


def test_when_new_year_falls_on_monday_the_windows_merge() -> None:
    assert date(2029, 1, 1).weekday() == 0
    window = window_at(jst(2029, 1, 1, 3))
    assert window is not None
    assert (window.start, window.end) == (jst(2029, 1, 1, 0), jst(2029, 1, 2, 7))


def test_when_january_second_is_monday_the_windows_merge() -> None:
    assert date(2034, 1, 2).weekday() == 0
    window = window_at(jst(2034, 1, 2, 3))
    assert window is not None
    assert (window.start, window.end) == (jst(2034, 1, 1, 0), jst(2034, 1, 2, 7))
    assert not inside(jst(2034, 1, 2, 7))


# --- time zones -----------------------------------------------------------------------------------


@given(
    st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 12, 30), timezones=st.timezones()),
)
def test_any_zone_is_judged_in_japan_time(moment: datetime) -> None:
    assert window_at(moment) == window_at(moment.astimezone(JST))
    assert inside(moment) == expected_inside(moment)


def test_sunday_evening_in_london_is_monday_morning_in_japan() -> None:
    assert inside(datetime(2026, 11, 29, 16, 30, tzinfo=timezone.utc))  # Monday 1:30 JST
    assert not inside(datetime(2026, 11, 29, 22, 0, tzinfo=timezone.utc))  # Monday 7:00 JST


# --- extra windows --------------------------------------------------------------------------------

EMERGENCY = Window(jst(2026, 11, 27, 13), jst(2026, 11, 27, 15), "緊急メンテナンス")


def test_an_extra_window_is_maintenance_only_while_it_lasts() -> None:
    assert window_at(jst(2026, 11, 27, 14), [EMERGENCY]) == EMERGENCY
    assert not inside(jst(2026, 11, 27, 15), (EMERGENCY,))
    assert not inside(jst(2026, 11, 27, 14))


def test_an_extra_window_given_in_utc_is_judged_in_japan_time() -> None:
    in_utc = Window(datetime(2026, 11, 27, 4, tzinfo=timezone.utc), datetime(2026, 11, 27, 6, tzinfo=timezone.utc), "x")
    assert inside(jst(2026, 11, 27, 14), (in_utc,))


def test_an_extra_window_touching_monday_merges_with_it() -> None:
    sunday_night = Window(jst(2026, 11, 29, 22), jst(2026, 11, 30, 0), "臨時メンテナンス")
    window = window_at(jst(2026, 11, 29, 23), [sunday_night])
    assert window is not None
    assert (window.start, window.end) == (jst(2026, 11, 29, 22), jst(2026, 11, 30, 7))
    assert window_at(jst(2026, 11, 30, 5), [sunday_night]) == window


def test_an_extra_window_chaining_two_fixed_ones_merges_all_three() -> None:
    bridge = Window(jst(2034, 1, 2, 7), jst(2034, 1, 9, 0), "システム更新")
    window = window_at(jst(2034, 1, 5, 12), [bridge])
    assert window is not None
    assert (window.start, window.end) == (jst(2034, 1, 1, 0), jst(2034, 1, 9, 7))


def test_an_inverted_extra_window_is_ignored() -> None:
    backwards = Window(jst(2026, 11, 27, 15), jst(2026, 11, 27, 13), "誤入力")
    assert not inside(jst(2026, 11, 27, 14), (backwards,))


# --- the next window ------------------------------------------------------------------------------


def test_next_window_from_friday_is_monday_morning() -> None:
    window = next_window(jst(2026, 11, 27, 10))
    assert (window.start, window.end) == (jst(2026, 11, 30, 0), jst(2026, 11, 30, 7))


def test_next_window_during_one_is_the_following_one() -> None:
    assert next_window(jst(2026, 11, 30, 3)).start == jst(2026, 12, 7, 0)


def test_next_window_at_year_end_is_new_year() -> None:
    window = next_window(jst(2026, 12, 30, 10))
    assert (window.start, window.end) == (jst(2027, 1, 1, 0), jst(2027, 1, 2, 7))


def test_next_window_can_be_an_extra_one() -> None:
    assert next_window(jst(2026, 11, 27, 10), [EMERGENCY]) == EMERGENCY


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 1), timezones=st.just(JST)))
def test_next_window_starts_later_and_nothing_is_down_before_it(moment: datetime) -> None:
    window = next_window(moment)
    assert window.start > moment
    assert window_at(window.start) == window
    assert window_at(window.start - timedelta(microseconds=1)) is None
    if window_at(moment) is None:
        probe = moment + timedelta(hours=1)
        while probe < window.start:
            assert window_at(probe) is None
            probe += timedelta(hours=1)


# --- what the customer reads ----------------------------------------------------------------------


def say_now(now: datetime) -> str:
    return describe_now(window_at(now), now)


def test_during_monday_maintenance_the_end_and_hours_left_are_given() -> None:
    text = say_now(jst(2026, 11, 30, 3))
    assert "メンテナンス中" in text and "7:00" in text and "あと4時間ほど" in text


def test_half_an_hour_before_the_end() -> None:
    assert "あと30分ほど" in say_now(jst(2026, 11, 30, 6, 30))


def test_minutes_before_the_end_it_ends_soon() -> None:
    text = say_now(jst(2026, 11, 30, 6, 58))
    assert "まもなく7:00に終了" in text


def test_on_new_years_day_the_end_names_the_day() -> None:
    text = say_now(jst(2027, 1, 1, 10))
    assert "1月2日(土) 7:00" in text and "あと21時間ほど" in text


def test_outside_maintenance_it_says_so() -> None:
    text = say_now(jst(2026, 11, 27, 10))
    assert text == "現在はメンテナンス時間外です。"


def describe(moment: datetime, has_time: bool = True, approximate: bool = False, extra: tuple = ()) -> str:
    return describe_named(window_at(moment, extra), moment, has_time, approximate=approximate, extra=extra)


def test_a_named_moment_in_maintenance() -> None:
    text = describe(jst(2026, 11, 30, 5))
    assert text.startswith("その時間（11月30日(月) 5:00）はメンテナンス時間（0:00〜7:00）")
    assert "ログインできない" in text


def test_a_named_moment_outside_maintenance() -> None:
    assert describe(jst(2026, 11, 30, 8)) == "その時間（11月30日(月) 8:00）はメンテナンス時間ではありません。"


def test_a_guessed_hour_also_gives_the_days_maintenance_hours() -> None:
    text = describe(jst(2026, 11, 30, 8), approximate=True)
    assert "8:00ごろ" in text and "メンテナンス時間ではありません" in text and "0:00〜7:00" in text


def test_a_named_moment_in_the_new_year_window_shows_both_dates() -> None:
    text = describe(jst(2027, 1, 2, 5))
    assert "1月1日(金) 0:00〜1月2日(土) 7:00" in text


@pytest.mark.parametrize(
    "day, expected",
    [
        (jst(2026, 11, 30), "11月30日(月)は0:00〜7:00がメンテナンス時間です。"),
        (jst(2026, 11, 27), "11月27日(金)はメンテナンスのない日です。"),
        (jst(2027, 1, 1), "1月1日(金)は終日メンテナンス時間です。"),
        (jst(2027, 1, 2), "1月2日(土)は0:00〜7:00がメンテナンス時間です。"),
    ],
)
def test_a_named_day_gives_that_days_maintenance_hours(day: datetime, expected: str) -> None:
    assert describe(day, has_time=False) == expected


def test_a_named_day_lists_extra_windows_too() -> None:
    late = Window(jst(2026, 11, 30, 22), jst(2026, 12, 1, 1), "臨時メンテナンス")
    text = describe(jst(2026, 11, 30), has_time=False, extra=(late,))
    assert text == "11月30日(月)は0:00〜7:00、22:00〜24:00がメンテナンス時間です。"


def test_windows_on_a_day_are_clipped_to_it() -> None:
    [window] = windows_on(date(2027, 1, 2))
    assert (window.start, window.end) == (jst(2027, 1, 2, 0), jst(2027, 1, 2, 7))


@pytest.mark.parametrize(
    "text",
    [
        describe_now(window_at(jst(2026, 11, 30, 3)), jst(2026, 11, 30, 3)),
        describe_now(None, jst(2026, 11, 27, 10)),
        describe(jst(2026, 11, 30, 5)),
        describe(jst(2026, 11, 30, 8), approximate=True),
        describe(jst(2026, 11, 27), has_time=False),
    ],
    ids=["now-in", "now-out", "named-in", "named-approximate", "named-day"],
)
def test_messages_are_short_polite_japanese(text: str) -> None:
    sentences = [re.sub(r"（[^）]*）", "", s) for s in text.split("。") if s]
    assert text.endswith("。")
    assert all(s.endswith(("です", "ます", "ません")) for s in sentences)
    assert len(text) <= 80
    assert not any("a" <= c.lower() <= "z" for c in text)
