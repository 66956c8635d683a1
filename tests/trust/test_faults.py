"""Item 5: when the action server or its database is down, the customer is still answered.

Action server down: Rasa 3.6's processor catches the failed call, drops the action's events and
goes on predicting, so upstream answers with silence or a misleading "うまく読み取れませんでした".
The guarded REST channel (guard.answer_or_apologise) answers with utter_assistant_unavailable, a
short apology with the phone number, and the conversation goes on once the server is back.

Action server's database down: actions that do not need it still answer (maintenance, interest
simulation, the phone handoff with its number, only without a reference to quote).
"""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest

from business.call_centre import PROMISE_CALL
from rasa_addons.channels import guard
from rasa_addons.channels.socketio import with_dial_links
from tests.support import private_postgres
from tests.support.servers import Assistant, running_assistant
from tests.trust import channels
from tests.trust.conftest import FIXED_NOW

pytestmark = pytest.mark.slow

APOLOGY = guard.assistant_unavailable_text()
ASK_METHOD = "ログインにはどちらの方法をお使いですか？"
ASK_PROBLEM = "どのような状態ですか？"
ASK_ELIGIBILITY = "念のため伺います"
ORIGIN = "http://localhost:8080"
LINE_SECRET = "trust-faults-line-secret"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, line_api: channels.FakeLineApi) -> Iterator[Assistant]:
    overrides = {
        "ASSISTANT_NOW": FIXED_NOW,
        "WEBCHAT_ORIGIN": ORIGIN,
        "LINE_CHANNEL_SECRET": LINE_SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": "trust-line-access-token",
        "LINE_API_BASE_URL": line_api.url,
    }
    with running_assistant(tmp_path_factory.mktemp("faults"), overrides) as running:
        running.say("faults-warm-up", "こんにちは")
        yield running


@pytest.fixture
def action_server_down(assistant: Assistant) -> Iterator[None]:
    assistant.stop_action_server()
    try:
        yield
    finally:
        if assistant.processes[0].poll() is not None:
            assistant.start_action_server()


def sender() -> str:
    return f"faults-{uuid.uuid4().hex[:8]}"


def test_the_apology_gives_the_phone_number() -> None:
    assert PROMISE_CALL in APOLOGY


def test_action_server_down_gets_an_apology_then_the_conversation_goes_on(assistant: Assistant) -> None:
    customer = sender()
    assert ASK_METHOD in assistant.texts(customer, "ログインできない")
    assert ASK_PROBLEM in assistant.texts(customer, '/inform{"login_method": "id_password"}')

    assistant.stop_action_server()
    try:
        # The triage form validates every answer on the action server: it cannot go on.
        assert assistant.texts(customer, "パスワードが違うと出ます") == APOLOGY
        # Neither can a question answered by a custom action.
        assert assistant.texts(sender(), "メンテナンスの時間は？") == APOLOGY
        assert assistant.texts(sender(), "電話で相談したい") == APOLOGY
        # A plain response needs no action server.
        assert "どのようなことでお困りですか" in assistant.texts(sender(), "こんにちは")
    finally:
        assistant.start_action_server()

    # Back: the same answer goes through, and the login method given before is still known.
    after = assistant.texts(customer, "パスワードが違うと出ます")
    assert ASK_ELIGIBILITY in after and APOLOGY not in after
    outcome = assistant.texts(customer, '/inform{"eligibility": "none"}')
    assert "入力内容をもう一度ご確認ください" in outcome and "解決しましたか" in outcome


def test_action_server_down_in_the_interest_simulation(assistant: Assistant, action_server_down: None) -> None:
    assert assistant.texts(sender(), "10万円を年18%で30日借りたら利息はいくら？") == APOLOGY


def test_the_apology_follows_the_secret_warning(assistant: Assistant, action_server_down: None) -> None:
    replies = [reply["text"] for reply in assistant.say(sender(), "暗証番号は0815ですがログインできません")]
    assert replies[0].startswith("ご注意ください") and replies[1:] == [APOLOGY]


@pytest.mark.skipif(not channels.socketio_available(), reason="no socket.io channel configured")
def test_socketio_gets_the_apology_too(assistant: Assistant, action_server_down: None) -> None:
    answers = channels.socketio_converse(assistant.rasa_url, ORIGIN, ["メンテナンスの時間は？"], quiet=1.0, timeout=5)
    assert with_dial_links(APOLOGY) in answers[0], answers  # the web chat shows the number as a tel: link


@pytest.mark.skipif(not channels.line_available(), reason="no LINE channel configured")
def test_line_gets_the_apology_too(assistant: Assistant, action_server_down: None, line_api: channels.FakeLineApi) -> None:
    answers = channels.line_converse(assistant.rasa_url, LINE_SECRET, line_api, f"U{uuid.uuid4().hex}", ["メンテナンスの時間は？"], timeout=5)
    assert APOLOGY in answers[0], answers


@pytest.fixture
def action_database_gone(assistant: Assistant) -> Iterator[None]:
    """The action server started on a PostgreSQL of the test's own (it migrates it at start), which then stops."""
    with private_postgres.private_postgres() as postgres:
        postgres.create_database("assistant")
        url = f"postgresql://postgres@127.0.0.1:{postgres.port}/assistant"
        assistant.start_action_server({"ASSISTANT_DB_URL": url}, migrate_db=False)
        postgres.stop()
        try:
            yield
        finally:
            assistant.start_action_server()


@pytest.mark.skipif(not private_postgres.available(), reason="no PostgreSQL server binaries on this machine")
def test_action_database_down_still_answers(assistant: Assistant, action_database_gone: None) -> None:
    maintenance = assistant.texts(sender(), "メンテナンスの時間は？")
    assert "月曜" in maintenance and APOLOGY not in maintenance

    interest = assistant.texts(sender(), "10万円を年18%で30日借りたら利息はいくら？")
    assert "1,479円" in interest

    handoff = assistant.texts(sender(), "電話で相談したい")
    assert PROMISE_CALL in handoff and APOLOGY not in handoff
    assert "受付番号" not in handoff  # no database, no reference: said without one

    customer = sender()
    assistant.texts(customer, "ログインできない")
    assert ASK_PROBLEM in assistant.texts(customer, '/inform{"login_method": "card_pin"}')
    assert "自動契約機" in assistant.texts(customer, '/inform{"problem": "forgot"}')

    log = assistant.workdir / f"actions-{assistant.action_port}.log"
    assert "action database unavailable" in log.read_text(encoding="utf-8", errors="replace")


def test_the_action_database_back_gives_references_again(assistant: Assistant) -> None:
    assert "受付番号" in assistant.texts(sender(), "電話で相談したい")
