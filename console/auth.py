"""The operator token and login sessions.

The token comes from CONSOLE_TOKEN, or else from CONSOLE_TOKEN_FILE, which the first start fills
with a random token readable by its owner only, so a fresh `make run` needs no setup. It is never
the Rasa API token. A correct token opens a session: a random id in an HttpOnly, SameSite=Strict
cookie, kept in this process's memory (a restart logs everyone out). The token is compared in
constant time and never put in a URL, a log line or a page.
"""

from __future__ import annotations

import hmac
import os
import secrets
import time
from collections import OrderedDict
from typing import Callable, Optional

from deployment.settings import Settings

MIN_TOKEN_LENGTH = 16
SESSION_SECONDS = 8 * 3600
MAX_SESSIONS = 100


class TokenError(RuntimeError):
    """The configured operator token cannot be used (too short, or the Rasa API token)."""


def operator_token(settings: Settings) -> str:
    """CONSOLE_TOKEN, or the token file's (CONSOLE_TOKEN_FILE), made on first use."""
    token = settings.console_token.get_secret_value().strip()
    if not token:
        path = settings.console_token_file
        if not path.is_file() or not path.read_text(encoding="utf-8").strip():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:
                file.write(secrets.token_urlsafe(32) + "\n")
        token = path.read_text(encoding="utf-8").strip()
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(f"the operator token must be at least {MIN_TOKEN_LENGTH} characters")
    if token == settings.rasa_auth_token.get_secret_value().strip():
        raise TokenError("the operator token must not be the Rasa API token (RASA_AUTH_TOKEN)")
    return token


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison, so the time taken tells nothing about the token."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Sessions:
    """Logged-in operators: random session ids and when each expires."""

    def __init__(self, lifetime: float = SESSION_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        self._expiry: "OrderedDict[str, float]" = OrderedDict()
        self._lifetime = lifetime
        self._clock = clock

    def open(self) -> str:
        session_id = secrets.token_urlsafe(32)
        self._expiry[session_id] = self._clock() + self._lifetime
        while len(self._expiry) > MAX_SESSIONS:
            self._expiry.popitem(last=False)
        return session_id

    def valid(self, session_id: Optional[str]) -> bool:
        expiry = self._expiry.get(session_id or "")
        if expiry is None:
            return False
        if expiry <= self._clock():
            del self._expiry[session_id]
            return False
        return True

    def close(self, session_id: Optional[str]) -> None:
        self._expiry.pop(session_id or "", None)
