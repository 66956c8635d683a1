"""The launcher's `rasa run` arguments parse as Rasa parses them, whatever the token looks like."""

from __future__ import annotations

import pytest
from rasa.__main__ import create_argument_parser

from rasa_addons.server import rasa_arguments


@pytest.mark.parametrize("token", ["-" + "a" * 40, "b" * 40, "--" + "c" * 40])
def test_an_api_token_that_starts_with_a_dash_is_still_the_token(monkeypatch, token: str) -> None:
    monkeypatch.setenv("RASA_ENABLE_API", "true")
    monkeypatch.setenv("RASA_AUTH_TOKEN", token)
    parsed = create_argument_parser().parse_args(["run", *rasa_arguments(["--model", "models/assistant.tar.gz"])])
    assert parsed.auth_token == token and parsed.enable_api
