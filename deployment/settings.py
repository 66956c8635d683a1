"""The one settings loader: how and where the assistant runs, read from the environment over defaults.env.

Every setting is an environment variable documented in defaults.env, the one place defaults live.
A variable set in the environment wins, even when it is empty; one left unset takes defaults.env's
value. The Rasa server, the action server, the console, the storage CLI, the bench, the tests and the
scripts all read their settings here:

    load()                                 typed and checked; SettingsError names each bad variable
    environment()                          os.environ with defaults.env under it (deployment.defaults)
    python -m deployment exec -- CMD ...   CMD with every setting exported (scripts/with-defaults)
    python -m deployment get NAME          one setting as the programs read it (scripts/run-all)

deployment.defaults reads defaults.env; its apply_defaults() fills unset variables at the start of
every Python in .venv (the .pth file), so a plain `rasa run` finds what endpoints.yml and
credentials.yml name.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Dict, Literal, Mapping, Optional
from urllib.parse import quote

from pydantic import AnyHttpUrl, BaseSettings, SecretStr, ValidationError, conint, validator

from deployment.defaults import PROJECT_ROOT, environment, read_defaults

# Deployment profiles (ASSISTANT_PROFILE) and the endpoints file Rasa runs with in each.
ENDPOINTS_BY_PROFILE = {"default": "endpoints.yml", "production": "endpoints.production.yml"}
_SWITCH_ON = ("1", "true", "yes", "on")
_SQLITE = "sqlite:///"

Port = conint(ge=1, le=65535)


class SettingsError(ValueError):
    """One or more settings have values the assistant cannot run with; the message names each variable."""


def _project_path(value: Any) -> Path:
    """A path as given, relative ones taken from the project root so the working directory does not matter."""
    return PROJECT_ROOT / str(value)


def _defaults_file_source(settings: BaseSettings) -> Dict[str, str]:
    """defaults.env as a pydantic settings source, below the environment."""
    fields = type(settings).__fields__
    return {name.lower(): value for name, value in read_defaults().items() if name.lower() in fields}


class Settings(BaseSettings):
    """Every variable of defaults.env, by its lower-case name (RASA_PORT is `rasa_port`), typed."""

    # The action server.
    assistant_now: Optional[str]  # None: the real clock
    assistant_db_url: str  # a relative SQLite path is anchored at the project root
    # The intent classifier's word-vector archives (rasa_addons.word_vectors).
    word_vectors_dir: Path
    # Local processes started by `make run`.
    rasa_port: Port
    action_port: Port
    web_port: Port
    console_port: Port
    action_endpoint_url: AnyHttpUrl
    # Rasa's tracker store and the channels.
    tracker_db_path: Path
    webchat_origin: str
    line_channel_secret: SecretStr
    line_channel_access_token: SecretStr
    line_api_base_url: AnyHttpUrl
    tracker_cache_size: conint(ge=0)
    # Deployment profile and the production profile's stores.
    assistant_profile: Literal["default", "production"]
    tracker_db_host: str
    tracker_db_port: Port
    tracker_db_name: str
    tracker_db_user: str
    tracker_db_password: SecretStr
    lock_store_host: str
    lock_store_port: Port
    lock_store_db: conint(ge=0)
    lock_store_password: SecretStr
    lock_store_key_prefix: str
    # Rasa's HTTP API and the operator console.
    rasa_enable_api: bool
    rasa_auth_token: SecretStr
    rasa_auth_token_file: Path
    console_enabled: bool
    console_token: SecretStr
    console_token_file: Path

    class Config:
        @classmethod
        def customise_sources(cls, init_settings: Any, env_settings: Any, file_secret_settings: Any) -> tuple:
            return init_settings, env_settings, _defaults_file_source

    @validator("assistant_now", pre=True)
    def _a_moment_with_an_offset(cls, value: Any) -> Optional[str]:
        from business.clock import Clock, ClockError

        if not value:
            return None
        try:
            Clock.from_setting(value)
        except ClockError as error:
            raise ValueError("an ISO-8601 date and time with an offset, e.g. 2026-11-30T03:00:00+09:00") from error
        return value

    @validator("assistant_db_url")
    def _sqlite_anchored(cls, value: str) -> str:
        if value.startswith(_SQLITE) and not value.startswith(_SQLITE + "/") and value != _SQLITE + ":memory:":
            return _SQLITE + str(_project_path(value[len(_SQLITE):]))
        return value

    @validator("word_vectors_dir", pre=True)
    def _vectors_folder(cls, value: Any) -> Path:
        # Empty: the running Python environment's share/word-vectors, where `make install` builds them.
        return _project_path(value) if value else Path(sys.prefix) / "share" / "word-vectors"

    @validator("tracker_db_path", "rasa_auth_token_file", "console_token_file", pre=True)
    def _anchored(cls, value: Any) -> Path:
        return _project_path(value)

    @validator("assistant_profile", pre=True)
    def _known_profile(cls, value: Any) -> str:
        profile = str(value or "").strip() or "default"
        if profile not in ENDPOINTS_BY_PROFILE:
            raise ValueError(f"no such profile: use one of {', '.join(ENDPOINTS_BY_PROFILE)}")
        return profile

    @validator("lock_store_key_prefix")
    def _letters_and_digits(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9]*", value):
            raise ValueError("letters and digits only (Redis key prefix)")
        return value

    @validator("rasa_enable_api", "console_enabled", pre=True)
    def _switch(cls, value: Any) -> bool:
        """On for 1, true, yes or on (any case, spaces around ignored); anything else is off."""
        if isinstance(value, bool):
            return value
        return str(value or "").strip().lower() in _SWITCH_ON

    @property
    def endpoints_file(self) -> Path:
        """The endpoints file Rasa runs with in the profile (scripts/serve-rasa, scripts/shell)."""
        return PROJECT_ROOT / ENDPOINTS_BY_PROFILE[self.assistant_profile]

    @property
    def tracker_database_url(self) -> str:
        """The SQLAlchemy URL of Rasa's tracker store in the profile, as its endpoints file names it."""
        if self.assistant_profile == "default":
            return _SQLITE + str(self.tracker_db_path)
        user = quote(self.tracker_db_user, safe="")
        password = self.tracker_db_password.get_secret_value()
        login = f"{user}:{quote(password, safe='')}" if password else user
        host = f"{self.tracker_db_host}:{self.tracker_db_port}"
        return f"postgresql://{login}@{host}/{quote(self.tracker_db_name, safe='')}"


SETTING_NAMES = tuple(name.upper() for name in Settings.__fields__)
_SECRETS = {name.upper() for name, field in Settings.__fields__.items() if field.type_ is SecretStr}


def load(**overrides: Any) -> Settings:
    """The settings from the environment over defaults.env, `overrides` (by field name) over both.

    SettingsError, naming every variable whose value is wrong, instead of pydantic's ValidationError.
    """
    try:
        return Settings(**overrides)
    except ValidationError as invalid:
        raise SettingsError(_explain(invalid, overrides)) from None


def _explain(invalid: ValidationError, overrides: Mapping[str, Any]) -> str:
    given = environment()
    problems = []
    for error in invalid.errors():
        field = str(error["loc"][0])
        name = field.upper()
        if field in overrides or name in given:
            problems.append(f"{name}={overrides.get(field, given.get(name))!r}: {error['msg']}")
        else:
            problems.append(f"{name}: set neither in the environment nor in defaults.env")
    return ("bad setting " if len(problems) == 1 else "bad settings ") + "; ".join(problems)


def shown(settings: Settings, name: str) -> str:
    """One setting as text, as the programs read it: a switch is "true" or "false", a path absolute."""
    field = name.lower()
    if field not in Settings.__fields__:
        raise KeyError(f"no setting {name!r}: defaults.env lists them all")
    if name.upper() in _SECRETS:
        raise KeyError(f"{name.upper()} is a secret and is not shown")
    value = getattr(settings, field)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
