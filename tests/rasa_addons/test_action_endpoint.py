"""Rasa's calls to the action server over one kept-alive session send and return what Rasa's own do."""

from __future__ import annotations

import json
import math
from typing import Any, AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from rasa_addons import action_endpoint, rasa_changes

# What Rasa sends with a custom action: Japanese text, floats, nesting, null and booleans.
ACTION_CALL = {
    "next_action": "action_explain_pin_reset",
    "sender_id": "お客さま-1",
    "tracker": {
        "latest_message": {"text": "暗証番号を忘れました / 4桁", "intent": {"name": "ask_pin", "confidence": 0.9123456789}},
        "slots": {"card_holder": None, "days": 30.0, "balance": 100000},
        "paused": False,
        "events": [{"event": "user", "text": "カード\n\"引用\"\\", "timestamp": 1765161600.123456}],
    },
    "domain": {"responses": {"utter_x": [{"text": "こんにちは"}]}},
}


class ActionServer:
    """A stand-in action server that records what it receives and on which connection."""

    def __init__(self) -> None:
        self.bodies: list[Any] = []
        self.headers: list[dict] = []
        self.connections: list[int] = []

    async def webhook(self, request: web.Request) -> web.Response:
        self.bodies.append(await request.json())
        self.headers.append(dict(request.headers))
        self.connections.append(id(request.transport))
        if request.query.get("reply") == "rejected":
            return web.json_response({"action_name": "validate_x", "error": "いいえ"}, status=400)
        if request.query.get("reply") == "text":
            return web.Response(text="ok")
        return web.json_response({"events": [{"event": "slot", "name": "days", "value": 30}], "responses": [{"text": "はい"}]})


@pytest_asyncio.fixture()
async def server() -> AsyncIterator[tuple[ActionServer, str]]:
    recorder = ActionServer()
    app = web.Application()
    app.router.add_post("/webhook", recorder.webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # the server itself picks the port: nothing can take it first
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield recorder, f"http://127.0.0.1:{port}/webhook"
    await action_endpoint.close_pooled_sessions()
    await runner.cleanup()


@pytest.fixture(autouse=True, scope="module")
def installed() -> None:
    rasa_changes.install_all()


async def call(endpoint: EndpointConfig, reply: str = "json", rasas_own: bool = False, monkeypatch=None) -> Any:
    if rasas_own:
        monkeypatch.setattr(EndpointConfig, "session", action_endpoint.RASA_SESSION)
    try:
        return await endpoint.request(json=ACTION_CALL, method="post", subpath=None, params={"reply": reply})
    finally:
        if rasas_own:
            monkeypatch.undo()


def test_the_registry_installs_the_pooled_session():
    assert EndpointConfig.session is action_endpoint.pooled_session


@pytest.mark.asyncio
async def test_the_action_server_receives_the_same_json_and_the_caller_the_same_answer(server, monkeypatch):
    recorder, url = server
    endpoint = EndpointConfig(url, headers={"X-From": "rasa"}, basic_auth={"username": "u", "password": "p"})
    ours = await call(endpoint)
    rasas = await call(endpoint, rasas_own=True, monkeypatch=monkeypatch)
    assert ours == rasas == {"events": [{"event": "slot", "name": "days", "value": 30}], "responses": [{"text": "はい"}]}
    assert recorder.bodies[0] == recorder.bodies[1] == ACTION_CALL
    for name in ("Content-Type", "X-From", "Authorization"):
        assert recorder.headers[0][name].split(";")[0] == recorder.headers[1][name].split(";")[0], name


@pytest.mark.asyncio
async def test_a_rejection_raises_the_same_error_with_the_same_body(server, monkeypatch):
    _, url = server
    endpoint = EndpointConfig(url)
    errors = []
    for rasas_own in (False, True):
        with pytest.raises(ClientResponseError) as raised:
            await call(endpoint, "rejected", rasas_own, monkeypatch)
        errors.append((raised.value.status, json.loads(raised.value.text)))
    assert errors[0] == errors[1] == (400, {"action_name": "validate_x", "error": "いいえ"})


@pytest.mark.asyncio
async def test_an_answer_that_is_not_json_is_none_as_in_rasa(server, monkeypatch):
    _, url = server
    endpoint = EndpointConfig(url)
    assert await call(endpoint, "text") is None
    assert await call(endpoint, "text", rasas_own=True, monkeypatch=monkeypatch) is None


@pytest.mark.asyncio
async def test_calls_to_the_action_server_share_one_connection_until_the_server_stops(server):
    recorder, url = server
    endpoint = EndpointConfig(url)
    for _ in range(3):
        await call(endpoint)
    assert len(set(recorder.connections)) == 1
    await action_endpoint.close_pooled_sessions()
    await call(endpoint)
    assert len(set(recorder.connections)) == 2


def test_every_value_encodes_as_the_standard_library_reads_it():
    assert json.loads(action_endpoint.encode_json(ACTION_CALL)) == ACTION_CALL
    assert json.loads(action_endpoint.encode_json({"big": 2**70})) == {"big": 2**70}  # beyond ujson: json's
    assert math.isnan(json.loads(action_endpoint.encode_json({"x": math.nan}))["x"])
