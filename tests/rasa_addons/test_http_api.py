"""The hardened app is Rasa's app, same routes, with the body checks and the error handler added."""

from __future__ import annotations

import pytest
from sanic import Sanic

from rasa_addons import http_api

TOKEN = "http-api-test-token-0123456789"


@pytest.fixture(autouse=True)
def sanic_test_mode() -> None:
    Sanic.test_mode = True  # several apps of one name in this process


def routes(app: Sanic) -> set:
    return {(route.path, tuple(sorted(route.methods))) for route in app.router.routes}


def test_the_same_routes_as_rasas_app_with_the_checks_added() -> None:
    rasas = http_api._rasa_configure_app(enable_api=True, auth_token=TOKEN)
    ours = http_api.configure_hardened_app(enable_api=True, auth_token=TOKEN)
    assert routes(ours) == routes(rasas) and routes(ours)
    assert ours.ctx.hardened and not getattr(rasas.ctx, "hardened", False)
    assert len(ours.request_middleware) == len(rasas.request_middleware) + 1


def test_hardening_twice_adds_nothing() -> None:
    app = http_api.configure_hardened_app(enable_api=True, auth_token=TOKEN)
    before = len(app.request_middleware)
    http_api.harden_app(app)
    assert len(app.request_middleware) == before


@pytest.mark.parametrize(
    "body, problem",
    [
        ({"text": "\ud800"}, "lone surrogate"),
        ({"text": "x", "message_id": "\udfff"}, "lone surrogate"),
        ({"text": "あ" * 100_000}, "at most"),
        ({"text": 5}, "must be of type str"),
        ({"text": "ログインできない"}, None),
    ],
)
def test_parse_bodies(body: dict, problem) -> None:
    schema = next(schema for method, route, schema in http_api._API_BODIES if route.fullmatch("/model/parse"))
    found = http_api.api_body_problem(body, schema)
    assert (found is None) if problem is None else (problem in found)
