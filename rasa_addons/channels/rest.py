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
6. When Rasa registers this channel's blueprint, it also hardens the whole Sanic app (see
   harden_app), because a channel gets no other hook: the HTTP API's JSON bodies are checked
   before Rasa's handlers (a 4xx instead of their 500s), training over HTTP is refused, no
   error is answered with a traceback, and the API token is masked in Sanic's logs.
"""

from __future__ import annotations

import json
import logging
import re
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, Sanic, response
from sanic.exceptions import SanicException
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

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = HardeningBlueprint(f"guarded_rest_{type(self).__name__}", __name__)

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


# --- The whole Sanic app, hardened when this channel is registered ------------------------------

_TOKEN_IN_QUERY = re.compile(r"([?&](?:token|access_token)=)[^&\s'\"]*", re.IGNORECASE)

# Rasa API routes that read a JSON body and turn wrong types into a 500 ("An unexpected error
# occurred"): what their body must look like. field -> (allowed types, required).
_EVENTS, _TEXT, _REFUSED = "events", "text", "refused"
_API_BODIES: List[tuple] = [
    # Training over HTTP writes models into models/ and can take the CPU for minutes; it also
    # answers a body without training data with a 500. Models are built with `make train`.
    ("POST", re.compile(r"/model/train"), _REFUSED),
    ("POST", re.compile(r"/model/test/(?:stories|intents)"), _TEXT),
    ("POST", re.compile(r"/model/parse"), {"text": ((str,), True), "message_id": ((str,), False)}),
    ("POST", re.compile(r"/conversations/.+/messages"),
     {"text": ((str,), True), "sender": ((str,), True), "parse_data": ((dict,), False)}),
    ("POST", re.compile(r"/conversations/.+/execute"),
     {"name": ((str,), True), "policy": ((str,), False), "confidence": ((int, float), False)}),
    ("POST", re.compile(r"/conversations/.+/trigger_intent"), {"name": ((str,), True), "entities": ((dict, list), False)}),
    ("PUT", re.compile(r"/model"),
     {"model_file": ((str,), False), "model_server": ((dict,), False), "remote_storage": ((str,), False)}),
    ("POST", re.compile(r"/conversations/.+/tracker/events"), _EVENTS),
    ("PUT", re.compile(r"/conversations/.+/tracker/events"), _EVENTS),
    ("POST", re.compile(r"/model/predict"), _EVENTS),
]


class _TokenScrubber(logging.Filter):
    """Masks ?token=… in Sanic's logs: Rasa's API token travels in the query string, and Sanic's
    access log (request line) and error log (the URL of a failed request) would print it."""

    @staticmethod
    def _scrub(value: Any) -> Any:
        return _TOKEN_IN_QUERY.sub(r"\1***", value) if isinstance(value, str) and "token=" in value.lower() else value

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = self._scrub(record.request)
        record.msg = self._scrub(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(self._scrub(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: self._scrub(arg) for key, arg in record.args.items()}
        return True


def api_body_problem(body: Any, schema: Any) -> Optional[str]:
    """Why `body` does not fit `schema` (see _API_BODIES), or None."""
    if schema == _EVENTS:
        events = body if isinstance(body, list) else [body]
        if not all(isinstance(event, dict) and isinstance(event.get("event"), str) for event in events):
            return 'Events must be objects with an "event" name.'
        return None
    if not isinstance(body, dict):
        return "The body must be a JSON object."
    for field, (types, required) in schema.items():
        value = body.get(field)
        if value is None:
            if required:
                return f'"{field}" is required.'
        elif not isinstance(value, types) or isinstance(value, bool):
            return f'"{field}" must be of type {" or ".join(t.__name__ for t in types)}.'
    return None


async def _check_json_api_body(request: Request) -> Optional[HTTPResponse]:
    """Request middleware: a JSON API route's body must fit before Rasa's handler touches it.

    Upstream handlers call request.json and then .get() on it, or pass the values on unchecked:
    a body that is a list, null, too deep, not UTF-8, or has a number where text belongs, ends in
    a 500 there. An unknown action name for /execute is a 404 here, not a 500 there.
    """
    schema = next(
        (schema for method, route, schema in _API_BODIES if method == request.method and route.fullmatch(request.path)),
        None,
    )
    if schema is None:
        return None
    if schema == _REFUSED:
        return error_response(HTTPStatus.FORBIDDEN, "disabled", "Training over HTTP is disabled: train with `make train`.")
    if schema == _TEXT:  # YAML test data: Rasa decodes it as UTF-8 without a check
        try:
            (request.body or b"").decode("utf-8")
        except UnicodeDecodeError:
            return error_response(HTTPStatus.BAD_REQUEST, "invalid_encoding", "The body is not valid UTF-8.")
        return None
    try:
        body = parse_json_body(request, limit=request.app.config.REQUEST_MAX_SIZE)
    except BadRequest as bad:
        return error_response(bad.status, bad.code, bad.message)
    problem = api_body_problem(body, schema)
    if problem:
        return error_response(HTTPStatus.BAD_REQUEST, "invalid_body", problem)
    agent = getattr(request.app.ctx, "agent", None)
    domain = getattr(agent, "domain", None)
    if request.path.endswith("/execute") and domain is not None and body["name"] not in domain.action_names_or_texts:
        return error_response(HTTPStatus.NOT_FOUND, "unknown_action", "No action of that name in the domain.")
    return None


async def _no_tracebacks(request: Request, exception: Exception) -> HTTPResponse:
    """Last resort for every route: no traceback and no request text goes back to the client.

    Sanic's own 4xx become a short JSON error; its 5xx (a websocket closing, a timeout) are left
    to Sanic's default handling; anything else is logged here and answered with a JSON 500.
    """
    if isinstance(exception, SanicException):
        status = getattr(exception, "status_code", 500) or 500
        if 400 <= status < 500:
            code = HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
            return error_response(status, code, str(exception) or HTTPStatus(status).phrase)
        return request.app.error_handler.default(request, exception)
    logger.error("unhandled %s on %s %s", type(exception).__name__, request.method, request.path, exc_info=exception)
    return error_response(HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "The server could not handle this request.")


def harden_app(app: Sanic) -> None:
    """What no channel blueprint can do for itself, done once for the app that registers it."""
    if getattr(app.ctx, "hardened_by_guarded_rest", False):
        return
    app.ctx.hardened_by_guarded_rest = True
    app.register_middleware(_check_json_api_body, "request")
    app.error_handler.add(Exception, _no_tracebacks)
    for name in ("sanic.access", "sanic.error", "sanic.root"):
        sanic_log = logging.getLogger(name)
        if not any(isinstance(f, _TokenScrubber) for f in sanic_log.filters):
            sanic_log.addFilter(_TokenScrubber())


class HardeningBlueprint(Blueprint):
    """A blueprint that hardens the app it is registered on.

    Rasa gives a channel only a blueprint (rasa.core.channels.channel.register calls
    app.blueprint(channel.blueprint(handler))); Sanic scopes a blueprint's own middleware and
    exception handlers to the blueprint's routes. register() is where the blueprint meets the
    app, before the server starts, so app-wide hooks are added there.
    """

    def register(self, app: Sanic, options: Dict[str, Any]) -> None:
        super().register(app, options)
        harden_app(app)
