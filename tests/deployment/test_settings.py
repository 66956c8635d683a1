"""The one settings loader: the environment over defaults.env, typed, with errors that name the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from deployment import defaults
from deployment.defaults import PROJECT_ROOT, apply_defaults, environment, read_defaults
from deployment.settings import SETTING_NAMES, SettingsError, load

PYTHON = str(PROJECT_ROOT / ".venv" / "bin" / "python")


@pytest.fixture
def unset(monkeypatch: pytest.MonkeyPatch):
    """Unset settings in this test's environment, so defaults.env decides them."""

    def clear(*names: str) -> None:
        for name in names:
            monkeypatch.delenv(name, raising=False)

    return clear


def test_defaults_env_lists_exactly_the_settings_the_loader_reads():
    assert SETTING_NAMES == tuple(read_defaults())


def test_an_unset_variable_takes_defaults_env_and_a_set_one_wins(monkeypatch, unset):
    unset("RASA_PORT", "ASSISTANT_NOW")
    assert load().rasa_port == 5005
    assert load().assistant_now is None  # defaults.env: empty, the real clock
    monkeypatch.setenv("RASA_PORT", "6006")
    monkeypatch.setenv("ASSISTANT_NOW", "2026-12-01T14:00:00+09:00")
    assert load().rasa_port == 6006
    assert load().assistant_now == "2026-12-01T14:00:00+09:00"


def test_a_variable_set_empty_is_set_not_unset(monkeypatch, unset):
    unset("WEBCHAT_ORIGIN")
    assert load().webchat_origin == "http://localhost:8080"
    monkeypatch.setenv("WEBCHAT_ORIGIN", "")
    assert load().webchat_origin == ""
    assert environment({"WEBCHAT_ORIGIN": ""})["WEBCHAT_ORIGIN"] == ""
    monkeypatch.setenv("RASA_PORT", "")
    with pytest.raises(SettingsError, match=r"RASA_PORT='': value is not a valid integer"):
        load()


def test_an_empty_profile_is_the_default_one(monkeypatch):
    monkeypatch.setenv("ASSISTANT_PROFILE", " ")
    assert load().assistant_profile == "default"
    assert load().endpoints_file == PROJECT_ROOT / "endpoints.yml"


def test_each_profile_runs_rasa_with_its_own_endpoints_file(monkeypatch):
    monkeypatch.setenv("ASSISTANT_PROFILE", "production")
    assert load().endpoints_file == PROJECT_ROOT / "endpoints.production.yml"
    assert all(load(assistant_profile=profile).endpoints_file.exists() for profile in ("default", "production"))


def test_an_unknown_profile_is_refused_naming_the_variable_and_the_choices(monkeypatch):
    monkeypatch.setenv("ASSISTANT_PROFILE", "staging")
    with pytest.raises(SettingsError, match=r"ASSISTANT_PROFILE='staging': no such profile: use one of default, production"):
        load()


@pytest.mark.parametrize(
    "value, problem",
    [("abc", "not a valid integer"), ("0", "greater than or equal to 1"), ("70000", "less than or equal to 65535")],
)
def test_a_bad_port_is_refused_naming_the_variable(monkeypatch, value, problem):
    monkeypatch.setenv("TRACKER_DB_PORT", value)
    with pytest.raises(SettingsError) as refused:
        load()
    assert str(refused.value).startswith(f"bad setting TRACKER_DB_PORT='{value}': ")
    assert problem in str(refused.value)


def test_every_bad_variable_is_named_at_once(monkeypatch):
    monkeypatch.setenv("RASA_PORT", "five")
    monkeypatch.setenv("ASSISTANT_NOW", "明日")
    monkeypatch.setenv("LOCK_STORE_KEY_PREFIX", "promise-assistant")
    with pytest.raises(SettingsError) as refused:
        load()
    message = str(refused.value)
    assert message.startswith("bad settings ")
    assert "RASA_PORT='five'" in message
    assert "ASSISTANT_NOW='明日': an ISO-8601 date and time with an offset" in message
    assert "LOCK_STORE_KEY_PREFIX='promise-assistant': letters and digits only" in message


@pytest.fixture
def defaults_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Another defaults.env, read in place of the project's for one test."""

    def use(text: str) -> None:
        path = tmp_path / "defaults.env"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(defaults, "DEFAULTS_FILE", path)
        read_defaults.cache_clear()

    yield use
    read_defaults.cache_clear()


def test_a_setting_missing_everywhere_is_named(defaults_file, unset):
    project_defaults = (PROJECT_ROOT / "defaults.env").read_text(encoding="utf-8")
    defaults_file(project_defaults.replace("\nRASA_PORT=5005\n", "\n"))
    unset("RASA_PORT")
    with pytest.raises(SettingsError, match="RASA_PORT: set neither in the environment nor in defaults.env"):
        load()


def test_relative_sqlite_paths_are_anchored_at_the_project_root_whatever_the_working_directory(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ASSISTANT_DB_URL", "sqlite:///var/assistant.db")
    monkeypatch.setenv("TRACKER_DB_PATH", "var/t.db")
    monkeypatch.setenv("ASSISTANT_PROFILE", "default")
    assert load().assistant_db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'assistant.db'}"
    assert load().tracker_database_url == f"sqlite:///{PROJECT_ROOT / 'var' / 't.db'}"
    for kept in ("sqlite:////srv/assistant.db", "sqlite:///:memory:", "postgresql://ops@db/assistant"):
        monkeypatch.setenv("ASSISTANT_DB_URL", kept)
        assert load().assistant_db_url == kept


def test_the_console_reads_the_tracker_store_the_production_profile_runs_with(monkeypatch):
    production = {
        "ASSISTANT_PROFILE": "production", "TRACKER_DB_HOST": "db", "TRACKER_DB_PORT": "5433",
        "TRACKER_DB_NAME": "rasa", "TRACKER_DB_USER": "ops", "TRACKER_DB_PASSWORD": "p@ss/word",
    }
    for name, value in production.items():
        monkeypatch.setenv(name, value)
    assert load().tracker_database_url == "postgresql://ops:p%40ss%2Fword@db:5433/rasa"
    monkeypatch.setenv("TRACKER_DB_PASSWORD", "")
    assert load().tracker_database_url == "postgresql://ops@db:5433/rasa"


def test_secrets_are_not_shown_when_the_settings_are_printed(monkeypatch):
    monkeypatch.setenv("TRACKER_DB_PASSWORD", "p@ss/word")
    assert "p@ss/word" not in repr(load()) + str(load())


@pytest.mark.parametrize("value", ["1", "true", "True", "YES", "on", " on "])
def test_a_switch_is_on_for_true_yes_on_and_1(monkeypatch, value):
    monkeypatch.setenv("RASA_ENABLE_API", value)
    assert load().rasa_enable_api is True


@pytest.mark.parametrize("value", ["false", "0", "no", "off", "", "enabled"])
def test_anything_else_leaves_a_switch_off(monkeypatch, value):
    monkeypatch.setenv("CONSOLE_ENABLED", value)
    assert load().console_enabled is False


def test_word_vectors_default_to_the_running_environment_and_a_relative_folder_is_the_projects(monkeypatch):
    monkeypatch.setenv("WORD_VECTORS_DIR", "")
    assert load().word_vectors_dir == Path(sys.prefix) / "share" / "word-vectors"
    monkeypatch.setenv("WORD_VECTORS_DIR", "vectors")
    assert load().word_vectors_dir == PROJECT_ROOT / "vectors"


def test_apply_defaults_fills_only_what_the_environment_leaves_unset():
    environ = {"RASA_PORT": "6006", "WEBCHAT_ORIGIN": ""}
    apply_defaults(environ)
    assert environ["RASA_PORT"] == "6006" and environ["WEBCHAT_ORIGIN"] == ""
    assert environ["ACTION_PORT"] == "5055" and set(SETTING_NAMES) <= set(environ)


def test_apply_defaults_leaves_the_environment_alone_when_defaults_env_is_gone(monkeypatch, tmp_path):
    monkeypatch.setattr(defaults, "DEFAULTS_FILE", tmp_path / "moved-away.env")
    read_defaults.cache_clear()
    try:
        environ = {"RASA_PORT": "6006"}
        apply_defaults(environ)
        assert environ == {"RASA_PORT": "6006"}
    finally:
        read_defaults.cache_clear()


def test_what_every_python_in_venv_runs_at_start_imports_the_standard_library_only():
    pth = subprocess.run(
        [PYTHON, "-S", "-c", "import sys, deployment.defaults; print(*(m for m in sys.modules if '.' not in m))"],
        cwd=PROJECT_ROOT, env={"PYTHONPATH": str(PROJECT_ROOT)}, capture_output=True, text=True, timeout=60,
    )
    assert pth.returncode == 0, pth.stderr
    assert "deployment" in pth.stdout.split()
    assert not set(pth.stdout.split()) - set(sys.stdlib_module_names) - {"__main__", "deployment"}


# --- the shell's way in: python -m deployment, scripts/with-defaults -------------------------


def run(command: list[str], **overrides: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in SETTING_NAMES}
    env.update(PYTHONPATH=str(PROJECT_ROOT), **overrides)
    return subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60)


PRINT = "import os; print(os.environ['RASA_PORT'], repr(os.environ['WEBCHAT_ORIGIN']), os.environ['ACTION_PORT'])"


def test_with_defaults_runs_a_command_with_every_setting_exported():
    result = run([str(PROJECT_ROOT / "scripts" / "with-defaults"), PYTHON, "-c", PRINT], RASA_PORT="6006", WEBCHAT_ORIGIN="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["6006", "''", "5055"]


def test_with_defaults_refuses_a_bad_setting_without_running_the_command():
    result = run([str(PROJECT_ROOT / "scripts" / "with-defaults"), PYTHON, "-c", "print('ran')"], ACTION_PORT="http")
    assert result.returncode == 2
    assert "settings: bad setting ACTION_PORT='http': value is not a valid integer" in result.stderr
    assert "ran" not in result.stdout


def test_get_prints_one_setting_as_the_programs_read_it_and_never_a_secret():
    assert run([PYTHON, "-m", "deployment", "get", "CONSOLE_ENABLED"], CONSOLE_ENABLED=" Yes ").stdout == "true\n"
    assert run([PYTHON, "-m", "deployment", "get", "RASA_PORT"]).stdout == "5005\n"
    secret = run([PYTHON, "-m", "deployment", "get", "RASA_AUTH_TOKEN"], RASA_AUTH_TOKEN="x" * 20)
    assert secret.returncode == 2 and "x" * 20 not in secret.stdout + secret.stderr
