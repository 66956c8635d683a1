"""The one redaction function: secrets a customer types are masked before anything else sees them.

Channels call `redact` on every incoming text, so NLU, the tracker store, logs and the action
server only ever see placeholders. The placeholders keep their meaning (［暗証番号］ still says
"PIN"), so the login help still comes, with SECRET_WARNING in front.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CARD_NUMBER = "card_number"
PIN = "pin"
PASSWORD = "password"
LOGIN_ID = "login_id"

PLACEHOLDERS = {
    CARD_NUMBER: "［カード番号］",
    PIN: "［暗証番号］",
    PASSWORD: "［パスワード］",
    LOGIN_ID: "［ログインID］",
}

SECRET_WARNING = (
    "ご注意ください。カード番号・暗証番号・パスワード・ログインIDは、チャットに入力しないでください。"
    "いただいた内容は保存せず、伏せ字にしました。"
)

_GIVEN = r"\s*(?:は|が|:|=|→|を|も)?\s*[「『\"'(（]?\s*"
# 12 to 19 digits, single spaces or hyphens allowed between them.
_CARD = re.compile(r"(?<![0-9])[0-9](?:[ \-]?[0-9]){11,18}(?![0-9])")
_PIN = re.compile(r"(?:暗証番号|ピン番号|(?<![A-Za-z])PIN(?![A-Za-z]))" + _GIVEN + r"([0-9]{4})(?![0-9])", re.IGNORECASE)
_PASSWORD = re.compile(
    r"(?:パスワード|パスワ-ド|(?<![A-Za-z])(?:PW|PASS|PASSWORD)(?![A-Za-z]))" + _GIVEN + r"([!-~]{3,64})", re.IGNORECASE
)
_LOGIN_ID = re.compile(r"(?:ログインID|ログインid|(?<![A-Za-z])ID(?![A-Za-z]))" + _GIVEN + r"([!-~]{3,64})", re.IGNORECASE)
_TRAILING_QUOTES = "」』\"')）。、"


@dataclass(frozen=True)
class Redaction:
    text: str
    kinds: frozenset  # which kinds of secret were masked: CARD_NUMBER, PIN, PASSWORD, LOGIN_ID

    @property
    def found_secret(self) -> bool:
        return bool(self.kinds)


def _fold(text: str) -> str:
    """Full-width digits, letters and symbols as ASCII, one character for one, so offsets still hold."""
    folded = []
    for char in text:
        normal = unicodedata.normalize("NFKC", char)
        folded.append(normal if len(normal) == 1 else char)
    return "".join(folded)


def _value_span(match: re.Match) -> tuple[int, int]:
    start, end = match.span(1)
    value = match.group(1)
    trimmed = value.rstrip(_TRAILING_QUOTES)
    return start, start + len(trimmed)


def redact(text: str) -> Redaction:
    """Mask card numbers, PINs, passwords and login IDs being given; leave everything else as typed."""
    if not text:
        return Redaction(text or "", frozenset())
    folded = _fold(text)
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in ((PIN, _PIN), (PASSWORD, _PASSWORD), (LOGIN_ID, _LOGIN_ID)):
        spans += [(*_value_span(m), kind) for m in pattern.finditer(folded)]
    spans += [(m.start(), m.end(), CARD_NUMBER) for m in _CARD.finditer(folded)]
    if not spans:
        return Redaction(text, frozenset())
    pieces, cursor, kinds = [], 0, set()
    for start, end, kind in sorted(spans):
        if start < cursor:  # overlaps a span already masked (a PIN inside a card-like run)
            continue
        pieces += [text[cursor:start], PLACEHOLDERS[kind]]
        kinds.add(kind)
        cursor = end
    pieces.append(text[cursor:])
    return Redaction("".join(pieces), frozenset(kinds))
