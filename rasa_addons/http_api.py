"""The HTTP hardening of the Sanic app Rasa builds: every route answers bad input with a 4xx and a JSON error.

Installed from rasa_addons.rasa_changes: `rasa.core.run.configure_app` (where Rasa builds the app,
with its HTTP API and the channels' blueprints) returns the app hardened:

1. the HTTP API's JSON bodies are checked before Rasa's handlers, which answer many wrong bodies
   with a 500: media type, size, UTF-8, depth, syntax, the fields' types, no lone surrogate
   escape ("\\ud800", which no later step can encode), text no longer than MAX_TEXT_CHARS;
2. training over HTTP is refused;
3. no error is answered with a traceback: Sanic's 4xx become a short JSON error;
4. the API token (?token=...) is masked in Sanic's logs.
"""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any, List, Optional

import rasa.core.run
from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from business.incoming_text import MAX_TEXT_CHARS
from rasa_addons import action_endpoint
from rasa_addons.channels.rest import BadRequest, error_response, parse_json_body

logger = logging.getLogger(__name__)

_rasa_configure_app = rasa.core.run.configure_app

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


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_lone_surrogate(value: Any) -> bool:
    """Whether a string anywhere in the parsed JSON holds a lone surrogate (a "\\ud800" escape):
    such a string cannot be encoded as UTF-8, so Rasa fails on it later with a 500."""
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_has_lone_surrogate(key) or _has_lone_surrogate(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(item) for item in value)
    return False


def api_body_problem(body: Any, schema: Any) -> Optional[str]:
    """Why `body` does not fit `schema` (see _API_BODIES), or None."""
    if _has_lone_surrogate(body):
        return "The body holds a lone surrogate escape (such as \\ud800): text must be valid Unicode."
    if isinstance(body, dict) and isinstance(body.get("text"), str) and len(body["text"]) > MAX_TEXT_CHARS:
        return f'"text" must be at most {MAX_TEXT_CHARS} characters.'
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
    """The checks, error handler and log filter above, added once to `app`."""
    if getattr(app.ctx, "hardened", False):
        return
    app.ctx.hardened = True
    app.register_middleware(_check_json_api_body, "request")
    app.error_handler.add(Exception, _no_tracebacks)
    for name in ("sanic.access", "sanic.error", "sanic.root"):
        sanic_log = logging.getLogger(name)
        if not any(isinstance(f, _TokenScrubber) for f in sanic_log.filters):
            sanic_log.addFilter(_TokenScrubber())


async def _close_action_server_sessions(app: Sanic, loop: Any) -> None:
    await action_endpoint.close_pooled_sessions()


def configure_hardened_app(*args: Any, **kwargs: Any) -> Sanic:
    """rasa.core.run.configure_app, then harden_app on the app it built; when the server stops, the
    sessions kept open to the action server (rasa_addons.action_endpoint) are closed."""
    app = _rasa_configure_app(*args, **kwargs)
    harden_app(app)
    app.register_listener(_close_action_server_sessions, "after_server_stop")
    return app


def install() -> None:
    """Idempotent (rasa_addons.rasa_changes)."""
    rasa.core.run.configure_app = configure_hardened_app
