"""Every change this project makes to Rasa's own code, in one list, installed explicitly.

Nothing here runs on import. `install_all()` first checks that the installed Rasa is the version
pinned in requirements.txt (the changes replace private methods whose shape only that version is
known to have), then installs each change once. It is called by the server entry point
(rasa_addons.server) and, so that a plain `rasa run`, `rasa train` or `rasa test` gets the same
behaviour, from the construction of the pieces Rasa builds from this project's configuration:
the channels (credentials.yml, built before Rasa's app), the tracker store (endpoints) and the
tokenizer (config.yml, in every model).

Each change names its equivalence test: the test compares it with Rasa's own behaviour.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
_PIN = re.compile(r"^rasa==([^\s;#]+)", re.MULTILINE)


class UnsupportedRasaVersion(RuntimeError):
    """The installed Rasa is not the pinned one: the changes below may no longer fit it."""


@dataclass(frozen=True)
class RasaChange:
    module: str  # rasa_addons.<module> has install()
    changes: str  # what in Rasa is replaced
    reason: str
    equivalence_test: str


CHANGES = (
    RasaChange(
        "action_response",
        "RemoteAction._validate_action_result",
        "the schema check of every action-server response, built once and dispatched by event name",
        "tests/rasa_addons/test_action_response.py",
    ),
    RasaChange(
        "action_endpoint",
        "EndpointConfig.session",
        "one kept-alive session per endpoint with a fast JSON encoder, instead of a new connection per action call",
        "tests/rasa_addons/test_action_endpoint.py",
    ),
    RasaChange(
        "tracker_copy",
        "DialogueStateTracker.copy, FormAction._temporary_tracker",
        "a tracker copy taken from the state instead of replaying the whole conversation",
        "tests/rasa_addons/test_tracker_copy.py",
    ),
    RasaChange(
        "rule_policy",
        "RulePolicy._get_possible_keys, RulePolicy._find_action_from_rules",
        "the rule lookup without the work that cannot change its answer",
        "tests/rasa_addons/test_rule_policy.py",
    ),
    RasaChange(
        "prior_states",
        "DialogueStateTracker.past_states",
        "the dialogue states of the turns already seen kept on the tracker, only new events replayed per prediction",
        "tests/rasa_addons/test_prior_states.py",
    ),
    RasaChange(
        "tracker_store",
        "Agent._create_tracker_store",
        "tracker-store errors fail the message (the channel apologises) instead of falling back to memory",
        "tests/rasa_addons/test_tracker_store.py",
    ),
    RasaChange(
        "channels.guard",
        "MessageProcessor._run_action",
        "an action that raises is noted for the message, so the channel apologises instead of staying silent",
        "tests/rasa_addons/test_guard.py",
    ),
    RasaChange(
        "http_api",
        "rasa.core.run.configure_app",
        "the app Rasa builds answers bad input with a 4xx and a JSON error, on its HTTP API too",
        "tests/rasa_addons/test_http_api.py",
    ),
)

_installed = False


def pinned_rasa_version(requirements: Path = REQUIREMENTS) -> str:
    match = _PIN.search(requirements.read_text(encoding="utf-8"))
    if match is None:
        raise UnsupportedRasaVersion(f"no rasa== pin in {requirements}")
    return match.group(1)


def check_rasa_version(installed: Optional[str] = None) -> None:
    """UnsupportedRasaVersion unless the installed Rasa is the pinned one."""
    if installed is None:
        import rasa

        installed = rasa.__version__
    pinned = pinned_rasa_version()
    if installed != pinned:
        raise UnsupportedRasaVersion(
            f"Rasa {installed} is installed, but this assistant is built and tested for Rasa {pinned} "
            f"(requirements.txt); its changes to Rasa (rasa_addons/rasa_changes.py) may not fit another "
            f"version. Install the pinned version (`make install`) or update the pin and run the tests."
        )


def install_all() -> None:
    """Check the Rasa version, then install every change (once per process)."""
    global _installed
    if _installed:
        return
    check_rasa_version()
    for change in CHANGES:
        importlib.import_module(f"rasa_addons.{change.module}").install()
    _installed = True
