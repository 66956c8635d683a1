"""Rasa's REST channel with the guard in front, strict about what it accepts, never silent.

credentials.yml:

    rasa_addons.channels.rest.GuardedRestInput:

Same URL and answer as upstream (POST /webhooks/rest/webhook, {"sender", "message"} in, a JSON
list of messages out), but:

1. The body is checked before anything else: JSON (Content-Type application/json, UTF-8) of at
   most MAX_BODY_BYTES, an object with a string `message` and an opaque `sender` id. Anything
   else gets a 4xx with a JSON error ({"error": code, "message": why}); upstream answers many of
   these with a 500 or silently files them under the shared sender "default".
2. Text no customer types (control characters, NUL, lone surrogates) is dropped; a message that is
   then empty, only whitespace or only emoji/symbols, or longer than guard.MAX_TEXT_CHARS, gets a
   polite Japanese answer and does not reach Rasa at all.
3. Every text passes guard.screen(): secrets are masked before NLU, the tracker store, logs and the
   action server see them, and the warning comes first; only the assistant's own button payloads
   pass as /intent commands.
4. Client-chosen `input_channel`, `metadata` and `stream` are ignored: the conversation is stored
   as channel "rest", nothing unscreened reaches the tracker, and the warning always comes first.
5. If a custom action fails (action server down) or Rasa raises, the customer gets
   utter_assistant_unavailable (a short apology with the phone number) instead of silence or a
   misleading fallback; see guard.answer_or_apologise.
The whole app's hardening (the HTTP API's bodies, error answers, the token in logs) is not a
channel's business: rasa_addons.http_api adds it to the app Rasa builds.
"""

from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_addons.channels import guard

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 32
SENDER_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@\-]{0,127}")

class BadRequest(Exception):
    """A request this channel will not hand to Rasa: answered with `status` and a JSON error."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_response(status: int, code: str, message: str) -> HTTPResponse:
    return response.json({"error": code, "message": message}, status=status)


_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')  # a string (skipped whole) or a bracket


def json_depth_ok(body: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether no array/object in the JSON text nests deeper than `limit` (checked before parsing)."""
    depth = 0
    for token in _JSON_TOKEN.finditer(body):
        char = token.group()
        if char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json_body(request: Request, limit: int = MAX_BODY_BYTES) -> Any:
    """The request's JSON body, strictly: media type, size, UTF-8, depth, syntax (NaN is no JSON)."""
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Content-Type must be application/json.")
    body = request.body or b""
    if len(body) > limit:
        raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "body_too_large", f"The body must be at most {limit} bytes.")
    if not body.strip():
        raise BadRequest(HTTPStatus.BAD_REQUEST, "empty_body", "The body is empty; send a JSON object.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_encoding", "The body is not valid UTF-8.") from None
    if not json_depth_ok(text):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH} levels.")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_json", "The body is not valid JSON.") from None


def parse_message_request(request: Request) -> tuple[str, str]:
    """(sender, raw message text) of a webhook call, or BadRequest."""
    body = parse_json_body(request)
    if not isinstance(body, dict):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_body", 'The body must be a JSON object: {"sender": ..., "message": ...}.')
    sender, message = body.get("sender"), body.get("message")
    if not isinstance(sender, str) or not SENDER_ID.fullmatch(sender):
        raise BadRequest(
            HTTPStatus.BAD_REQUEST,
            "invalid_sender",
            '"sender" must be a string of 1 to 128 letters, digits or _ . : @ - (the conversation id).',
        )
    if not isinstance(message, str):
        raise BadRequest(HTTPStatus.BAD_REQUEST, "invalid_message", '"message" must be a string.')
    return sender, message


class GuardedRestInput(RestInput):
    """REST input channel: validated requests, guarded text, an apology rather than silence."""

    @classmethod
    def name(cls) -> Text:
        return "rest"  # the URL stays /webhooks/rest/webhook

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "GuardedRestInput":
        from rasa_addons import rasa_changes

        rasa_changes.install_all()  # a plain `rasa run` builds its channels before its app
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"guarded_rest_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, raw_text = parse_message_request(request)
            except BadRequest as bad:
                return error_response(bad.status, bad.code, bad.message)
            agent = getattr(request.app.ctx, "agent", None)
            ready = agent is not None and agent.is_ready()
            return response.json(await self.answer(on_new_message, sender, raw_text, ready))

        return webhook

    async def answer(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        sender: str,
        raw_text: str,
        assistant_ready: bool = True,
    ) -> List[Dict[Text, Any]]:
        """The messages for the customer: a polite refusal, or the warning (if any) and Rasa's answer.

        Without a loaded model Rasa ignores a message without a word; the customer gets the apology.
        """
        refusal, screened = guard.read_incoming(raw_text)
        if refusal is not None:
            return [{"recipient_id": sender, "text": refusal}]
        replies = [{"recipient_id": sender, "text": screened.warning}] if screened.warning else []
        if not assistant_ready:
            logger.error("no model loaded: apology sent instead of an answer")
            return replies + [{"recipient_id": sender, "text": guard.assistant_unavailable_text()}]
        collector = CollectingOutputChannel()
        message = UserMessage(screened.text, collector, sender, input_channel=self.name(), metadata=None)
        await guard.answer_or_apologise(on_new_message, message, discard_partial_answer=True)
        return replies + collector.messages
