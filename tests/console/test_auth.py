"""The operator token and login sessions."""

from __future__ import annotations

import stat

import pytest

from console import auth
from deployment.settings import load


def test_a_fresh_machine_gets_a_random_token_only_its_owner_can_read(tmp_path):
    settings = load(console_token="", console_token_file=str(tmp_path / "var" / "console-token"))
    token = auth.operator_token(settings)
    path = tmp_path / "var" / "console-token"
    assert len(token) >= auth.MIN_TOKEN_LENGTH
    assert path.read_text().strip() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert auth.operator_token(settings) == token  # kept across restarts


def test_the_environment_token_wins_over_the_file(tmp_path):
    settings = load(console_token="operator-token-from-env", console_token_file=str(tmp_path / "unused"))
    assert auth.operator_token(settings) == "operator-token-from-env"
    assert not (tmp_path / "unused").exists()


@pytest.mark.parametrize(
    "tokens",
    [
        {"console_token": "short", "rasa_auth_token": ""},
        {"console_token": "the-same-token-as-rasa", "rasa_auth_token": "the-same-token-as-rasa"},
    ],
)
def test_a_short_token_or_the_rasa_api_token_is_refused(tokens):
    with pytest.raises(auth.TokenError):
        auth.operator_token(load(**tokens))


def test_tokens_match_only_exactly():
    assert auth.token_matches("operator-token-123", "operator-token-123")
    assert not auth.token_matches("operator-token-12", "operator-token-123")
    assert not auth.token_matches("", "operator-token-123")
    assert not auth.token_matches("オペレーター", "operator-token-123")


def test_sessions_expire_and_close():
    now = [0.0]
    sessions = auth.Sessions(lifetime=60, clock=lambda: now[0])
    first, second = sessions.open(), sessions.open()
    assert first != second and sessions.valid(first)
    sessions.close(first)
    assert not sessions.valid(first) and sessions.valid(second)
    now[0] = 61
    assert not sessions.valid(second)
    assert not sessions.valid(None) and not sessions.valid("made-up")
