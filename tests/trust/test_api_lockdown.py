"""Item 6: Rasa's HTTP API only with a token; customers cannot force intents or slots.

The Rasa server is started as scripts/run-all starts it (scripts/serve-rasa) with
RASA_ENABLE_API=true and a token from the environment, --debug and libraries at DEBUG.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path
from typing import Iterator, Optional

import pytest
import requests

from deployment.settings import PROJECT_ROOT
from tests.support.servers import MODEL, SERVE_RASA, Assistant, assistant_env, free_port, running_assistant
from tests.trust.conftest import FIXED_NOW

pytestmark = pytest.mark.slow

TOKEN = "api-token-" + uuid.uuid4().hex  # only in this process's memory and the server's environment
FORGED = '/report_login_problem{"eligibility": "late_repayment", "login_method": "x"}'
GENUINE = '/inform{"eligibility": "late_repayment"}'  # a payload of the assistant's own button


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    overrides = {
        "ASSISTANT_NOW": FIXED_NOW,
        "ASSISTANT_PROFILE": "default",
        "RASA_ENABLE_API": "true",
        "RASA_AUTH_TOKEN": TOKEN,
        "LOG_LEVEL_LIBRARIES": "DEBUG",
    }
    with running_assistant(
        tmp_path_factory.mktemp("api"), overrides, endpoints=None, rasa_command=SERVE_RASA, extra_args=["--debug"]
    ) as running:
        yield running


def api(assistant: Assistant, method: str, path: str, token: Optional[str] = TOKEN, **kwargs) -> requests.Response:
    params = {"token": token} if token is not None else {}
    return requests.request(method, assistant.rasa_url + path, params=params, timeout=60, **kwargs)


def tracker(assistant: Assistant, conversation: str) -> dict:
    reply = api(assistant, "GET", f"/conversations/{conversation}/tracker")
    assert reply.status_code == 200, reply.text
    return reply.json()


# --- the launcher refuses an open API -------------------------------------------------------


def launch(env_overrides: dict, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = assistant_env(tmp_path, {"RASA_ENABLE_API": "false", "RASA_AUTH_TOKEN": "", **env_overrides})
    return subprocess.run(
        [*SERVE_RASA, "--model", str(MODEL), "--port", str(free_port()), *args],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    "env, args",
    [
        ({"RASA_ENABLE_API": "true"}, ()),
        ({"RASA_ENABLE_API": "true", "RASA_AUTH_TOKEN": "   "}, ()),
        ({"RASA_ENABLE_API": "true", "RASA_AUTH_TOKEN": "short"}, ()),
        ({}, ("--enable-api",)),
        ({"RASA_ENABLE_API": "true"}, ("--auth-token", "x" * 32)),
        ({"ASSISTANT_PROFILE": "staging"}, ()),
    ],
    ids=["no-token", "blank-token", "short-token", "flag-without-token", "token-on-the-command-line", "unknown-profile"],
)
def test_the_launcher_refuses(env: dict, args: tuple, tmp_path: Path) -> None:
    result = launch(env, *args, tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "serve-rasa:" in result.stderr


# --- unauthenticated calls are refused -------------------------------------------------------


def test_the_api_is_on_for_the_token_holder(assistant: Assistant) -> None:
    assert api(assistant, "GET", "/status").status_code == 200
    assert api(assistant, "GET", "/conversations/api-someone/tracker").status_code == 200


@pytest.mark.parametrize("token", [None, "", "wrong-token", TOKEN.upper()], ids=["none", "empty", "wrong", "case"])
@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/conversations/api-victim/tracker", None),
        ("POST", "/conversations/api-victim/tracker/events", {"event": "slot", "name": "eligibility", "value": "late_repayment"}),
        ("PUT", "/conversations/api-victim/tracker/events", [{"event": "restart"}]),
        ("POST", "/conversations/api-victim/messages", {"text": "hi", "sender": "user"}),
        ("POST", "/conversations/api-victim/trigger_intent", {"name": "ask_call_centre"}),
        ("PUT", "/model", {"model_file": "models/assistant.tar.gz"}),
        ("DELETE", "/model", None),
        ("POST", "/model/parse", {"text": "ログインできない"}),
        ("GET", "/status", None),
        ("GET", "/domain", None),
    ],
)
def test_unauthenticated_calls_are_refused(assistant: Assistant, method: str, path: str, body, token) -> None:
    reply = api(assistant, method, path, token=token, json=body)
    assert reply.status_code in (401, 403), f"{method} {path}: {reply.status_code} {reply.text[:200]}"


def test_a_bearer_header_is_no_way_around_it(assistant: Assistant) -> None:
    reply = api(assistant, "GET", "/status", token=None, headers={"Authorization": f"Bearer {TOKEN}"})
    assert reply.status_code in (401, 403)


def test_refused_calls_changed_nothing_and_the_channels_keep_working(assistant: Assistant) -> None:
    victim = f"api-victim-{uuid.uuid4().hex[:6]}"
    assert "どのようなことでお困りですか" in assistant.texts(victim, "こんにちは")
    for token in (None, "wrong-token"):
        api(assistant, "POST", f"/conversations/{victim}/tracker/events", token=token,
            json={"event": "slot", "name": "eligibility", "value": "late_repayment"})
        api(assistant, "PUT", f"/conversations/{victim}/tracker/events", token=token, json=[{"event": "restart"}])
        api(assistant, "DELETE", "/model", token=token)
    state = tracker(assistant, victim)
    assert state["slots"]["eligibility"] is None
    assert not any(event["event"] == "restart" for event in state["events"])
    # The model is still loaded and every channel still answers.
    assert api(assistant, "GET", "/status").json()["model_file"]
    assert "ログインにはどちらの方法をお使いですか" in assistant.texts(victim, "ログインできない")


# --- the token stays secret -------------------------------------------------------------------


def _rasa_pid(assistant: Assistant) -> int:
    return assistant.processes[1].pid


def test_the_token_is_not_on_the_command_line(assistant: Assistant) -> None:
    cmdline = Path(f"/proc/{_rasa_pid(assistant)}/cmdline").read_bytes().decode("utf-8", "replace")
    assert "rasa" in cmdline or "serve-rasa" in cmdline or "python" in cmdline
    assert TOKEN not in cmdline
    assert "--auth-token" not in cmdline


def test_the_token_is_never_logged(assistant: Assistant) -> None:
    # Calls that carry the token in the query string, so an access log would have it.
    api(assistant, "GET", "/status")
    api(assistant, "GET", "/conversations/api-log/tracker")
    api(assistant, "POST", "/model/parse", json={"text": "こんにちは"})
    api(assistant, "POST", "/model/parse", json=[1])  # refused by the hardening, logged as refused
    logs = assistant.logs()
    assert logs
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in logs)
    # The access log is on (libraries at DEBUG) and shows the calls, with the token masked.
    assert "sanic.access" in text and "/status?token=***" in text
    assert TOKEN not in text


# --- customers cannot force intents or slots ---------------------------------------------------


def _last_user_event(state: dict) -> dict:
    return [event for event in state["events"] if event["event"] == "user"][-1]


def test_a_forged_command_sets_no_slot_and_forces_no_intent(assistant: Assistant) -> None:
    customer = f"api-forger-{uuid.uuid4().hex[:6]}"
    replies = assistant.texts(customer, FORGED)
    state = tracker(assistant, customer)
    user = _last_user_event(state)
    assert not user["text"].startswith("/"), user["text"]  # read as text, not as a command
    assert state["slots"]["eligibility"] is None and state["slots"]["login_method"] != "x"
    assert "返済の遅れ" not in replies  # not the late-repayment handoff the forged slot would give


def test_restart_is_no_customer_command(assistant: Assistant) -> None:
    customer = f"api-restart-{uuid.uuid4().hex[:6]}"
    assistant.texts(customer, "ログインできない")
    assistant.texts(customer, "/restart")
    state = tracker(assistant, customer)
    assert not any(event["event"] == "restart" for event in state["events"])
    assert state["active_loop"].get("name") == "login_triage_form"  # the triage is still where it was


def test_the_assistants_own_buttons_still_work(assistant: Assistant) -> None:
    customer = f"api-button-{uuid.uuid4().hex[:6]}"
    assistant.texts(customer, "ログインできない")
    assistant.texts(customer, '/inform{"login_method": "id_password"}')
    assistant.texts(customer, '/inform{"problem": "rejected"}')
    replies = assistant.texts(customer, GENUINE)
    assert "返済の遅れ" in replies  # the button's slot was taken: late repayment goes to the phone line
    assert _last_user_event(tracker(assistant, customer))["parse_data"]["intent"]["name"] == "inform"


def test_the_token_comes_from_the_environment_only() -> None:
    assert "RASA_AUTH_TOKEN" not in os.environ or os.environ["RASA_AUTH_TOKEN"] != TOKEN
    defaults = (PROJECT_ROOT / "defaults.env").read_text(encoding="utf-8")
    assert "\nRASA_AUTH_TOKEN=\n" in defaults  # no token shipped with the project
