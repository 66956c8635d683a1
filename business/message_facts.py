"""Everything the assistant reads out of one message: triage facts, amounts, rates, periods, a time,
and the member-service functions it asks about."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from business.folding import kana_fold, kana_pattern
from business.japanese_numbers import BOUND, find_quantities
from business.japanese_numbers import find_unread_numbers as _unread_number_spans
from business.japanese_time import find_time_span
from business.login_facts import Fact, find_login_facts
from business.member_service import find_service_features
from business.time_zones import own_clock_before
from business.topic_words import NOT_KNOWING

# Entity names the Rasa domain maps to slots.
AMOUNT = "amount"
MONTHLY_PAYMENT = "monthly_payment"
RATE = "rate"
DAYS = "days"
WHEN = "when"
PROBLEM = "problem"

# The rate value for "I do not know my rate": the interest form then simulates 17.8% and says so.
UNKNOWN_RATE = "unknown"

# 「金利はわからない」「利率は覚えてない」「年利不明」「金利がいくらか分からない」: a rate word, then within a few
# words (no number, no other topic) a word for not knowing it.
# 「9まん 30にち りつは わからん」: the rate's 率 said alone, at the start or after a figure, not inside
# another word (効率, 法律); folding drops the spaces between words.
_RATE_WORD = (
    r"(?:実質年率|年利|金利|利率|年率|レート|きんり|ねんりつ|ねんり|りりつ"
    r"|(?:^|(?<=[0-9０-９、,。!！?？%日円])|(?<=にち)|(?<=まん))(?:りつ|率))"
)
# A few words between (「金利は契約書が手元になく不明」「金利のほうは、契約の紙をどこぞへしもてしもて、ようわからしまへん」),
# not into another figure's or a login detail's words.
_GAP = (
    r"(?:(?!元金|残高|金額|期間|期日|日数|借|返|パスワ|ぱすわ|ID|暗証|あんしょう|ログイン|ろぐいん|番号|ばんごう)"
    r"[^0-9０-９。．！？!?\n]){0,32}?"
)
# 「金利？知らん」: the rate word echoed as a question, then not knowing it.
_RATE_UNKNOWN = kana_pattern(_RATE_WORD + r"(?:[?？][ \t]*)?" + _GAP + NOT_KNOWING)


# 「45日後に返すとしたら」: the days until repayment, said as a time from now.
_REPAID_AFTER = re.compile(r"[0-9０-９一二三四五六七八九十百]+日後に?(まとめて|一括で|全部|ぜんぶ)?(返|かえ|払|はら)")


# 「月曜日以外」「土日以外」: a time named only to be set aside.
_EXCEPT_AFTER = re.compile(r"\s*(?:の)?(?:以外|いがい|を除|をのぞ)")


def find_message_facts(text: str) -> list[Fact]:
    """All facts, in text order. A time expression wins over numbers inside it (1月1日 is no period),
    but not over a period it is only the end of (「1か月と10日後」 is 40 days, not "in 10 days").

    A rate the customer says they do not know is the fact rate = "unknown"; the 「わからない」 in it
    is then not a forgotten password (no `problem` fact for it).
    """
    facts = find_service_features(text)
    time_span = find_time_span(text)
    repaid_after = _REPAID_AFTER.search(text)
    if time_span is not None and repaid_after is not None and time_span[0] <= repaid_after.start() < time_span[1]:
        # 「45日後に返す」 in an interest question is a number of days, not a date.
        time_span = None
    quantities = find_quantities(text)
    if time_span is not None and any(q.kind == "days" and q.start < time_span[0] < q.end for q in quantities):
        # 「2週間と3日後」: the time is only the last part of a period said in parts, which the period reads whole.
        time_span = None
    if time_span is not None and _EXCEPT_AFTER.match(text, time_span[1]):
        time_span = None  # 「月曜日以外にもメンテナンスはある？」 names no time to check
    # 「今こっち（トロント）は日曜の夜9時なんですけど」: the customer's own clock abroad, no time to check.
    if time_span is not None and not own_clock_before(text, time_span[0]):
        start, end = time_span
        facts.append(Fact(WHEN, text[start:end], start, end))
    for quantity in quantities:
        if time_span is not None and quantity.start < time_span[1] and time_span[0] < quantity.end:
            continue
        if quantity.role == BOUND:
            continue  # 「1円未満の端数」: a limit named, not the customer's balance
        facts.append(Fact(_entity_for(quantity.kind, quantity.role), _plain(quantity.value), quantity.start, quantity.end))
    unknown_rate = None if any(fact.entity == RATE for fact in facts) else _unknown_rate(text)
    if unknown_rate is not None:
        facts.append(unknown_rate)
    for fact in find_login_facts(text):
        if not (unknown_rate is not None and fact.entity == PROBLEM and _overlap(fact, unknown_rate)):
            facts.append(fact)
    return sorted(facts, key=lambda fact: (fact.start, fact.end))


def find_unread_numbers(text: str) -> list[str]:
    """Numbers as the customer typed them that no fact accounts for ("10,0000円", a bare "100000").

    Dates and times are accounted for by the time fact; counters and phone numbers are never quantities.
    """
    time_span = find_time_span(text)
    return [
        text[start:end]
        for start, end in _unread_number_spans(text)
        if time_span is None or not (start < time_span[1] and time_span[0] < end)
    ]


def _unknown_rate(text: str) -> Optional[Fact]:
    folded = kana_fold(text)
    match = _RATE_UNKNOWN.search(folded.text)
    if match is None:
        return None
    start, end = folded.span(match.start(), match.end())
    return Fact(RATE, UNKNOWN_RATE, start, end)


def _overlap(a: Fact, b: Fact) -> bool:
    return a.start < b.end and b.start < a.end


def _entity_for(kind: str, role: Optional[str]) -> str:
    if kind == "amount":
        return MONTHLY_PAYMENT if role == "monthly" else AMOUNT
    return {"rate": RATE, "days": DAYS}[kind]


def _plain(value: Decimal) -> str:
    """Decimal without exponent or trailing zeros: Decimal('1E+5') → '100000', 17.80 → '17.8' (exact at any size)."""
    return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
