"""The check before the triage: maintenance now, or at the time the customer names."""


from dateutil import parser

from business.japanese_time import parse_when
from business.maintenance import Window
from business.maintenance_check import check_login_time, describe_schedule

MONDAY_3AM = parser.isoparse("2026-11-30T03:00:00+09:00")
TUESDAY_2PM = parser.isoparse("2026-12-01T14:00:00+09:00")


def test_during_monday_maintenance_login_is_blocked_until_seven():
    verdict = check_login_time(MONDAY_3AM, None)
    assert verdict.blocks_login
    assert "7:00" in verdict.message and "あと4時間ほど" in verdict.message


def test_outside_maintenance_the_triage_goes_on():
    verdict = check_login_time(TUESDAY_2PM, None)
    assert not verdict.blocks_login
    assert "メンテナンス時間外" in verdict.message


def test_a_named_time_inside_a_window():
    verdict = check_login_time(TUESDAY_2PM, parse_when("月曜の朝5時", TUESDAY_2PM))
    assert verdict.blocks_login
    assert "11月30日(月) 5:00" in verdict.message


def test_a_named_time_outside_windows_continues_the_triage():
    verdict = check_login_time(TUESDAY_2PM, parse_when("昨日の夜11時", TUESDAY_2PM))
    assert not verdict.blocks_login
    assert "11月30日(月) 23:00" in verdict.message


def test_new_year_noon_is_maintenance():
    verdict = check_login_time(TUESDAY_2PM, parse_when("1月1日の昼", TUESDAY_2PM))
    assert verdict.blocks_login


def test_an_operator_window_blocks_login():
    extra = [Window(parser.isoparse("2026-12-01T13:00:00+09:00"), parser.isoparse("2026-12-01T15:30:00+09:00"), "臨時メンテナンス")]
    verdict = check_login_time(TUESDAY_2PM, None, extra)
    assert verdict.blocks_login and "15:30" in verdict.message


def test_schedule_answer_names_the_regular_windows_and_the_next_one():
    text = describe_schedule(TUESDAY_2PM, None)
    assert "毎週月曜日 0:00〜7:00" in text and "1月1日 0:00〜1月2日 7:00" in text
    assert "12月7日(月) 0:00〜7:00" in text
