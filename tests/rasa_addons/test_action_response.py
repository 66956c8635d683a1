"""The cached action-response check accepts what Rasa's accepts and refuses what it refuses."""

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from rasa_addons import rasa_changes


@pytest.fixture(autouse=True, scope="module")
def installed() -> None:
    rasa_changes.install_all()


def check(result: dict) -> bool:
    return RemoteAction("action_x", None)._validate_action_result(result)


def test_the_registry_installs_the_check():
    from rasa_addons import action_response

    assert RemoteAction._validate_action_result is action_response._validate_action_result


def test_a_valid_response_passes():
    assert check({"events": [{"event": "slot", "name": "a", "value": 1}], "responses": [{"text": "はい"}]})


@pytest.mark.parametrize("bad", [{"events": "not a list"}, {"events": [{"no_event_key": 1}]}, {"responses": 3}])
def test_an_invalid_response_raises_with_rasas_hint(bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        check(bad)


# Values of every JSON type, to put where each field of each event is expected.
ANY_VALUES = [None, 1, 1.5, True, "x", [], {}, [1], {"a": 1}]
NESTED_PARSE_DATA = [
    {"intent": 5}, {"intent": {"name": 3}}, {"intent": {"confidence": "high"}}, {"entities": [{"entity": 1, "value": 2}]},
    {"entities": [{}]}, {"entities": [{"entity": "e", "value": 1, "start": "0"}]}, {"intent_ranking": [{"name": 3}]},
    {"intent_ranking": "x"}, {"text": 5}, {"response_selector": {"all_retrieval_intents": 3}},
    {"response_selector": {"faq": {"response": {"responses": [{"text": 1}]}}}},
    {"response_selector": {"faq": {"ranking": [{"id": "x"}]}}}, {"response_selector": []},
    {"intent": {"name": "greet", "confidence": 0.9}, "entities": [{"entity": "e", "value": None}], "text": "こんにちは"},
]


def responses_to_compare():
    """Valid responses and broken ones: every field of every kind of event given every type of value."""
    from rasa_addons.action_response import _checks

    alternatives = RemoteAction.action_response_format_spec()["properties"]["events"]["items"]["oneOf"]
    assert _checks().by_event is not None and len(_checks().by_event) == len(alternatives)
    for alternative in alternatives:
        name = alternative["properties"]["event"]["const"]
        fields = [f for f in alternative["properties"] if f != "event"] + ["timestamp", "metadata"]
        base = {"event": name, **{f: "v" for f in alternative.get("required", [])}}
        if name == "entities":
            base["entities"] = []
        yield {"events": [base]}
        yield {"events": [{"event": name}]}  # required fields missing
        for field in fields:
            for value in ANY_VALUES:
                yield {"events": [{**base, field: value}], "responses": [{"text": "はい"}]}
        if name == "user":
            for parse_data in NESTED_PARSE_DATA:
                yield {"events": [{**base, "parse_data": parse_data}]}
    for event in [{"event": "no_such_event"}, {"event": 5}, {"event": ["slot"]}, {"event": None}, {}, "slot", 3, None]:
        yield {"events": [event, {"event": "slot", "name": "a", "value": 1}]}
    for whole in [{}, [], "x", None, {"events": None}, {"responses": [3]}, {"responses": [{"text": 3}]}]:
        yield whole


def test_the_check_gives_the_verdict_of_rasas_whole_schema():
    from rasa_addons.action_response import _checks

    checks = _checks()
    compared = 0
    for response in responses_to_compare():
        expected_valid = not any(True for _ in checks.whole.iter_errors(response))
        assert (not any(True for _ in checks.errors(response))) == expected_valid, response
        compared += 1
    assert compared > 500  # 597 now
