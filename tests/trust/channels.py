"""Clients for the customer channels that exist: REST always, socket.io and LINE when their modules do.

Each `converse(...)` sends messages one by one and returns, per message, the texts the customer
reads. test_redaction_end_to_end and test_bad_input drive every channel through these.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from contextlib import asynccontextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, AsyncIterator, Optional, Sequence

import requests

from business.redaction import SECRET_WARNING
from deployment.settings import PROJECT_ROOT

SOCKETIO_MODULE = PROJECT_ROOT / "rasa_addons" / "channels" / "socketio.py"
LINE_MODULE = PROJECT_ROOT / "rasa_addons" / "channels" / "line.py"
CREDENTIALS = PROJECT_ROOT / "credentials.yml"


def channel_configured(class_path: str) -> bool:
    """Whether credentials.yml configures the channel class (so the running server has it)."""
    return any(line.split(":")[0].strip() == class_path for line in CREDENTIALS.read_text(encoding="utf-8").splitlines())


def socketio_available() -> bool:
    return SOCKETIO_MODULE.exists() and channel_configured("rasa_addons.channels.socketio.GuardedSocketIOInput")


def line_available() -> bool:
    return LINE_MODULE.exists() and channel_configured("rasa_addons.channels.line.LineInput")


# --- REST -------------------------------------------------------------------------------------


def rest_converse(rasa_url: str, sender: str, messages: Sequence[str], timeout: float = 60) -> list[list[str]]:
    answers = []
    for message in messages:
        reply = requests.post(f"{rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=timeout)
        reply.raise_for_status()
        answers.append([item.get("text", "") for item in reply.json()])
    return answers


# --- socket.io (the web chat page's protocol, with its origin) ---------------------------------


@asynccontextmanager
async def _web_chat_session(url: str, origin: str, timeout: float) -> AsyncIterator[tuple[Any, str, asyncio.Queue]]:
    """A connected socket.io client with a confirmed session: (client, session_id, bot messages)."""
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: received.put_nowait(data))
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(url, headers={"Origin": origin}, transports=["websocket"], socketio_path="/socket.io", wait_timeout=timeout)
    try:
        await client.emit("session_request", {"session_id": uuid.uuid4().hex})
        session_id = await asyncio.wait_for(confirmed.get(), timeout)
        yield client, session_id, received
    finally:
        await client.disconnect()


async def _socketio_converse(url: str, origin: str, messages: Sequence[object], quiet: float, timeout: float) -> list[list[str]]:
    async with _web_chat_session(url, origin, timeout) as (client, session_id, received):
        answers = []
        for message in messages:
            data = message if not isinstance(message, str) else {"message": message, "session_id": session_id}
            await client.emit("user_uttered", data)
            answers.append(await _collect(received, quiet, timeout))
        return answers


async def _collect(received: asyncio.Queue, quiet: float, timeout: float) -> list[str]:
    """Bot messages until none came for `quiet` seconds after the assistant's first own message.

    The guard's warning comes at once, before Rasa has answered: it does not start the quiet time.
    """
    texts: list[str] = []
    answered = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        wait = quiet if answered else max(0.1, deadline - time.monotonic())
        try:
            data = await asyncio.wait_for(received.get(), wait)
        except asyncio.TimeoutError:
            break
        text = data.get("text", "") if isinstance(data, dict) else str(data)
        texts.append(text)
        answered = answered or text != SECRET_WARNING
    return texts


async def _socketio_fire_then_ask(url: str, origin: str, events: Sequence[object], question: str, expect: str, timeout: float) -> list[str]:
    async with _web_chat_session(url, origin, timeout) as (client, session_id, received):
        for event in events:
            await client.emit("user_uttered", event)
        await client.emit("user_uttered", {"message": question, "session_id": session_id})
        texts: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not any(expect in text for text in texts):
            try:
                data = await asyncio.wait_for(received.get(), max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                break
            texts.append(data.get("text", "") if isinstance(data, dict) else str(data))
        return texts


def socketio_fire_then_ask(
    rasa_url: str, origin: str, events: Sequence[object], question: str, expect: str, timeout: float = 60
) -> list[str]:
    """Emit raw `events` without waiting, then `question`; every bot text until one contains `expect`."""
    return asyncio.run(_socketio_fire_then_ask(rasa_url, origin, events, question, expect, timeout))


def socketio_converse(
    rasa_url: str, origin: str, messages: Sequence[object], quiet: float = 1.0, timeout: float = 30
) -> list[list[str]]:
    """Send `messages` in one web chat session; a non-str item is emitted as the raw event data."""
    return asyncio.run(_socketio_converse(rasa_url, origin, messages, quiet, timeout))


def socketio_conversations(
    rasa_url: str, origin: str, conversations: Sequence[Sequence[object]], quiet: float = 1.0, timeout: float = 30
) -> list[list[list[str]]]:
    """Several sessions at once (each in order), so waiting for quiet does not add up."""

    async def all_of_them() -> list:
        return await asyncio.gather(*(_socketio_converse(rasa_url, origin, c, quiet, timeout) for c in conversations))

    return asyncio.run(all_of_them())


# --- LINE (signed webhooks in; replies caught by a fake Messaging API) ------------------------


class FakeLineApi:
    """A local stand-in for api.line.me: records reply and push calls, answers 200."""

    def __init__(self) -> None:
        self.calls: list[dict] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                try:
                    payload = json.loads(body)
                except ValueError:
                    payload = {}
                with fake._lock:
                    fake.calls.append({"path": self.path, "body": payload})
                answer = b"{}"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "FakeLineApi":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def texts_for(self, reply_token: str) -> Optional[list[str]]:
        with self._lock:
            for call in self.calls:
                if call["body"].get("replyToken") == reply_token:
                    return [m.get("text", "") for m in call["body"].get("messages", [])]
        return None


def line_signature(secret: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def line_text_event(user_id: str, text: str, reply_token: str) -> dict:
    return {
        "type": "message",
        "mode": "active",
        "timestamp": int(time.time() * 1000),
        "source": {"type": "user", "userId": user_id},
        "webhookEventId": uuid.uuid4().hex.upper(),
        "deliveryContext": {"isRedelivery": False},
        "replyToken": reply_token,
        "message": {"type": "text", "id": str(uuid.uuid4().int)[:18], "text": text},
    }


def line_post(rasa_url: str, secret: str, body: bytes, signature: Optional[str] = "sign") -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if signature == "sign":
        headers["X-Line-Signature"] = line_signature(secret, body)
    elif signature is not None:
        headers["X-Line-Signature"] = signature
    return requests.post(f"{rasa_url}/webhooks/line/webhook", data=body, headers=headers, timeout=30)


def line_converse(
    rasa_url: str, secret: str, api: FakeLineApi, user_id: str, messages: Sequence[str], timeout: float = 30
) -> list[list[str]]:
    answers = []
    for message in messages:
        token = uuid.uuid4().hex
        body = json.dumps({"destination": "Uassistant", "events": [line_text_event(user_id, message, token)]}).encode()
        response = line_post(rasa_url, secret, body)
        assert response.status_code == 200, response.text
        deadline = time.monotonic() + timeout
        while (texts := api.texts_for(token)) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        answers.append(texts or [])
    return answers
