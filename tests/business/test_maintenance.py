"""When the member service is down for maintenance, and what the customer is told about it."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from business.clock import JST, to_jst
from business.ja_format import format_moment
from business.maintenance import (
    Window,
    describe_named,
    describe_now,
    describe_period,
    next_window,
    window_at,
    window_name,
    windows_between,
    windows_on,
)


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


def test_during_monday_maintenance_the_window_the_end_and_hours_left_are_given() -> None:
    text = say_now(jst(2026, 11, 30, 3))
    assert "メンテナンス中（毎週月曜日 0:00〜7:00）" in text and "7:00に終了" in text and "あと4時間ほど" in text


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


def test_a_named_moment_in_maintenance_names_the_weekly_window() -> None:
    text = describe(jst(2026, 11, 30, 5))
    assert text == "その時間（11月30日(月) 5:00）はメンテナンス時間（毎週月曜日 0:00〜7:00）のため、ログインできません。"


def test_a_named_moment_in_the_new_year_window_names_it() -> None:
    text = describe(jst(2027, 1, 2, 5))
    assert "メンテナンス時間（1月1日 0:00〜1月2日 7:00）のため" in text and "ログインできません" in text


def test_a_named_moment_outside_maintenance_far_from_any_window() -> None:
    assert describe(jst(2026, 12, 2, 8)) == "その時間（12月2日(水) 8:00）はメンテナンス時間外です。"
    assert describe(jst(2026, 11, 30, 23)) == "その時間（11月30日(月) 23:00）はメンテナンス時間外です。"


@pytest.mark.parametrize(
    "moment, near",
    [
        # a window that ended earlier the same day
        (jst(2026, 11, 30, 8), "7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。"),
        (jst(2026, 11, 30, 7), "7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。"),
        (jst(2027, 1, 2, 8), "7:00まではメンテナンス時間（1月1日 0:00〜1月2日 7:00）です。"),
        # a window that begins the same night
        (jst(2026, 11, 29, 22), "ただし、11月30日(月) 0:00からはメンテナンス時間（毎週月曜日 0:00〜7:00）です。"),
        (jst(2026, 12, 31, 23, 30), "ただし、1月1日(金) 0:00からはメンテナンス時間（1月1日 0:00〜1月2日 7:00）です。"),
    ],
)
def test_a_named_moment_outside_also_names_a_window_near_it(moment: datetime, near: str) -> None:
    text = describe(moment)
    assert text.startswith(f"その時間（{format_moment(moment)}）はメンテナンス時間外です。")
    assert text.endswith(near)


def test_an_hour_only_guessed_names_windows_up_to_a_day_away() -> None:
    # 「月曜の夜中」: Tuesday 1:00 ごろ, eighteen hours after Monday's window
    text = describe(jst(2026, 12, 1, 1), approximate=True)
    assert text == (
        "その頃（12月1日(火) 1:00ごろ）はメンテナンス時間外です。"
        "11月30日(月) 7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。"
    )
    assert describe(jst(2026, 12, 1, 1)) == "その時間（12月1日(火) 1:00）はメンテナンス時間外です。"


def test_a_guessed_hour_also_gives_the_days_maintenance_hours() -> None:
    text = describe(jst(2026, 11, 30, 8), approximate=True)
    assert "8:00ごろ" in text and "メンテナンス時間外です" in text and "毎週月曜日 0:00〜7:00" in text


def test_windows_before_and_after_are_both_named() -> None:
    late = Window(jst(2026, 11, 30, 17), jst(2026, 11, 30, 18), "臨時メンテナンス")
    text = describe(jst(2026, 11, 30, 12), extra=(late,))
    assert text == (
        "その時間（11月30日(月) 12:00）はメンテナンス時間外です。"
        "7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。"
        "また、17:00からはメンテナンス時間（11月30日(月) 17:00〜18:00）です。"
    )


@pytest.mark.parametrize(
    "day, expected",
    [
        (jst(2026, 11, 30), "11月30日(月)は0:00〜7:00がメンテナンス時間（毎週月曜日 0:00〜7:00）です。"),
        (jst(2026, 11, 27), "11月27日(金)はメンテナンスのない日です。"),
        (jst(2027, 1, 1), "1月1日(金)は終日メンテナンス時間（1月1日 0:00〜1月2日 7:00）です。"),
        (jst(2027, 1, 2), "1月2日(土)は0:00〜7:00がメンテナンス時間（1月1日 0:00〜1月2日 7:00）です。"),
        (jst(2029, 1, 1), "1月1日(月)は終日メンテナンス時間（1月1日 0:00〜1月2日 7:00）です。"),
        # a day without maintenance, followed at midnight by a window
        (
            jst(2026, 11, 29),
            "11月29日(日)はメンテナンスのない日です。ただし、11月30日(月) 0:00からはメンテナンス時間（毎週月曜日 0:00〜7:00）です。",
        ),
        (
            jst(2026, 12, 31),
            "12月31日(木)はメンテナンスのない日です。ただし、1月1日(金) 0:00からはメンテナンス時間（1月1日 0:00〜1月2日 7:00）です。",
        ),
    ],
)
def test_a_named_day_gives_that_days_maintenance_hours(day: datetime, expected: str) -> None:
    assert describe(day, has_time=False) == expected


def test_a_named_day_lists_extra_windows_too() -> None:
    late = Window(jst(2026, 11, 30, 22), jst(2026, 12, 1, 1), "臨時メンテナンス")
    text = describe(jst(2026, 11, 30), has_time=False, extra=(late,))
    assert text == (
        "11月30日(月)は0:00〜7:00、22:00〜24:00がメンテナンス時間"
        "（毎週月曜日 0:00〜7:00、11月30日(月) 22:00〜12月1日(火) 1:00）です。"
    )


def test_an_extra_window_within_the_day_is_not_named_twice() -> None:
    text = describe(jst(2026, 11, 27), has_time=False, extra=(EMERGENCY,))
    assert text == "11月27日(金)は13:00〜15:00がメンテナンス時間です。"


# --- window names and spans of days ---------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, name",
    [
        (jst(2026, 11, 30, 3), "毎週月曜日 0:00〜7:00"),
        (jst(2027, 1, 1, 3), "1月1日 0:00〜1月2日 7:00"),
        (jst(2029, 1, 1, 3), "1月1日 0:00〜1月2日 7:00"),  # a Monday window inside the New Year one
        (jst(2034, 1, 2, 3), "1月1日 0:00〜1月2日 7:00"),
    ],
)
def test_regular_windows_are_named_by_their_rule(moment: datetime, name: str) -> None:
    window = window_at(moment)
    assert window is not None and window_name(window) == name


def test_other_windows_are_named_by_their_dates() -> None:
    assert window_name(EMERGENCY) == "11月27日(金) 13:00〜15:00"
    sunday_night = Window(jst(2026, 11, 29, 22), jst(2026, 11, 30, 0), "臨時メンテナンス")
    merged = window_at(jst(2026, 11, 30, 3), [sunday_night])
    assert merged is not None and window_name(merged) == "11月29日(日) 22:00〜11月30日(月) 7:00"


def test_windows_between_are_whole_and_merged() -> None:
    windows = windows_between(jst(2027, 12, 29), jst(2028, 1, 4))
    assert [(w.start, w.end) for w in windows] == [
        (jst(2028, 1, 1), jst(2028, 1, 2, 7)),
        (jst(2028, 1, 3), jst(2028, 1, 3, 7)),
    ]


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (  # 正月 2027: only the New Year window
            jst(2027, 1, 1),
            jst(2027, 1, 4),
            "1月1日(金)〜1月3日(日)のうち、1月1日 0:00〜1月2日 7:00はメンテナンス時間のため、ログインできません。"
            "それ以外はメンテナンス時間外です。",
        ),
        (  # 正月 2028: January 3 is a Monday
            jst(2028, 1, 1),
            jst(2028, 1, 4),
            "1月1日(土)〜1月3日(月)のうち、1月1日 0:00〜1月2日 7:00と、1月3日(月) 0:00〜7:00はメンテナンス時間のため、"
            "ログインできません。それ以外はメンテナンス時間外です。",
        ),
        (  # 年末年始 2026–27
            jst(2026, 12, 29),
            jst(2027, 1, 4),
            "12月29日(火)〜1月3日(日)のうち、1月1日 0:00〜1月2日 7:00はメンテナンス時間のため、ログインできません。"
            "それ以外はメンテナンス時間外です。",
        ),
        (  # 年末 2026: none, but the New Year window begins as it ends
            jst(2026, 12, 29),
            jst(2027, 1, 1),
            "12月29日(火)〜12月31日(木)はメンテナンスのない期間です。"
            "ただし、1月1日(金) 0:00からはメンテナンス時間（1月1日 0:00〜1月2日 7:00）です。",
        ),
    ],
)
def test_a_span_of_days_names_each_window_in_it_and_says_the_rest_is_free(
    start: datetime, end: datetime, expected: str
) -> None:
    assert describe_period(start, end) == expected


def test_a_span_covered_whole_says_so() -> None:
    long = Window(jst(2026, 12, 28), jst(2027, 1, 5), "システム更新")
    assert describe_period(jst(2027, 1, 1), jst(2027, 1, 4), (long,)) == (
        "1月1日(金)〜1月3日(日)は全期間がメンテナンス時間（12月28日(月) 0:00〜1月5日(火) 0:00）です。"
    )


def test_windows_on_a_day_are_clipped_to_it() -> None:
    [window] = windows_on(date(2027, 1, 2))
    assert (window.start, window.end) == (jst(2027, 1, 2, 0), jst(2027, 1, 2, 7))


@pytest.mark.parametrize(
    "text, limit",
    [
        (describe_now(window_at(jst(2026, 11, 30, 3)), jst(2026, 11, 30, 3)), 80),
        (describe_now(None, jst(2026, 11, 27, 10)), 80),
        (describe(jst(2026, 11, 30, 5)), 80),
        (describe(jst(2027, 1, 1, 1), approximate=True), 80),
        (describe(jst(2026, 11, 30, 8), approximate=True), 80),
        (describe(jst(2026, 11, 29, 22)), 100),
        (describe(jst(2026, 11, 27), has_time=False), 80),
        (describe(jst(2027, 1, 1), has_time=False), 80),
        (describe(jst(2026, 12, 31), has_time=False), 100),
        (describe_period(jst(2027, 1, 1), jst(2027, 1, 4)), 100),
        (describe_period(jst(2028, 1, 1), jst(2028, 1, 4)), 120),
        (describe_period(jst(2026, 12, 29), jst(2027, 1, 1)), 100),
    ],
    ids=[
        "now-in", "now-out", "named-in", "named-new-year", "named-approximate", "named-near",
        "named-day", "named-new-years-day", "named-day-near", "span", "span-two-windows", "span-none",
    ],
)  # fmt: skip
def test_messages_are_short_polite_japanese(text: str, limit: int) -> None:
    sentences = [re.sub(r"（[^）]*）", "", s) for s in text.split("。") if s]
    assert text.endswith("。")
    assert all(s.endswith(("です", "ます", "ません")) for s in sentences)
    assert len(text) <= limit
    assert not any("a" <= c.lower() <= "z" for c in text)


def test_a_fraud_worry_during_a_window_is_told_the_plain_cause_and_when_to_try_again():
    from business.maintenance import not_fraud_during

    now = jst(2026, 12, 7, 5, 30)
    answer = not_fraud_during(now)
    assert "メンテナンス中" in answer and "7:00" in answer and "0120-24-0365" in answer
