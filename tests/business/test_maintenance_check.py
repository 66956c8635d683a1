"""The check before the triage: maintenance now, or at the time the customer names.

Each case reads as a specification: what the customer writes and when, the moment (or day, or span) it
resolves to, and the key facts of the answer (inside or not, and which window)."""

from datetime import datetime
from typing import Tuple

import pytest
from dateutil import parser

from business.clock import JST
from business.japanese_time import NamedMoment, parse_every_when, parse_when
from business.maintenance import Window
from business.maintenance_check import (
    SCHEDULE,
    MaintenanceVerdict,
    check_login_time,
    describe_schedule,
    with_time_zone_note,
)

MONDAY_3AM = parser.isoparse("2026-11-30T03:00:00+09:00")
TUESDAY_2PM = parser.isoparse("2026-12-01T14:00:00+09:00")
FRIDAY_2PM = parser.isoparse("2026-11-27T14:00:00+09:00")
SUNDAY_2PM = parser.isoparse("2026-11-29T14:00:00+09:00")
WEDNESDAY_10AM = parser.isoparse("2026-12-02T10:00:00+09:00")

WEEKLY = "毎週月曜日 0:00〜7:00"
NEW_YEAR = "1月1日 0:00〜1月2日 7:00"
INSIDE = "のため、ログインできません。"
OUTSIDE = "はメンテナンス時間外"


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST)


def ask(text: str, now: datetime) -> Tuple[NamedMoment, str, MaintenanceVerdict]:
    named = parse_when(text, now)
    assert named is not None, f"{text!r} named nothing"
    return named, describe_schedule(now, named), check_login_time(now, named)


# --- now ------------------------------------------------------------------------------------------


def test_during_monday_maintenance_login_is_blocked_until_seven():
    verdict = check_login_time(MONDAY_3AM, None)
    assert verdict.blocks_login
    assert "7:00" in verdict.message and "あと4時間ほど" in verdict.message


def test_outside_maintenance_the_triage_goes_on():
    verdict = check_login_time(TUESDAY_2PM, None)
    assert not verdict.blocks_login
    assert "メンテナンス時間外" in verdict.message


def test_an_operator_window_blocks_login():
    extra = [Window(parser.isoparse("2026-12-01T13:00:00+09:00"), parser.isoparse("2026-12-01T15:30:00+09:00"), "臨時メンテナンス")]
    verdict = check_login_time(TUESDAY_2PM, None, extra)
    assert verdict.blocks_login and "15:30" in verdict.message


def test_schedule_answer_names_the_regular_windows_and_the_next_one():
    text = describe_schedule(TUESDAY_2PM, None)
    assert "毎週月曜日 0:00〜7:00" in text and "1月1日 0:00〜1月2日 7:00" in text
    assert "12月7日(月) 0:00〜7:00" in text


# --- named moments --------------------------------------------------------------------------------


def test_a_named_time_inside_a_window():
    verdict = check_login_time(TUESDAY_2PM, parse_when("月曜の朝5時にログインできなかった", TUESDAY_2PM))
    assert verdict.blocks_login
    assert "11月30日(月) 5:00" in verdict.message and WEEKLY in verdict.message


def test_a_named_time_outside_windows_continues_the_triage():
    verdict = check_login_time(TUESDAY_2PM, parse_when("昨日の夜11時", TUESDAY_2PM))
    assert not verdict.blocks_login
    assert "11月30日(月) 23:00" in verdict.message and OUTSIDE in verdict.message


def test_new_year_noon_is_maintenance():
    verdict = check_login_time(TUESDAY_2PM, parse_when("1月1日の昼", TUESDAY_2PM))
    assert verdict.blocks_login and NEW_YEAR in verdict.message


@pytest.mark.parametrize(
    "text, now, moment, window",
    [
        # 深夜/夜中 after Sunday: the small hours of Monday, inside the weekly window
        ("日曜の深夜はログインできますか", FRIDAY_2PM, jst(2026, 11, 30, 1), WEEKLY),
        ("日曜の夜中は使えますか", FRIDAY_2PM, jst(2026, 11, 30, 1), WEEKLY),
        # 大晦日の夜中: January 1, inside the New Year window
        ("大晦日の夜中は使えますか", FRIDAY_2PM, jst(2027, 1, 1, 1), NEW_YEAR),
        # a clock without a day: the next such time
        ("明日の朝6時はログインできますか", SUNDAY_2PM, jst(2026, 11, 30, 6), WEEKLY),
        ("今夜0時ならログインできますか", SUNDAY_2PM, jst(2026, 11, 30, 0), WEEKLY),
        ("今夜12時は使えますか", SUNDAY_2PM, jst(2026, 11, 30, 0), WEEKLY),
        ("朝5時なら入れる？", SUNDAY_2PM, jst(2026, 11, 30, 5), WEEKLY),
        ("元日の朝は使えますか", FRIDAY_2PM, jst(2027, 1, 1, 8), NEW_YEAR),
        # past tense: the latest such time
        ("月曜の朝5時にログインできなかった", TUESDAY_2PM, jst(2026, 11, 30, 5), WEEKLY),
        ("朝5時に入れなかった", parser.isoparse("2026-11-30T14:00:00+09:00"), jst(2026, 11, 30, 5), WEEKLY),
        ("日曜の深夜にログインできませんでした", WEDNESDAY_10AM, jst(2026, 11, 30, 1), WEEKLY),
        ("大晦日の夜中に入れなかった", jst(2027, 1, 5, 10), jst(2027, 1, 1, 1), NEW_YEAR),
        ("1月2日の朝6時はメンテナンスでしたか", jst(2027, 1, 5, 10), jst(2027, 1, 2, 6), NEW_YEAR),
    ],
)
def test_a_named_moment_inside_a_window_says_so_and_names_it(text: str, now: datetime, moment: datetime, window: str):
    named, schedule, verdict = ask(text, now)
    assert named.moment == moment
    for answer in (schedule, verdict.message):
        assert f"メンテナンス時間（{window}）{INSIDE}" in answer
    assert verdict.blocks_login
    assert verdict.message.endswith("メンテナンスが終わってから、もう一度お試しください。")


@pytest.mark.parametrize(
    "text, now, moment, near",
    [
        # outside, but a window begins the same night
        ("大晦日の夜は使えますか", FRIDAY_2PM, jst(2026, 12, 31, 20), f"1月1日(金) 0:00からはメンテナンス時間（{NEW_YEAR}）です。"),
        ("日曜の22時は使えますか", FRIDAY_2PM, jst(2026, 11, 29, 22), f"11月30日(月) 0:00からはメンテナンス時間（{WEEKLY}）です。"),
        # outside, but a window ended earlier that morning (or the day before, for a guessed hour)
        ("月曜の朝はログインできますか", FRIDAY_2PM, jst(2026, 11, 30, 8), f"7:00まではメンテナンス時間（{WEEKLY}）です。"),
        ("月曜の夜中は使えますか", FRIDAY_2PM, jst(2026, 12, 1, 1), f"11月30日(月) 7:00まではメンテナンス時間（{WEEKLY}）です。"),
        ("1月2日の8時は使えますか", FRIDAY_2PM, jst(2027, 1, 2, 8), f"7:00まではメンテナンス時間（{NEW_YEAR}）です。"),
        ("月曜の朝8時にログインできなかった", TUESDAY_2PM, jst(2026, 11, 30, 8), f"7:00まではメンテナンス時間（{WEEKLY}）です。"),
    ],
)
def test_a_named_moment_outside_says_so_and_names_the_window_near_it(
    text: str, now: datetime, moment: datetime, near: str
):
    named, schedule, verdict = ask(text, now)
    assert named.moment == moment
    for answer in (schedule, verdict.message):
        assert OUTSIDE in answer and near in answer
        assert INSIDE not in answer
    assert not verdict.blocks_login


@pytest.mark.parametrize(
    "text, now, moment",
    [
        ("明日の朝6時はログインできますか", FRIDAY_2PM, jst(2026, 11, 28, 6)),
        ("今夜0時ならログインできますか", FRIDAY_2PM, jst(2026, 11, 28, 0)),
        ("朝5時なら入れる？", TUESDAY_2PM, jst(2026, 12, 2, 5)),
        ("朝5時に入れなかった", TUESDAY_2PM, jst(2026, 12, 1, 5)),
    ],
)
def test_a_named_moment_far_from_any_window_is_outside_and_the_schedule_follows(text: str, now: datetime, moment: datetime):
    named, schedule, verdict = ask(text, now)
    assert named.moment == moment
    assert OUTSIDE in schedule and schedule.endswith("\n" + SCHEDULE) and "ただし" not in schedule
    assert ("ログインできます" in schedule) == (moment > now)  # asked ahead: said to be a time to log in
    assert not verdict.blocks_login and verdict.message.endswith("ほかの原因を一緒に確認しましょう。")


# --- named days and spans -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, now, day",
    [
        ("元日はログインできますか", FRIDAY_2PM, jst(2027, 1, 1)),
        ("元旦は使えますか", FRIDAY_2PM, jst(2027, 1, 1)),
        ("元日にログインできませんでした", jst(2027, 6, 1, 10), jst(2027, 1, 1)),
    ],
)
def test_new_years_day_is_maintenance_all_day(text: str, now: datetime, day: datetime):
    named, schedule, verdict = ask(text, now)
    assert named == NamedMoment(day, has_time=False)
    assert f"は終日メンテナンス時間（{NEW_YEAR}）です。" in schedule
    assert verdict.blocks_login and NEW_YEAR in verdict.message


@pytest.mark.parametrize(
    "text, now, start, end",
    [
        ("正月はログインできますか", FRIDAY_2PM, jst(2027, 1, 1), jst(2027, 1, 4)),
        ("お正月は使えますか", FRIDAY_2PM, jst(2027, 1, 1), jst(2027, 1, 4)),
        ("正月三が日は使えますか", FRIDAY_2PM, jst(2027, 1, 1), jst(2027, 1, 4)),
        ("三が日はメンテナンスありますか", FRIDAY_2PM, jst(2027, 1, 1), jst(2027, 1, 4)),
        ("年末年始はログインできますか", FRIDAY_2PM, jst(2026, 12, 29), jst(2027, 1, 4)),
        ("正月にログインできなかった", jst(2027, 3, 1, 10), jst(2027, 1, 1), jst(2027, 1, 4)),
    ],
)
def test_new_year_spans_say_which_part_is_maintenance_and_that_the_rest_is_not(
    text: str, now: datetime, start: datetime, end: datetime
):
    named, schedule, verdict = ask(text, now)
    assert named == NamedMoment(start, has_time=False, end=end)
    for answer in (schedule, verdict.message):
        assert f"{NEW_YEAR}はメンテナンス時間のため、ログインできません。" in answer
        assert "それ以外はメンテナンス時間外です。" in answer
    assert not verdict.blocks_login  # part of the span only: the triage goes on
    assert "メンテナンス時間以外でログインできない場合は" in verdict.message


def test_a_new_year_span_with_a_monday_names_that_window_too():
    named, schedule, _ = ask("正月は使えますか", jst(2027, 11, 27, 14))
    assert named == NamedMoment(jst(2028, 1, 1), has_time=False, end=jst(2028, 1, 4))
    assert f"{NEW_YEAR}と、1月3日(月) 0:00〜7:00はメンテナンス時間のため" in schedule


def test_next_monday_gives_the_weekly_window():
    named, schedule, verdict = ask("来週の月曜はログインできますか", FRIDAY_2PM)
    assert named == NamedMoment(jst(2026, 11, 30), has_time=False)
    assert schedule == f"11月30日(月)は0:00〜7:00がメンテナンス時間（{WEEKLY}）です。"
    assert not verdict.blocks_login


def test_new_years_eve_names_the_window_that_begins_at_midnight():
    _, schedule, _ = ask("大晦日は使えますか", FRIDAY_2PM)
    assert schedule == (
        f"12月31日(木)はメンテナンスのない日です。ただし、1月1日(金) 0:00からはメンテナンス時間（{NEW_YEAR}）です。"
    )


def test_a_named_day_during_maintenance_now_gives_the_maintenance_now():
    verdict = check_login_time(MONDAY_3AM, parse_when("今日", MONDAY_3AM))
    assert verdict.blocks_login and "現在メンテナンス中" in verdict.message


def test_a_named_day_without_maintenance_continues_the_triage():
    verdict = check_login_time(WEDNESDAY_10AM, parse_when("昨日からログインできません", WEDNESDAY_10AM))
    assert not verdict.blocks_login
    assert verdict.message == "12月1日(火)はメンテナンスのない日です。ほかの原因を一緒に確認しましょう。"


def test_without_a_named_moment_the_schedule_is_given():
    text = describe_schedule(FRIDAY_2PM, None)
    assert "現在はメンテナンス時間外のため、ログインできます。" in text and "11月30日(月) 0:00〜7:00" in text


def test_hours_are_said_to_be_japan_time_when_the_customer_brings_up_another_clock():
    answer = "その時間（12月13日(日) 23:00）はメンテナンス時間外で、ログインできます。"
    noted = with_time_zone_note(answer, "今シンガポール出張中です。現地時間の日曜23時にログインしたいんですが、JST基準ですよね？")
    assert noted.startswith(answer) and "日本時間" in noted
    assert with_time_zone_note(answer, "日曜の23時にログインできますか") == answer
    assert with_time_zone_note(noted, "時差は？") == noted  # said once


def test_a_country_named_with_time_brings_up_japan_time():
    answer = "その時間はメンテナンス時間外です。"
    assert "日本時間" in with_time_zone_note(answer, "Getsuyoubi no asa 4ji (Vietnam time) ni login shitai desu")


def test_two_times_asked_in_one_message_are_both_answered():
    now = parser.isoparse("2026-12-08T14:00:00+09:00")
    text = "三が日の間はずっとログインできないんですか？それと1月4日の月曜日の朝はどうですか？"
    first, *others = parse_every_when(text, now)
    answer = describe_schedule(now, first, (), others)
    assert "1月2日 7:00" in answer and "1月4日(月)" in answer


def test_a_customer_abroad_is_told_japans_present_time_and_the_next_window_in_their_city_time():
    now = datetime(2026, 12, 8, 10, 0, tzinfo=JST)
    noted = with_time_zone_note("現在はメンテナンス時間外のため、ログインできます。", "今トロントは月曜の夜8時なんですけど、トロントの時間だと何時から何時ですか", now)
    assert "日本はいま12月8日(火) 10:00です。" in noted
    assert "12月13日(日) 10:00〜17:00" in noted and "日本時間" in noted


def test_asked_when_maintenance_is_both_windows_are_named_beside_a_nearby_one():
    """「めんてなんすの時間っていつだったっけ」: the answer about one night names the weekly window only."""
    from business.maintenance_check import with_schedule_if_asked

    answer = "その頃（12月8日(火) 1:00ごろ）はメンテナンス時間外です。12月7日(月) 7:00まではメンテナンス時間（毎週月曜日 0:00〜7:00）です。"
    text = with_schedule_if_asked(answer, "めんてなんすの時間っていつだったっけ夜中走ってるときに入れないことある")
    assert "1月1日 0:00〜1月2日 7:00" in text
    assert with_schedule_if_asked(answer, "ありがとう") == answer
