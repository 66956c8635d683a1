"""What-if for `python -m bench --ours-env PYTHONPATH=bench/whatif`: NOT used by the assistant.

Measures a proposed fix before it is made in rasa_addons: Rasa 3.6's RemoteAction validates every
action server response with jsonschema.validate(), which checks the schema itself against the
meta-schema on every call (~26 ms here, half of the Rasa server's CPU under load). This validates
against a validator built once instead; an invalid response still raises ValidationError.
Python imports sitecustomize at start-up from PYTHONPATH; the patch is applied when (and only if)
a process imports rasa.core.actions.action, so the action server is left as it is.
"""

import importlib.abc
import importlib.util
import sys

_TARGET = "rasa.core.actions.action"


def _patch(module) -> None:  # type: ignore[no-untyped-def]
    from jsonschema import validators
    from jsonschema.exceptions import best_match

    remote_action = module.RemoteAction
    state = {}

    def _validate_action_result(self, result):  # type: ignore[no-untyped-def]
        if "validator" not in state:
            schema = remote_action.action_response_format_spec()
            cls = validators.validator_for(schema)
            cls.check_schema(schema)
            state["validator"] = cls(schema)
        error = best_match(state["validator"].iter_errors(result))
        if error is not None:
            raise error
        return True

    remote_action._validate_action_result = _validate_action_result


class _PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != _TARGET:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        original = spec.loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            original(module)
            _patch(module)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _PatchOnImport())
