"""Login triage: which questions are still open, and what the answers mean."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Optional

from business.folding import kana_fold, kana_pattern
from business.login_facts import (
    CARD_PIN,
    ELIGIBILITY_SIGNALS,
    FORGOT,
    ID_PASSWORD,
    LOCKED,
    REJECTED,
    holding_reply,
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
    # True when the customer reported, earlier in the conversation, a login, change or notice they did
    # not make: a failure after it may be someone else's doing, which only the call centre can check.
    after_intrusion: Optional[bool] = None

    @property
    def shut_out_after_intrusion(self) -> bool:
        """A failure after a reported intrusion, other than a credential the customer forgot (which the
        reissue answers, whatever they feared): someone else may have changed it."""
        return bool(self.after_intrusion) and self.problem != FORGOT

    @property
    def has_eligibility_signal(self) -> bool:
        return self.eligibility in ELIGIBILITY_SIGNALS

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: Optional[str]) -> "TriageFacts":
        """What to_json wrote; anything else (nothing kept yet, a damaged value) is no facts."""
        try:
            stored = json.loads(text or "{}")
        except ValueError:
            return cls()
        if not isinstance(stored, dict):
            return cls()
        return cls(**{field: stored.get(field) for field in ("login_method", "problem", "eligibility", "card_holder")})


def corrected(previous: TriageFacts, said: TriageFacts) -> TriageFacts:
    """The facts of an earlier answer with what the customer now says in their place (「カードありました」):
    whatever they did not mention stays as it was."""
    changes = {field: value for field, value in asdict(said).items() if value is not None}
    return replace(previous, **changes)


def changes_facts(previous: TriageFacts, said: TriageFacts) -> bool:
    """Whether what the customer now says replaces a fact the last answer was built on (「忘れたのは
    パスワードじゃなくて暗証番号だった」), rather than only repeating it (「まだ入れない」)."""
    return any(value is not None and value != getattr(previous, field) for field, value in asdict(said).items())


# 「IDも覚えてないけど、同じやり方でええんか」: whether the answer holds for what is said again.
_ASKS_IF_IT_HOLDS = kana_pattern(r"[?？]|(いい|ええ|よい|良い|大丈夫|OK)(の|ん|か|です|でしょう|やろ|かな)|同じ|おなじ")
# 「ぱすわーども おぼえてねー」「ログインIDのほうも覚えてへん」: the other detail gone too, which the same
# steps renew with it.
_THE_OTHER_TOO = kana_pattern(r"(ID|アイディ|あいでぃ|パスワ|ぱすわ|暗証|あんしょう|番号)[^。、,]{0,6}(の方|のほう|の分)?も|どっちも|どちらも|両方|りょうほう")


def asks_if_the_answer_holds(previous: TriageFacts, said: TriageFacts, text: str) -> bool:
    """Whether the customer repeats facts of the last answer (none new) and asks if it applies, or says
    the other detail of that login is forgotten too: that answer again, rather than a "not solved"."""
    repeated = any(value is not None for value in asdict(said).values()) and not changes_facts(previous, said)
    folded = kana_fold(text).text
    return repeated and (
        _ASKS_IF_IT_HOLDS.search(folded) is not None or (said.problem == FORGOT and _THE_OTHER_TOO.search(folded) is not None)
    )


def needed_questions(facts: TriageFacts) -> list[str]:
    """Slots that matter for this customer, answered or not, in the order they are asked.

    Only questions whose answer changes what to do are asked. A stated eligibility signal settles
    the case at once. A locked account is answered at once: stop retrying and the way back in for
    each login method. A forgotten credential explains the failure by itself, so eligibility is
    only asked about when the login is refused. Card holding is never asked: the reissue answer
    tells card holders and everyone else what to do in a few lines. After a reported intrusion nothing
    is asked: the phone line is the answer.
    """
    if facts.shut_out_after_intrusion:
        return []
    if facts.has_eligibility_signal:
        return ["eligibility"]
    if facts.problem == LOCKED:
        return ["problem"]
    needed = ["login_method", "problem"]
    if facts.problem != FORGOT:
        needed.append("eligibility")
    return needed


def open_questions(facts: TriageFacts) -> list[str]:
    """Needed slots still unanswered: whatever the customer already said is never asked again."""
    return [slot for slot in needed_questions(facts) if getattr(facts, slot) is None]


def pin_question_is_a_detour(login_method: Optional[str]) -> bool:
    """Whether a card-PIN question asked in the middle of the questions is about something else: for a
    customer who logs in with ID and password it is (「別件を先に: 暗証番号はWebで変えられる？」), and the
    questions go on after the answer; for a card login, or one not said yet, it is the problem itself."""
    return login_method == ID_PASSWORD


def answer_spoke_of_card_holding(outcome: Optional[str], previous: TriageFacts) -> bool:
    """Whether the last answer told card holders and everyone else apart, holding a card not being known
    (the reissue and lock answers): a bare 「持っていない」 then answers it."""
    return previous.card_holder is None and outcome in (Outcome.REISSUE.value, Outcome.LOCKED.value)


def with_card_holding_said(said: TriageFacts, outcome: Optional[str], previous: TriageFacts, text: str) -> TriageFacts:
    """The facts a message states, with 「持っていない」 said alone read as the card when the last answer
    told card holders and everyone else apart."""
    if said.card_holder is not None or not answer_spoke_of_card_holding(outcome, previous):
        return said
    held = holding_reply(text)
    return said if held is None else replace(said, card_holder=held)


def skips_maintenance_check(facts: TriageFacts) -> bool:
    """A customer who forgot a credential, names an eligibility signal or reported an intrusion knows why
    already."""
    return facts.shut_out_after_intrusion or facts.has_eligibility_signal or facts.problem == FORGOT


def decide(facts: TriageFacts) -> Outcome:
    """The outcome once open_questions() is empty."""
    if facts.shut_out_after_intrusion or facts.has_eligibility_signal:
        return Outcome.HANDOFF
    if facts.problem == LOCKED:
        return Outcome.LOCKED
    if facts.problem == REJECTED:
        return Outcome.INPUT_CHECK
    if facts.login_method == CARD_PIN:
        return Outcome.PIN_RESET
    return Outcome.REISSUE
