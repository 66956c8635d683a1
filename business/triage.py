"""Login triage: which questions are still open, and what the answers mean."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Optional

from business.login_facts import (
    CARD_PIN,
    ELIGIBILITY_SIGNALS,
    FORGOT,
    ID_PASSWORD,
    LOCKED,
    REJECTED,
)


class Outcome(str, Enum):
    HANDOFF = "handoff"          # lost eligibility is the likely cause: only the call centre can tell
    REISSUE = "reissue"          # forgotten login ID / password
    PIN_RESET = "pin_reset"      # forgotten card PIN: automatic contract machine
    LOCKED = "locked"            # stop retrying, then reissue or call
    INPUT_CHECK = "input_check"  # told it is wrong: the usual input mistakes, then reissue


@dataclass(frozen=True)
class TriageFacts:
    login_method: Optional[str] = None
    problem: Optional[str] = None
    eligibility: Optional[str] = None
    card_holder: Optional[str] = None

    @property
    def has_eligibility_signal(self) -> bool:
        return self.eligibility in ELIGIBILITY_SIGNALS


def needed_questions(facts: TriageFacts) -> list[str]:
    """Slots that matter for this customer, answered or not, in the order they are asked.

    A forgotten credential explains the failure by itself, so eligibility is only asked
    about when the login is refused or locked; card holding matters only for ID/password
    reissue, where card holders can look the ID up with their card. A stated eligibility
    signal settles the case at once.
    """
    if facts.has_eligibility_signal:
        return ["eligibility"]
    needed = ["login_method", "problem"]
    if facts.problem != FORGOT:
        needed.append("eligibility")
    if facts.login_method == ID_PASSWORD and facts.problem in (FORGOT, LOCKED):
        needed.append("card_holder")
    return needed


def open_questions(facts: TriageFacts) -> list[str]:
    """Needed slots still unanswered: whatever the customer already said is never asked again."""
    return [slot for slot in needed_questions(facts) if getattr(facts, slot) is None]


def skips_maintenance_check(facts: TriageFacts) -> bool:
    """A customer who forgot a credential or names an eligibility signal knows why already."""
    return facts.has_eligibility_signal or facts.problem == FORGOT


def decide(facts: TriageFacts) -> Outcome:
    """The outcome once open_questions() is empty."""
    if facts.has_eligibility_signal:
        return Outcome.HANDOFF
    if facts.problem == LOCKED:
        return Outcome.LOCKED
    if facts.problem == REJECTED:
        return Outcome.INPUT_CHECK
    if facts.login_method == CARD_PIN:
        return Outcome.PIN_RESET
    return Outcome.REISSUE
