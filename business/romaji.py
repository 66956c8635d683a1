"""Japanese typed in Latin letters (romaji) read as katakana: pasuwaado ga chigaimasu → パスワアドガチガイマス.

Why: a customer whose phone has lost its Japanese keyboard still writes Japanese, and the fact
patterns (business.login_facts) are written in kana. Only a word that spells out completely as
Hepburn or kunrei-shiki romaji (the forms IMEs accept) is read; anything else (ID, PW, Visa, mail)
stays as typed, and so do a few English words that happen to spell romaji (PIN). The English
loanwords a customer writes for the login words themselves (password, lock, card) read as their
katakana, as a Japanese keyboard would give them.
"""

from __future__ import annotations

import re
from typing import Optional

_VOWELS = {"a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ"}
_ROWS = {
    "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ", "t": "タチツテト",
    "d": "ダディドゥデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ", "p": "パピプペポ",
    "m": "マミムメモ", "r": "ラリルレロ", "y": "ヤ?ユ?ヨ", "w": "ワ?ウ?ヲ", "f": "ファフィフフェフォ",
    "j": "ジャジジュジェジョ", "v": "ヴァヴィヴヴェヴォ",
}
_SMALL = {"a": "ャ", "u": "ュ", "o": "ョ", "e": "ェ"}


def _syllables() -> dict[str, str]:
    table: dict[str, str] = dict(_VOWELS)
    for consonant, kana in _ROWS.items():
        if consonant in ("d", "f", "j", "v"):
            continue
        for vowel, char in zip("aiueo", kana, strict=False):
            if char != "?":
                table[consonant + vowel] = char
    # d: ディ and ドゥ are how loanwords are typed (アイディ), not ヂ and ヅ.
    table.update({"da": "ダ", "di": "ディ", "du": "ドゥ", "de": "デ", "do": "ド"})
    for consonant in ("f", "j", "v"):
        pieces = {"f": ("ファ", "フィ", "フ", "フェ", "フォ"), "j": ("ジャ", "ジ", "ジュ", "ジェ", "ジョ"),
                  "v": ("ヴァ", "ヴィ", "ヴ", "ヴェ", "ヴォ")}[consonant]
        table.update({consonant + vowel: piece for vowel, piece in zip("aiueo", pieces, strict=False)})
    table.update({"shi": "シ", "chi": "チ", "tsu": "ツ", "fu": "フ", "si": "シ", "ti": "チ", "tu": "ツ",
                  "hu": "フ", "zi": "ジ", "wo": "ヲ", "thi": "ティ", "tyi": "ティ"})
    for stem, base in (("ky", "キ"), ("gy", "ギ"), ("sh", "シ"), ("sy", "シ"), ("ch", "チ"), ("ty", "チ"),
                       ("cy", "チ"), ("ny", "ニ"), ("hy", "ヒ"), ("by", "ビ"), ("py", "ピ"), ("my", "ミ"),
                       ("ry", "リ"), ("zy", "ジ"), ("jy", "ジ"), ("dy", "ヂ")):
        for vowel, small in _SMALL.items():
            if stem in ("sh", "ch") and vowel == "e":
                table[stem + vowel] = base + "ェ"
            elif vowel != "e":
                table[stem + vowel] = base + small
    return table


_TABLE = _syllables()
_LONGEST = max(map(len, _TABLE))
_NOT_ROMAJI = frozenset({"pin", "ok", "no", "ng", "line", "web", "app", "mail", "id", "pw", "visa", "atm", "pdf"})
_WORD = re.compile(r"[A-Za-z]+")
_LONGEST_ACRONYM = 3
# English spellings of the words the fact patterns look for, as their katakana loanwords.
_LOANWORDS = {
    "password": "パスワード", "passwd": "パスワード", "passward": "パスワード", "login": "ログイン",
    "logon": "ログイン", "signin": "ログイン", "lock": "ロック", "locked": "ロック", "card": "カード",
    "account": "アカウント", "error": "エラー", "member": "メンバー", "service": "サービス",
    "maintenance": "メンテナンス", "reset": "リセット",
}  # fmt: skip


def word_as_katakana(word: str) -> Optional[list[tuple[str, int, int]]]:
    """The katakana of one romaji word as (kana, start, end) pieces over the word, or None if it is
    not romaji through and through."""
    lower = word.lower()
    if lower in _LOANWORDS:
        return [(_LOANWORDS[lower], 0, len(word))]
    if lower in _NOT_ROMAJI or len(lower) < 2 or (word.isupper() and len(word) <= _LONGEST_ACRONYM):
        return None  # 「AIなの？」: a short word in capitals is an acronym, not romaji
    pieces: list[tuple[str, int, int]] = []
    index = 0
    while index < len(lower):
        char = lower[index]
        following = lower[index + 1 : index + 2]
        if char == "n" and (following == "" or (following not in "aiueoy")):
            length = 2 if following == "n" else 1
            pieces.append(("ン", index, index + length))
            index += length
            continue
        if char not in "aiueon" and following == char:
            pieces.append(("ッ", index, index + 1))
            index += 1
            continue
        for length in range(min(_LONGEST, len(lower) - index), 0, -1):
            kana = _TABLE.get(lower[index : index + length])
            if kana:
                pieces.append((kana, index, index + length))
                index += length
                break
        else:
            return None
    return pieces


def latin_words(text: str) -> list[tuple[int, int]]:
    """Spans of the runs of Latin letters in `text`."""
    return [match.span() for match in _WORD.finditer(text)]
