"""Maintenance is checked before the triage, in Japan time, for now or for the time named."""

import pytest

from actions.maintenance import ActionCheckMaintenance, ActionDescribeMaintenance
from tests.actions.conftest import run, slot_events, text_of, user_tracker


@pytest.mark.asyncio
async def test_monday_3am_cannot_log_in_gets_the_maintenance_answer(at, domain):
    at("2026-11-30T03:00:00+09:00")
    messages, events = await run(ActionCheckMaintenance(), user_tracker("ログインできません", "report_login_problem"), domain)
    assert "メンテナンス中" in text_of(messages) and "7:00" in text_of(messages)
    assert slot_events(events)["maintenance_now"] is True


@pytest.mark.asyncio
async def test_tuesday_afternoon_starts_the_triage(at, domain):
    at("2026-12-01T14:00:00+09:00")
    _, events = await run(ActionCheckMaintenance(), user_tracker("ログインできません", "report_login_problem"), domain)
    assert slot_events(events)["maintenance_now"] is False


@pytest.mark.asyncio
async def test_several_failed_tries_are_told_to_stop_before_any_question(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("パスワード3回くらい打ち間違えてもうた", "report_login_problem", slots={"problem": "rejected"})
    messages, _ = await run(ActionCheckMaintenance(), tracker, domain)
    assert "これ以上は入力を試さないでください" in text_of(messages)
    calm = user_tracker("パスワードが違うと出ます", "report_login_problem", slots={"problem": "rejected"})
    assert "ロック" not in text_of((await run(ActionCheckMaintenance(), calm, domain))[0])


@pytest.mark.asyncio
async def test_server_time_zone_does_not_matter(at, domain):
    at("2026-11-29T18:30:00+00:00")  # Monday 3:30 in Japan
    messages, events = await run(ActionCheckMaintenance(), user_tracker("ログインできません", "report_login_problem"), domain)
    assert slot_events(events)["maintenance_now"] is True


@pytest.mark.asyncio
async def test_named_time_in_maintenance(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("月曜の朝5時にログインできなかった", "report_login_problem", {"when": "月曜の朝5時"})
    messages, events = await run(ActionCheckMaintenance(), tracker, domain)
    assert "11月30日(月) 5:00" in text_of(messages)
    assert slot_events(events)["maintenance_now"] is True


@pytest.mark.asyncio
async def test_forgotten_pin_skips_the_check_even_during_maintenance(at, domain):
    at("2026-11-30T03:00:00+09:00")
    tracker = user_tracker("暗証番号を忘れました", "report_login_problem", slots={"login_method": "card_pin", "problem": "forgot"})
    messages, events = await run(ActionCheckMaintenance(), tracker, domain)
    assert messages == []
    assert slot_events(events)["maintenance_now"] is False


@pytest.mark.asyncio
async def test_operator_window_from_the_database(at, domain, database_url):
    from storage.cli import main as staff

    assert staff(["--db", database_url, "windows", "add", "2026-12-01T13:00", "2026-12-01T16:00"]) == 0
    at("2026-12-01T14:00:00+09:00")
    messages, events = await run(ActionCheckMaintenance(), user_tracker("ログインできません", "report_login_problem"), domain)
    assert slot_events(events)["maintenance_now"] is True and "16:00" in text_of(messages)


@pytest.mark.asyncio
async def test_database_down_still_checks_the_regular_windows(at, domain, monkeypatch):
    from actions import context

    at("2026-11-30T03:00:00+09:00")
    monkeypatch.setenv("ASSISTANT_DB_URL", "postgresql://nobody@127.0.0.1:1/none")
    context.settings.cache_clear()
    messages, events = await run(ActionCheckMaintenance(), user_tracker("ログインできません", "report_login_problem"), domain)
    assert slot_events(events)["maintenance_now"] is True


@pytest.mark.asyncio
async def test_schedule_question_about_new_year(at, domain):
    at("2026-12-01T14:00:00+09:00")
    tracker = user_tracker("1月1日の昼はログインできますか", "ask_maintenance", {"when": "1月1日の昼"})
    messages, _ = await run(ActionDescribeMaintenance(), tracker, domain)
    assert "メンテナンス時間" in text_of(messages) and "1月1日" in text_of(messages)


@pytest.mark.asyncio
async def test_repaying_at_a_time_asked_gets_when_online_repayment_is_open(at, domain):
    at("2026-12-10T20:00:00+09:00")
    tracker = user_tracker("ニチヨウ ヤ ヨル モ ヘンサイ デキマスカ? ワタシ コウタイ キンム デス.", "ask_maintenance", {"when": "ニチヨウ"})
    messages, _ = await run(ActionDescribeMaintenance(), tracker, domain)
    assert "365日いつでも" in text_of(messages) and "メンテナンス" in text_of(messages)
    plain, _ = await run(ActionDescribeMaintenance(), user_tracker("日曜の夜はログインできますか", "ask_maintenance", {"when": "日曜の夜"}), domain)
    assert "365日" not in text_of(plain)


def _after_a_time_named(earlier: str, earlier_when: str, latest: str, latest_when: str):
    """The customer named a time (`earlier`), then wrote `latest` naming another."""
    tracker = user_tracker(latest, "nlu_fallback", {"when": latest_when})
    entities = [{"entity": "when", "value": earlier_when}]
    tracker.events.insert(0, {"event": "user", "text": earlier, "parse_data": {"entities": entities}})
    return tracker


@pytest.mark.asyncio
async def test_a_clock_time_corrected_without_a_day_keeps_the_day_it_corrects(at, domain):
    at("2026-12-08T14:00:00+09:00")
    tracker = _after_a_time_named(
        "こんどの げつようび あさの 8じごろ ろぐいん しよ おもてるんやけど できるかいのし？", "こんどの げつようび あさの 8じごろ",
        "あ ちゃうちゃう。8じやのうて 6じやったわ", "6じ",
    )
    messages, _ = await run(ActionDescribeMaintenance(), tracker, domain)
    assert "12月14日(月) 6:00" in text_of(messages) and "メンテナンス時間" in text_of(messages)


@pytest.mark.asyncio
async def test_a_time_taken_back_without_naming_the_old_one_is_read_by_itself(at, domain):
    at("2026-12-14T10:00:00+09:00")
    tracker = _after_a_time_named("朝6時ってログインできる？", "朝6時", "あ、違った さっき6時に入れなかったのはなんで？", "さっき6時")
    messages, _ = await run(ActionDescribeMaintenance(), tracker, domain)
    assert "12月14日(月) 6:00" in text_of(messages)
