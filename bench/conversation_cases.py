"""Conversation cases for `make eval-conversations`: what a customer says, and what a helpful answer holds.

A case is one customer: scripted turns (typed text, or a button pressed by its label), what they
would answer if the assistant asks something they have not said, a fixed clock, and the key facts
the replies must and must not contain. Judging is a plain function of the replies, so it is tested
without servers; bench.eval_conversations runs the cases against the real assistant.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import yaml

CASES_FOLDER = Path(__file__).resolve().parent.parent / "tests" / "eval"


def _set_order(path: Path) -> tuple[bool, bool, int]:
    """Understanding before conversation, the first development set, its numbered followers, then the locked set."""
    kind, _, rest = path.stem.partition("-")
    number = rest.rpartition("-")[2]
    return (kind != "understanding", rest == "locked", int(number) if number.isdigit() else 1)


# Single-topic customers (the understanding issue) and multi-turn conversations, each split once into
# a development set (improves the assistant, runs in `make test`) and a locked set (only scored); later
# writers' development sets are numbered (understanding-development-2, ...).
SETS = {path.stem: path for path in sorted(CASES_FOLDER.glob("*-*.yml"), key=_set_order)}

# A Tuesday afternoon: the call centre is open and no maintenance window is near.
DEFAULT_NOW = "2026-12-08T14:00:00+09:00"
# What a customer would answer when asked, by the slot the assistant is asking for.
ANSWER_KEYS = ("login_method", "problem", "eligibility", "card_holder", "balance", "rate", "days")
MAX_SCRIPTED_TURNS = 7
# When the customer answers the assistant's questions: after the last scripted turn (the default), or
# after each scripted turn, before the next one (a file's top-level `answer_questions: after_each_turn`).
AFTER_LAST_TURN = "after_last_turn"
AFTER_EACH_TURN = "after_each_turn"
REFERENCE = re.compile(r"受付番号「(\d{4}-\d{4})」")

# One fact: a string, or alternatives of which any one is enough.
Fact = Union[str, Sequence[str]]


@dataclass(frozen=True)
class Turn:
    """What the customer does: types `text`, or presses the button whose label matches it."""

    text: str
    press: bool = False
    expect: tuple[Fact, ...] = ()
    forbid: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    category: str
    writer: str
    turns: tuple[Turn, ...]
    now: str = DEFAULT_NOW
    answers: dict[str, str] = field(default_factory=dict)
    expect: tuple[Fact, ...] = ()
    expect_buttons: tuple[Fact, ...] = ()
    forbid: tuple[str, ...] = ()
    same_reference: bool = False
    note: str = ""
    answer_questions: str = AFTER_LAST_TURN


@dataclass
class Exchange:
    """One message sent and what came back: the texts, and the buttons as (title, payload)."""

    sent: str
    pressed: Optional[str]  # the label of the button pressed, if one was
    texts: list[str]
    buttons: list[tuple[str, str]]
    scripted_turn: Optional[int]  # index into Case.turns; None for an answer to the assistant's question
    error: Optional[str] = None


def fold_for_matching(text: str) -> str:
    """Width, case, kana and spacing do not decide whether a fact was said (1,479円 = １４７９円)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    folded = "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in folded)
    return re.sub(r"[\s,]", "", folded)


def _alternatives(fact: Fact) -> list[str]:
    return [fact] if isinstance(fact, str) else list(fact)


def fact_found(fact: Fact, text: str) -> bool:
    haystack = fold_for_matching(text)
    return any(fold_for_matching(option) in haystack for option in _alternatives(fact))


def describe(fact: Fact) -> str:
    return " | ".join(_alternatives(fact))


# How alike a label and a title must be for the customer to mean that button (difflib's ratio).
BUTTON_LIKENESS = 0.5


def find_button(buttons: Sequence[tuple[str, str]], label: str) -> Optional[tuple[str, str]]:
    """The button a customer means by `label`: the same title, else one containing it or contained in
    it, else the most alike title if it is alike enough (「IDとパスワード」 → 「ログインID＋パスワード」)."""
    wanted = fold_for_matching(label)
    if not wanted:
        return None
    titles = [(fold_for_matching(title), (title, payload)) for title, payload in buttons]
    for title, button in titles:
        if title == wanted:
            return button
    for title, button in titles:
        if wanted in title or (title and title in wanted):
            return button
    scored = [(SequenceMatcher(None, wanted, title).ratio(), button) for title, button in titles]
    best = max(scored, default=(0.0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= BUTTON_LIKENESS else None


def judge(case: Case, exchanges: Sequence[Exchange]) -> list[str]:
    """Why the case is not resolved; an empty list means it is."""
    problems = [f"error on {exchange.sent!r}: {exchange.error}" for exchange in exchanges if exchange.error]
    problems += [f"no answer to {exchange.sent!r}" for exchange in exchanges if not exchange.error and not exchange.texts]
    everything = "\n".join(text for exchange in exchanges for text in exchange.texts)
    for index, turn in enumerate(case.turns):
        replies = "\n".join(text for exchange in _replies_to_turn(exchanges, index) for text in exchange.texts)
        problems += [f"turn {index + 1} lacks {describe(fact)!r}" for fact in turn.expect if not fact_found(fact, replies)]
        problems += [f"turn {index + 1} says {word!r}" for word in turn.forbid if fact_found(word, replies)]
    problems += [f"lacks {describe(fact)!r}" for fact in case.expect if not fact_found(fact, everything)]
    problems += [f"says {word!r}" for word in case.forbid if fact_found(word, everything)]
    titles = "\n".join(title for exchange in exchanges for title, _ in exchange.buttons)
    problems += [f"no button with {describe(fact)!r}" for fact in case.expect_buttons if not fact_found(fact, titles)]
    if case.same_reference:
        references = {number for exchange in exchanges for text in exchange.texts for number in REFERENCE.findall(text)}
        if len(references) != 1:
            problems.append(f"reference numbers given: {sorted(references) or 'none'}")
    return problems


def _replies_to_turn(exchanges: Sequence[Exchange], index: int) -> list[Exchange]:
    """The exchange of scripted turn `index` and the answers to questions that followed it."""
    selected: list[Exchange] = []
    inside = False
    for exchange in exchanges:
        if exchange.scripted_turn is not None:
            inside = exchange.scripted_turn == index
        if inside:
            selected.append(exchange)
    return selected


class CaseFileError(ValueError):
    """A case file that does not follow the format (tests/eval/README.md)."""


def load_cases(path: Path) -> list[Case]:
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    when = document.get("answer_questions", AFTER_LAST_TURN)
    if when not in (AFTER_LAST_TURN, AFTER_EACH_TURN):
        raise CaseFileError(f"{path.name}: answer_questions is {AFTER_LAST_TURN} or {AFTER_EACH_TURN}, not {when!r}")
    return [replace(_case(raw, path), answer_questions=when) for raw in document.get("cases") or []]


def _facts(raw: Any, where: str) -> tuple[Fact, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CaseFileError(f"{where}: expected a list, got {raw!r}")
    facts: list[Fact] = []
    for item in raw:
        if isinstance(item, str) and item:
            facts.append(item)
        elif isinstance(item, list) and item and all(isinstance(option, str) and option for option in item):
            facts.append(tuple(item))
        else:
            raise CaseFileError(f"{where}: a fact is a string or a list of strings, got {item!r}")
    return tuple(facts)


def _words(raw: Any, where: str) -> tuple[str, ...]:
    facts = _facts(raw, where)
    if any(not isinstance(fact, str) for fact in facts):
        raise CaseFileError(f"{where}: forbid takes plain strings")
    return tuple(str(fact) for fact in facts)


def _turn(raw: Any, where: str) -> Turn:
    if not isinstance(raw, dict) or len({"say", "press"} & raw.keys()) != 1:
        raise CaseFileError(f"{where}: a turn has exactly one of say or press: {raw!r}")
    press = "press" in raw
    text = raw["press" if press else "say"]
    if not isinstance(text, str) or not text.strip():
        raise CaseFileError(f"{where}: empty turn")
    unknown = raw.keys() - {"say", "press", "expect", "forbid"}
    if unknown:
        raise CaseFileError(f"{where}: unknown keys {sorted(unknown)}")
    return Turn(text, press, _facts(raw.get("expect"), where), _words(raw.get("forbid"), where))


def _case(raw: Any, path: Path) -> Case:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise CaseFileError(f"{path.name}: a case needs an id: {raw!r}")
    where = f"{path.name}:{raw['id']}"
    turns = tuple(_turn(turn, where) for turn in raw.get("turns") or [])
    if not 1 <= len(turns) <= MAX_SCRIPTED_TURNS:
        raise CaseFileError(f"{where}: 1 to {MAX_SCRIPTED_TURNS} turns")
    answers = raw.get("answers") or {}
    if not isinstance(answers, dict) or set(answers) - set(ANSWER_KEYS):
        raise CaseFileError(f"{where}: answers keys are {ANSWER_KEYS}")
    case = Case(
        id=str(raw["id"]),
        category=str(raw.get("category") or ""),
        writer=str(raw.get("writer") or str(raw["id"]).split("-")[0]),
        turns=turns,
        now=str(raw.get("now") or DEFAULT_NOW),
        answers={key: str(value) for key, value in answers.items()},
        expect=_facts(raw.get("expect"), where),
        expect_buttons=_facts(raw.get("expect_buttons"), where),
        forbid=_words(raw.get("forbid"), where),
        same_reference=bool(raw.get("same_reference")),
        note=str(raw.get("note") or ""),
    )
    if not case.category:
        raise CaseFileError(f"{where}: no category")
    # A forbidden text is a check too (a goodbye must not bring the question back); silence always fails.
    checks = (case.expect, case.expect_buttons, case.forbid, case.same_reference)
    if not (any(checks) or any(turn.expect or turn.forbid for turn in turns)):
        raise CaseFileError(f"{where}: nothing to check")
    return case
