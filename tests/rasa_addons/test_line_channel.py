"""The LINE channel against a fake LINE API: signatures, limits, events, replies and retries.

Most tests mount the channel on a Sanic app in the test's own loop, as Rasa does (channel.register),
with a stand-in agent. The last test (marked slow) runs the real assistant end to end.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Iterator, Optional

import aiohttp
import pytest
import pytest_asyncio
import requests
from rasa.core.channels.channel import UserMessage, register
from rasa.core.run import create_http_input_channels
from rasa.shared.exceptions import RasaException
from sanic import Sanic

from business.call_centre import LADIES_CALL, PROMISE_CALL
from business.redaction import SECRET_WARNING
from deployment.settings import PROJECT_ROOT
from rasa_addons.channels import guard
from rasa_addons.channels.line import TEXT_ONLY_NOTICE, ChatQueues, LineInput, SeenEvents
from rasa_addons.channels.line_api import LineApi, RetryPolicy, split_text
from tests.support.fake_line_api import PUSH, REPLY, FakeLineApi
from tests.support.line_models import LineModels
from tests.support.servers import free_port, running_assistant

SECRET = "test-channel-secret"
TOKEN = "test-channel-access-token"
USER = "U4af4980629000000000000000000000a"
OTHER_USER = "U4af4980629000000000000000000000b"
GROUP = "Ca56f94637c000000000000000000000c"
WEBHOOK = "/webhooks/line/webhook"
BEARER = f"Bearer {TOKEN}"


# --- LINE's side ---------------------------------------------------------------------------


def sign(secret: str, body: bytes) -> str:
    """LINE's signature, written out here independently of the channel's own code."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def webhook_body(*events: dict) -> bytes:
    return json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()


def event(kind: str, user: str = USER, reply_token: Optional[str] = "reply-token-1", **fields: Any) -> dict:
    base = {
        "type": kind,
        "mode": "active",
        "timestamp": 1_780_000_000_000,
        "source": {"type": "user", "userId": user},
        "webhookEventId": uuid.uuid4().hex.upper()[:26],
        "deliveryContext": {"isRedelivery": False},
    }
    if reply_token:
        base["replyToken"] = reply_token
    return {**base, **fields}


def text_event(text: str, **options: Any) -> dict:
    return event("message", message={"id": "468789577898262530", "type": "text", "text": text}, **options)


def text(value: str) -> dict:
    return {"type": "text", "text": value}


# --- the channel, mounted as Rasa mounts it --------------------------------------------------


class FakeAssistant:
    """Stands in for Rasa's agent: records what it hears and says what the test wants."""

    def __init__(self) -> None:
        self.heard: list[UserMessage] = []
        self.answers: Callable[[str], list[dict]] = lambda heard: [{"text": f"答え：{heard}"}]
        self.gate: Optional[asyncio.Event] = None
        self.timeline: list[tuple[str, str]] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.heard.append(message)
        self.timeline.append(("start", message.text))
        if self.gate is not None:
            await self.gate.wait()
        for answer in self.answers(message.text):
            await message.output_channel.send_response(message.sender_id, dict(answer))
        self.timeline.append(("end", message.text))


@dataclass
class Line:
    fake: FakeLineApi
    assistant: FakeAssistant
    channel: LineInput
    url: str
    http: aiohttp.ClientSession
    waits: list = field(default_factory=list)

    async def post(self, body: bytes, signature: Optional[str], **headers: str) -> int:
        if signature is not None:
            headers["X-Line-Signature"] = signature
        async with self.http.post(self.url + WEBHOOK, data=body, headers=headers) as answer:
            await answer.read()
            return answer.status

    async def send(self, *events: dict, secret: str = SECRET) -> int:
        body = webhook_body(*events)
        return await self.post(body, sign(secret, body), **{"Content-Type": "application/json"})

    async def exchange(self, *events: dict) -> None:
        """Send signed events and wait until the channel has answered all of them."""
        assert await self.send(*events) == 200
        await self.channel.idle()

    def heard(self) -> list[str]:
        return [message.text for message in self.assistant.heard]


@asynccontextmanager
async def serving(channel: LineInput, agent: FakeAssistant) -> AsyncIterator[str]:
    app = Sanic(f"line_test_{uuid.uuid4().hex[:12]}")
    app.ctx.agent = agent
    register([channel], app, route="/webhooks/")
    port = free_port()
    server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False)
    await server.startup()
    await server.before_start()
    await server.after_start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.before_stop()  # the channel's listener: finish turns, close the session
        server.close()
        await server.wait_closed()
        for connection in list(server.connections):  # while the loop still runs, not at its close
            connection.close(timeout=0.05)
        for _ in range(50):
            if not server.connections:
                break
            await asyncio.sleep(0.01)
        await server.after_stop()


@asynccontextmanager
async def line_channel(fake: FakeLineApi, secret: str = SECRET, **options: Any) -> AsyncIterator[Line]:
    waits: list = []

    async def sleep(seconds: float) -> None:  # records the backoff instead of waiting it out
        waits.append(seconds)

    api = LineApi(TOKEN, fake.url, RetryPolicy(), sleep=sleep)
    channel = LineInput(secret, TOKEN, api=api, **options)
    assistant = FakeAssistant()
    async with serving(channel, assistant) as url, aiohttp.ClientSession() as http:
        yield Line(fake, assistant, channel, url, http, waits)


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sanic 21.12 rewrites its own methods when an app starts; test mode lets several apps start."""
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def fake_line() -> Iterator[FakeLineApi]:
    with FakeLineApi() as fake:
        yield fake


@pytest_asyncio.fixture
async def line(fake_line: FakeLineApi) -> AsyncIterator[Line]:
    async with line_channel(fake_line) as harness:
        yield harness


# --- configuration ---------------------------------------------------------------------------


def line_credentials() -> str:
    """The `line` section of the project's credentials.yml, alone (other channels need other settings)."""
    lines = (PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("rasa_addons.channels.line.LineInput:")
    section = [lines[start]]
    for line in lines[start + 1:]:
        if line.strip() and not line.startswith((" ", "#")):
            break
        section.append(line)
    return "\n".join(section) + "\n"


def channel_from_credentials(tmp_path: Path) -> LineInput:
    path = tmp_path / "credentials.yml"
    path.write_text(line_credentials(), encoding="utf-8")
    [channel] = create_http_input_channels(None, str(path))  # exactly how `rasa run` builds it
    assert isinstance(channel, LineInput)
    return channel


def test_credentials_take_the_line_settings_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINE_CHANNEL_SECRET", SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", TOKEN)
    monkeypatch.setenv("LINE_API_BASE_URL", "http://127.0.0.1:9/")
    channel = channel_from_credentials(tmp_path)
    assert channel.name() == "line" and channel.configured
    assert channel.api.base_url == "http://127.0.0.1:9" and channel.api.has_access_token


def test_empty_settings_from_defaults_env_leave_the_channel_refusing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "LINE_API_BASE_URL"):
        monkeypatch.setenv(name, "")
    channel = channel_from_credentials(tmp_path)
    assert not channel.configured and not channel.api.has_access_token
    assert channel.api.base_url == "https://api.line.me"


def test_unset_settings_stop_rasa_which_is_why_make_applies_defaults_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINE_CHANNEL_SECRET", raising=False)
    with pytest.raises(RasaException, match="LINE_CHANNEL_SECRET"):
        channel_from_credentials(tmp_path)


# --- protocol pieces -------------------------------------------------------------------------


def test_long_text_is_cut_on_line_breaks_within_line_limits() -> None:
    paragraph = "あ" * 999 + "\n"
    pieces = split_text(paragraph * 6)
    assert len(pieces) == 2
    assert all(len(piece.encode("utf-16-le")) // 2 <= 5000 for piece in pieces)
    assert "\n".join(pieces) == paragraph * 6  # only the line break at the cut is gone


def test_text_without_line_breaks_is_cut_hard_and_emoji_count_double() -> None:
    assert [len(piece) for piece in split_text("い" * 12_000)] == [5000, 5000, 2000]
    emoji = split_text("🍎" * 3000)
    assert [len(piece) for piece in emoji] == [2500, 500]  # 🍎 is two UTF-16 units for LINE


def test_seen_events_are_bounded() -> None:
    seen = SeenEvents(capacity=2)
    assert seen.first_time("a") and seen.first_time("b") and not seen.first_time("a")
    assert seen.first_time("c")  # "b" was the oldest and is forgotten
    assert seen.first_time("b") and not seen.first_time("c")


@pytest.mark.asyncio
async def test_idle_chats_leave_no_queue_behind() -> None:
    queues, done = ChatQueues(), []

    async def job() -> None:
        done.append(1)

    for chat in ("a", "b", "a"):
        queues.submit(chat, job)
    assert len(queues) == 2
    await queues.idle()
    assert done == [1, 1, 1] and len(queues) == 0


# --- signatures and request checks -----------------------------------------------------------


@pytest.mark.asyncio
async def test_a_signed_text_message_is_answered_by_one_reply_call(line: Line) -> None:
    message = text_event("ログインできません", reply_token="nHuyWiB7yP5Zw52FIkcQobQuGDXCTA")
    await line.exchange(message)
    [call] = line.fake.calls
    assert call.path == REPLY
    assert call.headers["Authorization"] == BEARER
    assert "X-Line-Retry-Key" not in call.headers  # LINE refuses retry keys on reply
    assert call.body == {"replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", "messages": [text("答え：ログインできません")]}
    [heard] = line.assistant.heard
    assert (heard.text, heard.sender_id, heard.input_channel) == ("ログインできません", USER, "line")
    assert heard.message_id == message["webhookEventId"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "forge",
    [lambda body: None, lambda body: "", lambda body: "not-base64!", lambda body: sign("another-secret", body)],
    ids=["missing", "empty", "garbage", "other-secret"],
)
async def test_an_unsigned_or_forged_call_is_refused_and_nothing_happens(
    line: Line, forge: Callable[[bytes], Optional[str]]
) -> None:
    body = webhook_body(text_event("こんにちは"))
    assert await line.post(body, forge(body)) == 401
    await line.channel.idle()
    assert line.assistant.heard == [] and line.fake.calls == []


@pytest.mark.asyncio
async def test_a_signature_of_a_different_body_is_refused(line: Line) -> None:
    signed = webhook_body(text_event("こんにちは"))
    tampered = signed.replace("こんにちは".encode(), "さようなら".encode())
    assert await line.post(tampered, sign(SECRET, signed)) == 401
    await line.channel.idle()
    assert line.assistant.heard == []


@pytest.mark.asyncio
async def test_without_a_secret_every_call_is_refused(fake_line: FakeLineApi, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="rasa_addons.channels.line"):
        async with line_channel(fake_line, secret="") as line:
            body = webhook_body(text_event("こんにちは"))
            assert await line.post(body, sign("", body)) == 503
            assert await line.post(body, None) == 503
            await line.channel.idle()
            assert line.assistant.heard == [] and fake_line.calls == []
    assert caplog.text.count("LINE_CHANNEL_SECRET is empty") == 1  # said once, at start-up


@pytest.mark.asyncio
async def test_a_body_over_the_limit_is_refused_by_its_length_or_by_its_size(fake_line: FakeLineApi) -> None:
    async with line_channel(fake_line, max_body_bytes=1000) as line:
        fits = webhook_body(text_event("あ" * ((1000 - len(webhook_body(text_event("")))) // 3)))
        fits += b" " * (1000 - len(fits))
        assert await line.post(fits, sign(SECRET, fits)) == 200
        too_big = fits + b" "
        assert await line.post(too_big, sign(SECRET, too_big)) == 413

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: only the size read tells
            yield too_big[:600]
            yield too_big[600:]

        assert await line.post(chunks(), sign(SECRET, too_big)) == 413  # type: ignore[arg-type]
        await line.channel.idle()
        assert len(line.assistant.heard) == 1


@pytest.mark.asyncio
async def test_a_body_over_one_megabyte_is_refused(line: Line) -> None:
    body = webhook_body(text_event("あ" * 400_000))
    assert len(body) > 1024 * 1024
    assert await line.post(body, sign(SECRET, body)) == 413
    await line.channel.idle()
    assert line.assistant.heard == []


@pytest.mark.asyncio
@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"events": {}}', "\ud800".encode("utf-8", "surrogatepass")])
async def test_a_signed_body_that_is_not_a_webhook_is_a_bad_request(line: Line, body: bytes) -> None:
    assert await line.post(body, sign(SECRET, body)) == 400


@pytest.mark.asyncio
async def test_lines_connection_check_with_no_events_is_ok(line: Line) -> None:
    assert await line.send() == 200
    await line.channel.idle()
    assert line.fake.calls == []


@pytest.mark.asyncio
async def test_line_gets_its_200_before_the_assistant_has_answered(line: Line) -> None:
    line.assistant.gate = asyncio.Event()
    assert await line.send(text_event("ログインできません")) == 200
    assert line.fake.calls == []
    line.assistant.gate.set()
    await line.channel.idle()
    assert len(line.fake.calls_to(REPLY)) == 1


# --- events ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_redelivered_event_is_answered_once(line: Line) -> None:
    first = text_event("ログインできません")
    again = {**first, "deliveryContext": {"isRedelivery": True}}
    await line.exchange(first)
    await line.exchange(again, first)
    assert line.heard() == ["ログインできません"]
    assert len(line.fake.calls) == 1


@pytest.mark.asyncio
async def test_a_postback_is_screened_like_a_button_press(line: Line) -> None:
    await line.exchange(
        event("postback", postback={"data": "/affirm"}, reply_token="r1"),
        event("postback", postback={"data": '/inform{"eligibility": "none"}'}, reply_token="r2"),
        event("postback", postback={"data": '/inform{"eligibility": "made_up"}'}, reply_token="r3"),
    )
    assert line.heard() == ["/affirm", '/inform{"eligibility": "none"}', 'inform{"eligibility": "made_up"}']


@pytest.mark.asyncio
async def test_customer_text_passes_the_guard_and_its_warning_comes_first(line: Line) -> None:
    await line.exchange(text_event("暗証番号は1234です。ログインできません"))
    assert line.heard() == ["暗証番号は［暗証番号］です。ログインできません"]
    [call] = line.fake.calls
    assert call.body["messages"] == [text(SECRET_WARNING), text("答え：暗証番号は［暗証番号］です。ログインできません")]


@pytest.mark.asyncio
async def test_a_typed_command_does_not_reach_the_assistant_as_a_command(line: Line) -> None:
    await line.exchange(text_event('/inform{"eligibility": "made_up"}'))
    assert line.heard() == ['inform{"eligibility": "made_up"}']


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "message",
    [
        {"type": "sticker", "packageId": "446", "stickerId": "1988"},
        {"type": "image", "contentProvider": {"type": "line"}},
        {"type": "video", "duration": 60000, "contentProvider": {"type": "line"}},
        {"type": "audio", "duration": 60000, "contentProvider": {"type": "line"}},
        {"type": "file", "fileName": "file.txt", "fileSize": 2138},
        {"type": "location", "title": "my location", "latitude": 35.65, "longitude": 139.70},
    ],
    ids=lambda message: message["type"],
)
async def test_content_other_than_text_gets_a_polite_text_only_notice(line: Line, message: dict) -> None:
    await line.exchange(event("message", message={"id": "1", **message}, reply_token="r"))
    assert line.assistant.heard == []
    [call] = line.fake.calls
    assert call.body == {"replyToken": "r", "messages": [text(TEXT_ONLY_NOTICE)]}


@pytest.mark.asyncio
async def test_a_new_friend_is_greeted_and_one_who_leaves_is_left_alone(line: Line) -> None:
    await line.exchange(event("follow", reply_token="follow-token", follow={"isUnblocked": False}))
    [greeting] = line.assistant.heard
    assert (greeting.text, greeting.sender_id) == ("/greet", USER)
    await line.exchange(event("unfollow", reply_token=None))
    assert len(line.assistant.heard) == 1
    assert [call.body["replyToken"] for call in line.fake.calls] == ["follow-token"]


@pytest.mark.asyncio
async def test_events_needing_no_answer_are_ignored(line: Line) -> None:
    standby = {**text_event("ログインできません"), "mode": "standby"}  # another module answers
    nameless = {**text_event("ログインできません"), "source": {"type": "user"}}
    await line.exchange(standby, nameless, event("join"), event("unsend", unsend={"messageId": "1"}), "not an event")
    assert line.assistant.heard == [] and line.fake.calls == []


@pytest.mark.asyncio
async def test_in_a_group_the_conversation_is_the_groups(line: Line) -> None:
    line.assistant.answers = lambda heard: [{"text": str(n)} for n in range(6)]
    in_group = text_event("ログインできません", reply_token="g")
    in_group["source"] = {"type": "group", "groupId": GROUP, "userId": USER}
    await line.exchange(in_group)
    assert line.assistant.heard[0].sender_id == GROUP
    assert line.fake.calls_to(PUSH)[0].body == {"to": GROUP, "messages": [text("5")]}


@pytest.mark.asyncio
async def test_one_chat_is_answered_in_order_one_turn_at_a_time(line: Line) -> None:
    line.assistant.gate = asyncio.Event()
    for number in range(3):
        assert await line.send(text_event(f"質問{number}", reply_token=f"r{number}")) == 200
    assert await line.send(text_event("別の人", user=OTHER_USER, reply_token="other")) == 200
    for _ in range(200):  # until both chats have reached the assistant
        if len(line.assistant.heard) == 2:
            break
        await asyncio.sleep(0.01)
    assert line.heard() == ["質問0", "別の人"]  # the other chat does not wait; 質問1 does
    line.assistant.gate.set()
    await line.channel.idle()
    mine = [step for step in line.assistant.timeline if step[1] != "別の人"]
    assert mine == [(step, f"質問{n}") for n in range(3) for step in ("start", "end")]
    replies = [call.body["replyToken"] for call in line.fake.calls_to(REPLY)]
    assert [token for token in replies if token != "other"] == ["r0", "r1", "r2"]


@pytest.mark.asyncio
async def test_a_failing_turn_gets_the_apology_and_does_not_stop_the_chat(line: Line) -> None:
    def answers(heard: str) -> list:
        if heard == "壊れる":
            raise RuntimeError("boom")
        return [{"text": "大丈夫"}]

    line.assistant.answers = answers
    await line.exchange(text_event("壊れる", reply_token="r1"), text_event("次", reply_token="r2"))
    apology = {**text(guard.assistant_unavailable_text()), "quickReply": {"items": [call_button("プロミスコール", "0120240365")]}}
    assert [call.body for call in line.fake.calls] == [
        {"replyToken": "r1", "messages": [apology]},  # the apology gives the number, so it can be called
        {"replyToken": "r2", "messages": [text("大丈夫")]},
    ]


# --- replies ---------------------------------------------------------------------------------


def buttons(count: int, title: str = "ボタン") -> list[dict]:
    return [{"title": f"{title}{n}", "payload": f"/choice{n}"} for n in range(count)]


@pytest.mark.asyncio
async def test_more_than_five_messages_overflow_to_push_with_quick_replies_on_the_last(
    line: Line, line_models: LineModels
) -> None:
    line.assistant.answers = lambda heard: [{"text": f"{n}"} for n in range(6)] + [
        {"text": "解決しましたか？", "buttons": [{"title": "はい", "payload": "/affirm"}, {"title": "いいえ", "payload": "/deny"}]}
    ]
    await line.exchange(text_event("ログインできません", reply_token="r"))
    reply, push = line.fake.calls
    assert reply.path == REPLY and reply.body == {"replyToken": "r", "messages": [text(str(n)) for n in range(5)]}
    assert push.path == PUSH and push.headers["Authorization"] == BEARER
    uuid.UUID(push.headers["X-Line-Retry-Key"])  # a retry key makes a retried push safe
    quick = {"items": [
        {"type": "action", "action": {"type": "postback", "label": "はい", "data": "/affirm", "displayText": "はい"}},
        {"type": "action", "action": {"type": "postback", "label": "いいえ", "data": "/deny", "displayText": "いいえ"}},
    ]}
    assert push.body == {"to": USER, "messages": [text("5"), {**text("解決しましたか？"), "quickReply": quick}]}
    line_models.assert_valid("ReplyMessageRequest", reply.body)
    line_models.assert_valid("PushMessageRequest", push.body)


def call_button(name: str, digits: str) -> dict:
    return {"type": "action", "action": {"type": "uri", "label": f"{name}に電話する", "uri": f"tel:{digits}"}}


@pytest.mark.asyncio
async def test_an_answer_that_gives_the_phone_number_offers_a_button_that_dials_it(
    line: Line, line_models: LineModels
) -> None:
    line.assistant.answers = lambda heard: [
        {"text": f"お電話でのご相談は、プロミスコール（{PROMISE_CALL}、平日9:00〜18:00）で承ります。"},
        {"text": "解決しましたか？", "buttons": [{"title": "はい", "payload": "/affirm"}]},
    ]
    await line.exchange(text_event("電話番号を教えて", reply_token="r"))
    [call] = line.fake.calls
    line_models.assert_valid("ReplyMessageRequest", call.body)
    first, last = call.body["messages"]
    assert first == text(f"お電話でのご相談は、プロミスコール（{PROMISE_CALL}、平日9:00〜18:00）で承ります。")
    assert last["quickReply"]["items"] == [
        call_button("プロミスコール", "0120240365"),
        {"type": "action", "action": {"type": "postback", "label": "はい", "data": "/affirm", "displayText": "はい"}},
    ]


@pytest.mark.asyncio
async def test_each_number_given_gets_its_button_and_the_answers_buttons_make_room(
    line: Line, line_models: LineModels
) -> None:
    line.assistant.answers = lambda heard: [
        {"text": f"レディースコール（女性専用）：{LADIES_CALL}\nプロミスコール：{PROMISE_CALL}", "buttons": buttons(15)}
    ]
    await line.exchange(text_event("女性の担当者と話したい"))
    [call] = line.fake.calls
    line_models.assert_valid("ReplyMessageRequest", call.body)
    items = call.body["messages"][0]["quickReply"]["items"]
    assert len(items) == 13
    assert items[:2] == [call_button("レディースコール", "0120862634"), call_button("プロミスコール", "0120240365")]
    assert [item["action"]["data"] for item in items[2:]] == [f"/choice{n}" for n in range(11)]


@pytest.mark.asyncio
async def test_an_answer_without_a_phone_number_has_no_call_button(line: Line) -> None:
    line.assistant.answers = lambda heard: [{"text": "受付番号「H-1234」をお伝えください。0120-00-0000"}]
    await line.exchange(text_event("質問"))
    assert "quickReply" not in line.fake.calls[0].body["messages"][0]


@pytest.mark.asyncio
async def test_a_text_over_5000_characters_is_split_on_line_breaks(line: Line) -> None:
    long_text = ("お" * 99 + "\n") * 60  # 6,000 characters
    line.assistant.answers = lambda heard: [{"text": long_text}]
    await line.exchange(text_event("長い説明"))
    [call] = line.fake.calls
    texts = [message["text"] for message in call.body["messages"]]
    assert len(texts) == 2 and all(len(piece) <= 5000 for piece in texts)
    assert "\n".join(texts) == long_text


@pytest.mark.asyncio
async def test_quick_replies_keep_lines_limits_and_follow_the_latest_buttons(line: Line, line_models: LineModels) -> None:
    line.assistant.answers = lambda heard: [
        {"text": "古い質問", "buttons": buttons(2, "古い")},
        {"text": "選んでください", "buttons": buttons(15, "ボタン" * 7)},
        {"text": "ボタンの後の一言"},
    ]
    await line.exchange(text_event("ログインできません"))
    [call] = line.fake.calls
    first, second, last = call.body["messages"]
    assert "quickReply" not in first and "quickReply" not in second
    items = last["quickReply"]["items"]
    assert len(items) == 13
    assert all(len(item["action"]["label"]) <= 20 for item in items)
    assert items[0]["action"] == {
        "type": "postback",
        "label": "ボタン" * 6 + "ボタ",
        "data": "/choice0",
        "displayText": "ボタン" * 7 + "0",
    }
    line_models.assert_valid("ReplyMessageRequest", call.body)


@pytest.mark.asyncio
async def test_multiple_paragraphs_stay_one_message(line: Line) -> None:
    line.assistant.answers = lambda heard: [{"text": "一段落目\n\n二段落目"}]
    await line.exchange(text_event("質問"))
    assert line.fake.calls[0].body["messages"] == [text("一段落目\n\n二段落目")]


@pytest.mark.asyncio
async def test_an_expired_reply_token_falls_back_to_push(line: Line) -> None:
    line.fake.respond(REPLY, 400, message="Invalid reply token")
    await line.exchange(text_event("ログインできません", reply_token="expired"))
    reply, push = line.fake.calls
    assert reply.body["replyToken"] == "expired"
    assert push.path == PUSH and push.body == {"to": USER, "messages": [text("答え：ログインできません")]}


@pytest.mark.asyncio
async def test_a_rate_limited_reply_is_retried_after_the_time_line_asks(line: Line) -> None:
    line.fake.respond(REPLY, 429, headers={"Retry-After": "2"})
    await line.exchange(text_event("ログインできません", reply_token="r"))
    first, second = line.fake.calls
    assert first.body == second.body and second.path == REPLY
    assert line.waits == [2.0]


@pytest.mark.asyncio
async def test_server_errors_are_retried_with_backoff_and_then_given_up(line: Line) -> None:
    line.fake.respond(REPLY, 500, times=3)
    await line.exchange(text_event("ログインできません"))
    assert [call.path for call in line.fake.calls] == [REPLY] * 3  # no push: it would fail the same way
    assert line.waits == [0.5, 1.0]


@pytest.mark.asyncio
async def test_retry_after_cannot_stall_a_chat(line: Line) -> None:
    line.fake.respond(REPLY, 429, headers={"Retry-After": "3600"}, times=3)
    await line.exchange(text_event("ログインできません"))
    assert line.waits == [5.0, 5.0]  # each wait is capped at 5 s, the total at 10 s


@pytest.mark.asyncio
async def test_a_push_retried_after_an_accepted_attempt_is_not_sent_twice(line: Line) -> None:
    line.fake.respond(REPLY, 400)
    line.fake.respond(PUSH, 500)
    line.fake.respond(PUSH, 409)  # LINE: this retry key was already accepted
    line.assistant.answers = lambda heard: [{"text": "1"}] * 6
    await line.exchange(text_event("ログインできません"))
    pushes = line.fake.calls_to(PUSH)
    assert [call.headers["X-Line-Retry-Key"] for call in pushes[:2]] == [pushes[0].headers["X-Line-Retry-Key"]] * 2
    assert len(pushes) == 3  # the 409 counts as delivered, so the second batch follows


@pytest.mark.asyncio
async def test_secrets_and_customer_text_never_reach_the_logs(line: Line, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    line.fake.respond(REPLY, 400)
    await line.exchange(text_event("パスワードはhunter22です"), event("postback", postback={"data": "/affirm"}))
    assert await line.post(webhook_body(text_event("秘密の相談")), "forged") == 401
    logged = caplog.text
    assert "event" in logged and "push 200" in logged  # the log is there, and it is useful
    for secret in (SECRET, TOKEN, "hunter22", "パスワード", "秘密の相談", "答え"):
        assert secret not in logged


# --- the real assistant ----------------------------------------------------------------------


def post_signed(url: str, events: list, secret: str = SECRET) -> int:
    body = webhook_body(*events)
    headers = {"Content-Type": "application/json", "X-Line-Signature": sign(secret, body)}
    return requests.post(url, data=body, headers=headers, timeout=10).status_code


@pytest.mark.slow  # starts the real servers: `make test-unit` leaves it out (see pytest.ini)
def test_the_real_assistant_answers_a_signed_line_message(
    tmp_path: Path, fake_line: FakeLineApi, line_models: LineModels
) -> None:
    credentials = tmp_path / "credentials.yml"
    credentials.write_text(line_credentials(), encoding="utf-8")
    settings = {"LINE_CHANNEL_SECRET": SECRET, "LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_BASE_URL": fake_line.url}
    with running_assistant(tmp_path / "run", settings, credentials=credentials) as assistant:
        url = assistant.rasa_url + WEBHOOK
        assert post_signed(url, [text_event("暗証番号を忘れました")], secret="forged-secret") == 401
        assert post_signed(url, [text_event("暗証番号を忘れました", reply_token="e2e-reply")]) == 200
        fake_line.wait_for_calls(1)
        time.sleep(1.0)  # room for a stray second call to show up
        [call] = fake_line.calls
        assert call.path == REPLY and call.headers["Authorization"] == BEARER
        assert call.body["replyToken"] == "e2e-reply"
        messages = call.body["messages"]
        assert any("自動契約機" in message["text"] for message in messages)
        assert messages[-1]["text"] == "解決しましたか？"
        items = [item["action"] for item in messages[-1]["quickReply"]["items"]]
        assert [(item["label"], item["data"]) for item in items] == [("はい", "/affirm"), ("いいえ", "/deny")]

        assert post_signed(url, [event("postback", postback={"data": "/affirm"}, reply_token="pb")]) == 200
        [thanks] = [call for call in fake_line.wait_for_calls(2) if call.body["replyToken"] == "pb"]
        assert "解決してよかった" in thanks.body["messages"][0]["text"]

        assert post_signed(url, [event("follow", user=OTHER_USER, reply_token="hello")]) == 200
        [greeting] = [call for call in fake_line.wait_for_calls(3) if call.body["replyToken"] == "hello"]
        assert greeting.body["messages"][0]["text"].startswith("こんにちは")
        assert len(greeting.body["messages"][0]["quickReply"]["items"]) == 7

        assert post_signed(url, [text_event("電話で相談したい", user=OTHER_USER, reply_token="phone")]) == 200
        [phone] = [call for call in fake_line.wait_for_calls(4) if call.body["replyToken"] == "phone"]
        assert any(PROMISE_CALL in message["text"] for message in phone.body["messages"])
        assert phone.body["messages"][-1]["quickReply"]["items"][0] == call_button("プロミスコール", "0120240365")
        for made in fake_line.calls:
            line_models.assert_valid("ReplyMessageRequest", made.body)
