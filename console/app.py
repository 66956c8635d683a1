"""The operator console's web server: a thin Sanic app over console.queries and storage.

    scripts/serve-console    (http://127.0.0.1:$CONSOLE_PORT, operator token: console.auth)

Pages and scripts are files in console/static; the page reads everything from the JSON API below.
Every API call needs a login session; changes also need the X-Console-Request header, which a
form or link on another site cannot send. Bad input gets a 4xx with a JSON error, never a 5xx.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

from sanic import Sanic
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, html, raw, redirect
from sanic.response import json as json_response

from business.clock import Clock, to_jst
from console import auth, queries
from deployment.settings import PROJECT_ROOT, Settings, SettingsError, load
from storage import repository
from storage.cli import jst_text, parse_day, parse_moment
from storage.database import engine_for, session_scope

CONSOLE_DIR = Path(__file__).resolve().parent
STATIC_DIR = CONSOLE_DIR / "static"
CHART_JS = CONSOLE_DIR / "node_modules" / "chart.js" / "dist" / "chart.umd.js"
# The only files served, by URL: never a folder (node_modules and package.json stay private).
STATIC_FILES = {
    "console.js": (STATIC_DIR / "console.js", "text/javascript; charset=utf-8"),
    "console.css": (STATIC_DIR / "console.css", "text/css; charset=utf-8"),
    "chart.js": (CHART_JS, "text/javascript; charset=utf-8"),
}
SESSION_COOKIE = "console_session"
CHANGE_HEADER = "X-Console-Request"
MAX_REASON_LENGTH = 200
MAX_LABEL_TEXT_LENGTH = 2000
DEFAULT_DAYS = 30
# A wrong token waits this long before the answer, one wrong token at a time, so guessing is slow.
FAILED_LOGIN_DELAY = 1.0
# Nothing an operator sends is near this; a larger body gets 413.
MAX_REQUEST_BYTES = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class ConsoleConfig:
    database_url: str  # the action server's database
    tracker_url: str  # Rasa's tracker store
    token: str
    domain_file: Path
    clock: Clock

    @classmethod
    def from_settings(cls, settings: Settings) -> "ConsoleConfig":
        return cls(
            database_url=settings.assistant_db_url,
            tracker_url=settings.tracker_database_url,
            token=auth.operator_token(settings),
            domain_file=PROJECT_ROOT / "domain.yml",
            clock=Clock.from_setting(settings.assistant_now),
        )


class BadInput(SanicException):
    status_code = HTTPStatus.BAD_REQUEST


def _error(status: HTTPStatus, message: str) -> HTTPResponse:
    return json_response({"error": message}, status=status)


def _static(name: str, status: HTTPStatus = HTTPStatus.OK, body: Optional[str] = None) -> HTTPResponse:
    text = body if body is not None else (STATIC_DIR / name).read_text(encoding="utf-8")
    return html(text, status=status)


def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError) as error:
        raise BadInput("the body must be a JSON object") from error
    if not isinstance(body, dict):
        raise BadInput("the body must be a JSON object")
    return body


def _text_field(body: dict[str, Any], name: str, max_length: int, required: bool = True) -> str:
    value = body.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise BadInput(f"{name} is required")
    if len(value) > max_length:
        raise BadInput(f"{name} is longer than {max_length} characters")
    return value.strip()


def _int_arg(request: Request, name: str, default: int) -> int:
    text = request.args.get(name)
    if text is None or text == "":
        return default
    try:
        return int(text)
    except ValueError as error:
        raise BadInput(f"{name} must be a whole number") from error


def _window_json(window_id: int, window: Any) -> dict[str, Any]:
    return {
        "id": window_id,
        "start": to_jst(window.start).isoformat(timespec="minutes"),
        "end": to_jst(window.end).isoformat(timespec="minutes"),
        "text": f"{jst_text(window.start)} – {jst_text(window.end)}",
        "reason": queries.shown(window.reason),
    }


def create_app(config: ConsoleConfig, name: str = "operator_console") -> Sanic:
    app = Sanic(name)
    app.config.ACCESS_LOG = False
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    sessions = auth.Sessions()
    failed_logins = asyncio.Lock()

    def logged_in(request: Request) -> bool:
        return sessions.valid(request.cookies.get(SESSION_COOKIE))

    def api(change: bool = False) -> Callable:
        """An API handler: needs a session (and for a change, the header a cross-site form cannot send)."""

        def decorate(handler: Callable[..., Awaitable[HTTPResponse]]) -> Callable[..., Awaitable[HTTPResponse]]:
            @functools.wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                if not logged_in(request):
                    return _error(HTTPStatus.UNAUTHORIZED, "log in first")
                if change and request.headers.get(CHANGE_HEADER) != "1":
                    return _error(HTTPStatus.FORBIDDEN, f"changes need the {CHANGE_HEADER} header")
                try:
                    return await handler(request, *args, **kwargs)
                except ValueError as error:
                    return _error(HTTPStatus.BAD_REQUEST, str(error))

            return guarded

        return decorate

    def period(request: Request) -> tuple[Any, Any]:
        return queries.period(config.clock.now().date(), _int_arg(request, "days", DEFAULT_DAYS))

    def tracker() -> Any:
        return engine_for(config.tracker_url).connect()

    @app.middleware("response")
    async def security_headers(request: Request, response: HTTPResponse) -> None:
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)

    @app.exception(SanicException)
    async def client_error(request: Request, error: SanicException) -> HTTPResponse:
        status = HTTPStatus(error.status_code)
        return _error(status, str(error) or status.phrase)

    # --- login ----------------------------------------------------------------------------

    @app.get("/login")
    async def login_page(request: Request) -> HTTPResponse:
        return _static("login.html")

    @app.post("/login")
    async def log_in(request: Request) -> HTTPResponse:
        given = request.form.get("token", "") if request.form else ""
        if not isinstance(given, str) or not auth.token_matches(given.strip(), config.token):
            async with failed_logins:
                await asyncio.sleep(FAILED_LOGIN_DELAY)
            page = (STATIC_DIR / "login.html").read_text(encoding="utf-8").replace(
                '<p id="login-error" hidden>', '<p id="login-error">'
            )
            return _static("login.html", HTTPStatus.UNAUTHORIZED, page)
        response = redirect("/", status=HTTPStatus.SEE_OTHER)
        response.cookies[SESSION_COOKIE] = sessions.open()
        cookie = response.cookies[SESSION_COOKIE]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/"
        cookie["max-age"] = auth.SESSION_SECONDS
        return response

    @app.post("/logout")
    async def log_out(request: Request) -> HTTPResponse:
        sessions.close(request.cookies.get(SESSION_COOKIE))
        response = redirect("/login", status=HTTPStatus.SEE_OTHER)
        del response.cookies[SESSION_COOKIE]
        return response

    @app.get("/")
    async def console_page(request: Request) -> HTTPResponse:
        if not logged_in(request):
            return redirect("/login", status=HTTPStatus.SEE_OTHER)
        return _static("console.html")

    @app.get("/static/<name>")
    async def static_file(request: Request, name: str) -> HTTPResponse:
        found = STATIC_FILES.get(name)
        if found is None or not found[0].is_file():
            return _error(HTTPStatus.NOT_FOUND, "no such file")
        path, content_type = found
        return raw(path.read_bytes(), content_type=content_type, headers={"Cache-Control": "private, max-age=300"})

    # --- what happened --------------------------------------------------------------------

    @app.get("/api/overview")
    @api()
    async def overview(request: Request) -> HTTPResponse:
        start, end = period(request)
        with session_scope(config.database_url) as session, tracker() as connection:
            return json_response(queries.overview(session, connection, start, end).as_json())

    @app.get("/api/not-understood")
    @api()
    async def not_understood(request: Request) -> HTTPResponse:
        start, end = period(request)
        with session_scope(config.database_url) as session, tracker() as connection:
            labels = {text: intent for text, intent in repository.nlu_labels(session)}
            groups = queries.not_understood(connection, start, end, labels)
        return json_response({"messages": [group.as_json() for group in groups]})

    @app.get("/api/conversations")
    @api()
    async def conversations(request: Request) -> HTTPResponse:
        outcome = request.args.get("outcome") or None
        page = _int_arg(request, "page", 1)
        with session_scope(config.database_url) as session, tracker() as connection:
            total, rows = queries.conversation_page(session, connection, outcome, page)
        return json_response({
            "total": total, "page": page, "page_size": queries.PAGE_SIZE,
            "conversations": [row.as_json() for row in rows],
        })

    @app.get("/api/conversation")
    @api()
    async def conversation(request: Request) -> HTTPResponse:
        sender_id = request.args.get("id", "")
        if not sender_id:
            raise BadInput("id is required")
        with session_scope(config.database_url) as session, tracker() as connection:
            found = queries.transcript(session, connection, sender_id)
        if found is None:
            return _error(HTTPStatus.NOT_FOUND, "no such conversation")
        return json_response(found)

    # --- labels -----------------------------------------------------------------------------

    @app.get("/api/intents")
    @api()
    async def intents(request: Request) -> HTTPResponse:
        return json_response({"intents": queries.labellable_intents(config.domain_file)})

    @app.get("/api/labels")
    @api()
    async def labels(request: Request) -> HTTPResponse:
        found = read(repository.nlu_labels)
        return json_response({"labels": [{"text": text, "intent": intent} for text, intent in found]})

    @app.post("/api/labels")
    @api(change=True)
    async def add_label(request: Request) -> HTTPResponse:
        body = _json_body(request)
        text = queries.shown(_text_field(body, "text", MAX_LABEL_TEXT_LENGTH))
        intent = _text_field(body, "intent", 80)
        if intent not in queries.labellable_intents(config.domain_file):
            raise BadInput(f"unknown intent {intent!r}")
        with session_scope(config.database_url) as session:
            repository.label_message(session, text, intent, config.clock.now())
        return json_response({"text": text, "intent": intent}, status=HTTPStatus.CREATED)

    def read(query: Callable[[Any], Any]) -> Any:
        """One query of storage.repository in its own transaction."""
        with session_scope(config.database_url) as session:
            return query(session)

    def removed(remove: Callable[[Any, Any], bool], key: Any, what: str) -> HTTPResponse:
        """Remove through storage.repository: 404 when there was nothing to remove."""
        with session_scope(config.database_url) as session:
            if not remove(session, key):
                return _error(HTTPStatus.NOT_FOUND, f"no such {what}")
        return json_response({"removed": str(key)})

    @app.post("/api/labels/remove")
    @api(change=True)
    async def remove_label(request: Request) -> HTTPResponse:
        text = _text_field(_json_body(request), "text", MAX_LABEL_TEXT_LENGTH)
        return removed(repository.remove_label, text, "label")

    @app.get("/api/labels/export")
    @api()
    async def export_labels(request: Request) -> HTTPResponse:
        found = read(repository.nlu_labels)
        return raw(
            queries.nlu_yaml(found).encode("utf-8"),
            content_type="application/x-yaml; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="labelled.yml"'},
        )

    # --- maintenance windows and closed days (storage.cli manages the same) ------------------

    @app.get("/api/windows")
    @api()
    async def windows(request: Request) -> HTTPResponse:
        found = read(repository.maintenance_windows)
        return json_response({"windows": [_window_json(window_id, window) for window_id, window in found]})

    @app.post("/api/windows")
    @api(change=True)
    async def add_window(request: Request) -> HTTPResponse:
        body = _json_body(request)
        start = parse_moment(_text_field(body, "start", 40))
        end = parse_moment(_text_field(body, "end", 40))
        reason = _text_field(body, "reason", MAX_REASON_LENGTH, required=False) or "臨時メンテナンス"
        with session_scope(config.database_url) as session:
            window_id = repository.add_maintenance_window(session, start, end, reason)
        return json_response({"id": window_id}, status=HTTPStatus.CREATED)

    @app.post("/api/windows/<window_id:int>/remove")
    @api(change=True)
    async def remove_window(request: Request, window_id: int) -> HTTPResponse:
        return removed(repository.remove_maintenance_window, window_id, "window")

    @app.get("/api/closed-days")
    @api()
    async def closed_days(request: Request) -> HTTPResponse:
        found = read(repository.closed_days)
        return json_response({"closed_days": [{"day": day.isoformat(), "reason": queries.shown(reason)} for day, reason in found]})

    @app.post("/api/closed-days")
    @api(change=True)
    async def add_closed_day(request: Request) -> HTTPResponse:
        body = _json_body(request)
        day = parse_day(_text_field(body, "day", 10))
        reason = _text_field(body, "reason", MAX_REASON_LENGTH, required=False)
        with session_scope(config.database_url) as session:
            repository.add_closed_day(session, day, reason)
        return json_response({"day": day.isoformat()}, status=HTTPStatus.CREATED)

    @app.post("/api/closed-days/<day>/remove")
    @api(change=True)
    async def remove_closed_day(request: Request, day: str) -> HTTPResponse:
        return removed(repository.remove_closed_day, parse_day(day), "closed day")

    return app


def main() -> None:
    try:
        settings = load()
    except SettingsError as error:
        raise SystemExit(f"serve-console: {error}") from None
    parser = argparse.ArgumentParser(description="Serve the operator console.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.console_port)
    args = parser.parse_args()
    try:
        config = ConsoleConfig.from_settings(settings)
    except auth.TokenError as error:
        raise SystemExit(f"serve-console: {error}") from None
    app = create_app(config)
    app.run(host=args.host, port=args.port, access_log=False, debug=False)


if __name__ == "__main__":
    main()
