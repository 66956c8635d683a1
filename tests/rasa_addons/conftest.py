"""Fixtures shared by the LINE tests."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.support.line_models import LineModels, start_line_models


@pytest.fixture(scope="session")
def line_models() -> Iterator[LineModels]:
    """line-bot-sdk's models, started once: checks the bodies of LINE API calls."""
    models = start_line_models()
    try:
        yield models
    finally:
        models.close()
