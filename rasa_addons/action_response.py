"""Rasa 3.6 checks every action-server response with jsonschema.validate(), which first checks the
schema itself against its meta-schema: about 26 ms per call here, half the Rasa server's CPU under
load (py-spy, docs/benchmarks.md). This builds the validator once; invalid responses still raise
the same ValidationError with Rasa's hint appended.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import validators

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, make sure your response from the "
            f"Action endpoint is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def install() -> None:
    """Idempotent; applied when Rasa imports this package (our tokenizer, extractor and channels)."""
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[assignment]
