"""Actions run against a CollectingDispatcher and a hand-built Tracker, with their own database."""

from __future__ import annotations

from typing import Any, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from ruamel.yaml import YAML

from actions import context
from deployment.settings import PROJECT_ROOT
from storage.database import migrate

DOMAIN = YAML(typ="safe").load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture()
def domain() -> dict:
    return DOMAIN


@pytest.fixture()
def database_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'assistant.db'}"
    migrate(url)
    monkeypatch.setenv("ASSISTANT_DB_URL", url)
    context.settings.cache_clear()
    yield url
    context.settings.cache_clear()


@pytest.fixture()
def at(monkeypatch, database_url):
    """at("2026-12-01T14:00:00+09:00") pins the action server's clock."""

    def pin(moment: str) -> None:
        monkeypatch.setenv("ASSISTANT_NOW", moment)
        context.settings.cache_clear()

    return pin


def user_tracker(
    text: str,
    intent: str,
    entities: Optional[dict] = None,
    slots: Optional[dict] = None,
    earlier_intents: tuple = (),
    sender: str = "customer-1",
) -> Tracker:
    entity_list = [{"entity": name, "value": value} for name, value in (entities or {}).items()]
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entity_list}
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "…", "parse_data": {"intent": {"name": name}}} for name in earlier_intents
    ] + [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker(sender, dict(slots or {}), latest, events, False, None, {}, "action_listen")


def domain_sent_to(action_name: str, domain: dict) -> dict:
    """What Rasa sends an action with endpoints' enable_selective_domain: the domain for validate_*
    actions and those domain.yml marks send_domain, else nothing."""
    marked = {
        name
        for entry in domain.get("actions", [])
        if isinstance(entry, dict)
        for name, options in entry.items()
        if (options or {}).get("send_domain")
    }
    return domain if action_name.startswith("validate_") or action_name in marked else {}


def tracker_after_answer(earlier: tuple[str, str], action: str, answer: str, latest: dict) -> Tracker:
    """A conversation where the customer said `earlier` ((text, intent)), the assistant ran `action` and
    said `answer`, and `latest` (parse data) is the message now being handled."""
    events: list[dict[str, Any]] = [
        {"event": "user", "text": earlier[0], "parse_data": {"intent": {"name": earlier[1]}}},
        {"event": "action", "name": action},
        {"event": "bot", "text": answer},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": latest["text"], "parse_data": latest},
    ]
    return Tracker("customer-1", {}, latest, events, False, None, {}, "action_listen")


async def run(action, tracker: Tracker, domain: dict) -> tuple[list[dict], list[dict]]:
    """Run `action` as the action server would, with only the domain Rasa would send it."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain_sent_to(action.name(), domain))
    return dispatcher.messages, events


def slot_events(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def text_of(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)
