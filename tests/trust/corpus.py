"""Bad input for every HTTP endpoint of the assistant: what a broken client or an attacker sends.

Each case says what a sound server does with it: "4xx" (a clear client error), "polite" (200
and one polite Japanese sentence instead of Rasa's answer), "answer" (200 and a real answer).
Never a 5xx. test_bad_input.py sends them; a stock Rasa 3.6.21 REST channel and HTTP API fail
many of them (see that module's docstring).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

WEBHOOK = "/webhooks/rest/webhook"
SENDER = "bad-input-1"
CARD = "4980 3127 6645 2093"


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    body: Optional[bytes] = None
    content_type: Optional[str] = "application/json"
    expect: str = "4xx"  # "4xx", "polite", "answer", "2xx"
    api: bool = False  # an HTTP API route: sent with the API token
    polite: Optional[str] = None  # which polite reply (a name in rasa_addons.channels.rest)
    accept: Optional[str] = None  # the Accept header, when a case needs one

    def __str__(self) -> str:
        return self.name


def as_json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def message(text: object, sender: object = SENDER, **extra: object) -> bytes:
    return as_json({"sender": sender, "message": text, **extra})


def nested(depth: int, leaf: str = "0") -> bytes:
    return ("[" * depth + leaf + "]" * depth).encode()


def nested_objects(depth: int) -> bytes:
    return ('{"a":' * depth + "0" + "}" * depth).encode()


REST = [
    # text the customer could plausibly send
    Case("empty message", "POST", WEBHOOK, message(""), expect="polite", polite="EMPTY_REPLY"),
    Case("whitespace only", "POST", WEBHOOK, message("  \t\n\u3000 "), expect="polite", polite="EMPTY_REPLY"),
    Case("100,000 characters", "POST", WEBHOOK, message("ログインできない" * 12500), expect="polite", polite="TOO_LONG_REPLY"),
    Case("100,000 characters with a card number", "POST", WEBHOOK, message(CARD + " " + "あ" * 99_980), expect="polite", polite="TOO_LONG_REPLY"),
    Case("control characters", "POST", WEBHOOK, message("ログイン\x01\x02\x1b[31mできない\x7f"), expect="answer"),
    Case("NUL bytes", "POST", WEBHOOK, message("\x00ログイン\x00できない\x00"), expect="answer"),
    Case("only control characters", "POST", WEBHOOK, message("\x00\x01\x02\x1b"), expect="polite", polite="EMPTY_REPLY"),
    Case("lone surrogate escape", "POST", WEBHOOK, b'{"sender": "bad-input-1", "message": "\\ud800\\udfffx\\ud83d"}', expect="answer"),
    Case("bidi override", "POST", WEBHOOK, message("\u202eログインできない\u202c"), expect="answer"),
    Case("emoji only", "POST", WEBHOOK, message("😀😀😀"), expect="polite", polite="NO_TEXT_REPLY"),
    Case("emoji sequence only", "POST", WEBHOOK, message("👨\u200d👩\u200d👧\u200d👦🙏🏻❤️"), expect="polite", polite="NO_TEXT_REPLY"),
    Case("symbols only", "POST", WEBHOOK, message("？？？！！…"), expect="polite", polite="NO_TEXT_REPLY"),
    Case("HTML tags", "POST", WEBHOOK, message("<b>ログイン</b>できない<br><img src=x onerror=alert(1)>"), expect="answer"),
    Case("script tag", "POST", WEBHOOK, message("<script>alert('x')</script>"), expect="answer"),
    Case("SQL-looking text", "POST", WEBHOOK, message("'; DROP TABLE events; --"), expect="answer"),
    Case("forged restart command", "POST", WEBHOOK, message("/restart"), expect="answer"),
    Case("broken command JSON", "POST", WEBHOOK, message('/inform{"login_method":'), expect="answer"),
    Case("unknown fields, metadata, input_channel and stream ignored", "POST", WEBHOOK + "?stream=true",
         message("ログインできない", metadata={"a": [1, {"b": None}]}, input_channel="socketio", x=1), expect="answer"),
    Case("metadata of the wrong type", "POST", WEBHOOK, message("ログインできない", metadata="oops"), expect="answer"),
    Case("charset in the content type", "POST", WEBHOOK, message("ログインできない"), content_type="application/json; charset=utf-8", expect="answer"),
    # JSON with wrong types or missing fields
    Case("message is a number", "POST", WEBHOOK, message(12345)),
    Case("message is null", "POST", WEBHOOK, message(None)),
    Case("message is a list", "POST", WEBHOOK, message(["ログインできない"])),
    Case("message is an object", "POST", WEBHOOK, message({"text": "ログインできない"})),
    Case("message is true", "POST", WEBHOOK, message(True)),
    Case("message missing", "POST", WEBHOOK, as_json({"sender": SENDER})),
    Case("sender missing", "POST", WEBHOOK, as_json({"message": "ログインできない"})),
    Case("sender is a number", "POST", WEBHOOK, message("ログインできない", sender=42)),
    Case("sender is null", "POST", WEBHOOK, message("ログインできない", sender=None)),
    Case("sender is empty", "POST", WEBHOOK, message("ログインできない", sender="")),
    Case("sender of 10,000 characters", "POST", WEBHOOK, message("ログインできない", sender="s" * 10_000)),
    Case("sender with NUL and spaces", "POST", WEBHOOK, message("ログインできない", sender="a\x00 b")),
    Case("sender is an object", "POST", WEBHOOK, message("ログインできない", sender={"id": 1})),
    Case("body is an array", "POST", WEBHOOK, b"[1, 2, 3]"),
    Case("body is a string", "POST", WEBHOOK, as_json("ログインできない")),
    Case("body is null", "POST", WEBHOOK, b"null"),
    Case("body is a number", "POST", WEBHOOK, b"42"),
    Case("body is empty", "POST", WEBHOOK, b""),
    Case("body is not JSON", "POST", WEBHOOK, "ログインできない".encode()),
    Case("body is cut off", "POST", WEBHOOK, b'{"sender": "bad-input-1", "message": "x'),
    Case("NaN is not JSON", "POST", WEBHOOK, b'{"sender": "bad-input-1", "message": "x", "n": NaN}'),
    Case("invalid UTF-8", "POST", WEBHOOK, b'{"sender": "bad-input-1", "message": "\xff\xfe\x80\xc3"}'),
    Case("UTF-16 body", "POST", WEBHOOK, '{"sender": "bad-input-1", "message": "x"}'.encode("utf-16")),
    # wrong content type
    Case("text/plain", "POST", WEBHOOK, message("ログインできない"), content_type="text/plain"),
    Case("form-encoded", "POST", WEBHOOK, b"sender=bad-input-1&message=x", content_type="application/x-www-form-urlencoded"),
    Case("no content type", "POST", WEBHOOK, message("ログインできない"), content_type=None),
    Case("multipart", "POST", WEBHOOK, b"--b\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nx\r\n--b--\r\n",
         content_type="multipart/form-data; boundary=b"),
    # deeply nested or huge JSON
    Case("array nested 100,000 deep", "POST", WEBHOOK, nested(100_000)),
    Case("objects nested 100,000 deep", "POST", WEBHOOK, nested_objects(100_000)),
    Case("metadata nested 5,000 deep", "POST", WEBHOOK,
         b'{"sender": "bad-input-1", "message": "x", "metadata": ' + nested(5_000) + b"}"),
    Case("5 MB of JSON", "POST", WEBHOOK, message("x", padding="p" * 5_000_000)),
    Case("100,000 keys", "POST", WEBHOOK, as_json({"sender": SENDER, "message": "x", **{f"k{i}": i for i in range(100_000)}})),
    # wrong methods and odd URLs
    Case("GET on the webhook", "GET", WEBHOOK, None, content_type=None),
    Case("PUT on the webhook", "PUT", WEBHOOK, message("x")),
    Case("unknown path", "GET", "/webhooks/rest/nope", None, content_type=None),
    Case("invalid percent-encoding in the path", "GET", "/webhooks/rest/%ff%fe%00", None, content_type=None),
    Case("URL of 20,000 characters", "GET", "/" + "a" * 20_000, None, content_type=None),
]

HEALTH = [
    Case("root", "GET", "/", None, content_type=None, expect="2xx"),
    Case("root with odd query", "GET", "/?x=%ff%00&&=", None, content_type=None, expect="2xx"),
    Case("REST channel health", "GET", "/webhooks/rest/", None, content_type=None, expect="2xx"),
    Case("version", "GET", "/version", None, content_type=None, expect="2xx"),
    Case("POST on root", "POST", "/", message("x")),
    Case("DELETE on root", "DELETE", "/", None, content_type=None),
]

API = [
    Case("parse: text is a number", "POST", "/model/parse", as_json({"text": 123}), api=True),
    Case("parse: body is a list", "POST", "/model/parse", b"[]", api=True),
    Case("parse: body is null", "POST", "/model/parse", b"null", api=True),
    Case("parse: body is not JSON", "POST", "/model/parse", b"{", api=True),
    Case("parse: invalid UTF-8", "POST", "/model/parse", b'{"text": "\xff"}', api=True),
    Case("parse: nested 100,000 deep", "POST", "/model/parse", nested(100_000), api=True),
    Case("parse: text missing", "POST", "/model/parse", as_json({}), api=True),
    Case("messages: empty object", "POST", "/conversations/bad-input-api/messages", as_json({}), api=True),
    Case("messages: text is a number", "POST", "/conversations/bad-input-api/messages",
         as_json({"text": 5, "sender": "user"}), api=True),
    Case("messages: body is a list", "POST", "/conversations/bad-input-api/messages", b"[1]", api=True),
    Case("events: unknown event", "POST", "/conversations/bad-input-api/tracker/events", as_json([{"event": "nope"}]), api=True),
    Case("events: slot without a name", "POST", "/conversations/bad-input-api/tracker/events", as_json({"event": "slot"}), api=True),
    Case("events: list of numbers", "POST", "/conversations/bad-input-api/tracker/events", b"[1, 2]", api=True),
    Case("events: body is a string", "PUT", "/conversations/bad-input-api/tracker/events", b'"junk"', api=True),
    Case("events: body is null", "POST", "/conversations/bad-input-api/tracker/events", b"null", api=True),
    Case("events: nested 100,000 deep", "POST", "/conversations/bad-input-api/tracker/events", nested(100_000), api=True),
    Case("execute: name is a number", "POST", "/conversations/bad-input-api/execute", as_json({"name": 5}), api=True),
    Case("execute: body is a list", "POST", "/conversations/bad-input-api/execute", b"[]", api=True),
    Case("trigger_intent: unknown intent", "POST", "/conversations/bad-input-api/trigger_intent", as_json({"name": "nope"}), api=True),
    Case("trigger_intent: body is null", "POST", "/conversations/bad-input-api/trigger_intent", b"null", api=True),
    Case("predict: body is junk", "POST", "/model/predict", b"junk", api=True),
    Case("load model: model_file is a number", "PUT", "/model", as_json({"model_file": 5}), api=True),
    Case("load model: body is a list", "PUT", "/model", b"[]", api=True),
    Case("parse: JSON sent as text/plain", "POST", "/model/parse", as_json({"text": "x"}), content_type="text/plain", api=True),
    Case("messages: parse_data is a string", "POST", "/conversations/bad-input-api/messages",
         as_json({"text": "x", "sender": "user", "parse_data": "x"}), api=True),
    Case("execute: unknown action", "POST", "/conversations/bad-input-api/execute", as_json({"name": "action_nope"}), api=True),
    Case("execute: confidence is text", "POST", "/conversations/bad-input-api/execute",
         as_json({"name": "utter_greet", "confidence": "high"}), api=True),
    Case("trigger_intent: entities is a number", "POST", "/conversations/bad-input-api/trigger_intent",
         as_json({"name": "greet", "entities": 5}), api=True),
    Case("predict: body is an object", "POST", "/model/predict", as_json({"event": 5}), api=True),
    Case("load model: model_server is a string", "PUT", "/model", as_json({"model_server": "http://x"}), api=True),
    Case("train: body is junk", "POST", "/model/train", b"\x00\xff junk", content_type="application/yaml", api=True),
    Case("train: JSON instead of YAML", "POST", "/model/train", as_json({"a": 1}), api=True),
    Case("test intents: body is junk", "POST", "/model/test/intents", b"junk: [", content_type="application/yaml", api=True),
    Case("test stories: body is junk", "POST", "/model/test/stories", b"\xff\xfe", content_type="text/yaml", api=True),
    Case("tracker of an odd conversation id", "GET", "/conversations/%ff%00/tracker", None, content_type=None, api=True, expect="2xx"),
    Case("parse: 100,000 characters", "POST", "/model/parse", as_json({"text": "ログインできない" * 12500}), api=True),
    Case("parse: lone surrogate escape", "POST", "/model/parse", b'{"text": "\\ud800"}', api=True),
    Case("parse: lone surrogate escape in message_id", "POST", "/model/parse",
         b'{"text": "x", "message_id": "\\udfff"}', api=True),
    Case("messages: 100,000 characters", "POST", "/conversations/bad-input-api/messages",
         as_json({"text": "あ" * 100_000, "sender": "user"}), api=True),
    Case("messages: lone surrogate escape", "POST", "/conversations/bad-input-api/messages",
         b'{"text": "\\ud83d", "sender": "user"}', api=True),
    Case("events: lone surrogate escape", "POST", "/conversations/bad-input-api/tracker/events",
         b'{"event": "slot", "name": "problem", "value": "\\ud800"}', api=True),
    Case("trigger_intent: lone surrogate escape", "POST", "/conversations/bad-input-api/trigger_intent",
         b'{"name": "\\ud800"}', api=True),
    Case("tracker: unknown include_events", "GET", "/conversations/bad-input-api/tracker?include_events=EVERYTHING",
         None, content_type=None, api=True),
    Case("tracker: until is not a number", "GET", "/conversations/bad-input-api/tracker?until=yesterday",
         None, content_type=None, api=True, expect="2xx"),
    Case("story of an unknown conversation", "GET", "/conversations/nobody-here/story", None, content_type=None, api=True),
    Case("domain in an unknown format", "GET", "/domain", None, content_type=None, api=True, accept="text/html"),
    Case("load model: model_file does not exist", "PUT", "/model", as_json({"model_file": "models/none.tar.gz"}), api=True),
    Case("status", "GET", "/status", None, content_type=None, api=True, expect="2xx"),
    Case("domain", "GET", "/domain", None, content_type=None, api=True, expect="2xx", accept="application/json"),
    Case("story", "GET", "/conversations/bad-input-api/story", None, content_type=None, api=True, expect="2xx"),
    Case("predict: a conversation", "POST", "/conversations/bad-input-api/predict", None, content_type=None, api=True, expect="2xx"),
]

# Every route of Rasa's HTTP API without the token: refused (401/403) with a JSON error, whatever the body.
API_ROUTES = [
    ("GET", "/status"), ("GET", "/domain"), ("GET", "/conversations/bad-input-api/tracker"),
    ("POST", "/conversations/bad-input-api/tracker/events"), ("PUT", "/conversations/bad-input-api/tracker/events"),
    ("GET", "/conversations/bad-input-api/story"), ("POST", "/conversations/bad-input-api/execute"),
    ("POST", "/conversations/bad-input-api/trigger_intent"), ("POST", "/conversations/bad-input-api/predict"),
    ("POST", "/conversations/bad-input-api/messages"), ("POST", "/model/train"), ("POST", "/model/test/stories"),
    ("POST", "/model/test/intents"), ("POST", "/model/predict"), ("POST", "/model/parse"), ("PUT", "/model"),
    ("DELETE", "/model"),
]
WITHOUT_TOKEN = [
    Case(f"no token: {method} {path} ({kind})", method, path, body, expect="4xx")
    for method, path in API_ROUTES
    for kind, body in (("JSON", as_json({"text": "x", "name": "greet", "event": "restart"})), ("surrogate", b'{"text": "\\ud800"}'))
]

CORPUS = REST + HEALTH + API + WITHOUT_TOKEN
