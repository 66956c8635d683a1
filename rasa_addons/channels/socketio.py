"""Rasa's socket.io channel for the web chat page, with the guard in front and upstream's traps closed.

Upstream (rasa 3.6.21) has three problems for us:
1. It hands the customer's text to Rasa as is (ignoring empty text, cutting long text, passing
   the client's metadata on); here every text goes through guard.read_incoming(), the one
   inbound pipeline of REST and LINE too, the secret warning is sent before the assistant's
   answer, client metadata is dropped, and a failed action ends in guard's apology
   (guard.answer_or_apologise) instead of silence.
2. It calls `sio.enter_room()` without await. From python-socketio 5.10 that is a coroutine,
   so with session_persistence the room is never joined and every reply is silently dropped.
   We await it whenever it returns an awaitable, so an upgrade cannot bring that back.
3. It turns engine.io's origin check off (cors_allowed_origins=[]), so a WebSocket from any
   site is accepted whatever --cors says (browsers apply CORS to HTTP, not to WebSockets).
   Here `connect` refuses a browser whose Origin is not the page's (WEBCHAT_ORIGIN). We keep
   engine.io's own CORS off: with it on, engine.io and Rasa's --cors (sanic-cors) both send
   Access-Control-Allow-Origin, and browsers reject the doubled header, so polling fails.

Outgoing, each of the call centre's numbers in a reply becomes a markdown link to its tel: URI
(WebChatOutput): the widget renders answers as markdown, so on a phone the number dials with a tap.

The widget's initPayload (e.g. "/greet") is not a button payload, so the guard would read it
as text. It passes only as the first message of a connection and only if it equals the
configured `init_payload` exactly: the greeting the widget sends when it is first opened.
"""

from __future__ import annotations

import inspect
import logging
import re
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

import rasa.core.channels.channel
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketBlueprint, SocketIOInput, SocketIOOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from socketio import AsyncServer

from business.call_centre import phone_lines_in
from deployment.settings import load
from rasa_addons.channels import guard

logger = logging.getLogger(__name__)

ORIGIN_SETTING = "WEBCHAT_ORIGIN"
# What a session id may look like: the uuid4 hex we hand out, or a similar opaque token.
SESSION_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")


def allowed_origins(configured: Union[Text, List[Text], None] = None) -> List[Text]:
    """Origins that may open the socket: from credentials, else WEBCHAT_ORIGIN.

    "*" is refused: the page has one origin, and a finance chat must not be embeddable anywhere.
    """
    if configured is None or configured == "" or configured == []:
        configured = load().webchat_origin
    values = configured.replace(",", " ").split() if isinstance(configured, str) else list(configured)
    origins = [str(value).strip().rstrip("/") for value in values if str(value).strip()]
    if not origins or "*" in origins:
        raise ValueError(f"socket.io needs the web chat page's origin ({ORIGIN_SETTING}), never '*' or nothing")
    return origins


def session_id_from(data: Any) -> Optional[Text]:
    """The session id a client asks to resume, if it looks like one of ours."""
    value = data.get("session_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and SESSION_ID.fullmatch(value) else None


async def join_room(sio: AsyncServer, sid: Text, room: Text, namespace: Optional[Text]) -> None:
    """enter_room() is plain in python-socketio 5.8 and a coroutine from 5.10: handle both."""
    result = sio.enter_room(sid, room, namespace=namespace)
    if inspect.isawaitable(result):
        await result


def with_dial_links(text: Text) -> Text:
    """The reply with each of the call centre's numbers as a markdown link that dials it."""
    for line in phone_lines_in(text):
        text = text.replace(line.number, f"[{line.number}]({line.dial_uri})")
    return text


class WebChatOutput(SocketIOOutput):
    """Upstream's socket.io output, with the call centre's numbers made tappable (with_dial_links)."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await super().send_text_message(recipient_id, with_dial_links(text), **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await super().send_text_with_buttons(recipient_id, with_dial_links(text), buttons, **kwargs)


class GuardedSocketIOInput(SocketIOInput):
    """socket.io input channel whose every incoming text passes guard.screen(), as on REST and LINE.

    - A message event from a socket with a confirmed session is always answered (bot_uttered to
      the session's room, or to the socket itself without session_persistence): text that is
      empty after guard.clean_text() (or no text at all), only emoji/symbols, or longer than
      MAX_TEXT_CHARS gets the same polite answer as on REST and LINE (business.incoming_text)
      and is not handed to Rasa; the next message is answered as usual. Upstream ignored empty
      text and cut over-long text.
    - Client-supplied metadata (`metadata_key`, the widget's `customData`, anything else in the
      event) is dropped: the allow-list is empty, nothing but the screened text reaches the
      tracker. The page sends only `message` and `session_id`.
    - The page masks secrets before it sends them (so its own sessionStorage copy holds no raw
      value); guard.screen() gives a text arriving with one of business.redaction's placeholders
      the same warning as one it masked itself, on every channel.
    - An event naming no session this socket was confirmed for is dropped (logged, no answer):
      there is no conversation it may be answered in.
    """

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        from rasa_addons import rasa_changes

        rasa_changes.install_all()  # a plain `rasa run` builds its channels before its app
        credentials = credentials or {}
        return cls(
            user_message_evt=credentials.get("user_message_evt", "user_uttered"),
            bot_message_evt=credentials.get("bot_message_evt", "bot_uttered"),
            namespace=credentials.get("namespace"),
            session_persistence=credentials.get("session_persistence", False),
            socketio_path=credentials.get("socketio_path", "/socket.io"),
            jwt_key=credentials.get("jwt_key"),
            jwt_method=credentials.get("jwt_method", "HS256"),
            metadata_key=credentials.get("metadata_key", "metadata"),
            cors_allowed_origins=credentials.get("cors_allowed_origins"),
            init_payload=credentials.get("init_payload"),
        )

    def __init__(
        self,
        *args: Any,
        cors_allowed_origins: Union[Text, List[Text], None] = None,
        init_payload: Optional[Text] = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cors_allowed_origins = allowed_origins(cors_allowed_origins)
        self.init_payload = init_payload.strip() if isinstance(init_payload, str) and init_payload.strip() else None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Upstream's blueprint, with an origin check, the room awaited and the guard applied."""
        # CORS headers come from Rasa's --cors; the origin itself is checked in connect().
        sio = AsyncServer(async_mode="sanic", cors_allowed_origins=[])
        socketio_webhook = SocketBlueprint(sio, self.socketio_path, "socketio_webhook", __name__)
        self.sio = sio  # get_output_channel() needs it
        confirmed: Dict[Text, Text] = {}  # sid -> the session id it was confirmed for
        fresh: set = set()  # sids that have not sent a message yet (may send the init payload)

        @socketio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @sio.on("connect", namespace=self.namespace)
        async def connect(sid: Text, environ: Dict, auth: Optional[Dict] = None) -> bool:
            origin = environ.get("HTTP_ORIGIN") if isinstance(environ, dict) else None
            if origin is not None and origin.rstrip("/") not in self.cors_allowed_origins:
                logger.warning(f"Refused a socket.io connection from origin {origin!r}.")
                return False
            if self.jwt_key:
                token = auth.get("token") if isinstance(auth, dict) else None
                if not token or not rasa.core.channels.channel.decode_bearer_token(
                    token, self.jwt_key, self.jwt_algorithm
                ):
                    return False
            fresh.add(sid)
            logger.debug(f"User {sid} connected to socketIO endpoint.")
            return True

        @sio.on("disconnect", namespace=self.namespace)
        async def disconnect(sid: Text, *_: Any) -> None:  # 5.12+ adds a reason
            confirmed.pop(sid, None)
            fresh.discard(sid)
            logger.debug(f"User {sid} disconnected from socketIO endpoint.")

        @sio.on("session_request", namespace=self.namespace)
        async def session_request(sid: Text, data: Any = None, *_: Any) -> None:
            session_id = session_id_from(data) or uuid.uuid4().hex
            if self.session_persistence:
                await join_room(sio, sid, session_id, self.namespace)
            confirmed[sid] = session_id
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        @sio.on(self.user_message_evt, namespace=self.namespace)
        async def handle_message(sid: Text, data: Any = None, *_: Any) -> None:
            first_message = sid in fresh
            fresh.discard(sid)
            sender_id = self._sender_id(sid, data, confirmed)
            if sender_id is None:
                return
            output_channel = WebChatOutput(sio, self.bot_message_evt)
            raw = data.get("message") if isinstance(data, dict) and isinstance(data.get("message"), str) else ""
            if first_message and self.init_payload is not None and guard.clean_text(raw).strip() == self.init_payload:
                text = self.init_payload
            else:
                refusal, screened = guard.read_incoming(raw)  # the same steps and words as REST and LINE
                if refusal is not None:  # Rasa never sees it
                    logger.debug(f"Answered a socket.io message from {sid} without reading it ({len(raw)} characters).")
                    await output_channel.send_text_message(sender_id, refusal)
                    return
                if screened.warning:
                    await output_channel.send_text_message(sender_id, screened.warning)
                text = screened.text
            # metadata=None: nothing the client chose (customData, metadata) reaches the tracker.
            message = UserMessage(text, output_channel, sender_id, input_channel=self.name(), metadata=None)
            await guard.answer_or_apologise(on_new_message, message)  # an apology rather than silence

        return socketio_webhook

    def get_output_channel(self) -> Optional[OutputChannel]:
        """Upstream's, with the web chat's output (messages Rasa sends on its own, e.g. reminders)."""
        upstream = super().get_output_channel()
        return WebChatOutput(self.sio, self.bot_message_evt) if upstream is not None else None

    def _sender_id(self, sid: Text, data: Any, confirmed: Dict[Text, Text]) -> Optional[Text]:
        """With persistence, the session this socket was confirmed for; a message naming another is dropped."""
        if not self.session_persistence:
            return sid
        session_id = confirmed.get(sid)
        named = data.get("session_id") if isinstance(data, dict) else None
        if session_id is None or named != session_id:
            logger.warning(
                f"Ignored a socket.io message from {sid}: its session_id is not the one confirmed by "
                "session_request."
            )
            return None
        return session_id
