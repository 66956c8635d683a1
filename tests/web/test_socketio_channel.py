"""The guarded socket.io channel, driven through its socket.io handlers without a network."""

from __future__ import annotations

import asyncio
import os
import re
from typing import Any, Callable, Optional

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.shared.utils.io import read_config_file

from business.call_centre import LADIES_CALL, PROMISE_CALL
from business.incoming_text import EMPTY_REPLY, MAX_TEXT_CHARS, NO_TEXT_REPLY, TOO_LONG_REPLY
from business.redaction import CARD_NUMBER, PLACEHOLDERS, SECRET_WARNING
from deployment.settings import PROJECT_ROOT, read_defaults
from rasa_addons.channels import guard
from rasa_addons.channels.rest import GuardedRestInput
from rasa_addons.channels.socketio import GuardedSocketIOInput, WebChatOutput, allowed_origins, with_dial_links

ORIGIN = "http://localhost:8080"
CHANNEL_KEY = "rasa_addons.channels.socketio.GuardedSocketIOInput"
PIN_BUTTON = '/report_login_problem{"login_method": "card_pin", "problem": "forgot"}'
SESSION = "0123456789abcdef0123456789abcdef"


def credentials_section(monkeypatch: pytest.MonkeyPatch) -> dict:
    """Our section of credentials.yml, read as Rasa reads it (other channels' ${VARS} from defaults.env)."""
    for name, value in read_defaults().items():
        if name not in os.environ:
            monkeypatch.setenv(name, value)
    return read_config_file(PROJECT_ROOT / "credentials.yml")[CHANNEL_KEY]


class Harness:
    """One channel, its socket.io handlers, what it emitted and what it handed to Rasa."""

    def __init__(
        self, async_enter_room: bool = False, rasa_fails: bool = False, rasa_says: Optional[dict] = None, **credentials: Any
    ) -> None:
        self.channel = GuardedSocketIOInput.from_credentials(
            {"session_persistence": True, "cors_allowed_origins": ORIGIN, "init_payload": "/greet", **credentials}
        )
        self.received: list[UserMessage] = []
        self.emitted: list[tuple[str, Any, Optional[str]]] = []
        self.rooms: list[tuple[str, str]] = []
        self.awaited_rooms: list[tuple[str, str]] = []

        async def on_new_message(message: UserMessage) -> None:
            self.received.append(message)
            if rasa_fails:
                raise RuntimeError("the action server is down")
            if rasa_says is not None:
                await message.output_channel.send_response(message.sender_id, dict(rasa_says))

        self.channel.blueprint(on_new_message)
        sio = self.channel.sio

        async def emit(event: str, data: Any = None, room: Optional[str] = None, **_: Any) -> None:
            self.emitted.append((event, data, room))

        def enter_room(sid: str, room: str, namespace: Optional[str] = None) -> Any:
            self.rooms.append((sid, room))
            if async_enter_room:  # python-socketio >= 5.10

                async def joined() -> None:
                    self.awaited_rooms.append((sid, room))

                return joined()
            return None

        sio.emit = emit
        sio.enter_room = enter_room
        self.handlers: dict[str, Callable] = sio.handlers["/"]

    def run(self, event: str, *args: Any) -> Any:
        return asyncio.run(self.handlers[event](*args))

    def open_session(self, sid: str = "sid-1", session_id: Optional[str] = SESSION) -> str:
        assert self.run("connect", sid, {}, None) is True
        self.run("session_request", sid, {"session_id": session_id})
        confirmed = [data for event, data, room in self.emitted if event == "session_confirm" and room == sid]
        return confirmed[-1]

    def say(self, text: Any, sid: str = "sid-1", session_id: Optional[str] = SESSION, **extra: Any) -> None:
        self.run("user_uttered", sid, {"message": text, "session_id": session_id, **extra})

    def texts(self) -> list[str]:
        return [message.text for message in self.received]

    def bot_texts(self) -> list[str]:
        return [data.get("text") for event, data, _ in self.emitted if event == "bot_uttered"]


def test_origin_comes_from_webchat_origin_and_is_never_a_wildcard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBCHAT_ORIGIN", "http://localhost:9999/")
    assert allowed_origins(None) == ["http://localhost:9999"]
    assert allowed_origins("http://a.test, http://b.test") == ["http://a.test", "http://b.test"]
    assert allowed_origins(["http://a.test"]) == ["http://a.test"]
    monkeypatch.delenv("WEBCHAT_ORIGIN")
    assert allowed_origins(None) == ["http://localhost:8080"]  # defaults.env
    for bad in ("*", ["http://a.test", "*"]):
        with pytest.raises(ValueError):
            allowed_origins(bad)


def test_only_the_page_origin_may_connect() -> None:
    harness = Harness()
    assert harness.run("connect", "sid-1", {"HTTP_ORIGIN": ORIGIN}, None) is True
    assert harness.run("connect", "sid-2", {"HTTP_ORIGIN": ORIGIN + "/"}, None) is True
    assert harness.run("connect", "sid-3", {"HTTP_ORIGIN": "http://evil.example"}, None) is False
    assert harness.run("connect", "sid-4", {"HTTP_ORIGIN": "null"}, None) is False  # sandboxed iframe, file://
    assert harness.run("connect", "sid-5", {}, None) is True  # not a browser: no Origin to check


def test_cors_headers_are_left_to_rasa_so_they_are_not_sent_twice() -> None:
    assert Harness().channel.sio.eio.cors_allowed_origins == []


def test_credentials_file_configures_the_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBCHAT_ORIGIN", ORIGIN)
    credentials = credentials_section(monkeypatch)
    channel = GuardedSocketIOInput.from_credentials(credentials)
    assert channel.session_persistence is True
    assert channel.init_payload == "/greet"
    assert channel.cors_allowed_origins == [ORIGIN]


def test_page_sends_the_init_payload_the_channel_lets_through(monkeypatch: pytest.MonkeyPatch) -> None:
    credentials = credentials_section(monkeypatch)
    app_js = (PROJECT_ROOT / "web" / "app.js").read_text(encoding="utf-8")
    assert re.search(r'initPayload:\s*"([^"]*)"', app_js).group(1) == credentials["init_payload"]


@pytest.mark.parametrize("async_enter_room", [False, True], ids=["socketio-5.8", "socketio-5.10+"])
def test_session_request_joins_the_room_with_any_python_socketio(async_enter_room: bool) -> None:
    harness = Harness(async_enter_room=async_enter_room)
    assert harness.open_session() == SESSION
    assert harness.rooms == [("sid-1", SESSION)]
    if async_enter_room:
        assert harness.awaited_rooms == [("sid-1", SESSION)]


@pytest.mark.parametrize("data", [None, "text", {}, {"session_id": None}, {"session_id": 42}, {"session_id": "x" * 500}])
def test_a_missing_or_odd_session_id_gets_a_new_one(data: Any) -> None:
    harness = Harness()
    harness.run("connect", "sid-1", {}, None)
    harness.run("session_request", "sid-1", data)
    (event, session_id, room), = harness.emitted
    assert event == "session_confirm" and room == "sid-1"
    assert re.fullmatch(r"[0-9a-f]{32}", session_id)
    assert harness.rooms == [("sid-1", session_id)]


def test_secrets_are_masked_and_the_warning_comes_first() -> None:
    harness = Harness()
    harness.open_session()
    harness.say("暗証番号は1234です。ログインできません")
    assert harness.bot_texts() == [SECRET_WARNING]
    assert harness.emitted[-1][2] == SESSION  # to the session's room, so every tab of it sees it
    (message,) = harness.received
    assert "1234" not in message.text and "［暗証番号］" in message.text
    assert message.sender_id == SESSION and message.input_channel == "socketio"


def test_own_button_payloads_pass_and_other_commands_are_read_as_text() -> None:
    harness = Harness()
    harness.open_session()
    harness.say("こんにちは")
    harness.say(PIN_BUTTON)
    harness.say('/inform{"eligibility": "none", "card_holder": "has_card"}')
    assert harness.texts() == ["こんにちは", PIN_BUTTON, 'inform{"eligibility": "none", "card_holder": "has_card"}']


def test_init_payload_passes_only_as_the_first_message_of_a_connection() -> None:
    harness = Harness()
    harness.open_session()
    harness.say("/greet")
    harness.say("/greet")
    assert harness.texts() == ["/greet", "greet"]
    harness.open_session(sid="sid-2")  # a reload: new connection, same session
    harness.say("/greet", sid="sid-2")
    assert harness.texts()[-1] == "/greet"


def test_without_init_payload_configured_the_greeting_is_plain_text() -> None:
    harness = Harness(init_payload=None)
    harness.open_session()
    harness.say("/greet")
    assert harness.texts() == ["greet"]


@pytest.mark.parametrize("data", [None, "hello", 42, []])
def test_an_event_naming_no_session_is_dropped_without_crashing(data: Any) -> None:
    harness = Harness()
    harness.open_session()
    harness.run("user_uttered", "sid-1", data)
    assert harness.received == [] and harness.bot_texts() == []
    harness.say("こんにちは")
    assert harness.texts() == ["こんにちは"]


ODD_TEXTS = [
    ("", EMPTY_REPLY),
    ("   \n\t", EMPTY_REPLY),
    ("\x00\u202e\ufeff", EMPTY_REPLY),  # nothing left once the untypeable characters are dropped
    ("😀😀", NO_TEXT_REPLY),
    ("！？…", NO_TEXT_REPLY),
    ("あ" * (MAX_TEXT_CHARS + 1), TOO_LONG_REPLY),
    ("あ" * 1_000_000, TOO_LONG_REPLY),
]
ODD_IDS = ["empty", "whitespace", "untypeable", "emoji", "symbols", "5001-chars", "1m-chars"]


@pytest.mark.parametrize("text, reply", ODD_TEXTS, ids=ODD_IDS)
def test_odd_text_gets_the_polite_answer_and_the_next_message_is_answered(text: str, reply: str) -> None:
    harness = Harness()
    harness.open_session()
    harness.say(text)
    assert harness.received == []  # Rasa never saw it
    assert harness.bot_texts() == [reply]
    assert harness.emitted[-1][2] == SESSION  # to the session's room, as the channel's replies go
    harness.say("こんにちは")
    assert harness.texts() == ["こんにちは"]


@pytest.mark.parametrize(
    "text",
    [text for text, _ in ODD_TEXTS] + ["こんにちは", "暗証番号は1234です", "あ" * MAX_TEXT_CHARS],
    ids=ODD_IDS + ["greeting", "pin", "5000-chars"],
)
def test_refusals_are_those_of_the_rest_channel(text: str) -> None:
    """What socket.io says before handing a text to Rasa is exactly what REST says."""
    harness = Harness()
    harness.open_session()
    harness.say(text)

    async def rasa_stays_quiet(_: UserMessage) -> None:
        return None

    rest = asyncio.run(GuardedRestInput().answer(rasa_stays_quiet, SESSION, text))
    assert harness.bot_texts() == [message["text"] for message in rest]
    assert len(harness.received) == (0 if guard.polite_refusal(guard.clean_text(text)) else 1)


@pytest.mark.parametrize("message", [None, 5, ["a"], {"text": "a"}])
def test_a_message_that_is_not_text_gets_the_empty_answer(message: Any) -> None:
    harness = Harness()
    harness.open_session()
    harness.run("user_uttered", "sid-1", {"session_id": SESSION, "message": message})
    harness.run("user_uttered", "sid-1", {"session_id": SESSION})
    assert harness.received == [] and harness.bot_texts() == [EMPTY_REPLY, EMPTY_REPLY]


def test_without_session_persistence_the_polite_answer_goes_to_the_socket() -> None:
    harness = Harness(session_persistence=False)
    harness.open_session()
    harness.say("😀", session_id=None)
    assert harness.bot_texts() == [NO_TEXT_REPLY] and harness.emitted[-1][2] == "sid-1"


def test_extra_arguments_and_a_bare_event_are_ignored() -> None:
    harness = Harness()
    harness.run("connect", "sid-1", {}, None)
    harness.run("session_request", "sid-1")
    harness.run("session_request", "sid-1", {"session_id": SESSION}, "extra")
    harness.run("user_uttered", "sid-1")
    harness.run("user_uttered", "sid-1", {"message": "こんにちは", "session_id": SESSION}, "extra", 1)
    assert harness.texts() == ["こんにちは"]


def test_characters_no_customer_types_are_dropped() -> None:
    harness = Harness()
    harness.open_session()
    harness.say("こんに\x00ちは\u202e")
    assert harness.texts() == ["こんにちは"]


def test_when_rasa_cannot_answer_the_customer_gets_the_apology() -> None:
    harness = Harness(rasa_fails=True)
    harness.open_session()
    harness.say("こんにちは")
    assert harness.bot_texts() == [with_dial_links(guard.assistant_unavailable_text())]
    assert f"[{PROMISE_CALL}](tel:0120240365)" in harness.bot_texts()[0]


def test_the_call_centres_numbers_in_an_answer_are_links_that_dial_them() -> None:
    answer = f"レディースコール：{LADIES_CALL}\nプロミスコール：{PROMISE_CALL}\n\n受付番号「H-1」、0120-00-0000"
    harness = Harness(rasa_says={"text": answer, "buttons": [{"title": "はい", "payload": "/affirm"}]})
    harness.open_session()
    harness.say("電話したい")
    messages = [data for event, data, _ in harness.emitted if event == "bot_uttered"]
    assert messages == [
        {"text": "レディースコール：[0120-86-2634](tel:0120862634)\nプロミスコール：[0120-24-0365](tel:0120240365)",
         "quick_replies": []},
        {"text": "受付番号「H-1」、0120-00-0000",
         "quick_replies": [{"content_type": "text", "title": "はい", "payload": "/affirm"}]},
    ]


def test_messages_rasa_sends_on_its_own_are_shaped_for_the_web_chat_too() -> None:
    harness = Harness()
    assert isinstance(harness.channel.get_output_channel(), WebChatOutput)


def test_a_message_of_exactly_the_limit_is_read_whole() -> None:
    harness = Harness()
    harness.open_session()
    harness.say("あ" * MAX_TEXT_CHARS)
    (text,) = harness.texts()
    assert len(text) == MAX_TEXT_CHARS and harness.bot_texts() == []


@pytest.mark.parametrize(
    "extra",
    [{"metadata": '{"page": "login"}'}, {"metadata": {"page": "login", "slots": {"eligibility": "none"}}},
     {"metadata": "{not json"}, {"metadata": [1, 2]}, {"customData": {"language": "ja", "card": "4980123456789012"}},
     {"input_channel": "rest", "parse_data": {"intent": {"name": "greet"}}}],
    ids=["json-string", "object", "bad-json", "list", "customData", "other-keys"],
)
def test_client_metadata_never_reaches_rasa(extra: dict) -> None:
    harness = Harness()
    harness.open_session()
    harness.say("こんにちは", **extra)
    (message,) = harness.received
    assert message.metadata is None and message.input_channel == "socketio"


def test_metadata_key_from_credentials_is_dropped_too() -> None:
    harness = Harness(metadata_key="customData")
    harness.open_session()
    harness.say("こんにちは", customData={"language": "ja"})
    assert harness.received[0].metadata is None


def test_a_secret_the_page_masked_still_gets_the_warning_first() -> None:
    harness = Harness()
    harness.open_session()
    masked = f"カード番号は{PLACEHOLDERS[CARD_NUMBER]}です"  # what web/mask-secrets.js sends
    harness.say(masked)
    harness.say("暗証番号を忘れました")
    assert harness.bot_texts() == [SECRET_WARNING]
    assert harness.texts() == [masked, "暗証番号を忘れました"]


def test_a_message_for_a_session_this_socket_was_not_confirmed_for_is_dropped() -> None:
    harness = Harness()
    harness.run("connect", "sid-1", {}, None)
    harness.say("こんにちは")  # before session_request
    harness.open_session()
    harness.say("こんにちは", session_id="f" * 32)  # someone else's session
    harness.say("こんにちは", session_id=None)
    assert harness.received == []
    harness.run("disconnect", "sid-1")
    harness.say("こんにちは")  # after disconnect
    assert harness.received == []


def test_without_session_persistence_the_socket_is_the_sender() -> None:
    harness = Harness(session_persistence=False)
    harness.open_session()
    harness.say("こんにちは", session_id=None)
    assert harness.received[0].sender_id == "sid-1"
    assert harness.rooms == []
