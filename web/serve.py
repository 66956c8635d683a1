"""Serve the web chat page from 127.0.0.1, with no request leaving this machine.

- Only the files in STATIC are served, never a folder (node_modules, package.json stay private).
- /webchat.js is rasa-webchat's own bundle (web/node_modules/rasa-webchat/lib/index.js, from npm),
  with its @import of Google Fonts removed: a finance customer's page must not call a third party,
  and on a closed network that request only fails.
- /config.js tells the page where Rasa's socket.io listens, so the page needs no build step.
- /redaction-rules.js hands the page business/redaction.py's own patterns (translated to
  JavaScript syntax, not copied), so web/mask-secrets.js masks secrets exactly as the server does
  before the widget sends the text or keeps it in sessionStorage.
- A Content-Security-Policy allows this server and Rasa only, as a net for anything missed.

Standard library only, besides business.redaction (itself standard library only) and the
settings loader (deployment.settings), so `scripts/serve-web` starts in well under a second.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

WEB_DIR = Path(__file__).resolve().parent
if str(WEB_DIR.parent) not in sys.path:  # scripts/serve-web runs this file directly
    sys.path.insert(0, str(WEB_DIR.parent))

from business import redaction  # noqa: E402 - needs the project root on sys.path
from deployment.settings import SettingsError, load  # noqa: E402

BUNDLE = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"
STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/ime-guard.js": ("ime-guard.js", "text/javascript; charset=utf-8"),
    "/mask-secrets.js": ("mask-secrets.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
}
FONT_IMPORT = re.compile(r"@import\s+url\(\s*[\"']?https?://fonts\.googleapis\.com/[^)]*\)\s*;?")
THIRD_PARTY_FONTS = ("fonts.googleapis.com", "fonts.gstatic.com")


class BundleError(RuntimeError):
    """The widget bundle is missing, or still names a font CDN after the rewrite."""


@lru_cache(maxsize=2)
def widget_bundle(path: Path = BUNDLE) -> bytes:
    """The widget's bundle without the Google Fonts import (the page supplies Japanese fonts)."""
    if not path.is_file():
        raise BundleError(f"{path} is missing: run `npm ci` in web/")
    text = FONT_IMPORT.sub("", path.read_text(encoding="utf-8"))
    left = [host for host in THIRD_PARTY_FONTS if host in text]
    if left:
        raise BundleError(f"{path} still refers to {', '.join(left)}: update FONT_IMPORT in {__file__}")
    return text.encode("utf-8")


def config_script(socket_url: str) -> bytes:
    return f"window.WEBCHAT_CONFIG = {json.dumps({'socketUrl': socket_url})};\n".encode("utf-8")


# --- business/redaction.py's patterns for the page (web/mask-secrets.js) ------------------------

# Python's \s (str.isspace) as a JavaScript class body: JavaScript's \s lacks \x1c-\x1f and \x85
# and has \ufeff, so it is spelled out.
_PY_SPACE = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_JS_SYNTAX = set("^$\\.*+?()[]{}|/")
_SAME_ESCAPES = set("ntrfvux")  # \n \t \r \f \v \xhh \uhhhh


def js_regex_source(source: str) -> str:
    r"""A Python `re` pattern written for JavaScript's `u` mode, with the same meaning.

    Handles what business/redaction.py uses that differs: \s (spelled out), $ (Python's also
    matches before a final newline) and identity escapes such as \" (a syntax error in `u` mode).
    Other escapes (\n, \u2010, \[) and the syntax (lookbehind, lazy counts) mean the same in both;
    an escape whose meaning differs and is not translated (\d, \w, \b, \Z …) is refused, so a
    change to the patterns cannot silently make the page mask differently from the server.
    """
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escaped = source[index + 1]
            index += 2
            if escaped == "s":
                out.append(_PY_SPACE if in_class else f"[{_PY_SPACE}]")
            elif escaped in _SAME_ESCAPES or escaped in _JS_SYNTAX or (escaped == "-" and in_class):
                out.append("\\" + escaped)
            elif escaped.isalnum():
                raise ValueError(f"\\{escaped} has no translation to JavaScript: update js_regex_source")
            else:
                out.append(escaped)  # \" \' \- (outside a class) \、 …: the character itself
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            char = "(?=\\n?$)"
        out.append(char)
        index += 1
    return "".join(out)


def redaction_rules() -> dict:
    """What web/mask-secrets.js needs to mask a text as business.redaction.redact() does."""
    patterns = [
        {
            "kind": rule.kind,
            "source": js_regex_source(rule.pattern.pattern),
            "flags": "i" if rule.pattern.flags & re.IGNORECASE else "",
            "group": rule.group,
            "minDigits": redaction.CARD_MIN_DIGITS if rule.kind == redaction.CARD_NUMBER else 0,
            "valueEnd": rule.is_value,
        }
        for rule in redaction.RULES
    ]
    return {
        "patterns": patterns,
        "placeholders": dict(redaction.PLACEHOLDERS),
        "trailing": redaction.VALUE_TRAILING,
        "minValue": redaction.MIN_VALUE_LENGTH,
    }


@lru_cache(maxsize=1)
def redaction_rules_script() -> bytes:
    rules = json.dumps(redaction_rules(), ensure_ascii=False, indent=1)
    return f"window.REDACTION_RULES = {rules};\n".encode("utf-8")


def content_security_policy(socket_url: str) -> str:
    """Scripts, styles and images from this server; connections to Rasa only; no frames, no forms."""
    parts = urlsplit(socket_url)
    websocket = ("wss" if parts.scheme == "https" else "ws") + "://" + parts.netloc
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # the widget injects its CSS as <style> elements
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src {parts.scheme}://{parts.netloc} {websocket}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def make_handler(socket_url: str, web_dir: Path = WEB_DIR, bundle: Path = BUNDLE) -> type:
    """A request handler bound to one Rasa address (no globals: tests run several at once)."""
    policy = content_security_policy(socket_url)

    class Handler(BaseHTTPRequestHandler):
        def version_string(self) -> str:
            return "webchat"

        def do_GET(self) -> None:
            self._respond(with_body=True)

        def do_HEAD(self) -> None:
            self._respond(with_body=False)

        def _respond(self, with_body: bool) -> None:
            body, content_type = self._resource(urlsplit(self.path).path)
            if body is None:
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def _resource(self, path: str) -> tuple[Optional[bytes], str]:
            if path == "/config.js":
                return config_script(socket_url), "text/javascript; charset=utf-8"
            if path == "/redaction-rules.js":
                return redaction_rules_script(), "text/javascript; charset=utf-8"
            if path == "/webchat.js":
                return widget_bundle(bundle), "text/javascript; charset=utf-8"
            if path in STATIC:
                name, content_type = STATIC[path]
                return (web_dir / name).read_bytes(), content_type
            return None, ""

    return Handler


def main(argv: Optional[list[str]] = None) -> int:
    try:
        settings = load()
    except SettingsError as error:
        print(f"serve-web: {error}", file=sys.stderr)
        return 1
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=settings.web_port)
    parser.add_argument(
        "--socket-url",
        default=f"http://localhost:{settings.rasa_port}",
        help="where the browser reaches Rasa's socket.io (default http://localhost:$RASA_PORT)",
    )
    args = parser.parse_args(argv)
    try:
        widget_bundle(BUNDLE)  # fail now, not on the first customer's request
        redaction_rules_script()
    except (BundleError, ValueError) as error:
        print(f"serve-web: {error}", file=sys.stderr)
        return 1
    server = ThreadingHTTPServer((args.host, args.port), make_handler(args.socket_url))
    print(f"serve-web: http://{args.host}:{args.port} (Rasa socket.io at {args.socket_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
