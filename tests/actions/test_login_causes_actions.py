"""「ログインできない原因は？」: the three causes and four remedies; maintenance first when it is on now."""

import pytest

from actions.login_causes import ActionExplainLoginCauses
from tests.actions.conftest import run, text_of, user_tracker

MONDAY_3AM = "2026-11-30T03:00:00+09:00"
TUESDAY_2PM = "2026-12-01T14:00:00+09:00"


def causes(domain: dict) -> dict:
    return domain["responses"]["utter_login_causes"][0]


@pytest.mark.asyncio
async def test_outside_maintenance_the_causes_and_remedies_only(at, domain):
    at(TUESDAY_2PM)
    messages, events = await run(ActionExplainLoginCauses(), user_tracker("ログインできない原因は何ですか", "ask_login_causes"), domain)
    assert [m.get("response") for m in messages] == ["utter_login_causes"] and events == []


@pytest.mark.asyncio
async def test_during_maintenance_that_comes_first(at, domain):
    at(MONDAY_3AM)
    messages, _ = await run(ActionExplainLoginCauses(), user_tracker("ログインできないのはなぜですか", "ask_login_causes"), domain)
    assert "現在メンテナンス中" in text_of(messages[:1]) and "7:00" in text_of(messages[:1])
    assert messages[1]["response"] == "utter_login_causes"


@pytest.mark.asyncio
async def test_an_operator_window_counts_too(at, domain, database_url):
    from storage.cli import main as staff

    assert staff(["--db", database_url, "windows", "add", "2026-12-01T13:00", "2026-12-01T16:00"]) == 0
    at(TUESDAY_2PM)
    messages, _ = await run(ActionExplainLoginCauses(), user_tracker("考えられる理由を教えて", "ask_login_causes"), domain)
    assert "16:00" in text_of(messages[:1])


def test_the_answer_names_the_three_causes(domain):
    text = causes(domain)["text"]
    for fact in ("入力の間違い", "利用資格", "返済の遅れ", "収入", "他社の借入", "信用情報", "メンテナンス",
                 "毎週月曜日 0:00〜7:00", "1月1日 0:00〜1月2日 7:00"):
        assert fact in text


def test_the_answer_names_the_four_remedies(domain):
    text = causes(domain)["text"]
    for fact in ("入力内容を確かめる", "カードをお持ちの方", "メンテナンスの時間を避けて", "プロミスコール",
                 "0120-24-0365", "ロックされる前に再発行", "自動契約機"):
        assert fact in text


def test_the_buttons_start_the_triage_show_the_hours_or_the_phone(domain):
    assert [b["payload"] for b in causes(domain)["buttons"]] == ["/report_login_problem", "/ask_maintenance", "/ask_call_centre"]
