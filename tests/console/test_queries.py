"""What the console shows, computed from seeded databases without HTTP."""

from __future__ import annotations

from datetime import timedelta
from typing import Iterator

import pytest
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from console import queries
from deployment.settings import PROJECT_ROOT
from storage import repository
from storage.database import engine_for, session_scope
from tests.console.seed import NONSENSE, NOW, SECRETS, Seeded, seed, seed_sqlite
from tests.trust.conftest import PG, admin_execute, fresh_database_name, postgres, postgres_url  # noqa: F401


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def seeded(request, tmp_path_factory) -> Iterator[Seeded]:
    """The default profile's SQLite files, and the production profile's PostgreSQL databases
    (`postgres`, imported from the trust tests, starts PostgreSQL on 127.0.0.1 when it is down)."""
    if request.param == "sqlite":
        yield seed_sqlite(tmp_path_factory.mktemp("console"))
        return
    request.getfixturevalue("postgres")  # started if it is down; skipped (CI: failed) where it cannot be
    names = [fresh_database_name("console_actions"), fresh_database_name("console_tracker")]
    for name in names:
        admin_execute(f'CREATE DATABASE "{name}"')
    urls = [postgres_url(name) for name in names]
    try:
        yield seed(urls[0], urls[1], {"dialect": "postgresql", "host": PG["host"], "port": PG["port"],
                                      "db": names[1], "username": PG["user"]})
    finally:
        for url, name in zip(urls, names, strict=False):
            engine_for(url).dispose()
            admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture()
def db(seeded):
    with session_scope(seeded.database_url) as session, engine_for(seeded.tracker_url).connect() as tracker:
        yield session, tracker


def test_a_period_is_whole_japan_days_ending_today():
    start, end = queries.period(NOW.date(), 2)
    assert start.isoformat() == "2026-11-30T00:00:00+09:00"
    assert end.isoformat() == "2026-12-02T00:00:00+09:00"
    for days in (0, -1, queries.MAX_DAYS + 1):
        with pytest.raises(ValueError):
            queries.period(NOW.date(), days)


def test_overview_counts_each_day(db):
    session, tracker = db
    overview = queries.overview(session, tracker, *queries.period(NOW.date(), 3))
    assert overview.days == ["2026-11-29", "2026-11-30", "2026-12-01"]
    assert overview.conversations == [0, 2, 3]  # handoff and card yesterday; resolved, pin, not-resolved today
    assert overview.fallbacks == [0, 2, 2]
    assert overview.answers == [0, 0, 2] and overview.resolved == [0, 0, 1]
    assert overview.resolution_rate == 0.5
    assert overview.handoffs_by_reason == [("late_repayment", 1)]
    assert overview.as_json()["handoffs_by_reason"] == [{"reason": "late_repayment", "label": "返済の遅れ", "count": 1}]


def test_overview_leaves_out_what_happened_before_the_period(db):
    session, tracker = db
    overview = queries.overview(session, tracker, *queries.period(NOW.date() - timedelta(days=2), 1))
    assert overview.conversations == [0] and overview.answers == [0] and overview.resolution_rate is None


def test_not_understood_messages_are_grouped_counted_and_linked(db):
    session, tracker = db
    groups = queries.not_understood(tracker, *queries.period(NOW.date(), 7), labels={NONSENSE: "nonsense"})
    top = groups[0]
    assert (top.text, top.count, top.label) == (NONSENSE, 2, "nonsense")
    assert top.conversations == ["c-fallback-pin", "c-fallback-card"]  # newest first
    texts = {group.text: group for group in groups}
    assert len(groups) == 3
    assert "暗証番号は［暗証番号］です、ログインできない" in texts
    assert texts["カード ［カード番号］ で入れない"].conversations == ["c-fallback-card"]


def test_no_secret_reaches_any_text_the_console_shows(db):
    session, tracker = db
    period = queries.period(NOW.date(), 7)
    shown = [group.as_json() for group in queries.not_understood(tracker, *period, labels={})]
    shown += [queries.transcript(session, tracker, sender) for sender in ("c-fallback-pin", "c-fallback-card")]
    dump = repr(shown)
    for secret in SECRETS:
        assert secret not in dump


def test_conversations_newest_first_and_paged(db):
    session, tracker = db
    total, rows = queries.conversation_page(session, tracker, None, page=1, page_size=4)
    assert total == 6
    assert [row.sender_id for row in rows] == ["c-not-resolved", "c-fallback-pin", "c-resolved", "c-fallback-card"]
    _, second = queries.conversation_page(session, tracker, None, page=2, page_size=4)
    assert [row.sender_id for row in second] == ["c-handoff", "c-old"]
    assert rows[0].messages == 2


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("resolved", ["c-resolved"]),
        ("not_resolved", ["c-not-resolved"]),
        ("handed_off", ["c-handoff"]),
        ("fell_back", ["c-fallback-pin", "c-fallback-card"]),
    ],
)
def test_conversations_filtered_by_outcome(db, outcome, expected):
    session, tracker = db
    total, rows = queries.conversation_page(session, tracker, outcome, page=1)
    assert total == len(expected)
    assert [row.sender_id for row in rows] == expected
    assert all(outcome in row.outcomes for row in rows)


def test_bad_outcome_or_page_is_refused(db):
    session, tracker = db
    with pytest.raises(ValueError):
        queries.conversation_page(session, tracker, "lost", page=1)
    with pytest.raises(ValueError):
        queries.conversation_page(session, tracker, None, page=0)


def test_transcript_shows_both_sides_redacted_with_fallbacks_marked(db):
    session, tracker = db
    found = queries.transcript(session, tracker, "c-resolved")
    assert found["outcomes"] == ["resolved"]
    who = [turn["who"] for turn in found["turns"]]
    assert who == ["customer", "assistant", "customer"]
    assert found["turns"][0]["intent"] == "report_login_problem"
    assert found["turns"][1]["buttons"] == ["はい", "いいえ"]
    pin = queries.transcript(session, tracker, "c-fallback-pin")
    assert pin["turns"][0]["text"] == "暗証番号は［暗証番号］です、ログインできない"
    assert pin["turns"][1] == {"who": "fallback", "time": pin["turns"][1]["time"], "text": "action_not_understood"}
    assert queries.transcript(session, tracker, "no-such-conversation") is None


def test_an_empty_tracker_store_shows_nothing_instead_of_failing(tmp_path, seeded):
    empty = engine_for(f"sqlite:///{tmp_path / 'not-started-yet.db'}")
    with session_scope(seeded.database_url) as session, empty.connect() as tracker:
        period = queries.period(NOW.date(), 7)
        assert queries.overview(session, tracker, *period).conversations[-1] == 0
        assert queries.not_understood(tracker, *period, labels={}) == []
        assert queries.conversation_page(session, tracker, None, page=1) == (0, [])
        assert queries.transcript(session, tracker, "c-resolved") is None


def test_labellable_intents_are_the_domains_without_rasas_own():
    intents = queries.labellable_intents(PROJECT_ROOT / "domain.yml")
    assert "greet" in intents and "report_login_problem" in intents and "nonsense" in intents
    assert "nlu_fallback" not in intents


def test_labels_export_as_rasa_nlu_training_data(tmp_path):
    url = f"sqlite:///{tmp_path / 'labels.db'}"
    from storage.database import migrate

    migrate(url)
    with session_scope(url) as session:
        repository.label_message(session, "ろぐいんできぬ", "report_login_problem", NOW)
        repository.label_message(session, "やあ", "chitchat", NOW)
        repository.label_message(session, "やあ", "greet", NOW)  # relabelled
        repository.label_message(session, "- 「ID」: #1", "greet", NOW)
    with session_scope(url) as session:
        text = queries.nlu_yaml(repository.nlu_labels(session))
    data = RasaYAMLReader().reads(text)
    by_intent = {}
    for example in data.intent_examples:
        by_intent.setdefault(example.get("intent"), []).append(example.get("text"))
    assert by_intent == {"greet": ["やあ", "- 「ID」: #1"], "report_login_problem": ["ろぐいんできぬ"]}
