"""Item 7: the action server's schema comes from Alembic migrations, on SQLite and on PostgreSQL.

From an empty database to the newest revision; again (nothing happens, nothing is lost); the
tables are exactly what storage/models.py declares; and down to nothing and up again works.
`make run` applies them (its `migrate` prerequisite runs `python -m storage.cli migrate`).
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from deployment.settings import PROJECT_ROOT
from storage import repository
from storage.database import MIGRATIONS, engine_for, migrate, session_scope
from storage.models import Base, FeedbackAnswer, NotUnderstood
from tests.trust.conftest import postgres_url

NOW = datetime(2026, 12, 2, 1, 0, tzinfo=timezone.utc)


def head_revision() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()


def current_revision(url: str) -> str:
    with engine_for(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def schema_drift(url: str) -> list:
    """What autogenerate would still change: empty when the migrations built what the models say."""
    with engine_for(url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def fill(url: str) -> str:
    """One row in every table; returns the handoff reference."""
    with session_scope(url) as session:
        repository.add_maintenance_window(session, NOW, NOW.replace(hour=5), "臨時メンテナンス")
        repository.add_closed_day(session, date(2026, 12, 30), "年末休業")
        reference = repository.record_handoff(session, "late_repayment", ["greet", "report_login_problem"], "c-1", NOW)
        repository.record_feedback(session, "c-1", "reissue", True, NOW)
        repository.record_not_understood(session, "［カード番号］です", "report_login_problem", 0.4, NOW)
    return reference


def assert_filled(url: str, reference: str) -> None:
    with session_scope(url) as session:
        assert [w.reason for _, w in repository.maintenance_windows(session)] == ["臨時メンテナンス"]
        assert repository.closed_days(session) == [(date(2026, 12, 30), "年末休業")]
        assert repository.find_handoff(session, reference).intents == "greet report_login_problem"
        assert session.scalars(select(FeedbackAnswer.outcome)).all() == ["reissue"]
        assert session.scalars(select(NotUnderstood.text)).all() == ["［カード番号］です"]


def check_migrations(url: str) -> None:
    assert inspect(engine_for(url)).get_table_names() == []  # really empty
    migrate(url)
    assert current_revision(url) == head_revision()
    assert set(inspect(engine_for(url)).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    assert schema_drift(url) == []
    migrate(url)  # a re-run changes nothing
    assert current_revision(url) == head_revision()
    reference = fill(url)
    migrate(url)  # and loses nothing
    assert_filled(url, reference)


def test_sqlite_from_empty_to_head_and_again(tmp_path: Path) -> None:
    check_migrations(f"sqlite:///{tmp_path / 'assistant.db'}")


@pytest.mark.slow
def test_postgresql_from_empty_to_head_and_again(fresh_postgres_database: str) -> None:
    url = postgres_url(fresh_postgres_database)
    try:
        check_migrations(url)
    finally:
        engine_for(url).dispose()


def test_every_revision_goes_down_and_up_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    migrate(url)
    with engine_for(url).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert set(inspect(engine_for(url)).get_table_names()) <= {"alembic_version"}
    migrate(url)
    assert schema_drift(url) == []


def test_the_staff_cli_migrates_what_make_run_starts_with(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    for _ in range(2):
        result = subprocess.run(
            [str(PROJECT_ROOT / ".venv" / "bin" / "python"), "-m", "storage.cli", "--db", url, "migrate"],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert "up to date" in result.stdout
    assert current_revision(url) == head_revision()


def test_make_run_applies_migrations_first() -> None:
    makefile = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    run_rule = re.search(r"^run:(.*)$", makefile, re.MULTILINE)
    assert run_rule and "migrate" in run_rule.group(1).split()
    assert re.search(r"^migrate:.*\n\t.*storage\.cli migrate", makefile, re.MULTILINE)
