"""The messages each assistant is loaded with.

This assistant: the Japanese customer turns of tests/integration/test_conversations.py, parsed
from its source (ast) at run time, so the load follows the conversation tests as they change.
The baseline: the stories and rules of the `rasa init` project, each intent replaced by one of
its own English training examples, so each side is spoken to in the language it was trained on.
"""

from __future__ import annotations

import ast
import json
from itertools import cycle, islice
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import yaml

Script = list[str]


def _inform(keywords: Sequence[ast.keyword]) -> str:
    """What the tests' `inform(**slots)` sends; it mirrors that helper (checked by tests/bench)."""
    slots = {kw.arg: ast.literal_eval(kw.value) for kw in keywords}
    return "/inform" + json.dumps(slots, ensure_ascii=False)


def _said(call: ast.Call) -> str | None:
    """The message of a `<x>.say(...)` call when it is a literal or `inform(...)`, else None."""
    if not (isinstance(call.func, ast.Attribute) and call.func.attr == "say" and len(call.args) == 1):
        return None
    argument = call.args[0]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    if isinstance(argument, ast.Call) and isinstance(argument.func, ast.Name) and argument.func.id == "inform":
        return _inform(argument.keywords)
    return None


def scripts_from_test_source(source: str) -> list[Script]:
    """One script per `test_*` function: its customer messages in source order."""
    scripts: list[Script] = []
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.FunctionDef) and node.name.startswith("test_")):
            continue
        calls = sorted(
            (n for n in ast.walk(node) if isinstance(n, ast.Call)), key=lambda n: (n.lineno, n.col_offset)
        )
        messages = [m for m in map(_said, calls) if m is not None]
        if messages:
            scripts.append(messages)
    return scripts


def scripts_from_test_file(path: Path) -> list[Script]:
    return scripts_from_test_source(path.read_text(encoding="utf-8"))


def _examples(nlu: Mapping) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in nlu.get("nlu", []):
        if "intent" in item:
            lines = [line.strip()[2:].strip() for line in str(item["examples"]).splitlines()]
            found[item["intent"]] = [line for line in lines if line]
    return found


def scripts_from_rasa_project(data_dir: Path) -> list[Script]:
    """Stories then rules of a Rasa project, intents replaced by their examples in rotation."""
    examples = _examples(yaml.safe_load((data_dir / "nlu.yml").read_text(encoding="utf-8")))
    rotations = {intent: cycle(texts) for intent, texts in examples.items()}
    scripts: list[Script] = []
    for file_name, key in (("stories.yml", "stories"), ("rules.yml", "rules")):
        path = data_dir / file_name
        if not path.exists():
            continue
        for flow in yaml.safe_load(path.read_text(encoding="utf-8")).get(key, []):
            intents = [step["intent"] for step in flow.get("steps", []) if "intent" in step]
            script = [next(rotations[i]) for i in intents if i in rotations]
            if script:
                scripts.append(script)
    return scripts


def conversation(scripts: Sequence[Script], start: int, length: int) -> list[str]:
    """`length` messages: the scripts in turn from script `start`, wrapping around."""
    if not scripts:
        raise ValueError("no scripts to build a conversation from")
    ordered: Iterator[Script] = islice(cycle(scripts), start % len(scripts), None)
    flat: Iterable[str] = (message for script in ordered for message in script)
    return list(islice(flat, length))


def conversations(scripts: Sequence[Script], count: int, length: int) -> list[list[str]]:
    """`count` conversations of `length` messages, each starting at a different script."""
    return [conversation(scripts, index, length) for index in range(count)]
