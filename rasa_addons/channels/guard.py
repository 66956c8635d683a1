"""What every channel does to a customer's text before Rasa sees it.

1. Secrets are masked (business.redaction), and the customer is warned.
2. A message that looks like a Rasa command (/intent{"slot": ...}) passes only if it is
   exactly the payload of one of the assistant's own buttons; otherwise its slash is
   dropped and it is read as ordinary text, so customers cannot set intents or slots.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Optional

from ruamel.yaml import YAML

from business.redaction import SECRET_WARNING, redact

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
MAX_TEXT_CHARS = 5000


@dataclass(frozen=True)
class Screened:
    text: str
    warning: Optional[str] = None  # send this to the customer before the assistant's answer


def _button_payloads(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        payload = node.get("payload")
        if isinstance(payload, str) and "title" in node:
            yield payload
        for value in node.values():
            yield from _button_payloads(value)
    elif isinstance(node, list):
        for value in node:
            yield from _button_payloads(value)


def canonical_payload(payload: str) -> Optional[str]:
    """`/intent{json}` with its JSON re-serialised, so spacing and key order do not matter."""
    text = payload.strip()
    if not text.startswith("/"):
        return None
    name, brace, rest = text[1:].partition("{")
    if not brace:
        return "/" + name.strip()
    try:
        entities = json.loads("{" + rest)
    except ValueError:
        return None
    if not isinstance(entities, dict):
        return None
    return "/" + name.strip() + json.dumps(entities, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=4)
def allowed_payloads(domain_file: Path = DOMAIN_FILE) -> frozenset:
    """Every button payload in the domain's responses, in canonical form."""
    domain = YAML(typ="safe").load(domain_file.read_text(encoding="utf-8"))
    payloads = (canonical_payload(p) for p in _button_payloads(domain.get("responses", {})))
    return frozenset(p for p in payloads if p)


def screen(text: str, domain_file: Path = DOMAIN_FILE) -> Screened:
    """The text Rasa may see, and the warning owed to the customer if they sent a secret."""
    text = (text or "")[:MAX_TEXT_CHARS]
    stripped = text.strip()
    if stripped.startswith("/"):
        canonical = canonical_payload(stripped)
        if canonical is not None and canonical in allowed_payloads(domain_file):
            return Screened(stripped)
        text = stripped.lstrip("/")
    redaction = redact(text)
    return Screened(redaction.text, SECRET_WARNING if redaction.found_secret else None)
