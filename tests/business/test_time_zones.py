"""Customers abroad: their own clock is no time to check, and the window can be told in their city's time."""

from __future__ import annotations

from datetime import datetime

import pytest

from business.clock import JST
from business.message_facts import find_message_facts
from business.time_zones import city_zone, japan_now, names_own_clock, window_in_city_time


@pytest.mark.parametrize(
    "text",
    [
        "あ、ちなみに今こっち（トロント）は日曜の夜9時なんですけど、日本は今メンテナンスの時間だったりしますか？",
        "今トロントは月曜の夜8時なんですけど、日本は今何時ですか？電話つながりますか？",
        "今バンクーバーは火曜の夕方5時なんですけど",
    ],
)
def test_the_customers_own_clock_abroad_names_no_time_to_check(text):
    assert names_own_clock(text)
    assert "when" not in {fact.entity for fact in find_message_facts(text)}


def test_a_time_in_japan_is_still_one_to_check():
    assert not names_own_clock("日曜の夜9時は入れますか")
    assert "when" in {fact.entity for fact in find_message_facts("日曜の夜9時は入れますか")}


@pytest.mark.parametrize("text", ["やっぱり今日はやめとく", "ヤッパリ無理", "ログインしたい"])
def test_a_city_is_a_word_of_its_own(text):
    assert city_zone(text) is None


def test_the_monday_window_in_toronto_time_is_sunday_morning_to_afternoon():
    start, end = datetime(2026, 12, 14, 0, tzinfo=JST), datetime(2026, 12, 14, 7, tzinfo=JST)
    told = window_in_city_time(start, end, "トロントの時間だと何時から何時になりますか？")
    assert "12月13日(日) 10:00〜17:00" in told


def test_the_new_year_window_in_london_time_crosses_midnight_there():
    start, end = datetime(2027, 1, 1, 0, tzinfo=JST), datetime(2027, 1, 2, 7, tzinfo=JST)
    told = window_in_city_time(start, end, "ロンドンの時間だと？")
    assert "12月31日(木) 15:00〜1月1日(金) 22:00" in told


def test_no_city_time_is_given_unless_asked_for():
    start, end = datetime(2026, 12, 14, 0, tzinfo=JST), datetime(2026, 12, 14, 7, tzinfo=JST)
    assert window_in_city_time(start, end, "トロントに住んでいます") is None


def test_japans_present_time_is_said_in_japan_time():
    assert japan_now(datetime(2026, 12, 8, 1, tzinfo=JST)) == "日本はいま12月8日(火) 1:00です。"


def test_a_time_said_in_the_city_clock_is_checked_in_japan_time():
    from business.japanese_time import parse_when
    from business.time_zones import in_japan_time

    named = parse_when("日曜23時", datetime(2026, 12, 8, 14, tzinfo=JST))
    text = "今シンガポール出張中です。現地時間の日曜23時にログインしたいんですが"
    assert in_japan_time(named, text).moment == datetime(2026, 12, 14, 0, tzinfo=JST)  # inside the Monday window
    assert in_japan_time(named, "日曜23時にログインしたい") == named


def test_a_time_said_in_brazil_time_in_katakana_is_converted_to_japan_time():
    from business.japanese_time import NamedMoment
    from business.time_zones import in_japan_time

    text = "イマ ブラジル ニ カエッテル. ブラジル ジカン デ ニチヨウ ノ ヨル 10ジ ニ ログイン シタイ. メンテナンス ダイジョウブ?"
    said = NamedMoment(moment=datetime(2026, 12, 13, 22, tzinfo=JST), has_time=True)
    assert in_japan_time(said, text).moment == datetime(2026, 12, 14, 10, tzinfo=JST)
