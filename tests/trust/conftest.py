"""Shared by the trust tests: a fixed clock, PostgreSQL and Redis on 127.0.0.1, fresh databases."""

from __future__ import annotations

import os
import subprocess
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from tests.trust.channels import FakeLineApi

# A Wednesday morning in Japan: no maintenance window, the call centre is open.
FIXED_NOW = "2026-12-02T10:00:00+09:00"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
REDIS = {"host": "127.0.0.1", "port": 6379}

# How this machine's services are started when they are not running (the CI image has both).
START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = [
    "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379",
    "--save", "", "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def postgres_up() -> bool:
    import psycopg2

    try:
        psycopg2.connect(dbname="postgres", connect_timeout=2, **PG).close()
        return True
    except psycopg2.Error:
        return False


def redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis(socket_timeout=2, socket_connect_timeout=2, **REDIS).ping())
    except redis.RedisError:
        return False


def _ensure(name: str, is_up, start, wait: float = 30) -> None:
    """Start the service if it is down; a machine where it cannot run skips, CI fails."""
    if is_up():
        return
    try:
        subprocess.run(start, shell=isinstance(start, str), capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        pass
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if is_up():
            return
        time.sleep(0.5)
    message = f"{name} is not running on 127.0.0.1 and could not be started"
    if in_ci():
        pytest.fail(message + " (CI=true: the production-profile tests must run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def postgres() -> dict:
    _ensure("PostgreSQL", postgres_up, START_POSTGRES)
    return dict(PG)


@pytest.fixture(scope="session")
def redis_server() -> dict:
    _ensure("Redis", redis_up, START_REDIS)
    return dict(REDIS)


def admin_execute(statement: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", connect_timeout=5, **PG)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def fresh_database_name(purpose: str) -> str:
    return f"trust_{purpose}_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def fresh_postgres_database(postgres: dict) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    name = fresh_database_name("db")
    admin_execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_url(database: str) -> str:
    return f"postgresql://{PG['user']}@{PG['host']}:{PG['port']}/{database}"


def workdir_for(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    return tmp_path_factory.mktemp(name)


@pytest.fixture(scope="module")
def line_api() -> Iterator["FakeLineApi"]:
    """A fake LINE API per test module, for the modules whose assistant has a LINE channel."""
    from tests.trust import channels

    with channels.FakeLineApi() as api:
        yield api
