"""The action server's tables through the same queries the actions and the staff CLI use."""

from datetime import date, timedelta

import pytest
from dateutil import parser

from storage import repository
from storage.cli import main as staff
from storage.database import migrate, session_scope

NOW = parser.isoparse("2026-12-01T14:00:00+09:00")


@pytest.fixture()
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    migrate(url)
    return url


def test_handoff_gets_a_reference_and_keeps_intents_not_words(db):
    with session_scope(db) as session:
        reference = repository.record_handoff(session, "late_repayment", ["greet", "report_login_problem"], "c-1", NOW)
    with session_scope(db) as session:
        handoff = repository.find_handoff(session, reference)
        assert handoff.reason == "late_repayment"
        assert handoff.intents == "greet report_login_problem"
        assert handoff.created_at == NOW


def test_a_handoff_given_for_a_plain_request_can_be_filed_under_the_reason_found_later(db):
    with session_scope(db) as session:
        reference = repository.record_handoff(session, "customer_request", ["ask_call_centre"], "c-1", NOW)
    with session_scope(db) as session:
        assert repository.give_handoff_reason(session, reference, "income_drop", ["ask_call_centre", "inform"])
        assert not repository.give_handoff_reason(session, "0000-0000", "income_drop", [])
    with session_scope(db) as session:
        handoff = repository.find_handoff(session, reference)
        assert (handoff.reason, handoff.intents) == ("income_drop", "ask_call_centre inform")


def test_maintenance_windows_round_trip_in_any_zone(db):
    with session_scope(db) as session:
        window_id = repository.add_maintenance_window(session, NOW, NOW + timedelta(hours=2), "臨時")
    with session_scope(db) as session:
        [(found_id, window)] = repository.maintenance_windows(session, ending_after=NOW)
        assert found_id == window_id and window.start == NOW and window.reason == "臨時"
        assert repository.maintenance_windows(session, ending_after=NOW + timedelta(hours=3)) == []
        assert repository.remove_maintenance_window(session, window_id)
        assert not repository.remove_maintenance_window(session, window_id)


def test_a_window_must_end_after_it_starts(db):
    with session_scope(db) as session, pytest.raises(ValueError):
        repository.add_maintenance_window(session, NOW, NOW, "")


def test_closed_days(db):
    with session_scope(db) as session:
        repository.add_closed_day(session, date(2026, 12, 29), "年末休業")
        with pytest.raises(ValueError):
            repository.add_closed_day(session, date(2026, 12, 29), "again")
    with session_scope(db) as session:
        assert repository.closed_days(session, from_day=date(2026, 12, 1)) == [(date(2026, 12, 29), "年末休業")]
        assert repository.closed_days(session, from_day=date(2026, 12, 30)) == []


def test_report_counts_resolution_handoffs_and_not_understood(db):
    with session_scope(db) as session:
        for resolved in (True, True, False):
            repository.record_feedback(session, "c", "reissue", resolved, NOW)
        repository.record_handoff(session, "late_repayment", [], "c", NOW)
        repository.record_handoff(session, "late_repayment", [], "d", NOW)
        repository.record_handoff(session, "suspicious_login", [], "e", NOW)
        for text in ("うーん", "うーん", "あれ"):
            repository.record_not_understood(session, text, "greet", 0.3, NOW)
        repository.record_feedback(session, "c", "reissue", True, NOW + timedelta(days=40))
    with session_scope(db) as session:
        result = repository.report(session, NOW - timedelta(days=1), NOW + timedelta(days=1))
    assert (result.answers, result.resolved) == (3, 2)
    assert result.resolution_rate == pytest.approx(2 / 3)
    assert result.handoffs_by_reason == [("late_repayment", 2), ("suspicious_login", 1)]
    assert result.top_not_understood[0] == ("うーん", 2)


def test_migrations_are_idempotent_and_keep_data(db):
    with session_scope(db) as session:
        repository.add_closed_day(session, date(2027, 1, 2), "")
    migrate(db)
    with session_scope(db) as session:
        assert repository.closed_days(session) == [(date(2027, 1, 2), "")]


def test_staff_cli_adds_lists_and_removes_windows_and_looks_up_handoffs(db, capsys):
    assert staff(["--db", db, "windows", "add", "2026-12-05T01:00", "2026-12-05T05:00", "--reason", "臨時"]) == 0
    assert staff(["--db", db, "windows", "list"]) == 0
    listing = capsys.readouterr().out
    assert "2026-12-05 01:00 JST" in listing and "臨時" in listing
    assert staff(["--db", db, "windows", "remove", "1"]) == 0
    assert staff(["--db", db, "windows", "remove", "1"]) == 1

    with session_scope(db) as session:
        reference = repository.record_handoff(session, "income_drop", ["report_login_problem"], "c-9", NOW)
    capsys.readouterr()
    assert staff(["--db", db, "handoff", reference.replace("-", "")]) == 0
    shown = capsys.readouterr().out
    assert "income_drop" in shown and "2026-12-01 14:00 JST" in shown
    assert staff(["--db", db, "handoff", "0000-0000"]) == 1
    assert staff(["--db", db, "report", "--from", "2026-12-01", "--to", "2026-12-02"]) == 0
    assert "income_drop\t1" in capsys.readouterr().out


def test_staff_cli_rejects_bad_input_with_a_message(db, capsys):
    assert staff(["--db", db, "closed-days", "add", "2026-13-40"]) == 2
    assert "error" in capsys.readouterr().err


def test_labels_are_replaced_listed_by_intent_and_removed(db):
    with session_scope(db) as session:
        repository.label_message(session, "やあ", "chitchat", NOW)
        repository.label_message(session, "ろぐいん", "report_login_problem", NOW)
        repository.label_message(session, "やあ", "greet", NOW + timedelta(minutes=1))
    with session_scope(db) as session:
        assert repository.nlu_labels(session) == [("やあ", "greet"), ("ろぐいん", "report_login_problem")]
        assert repository.remove_label(session, "やあ")
        assert not repository.remove_label(session, "やあ")
        assert repository.nlu_labels(session) == [("ろぐいん", "report_login_problem")]
