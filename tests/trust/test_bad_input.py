"""Item 4: bad input on every endpoint gets a clear 4xx or a polite reply, never a 5xx or a crash.

The corpus (tests/trust/corpus.py) covers the REST webhook, the root and health routes and Rasa's
HTTP API (on, with its token, as scripts/serve-rasa runs it); socket.io and LINE get their own
bad events when their channels exist. After every case a normal message must still be answered.

For the record, a stock Rasa 3.6.21 (`rest:` channel, --enable-api) answers 16 of the 98 corpus
requests with a 500 (5 on the webhook: a body that is a list, a string, null, a number or
empty; 11 on the API), answers a missing or null sender under the shared conversation
"default", stores NUL bytes and 100,000-character messages, lets "/restart" restart the
conversation, and answers wrong types in `message` with silence.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import requests

from business import incoming_text
from deployment.settings import PROJECT_ROOT
from rasa_addons.channels import guard
from tests.support.servers import SERVE_RASA, Assistant, running_assistant
from tests.trust import channels
from tests.trust.conftest import FIXED_NOW
from tests.trust.corpus import CORPUS, Case

pytestmark = pytest.mark.slow

TOKEN = "bad-input-" + uuid.uuid4().hex
LINE_SECRET = "trust-line-secret-" + uuid.uuid4().hex[:8]
ORIGIN = "http://localhost:8080"
GREETING = "どのようなことでお困りですか"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, line_api: channels.FakeLineApi) -> Iterator[Assistant]:
    overrides = {
        "ASSISTANT_NOW": FIXED_NOW,
        "ASSISTANT_PROFILE": "default",
        "RASA_ENABLE_API": "true",
        "RASA_AUTH_TOKEN": TOKEN,
        "WEBCHAT_ORIGIN": ORIGIN,
        "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": "trust-line-access-token",
        "LINE_API_BASE_URL": line_api.url,
    }
    with running_assistant(
        tmp_path_factory.mktemp("bad-input"), overrides, endpoints=None, rasa_command=SERVE_RASA
    ) as running:
        running.say("bad-input-api", "こんにちは")  # a conversation for the API cases to act on
        yield running


def still_answers(assistant: Assistant) -> None:
    """Both servers are alive and a normal message gets its normal answer."""
    assert all(process.poll() is None for process in assistant.processes), "a server process died"
    texts = assistant.texts(f"bad-input-next-{uuid.uuid4().hex[:6]}", "こんにちは")
    assert GREETING in texts


def send(assistant: Assistant, case: Case) -> requests.Response:
    headers = {"Content-Type": case.content_type} if case.content_type else {}
    if case.accept:
        headers["Accept"] = case.accept
    url = assistant.rasa_url + case.path
    if case.api:
        url += ("&" if "?" in url else "?") + "token=" + TOKEN
    return requests.request(case.method, url, data=case.body, headers=headers, timeout=60)


@pytest.mark.parametrize("case", CORPUS, ids=str)
def test_http_corpus(assistant: Assistant, case: Case) -> None:
    reply = send(assistant, case)
    assert reply.status_code < 500, f"{case.name}: {reply.status_code} {reply.text[:300]}"
    if case.expect == "4xx":
        assert 400 <= reply.status_code < 500, f"{case.name}: {reply.status_code} {reply.text[:300]}"
        assert reply.headers.get("content-type", "").startswith("application/json"), f"{case.name}: {reply.text[:300]}"
        assert isinstance(reply.json(), dict)
        assert "Traceback" not in reply.text
    elif case.expect == "2xx":
        assert 200 <= reply.status_code < 300, f"{case.name}: {reply.status_code} {reply.text[:300]}"
    else:
        assert reply.status_code == 200, f"{case.name}: {reply.status_code} {reply.text[:300]}"
        texts = [message.get("text") for message in reply.json()]
        if case.expect == "polite":
            assert texts == [getattr(incoming_text, case.polite)]
        else:  # a real answer, not silence and not the apology
            assert texts and all(isinstance(text, str) and text for text in texts), texts
            assert guard.assistant_unavailable_text() not in texts
    still_answers(assistant)


def test_error_bodies_are_short_json_with_a_reason(assistant: Assistant) -> None:
    reply = requests.post(f"{assistant.rasa_url}/webhooks/rest/webhook", json={"sender": "x", "message": 5}, timeout=30)
    assert reply.status_code == 400
    assert reply.json() == {"error": "invalid_message", "message": '"message" must be a string.'}


def test_over_long_and_control_characters_never_reach_the_tracker(assistant: Assistant) -> None:
    sender = f"bad-input-tracker-{uuid.uuid4().hex[:6]}"
    assistant.say(sender, "あ" * 100_000)
    assistant.say(sender, "\x00ログイン\x00できない\x1b[0m")
    tracker = requests.get(f"{assistant.rasa_url}/conversations/{sender}/tracker", params={"token": TOKEN}, timeout=30).json()
    user_texts = [event["text"] for event in tracker["events"] if event["event"] == "user"]
    assert user_texts == ["ログインできない[0m"]


# --- socket.io -------------------------------------------------------------------------------

SOCKETIO_BAD_EVENTS = [
    None, 42, "just a string", [], {}, {"message": 5}, {"message": None}, {"message": ["x"]},
    {"message": ""}, {"message": "   "}, {"message": "😀😀"}, {"message": "あ" * 100_000},
    {"message": "\x00ログイン\x00できない"}, {"message": "<script>alert(1)</script>"},
    {"message": "ログインできない", "session_id": "someone-elses-session"},
    {"message": "x", "metadata": "not json"}, {"message": "x", "metadata": {"a": [[[[[[[[[[1]]]]]]]]]]}},
]


@pytest.mark.skipif(not channels.socketio_available(), reason="no socket.io channel configured yet")
def test_socketio_bad_events_do_not_break_the_chat(assistant: Assistant) -> None:
    texts = channels.socketio_fire_then_ask(assistant.rasa_url, ORIGIN, SOCKETIO_BAD_EVENTS, "こんにちは", GREETING)
    assert any(GREETING in text for text in texts), texts
    still_answers(assistant)


@pytest.mark.skipif(not channels.socketio_available(), reason="no socket.io channel configured yet")
@pytest.mark.parametrize(
    "method, query, body, headers",
    [
        ("GET", "", None, {}),
        ("GET", "?EIO=4&transport=polling&sid=not-a-session", None, {"Origin": ORIGIN}),
        ("POST", "?EIO=4&transport=polling&sid=not-a-session", b"\xff\x00junk", {"Origin": ORIGIN}),
        ("GET", "?EIO=999&transport=carrier-pigeon", None, {"Origin": ORIGIN}),
        ("GET", "?EIO=4&transport=polling", None, {"Origin": "http://evil.example"}),
    ],
    ids=["no-query", "unknown-sid", "junk-post", "bad-protocol", "foreign-origin"],
)
def test_socketio_http_garbage_gets_4xx(assistant: Assistant, method: str, query: str, body, headers: dict) -> None:
    reply = requests.request(method, f"{assistant.rasa_url}/socket.io/{query}", data=body, headers=headers, timeout=30)
    assert reply.status_code < 500, reply.text[:300]
    still_answers(assistant)


# --- LINE ------------------------------------------------------------------------------------


def _line_body(events: object) -> bytes:
    return json.dumps({"destination": "Uassistant", "events": events}).encode()


LINE_BAD_REQUESTS = [
    ("no signature", _line_body([]), None, {401, 403}),
    ("wrong signature", _line_body([]), "c2lnbmF0dXJl", {401, 403}),
    ("signed, not JSON", b"{not json", "sign", {400}),
    ("signed, a list", b"[1, 2]", "sign", {400}),
    ("signed, events is a string", b'{"events": "x"}', "sign", {400}),
    ("signed, nested 100,000 deep", b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "sign", {400, 413}),
    ("signed, 2 MB", _line_body([{"type": "message", "pad": "p" * 2_000_000}]), "sign", {413}),
    ("signed, events of wrong types", _line_body([1, "x", None, {"type": "message", "message": 5}, {"source": []}]), "sign", {200}),
    ("signed, a sticker", _line_body([{"type": "message", "replyToken": "t-sticker", "source": {"type": "user", "userId": "Ubad"},
                                       "message": {"type": "sticker", "id": "1"}}]), "sign", {200}),
]


@pytest.mark.skipif(not channels.line_available(), reason="no LINE channel configured yet")
@pytest.mark.parametrize("name, body, signature, statuses", LINE_BAD_REQUESTS, ids=[r[0] for r in LINE_BAD_REQUESTS])
def test_line_bad_webhooks_get_4xx_or_are_ignored(
    assistant: Assistant, line_api: channels.FakeLineApi, name: str, body: bytes, signature, statuses: set
) -> None:
    reply = channels.line_post(assistant.rasa_url, LINE_SECRET, body, signature)
    assert reply.status_code in statuses, f"{name}: {reply.status_code} {reply.text[:200]}"
    answers = channels.line_converse(assistant.rasa_url, LINE_SECRET, line_api, f"U{uuid.uuid4().hex}", ["こんにちは"])
    assert any(GREETING in text for text in answers[0]), answers
    still_answers(assistant)


@pytest.mark.skipif(not channels.line_available(), reason="no LINE channel configured yet")
@pytest.mark.parametrize(
    "text",
    [
        "😀😀",
        "\x00ログイン\x00できない",
        "<script>alert(1)</script>",
        "/restart",
        "あ" * 5000,
        "   ",
    ],
    ids=["emoji", "nul", "script", "restart", "5000-chars", "whitespace"],
)
def test_line_odd_texts_are_answered(assistant: Assistant, line_api: channels.FakeLineApi, text: str) -> None:
    user = f"U{uuid.uuid4().hex}"
    answers = channels.line_converse(assistant.rasa_url, LINE_SECRET, line_api, user, [text], timeout=5)
    assert answers[0], f"no answer to {text[:20]!r}"
    answers = channels.line_converse(assistant.rasa_url, LINE_SECRET, line_api, user, ["こんにちは"])
    assert any(GREETING in text for text in answers[0]), answers
    still_answers(assistant)


def test_the_corpus_covers_what_the_issue_lists() -> None:
    names = " ".join(case.name for case in CORPUS).lower()
    for topic in ("empty", "whitespace", "100,000", "control", "nul", "utf-8", "emoji", "html", "script", "number",
                  "missing", "content type", "nested", "mb", "health", "parse", "events", "model"):
        assert topic in names, topic
    assert Path(PROJECT_ROOT / "tests" / "trust" / "corpus.py").exists()
