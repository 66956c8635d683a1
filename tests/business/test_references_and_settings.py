"""Reference numbers, the clock and settings."""

from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.clock import JST, Clock, ClockError
from business.references import new_reference, normalise_reference
from business.settings import (
    PROJECT_ROOT,
    Settings,
    api_enabled,
    deployment_profile,
    endpoints_file,
    read_defaults,
    tracker_database_url,
)


@given(st.integers(min_value=0, max_value=10**8 - 1))
def test_references_are_eight_digits_in_two_groups(number):
    reference = new_reference(lambda _: number)
    assert len(reference) == 9 and reference[4] == "-"
    assert normalise_reference(reference) == reference


def test_staff_may_type_a_reference_loosely():
    assert normalise_reference("１２３４ ５６７８") == "1234-5678"
    assert normalise_reference("12345678") == "1234-5678"
    with pytest.raises(ValueError):
        normalise_reference("1234-567")


def test_assistant_now_pins_the_clock_in_japan_time():
    clock = Clock.from_setting("2026-11-29T18:00:00+00:00")
    assert clock.now() == datetime(2026, 11, 30, 3, 0, tzinfo=JST)
    assert clock.now().utcoffset().total_seconds() == 9 * 3600


def test_without_assistant_now_the_clock_runs_in_jst():
    fixed_utc = datetime(2026, 1, 1, 15, 0, tzinfo=timezone.utc)
    assert Clock(source=lambda: fixed_utc).now().hour == 0


@pytest.mark.parametrize("bad", ["tomorrow", "2026-11-30T03:00:00"])
def test_a_bad_assistant_now_is_a_clear_error(bad):
    with pytest.raises(ClockError):
        Clock.from_setting(bad)


def test_settings_defaults_come_from_defaults_env_and_the_environment_wins():
    defaults = read_defaults()
    assert defaults["RASA_PORT"] == "5005"
    settings = Settings.from_env({"ASSISTANT_NOW": "2026-12-01T14:00:00+09:00"})
    assert settings.assistant_now == "2026-12-01T14:00:00+09:00"
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'assistant.db'}"
    assert Settings.from_env({"ASSISTANT_DB_URL": "postgresql://db/x"}).database_url == "postgresql://db/x"


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " on "])
def test_the_http_api_is_on_for_true_yes_on_and_1(value):
    assert api_enabled({"RASA_ENABLE_API": value})


@pytest.mark.parametrize("value", ["false", "0", "no", "off", "", "enabled"])
def test_anything_else_leaves_the_http_api_off(value):
    assert not api_enabled({"RASA_ENABLE_API": value})
    assert not api_enabled({})


def test_each_profile_runs_rasa_with_its_own_endpoints_file():
    assert deployment_profile({"ASSISTANT_PROFILE": "production"}) == "production"
    assert endpoints_file("production") == PROJECT_ROOT / "endpoints.production.yml"
    assert endpoints_file(deployment_profile({"ASSISTANT_PROFILE": " "})) == PROJECT_ROOT / "endpoints.yml"
    assert endpoints_file(deployment_profile({})) == PROJECT_ROOT / "endpoints.yml"
    assert all(endpoints_file(profile).exists() for profile in ("default", "production"))


def test_an_unknown_profile_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown ASSISTANT_PROFILE 'staging': use one of default, production"):
        deployment_profile({"ASSISTANT_PROFILE": "staging"})


def test_the_console_reads_the_tracker_store_the_profile_runs_with():
    assert tracker_database_url({"ASSISTANT_PROFILE": "default", "TRACKER_DB_PATH": "var/t.db"}) == (
        f"sqlite:///{PROJECT_ROOT / 'var' / 't.db'}"
    )
    production = {
        "ASSISTANT_PROFILE": "production", "TRACKER_DB_HOST": "db", "TRACKER_DB_PORT": "5433",
        "TRACKER_DB_NAME": "rasa", "TRACKER_DB_USER": "ops", "TRACKER_DB_PASSWORD": "p@ss/word",
    }
    assert tracker_database_url(production) == "postgresql://ops:p%40ss%2Fword@db:5433/rasa"
    assert tracker_database_url({**production, "TRACKER_DB_PASSWORD": ""}) == "postgresql://ops@db:5433/rasa"
