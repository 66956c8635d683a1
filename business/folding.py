"""Width folding that remembers where every character came from.

Why: customers type the same words in whatever width their keyboard or IME gives them
(ＩＤ１２３, ID123, ﾊﾟｽﾜｰﾄﾞ, パスワード). Patterns are written once, for ordinary Japanese, and run
over the folded text. But what they find must be reported on the text as the customer typed it:
entity spans for Rasa, the part of a message redaction masks, token offsets. So folding keeps,
for every folded character, the span of the original text it came from.

What folding is: exactly Unicode NFKC of the whole text (`fold(text).text ==
unicodedata.normalize("NFKC", text)`, always). Full-width letters, digits and signs become ASCII
(ＩＤ１２３ → ID123, ％ → %, 　 → space), half-width katakana become full-width and compose with
their (semi-)voiced sound marks (ﾊﾟ → パ), and compatibility characters expand (㍱ → hPa, ﬁ → fi).

How the origins are kept: the text is cut into the smallest pieces that NFKC folds independently
(a character with the combining marks after it; a base and a following sound mark that composes
with it, ﾊ + ﾟ; a Hangul syllable's jamo), each piece is folded on its own, and the pieces are
joined. Every character of a piece comes from the whole piece (ﾊﾟ → パ comes from both ﾊ and ﾟ;
each of h, P, a comes from ㍱; in 円 + U+0301 both come from both), so a span mapped back never
cuts a character from its combining marks. `Folded.span` maps a span of the folded text back
to the original.

Where pieces differ from folding character by character (chosen on purpose):
- a combining mark folds with its base (e + U+0301 → é, from both), so a redaction mask never ends
  between a character and its mark;
- a sound mark that composes with nothing (ﾝ + ﾞ, 円 + ﾞ, カ + ゛) is a spacing character and a piece of
  its own: "1円ﾞ" holds the amount "1円", not "1円ﾞ".

No Rasa imports: business/ is plain Python. The Sudachi tokenizer does not use this: Sudachi folds
width itself (its input-text plugins) and already reports offsets on the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from business.romaji import latin_words, word_as_katakana

__all__ = ["Folded", "fold", "nfkc"]

# Pieces that fold together are a few characters long in any real text. Longer runs of starters
# that keep interacting (e.g. 10,000 × U+0F73) would make the search quadratic; past this length
# the search stops, and if the result then differs from NFKC, fold() takes its coarse fallback.
_MAX_PIECE = 16


@dataclass(frozen=True)
class Folded:
    """Folded text and, for each of its characters, the span [start, end) of the original it came from."""

    text: str
    origins: tuple[tuple[int, int], ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span that folded characters [start, end) came from.

        An empty span maps to the original position just before folded character `start`
        (the end of the original text when `start` is the end of the folded text).
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is not inside the folded text of length {len(self.text)}")
        if start == end:
            if start < len(self.origins):
                position = self.origins[start][0]
            else:
                position = self.origins[-1][1] if self.origins else 0
            return position, position
        return self.origins[start][0], self.origins[end - 1][1]


def nfkc(text: str) -> str:
    """The folded text alone, for callers that need no way back to the original (fold(text).text)."""
    return unicodedata.normalize("NFKC", text)


# A sentence ends at 。．？！ (either width) or a line break; a half-width period does not end one, as it is
# also the decimal point of 17.8%.
_SENTENCE = re.compile(r"[^。．？?！!\n]+[。．？?！!\n]*")


def sentences(text: str) -> list[str]:
    """The sentences of `text`, each with the marks that end it: the one splitter of every reader that
    looks at one question of a message at a time."""
    return _SENTENCE.findall(text)


def _pieces(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded) for the smallest pieces of `text` that NFKC folds independently.

    A piece begins at a starter (combining class 0) and takes the non-starters after it, which
    NFKC reorders and composes with it. A starter that folds differently next to the piece before
    it (ﾟ after ﾊ, a Hangul vowel after its consonant) joins that piece, and so on backwards.
    """
    pieces: list[tuple[int, int, str]] = []
    index, length = 0, len(text)
    while index < length:
        end = index + 1
        while end < length and unicodedata.combining(text[end]):
            end += 1
        start, folded = index, nfkc(text[index:end])
        while pieces:
            before_start, _, before_folded = pieces[-1]
            if end - before_start > _MAX_PIECE:
                break
            together = nfkc(text[before_start:end])
            if together == before_folded + folded:
                break
            pieces.pop()
            start, folded = before_start, together
        pieces.append((start, end, folded))
        index = end
    return pieces


def fold(text: str) -> Folded:
    """NFKC-fold `text`, keeping for every folded character the original span it came from."""
    if unicodedata.is_normalized("NFKC", text) and not any(map(unicodedata.combining, text)):
        # Nothing to fold and nothing to keep together: every piece is one character.
        return Folded(text, tuple((index, index + 1) for index in range(len(text))))
    chars: list[str] = []
    origins: list[tuple[int, int]] = []
    for start, end, folded in _pieces(text):
        chars.append(folded)
        origins.extend([(start, end)] * len(folded))
    joined = "".join(chars)
    whole = nfkc(text)
    if joined != whole:
        # Only after _MAX_PIECE cut a run short (or if Unicode ever surprises): the text stays
        # exactly NFKC, and every character is said to come from the whole original.
        return Folded(whole, ((0, len(text)),) * len(whole))
    return Folded(joined, tuple(origins))


# Hiragana ぁ..ゖ map one to one onto katakana ァ..ヶ, 0x60 code points later.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
# What a phone keyboard gives for the long-vowel mark ー when typed in a hurry (パスワ-ド, ﾊﾟｽﾜｰﾄﾞ).
_LONG_VOWEL_LOOKALIKES = "-‐－−~〜～ｰ"


# Kanji an IME or voice input offers for a similar reading, which customers send without noticing
# (あんしょう → 暗唱, へんさい → 変済, しんさ → 診査; voice input's 暗記番号), a word typed with two kana swapped (サビース) or
# without its voicing mark (カート番号, ロクイン, ちかいます); each the length of the word meant, so origins stay in place.
_MISCONVERSIONS = {
    "他者": "他社", "診査": "審査", "暗唱": "暗証", "暗礁": "暗証", "案称": "暗証", "暗記番号": "暗証番号", "滞能": "滞納", "変済": "返済", "手数量": "手数料", "理則": "利息",
    "サビース": "サービス", "カート番号": "カード番号", "ロクイン": "ログイン", "チカイマス": "チガイマス",
    # へんこう → 返校, めんきょしょう → 免許書, りそく → 利足; きのう → 昨日 and かいじょ → 介助 only where
    # the word meant is the only reading (会員サービスの機能, ロックの解除).
    "返校": "変更", "免許書": "免許証", "利足": "利息", "サービスノ昨日": "サービスノ機能",
    "ロック介助": "ロック解除", "ロックノ介助": "ロックノ解除",
}
# Dialect forms of the words the patterns read, in katakana, each the length of the standard form:
# Tohoku わがんね/わがらね/わがった (わから-, わかっ-), でぎねえ (できない), the negation ねぇ typed with a small
# ェ as the ねー every pattern knows, わがんねぐなった (わからなくなった), 入れねがった (入れなかった), おぐれ
# (遅れ) and よんけだ (4桁); Kagoshima
# でくっ (できる: でくっとけ, can one?), 〜もした (〜ました) and 〜(っ)くいやい (〜てください).
_DIALECT_FORMS = {
    "ワガン": "ワカン", "ワガラ": "ワカラ", "ワガリ": "ワカリ", "ワガッ": "ワカッ",
    "デギネ": "デキネ", "デギナ": "デキナ", "デギン": "デキン", "ネェ": "ネー",
    "デクッ": "デキル", "モシタ": "マシタ", "ネグナ": "ナクナ", "ネガッタ": "ナカッタ",
    "オグレ": "オクレ", "ヨンケダ": "ヨンケタ",
    "ックイヤイ": "テクダサイ", "クイヤイ": "クダサイ",
}

# The key words in the Chinese a customer may mix in (登录 for ログイン, 账号 for アカウント, 密码 for パスワード),
# read as the Japanese word; not the same length, so each character of the word meant comes from the
# whole word typed.
_CHINESE_WORDS = {
    "登录": "ログイン", "登陆": "ログイン", "账号": "アカウント", "帐号": "アカウント", "账户": "アカウント",
    "密码": "パスワード", "会员": "会員",
}
# Key words as a learner of Japanese may write them, a long vowel or a sound left out (ロギン for ログイン,
# パスワド for パスワード), and a busy writer's shortening (暗番 for 暗証番号), read as the word meant the same way.
_SHORTENED_WORDS = {"ロギン": "ログイン", "パスワド": "パスワード", "暗番": "暗証番号"}
# The card's PIN called its password (「カードのパスワード」): the card has no password but its PIN.
_PIN_CALLED_A_PASSWORD = {"カードノパスワード": "カードノ暗証番号", "カードパスワード": "カード暗証番号"}
_WORDS_READ_AS = {**_CHINESE_WORDS, **_SHORTENED_WORDS, **_PIN_CALLED_A_PASSWORD}
_WORD_READ_AS = re.compile("|".join(_WORDS_READ_AS))


def to_katakana(text: str) -> str:
    """Hiragana as katakana, one character for one: ぱすわーど → パスワード."""
    return text.translate(_HIRAGANA_TO_KATAKANA)


# Katakana of the o and u rows (but not ウ itself): after one, a long vowel is written う or typed ー
# (あんしょう / あんしょー, ゆうざー / ゆーざー). Not after う: ううん (no) is not うーん (a hesitation).
LONG_U_ROWS = "オコゴソゾトドノホボポモヨョロォヲクグスズツヅヌフブプムユュル"
_LONG_VOWEL_BEFORE_U = re.compile(f"(?<=[{LONG_U_ROWS}])ウ")


def kana_pattern(pattern: str) -> re.Pattern[str]:
    """A pattern over kana-folded text (kana_fold): its hiragana is read as katakana, so 「忘れ|わすれ」
    meets 忘れ, わすれ and ワスレ alike, and a long vowel written う meets ー too (あんしょう, あんしょー);
    case is ignored. The one way business/ writes such patterns."""
    return re.compile(_LONG_VOWEL_BEFORE_U.sub("[ウー]", to_katakana(pattern)), re.IGNORECASE)


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_kana(char: str) -> bool:
    return "ァ" <= char <= "ヺ" or char == "ー"


def _romaji_read(folded: Folded) -> tuple[list[str], list[tuple[int, int]]]:
    """Characters and origins of `folded`, with each romaji word replaced by its katakana."""
    chars: list[str] = []
    origins: list[tuple[int, int]] = []
    position = 0
    for start, end in latin_words(folded.text):
        pieces = word_as_katakana(folded.text[start:end])
        if pieces is None:
            continue
        chars.extend(folded.text[position:start])
        origins.extend(folded.origins[position:start])
        for kana, piece_start, piece_end in pieces:
            origin = (folded.origins[start + piece_start][0], folded.origins[start + piece_end - 1][1])
            chars.extend(kana)
            origins.extend([origin] * len(kana))
        position = end
    chars.extend(folded.text[position:])
    origins.extend(folded.origins[position:])
    return chars, origins


# Distinct messages whose kana folding is kept: every pattern of business/ reads the same message folded.
_KANA_FOLDED_KEPT = 512


@lru_cache(maxsize=_KANA_FOLDED_KEPT)
def kana_fold(text: str) -> Folded:
    """`fold`, then romaji words as katakana, lower case, hiragana as katakana, look-alikes of ー
    after kana as ー, no white space except one between two Latin words, the usual IME
    misconversions of key words as the word meant (暗唱番号 → 暗証番号), dialect forms of them as
    the standard form (わがんね → ワカンネ, でぎねえ → デキネエ), and Chinese key words and learners' slips as
    the Japanese (登录 → ログイン, ロギン → ログイン).

    Why: customers spell key words in any script and spacing (ろぐいん あいでぃ, パスワ-ド, pasuwado),
    and one pattern written in katakana should meet them all. Spans still map back to the text as typed.
    """
    read, read_origins = _romaji_read(fold(text))
    chars: list[str] = []
    origins: list[tuple[int, int]] = []
    for index, (char, origin) in enumerate(zip(read, read_origins, strict=False)):
        if char.isspace():
            # Between two Latin words a space still separates them (ID PW).
            following = read[index + 1] if index + 1 < len(read) else ""
            if chars and chars[-1] != " " and _is_latin(chars[-1]) and following and _is_latin(following):
                chars.append(" ")
                origins.append(origin)
            continue
        char = to_katakana(char.lower()) if len(char.lower()) == 1 else char
        if char in _LONG_VOWEL_LOOKALIKES and chars and _is_kana(chars[-1]):
            char = "ー"
        chars.append(char)
        origins.append(origin)
    folded = "".join(chars)
    for typed, meant in (*_MISCONVERSIONS.items(), *_DIALECT_FORMS.items()):
        folded = folded.replace(typed, meant)
    return _with_words_read_as_meant(Folded(folded, tuple(origins)))


def _with_words_read_as_meant(folded: Folded) -> Folded:
    """`folded` with each Chinese key word or learner's slip as the Japanese word meant, spans still
    mapping back."""
    text, origins = folded.text, folded.origins
    pieces: list[str] = []
    piece_origins: list[tuple[int, int]] = []
    last = 0
    for match in _WORD_READ_AS.finditer(text):
        pieces.append(text[last : match.start()])
        piece_origins.extend(origins[last : match.start()])
        meant = _WORDS_READ_AS[match.group()]
        pieces.append(meant)
        piece_origins.extend([(origins[match.start()][0], origins[match.end() - 1][1])] * len(meant))
        last = match.end()
    if not pieces:
        return folded
    pieces.append(text[last:])
    piece_origins.extend(origins[last:])
    return Folded("".join(pieces), tuple(piece_origins))
