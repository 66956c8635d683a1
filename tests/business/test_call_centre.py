"""When the Promise call centre answers, and what the customer is told about it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.call_centre import (
    LADIES_CALL,
    PHONE_LINES,
    PROMISE_CALL,
    describe_named_time,
    describe_status,
    format_day,
    is_open,
    next_opening,
    phone_lines_in,
)
from business.clock import JST


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


def test_the_numbers() -> None:
    assert PROMISE_CALL == "0120-24-0365"
    assert LADIES_CALL == "0120-86-2634"


def test_friday_closes_at_six_and_opens_again_on_monday() -> None:
    assert is_open(jst(2026, 11, 27, 17, 59))
    assert not is_open(jst(2026, 11, 27, 18, 0))
    assert next_opening(jst(2026, 11, 27, 18, 0)) == jst(2026, 11, 30, 9)


def test_a_weekday_opens_at_nine() -> None:
    assert not is_open(jst(2026, 11, 30, 8, 59, 59))
    assert is_open(jst(2026, 11, 30, 9, 0))
    assert next_opening(jst(2026, 11, 30, 8, 0)) == jst(2026, 11, 30, 9)


def test_at_nine_sharp_the_next_opening_is_the_next_open_day() -> None:
    assert next_opening(jst(2026, 11, 30, 9, 0)) == jst(2026, 12, 1, 9)
    assert next_opening(jst(2026, 11, 28, 9, 0)) == jst(2026, 11, 30, 9)


@pytest.mark.parametrize("moment", [jst(2026, 11, 28, 10), jst(2026, 11, 29, 10)], ids=["saturday", "sunday"])
def test_weekends_are_closed(moment: datetime) -> None:
    assert not is_open(moment)
    assert next_opening(moment) == jst(2026, 11, 30, 9)


def test_a_national_holiday_is_closed() -> None:
    labour_thanksgiving = jst(2026, 11, 23, 10)  # 勤労感謝の日, a Monday
    assert not is_open(labour_thanksgiving)
    assert next_opening(labour_thanksgiving) == jst(2026, 11, 24, 9)


def test_a_substitute_holiday_is_closed() -> None:
    assert not is_open(jst(2026, 5, 6, 10))  # 振替休日 for 憲法記念日


def test_new_years_day_is_closed_and_the_next_opening_is_the_first_weekday() -> None:
    assert not is_open(jst(2027, 1, 1, 10))
    assert next_opening(jst(2026, 12, 31, 18)) == jst(2027, 1, 4, 9)


def test_an_extra_closed_day_is_closed() -> None:
    closed = {date(2026, 11, 30)}
    assert not is_open(jst(2026, 11, 30, 10), closed)
    assert next_opening(jst(2026, 11, 27, 18), closed) == jst(2026, 12, 1, 9)


def test_a_call_from_abroad_is_judged_in_japan_time() -> None:
    assert is_open(datetime(2026, 11, 27, 0, 30, tzinfo=timezone.utc))  # Friday 9:30 JST
    assert not is_open(datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc))  # Friday 18:00 JST


def test_status_while_open() -> None:
    assert describe_status(jst(2026, 11, 27, 17, 59)) == "ただいま受付中です（本日18:00まで）。"


def test_status_after_hours_names_the_next_opening() -> None:
    text = describe_status(jst(2026, 11, 27, 18, 0))
    assert text == "ただいま受付時間外です。次の受付は11月30日(月) 9:00からです。"


def test_status_early_in_the_morning_says_today() -> None:
    assert describe_status(jst(2026, 11, 30, 7, 0)) == "ただいま受付時間外です。次の受付は本日9:00からです。"


@pytest.mark.parametrize(
    "day, text",
    [
        (date(2026, 11, 30), "11月30日(月)"),
        (date(2027, 1, 2), "1月2日(土)"),
        (jst(2026, 11, 29, 23), "11月29日(日)"),
        (datetime(2026, 11, 29, 16, tzinfo=timezone.utc), "11月30日(月)"),
    ],
)
def test_format_day(day: date, text: str) -> None:
    assert format_day(day) == text


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 1), timezones=st.just(JST))
extra_days = st.frozensets(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)), max_size=5)


@given(moments, extra_days)
def test_next_opening_is_an_open_nine_oclock_later_than_now(moment: datetime, closed: frozenset) -> None:
    opening = next_opening(moment, closed)
    assert opening > moment
    assert opening.timetz() == time(9, 0, tzinfo=JST)
    assert is_open(opening, closed)


@given(moments, extra_days)
def test_nothing_is_open_between_a_closed_moment_and_the_next_opening(moment: datetime, closed: frozenset) -> None:
    if is_open(moment, closed):
        return
    opening = next_opening(moment, closed)
    probe = moment.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    while probe < opening:
        assert not is_open(probe, closed)
        probe += timedelta(hours=1)


@given(moments)
def test_open_means_a_weekday_between_nine_and_six(moment: datetime) -> None:
    if is_open(moment):
        assert moment.weekday() < 5
        assert time(9) <= moment.time() < time(18)


@pytest.mark.parametrize(
    "moment, has_time, said",
    [
        (datetime(2026, 12, 9, 12, 30, tzinfo=JST), True, "12月9日(水) 12:30は受付時間内です。"),
        (datetime(2026, 12, 12, 10, 0, tzinfo=JST), True, "12月12日(土) 10:00は受付時間外です。その次の受付は12月14日(月) 9:00からです。"),
        (datetime(2026, 12, 9, 18, 0, tzinfo=JST), True, "12月9日(水) 18:00は受付時間外です。その次の受付は12月10日(木) 9:00からです。"),
        (datetime(2026, 12, 9, tzinfo=JST), False, "12月9日(水)は受付日です（9:00〜18:00）。"),
        (datetime(2026, 12, 13, tzinfo=JST), False, "12月13日(日)はお休みの見込みです。次の受付は12月14日(月) 9:00からです。"),
    ],
)
def test_a_time_the_customer_names_is_inside_or_outside_the_hours(moment, has_time, said):
    assert describe_named_time(moment, has_time) == said


def test_a_reply_that_gives_numbers_yields_the_lines_to_dial_in_its_order() -> None:
    text = f"レディースコール（女性専用）：{LADIES_CALL}\nプロミスコール：{PROMISE_CALL}\nもう一度：{PROMISE_CALL}"
    lines = phone_lines_in(text)
    assert [line.number for line in lines] == [LADIES_CALL, PROMISE_CALL]
    assert [line.dial_uri for line in lines] == ["tel:0120862634", "tel:0120240365"]
    assert [line.call_label for line in lines] == ["レディースコールに電話する", "プロミスコールに電話する"]
    assert all(len(line.call_label) <= 20 for line in PHONE_LINES)


def test_a_reply_without_the_call_centres_numbers_dials_nothing() -> None:
    assert phone_lines_in("受付番号「H-20261206-0001」をお伝えください。0120-00-0000") == []
    assert phone_lines_in("") == []
