"""The development sets of `make eval-conversations`, against the real servers: a floor on understanding.

The figures are the share of realistic customers (tests/eval/, written apart from the data) whose
conversation ends with the answer they needed. A change that makes the assistant understand less
falls below the floor and fails here. The locked sets are never run in `make test`: they are only
scored by `make eval-conversations`.
"""

from __future__ import annotations

import pytest

from bench.conversation_cases import SETS, load_cases
from bench.eval_conversations import format_report, resolution, run_cases, running_servers

pytestmark = pytest.mark.slow

# Measured resolution on each development set, less a little for the rounding of a few cases.
FLOORS = {
    "understanding-development": 0.95,
    "conversation-development": 0.93,
    "understanding-development-2": 0.92,
    "conversation-development-2": 0.86,
    "understanding-development-3": 0.88,
    "conversation-development-3": 0.88,
    "understanding-development-4": 0.92,
    "conversation-development-4": 0.88,
    "understanding-development-5": 0.94,
    "conversation-development-5": 0.85,
    "understanding-development-6": 0.94,
    "conversation-development-6": 0.95,
    "conversation-development-7": 0.90,
    "understanding-development-7": 0.94,
    "conversation-development-8": 0.92,
    "understanding-development-8": 0.96,
    "understanding-development-9": 0.94,
    "conversation-development-9": 0.80,
    "conversation-development-10": 0.95,
    "understanding-development-10": 0.94,
    "conversation-development-11": 0.82,
    "understanding-development-11": 0.94,
    "conversation-development-12": 0.90,
    "understanding-development-12": 0.96,
    "conversation-development-13": 0.80,
    "understanding-development-13": 0.96,
    "understanding-development-14": 0.96,
    "conversation-development-14": 0.72,
    "conversation-development-15": 0.95,
    "understanding-development-15": 0.94,
    "understanding-development-16": 0.94,
    "conversation-development-16": 0.92,
    "conversation-development-17": 0.90,
    "understanding-development-17": 0.92,
    "conversation-development-18": 0.87,
    "conversation-development-19": 0.90,
    "understanding-development-18": 0.94,
    "understanding-development-19": 0.96,
    "understanding-development-20": 0.96,
    "understanding-development-21": 0.94,
    "understanding-development-22": 0.94,
    "conversation-development-20": 0.90,
    "conversation-development-21": 0.95,
    "conversation-development-22": 0.87,
    "conversation-development-23": 0.82,
    "conversation-development-24": 0.85,
    "conversation-development-25": 0.90,
    "understanding-development-23": 0.96,
    "understanding-development-24": 0.94,
    "understanding-development-25": 0.94,
    "conversation-development-26": 0.95,
    "conversation-development-27": 0.82,
    "conversation-development-28": 0.85,
    "understanding-development-26": 0.96,
    "understanding-development-27": 0.96,
    "understanding-development-28": 0.94,
    "conversation-development-29": 0.90,
    "conversation-development-30": 0.85,
    "conversation-development-31": 0.92,
    "understanding-development-29": 0.96,
    "conversation-development-32": 0.90,
    "conversation-development-33": 0.85,
    "understanding-development-30": 0.96,
    "conversation-development-34": 0.90,
    "conversation-development-35": 0.80,
    "understanding-development-31": 0.96,
    "understanding-development-32": 0.90,
    "conversation-development-36": 0.92,
    "conversation-development-37": 0.87,
    "conversation-development-38": 0.85,
    "understanding-development-33": 0.92,
    "conversation-development-39": 0.85,
    "understanding-development-34": 0.95,
    "understanding-development-35": 0.93,
    "conversation-development-40": 0.85,
    "conversation-development-41": 0.92,
    "understanding-development-36": 0.90,
    "conversation-development-42": 0.85,
    "understanding-development-37": 0.95,
    "understanding-development-38": 0.93,
    "conversation-development-43": 0.92,
    "conversation-development-44": 0.90,
    "understanding-development-39": 0.93,
    "understanding-development-40": 0.93,
    "conversation-development-45": 0.90,
    "conversation-development-46": 0.90,
}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    with running_servers(tmp_path_factory.mktemp("eval")) as running:
        yield running


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_development_set_resolves_at_least_its_floor(servers, name):
    customer, set_clock = servers
    results = run_cases(customer, load_cases(SETS[name]), set_clock)
    print(format_report(name, results))
    assert resolution(results) >= FLOORS[name], format_report(name, results)
