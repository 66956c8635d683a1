"""What moment a customer means when they name one in Japanese."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.clock import JST
from business.japanese_time import (
    NamedMoment,
    corrects_a_time,
    find_time_span,
    is_past_tense,
    parse_every_when,
    parse_when,
)

# Friday 27 November 2026, 10:00 in Japan.
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=JST)
MONDAY_NOW = datetime(2026, 11, 30, 10, 0, tzinfo=JST)
SUNDAY_2PM = datetime(2026, 11, 29, 14, 0, tzinfo=JST)
TUESDAY_2PM = datetime(2026, 12, 1, 14, 0, tzinfo=JST)


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


def named(text: str, now: datetime = NOW, past: Optional[bool] = None) -> NamedMoment:
    result = parse_when(text, now, past=past)
    assert result is not None, f"{text!r} named nothing"
    return result


def past(text: str, now: datetime = NOW) -> NamedMoment:
    """As said in a message in the past tense (「…にログインできなかった」)."""
    return named(text, now, past=True)


@pytest.mark.parametrize(
    "text, moment",
    [
        # ja-timex examples from the brief; a bare weekday is the next one (Friday 10:00 now)
        ("月曜の朝5時", jst(2026, 11, 30, 5)),
        ("昨日の夜11時", jst(2026, 11, 26, 23)),
        # weekdays: the next such moment, today included while it is still ahead
        ("月曜日の5時", jst(2026, 11, 30, 5)),
        ("金曜の9時", jst(2026, 12, 4, 9)),  # today 9:00 has passed
        ("金曜の11時", jst(2026, 11, 27, 11)),  # today 11:00 is still ahead
        ("土曜の23時", jst(2026, 11, 28, 23)),
        ("次の月曜日の午前3時", jst(2026, 11, 30, 3)),
        ("来週の月曜の朝5時", jst(2026, 11, 30, 5)),
        ("先週の月曜の朝5時", jst(2026, 11, 16, 5)),
        ("今度の金曜の午後3時", jst(2026, 12, 4, 15)),
        ("この前の金曜の午後3時", jst(2026, 11, 20, 15)),
        # parts of the day with a clock, no day: the next such time
        ("午後3時", jst(2026, 11, 27, 15)),
        ("午前5時半", jst(2026, 11, 28, 5, 30)),
        ("午前12時", jst(2026, 11, 28, 0)),
        ("午後0時", jst(2026, 11, 27, 12)),
        ("夜11時", jst(2026, 11, 27, 23)),
        ("夜の11時", jst(2026, 11, 27, 23)),
        ("夜2時", jst(2026, 11, 28, 2)),
        ("晩の8時", jst(2026, 11, 27, 20)),
        ("深夜2時", jst(2026, 11, 28, 2)),
        ("深夜12時", jst(2026, 11, 28, 0)),
        ("深夜零時", jst(2026, 11, 28, 0)),
        ("深夜11時", jst(2026, 11, 27, 23)),
        ("夜中の3時", jst(2026, 11, 28, 3)),
        ("昼1時", jst(2026, 11, 27, 13)),
        ("夕方6時", jst(2026, 11, 27, 18)),
        ("朝5時", jst(2026, 11, 28, 5)),
        ("今朝5時", jst(2026, 11, 27, 5)),
        ("今夜11時", jst(2026, 11, 27, 23)),
        ("ゆうべ11時", jst(2026, 11, 26, 23)),
        # minutes, 半, notations
        ("10時15分", jst(2026, 11, 27, 10, 15)),
        ("3時半", jst(2026, 11, 28, 3, 30)),
        ("6時59分59秒", jst(2026, 11, 28, 6, 59, 59)),
        ("5:30", jst(2026, 11, 28, 5, 30)),
        # kanji numerals and full-width digits
        ("五時", jst(2026, 11, 28, 5)),
        ("５時", jst(2026, 11, 28, 5)),
        ("二十三時五分", jst(2026, 11, 27, 23, 5)),
        ("十二月三十一日の夜十一時半", jst(2026, 12, 31, 23, 30)),
        ("１月２日の６時５９分", jst(2027, 1, 2, 6, 59)),
        # relative days
        ("今日の14時", jst(2026, 11, 27, 14)),
        ("本日14時", jst(2026, 11, 27, 14)),
        ("今日の7時", jst(2026, 11, 27, 7)),  # a named day keeps its clock even when it has passed
        ("明日の9時", jst(2026, 11, 28, 9)),
        ("明日の朝6時", jst(2026, 11, 28, 6)),
        ("あしたの朝6時", jst(2026, 11, 28, 6)),
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
        ("今夜12時", jst(2026, 11, 28, 0)),
        ("今夜0時", jst(2026, 11, 28, 0)),
        ("今晩0時", jst(2026, 11, 28, 0)),
        # small hours named with a night word after a day: the night after that day
        ("日曜の深夜2時", jst(2026, 11, 30, 2)),
        ("日曜の夜中の3時", jst(2026, 11, 30, 3)),
        ("日曜の夜2時", jst(2026, 11, 30, 2)),
        ("月曜の深夜0時", jst(2026, 12, 1, 0)),
        ("大晦日の深夜2時", jst(2027, 1, 1, 2)),
        ("12月31日の夜中の1時", jst(2027, 1, 1, 1)),
        ("昨夜2時", jst(2026, 11, 27, 2)),
        # …but not with 午前 or a bare clock
        ("日曜の午前2時", jst(2026, 11, 29, 2)),
        ("日曜の2時", jst(2026, 11, 29, 2)),
        ("日曜の深夜11時", jst(2026, 11, 29, 23)),
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
        ("月曜の朝", jst(2026, 11, 30, 8)),
        ("今朝", jst(2026, 11, 27, 8)),
        ("早朝", jst(2026, 11, 28, 6)),
        ("午前中", jst(2026, 11, 27, 10)),
        ("1月1日の昼", jst(2027, 1, 1, 12)),
        ("今日の午後", jst(2026, 11, 27, 15)),
        ("夕方", jst(2026, 11, 27, 17)),
        ("一昨日の夜", jst(2026, 11, 25, 20)),
        ("今夜", jst(2026, 11, 27, 20)),
        ("昨夜", jst(2026, 11, 26, 20)),
        ("夜中", jst(2026, 11, 28, 1)),
        # 深夜/夜中 after a day: the small hours after it (FACTS.md's wording notes)
        ("日曜の深夜", jst(2026, 11, 30, 1)),
        ("日曜の夜中", jst(2026, 11, 30, 1)),
        ("日曜日の深夜", jst(2026, 11, 30, 1)),
        ("月曜の夜中", jst(2026, 12, 1, 1)),
        ("大晦日の夜中", jst(2027, 1, 1, 1)),
        ("大晦日の深夜", jst(2027, 1, 1, 1)),
        ("今日の深夜", jst(2026, 11, 28, 1)),
        ("大晦日の夜", jst(2026, 12, 31, 20)),
        ("元日の朝", jst(2027, 1, 1, 8)),
        ("月曜未明", jst(2026, 11, 30, 3)),
    ],
)
def test_a_part_of_day_alone_gives_a_typical_hour_marked_approximate(text: str, moment: datetime) -> None:
    assert named(text) == NamedMoment(moment, has_time=True, approximate=True)


def test_noon_by_name_is_exact() -> None:
    assert named("正午") == NamedMoment(jst(2026, 11, 27, 12), has_time=True, approximate=False)


@pytest.mark.parametrize(
    "text, day",
    [
        ("月曜日", jst(2026, 11, 30)),
        ("金曜", jst(2026, 11, 27)),
        ("木曜", jst(2026, 12, 3)),
        ("来週の月曜", jst(2026, 11, 30)),
        ("今日", jst(2026, 11, 27)),
        ("昨日", jst(2026, 11, 26)),
        ("明後日", jst(2026, 11, 29)),
        ("１１月３０日", jst(2026, 11, 30)),
        ("元日", jst(2027, 1, 1)),
        ("元旦", jst(2027, 1, 1)),
        ("大晦日", jst(2026, 12, 31)),
        ("今年の1月1日", jst(2026, 1, 1)),
        ("去年の12月31日", jst(2025, 12, 31)),
    ],
)
def test_a_day_without_a_time_says_so_and_gives_midnight(text: str, day: datetime) -> None:
    assert named(text) == NamedMoment(day, has_time=False)


@pytest.mark.parametrize("text", ["二、1月1日はログインできますか", "以下二点。\n一、機能について。\n二、1月1日は？", "②1月1日", "2) 1月1日"])
def test_the_number_of_a_listed_question_is_not_part_of_its_date(text: str) -> None:
    assert named(text) == NamedMoment(jst(2027, 1, 1), has_time=False)


def test_a_bare_weekday_that_is_today_means_today_while_the_time_is_ahead() -> None:
    assert named("月曜の15時", MONDAY_NOW).moment == jst(2026, 11, 30, 15)
    assert named("月曜", MONDAY_NOW).moment == jst(2026, 11, 30)
    assert named("月曜の5時", MONDAY_NOW).moment == jst(2026, 12, 7, 5)  # 5:00 today has passed


def test_sunday_night_asked_after_midnight_is_the_night_under_way() -> None:
    assert named("日曜の深夜", jst(2026, 11, 30, 0, 30)).moment == jst(2026, 11, 30, 1)


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


def test_a_clock_time_alone_is_the_next_such_time() -> None:
    assert named("18時", jst(2026, 11, 27, 9)).moment == jst(2026, 11, 27, 18)
    assert named("朝5時なら入れる？", jst(2026, 11, 27, 14)).moment == jst(2026, 11, 28, 5)
    assert named("朝5時なら入れる？", SUNDAY_2PM).moment == jst(2026, 11, 30, 5)
    assert named("14時", jst(2026, 11, 27, 14)).moment == jst(2026, 11, 27, 14)  # now itself is not past


# --- tense -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, now, moment",
    [
        ("朝5時に入れなかった", jst(2026, 11, 27, 14), jst(2026, 11, 27, 5)),
        ("朝5時にログインできませんでした", jst(2026, 11, 27, 4), jst(2026, 11, 26, 5)),
        ("18時はメンテナンスだった？", jst(2026, 11, 27, 9), jst(2026, 11, 26, 18)),
        ("月曜の朝5時にログインできなかった", TUESDAY_2PM, jst(2026, 11, 30, 5)),
        ("月曜の朝5時にログインできなかった", NOW, jst(2026, 11, 23, 5)),
        ("金曜の9時に入れませんでした", NOW, jst(2026, 11, 27, 9)),  # today 9:00, already past
        ("日曜の深夜に入れなかった", jst(2026, 12, 2, 10), jst(2026, 11, 30, 1)),
        ("日曜の夜中にログインしたけどだめだった", jst(2026, 11, 30, 3), jst(2026, 11, 30, 1)),
        ("月曜の夜中に入れなかった", jst(2026, 12, 2, 10), jst(2026, 12, 1, 1)),
        ("夜中にログインできなかった", jst(2026, 11, 27, 14), jst(2026, 11, 27, 1)),
        ("大晦日の夜中にログインできなかった", jst(2027, 1, 5, 10), jst(2027, 1, 1, 1)),
        ("昨夜0時に入れませんでした", jst(2026, 11, 28, 9), jst(2026, 11, 28, 0)),  # the midnight ending last night
    ],
)
def test_in_the_past_tense_the_latest_such_moment(text: str, now: datetime, moment: datetime) -> None:
    assert named(text, now).moment == moment


@pytest.mark.parametrize(
    "text, now, day",
    [
        ("月曜にログインできなかった", NOW, jst(2026, 11, 23)),
        ("月曜にログインできなかった", MONDAY_NOW, jst(2026, 11, 30)),
        ("1月1日にログインできませんでした", jst(2026, 11, 27, 10), jst(2026, 1, 1)),
        ("元日はメンテナンスでしたか", jst(2026, 7, 10, 10), jst(2026, 1, 1)),
    ],
)
def test_a_day_in_the_past_tense_is_the_latest_such_day(text: str, now: datetime, day: datetime) -> None:
    assert named(text, now) == NamedMoment(day, has_time=False)


def test_the_tense_of_the_whole_message_can_be_passed_with_the_expression() -> None:
    assert past("月曜の朝5時", TUESDAY_2PM).moment == jst(2026, 11, 30, 5)
    assert named("月曜の朝5時", TUESDAY_2PM, past=False).moment == jst(2026, 12, 7, 5)
    assert named("月曜の朝5時", TUESDAY_2PM).moment == jst(2026, 12, 7, 5)


def test_tense_does_not_move_a_named_day() -> None:
    assert past("明日の朝6時").moment == jst(2026, 11, 28, 6)
    assert past("来週の月曜") == NamedMoment(jst(2026, 11, 30), has_time=False)
    assert past("今日の14時").moment == jst(2026, 11, 27, 14)


@pytest.mark.parametrize(
    "text",
    [
        "月曜の朝5時にログインできなかった",
        "入れなかったです",
        "メンテナンスだった？",
        "ログインできませんでした",
        "昨日試しました",
        "ログインできたのに",
        "エラーが出たけど",
        "ログインしたけどだめ",
        "パスワードを入れた",
        "朝5時に来た",
    ],
)
def test_past_tense_is_recognised(text: str) -> None:
    assert is_past_tense(text)


@pytest.mark.parametrize(
    "text",
    [
        "朝5時なら入れる？",
        "月曜の朝はログインできますか",
        "ログインできない",
        "入れません",
        "ログインしたいです",
        "入れなかったらどうすればいいですか",
        "ログインできたら教えて",
        "あしたの朝6時は使えますか",
        "教えていただけますか",
        "よろしくお願いいたします",
        "わかりました。朝5時は？",
        "メンテナンスのため",
        # After something still to come: 「店を閉めたあと」「仕事が終わった後」.
        "お店閉めたあと、夜中の3時くらいにログインしようと思っとる",
        "仕事終わった後に入れる？",
    ],
)
def test_other_messages_are_not_past(text: str) -> None:
    assert not is_past_tense(text)


# --- named spans of days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("正月", jst(2027, 1, 1), jst(2027, 1, 4)),
        ("お正月", jst(2027, 1, 1), jst(2027, 1, 4)),
        ("正月三が日", jst(2027, 1, 1), jst(2027, 1, 4)),
        ("三が日", jst(2027, 1, 1), jst(2027, 1, 4)),
        ("年始", jst(2027, 1, 1), jst(2027, 1, 4)),
        ("年末", jst(2026, 12, 29), jst(2027, 1, 1)),
        ("年末年始", jst(2026, 12, 29), jst(2027, 1, 4)),
        ("年末年始はログインできますか", jst(2026, 12, 29), jst(2027, 1, 4)),
    ],
)
def test_a_named_span_gives_its_first_day_and_its_end(text: str, start: datetime, end: datetime) -> None:
    assert named(text) == NamedMoment(start, has_time=False, end=end)


@pytest.mark.parametrize(
    "text, now, start",
    [
        ("正月", jst(2027, 1, 2, 10), jst(2027, 1, 1)),  # under way
        ("年末年始", jst(2027, 1, 3, 10), jst(2026, 12, 29)),  # under way, begun last year
        ("正月", jst(2027, 3, 1, 10), jst(2027, 1, 1)),  # nearest
        ("正月", jst(2027, 9, 1, 10), jst(2028, 1, 1)),  # nearest
        ("正月にログインできなかった", jst(2027, 9, 1, 10), jst(2027, 1, 1)),  # past tense: the latest
    ],
)
def test_a_named_span_is_the_one_under_way_else_the_nearest(text: str, now: datetime, start: datetime) -> None:
    assert named(text, now).moment == start


def test_a_calendar_day_beats_a_span_and_a_clock_does_not_cut_a_span() -> None:
    assert named("お正月の元旦") == NamedMoment(jst(2027, 1, 1), has_time=False)
    assert named("三が日の朝") == NamedMoment(jst(2027, 1, 1), has_time=False, end=jst(2027, 1, 4))


def test_the_days_after_new_year_are_no_span() -> None:
    assert parse_when("正月明け", NOW) is None
    assert parse_when("お正月休み明けに", NOW) is None


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
        ("正月三が日はログインできますか", "正月三が日"),
        ("年末年始のメンテナンスは？", "年末年始"),
        ("大晦日の夜中は使えますか", "大晦日の夜中"),
        ("日曜の深夜はメンテナンスですか", "日曜の深夜"),
        ("今夜0時ならログインできますか", "今夜0時"),
    ],
)
def test_time_span_marks_the_expression_in_the_original_text(text: str, expression: str) -> None:
    span = find_time_span(text)
    assert span is not None
    assert text[span[0] : span[1]] == expression


def test_no_time_span_without_a_time() -> None:
    assert find_time_span("パスワードを忘れました") is None


WEEKDAYS = "月火水木金土日"


@given(
    weekday=st.integers(0, 6), hour=st.integers(0, 23), minute=st.integers(0, 59),
    days=st.integers(0, 20000), now_hour=st.integers(0, 23), said_past=st.booleans(),
)  # fmt: skip
def test_weekday_and_clock_always_name_the_next_or_latest_such_moment(
    weekday: int, hour: int, minute: int, days: int, now_hour: int, said_past: bool
) -> None:
    now = datetime(2000, 1, 1, now_hour, tzinfo=JST) + timedelta(days=days)
    result = named(f"{WEEKDAYS[weekday]}曜日の{hour}時{minute}分", now, past=said_past)
    assert result.moment.weekday() == weekday
    assert (result.moment.hour, result.moment.minute) == (hour, minute)
    gap = (now - result.moment) if said_past else (result.moment - now)
    assert timedelta(0) <= gap < timedelta(days=7)
    assert result.has_time and not result.approximate


@given(
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    now=st.datetimes(min_value=datetime(2000, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(JST)),
    said_past=st.booleans(),
)
def test_a_clock_alone_is_always_within_a_day_of_now_on_the_side_of_the_tense(
    hour: int, minute: int, now: datetime, said_past: bool
) -> None:
    result = named(f"{hour}時{minute}分", now, past=said_past)
    assert (result.moment.hour, result.moment.minute) == (hour, minute)
    gap = (now - result.moment) if said_past else (result.moment - now)
    assert timedelta(0) <= gap < timedelta(days=1)


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


@pytest.mark.parametrize(
    "text, when, moment",
    [
        ("にちようの深夜2じごろって ろぐいんできる？", "にちようの深夜2じ", jst(2026, 12, 7, 2)),
        ("あしたのあさ6じ はいれる？", "あしたのあさ6じ", jst(2026, 12, 2, 6)),
        ("がんじつ ろぐいんできる？", "がんじつ", jst(2027, 1, 1)),
        ("1/2の朝9じなら いける？", "1/2の朝9じ", jst(2027, 1, 2, 9)),
        ("3がつ5にち ろぐいんできる？", "3がつ5にち", jst(2027, 3, 5)),
        ("1がつ 1にちの 10じ15ふんは？", "1がつ 1にちの 10じ15ふん", jst(2027, 1, 1, 10, 15)),
    ],
)
def test_time_words_typed_in_kana_are_read_and_spanned_as_typed(text, when, moment):
    start, end = find_time_span(text)
    assert text[start:end] == when
    assert parse_when(when, TUESDAY_2PM, past=False).moment == moment


def _every_message_the_project_holds() -> set[str]:
    """NLU examples (annotations removed), held-out messages and every line the eval customers type."""
    import re
    from pathlib import Path

    import yaml

    root = Path(__file__).resolve().parents[2]
    texts: set[str] = set()
    for path in [*root.glob("data/nlu/*.yml"), *root.glob("tests/nlu/*.yml")]:
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in (item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.add(re.sub(r"\[([^\]]*)\][({][^)}]*[)}]", r"\1", line.strip()[2:]))
    for path in root.glob("tests/eval/*.yml"):
        for case in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("cases") or []:
            texts.update(turn.get("say") or turn.get("press") for turn in case.get("turns") or [])
            texts.update(str(answer) for answer in (case.get("answers") or {}).values())
    return {text for text in texts if text}


def test_text_the_time_prefilter_skips_is_text_the_parser_finds_no_time_in() -> None:
    """The prefilter only saves work: over every message the project holds, ja-timex itself reads no
    time in any text it lets pass unparsed."""
    from business.japanese_time import MAY_NAME_A_TIME, _parser, _readable

    messages = _every_message_the_project_holds()
    skipped = [text for text in map(_readable, messages) if not MAY_NAME_A_TIME.search(text)]
    assert len(messages) > 3000 and len(skipped) > len(messages) / 3  # the corpus is big, the saving real
    assert [text for text in skipped if _parser().parse(text.replace("零", "〇"))] == []


def test_time_words_in_katakana_are_read_like_hiragana() -> None:
    now = datetime(2026, 12, 6, 20, 0, tzinfo=JST)  # a Sunday evening
    named = parse_when("アシタ ゲツヨウ アサ 6ジ", now)
    assert named is not None and named.moment == datetime(2026, 12, 7, 6, 0, tzinfo=JST)


# --- clocks and parts of the day typed in kana ------------------------------------------------------


@pytest.mark.parametrize(
    "text, moment",
    [
        # NOW is Friday 27 November 2026, 10:00; a clock without a day is the next such time
        ("けさろくじごろ", jst(2026, 11, 27, 6)),
        ("よなかのにじごろ", jst(2026, 11, 28, 2)),
        ("きょうのうちのじゅういちじ", jst(2026, 11, 27, 11)),
        ("あさしちじ", jst(2026, 11, 28, 7)),
        ("ななじ", jst(2026, 11, 28, 7)),
        ("ごぜんれいじ", jst(2026, 11, 28, 0)),
        ("れいじ", jst(2026, 11, 28, 0)),
        ("ごごさんじはん", jst(2026, 11, 27, 15, 30)),
        ("よじ", jst(2026, 11, 28, 4)),
        ("くじ", jst(2026, 11, 28, 9)),
        ("じゅうにじ", jst(2026, 11, 27, 12)),
        ("にじゅうさんじ", jst(2026, 11, 27, 23)),
        ("にじゅうよじ", jst(2026, 11, 28, 0)),
        ("じゅうじはん", jst(2026, 11, 27, 10, 30)),
        ("ゆうがたろくじ", jst(2026, 11, 27, 18)),
        ("こんばんくじ", jst(2026, 11, 27, 21)),
        ("ゆうべじゅういちじ", jst(2026, 11, 26, 23)),
        ("きのうのよるじゅういちじ", jst(2026, 11, 26, 23)),
        ("あしたのあさくじ", jst(2026, 11, 28, 9)),
        ("にちようのよなかのにじ", jst(2026, 11, 30, 2)),  # the night after Sunday, as with kanji
        # minutes: Nふん, Nぷん, the clipped っぷん, and digits
        ("ごじさんじゅっぷん", jst(2026, 11, 28, 5, 30)),
        ("ごじいっぷん", jst(2026, 11, 28, 5, 1)),
        ("ろくじろっぷん", jst(2026, 11, 28, 6, 6)),
        ("はちじはっぷん", jst(2026, 11, 28, 8, 8)),
        ("くじじっぷん", jst(2026, 11, 28, 9, 10)),
        ("じゅういちじよんじゅうごふん", jst(2026, 11, 27, 11, 45)),
        ("ろくじ30ぷん", jst(2026, 11, 28, 6, 30)),
        # kana and digits or kanji mixed, and katakana
        ("6じ", jst(2026, 11, 28, 6)),
        ("6じはん", jst(2026, 11, 28, 6, 30)),
        ("ろく時", jst(2026, 11, 28, 6)),
        ("ろく時半", jst(2026, 11, 28, 6, 30)),
        ("ケサ ロクジゴロ", jst(2026, 11, 27, 6)),
    ],
)
def test_a_clock_typed_in_kana_is_read_as_the_clock_it_says(text: str, moment: datetime) -> None:
    assert named(text) == NamedMoment(moment, has_time=True)


@pytest.mark.parametrize(
    "text, moment",
    [
        ("けさ", jst(2026, 11, 27, 8)),
        ("ゆうがた", jst(2026, 11, 27, 17)),
        ("ゆうべ", jst(2026, 11, 26, 20)),
        ("こんばん", jst(2026, 11, 27, 20)),
        ("あしたのあさ", jst(2026, 11, 28, 8)),
        ("きのうのよる", jst(2026, 11, 26, 20)),
        ("今日はあさからだめ", jst(2026, 11, 27, 8)),
    ],
)
def test_a_part_of_day_typed_in_kana_gives_its_typical_hour(text: str, moment: datetime) -> None:
    assert named(text) == NamedMoment(moment, has_time=True, approximate=True)


@pytest.mark.parametrize(
    "text, now, moment",
    [
        ("けさろくじにろぐいんできなかった", jst(2026, 11, 27, 14), jst(2026, 11, 27, 6)),
        ("よなかのにじごろはいれなかった", NOW, jst(2026, 11, 27, 2)),
        ("くじにためしたけどだめだった", NOW, jst(2026, 11, 27, 9)),
    ],
)
def test_a_kana_clock_in_the_past_tense_is_the_latest_such_moment(text: str, now: datetime, moment: datetime) -> None:
    assert named(text, now).moment == moment


@pytest.mark.parametrize(
    "text",
    [
        # じ inside ordinary words
        "かんじがよめない", "ろじうら", "ぶじにとどきました", "いじがわるい", "じかんがない", "もじがきえる",
        "がめんがにじむ", "しじにしたがいます", "さんじょうします", "くじょうがあります", "もくじはどこ",
        "たからくじがあたった", "おみくじ", "ごじたくにおくります", "ごじゆうにどうぞ", "きゅうじつはやすみ",
        "ごじつれんらくします", "いちじてきにろっくされた", "よじのぼる",
        # counts of hours and minutes, and numbers that are not clocks
        "にじかんまえからだめ", "2じかんまえから", "ろく時間まえ", "さんじゅっぷんまってる", "ごじっぷん", "ごじゅうまんかりたい",
        "さんじゅうじ", "いちにちじゅうだめ",
        # part-of-day words inside other words
        "こんばんは", "こんばんわ、ろぐいんできません", "しんさをうけさせてください", "おかあさんのかわりです",
        "きかいがかってにかきよると？", "ばあいによる",
    ],
)  # fmt: skip
def test_kana_that_only_looks_like_a_time_names_none(text: str) -> None:
    assert parse_when(text, NOW) is None
    assert find_time_span(text) is None


@pytest.mark.parametrize(
    "text, expression",
    [
        ("けさろくじごろからはいれません", "けさろくじ"),
        ("よなかのにじごろ ろぐいんできる？", "よなかのにじ"),
        ("ごごさんじはんにためした", "ごごさんじはん"),
        ("あしたのごじさんじゅっぷんまでに", "あしたのごじさんじゅっぷん"),
        ("きょうのうちのじゅういちじには", "きょうのうちのじゅういちじ"),
        ("ゆうがたにはいれますか", "ゆうがた"),
        ("ろく時半ごろ", "ろく時半"),
    ],
)
def test_a_kana_clock_is_spanned_as_typed(text: str, expression: str) -> None:
    span = find_time_span(text)
    assert span is not None
    assert text[span[0] : span[1]] == expression


@given(text=st.text(alphabet="いちにさんよごろくななしはきゅうじゅうれいぜろふんぷっけゆがたべこばあるの時分半 、0123456789", max_size=30))
def test_reading_kana_clocks_keeps_every_position_of_the_typed_text(text: str) -> None:
    from business.japanese_time import _readable

    assert len(_readable(text)) == len(text)
    span = find_time_span(text)
    assert span is None or 0 <= span[0] < span[1] <= len(text)


def test_noon_in_katakana_is_the_typical_noon_and_a_nap_is_no_time() -> None:
    named = parse_when("ナラ  アシタ ノ  ヒル ハ", jst(2026, 12, 31, 20))
    assert named is not None and named.moment == jst(2027, 1, 1, 12) and named.approximate
    assert parse_when("ひるねしてた", jst(2026, 12, 31, 20)) is None


def test_a_time_corrected_in_the_same_message_is_the_new_one() -> None:
    now = jst(2026, 12, 8, 14)
    named = parse_when("あー違う違う、月曜じゃなかったわ、火曜の朝5時だがや。ほんならどうだね？", now)
    assert named is not None and named.moment.weekday() == 1 and named.moment.hour == 5
    named = parse_when("元日ではなく1月4日の朝6時なら大丈夫ですか？", now)
    assert named is not None and named.moment == jst(2027, 1, 4, 6)
    assert not is_past_tense("月曜じゃなかったわ、火曜の朝5時だがや")


def test_a_day_of_the_month_with_a_time_of_that_day_is_the_next_such_day() -> None:
    named = parse_when("まじか じゃ2日の朝イチは？", jst(2026, 12, 31, 22))
    assert named is not None and named.moment.date() == jst(2027, 1, 2).date() and named.approximate
    named = parse_when("2日の朝に入れなかった", jst(2026, 12, 31, 22))
    assert named is not None and named.moment.date() == jst(2026, 12, 2).date()
    assert parse_when("3日間", jst(2026, 12, 31, 22)) is None  # a number of days
    assert parse_when("1日", jst(2026, 12, 31, 22)) is None  # a day of the month alone


def test_a_time_typed_in_romaji_is_read_like_kana() -> None:
    named = parse_when("ashita asa 6ji ni login shitai desu. dekimasu ka?", jst(2026, 12, 13, 21))
    assert named is not None and named.moment == jst(2026, 12, 14, 6)
    assert parse_when("login ID wasuremashita", jst(2026, 12, 13, 21)) is None


def test_a_time_taken_back_and_restated_is_still_ahead() -> None:
    text = "失礼しました、23時半ではなく0時半でした（日付が変わってすぐです）。"
    assert not is_past_tense(text)
    named = parse_when(text, jst(2026, 12, 6, 14))
    assert named is not None and named.moment == jst(2026, 12, 7, 0, 30)


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        # Friday 10:00: tonight's small hours are Saturday's.
        ("こんやの夜中に入れますか", jst(2026, 11, 28, 1)),
        ("今晩の夜中", jst(2026, 11, 28, 1)),
        # Midnight after the day named.
        ("日曜日の夜、日付が変わってすぐのころに入れますか", jst(2026, 11, 30, 0)),
        ("日付が変わる頃にログインできますか", jst(2026, 11, 28, 0)),
    ],
)
def test_the_small_hours_of_tonight_and_the_date_changing(text: str, moment: datetime) -> None:
    assert named(text, NOW).moment == moment


@pytest.mark.parametrize(
    "text", ["おはようございます。朝早くにすみません。ログインできません", "夜分遅くに失礼します、ログインできません"]
)
def test_an_apology_for_the_hour_of_writing_names_no_time(text: str) -> None:
    assert parse_when(text, NOW) is None


def test_early_in_the_morning_is_before_seven_and_a_kansai_correction_restates_the_time() -> None:
    assert named("月曜の朝早く", NOW).moment == jst(2026, 11, 30, 6)
    assert corrects_a_time("8時やのうて6時半ごろやったんよ")


def test_new_year_words_in_kana_or_romaji_and_a_comma_between_night_and_clock() -> None:
    now = datetime(2026, 12, 30, 15, 0, tzinfo=JST)
    for text in ("さんがにちってログインできる？", "sanganichi tte login dekiru?"):
        named = parse_when(text, now)
        assert named is not None and named.moment == jst(2027, 1, 1, 0, 0) and named.end == jst(2027, 1, 4, 0, 0)
    named = parse_when("大晦日の夜中、1時ごろならログインできる？", datetime(2026, 12, 31, 18, 0, tzinfo=JST))
    assert named is not None and named.moment == datetime(2027, 1, 1, 1, 0, tzinfo=JST)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("ほんなら4日の朝6時ごろはどうでしょう。朝は早いもんで", [datetime(2026, 12, 4, 6, 0, tzinfo=JST)]),
        ("月曜の朝は？ 夜は寝てるんで", [datetime(2026, 11, 30, 8, 0, tzinfo=JST)]),
    ],
)
def test_a_part_of_the_day_named_in_passing_after_a_time_asks_about_no_other_time(text, asked):
    assert [named.moment for named in parse_every_when(text, NOW)] == asked


def test_a_second_time_asked_about_is_read_too():
    moments = [named.moment for named in parse_every_when("月曜の朝は入れる？それと火曜の夜はどう？", NOW)]
    assert len(moments) == 2 and moments[0].day == 30 and moments[1].day == 1


def test_the_date_changing_after_new_years_eve_written_in_kana_is_midnight_of_new_years_day():
    named = parse_when("大みそか 年越しそば 食べて 日付が かわってから ちっと ログイン しよう思うだけんど、入れるけ？", datetime(2026, 12, 31, 19, 0, tzinfo=JST))
    assert named is not None and named.moment == datetime(2027, 1, 1, 0, 0, tzinfo=JST)


@pytest.mark.parametrize("text", ["2日のお昼", "2日のおひる", "2日の昼"])
def test_noon_said_politely_joins_the_day_before_it(text: str) -> None:
    assert named(text) == NamedMoment(jst(2026, 12, 2, 12, 0), has_time=True, approximate=True)


def test_the_second_day_of_the_new_year_after_noon_is_january_2nd_at_13():
    named = parse_when("正月二日の昼過ぎ、一時頃に振込の明細を見たいと存じます", datetime(2026, 12, 8, 14, 0, tzinfo=JST))
    assert named is not None and named.moment == datetime(2027, 1, 2, 13, 0, tzinfo=JST)


def test_a_clock_time_alone_names_no_day_and_keeps_the_day_of_the_time_it_corrects():
    from business.japanese_time import names_a_day, on_the_day_of

    now = datetime(2026, 12, 8, 14, tzinfo=JST)
    assert not names_a_day("6じ") and names_a_day("月曜の朝8時")
    corrected = on_the_day_of(parse_when("6じ", now), parse_when("こんどの げつようび あさの 8じごろ", now))
    assert corrected.moment == datetime(2026, 12, 14, 6, tzinfo=JST)


@pytest.mark.parametrize("text", ["2にち の あさ 9じ は?", "ふつかの朝9時は"])
def test_a_day_of_the_month_in_kana_before_a_time_of_that_day_is_a_date(text):
    now = datetime(2026, 12, 30, 15, tzinfo=JST)
    assert parse_when(text, now).moment == datetime(2027, 1, 2, 9, tzinfo=JST)


def test_a_correction_names_the_time_it_takes_back_only_when_both_times_are_said():
    from business.japanese_time import names_the_time_it_takes_back

    assert names_the_time_it_takes_back("あ ちゃうちゃう。8じやのうて 6じやったわ")
    assert not names_the_time_it_takes_back("あ、違った さっき6時に入れなかったのはなんで？")
