"""Rasa's check of every action-server response, made cheap without changing what it accepts.

Rasa 3.6 checks every action-server response with jsonschema.validate(), which first checks the
schema itself against its meta-schema on every call: the costliest step of an action call under
load (docs/benchmarks.md has the figures). So the validator is built once.

The check itself matches each event against `oneOf` 23 event schemas, all of them evaluated to make
sure exactly one fits. Each of those
schemas fixes `event` to its own constant and `event` is required, so at most the one named by
the event's `event` can fit: `oneOf` holds exactly when `event` names one of them and that one
fits. The check here does just that: the response without the `oneOf` (with `event` limited to
the 23 names), then each event against its own schema. When Rasa's schema is not of that shape
(another Rasa version), the whole schema is used as it is. tests/rasa_addons/test_action_response.py
checks both give the same verdict on valid and broken responses.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any, Dict, Iterator, Optional, Text

from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


class _Checks:
    def __init__(self, whole: Any, outer: Any, by_event: Optional[Dict[str, Any]]) -> None:
        self.whole = whole  # Rasa's schema as it is
        self.outer = outer  # without the oneOf, or the whole schema when the shape is unknown
        self.by_event = by_event  # event name → validator of its schema; None: no dispatch

    def errors(self, result: Any) -> Iterator[Any]:
        yield from self.outer.iter_errors(result)
        if self.by_event is None or not isinstance(result, dict) or not isinstance(result.get("events"), list):
            return
        for event in result["events"]:
            name = event.get("event") if isinstance(event, dict) else None
            if isinstance(name, str) and name in self.by_event:
                yield from self.by_event[name].iter_errors(event)


def _event_names(one_of: Any) -> Optional[Dict[str, Any]]:
    """Each alternative's `event` constant, when every alternative fixes one, all different."""
    names: Dict[str, Any] = {}
    for alternative in one_of if isinstance(one_of, list) else []:
        name = alternative.get("properties", {}).get("event", {}).get("const")
        if not isinstance(name, str) or name in names:
            return None
        names[name] = alternative
    return names or None


@lru_cache(maxsize=1)
def _checks() -> _Checks:
    from jsonschema import validators

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    whole = validator_class(schema)
    event_schema = schema.get("properties", {}).get("events", {}).get("items", {})
    alternatives = _event_names(event_schema.get("oneOf"))
    if alternatives is None or "event" not in event_schema.get("required", []):
        return _Checks(whole, whole, None)
    outer = copy.deepcopy(schema)
    outer_event = outer["properties"]["events"]["items"]
    del outer_event["oneOf"]
    outer_event["properties"]["event"] = {**outer_event["properties"].get("event", {}), "enum": sorted(alternatives)}
    by_event = {name: validator_class(alternative) for name, alternative in alternatives.items()}
    return _Checks(whole, validator_class(outer), by_event)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(_checks().errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Idempotent (rasa_addons.rasa_changes)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]
