"""One place for settings: environment variables over the defaults in defaults.env."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, MutableMapping, Optional
from urllib.parse import quote

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULTS_FILE = PROJECT_ROOT / "defaults.env"

_LINE = re.compile(r"^([A-Z_][A-Z0-9_]*)=(.*)$")

# Deployment profiles (ASSISTANT_PROFILE) and the endpoints file Rasa runs with in each (defaults.env).
ENDPOINTS_BY_PROFILE = {"default": "endpoints.yml", "production": "endpoints.production.yml"}
_ON = ("1", "true", "yes", "on")


def read_defaults(path: Path = DEFAULTS_FILE) -> dict[str, str]:
    """Parse NAME=value lines of defaults.env (comments and blanks ignored)."""
    values: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if match:
            values[match.group(1)] = match.group(2)
    return values


def apply_defaults(environ: Optional[MutableMapping[str, str]] = None) -> None:
    """Give every variable the environment leaves unset its value from defaults.env.

    `make install` runs this at the start of every Python in .venv (a .pth file), so plain `rasa run`
    and `rasa run actions` from the repository root find the values that endpoints.yml and
    credentials.yml name, as `scripts/with-defaults` gives them to the project's own commands.
    """
    target = os.environ if environ is None else environ
    try:
        defaults = read_defaults()
    except OSError:  # the checkout moved or went away: leave the environment as it is
        return
    for name, value in defaults.items():
        target.setdefault(name, value)


def is_on(value: Optional[str]) -> bool:
    """A switch setting: on for 1, true, yes or on (any case, spaces around ignored); anything else is off."""
    return (value or "").strip().lower() in _ON


def api_enabled(environ: Optional[Mapping[str, str]] = None) -> bool:
    """RASA_ENABLE_API: whether Rasa's HTTP API is on (scripts/serve-rasa, scripts/run-all)."""
    return is_on((os.environ if environ is None else environ).get("RASA_ENABLE_API"))


def deployment_profile(environ: Optional[Mapping[str, str]] = None) -> str:
    """ASSISTANT_PROFILE, empty meaning "default"; ValueError for a profile that does not exist."""
    profile = (os.environ if environ is None else environ).get("ASSISTANT_PROFILE", "").strip() or "default"
    if profile not in ENDPOINTS_BY_PROFILE:
        raise ValueError(f"unknown ASSISTANT_PROFILE {profile!r}: use one of {', '.join(ENDPOINTS_BY_PROFILE)}")
    return profile


def word_vectors_dir(environ: Optional[Mapping[str, str]] = None) -> Path:
    """Where the intent classifier finds its word-vector archives (rasa_addons.word_vectors):
    WORD_VECTORS_DIR, relative to the project root, or by default the running Python environment's
    share/word-vectors, where `make install` builds them."""
    env = {**read_defaults(), **(os.environ if environ is None else environ)}
    configured = env.get("WORD_VECTORS_DIR", "")
    if not configured:
        return Path(sys.prefix) / "share" / "word-vectors"
    return PROJECT_ROOT / configured


def tracker_database_url(environ: Optional[Mapping[str, str]] = None) -> str:
    """The SQLAlchemy URL of Rasa's tracker store in the deployment profile, as the endpoints file names it
    (endpoints.yml: TRACKER_DB_PATH, relative to the project root; endpoints.production.yml: TRACKER_DB_*)."""
    env = {**read_defaults(), **(os.environ if environ is None else environ)}
    if deployment_profile(env) == "default":
        return "sqlite:///" + str(PROJECT_ROOT / env["TRACKER_DB_PATH"])
    user = quote(env.get("TRACKER_DB_USER", ""), safe="")
    password = env.get("TRACKER_DB_PASSWORD", "")
    login = f"{user}:{quote(password, safe='')}" if password else user
    return f"postgresql://{login}@{env['TRACKER_DB_HOST']}:{env['TRACKER_DB_PORT']}/{quote(env['TRACKER_DB_NAME'], safe='')}"


def endpoints_file(profile: str) -> Path:
    """The endpoints file Rasa runs with in a profile (scripts/serve-rasa, scripts/shell)."""
    return PROJECT_ROOT / ENDPOINTS_BY_PROFILE[profile]


@dataclass(frozen=True)
class Settings:
    assistant_now: Optional[str]
    database_url: str

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "Settings":
        env = {**read_defaults(), **(os.environ if environ is None else environ)}
        return cls(
            assistant_now=env.get("ASSISTANT_NOW") or None,
            database_url=_absolute_sqlite(env["ASSISTANT_DB_URL"]),
        )


def _absolute_sqlite(url: str) -> str:
    """Anchor a relative SQLite path at the project root, so the working directory does not matter."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
        return prefix + str(PROJECT_ROOT / url[len(prefix):])
    return url
