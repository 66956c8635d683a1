"""line-bot-sdk's models as a test oracle for the request bodies the LINE code sends.

The SDK runs in its own venv (`make install` builds LINE_SDK_PYTHON's default from
requirements-line-sdk.txt; see tests/support/line_sdk_check.py for why) and is started once per
test session. Without it the tests that need it are skipped locally and fail in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Optional

import pytest

from deployment.settings import PROJECT_ROOT

SDK_PYTHON = PROJECT_ROOT / ".venv" / "share" / "line-sdk" / "bin" / "python"
CHECKER = Path(__file__).with_name("line_sdk_check.py")


class LineModels:
    """A running line_sdk_check.py: `problems(model, body)` is [] when the SDK's model accepts the body."""

    def __init__(self, python: Path) -> None:
        self._process = subprocess.Popen(
            [str(python), str(CHECKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )

    def problems(self, model: str, body: Any) -> list[str]:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps({"model": model, "body": body}, ensure_ascii=False) + "\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        if not answer:
            raise RuntimeError("line_sdk_check.py stopped; run it by hand to see why")
        return json.loads(answer)["problems"]

    def assert_valid(self, model: str, body: Any) -> None:
        found = self.problems(model, body)
        assert not found, f"line-bot-sdk's {model} does not accept the body: {found}"

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        self._process.wait(10)


def sdk_python() -> Optional[Path]:
    """LINE_SDK_PYTHON if set, else the venv `make install` builds; None when neither exists."""
    configured = os.environ.get("LINE_SDK_PYTHON")
    python = Path(configured) if configured else SDK_PYTHON
    return python if python.exists() else None


def start_line_models() -> LineModels:
    python = sdk_python()
    if python is None:
        reason = f"line-bot-sdk is not installed at {SDK_PYTHON}: run `make install`"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason} (CI=true: the LINE model checks may not be skipped)", pytrace=False)
        pytest.skip(reason)
    return LineModels(python)
