"""Rasa's own checks: the training data is consistent, and the conversation tests pass."""

from __future__ import annotations

import os
import subprocess

import pytest

from business.settings import PROJECT_ROOT, read_defaults
from tests.support.servers import BIN, MODEL

pytestmark = pytest.mark.slow


def rasa(*args: str, cwd=PROJECT_ROOT) -> subprocess.CompletedProcess:
    env = {**read_defaults(), **os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    return subprocess.run([str(BIN / "rasa"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_training_data_validates():
    # Not --fail-on-warnings: responses sent by actions and forms are reported as "unused".
    result = rasa("data", "validate", "--max-history", "5")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_conversation_tests_pass(tmp_path):
    result = rasa(
        "test", "core", "--model", str(MODEL), "--stories", "tests/conversations",
        "--out", str(tmp_path), "--fail-on-prediction-errors",
    )
    failed = (tmp_path / "failed_test_stories.yml").read_text(encoding="utf-8")
    assert result.returncode == 0, failed + result.stdout[-3000:]
    assert "None of the test stories failed" in failed
