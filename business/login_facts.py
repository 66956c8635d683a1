"""What a customer's message already tells about their login problem.

Closed vocabularies (two login methods, three kinds of failure, four eligibility
signals) are spotted by patterns: deterministic, testable, and fast on every message.
The patterns run over width-folded text (business.folding: ＩＤ → ID, ﾊﾟｽﾜｰﾄﾞ → パスワード), and each
fact's span is mapped back onto the message as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional, Pattern

from business.folding import fold, nfkc

# Slot values; the Rasa domain uses exactly these strings.
ID_PASSWORD = "id_password"
CARD_PIN = "card_pin"
FORGOT = "forgot"
REJECTED = "rejected"
LOCKED = "locked"
LATE_REPAYMENT = "late_repayment"
INCOME_DROP = "income_drop"
OTHER_BORROWING = "other_borrowing"
CREDIT_TROUBLE = "credit_trouble"
NO_SIGNAL = "none"
ELIGIBILITY_SIGNALS = (LATE_REPAYMENT, INCOME_DROP, OTHER_BORROWING, CREDIT_TROUBLE)


@dataclass(frozen=True)
class Fact:
    """One thing found in a message: an entity name, its normalised value and where it stood."""

    entity: str
    value: str
    start: int
    end: int


def _rx(pattern: str) -> Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Each vocabulary is an ordered list: the first value whose pattern matches wins,
# so more specific readings come first (他社での滞納 is credit trouble, not our late repayment).
_LOGIN_METHOD = [
    (CARD_PIN, _rx(r"暗証番号|カード番号|ピン番号|PINコード|(?<![A-Za-z])PIN(?![A-Za-z])|［カード番号］|［暗証番号］")),
    (ID_PASSWORD, _rx(r"パスワード|ログイン\s*ID|ログインアイディ|(?<![A-Za-z])(ID|PW)(?![A-Za-z])|パスワ|［パスワード］|［ログインID］")),
]
_PROBLEM = [
    (LOCKED, _rx(r"ロック|凍結|利用できない状態|試行回数")),
    (FORGOT, _rx(r"忘れ|わすれ|失念|再発行|再設定|わからな|分からな|わかりません|分かりません|思い出せ|覚えていな|覚えてな|不明")),
    (REJECTED, _rx(r"違う|違います|間違|エラー|正しくない|誤り|弾かれ|はじかれ|通らな|認証.{0,4}失敗|一致しな|無効")),
]
_ELIGIBILITY = [
    (CREDIT_TROUBLE, _rx(r"信用情報|ブラック|債務整理|自己破産|個人再生|他社.{0,8}(滞納|延滞|遅れ|遅延)")),
    (LATE_REPAYMENT, _rx(r"返済.{0,8}(遅れ|遅延|滞|できていな|できてな|払えて)|延滞|滞納|支払.{0,6}遅れ")),
    (INCOME_DROP, _rx(r"(収入|給料|給与|年収|月収).{0,8}(下が|減|落ち|なくな|無くな)|減収|失業|失職|退職|無職|リストラ")),
    (OTHER_BORROWING, _rx(r"(他社|他の(会社|ところ|金融|カード|ローン)|よそ).{0,10}(借|ローン|キャッシング)|借入.{0,6}(増|多く)|借金.{0,6}(増|多く)")),
    (NO_SIGNAL, _rx(r"((どれ|いずれ)にも|どれも|いずれも|特に|何も).{0,6}(当てはま|あてはま|該当し|ありません|ない)|該当なし|心当たりはない|心当たりはありません")),
]
_CARD_HOLDER = [
    ("no_card", _rx(r"カード.{0,8}(持って(い|お[りら])?(な|ません)|ありません|ない|無い|なくし|無くし|紛失|手元にない)")),
    ("has_card", _rx(r"カード.{0,8}(持って(い|お|る|ま)|あります|ある|手元に)")),
]
_CALL_LINE = [("ladies", _rx(r"レディース|女性"))]

_VOCABULARIES = {
    "login_method": _LOGIN_METHOD,
    "problem": _PROBLEM,
    "eligibility": _ELIGIBILITY,
    "card_holder": _CARD_HOLDER,
    "call_line": _CALL_LINE,
}


def normalise(text: str) -> str:
    """NFKC folds full-width letters and digits (ＩＤ → ID) so one pattern covers both.

    Offsets in the result are offsets in the folded text; use business.folding.fold to map
    them back onto `text`.
    """
    return nfkc(text)


def find_login_facts(text: str) -> list[Fact]:
    """Every triage fact in the text, at most one value per entity, spanning the words as typed."""
    folded = fold(text)
    facts = []
    for entity, vocabulary in _VOCABULARIES.items():
        fact = _first_match(entity, vocabulary, folded.text)
        if fact is None:
            continue
        start, end = folded.span(fact.start, fact.end)
        facts.append(Fact(fact.entity, fact.value, start, end))
    return facts


def _first_match(entity: str, vocabulary: Iterable[tuple[str, Pattern[str]]], text: str) -> Optional[Fact]:
    for value, pattern in vocabulary:
        match = pattern.search(text)
        if match:
            return Fact(entity, value, match.start(), match.end())
    return None


HAS_CARD = "has_card"
NO_CARD = "no_card"

_YES = _rx(r"^(はい|うん|ええ|そうです|あります|持って(い|お|る|ま)|ある)")
_NO = _rx(r"^(いいえ|いや|ない|ありません|持って(い|お[りら])?(な|ません)|なし|特にな|とくにな|無い)")
_CARD_WORD = _rx(r"カード")
_ID_WORD = _rx(r"(?<![A-Za-z])(ID|PW)(?![A-Za-z])|パスワード|アイディー?")
_UNKNOWN = _rx(r"わから|分から|わかりません|知らな|不明|覚えていな")


def interpret_reply(requested_slot: str, text: str) -> Optional[str]:
    """A short reply to the question just asked ("はい", "カードです") read as that slot's value.

    Only used when the message named no value outright, so a full sentence still wins.
    """
    folded = normalise(text).strip()
    if requested_slot == "login_method":
        if _CARD_WORD.search(folded):
            return CARD_PIN
        if _ID_WORD.search(folded):
            return ID_PASSWORD
    elif requested_slot == "eligibility" and _NO.search(folded):
        return NO_SIGNAL
    elif requested_slot == "card_holder":
        if _NO.search(folded):
            return NO_CARD
        if _YES.search(folded):
            return HAS_CARD
    elif requested_slot == "rate" and _UNKNOWN.search(folded):
        return "unknown"
    return None
