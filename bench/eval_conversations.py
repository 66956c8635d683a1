"""`make eval-conversations`: realistic customers, end to end, against the real servers over REST.

Each case of tests/eval/*.yml is one customer (bench.conversation_cases): its turns are sent to the
REST channel of a running assistant, buttons are pressed by label, and when the assistant then asks
something the customer has not said (a form's requested slot, read through the HTTP API), the
customer's own answer is typed. The action server runs with the case's fixed clock. A case is
resolved when every expected fact is in the replies and no forbidden one is.

Prints the resolution rate per category, every failure with the conversation, and last
`resolution X/Y = P%`. Exits 1 when a set's rate is below --min.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
import uuid
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from itertools import groupby
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import requests

from bench.conversation_cases import AFTER_EACH_TURN, SETS, Case, Exchange, find_button, judge, load_cases

# Answers the customer gives to the assistant's questions in a row, at most.
MAX_ANSWERS = 4


@dataclass
class CaseResult:
    case: Case
    exchanges: list[Exchange]
    problems: list[str]

    @property
    def resolved(self) -> bool:
        return not self.problems


class RestCustomer:
    """Talks to a running assistant as the REST channel's customers do; reads trackers with the API token."""

    def __init__(self, rasa_url: str, token: str, timeout: float = 30) -> None:
        self.rasa_url = rasa_url
        self.token = token
        self.timeout = timeout

    def send(self, sender: str, message: str) -> tuple[list[str], list[tuple[str, str]], Optional[str]]:
        try:
            response = requests.post(
                f"{self.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=self.timeout
            )
        except requests.RequestException as error:
            return [], [], type(error).__name__
        if response.status_code != 200:
            return [], [], f"HTTP {response.status_code}"
        replies = response.json()
        texts = [reply["text"] for reply in replies if reply.get("text")]
        buttons = [(b.get("title", ""), b.get("payload", "")) for reply in replies for b in reply.get("buttons") or []]
        return texts, buttons, None

    def open_question(self, sender: str) -> Optional[str]:
        """The slot a form of this conversation is asking for now, if any."""
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=self.timeout
        )
        response.raise_for_status()
        tracker = response.json()
        if not (tracker.get("active_loop") or {}).get("name"):
            return None
        return (tracker.get("slots") or {}).get("requested_slot")


def run_case(customer: RestCustomer, case: Case) -> CaseResult:
    sender = f"eval-{case.id}-{uuid.uuid4().hex[:8]}"
    exchanges: list[Exchange] = []
    buttons: list[tuple[str, str]] = []
    answered: set[str] = set()

    def answer_open_questions() -> None:
        nonlocal buttons
        for _ in range(MAX_ANSWERS):
            asked = customer.open_question(sender)
            if asked not in case.answers or asked in answered:
                return
            answered.add(asked)
            texts, buttons, error = customer.send(sender, case.answers[asked])
            exchanges.append(Exchange(case.answers[asked], None, texts, buttons, None, error))

    for index, turn in enumerate(case.turns):
        button = find_button(buttons, turn.text) if turn.press else None
        message = button[1] if button else turn.text
        texts, buttons, error = customer.send(sender, message)
        exchanges.append(Exchange(turn.text, button[0] if button else None, texts, buttons, index, error))
        if case.answer_questions == AFTER_EACH_TURN:
            answer_open_questions()
    answer_open_questions()
    return CaseResult(case, exchanges, judge(case, exchanges))


ClockSetter = Callable[[str], None]


def run_cases(customer: RestCustomer, cases: Sequence[Case], set_clock: ClockSetter) -> list[CaseResult]:
    """Cases grouped by clock (the action server restarts once per clock), reported in file order."""
    results: dict[str, CaseResult] = {}
    for now, group in groupby(sorted(cases, key=lambda case: case.now), key=lambda case: case.now):
        set_clock(now)
        for case in group:
            results[case.id] = run_case(customer, case)
    return [results[case.id] for case in cases]


@contextmanager
def running_servers(workdir: Path) -> Iterator[tuple[RestCustomer, ClockSetter]]:
    """The assistant as `make run` starts it (scripts/serve-rasa, HTTP API with a token), on free ports."""
    from tests.support.servers import SERVE_RASA, running_assistant

    token = secrets.token_urlsafe(32)
    overrides = {"RASA_ENABLE_API": "true", "RASA_AUTH_TOKEN": token, "ASSISTANT_PROFILE": "default"}
    with running_assistant(workdir, overrides, endpoints=None, rasa_command=SERVE_RASA) as assistant:
        current: dict[str, str] = {}

        def set_clock(now: str) -> None:
            if current.get("now") != now:
                assistant.start_action_server({"ASSISTANT_NOW": now}, migrate_db=False)
                current["now"] = now

        yield RestCustomer(assistant.rasa_url, token), set_clock


def resolution(results: Sequence[CaseResult]) -> float:
    return sum(result.resolved for result in results) / len(results) if results else 0.0


def format_report(name: str, results: Sequence[CaseResult], show_failures: bool = True) -> str:
    by_category: dict[str, list[CaseResult]] = defaultdict(list)
    for result in results:
        by_category[result.case.category].append(result)
    lines = [f"== {name}: {len(results)} cases", f"{'category':<20}{'resolved':>10}{'rate':>9}"]
    for category in sorted(by_category):
        group = by_category[category]
        resolved = sum(result.resolved for result in group)
        lines.append(f"{category:<20}{resolved:>5}/{len(group):<4}{resolved / len(group):>9.1%}")
    if show_failures:
        for result in results:
            if result.resolved:
                continue
            case = result.case
            lines.append(f"\n-- {case.id} [{case.category}] now={case.now}")
            lines += [f"   ! {problem}" for problem in result.problems]
            for exchange in result.exchanges:
                pressed = f" [pressed {exchange.pressed}]" if exchange.pressed else ""
                lines.append(f"   > {exchange.sent}{pressed}")
                for text in exchange.texts:
                    lines.append("   < " + text.replace("\n", "\n     "))
                if exchange.buttons:
                    lines.append("     buttons: " + " / ".join(title for title, _ in exchange.buttons))
    resolved = sum(result.resolved for result in results)
    lines.append(f"resolution {resolved}/{len(results)} = {resolution(results):.1%}")
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", default=[name for name in SETS if SETS[name].exists()], help=f"{', '.join(SETS)}, or case files")
    parser.add_argument("--min", type=float, default=0.0, help="exit 1 when a set resolves less than this share")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--category", action="append", help="only these categories")
    parser.add_argument("--only", action="append", help="only these case ids")
    args = parser.parse_args(argv)

    named = [(name, SETS.get(name, Path(name))) for name in args.sets]
    chosen = {
        name: [
            case
            for case in load_cases(path)
            if (not args.category or case.category in args.category) and (not args.only or case.id in args.only)
        ]
        for name, path in named
    }
    status = 0
    everything: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="eval-conversations-") as workdir:
        with running_servers(Path(workdir)) as (customer, set_clock):
            for name, cases in chosen.items():
                results = run_cases(customer, cases, set_clock)
                print(format_report(name, results), flush=True)
                everything[name] = [
                    {"id": r.case.id, "category": r.case.category, "problems": r.problems,
                     "exchanges": [asdict(exchange) for exchange in r.exchanges]}
                    for r in results
                ]
                if resolution(results) < args.min:
                    status = 1
    if args.json:
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
