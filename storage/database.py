"""The one database module: engines made on first use, sessions as a context, Alembic migrations."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional, Union

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from deployment.settings import load

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(url: Optional[str] = None) -> str:
    """`url`, or else ASSISTANT_DB_URL."""
    return url or load().assistant_db_url


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    """One engine per URL, created when first needed (never at import)."""
    if url.startswith("sqlite:///") and not url.endswith(":memory:"):
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        return sqlite_file_engine(url, future=True)
    # A short connect timeout so a database that is down fails fast instead of stalling a reply.
    connect_args = {"connect_timeout": 3} if url.startswith("postgresql") else {}
    return create_engine(url, future=True, pool_pre_ping=True, connect_args=connect_args)


def sqlite_file_engine(url: Union[str, URL], future: bool) -> Engine:
    """An SQLite file database with a connection pool and write-ahead logging.

    SQLAlchemy 1.4 opens a new SQLite connection for every session on a file database; both
    servers run their queries on one thread, so a small pool serves them. WAL keeps
    synchronous=FULL's durability with one fsync per commit instead of the rollback journal's
    several. Also used for Rasa's tracker store (rasa_addons/tracker_store.py).
    """
    engine = create_engine(
        url, future=future, poolclass=QueuePool, pool_size=2, connect_args={"check_same_thread": False}
    )
    event.listen(engine, "connect", _write_ahead_logging)
    return engine


def _write_ahead_logging(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


@lru_cache(maxsize=8)
def _session_factory(url: str) -> sessionmaker:
    return sessionmaker(bind=engine_for(url), future=True, expire_on_commit=False)


@contextmanager
def session_scope(url: Optional[str] = None) -> Iterator[Session]:
    """A transaction: committed when the block ends, rolled back if it raises."""
    session = _session_factory(database_url(url))()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(url: Optional[str] = None) -> None:
    """Bring the schema to the newest Alembic revision (what `make run` does before starting)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url(url).replace("%", "%%"))
    engine = engine_for(database_url(url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class DatabaseUnavailable(SystemExit):
    """The action server's database cannot be brought to the newest schema: the server must not start."""


def migrate_or_refuse(url: Optional[str] = None) -> None:
    """migrate(), or DatabaseUnavailable with the reason (the action server's start, rasa_sdk_plugins)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    target = database_url(url)
    try:
        migrate(target)
    except (SQLAlchemyError, OSError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise DatabaseUnavailable(
            f"action server: refusing to start: the database {make_url(target)!r} cannot be migrated "
            f"({type(error).__name__}: {reason}). Check ASSISTANT_DB_URL."
        ) from error
