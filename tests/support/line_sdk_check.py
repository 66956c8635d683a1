"""Checks LINE request bodies with line-bot-sdk's own models; run by the SDK's interpreter, not the project's.

line-bot-sdk 3 needs pydantic 2, which cannot share Rasa 3.6's environment, so `make install` puts
it in a venv of its own (requirements-line-sdk.txt) and tests/support/line_models.py talks to this
script over stdin/stdout: one JSON line {"model": "ReplyMessageRequest", "body": {...}} in, one
JSON line {"problems": [...]} out. A body passes when the model parses it and gives every field
back unchanged: a misspelt or unknown field, which the models would silently drop, is a problem.
"""

from __future__ import annotations

import json
import sys
from typing import Any, Iterator

import linebot.v3.messaging as messaging


def dropped(sent: Any, parsed: Any, path: str = "") -> Iterator[str]:
    """Where `parsed` (the model's to_dict()) lost or changed something of `sent`."""
    if isinstance(sent, dict) and isinstance(parsed, dict):
        for key, value in sent.items():
            if key not in parsed:
                yield f"{path}.{key}: not a field of the model"
            else:
                yield from dropped(value, parsed[key], f"{path}.{key}")
    elif isinstance(sent, list) and isinstance(parsed, list) and len(sent) == len(parsed):
        for index, (left, right) in enumerate(zip(sent, parsed, strict=True)):
            yield from dropped(left, right, f"{path}[{index}]")
    elif sent != parsed:
        yield f"{path}: sent {sent!r}, the model reads {parsed!r}"


def problems(model_name: str, body: Any) -> list[str]:
    model = getattr(messaging, model_name, None)
    if model is None:
        return [f"line-bot-sdk has no model {model_name}"]
    try:
        parsed = model.from_dict(body)
    except Exception as error:  # noqa: BLE001 - the SDK raises ValueError and pydantic errors alike
        return [f"{type(error).__name__}: {error}"]
    return list(dropped(body, parsed.to_dict()))


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps({"problems": problems(request["model"], request["body"])}), flush=True)


if __name__ == "__main__":
    main()
