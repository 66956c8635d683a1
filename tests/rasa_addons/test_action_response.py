"""The cached action-response check accepts what Rasa's accepts and refuses what it refuses."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import rasa_addons  # noqa: F401 - importing the package installs the check


def check(result: dict) -> bool:
    return RemoteAction("action_x", None)._validate_action_result(result)


def test_the_patch_is_installed():
    from rasa_addons import action_response

    assert RemoteAction._validate_action_result is action_response._validate_action_result


def test_a_valid_response_passes():
    assert check({"events": [{"event": "slot", "name": "a", "value": 1}], "responses": [{"text": "はい"}]})


@pytest.mark.parametrize("bad", [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": 3}])
def test_an_invalid_response_raises_with_rasas_hint(bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        check(bad)
