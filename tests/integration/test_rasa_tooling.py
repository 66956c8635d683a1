"""Rasa's own checks: the training data is consistent, and the conversation tests pass."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import requests
import yaml

from deployment.settings import PROJECT_ROOT, environment, read_defaults
from tests.support.servers import BIN, MODEL, free_port, stop, wait_for

pytestmark = pytest.mark.slow


def rasa(*args: str, cwd=PROJECT_ROOT) -> subprocess.CompletedProcess:
    env = {**environment(), "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([str(BIN / "rasa"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


# Rasa 3.6's validator counts a response as used only when a story or rule names it, so it warns
# about every response that an action or a form sends (RasaHQ/rasa#4200), without failing even
# with --fail-on-warnings. Those warnings are accepted when the code does send the response;
# any other warning, or a response nothing sends, fails the test.
UNUSED_RESPONSE = re.compile(r"The utterance '(utter_\w+)' is not used in any story or rule\.")
WARNING = re.compile(r"UserWarning: (.*)")


def responses_sent_by_code() -> set[str]:
    """Responses named in the action server or the channels, and the questions forms ask."""
    sources = [*PROJECT_ROOT.glob("actions/*.py"), *PROJECT_ROOT.glob("rasa_addons/**/*.py")]
    code = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    named = set(re.findall(r"[\"'](utter_\w+)[\"']", code))
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    form_slots = {slot for form in domain["forms"].values() for slot in form["required_slots"]}
    validated_slots = set(re.findall(r"def validate_(\w+)\(", code))
    return named | {f"utter_ask_{slot}" for slot in form_slots | validated_slots}


def test_training_data_validates_with_fail_on_warnings():
    result = rasa("data", "validate", "--fail-on-warnings", "--max-history", "5")
    output = result.stdout + result.stderr
    warnings = WARNING.findall(output)
    unexplained = [w for w in warnings if not UNUSED_RESPONSE.fullmatch(w.strip())]
    assert not unexplained, output[-3000:]
    unused = {UNUSED_RESPONSE.fullmatch(w.strip()).group(1) for w in warnings}
    assert unused <= responses_sent_by_code(), f"responses nothing sends: {unused - responses_sent_by_code()}"
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output


def test_conversation_tests_pass(tmp_path):
    result = rasa(
        "test", "core", "--model", str(MODEL), "--stories", "tests/conversations",
        "--out", str(tmp_path), "--fail-on-prediction-errors",
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert result.returncode == 0, failed + result.stdout[-3000:]
    assert "None of the test stories failed" in failed


def test_plain_rasa_run_from_the_repository_root(tmp_path):
    """`rasa run actions` and `rasa run` with .venv active and none of defaults.env's variables set."""
    action_port, rasa_port = free_port(), free_port()
    env = {name: value for name, value in os.environ.items() if name not in read_defaults()}
    env.update(
        PATH=f"{BIN}:{env.get('PATH', '')}",
        VIRTUAL_ENV=str(BIN.parent),
        RASA_TELEMETRY_ENABLED="false",
        # Only what keeps this test off the developer's ports and databases:
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
        TRACKER_DB_PATH=str(tmp_path / "tracker.db"),
        ASSISTANT_DB_URL=f"sqlite:///{tmp_path / 'assistant.db'}",
    )
    logs = [tmp_path / "actions.log", tmp_path / "rasa.log"]
    commands = [["rasa", "run", "actions", "--port", str(action_port)], ["rasa", "run", "--port", str(rasa_port)]]
    processes = []
    try:
        for command, log in zip(commands, logs, strict=True):
            processes.append(
                subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
            )
        wait_for(f"http://127.0.0.1:{action_port}/health", 90, processes[0], logs[0])
        wait_for(f"http://127.0.0.1:{rasa_port}/", 180, processes[1], logs[1])
        reply = requests.post(
            f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook",
            json={"sender": "plain-run", "message": "パスワードを忘れました"},
            timeout=60,
        ).json()
    finally:
        stop(processes)
    text = "\n".join(message.get("text", "") for message in reply)
    assert "プロミスカード" in text, reply
