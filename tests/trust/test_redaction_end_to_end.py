"""Item 1: secrets typed into any channel never reach NLU, the tracker store, the action server or a log.

One assistant (Rasa server and action server both with --debug, libraries at DEBUG, so logs are
as talkative as they get) receives a corpus of messages with card numbers, PINs, passwords and
login IDs through every customer channel that exists: REST, and socket.io and LINE when their
modules are configured. Each channel gets its own random secrets. Then the servers are stopped
and every file they wrote (tracker database, action server database, every log) is searched for
the secrets as typed, as digits only, NFKC-folded and JSON-escaped: zero hits. The customer got
the warning first and the login help after it; NLU saw the placeholders.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import unicodedata
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from business.redaction import PLACEHOLDERS, SECRET_WARNING
from rasa_addons.channels import guard
from tests.support.servers import running_assistant
from tests.trust import channels
from tests.trust.conftest import FIXED_NOW

pytestmark = pytest.mark.slow

LINE_SECRET = "trust-line-channel-secret"
ORIGIN = "http://localhost:8080"
NOT_UNDERSTOOD = ("うまく読み取れませんでした",)
_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Secret:
    typed: str  # as it stands in the message
    kind: str  # "card", "pin", "password", "login_id"

    def forms(self) -> set[str]:
        """How the secret could show up in a file if it leaked."""
        folded = unicodedata.normalize("NFKC", self.typed)
        forms = {self.typed, folded, json.dumps(self.typed)[1:-1], json.dumps(folded)[1:-1], repr(self.typed)[1:-1]}
        if self.kind == "card":
            forms.add(re.sub(r"\D", "", folded))
        return {form for form in forms if len(form) >= 6}

    @property
    def pin(self) -> str:
        return unicodedata.normalize("NFKC", self.typed)


@dataclass
class Probe:
    message: str
    secrets: list[Secret]
    placeholder_kinds: tuple[str, ...]


def card(rng: random.Random, groups: tuple[int, ...], separator: str) -> str:
    return separator.join("".join(rng.choice("0123456789") for _ in range(size)) for size in groups)


def probes(rng: random.Random) -> list[Probe]:
    """Messages of customers who cannot log in and type a secret; fresh values for each channel."""
    word = lambda n: "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789") for _ in range(n))  # noqa: E731
    pin = lambda: "0" + "".join(rng.choice("123456789") for _ in range(3))  # noqa: E731
    c16, c16h, c16w = card(rng, (4, 4, 4, 4), " "), card(rng, (4, 4, 4, 4), "-"), card(rng, (4, 4, 4, 4), "　").translate(_WIDE)
    c12, c19, c_dash = card(rng, (4, 4, 4), "-"), card(rng, (19,), ""), card(rng, (4, 4, 4, 4), "ー")
    p1, p2, p3 = pin(), pin(), pin()
    pw1, pw2, pw3, pw4 = word(10), word(6) + "#" + word(3), word(12), word(9)
    id1, id2 = "taro_" + word(7).lower(), word(5).lower() + ".hanako" + str(rng.randint(1950, 2005))
    return [
        Probe(f"カード番号は{c16}です。ログインできません", [Secret(c16, "card")], ("card_number",)),
        Probe(f"ログインできない。カード番号 {c16h} で入れない", [Secret(c16h, "card")], ("card_number",)),
        Probe(f"{c16w}でログインできません", [Secret(c16w, "card")], ("card_number",)),
        Probe(f"カード {c12} でログインできない", [Secret(c12, "card")], ("card_number",)),
        Probe(f"カード番号{c19}を入れてもログインできない", [Secret(c19, "card")], ("card_number",)),
        Probe(f"{c_dash}と入れてもログインできません", [Secret(c_dash, "card")], ("card_number",)),
        Probe(f"暗証番号は{p1}ですがログインできません", [Secret(p1, "pin")], ("pin",)),
        Probe(f"暗証番号：{p2.translate(_WIDE)}　ログインできない", [Secret(p2.translate(_WIDE), "pin")], ("pin",)),
        Probe(f"暗証番号が違うと言われて{p3}で合ってるはずです", [Secret(p3, "pin")], ("pin",)),
        Probe(f"パスワードは{pw1}ですがログインできません", [Secret(pw1, "password")], ("password",)),
        Probe(f"ログインIDは{id1}、パスワードは{pw2}です。入れません", [Secret(id1, "login_id"), Secret(pw2, "password")],
              ("login_id", "password")),
        Probe(f"PW: {pw3} でログインできない", [Secret(pw3, "password")], ("password",)),
        Probe(f"IDは{id2}です。ログインできません", [Secret(id2, "login_id")], ("login_id",)),
        Probe(f"{pw4}がパスワードです。ログインできません", [Secret(pw4, "password")], ("password",)),
    ]


@dataclass
class Run:
    """What one channel's customers sent and read."""

    channel: str
    probes: list[Probe]
    answers: list[list[str]] = field(default_factory=list)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[Run]]]:
    """Drive every channel, then stop the servers (so every byte is written) and hand over their files."""
    workdir = tmp_path_factory.mktemp("redaction")
    rng = random.Random()
    results: list[Run] = []
    with channels.FakeLineApi() as line_api:
        overrides = {
            "ASSISTANT_NOW": FIXED_NOW,
            "LOG_LEVEL_LIBRARIES": "DEBUG",
            "WEBCHAT_ORIGIN": ORIGIN,
            "LINE_CHANNEL_SECRET": LINE_SECRET,
            "LINE_CHANNEL_ACCESS_TOKEN": "trust-line-access-token",
            "LINE_API_BASE_URL": line_api.url,
        }
        with running_assistant(workdir, overrides, extra_args=["--debug"], action_args=["--debug"]) as assistant:
            assistant.say("redaction-warm-up", "こんにちは")  # the first message after start-up is slow
            rest = Run("rest", probes(rng))
            for probe in rest.probes:
                rest.answers += channels.rest_converse(assistant.rasa_url, f"redaction-rest-{uuid.uuid4().hex[:8]}", [probe.message])
            results.append(rest)
            if channels.socketio_available():
                web = Run("socketio", probes(rng))
                sessions = channels.socketio_conversations(assistant.rasa_url, ORIGIN, [[p.message] for p in web.probes])
                web.answers = [answers[0] for answers in sessions]
                results.append(web)
            if channels.line_available():
                line = Run("line", probes(rng))
                for probe in line.probes:
                    line.answers += channels.line_converse(
                        assistant.rasa_url, LINE_SECRET, line_api, f"U{uuid.uuid4().hex}", [probe.message]
                    )
                results.append(line)
    yield workdir, results


def channel_ids(runs: list[Run]) -> list[str]:
    return [run.channel for run in runs]


def test_every_existing_channel_was_driven(runs: tuple[Path, list[Run]]) -> None:
    _, results = runs
    expected = ["rest"] + (["socketio"] if channels.socketio_available() else []) + (["line"] if channels.line_available() else [])
    assert channel_ids(results) == expected
    for run in results:
        assert len(run.answers) == len(run.probes), run.channel


def test_the_warning_comes_first_and_the_login_help_after_it(runs: tuple[Path, list[Run]]) -> None:
    _, results = runs
    for run in results:
        for probe, answer in zip(run.probes, run.answers, strict=False):
            assert answer and answer[0] == SECRET_WARNING, f"{run.channel}: {probe.message!r} -> {answer}"
            help_texts = answer[1:]
            assert help_texts, f"{run.channel}: only the warning for {probe.message!r}"
            assert not any(marker in text for text in help_texts for marker in NOT_UNDERSTOOD), (
                f"{run.channel}: {probe.message!r} was not understood: {help_texts}"
            )
            assert guard.assistant_unavailable_text() not in help_texts


def _sqlite_texts(path: Path) -> Iterator[str]:
    """Every text value of every table, JSON documents decoded (so escaped text is searched as text)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        value = value.decode("utf-8", "replace")
                    if isinstance(value, str):
                        yield value
                        if value[:1] in "[{":
                            try:
                                yield json.dumps(json.loads(value), ensure_ascii=False)
                            except ValueError:
                                pass
    finally:
        connection.close()


def _leaks(text: str, secrets: list[Secret]) -> list[str]:
    found = []
    for secret in secrets:
        if secret.kind == "pin":
            # Four digits alone: a hit only where no letter, digit or decimal point touches them
            # (a hex id or a float may contain any four digits).
            if re.search(rf"(?<![0-9A-Za-z.]){secret.pin}(?![0-9A-Za-z])", unicodedata.normalize("NFKC", text)):
                found.append(secret.typed)
        elif any(form in text for form in secret.forms()):
            found.append(secret.typed)
    return found


def _unescaped(text: str) -> str:
    """\\uXXXX escapes (structlog's JSON, ensure_ascii dumps) as the characters they stand for."""
    return re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)


def _all_secrets(results: list[Run]) -> list[Secret]:
    return [secret for run in results for probe in run.probes for secret in probe.secrets]


def _artifacts(workdir: Path) -> list[Path]:
    return sorted(path for path in workdir.rglob("*") if path.is_file())


def test_the_scan_covers_the_databases_and_debug_logs_of_both_servers(runs: tuple[Path, list[Run]]) -> None:
    workdir, _ = runs
    names = {path.name for path in _artifacts(workdir)}
    assert {"tracker.db", "assistant.db"} <= names
    logs = [path for path in _artifacts(workdir) if path.suffix == ".log"]
    assert any(p.name.startswith("rasa-") for p in logs) and any(p.name.startswith("actions-") for p in logs)
    # The scan means something: the logs hold every user text NLU parsed, and each action call.
    rasa_log = next(p for p in logs if p.name.startswith("rasa-")).read_text(encoding="utf-8", errors="replace")
    assert " DEBUG " in rasa_log and '"parse_data_text"' in rasa_log
    actions_log = next(p for p in logs if p.name.startswith("actions-")).read_text(encoding="utf-8", errors="replace")
    assert "Received request to run 'action_check_maintenance'" in actions_log


def test_no_file_holds_a_secret(runs: tuple[Path, list[Run]]) -> None:
    workdir, results = runs
    secrets = _all_secrets(results)
    leaks = {}
    for path in _artifacts(workdir):
        raw = path.read_bytes().decode("utf-8", "replace")
        found = _leaks(raw, secrets) + _leaks(_unescaped(raw), secrets)
        if path.suffix == ".db":
            found += [hit for text in _sqlite_texts(path) for hit in _leaks(text, secrets)]
        if found:
            leaks[path.name] = sorted(set(found))
    assert leaks == {}


def test_nlu_and_the_tracker_saw_the_placeholders(runs: tuple[Path, list[Run]]) -> None:
    workdir, results = runs
    connection = sqlite3.connect(f"file:{workdir / 'tracker.db'}?mode=ro", uri=True)
    try:
        user_texts = [
            json.loads(data).get("text") or ""
            for (data,) in connection.execute("SELECT data FROM events WHERE type_name = 'user' ORDER BY id")
        ]
    finally:
        connection.close()
    for run in results:
        for probe in run.probes:
            seen = guard.screen(guard.clean_text(probe.message)).text
            assert all(PLACEHOLDERS[kind] in seen for kind in probe.placeholder_kinds), (probe.message, seen)
            assert seen in user_texts, f"{run.channel}: NLU did not get {seen!r}"
