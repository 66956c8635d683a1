"""The one redaction function: secrets a customer types are masked before anything else sees them.

Channels call `redact` (through rasa_addons.channels.guard.screen) on every incoming text, so
NLU, the tracker store, logs and the action server only ever see placeholders. The
placeholders keep their meaning (［暗証番号］ still says "PIN"), so the login help still comes,
with SECRET_WARNING in front.

What is masked:
- card-number-like digit runs: 12 or more digits, with spaces or hyphen-like marks between
  them (runs longer than 19 digits too: a card number with something glued to it);
- the 4-digit value after 暗証番号 / 暗証 / ピン番号 / PIN (also "1234が暗証番号です");
- the value after パスワード / PW / ログインID / ID when it is being given ("IDは…", "PW: …",
  "パスワード 〇〇", "〇〇がパスワードです"), not the bare words ("ID/PW を忘れた").

Matching runs over an NFKC-folded copy (business.folding: full-width ＩＤ１２３ and half-width
ﾊﾟｽﾜｰﾄﾞ read as ID123 and パスワード); every folded character remembers where it came from, so the
mask is cut out of the text exactly as the customer typed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from business.folding import fold

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

# --- patterns (over the folded text) -------------------------------------------------------

# Between the digits of a card number: up to three spaces or hyphen-like marks
# (hyphen, non-breaking hyphen, dashes, minus, katakana prolonged sound mark, which IMEs
# often produce instead of a hyphen).
_SEPARATOR = r"[\s\-\u2010-\u2015\u2212\u30fc\uff70]{0,3}"
_CARD = re.compile(r"(?<![0-9])[0-9](?:" + _SEPARATOR + r"[0-9]){11,}(?![0-9])")
CARD_MIN_DIGITS = 12

_QUOTE = r"[「『\"'(（\[【]"
# "is being given": a particle or sign after the keyword (は、が、って、：、=、→ …), or a space.
_CONNECTOR = r"(?:は|が|を|も|って|とは|では|なら|=|:|→|->|=>|>|is)"
_GIVEN = r"(?:\s*" + _CONNECTOR + r"){1,2}\s*[、,]?\s*" + _QUOTE + r"?\s*"
_GIVEN_OR_SPACE = r"(?:" + _GIVEN + r"|\s+" + _QUOTE + r"?\s*|\s*" + _QUOTE + r"\s*)"

_PIN_WORD = r"(?:暗証番号|暗証|ピン番号|ピンコード|PINコード|PIN番号|(?<![A-Za-z])PIN(?![A-Za-z]))"
_PASSWORD_WORD = (
    r"(?:ログインパスワード|パスワード|パスワ-ド|パスコード|(?<![A-Za-z])(?:PW|PWD|PASS|PASSWORD|PASSCODE)(?![A-Za-z]))"
)
_LOGIN_ID_WORD = (
    r"(?:(?:ログイン|会員|ユーザー|ユーザ)\s*(?:ID|アイディー?)|ログインアイディー?|(?<![A-Za-z])(?:ID|USERID|USER ID|LOGIN ID)(?![A-Za-z]))"
    r"(?:番号)?"
)
# Four digits, maybe spaced; not part of a longer number and not an amount, a count or a date.
_UNIT = r"(?!\s*(?:円|万|千|百|%|日|年|月|回|桁|時|分|秒|件|人|歳|才|文字|個|社|ヶ|か月|カ月))"
_FOUR_DIGITS = r"(?<![0-9])([0-9](?:[ \-]?[0-9]){3})(?![0-9])"
# After 暗証番号, the PIN may come a few words later ("暗証番号が違うと言われて1234で…"),
# but not in the next sentence.
_PIN_AFTER = re.compile(_PIN_WORD + r"[^0-9。．！？!?\n]{0,12}?" + _FOUR_DIGITS + _UNIT, re.IGNORECASE)

# A password or login ID: printable ASCII with at least one letter or digit, not just another
# keyword or an English filler word ("ID and PW").
_NOT_A_VALUE = r"(?!(?:ID|PW|PWD|PASS|PASSWORD|PIN|and|or|to|is|are|of|the|for|on|in)(?![!-~]))"
# Nor a Japanese word typed in romaji after the keyword ("ID wasureta", "PW wakaranai"): what
# happened to the detail, not the detail itself.
_NOT_A_ROMAJI_WORD = r"(?!(?:wasure|wakar|wakan|shira|shiri|dekina|dekimase|machiga|chiga|nakushi|kieta)[a-z]*(?![A-Za-z0-9]))"
_VALUE = _NOT_A_VALUE + _NOT_A_ROMAJI_WORD + r"([!-~]*[A-Za-z0-9][!-~]*)"
_PASSWORD_AFTER = re.compile(_PASSWORD_WORD + _GIVEN_OR_SPACE + _VALUE, re.IGNORECASE)
_LOGIN_ID_AFTER = re.compile(_LOGIN_ID_WORD + _GIVEN_OR_SPACE + _VALUE, re.IGNORECASE)
# "abc123がパスワードです": the value first, then the keyword and a copula (so that
# "Chromeがパスワードを覚えない" is left alone).
_OWNER = r"(?:私の|わたしの|僕の|俺の)?"
_IS = r"(?=\s*(?:です|でした|だ|だった|だよ|のはず|で合って|になって|[。.!！?？]|$))"
_CLOSE = r"\s*[」』\"')）]?\s*(?:が|は|って)\s*" + _OWNER
_PIN_BEFORE = re.compile(_FOUR_DIGITS + _CLOSE + _PIN_WORD + _IS, re.IGNORECASE)
_ASCII_RUN = r"(?<![!-~])([!-~]*[A-Za-z0-9][!-~]*)"
_PASSWORD_BEFORE = re.compile(_ASCII_RUN + _CLOSE + _PASSWORD_WORD + _IS, re.IGNORECASE)
_LOGIN_ID_BEFORE = re.compile(_ASCII_RUN + _CLOSE + _LOGIN_ID_WORD + _IS, re.IGNORECASE)
# Closing quotes and brackets typed around a password or ID are not part of it, and a shorter
# value is a word, not a secret.
VALUE_TRAILING = "\"')]}"
MIN_VALUE_LENGTH = 3


@dataclass(frozen=True)
class SecretRule:
    """One pattern: which kind of secret it finds, and in which group of its match."""

    kind: str
    pattern: "re.Pattern[str]"
    group: int  # 0: the whole match
    is_value: bool  # a password or ID: trailing quotes cut, at least MIN_VALUE_LENGTH long


# In the order they are tried (where two spans are equally long, the first found wins). The web
# page masks with these same rules before the widget stores or sends a text (web/serve.py).
RULES: tuple[SecretRule, ...] = (
    SecretRule(PIN, _PIN_AFTER, 1, False),
    SecretRule(PIN, _PIN_BEFORE, 1, False),
    SecretRule(PASSWORD, _PASSWORD_AFTER, 1, True),
    SecretRule(PASSWORD, _PASSWORD_BEFORE, 1, True),
    SecretRule(LOGIN_ID, _LOGIN_ID_AFTER, 1, True),
    SecretRule(LOGIN_ID, _LOGIN_ID_BEFORE, 1, True),
    SecretRule(CARD_NUMBER, _CARD, 0, False),
)


@dataclass(frozen=True)
class Redaction:
    text: str
    kinds: frozenset  # which kinds of secret were masked: CARD_NUMBER, PIN, PASSWORD, LOGIN_ID

    @property
    def found_secret(self) -> bool:
        return bool(self.kinds)


def _value_end(value: str, start: int) -> int:
    """End of a password/ID value without the punctuation that closes the sentence or the quote."""
    return start + len(value.rstrip(VALUE_TRAILING))


def _spans(folded: str) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for rule in RULES:
        for match in rule.pattern.finditer(folded):
            start, end = match.start(rule.group), match.end(rule.group)
            if rule.is_value:
                end = _value_end(match.group(rule.group), start)
                if end - start < MIN_VALUE_LENGTH:
                    continue
            if rule.kind == CARD_NUMBER and sum(char.isdigit() for char in match.group()) < CARD_MIN_DIGITS:
                continue
            spans.append((start, end, rule.kind))
    return spans


def redact(text: str) -> Redaction:
    """Mask card numbers, PINs, passwords and login IDs being given; leave everything else as typed."""
    if not text:
        return Redaction(text or "", frozenset())
    folded = fold(text)
    spans = _spans(folded.text)
    if not spans:
        return Redaction(text, frozenset())
    # Longest first where two overlap (a card number wins over a PIN found inside it).
    chosen: list[tuple[int, int, str]] = []
    for start, end, kind in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end, _ in chosen):
            chosen.append((start, end, kind))
    pieces, cursor, kinds = [], 0, set()
    for start, end, kind in sorted(chosen):
        original_start, original_end = folded.span(start, end)
        pieces += [text[cursor:original_start], PLACEHOLDERS[kind]]
        kinds.add(kind)
        cursor = original_end
    pieces.append(text[cursor:])
    return Redaction("".join(pieces), frozenset(kinds))
