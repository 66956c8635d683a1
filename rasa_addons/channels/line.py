"""LINE Messaging API input channel: signed webhooks in, one reply call per turn out.

credentials.yml:

    rasa_addons.channels.line.LineInput:
      channel_secret: ${LINE_CHANNEL_SECRET}
      channel_access_token: ${LINE_CHANNEL_ACCESS_TOKEN}
      api_base_url: ${LINE_API_BASE_URL}

Webhook: POST /webhooks/line/webhook. The X-Line-Signature is checked before anything is
parsed; LINE gets its 200 at once and the events are answered in the background, one at a
time per chat and in order. Customer text and postback data pass guard.screen like every
channel's. Only protocol handling lives here; what to answer is the assistant's business.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
from collections import OrderedDict, deque
from dataclasses import dataclass
from functools import partial
from typing import Any, Awaitable, Callable, Deque, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from business.incoming_text import TEXT_ONLY_NOTICE
from rasa_addons.channels import guard
from rasa_addons.channels.line_api import DEFAULT_BASE_URL, LineApi, LineMessage, batches, is_success, line_messages

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Line-Signature"
MAX_BODY_BYTES = 1024 * 1024
SEEN_EVENT_IDS = 10_000
SHUTDOWN_GRACE_SECONDS = 10.0

# Internal, not customer text: a new friend is greeted as if they had said hello.
FOLLOW_MESSAGE = "/greet"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
Job = Callable[[], Awaitable[None]]


# --- request checks ------------------------------------------------------------------------


def signature(channel_secret: str, body: bytes) -> str:
    """What LINE puts in X-Line-Signature: base64 of HMAC-SHA256(channel secret, raw body)."""
    digest = hmac.new(channel_secret.encode("utf-8"), body, hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def valid_signature(channel_secret: str, body: bytes, given: Optional[str]) -> bool:
    """Constant-time check; no secret or no signature is never valid."""
    if not channel_secret or not given:
        return False
    expected = signature(channel_secret, body).encode("ascii")
    return hmac.compare_digest(expected, given.encode("utf-8", "replace"))


async def read_body(request: Request, limit: int) -> Optional[bytes]:
    """The raw body, or None when it is over `limit` bytes, announced or actual (chunked)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    try:
        async for chunk in request.stream:
            size += len(chunk)
            if size > limit:
                return None  # Sanic discards the rest without keeping it
            chunks.append(chunk)
    except PayloadTooLarge:
        return None
    return b"".join(chunks)


def webhook_events(body: bytes) -> Optional[list]:
    """The `events` list of a webhook body; None when the body is not one."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        return None
    events = payload.get("events") if isinstance(payload, dict) else None
    return events if isinstance(events, list) else None


def refusal(status: int, reason: str) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


# --- events --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turn:
    """What one LINE event asks for, and where the answer goes."""

    event_id: str
    to: str  # userId, or groupId / roomId in group chats: the conversation's sender_id
    reply_token: Optional[str]
    text: str
    from_customer: bool = True  # customer text and postback data pass guard.screen
    canned: bool = False  # `text` is the whole answer; the assistant is not asked


def _string(value: Any) -> Optional[str]:
    return value if isinstance(value, str) and value else None


def _mapping(value: Any) -> Dict[str, Any]:
    return value if isinstance(value, dict) else {}


def chat_id(source: Any) -> Optional[str]:
    """The conversation an event belongs to: the group or room if any, else the user."""
    source = _mapping(source)
    key = {"group": "groupId", "room": "roomId"}.get(source.get("type"), "userId")
    return _string(source.get(key))


def turn_for(event: Dict[str, Any]) -> Optional[Turn]:
    """The turn an event needs, or None for events that need no answer (unfollow, standby...)."""
    to = chat_id(event.get("source"))
    if to is None or event.get("mode") == "standby":  # standby: another module answers
        return None
    turn = partial(
        Turn, event_id=_string(event.get("webhookEventId")) or "-", to=to, reply_token=_string(event.get("replyToken"))
    )
    kind = event.get("type")
    if kind == "message":
        message = _mapping(event.get("message"))
        text = _string(message.get("text")) if message.get("type") == "text" else None
        return turn(text=text) if text else turn(text=TEXT_ONLY_NOTICE, canned=True)
    if kind == "postback":
        data = _string(_mapping(event.get("postback")).get("data"))
        return turn(text=data) if data else None
    if kind == "follow":
        return turn(text=FOLLOW_MESSAGE, from_customer=False)
    return None


class SeenEvents:
    """The last `capacity` webhook event IDs, so an event LINE redelivers is answered once."""

    def __init__(self, capacity: int = SEEN_EVENT_IDS) -> None:
        self._capacity = capacity
        self._ids: "OrderedDict[str, None]" = OrderedDict()

    def first_time(self, event_id: str) -> bool:
        if event_id in self._ids:
            self._ids.move_to_end(event_id)
            return False
        self._ids[event_id] = None
        if len(self._ids) > self._capacity:
            self._ids.popitem(last=False)
        return True


class ChatQueues:
    """Runs each chat's jobs one at a time, in arrival order; an idle chat keeps nothing."""

    def __init__(self) -> None:
        self._queues: Dict[str, Deque[Job]] = {}
        self._tasks: set = set()  # strong references: the loop keeps only weak ones

    def submit(self, chat: str, job: Job) -> None:
        if chat in self._queues:
            self._queues[chat].append(job)
            return
        self._queues[chat] = deque([job])
        task = asyncio.get_running_loop().create_task(self._drain(chat))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _drain(self, chat: str) -> None:
        queue = self._queues[chat]
        try:
            while queue:
                job = queue.popleft()
                try:
                    await job()
                except Exception as error:  # one failed turn must not stop the chat's queue
                    logger.error("LINE turn failed: %s", type(error).__name__)
        finally:
            del self._queues[chat]  # no await since the last emptiness check: nothing is lost

    def __len__(self) -> int:
        return len(self._queues)

    async def idle(self) -> None:
        """Wait until every submitted job has run."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def stop(self, grace: float) -> None:
        """Let running jobs finish for `grace` seconds, then cancel the rest."""
        if not self._tasks:
            return
        _, pending = await asyncio.wait(list(self._tasks), timeout=grace)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)


# --- channel -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineSettings:
    channel_secret: str
    access_token: str
    api_base_url: str


def line_settings(credentials: Optional[Dict[Text, Any]]) -> LineSettings:
    """The LINE section of credentials.yml, as the channel and `make line-richmenu` both read it."""
    credentials = credentials or {}
    return LineSettings(
        channel_secret=str(credentials.get("channel_secret") or ""),
        access_token=str(credentials.get("channel_access_token") or ""),
        api_base_url=str(credentials.get("api_base_url") or DEFAULT_BASE_URL),
    )


class LineOutput(CollectingOutputChannel):
    """Collects one turn's answers, so that they go to LINE together in one reply call."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        """Keep a text whole (the base class splits on blank lines, which wastes LINE bubbles)."""
        await self._persist_message(self._message(recipient_id, text=text))


class LineInput(InputChannel):
    """The `line` channel: POST /webhooks/line/webhook, configured in credentials.yml."""

    @classmethod
    def name(cls) -> Text:
        return "line"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "LineInput":
        """Missing values are allowed: without a secret the channel refuses every call."""
        from rasa_addons import rasa_changes

        rasa_changes.install_all()  # a plain `rasa run` builds its channels before its app
        settings = line_settings(credentials)
        return cls(settings.channel_secret, settings.access_token, settings.api_base_url)

    def __init__(
        self,
        channel_secret: str,
        access_token: str,
        api_base_url: str = DEFAULT_BASE_URL,
        api: Optional[LineApi] = None,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self._channel_secret = channel_secret
        self.api = api or LineApi(access_token, api_base_url)
        self.max_body_bytes = max_body_bytes
        self._seen = SeenEvents()
        self._chats = ChatQueues()

    @property
    def configured(self) -> bool:
        return bool(self._channel_secret)

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        self._log_configuration()
        line_webhook = Blueprint("line_webhook")

        @line_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @line_webhook.route("/webhook", methods=["POST"], stream=True)
        async def webhook(request: Request) -> HTTPResponse:
            return await self.receive(request, on_new_message)

        @line_webhook.listener("before_server_stop")
        async def finish(*_: Any) -> None:
            await self.close()

        return line_webhook

    def _log_configuration(self) -> None:
        """Said once, at start-up: the assistant runs on, but LINE calls will fail."""
        if not self.configured:
            logger.error("LINE_CHANNEL_SECRET is empty: every LINE webhook call will be refused (503).")
        if not self.api.has_access_token:
            logger.error("LINE_CHANNEL_ACCESS_TOKEN is empty: answers to LINE cannot be sent.")

    async def receive(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        """Check, accept and queue a webhook call; LINE is answered before any event is handled."""
        if not self.configured:
            return refusal(503, "LINE channel secret is not configured")
        body = await read_body(request, self.max_body_bytes)
        if body is None:
            return refusal(413, f"request body is larger than {self.max_body_bytes} bytes")
        if not valid_signature(self._channel_secret, body, request.headers.get(SIGNATURE_HEADER)):
            logger.warning("LINE webhook refused: missing or wrong signature")
            return refusal(401, "invalid signature")
        events = webhook_events(body)
        if events is None:
            return refusal(400, "body is not a LINE webhook")
        self.accept(events, on_new_message)
        return response.json({})

    def accept(self, events: list, on_new_message: OnNewMessage) -> None:
        """Queue each new event's turn on its chat; redelivered IDs are dropped."""
        for event in events:
            if not isinstance(event, dict):
                continue
            event_id = _string(event.get("webhookEventId"))
            if event_id is not None and not self._seen.first_time(event_id):
                logger.info("LINE event %s already handled: skipped", event_id)
                continue
            turn = turn_for(event)
            if turn is None:
                logger.debug("LINE event %s (%s): nothing to answer", event_id, event.get("type"))
                continue
            self._chats.submit(turn.to, partial(self.answer, turn, on_new_message))

    async def answer(self, turn: Turn, on_new_message: OnNewMessage) -> None:
        messages = [{"text": turn.text}] if turn.canned else await self.ask_assistant(turn, on_new_message)
        await self.deliver(turn, line_messages(messages))

    async def ask_assistant(self, turn: Turn, on_new_message: OnNewMessage) -> list:
        """The assistant's messages for the turn, after the guard's warning if it masked a secret."""
        text, warning = turn.text, None
        if turn.from_customer:
            refusal, screened = guard.read_incoming(turn.text)
            if refusal is not None:
                return [{"text": refusal}]
            text, warning = screened.text, screened.warning
        collector = LineOutput()
        message_id = turn.event_id if turn.event_id != "-" else None
        message = UserMessage(text, collector, turn.to, input_channel=self.name(), message_id=message_id)
        await guard.answer_or_apologise(on_new_message, message, discard_partial_answer=True)
        return ([{"text": warning}] if warning else []) + collector.messages

    async def deliver(self, turn: Turn, messages: list[LineMessage]) -> None:
        """First five by reply (push if the token is refused), the rest by push, stop on failure."""
        pending = batches(messages)
        if pending and turn.reply_token:
            status = await self.api.reply(turn.reply_token, pending[0])
            logger.info("LINE event %s: reply %s", turn.event_id, status)
            if is_success(status):
                pending = pending[1:]
            elif status != 400:  # 400: expired or used token; anything else would fail for push too
                return
        for batch in pending:
            status = await self.api.push(turn.to, batch)
            logger.info("LINE event %s: push %s", turn.event_id, status)
            if not is_success(status):
                return

    async def idle(self) -> None:
        """Wait until every accepted event has been answered (tests, shutdown)."""
        await self._chats.idle()

    async def close(self, grace: float = SHUTDOWN_GRACE_SECONDS) -> None:
        """Finish queued turns (bounded), then close the HTTP session."""
        await self._chats.stop(grace)
        await self.api.close()
