"""The socket.io channel against the real servers, with python-socketio as the web page's stand-in.

Odd text (empty, emoji only, over 5,000 characters, not text at all) gets the polite answer REST
and LINE give, never silence, and the next message is answered as usual; none of it, and none of
the client's metadata, reaches the tracker.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any, Iterator

import pytest
import requests
from ruamel.yaml import YAML

from business.incoming_text import EMPTY_REPLY, MAX_TEXT_CHARS, NO_TEXT_REPLY, TOO_LONG_REPLY
from deployment.settings import PROJECT_ROOT
from tests.support.servers import Assistant, running_assistant

pytestmark = pytest.mark.slow

CHANNEL_KEY = "rasa_addons.channels.socketio.GuardedSocketIOInput"
ORIGIN = "http://localhost:8080"
TOKEN = "socketio-live-" + uuid.uuid4().hex
GREETING = "どのようなことでお困りですか"
TIMEOUT = 30


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The assistant with only the web chat channel (as credentials.yml configures it) and the API on."""
    workdir = tmp_path_factory.mktemp("socketio-live")
    yaml = YAML(typ="rt")
    section = yaml.load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8"))[CHANNEL_KEY]
    credentials = workdir / "credentials.yml"
    with credentials.open("w", encoding="utf-8") as file:
        yaml.dump({CHANNEL_KEY: section}, file)
    with running_assistant(
        workdir, {"WEBCHAT_ORIGIN": ORIGIN}, credentials=credentials, extra_args=["--enable-api", "--auth-token", TOKEN]
    ) as running:
        yield running


async def _chat(url: str, events: list[Any], settle: float = 1.0) -> tuple[str, list[list[str]]]:
    """One web chat session: each event (a str is sent as the page sends text) and the bot texts that followed it.

    After each event, bot messages are read until none came for `settle` seconds (the first one may take
    up to TIMEOUT), so the answers are told apart per event.
    """
    import socketio

    client = socketio.AsyncClient(reconnection=False)
    received: asyncio.Queue = asyncio.Queue()
    confirmed: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: received.put_nowait(data))
    client.on("session_confirm", lambda data: confirmed.put_nowait(data))
    await client.connect(url, headers={"Origin": ORIGIN}, transports=["websocket"], wait_timeout=TIMEOUT)
    try:
        await client.emit("session_request", {"session_id": uuid.uuid4().hex})
        session_id = await asyncio.wait_for(confirmed.get(), TIMEOUT)
        answers = []
        for event in events:
            data = {"message": event} if isinstance(event, str) else event
            data = {"session_id": session_id, **data}
            await client.emit("user_uttered", data)
            texts: list[str] = []
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                wait = settle if texts else deadline - time.monotonic()
                try:
                    message = await asyncio.wait_for(received.get(), wait)
                except asyncio.TimeoutError:
                    break
                texts.append(message.get("text", "") if isinstance(message, dict) else str(message))
            answers.append(texts)
        return session_id, answers
    finally:
        await client.disconnect()


def chat(assistant: Assistant, events: list[Any]) -> tuple[str, list[list[str]]]:
    return asyncio.run(_chat(assistant.rasa_url, events))


def tracker_events(assistant: Assistant, session_id: str) -> list[dict]:
    reply = requests.get(
        f"{assistant.rasa_url}/conversations/{session_id}/tracker", params={"token": TOKEN}, timeout=TIMEOUT
    )
    reply.raise_for_status()
    return reply.json()["events"]


@pytest.mark.parametrize(
    "event, polite",
    [
        ("", EMPTY_REPLY),
        ("  \n ", EMPTY_REPLY),
        ("\x00\u202e", EMPTY_REPLY),
        ("😀😀", NO_TEXT_REPLY),
        ("あ" * (MAX_TEXT_CHARS + 1), TOO_LONG_REPLY),
        ("あ" * 100_000, TOO_LONG_REPLY),
        ({"message": 5}, EMPTY_REPLY),
        ({"text": "no message key"}, EMPTY_REPLY),
    ],
    ids=["empty", "whitespace", "untypeable", "emoji", "5001-chars", "100k-chars", "number", "no-message"],
)
def test_odd_text_gets_the_polite_answer_and_the_next_message_its_answer(
    assistant: Assistant, event: Any, polite: str
) -> None:
    _, answers = chat(assistant, [event, "こんにちは"])
    assert answers[0] == [polite]
    assert any(GREETING in text for text in answers[1]), answers


def test_refused_text_and_client_metadata_never_reach_the_tracker(assistant: Assistant) -> None:
    session_id, answers = chat(
        assistant,
        [
            "",
            "😀",
            "あ" * (MAX_TEXT_CHARS + 1),
            {"message": "こんにちは", "metadata": {"planted": "by-client"}, "customData": {"language": "ja", "planted": 1}},
        ],
    )
    assert answers[:3] == [[EMPTY_REPLY], [NO_TEXT_REPLY], [TOO_LONG_REPLY]]
    assert any(GREETING in text for text in answers[3]), answers
    users = [event for event in tracker_events(assistant, session_id) if event["event"] == "user"]
    assert [event["text"] for event in users] == ["こんにちは"]
    (user,) = users
    assert user["input_channel"] == "socketio"
    assert not {"planted", "language", "customData"} & set(user.get("metadata") or {}), user["metadata"]
    assert "by-client" not in str(user)
