"""What every channel does to a customer's text before Rasa sees it.

1. Secrets are masked (business.redaction), and the customer is warned (also when the client
   masked them before sending: the text holds a placeholder).
2. A message that looks like a Rasa command (/intent{"slot": ...}) passes only if it is
   exactly the payload of one of the assistant's own buttons; otherwise its slash is
   dropped and it is read as ordinary text, so customers cannot set intents or slots.
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Iterator, List, Optional

from rasa.core.actions.action import ActionExecutionRejection
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.processor import MessageProcessor
from ruamel.yaml import YAML

from business.incoming_text import MAX_TEXT_CHARS, polite_refusal
from business.redaction import PLACEHOLDERS, SECRET_WARNING, redact

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
_rasa_run_action = MessageProcessor._run_action


@dataclass(frozen=True)
class Screened:
    text: str
    warning: Optional[str] = None  # send this to the customer before the assistant's answer


def _button_payloads(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        payload = node.get("payload")
        if isinstance(payload, str) and "title" in node:
            # The domain doubles braces so Rasa's templating leaves the JSON alone.
            yield payload.replace("{{", "{").replace("}}", "}")
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
    text = text or ""
    stripped = text.strip()
    if stripped.startswith("/"):
        canonical = canonical_payload(stripped)
        if canonical is not None and canonical in allowed_payloads(domain_file):
            return Screened(stripped)
        text = stripped.lstrip("/")
    # Mask before cutting, so a card number split by the cut cannot leave its digits behind.
    redaction = redact(text)
    warned = redaction.found_secret or masked_by_the_client(text)
    return Screened(redaction.text[:MAX_TEXT_CHARS], SECRET_WARNING if warned else None)


def masked_by_the_client(text: str) -> bool:
    """Whether the text holds a placeholder: the client (web/mask-secrets.js) masked a secret before
    sending it, and the customer is owed the same warning as for one masked here."""
    return any(placeholder in text for placeholder in PLACEHOLDERS.values())


def read_incoming(raw_text: str, domain_file: Path = DOMAIN_FILE) -> tuple[Optional[str], Screened]:
    """What a channel does with a customer's text: (the polite refusal to answer instead, or None;
    the screened text and warning). A refused text is not screened: Rasa never sees it."""
    text = clean_text(raw_text)
    refusal = polite_refusal(text)
    return (refusal, Screened("")) if refusal is not None else (None, screen(text, domain_file))


# --- Shared by every channel: text no customer types, and an apology instead of silence -------

# Control characters (NUL included; PostgreSQL cannot even store it) except line break and tab,
# lone surrogates (only a broken client or a "\ud800" JSON escape makes them), bidi overrides
# and isolates (they make logs and staff reports lie about the text), and the byte-order mark.
_UNTYPEABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff]")
_failures: ContextVar[Optional[List[str]]] = ContextVar("assistant_action_failures", default=None)


def clean_text(text: str) -> str:
    """The text without characters no customer types (see _UNTYPEABLE); call it before screen()."""
    return _UNTYPEABLE.sub("", text or "")


@lru_cache(maxsize=4)
def assistant_unavailable_text(domain_file: Path = DOMAIN_FILE) -> str:
    """The domain's utter_assistant_unavailable: a short apology with the phone number."""
    domain = YAML(typ="safe").load(domain_file.read_text(encoding="utf-8"))
    return domain["responses"]["utter_assistant_unavailable"][0]["text"]


class _FailureNotingAction:
    """An action whose run() notes, for the message being handled, that it raised.

    Rasa 3.6 gives a channel no sign that an action failed: MessageProcessor._run_action catches
    every exception of action.run() (the action server refusing the connection, answering 500, a
    form's validation call failing), logs it, drops the action's events and goes on predicting, so
    the customer gets silence or a misleading fallback. The action handed to _run_action is
    wrapped in this: what it raises is noted, then raised on to Rasa unchanged. A form's rejection
    (ActionExecutionRejection) is Rasa's normal flow, not a failure, and is not noted. The note goes
    to a ContextVar set by answer_or_apologise for its message, so concurrent conversations do not mix.
    """

    def __init__(self, action: Any) -> None:
        self._action = action

    def __getattr__(self, name: str) -> Any:
        return getattr(self._action, name)

    async def run(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await self._action.run(*args, **kwargs)
        except ActionExecutionRejection:
            raise
        except Exception:
            failures = _failures.get()
            if failures is not None:
                failures.append(self._action.name())
            raise


async def _run_action_noting_failures(
    processor: MessageProcessor, action: Any, tracker: Any, output_channel: Any, nlg: Any, prediction: Any
) -> bool:
    """MessageProcessor._run_action with the action wrapped in _FailureNotingAction."""
    return await _rasa_run_action(processor, _FailureNotingAction(action), tracker, output_channel, nlg, prediction)


def install() -> None:
    """Idempotent (rasa_addons.rasa_changes)."""
    MessageProcessor._run_action = _run_action_noting_failures  # type: ignore[assignment]


async def answer_or_apologise(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    message: UserMessage,
    discard_partial_answer: bool = False,
    domain_file: Path = DOMAIN_FILE,
) -> bool:
    """Let Rasa answer `message`; if it could not, send the apology (utter_assistant_unavailable).

    "Could not" is: a custom action failed while handling this message (action server down or
    erring), or Rasa itself raised. Returns True when the apology was sent. The conversation
    goes on: whatever Rasa recorded stays, and the next message is handled as usual.
    With `discard_partial_answer`, a collecting output channel drops what Rasa said before the
    failure (often a misleading fallback), so the customer reads only the apology.
    """
    failures: List[str] = []
    token = _failures.set(failures)
    try:
        await on_new_message(message)
        failed = bool(failures)
    except Exception:  # noqa: BLE001 - whatever broke, the customer gets an answer; details go to the log
        logging.getLogger(__name__).exception("handling a message failed (conversation %s)", message.sender_id)
        failed = True
    finally:
        _failures.reset(token)
    if not failed:
        return False
    if failures:
        logging.getLogger(__name__).warning("actions failed, apology sent: %s", ", ".join(failures))
    output = message.output_channel
    if discard_partial_answer and isinstance(output, CollectingOutputChannel):
        output.messages.clear()
    await output.send_text_message(message.sender_id, assistant_unavailable_text(domain_file))
    return True
