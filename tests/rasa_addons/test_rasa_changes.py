"""The changes to Rasa are installed only on request, and only on the pinned Rasa version."""

from __future__ import annotations

import subprocess

import pytest

from deployment.settings import PROJECT_ROOT
from rasa_addons import rasa_changes

PYTHON = str(PROJECT_ROOT / ".venv" / "bin" / "python")


def test_the_pin_is_read_from_requirements_txt() -> None:
    import rasa

    assert rasa_changes.pinned_rasa_version() == rasa.__version__ == "3.6.21"


def test_another_rasa_version_is_refused_with_the_reason() -> None:
    with pytest.raises(rasa_changes.UnsupportedRasaVersion, match=r"Rasa 3\.6\.22 is installed.*Rasa 3\.6\.21"):
        rasa_changes.check_rasa_version("3.6.22")


def test_every_change_names_an_install_a_reason_and_an_existing_equivalence_test() -> None:
    import importlib

    for change in rasa_changes.CHANGES:
        assert callable(importlib.import_module(f"rasa_addons.{change.module}").install)
        assert change.reason and change.changes
        assert (PROJECT_ROOT / change.equivalence_test).exists(), change.equivalence_test


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


def test_importing_every_rasa_addons_module_changes_nothing_in_rasa() -> None:
    result = run_python(
        "import importlib, pkgutil, rasa_addons, rasa_addons.channels\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "from rasa.core.agent import Agent\n"
        "from rasa.core.processor import MessageProcessor\n"
        "from rasa.core.actions.forms import FormAction\n"
        "from rasa.core.policies.rule_policy import RulePolicy\n"
        "from rasa.shared.core.trackers import DialogueStateTracker\n"
        "def owners():\n"
        "    return [RemoteAction._validate_action_result, Agent.__dict__['_create_tracker_store'],\n"
        "            FormAction._temporary_tracker, RulePolicy._get_possible_keys,\n"
        "            RulePolicy._find_action_from_rules, DialogueStateTracker.copy, MessageProcessor._run_action,\n"
        "            DialogueStateTracker.past_states]\n"
        "before = owners()\n"
        "for package in (rasa_addons, rasa_addons.channels):\n"
        "    for module in pkgutil.iter_modules(package.__path__):\n"
        "        if module.name not in ('channels', 'server'):\n"
        "            importlib.import_module(f'{package.__name__}.{module.name}')\n"
        "import rasa_addons.server\n"
        "assert owners() == before, 'an import changed Rasa'\n"
        "from rasa_addons import rasa_changes\n"
        "rasa_changes.install_all()\n"
        "assert all(a is not b for a, b in zip(owners(), before)), 'install_all left something out'\n"
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_the_server_refuses_to_start_on_a_faked_rasa_version() -> None:
    result = run_python(
        "import sys, rasa\n"
        "rasa.__version__ = '3.6.20'\n"
        "from rasa_addons import server\n"
        "sys.exit(server.main(['--model', 'models/assistant.tar.gz']))\n"
    )
    assert result.returncode == 2, result.stderr[-3000:]
    assert "Rasa 3.6.20 is installed, but this assistant is built and tested for Rasa 3.6.21" in result.stderr
    assert "Rasa server is up" not in result.stderr + result.stdout
