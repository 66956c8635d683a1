"""The console over HTTP: login, the API's answers, and 4xx (never 5xx) for bad input."""

from __future__ import annotations

import pytest
import requests

from tests.console.conftest import OPERATOR_TOKEN
from tests.console.seed import SECRETS

pytestmark = pytest.mark.slow

CHANGE = {"X-Console-Request": "1"}


def test_without_a_session_the_page_sends_to_login_and_the_api_refuses(console):
    response = requests.get(f"{console.url}/", allow_redirects=False)
    assert response.status_code == 303 and response.headers["Location"] == "/login"
    response = requests.get(f"{console.url}/api/overview")
    assert response.status_code == 401 and response.json()["error"]


@pytest.mark.parametrize("token", ["", "wrong-token-wrong-token", OPERATOR_TOKEN[:-1], OPERATOR_TOKEN + "x"])
def test_a_wrong_or_missing_token_is_refused(console, token):
    session = requests.Session()
    response = session.post(f"{console.url}/login", data={"token": token}, allow_redirects=False)
    assert response.status_code == 401
    assert "トークンが違います" in response.text
    assert not session.cookies
    assert session.get(f"{console.url}/api/overview").status_code == 401


def test_an_oversized_body_is_refused_before_it_is_read(console):
    response = requests.post(f"{console.url}/login", data={"token": "x" * 100_000})
    assert response.status_code == 413


def test_login_sets_an_http_only_same_site_session_cookie(console):
    response = requests.post(f"{console.url}/login", data={"token": OPERATOR_TOKEN}, allow_redirects=False)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert OPERATOR_TOKEN not in cookie and OPERATOR_TOKEN not in response.headers["Location"]


def test_logout_ends_the_session(console):
    session = console.logged_in()
    assert session.get(f"{console.url}/api/windows").status_code == 200
    session.post(f"{console.url}/logout")
    assert session.get(f"{console.url}/api/windows").status_code == 401


def test_the_api_answers_with_seeded_figures_and_no_secret(console):
    session = console.logged_in()
    overview = session.get(f"{console.url}/api/overview", params={"days": 7}).json()
    assert sum(overview["conversations"]) == 5 and overview["resolution_rate"] == 0.5
    everything = [
        overview,
        session.get(f"{console.url}/api/not-understood").json(),
        session.get(f"{console.url}/api/conversations").json(),
        *(session.get(f"{console.url}/api/conversation", params={"id": sender}).json()
          for sender in ("c-fallback-pin", "c-fallback-card")),
    ]
    text = repr(everything)
    assert "［暗証番号］" in text and "［カード番号］" in text
    for secret in SECRETS:
        assert secret not in text


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("get", "/api/overview?days=0", None, 400),
        ("get", "/api/overview?days=many", None, 400),
        ("get", "/api/not-understood?days=9999", None, 400),
        ("get", "/api/conversations?outcome=lost", None, 400),
        ("get", "/api/conversations?page=-1", None, 400),
        ("get", "/api/conversation", None, 400),
        ("get", "/api/conversation?id=nobody", None, 404),
        ("post", "/api/labels", "not json", 400),
        ("post", "/api/labels", [1, 2], 400),
        ("post", "/api/labels", {"text": "やあ"}, 400),
        ("post", "/api/labels", {"text": "やあ", "intent": "no_such_intent"}, 400),
        ("post", "/api/labels", {"text": "", "intent": "greet"}, 400),
        ("post", "/api/labels", {"text": 5, "intent": "greet"}, 400),
        ("post", "/api/labels/remove", {"text": "never labelled"}, 404),
        ("post", "/api/windows", {"start": "tomorrow", "end": "later"}, 400),
        ("post", "/api/windows", {"start": "2026-12-05T05:00", "end": "2026-12-05T01:00"}, 400),
        ("post", "/api/windows", {"start": "2026-12-05T01:00", "end": "2026-12-05T05:00", "reason": "x" * 201}, 400),
        ("post", "/api/windows/99999/remove", {}, 404),
        ("post", "/api/windows/abc/remove", {}, 404),
        ("post", "/api/closed-days", {"day": "2026-13-01"}, 400),
        ("post", "/api/closed-days/2026-02-30/remove", {}, 400),
        ("post", "/api/closed-days/2026-12-31/remove", {}, 404),
        ("get", "/api/no-such-endpoint", None, 404),
        ("get", "/static/package.json", None, 404),
        ("get", "/static/../console/auth.py", None, 404),
        ("delete", "/api/windows", None, 405),
    ],
)
def test_bad_input_gets_a_4xx_with_a_json_error(console, method, path, body, status):
    session = console.logged_in()
    data = body if isinstance(body, str) else None
    json_body = None if isinstance(body, str) else body
    response = session.request(method, f"{console.url}{path}", data=data, json=json_body, headers=CHANGE)
    assert response.status_code == status, response.text
    assert response.json()["error"]


def test_a_change_without_the_console_header_is_refused(console):
    session = console.logged_in()
    response = session.post(f"{console.url}/api/closed-days", json={"day": "2026-12-30"})
    assert response.status_code == 403
    assert session.get(f"{console.url}/api/closed-days").json()["closed_days"] == []


def test_closed_days_added_here_are_what_the_staff_cli_lists(console, capsys):
    from storage.cli import main as staff

    session = console.logged_in()
    added = session.post(f"{console.url}/api/closed-days", json={"day": "2026-12-30", "reason": "年末"}, headers=CHANGE)
    assert added.status_code == 201
    again = session.post(f"{console.url}/api/closed-days", json={"day": "2026-12-30"}, headers=CHANGE)
    assert again.status_code == 400
    assert staff(["--db", console.database_url, "closed-days", "list"]) == 0
    assert "2026-12-30\t年末" in capsys.readouterr().out
    removed = session.post(f"{console.url}/api/closed-days/2026-12-30/remove", json={}, headers=CHANGE)
    assert removed.status_code == 200
    assert session.get(f"{console.url}/api/closed-days").json()["closed_days"] == []


def test_every_answer_carries_a_strict_content_security_policy(console):
    response = requests.get(f"{console.url}/login")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
