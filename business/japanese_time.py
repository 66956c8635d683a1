"""The moment a customer names in Japanese (「月曜の朝5時」「昨日の夜11時」), as a JST datetime.

ja-timex finds the expressions and their spans (weekday, month-day, 昨日/明日, 来週, clock times with
朝/夜/深夜/午前/午後, kanji and full-width digits). This module adds only what it lacks: resolving them
against `now` and the message's tense, part-of-day words without a clock (朝, 昼, 夜 …), prefixes it
misses (夜の11時, 夕方6時, 夜中の3時, 昼1時), 今朝/今夜/昨夜 and kana day words (きのう, おととい), 零時,
元日/元旦/大晦日, and named spans of days (正月, 三が日, 年末年始).

Decisions (each one has a test):
- Tense decides which occurrence a weekday or a clock time without a day means. A message in the past
  tense (できなかった, 入れなかった, だった, ました, でした …; 〜たら/〜たい are not past) means the most
  recent one, at or before now; any other message the next one, at or after now (today included while
  it is still ahead). 「朝5時なら入れる？」 at 14:00 is tomorrow 5:00; 「朝5時に入れなかった」 is today
  5:00. `parse_when(..., past=…)` takes the tense of the whole message when `text` is only the
  expression cut out of it; without it, the tense is read from `text`.
- 次の/今度の月曜 is the next one after today; この前の/前の月曜 the latest one before today;
  今週/来週/先週/再来週の月曜 pick that calendar week (weeks start on Monday). Tense does not move these,
  nor 今日/明日/昨日/今夜 (今日の7時 at 10:00 is today 7:00).
- A month-day without a year (and 元日/元旦/大晦日) is its occurrence nearest to today, past or future (a
  tie goes to the past): on 2026-11-27 「1月1日」 is 2027-01-01, on 2026-03-01 it is 2026-01-01. In the
  past tense it is the latest one on or before today.
- Named spans give the span's first day (00:00), `has_time=False` and `end` (exclusive, 00:00 after the
  last day): 正月/お正月/正月三が日/三が日/年始 = January 1–3, 年末 = December 29–31, 年末年始 =
  December 29 – January 3. Which year: the occurrence under way, else the one starting nearest to today
  (in the past tense the latest one already begun). A clock named with a span is ignored.
- A day without a time gives `has_time=False` and 00:00.
- A part-of-day word without a clock gives a typical hour, flagged `approximate`: 早朝 6:00, 朝/今朝 8:00,
  午前(中) 10:00, 昼 12:00, 午後 15:00, 夕方 17:00, 夜/晩/今夜/昨夜 20:00, 深夜/夜中 1:00, 未明 3:00,
  明け方 5:00. 正午 is exactly 12:00.
- With a clock: 朝 as written; 午前12時 = 0:00; 午後/昼/夕方 add 12 to 1–11 (午後0時 = 12:00); 夜/晩 add 12
  to 5–11, keep 0–4 as small hours (夜2時 = 2:00), 夜12時 = 24:00; 深夜/夜中 keep 0–4, 深夜12時 = 0:00,
  and add 12 to 5–11 (深夜11時 = 23:00).
- Small hours named with a night word (深夜, 夜中, 夜, 晩, 今夜, 昨夜 …) after a day are the small hours
  after that day: 日曜の深夜 = Monday 1:00, 月曜の夜中 = Tuesday 1:00, 大晦日の夜中 = January 1 1:00,
  今夜0時 = 今夜12時 = tomorrow 0:00, 昨夜2時 = today 2:00. 未明, 明け方 and 朝 stay on the named day
  (月曜未明 = Monday 3:00), and so do 午前 and bare clocks (月曜の2時 = Monday 2:00). 24時–29時 (and
  夜12時) roll to the next day.
- 2時間前 / 30分後, with no day or clock named, is now minus / plus that, exactly.
- A day of the month with a time of that day (「2日の朝イチ」) is the next such day, this month or the
  next (in the past tense the latest). 先日 (the other day), 毎週, a day of the month alone (「1日」),
  正月明け and anything unreadable are ignored.
- Kana clocks and part-of-day words (けさろくじ, よなかのにじ, ごごさんじはん) count only at a word start and
  before what may follow a time: かんじ, もくじ, ごじたく, にじかん, こんばんは name no time.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

from ja_timex import TimexParser

from business.clock import JST, to_jst
from business.folding import sentences
from business.romaji import latin_words, word_as_katakana
from business.topic_words import TIME_OF_DAY_AFTER

Span = Tuple[int, int]


def _alternation(words: Any) -> str:
    """A regex alternative of `words`, longest first, so that a longer word wins over its beginning."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@dataclass(frozen=True)
class NamedMoment:
    """What the customer named: `moment` in JST; `has_time` False when only a day was named (then 00:00);
    `approximate` True when the hour was guessed from a word like 朝 or 夜 rather than given; `end` set
    (exclusive, 00:00 after the last day) when a span of days was named (正月, 年末年始), `moment` being
    its first day."""

    moment: datetime
    has_time: bool
    approximate: bool = False
    end: Optional[datetime] = None


# --- ja-timex --------------------------------------------------------------------------------------

# TimexParser keeps per-call state on itself (and shares its number normaliser), so calls are serialised.
_PARSER_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _parser() -> TimexParser:
    """Built on first use, not at import: loading ja-timex's patterns takes time the importer may not need."""
    return TimexParser()


def prepare() -> None:
    """Build the parser and let it compile its patterns now (about 0.1 s on first use), so that the
    first customer who names a time does not wait for it. Servers call this as they start."""
    _tags("月曜の朝5時")


@dataclass(frozen=True)
class _Tag:
    """The parts of a ja-timex TIMEX3 tag used here, with the span in the caller's original text."""

    type: str
    value: str
    mod: Optional[str]
    span: Span
    text: str
    parsed: Dict[str, Any]


# Day words typed in kana, each replaced by kanji padded to the same length, so that every span found
# in the readable text is a span of the text as typed: 「にちようの深夜2じ」 → 「日曜日　の深夜2時」. These
# are read wherever they stand; part-of-day words and clocks need a word start (_KanaClockReader).
_KANA_TIME_WORDS = (
    ("あさって", "明後日"), ("おおみそか", "大晦日"), ("さんがにち", "三が日"), ("ねんまつねんし", "年末年始"),
    ("しょうがつ", "正月"), ("がんじつ", "元日"), ("がんたん", "元旦"),
    ("にちようび", "日曜日"), ("げつようび", "月曜日"), ("かようび", "火曜日"), ("すいようび", "水曜日"),
    ("もくようび", "木曜日"), ("きんようび", "金曜日"), ("どようび", "土曜日"),
    ("にちよう", "日曜日"), ("げつよう", "月曜日"), ("かよう", "火曜日"), ("すいよう", "水曜日"),
    ("もくよう", "木曜日"), ("きんよう", "金曜日"), ("どよう", "土曜日"),
    ("あした", "明日"), ("きょう", "今日"), ("こんや", "今夜"), ("しんや", "深夜"), ("よなか", "夜中"),
    ("らいしゅう", "来週"), ("こんど", "今度"), ("ごご", "午後"), ("ごぜん", "午前"),
)
_KANA_TIME = re.compile("|".join(kana for kana, _ in _KANA_TIME_WORDS))
_KANA_TIME_KANJI = dict(_KANA_TIME_WORDS)
# 「12がつ31にち」: a date with its units in kana. A month and its day are replaced together, the padding
# after both, so the parser still sees 12月31日 in one piece. A bare 「30にち」 stays kana: in a question
# about interest it is a number of days (business.japanese_numbers).
_KANA_MONTH_DAY = re.compile(r"([0-9０-９]{1,2})がつ\s*([0-9０-９]{1,2})にち")
_KANA_MONTH = re.compile(r"(?<=[0-9０-９])がつ")
# 「2にち の あさ 9じ」「ふつかの朝」: a day of the month before a time of that day is a date, not a number
# of days (business.japanese_numbers reads it so too).
_BEFORE_A_TIME_OF_DAY = rf"(?={TIME_OF_DAY_AFTER})"
_KANA_DAY_BEFORE_A_TIME = re.compile(rf"(?<![0-9０-９])([0-9０-９]{{1,2}})にち{_BEFORE_A_TIME_OF_DAY}")
_KANA_DAYS_OF_MONTH = {
    "ついたち": 1, "ふつか": 2, "みっか": 3, "よっか": 4, "いつか": 5, "むいか": 6, "なのか": 7, "ようか": 8,
    "ここのか": 9, "とおか": 10, "はつか": 20,
}  # fmt: skip
_KANA_DAY_NAME_BEFORE_A_TIME = re.compile(rf"(?<![\u3041-\u3096])({'|'.join(_KANA_DAYS_OF_MONTH)}){_BEFORE_A_TIME_OF_DAY}")

# Part-of-day words and clocks typed in kana, read by _KanaClockReader.
_KANA_PART_OF_DAY_WORDS = {
    "けさ": "今朝", "ゆうがた": "夕方", "ゆうべ": "昨夜", "こんばん": "今晩", "あさ": "朝", "よる": "夜", "ひる": "昼",
}  # fmt: skip
# Not 受けさせる, 雄弁 (ゆうべん), the greetings こんばんは/こんばんわ/こんばんちは, 浅い (あさい), 昼寝 (ひるね), 昼間 (ひるま).
_KANA_PART_OF_DAY = re.compile(r"けさ(?!せ)|ゆうがた|ゆうべ(?!ん)|こんばん(?![はわち])|(?:あさ|よる)(?!って|さ|い)|ひる(?!ね|め|ま|む|ん|が[えお])")

_KANA_ONES = {
    "いち": 1, "に": 2, "さん": 3, "よん": 4, "よ": 4, "ご": 5, "ろく": 6, "なな": 7, "しち": 7, "はち": 8,
    "きゅう": 9, "く": 9,
}  # fmt: skip
_KANA_TENS = {"": 0, "じゅう": 10, "にじゅう": 20, "さんじゅう": 30, "よんじゅう": 40, "ごじゅう": 50}
# Before ぷん a last いち, ろく, はち or じゅう is clipped: いっぷん, ろっぷん, はっぷん, じゅっぷん (or じっぷん).
_CLIPPED_BEFORE_PUN = {"いち": ("いっ",), "ろく": ("ろっ",), "はち": ("はっ",), "じゅう": ("じゅっ", "じっ")}


def _kana_numbers(highest: int) -> Dict[str, int]:
    """Every kana reading of 0 to `highest`: れい 0, ろく 6, じゅうに 12, にじゅう 20, さんじゅうご 35."""
    readings = {"れい": 0, "ぜろ": 0}
    for tens_word, tens in _KANA_TENS.items():  # the tens word "" for 1 to 9
        if tens:
            readings[tens_word] = tens
        for ones_word, ones in _KANA_ONES.items():
            readings[tens_word + ones_word] = tens + ones
    return {word: number for word, number in readings.items() if number <= highest}


def _kana_minutes() -> Dict[str, int]:
    """Every kana reading of 0 to 59 minutes: ごふん 5, いっぷん 1, じゅっぷん 10, さんじゅうごふん 35."""
    minutes = {}
    for word, number in _kana_numbers(59).items():
        minutes[word + "ふん"] = minutes[word + "ぷん"] = number
        for ending, clipped_endings in _CLIPPED_BEFORE_PUN.items():
            if word.endswith(ending):
                for clipped in clipped_endings:
                    minutes[word[: -len(ending)] + clipped + "ぷん"] = number
    return minutes


_KANA_HOURS = _kana_numbers(29)
_KANA_MINUTES = _kana_minutes()
# An hour in kana or digits, じ or 時, then perhaps 半 or minutes: 「ろくじ」「6じ」「ろく時」「じゅうじはん」
# 「ごじさんじゅっぷん」「10じ15ふん」.
_CLOCK = re.compile(
    rf"(?P<hour>{_alternation(_KANA_HOURS)}|[0-9０-９]+)[じ時]"
    rf"(?P<minutes>はん|半|{_alternation(_KANA_MINUTES)}|[0-9０-９]{{1,2}}(?:ふん|ぷん|分))?"
)
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
# After じ, the rest of another word: じゃ/じゅ/じょ, じっぷん, じん, じつ (休日, 後日), じかん and 時間.
_NOT_AFTER_A_CLOCK = re.compile(r"[ぁぃぅぇぉゃゅょゎっんつ間]|かん")
# What may follow a clock whose hour is in kana: the end, anything but hiragana, or these words.
_AFTER_A_CLOCK = re.compile(
    r"$|[^ぁ-ゖ]|ごろ|ころ|くらい|ぐらい|すぎ|まえ|ちょうど|ちょっと|ちょい|ぴったり|きっかり|いこう|いご|いぜん|あたり"
    r"|から|かな|かも|か(?![ぁ-ゖ])|まで|より|って|じゃ|しか|[にはのでもとやをがへねよなだ]"
)
_PARTICLES = ("の", "に", "は", "が", "を", "で", "と", "も", "へ", "や", "から", "より")
_TIME_WORD_ENDINGS = frozenset("日曜朝昼晩夜中方前後週度月末")  # 今朝, 夜中, 夕方, 午後, 日曜日 …
# Ordinary words with a kana time word where a word may start: 目次 (もくじ), 宝くじ (たからくじ),
# よじのぼる (to climb), による (by): the part before the time word, and the time word on.
_WORDS_NOT_TIMES = (("も", "くじ"), ("たから", "くじ"), ("", "よじのぼ"), ("に", "よる"))


class _KanaClockReader:
    """Clock times and part-of-day words typed in kana, as kanji and digits of the same length (padded
    with full-width spaces, so spans still fit the text as typed): 「けさろくじごろ」 → 「今朝6時　ごろ」,
    「よなかのにじ」 → 「夜中の2時」, 「ごごさんじはん」 → 「午後3時半　　」, 「ろく時」 → 「6時　」.

    Kana numerals are ordinary syllables too (に is a particle, ご a prefix; かんじ, ぶじ and もくじ end in
    じ), so a part-of-day word or a kana hour is read only at a word start, and a kana hour
    only before what may follow a clock. An hour in digits (「6じ」) is a number already: only a じ that
    begins another word (「2じかん」) stops it."""

    def readable(self, text: str) -> str:
        """`text` (in hiragana, day words already kanji) with its kana clocks and parts of the day read."""
        text = self._replace(text, _KANA_PART_OF_DAY, self._part_of_day)
        return self._replace(text, _CLOCK, self._clock)

    @staticmethod
    def _replace(text: str, pattern: re.Pattern[str], read: Callable[[str, re.Match[str]], Optional[str]]) -> str:
        """`text` with each match of `pattern` that `read` reads replaced, padded to the match's length. A
        match it refuses is tried again one character on: in 「ぼくにじゅうじ」 にじゅうじ (20時) starts no
        word, but じゅうじ (10時) after the particle に does."""
        pieces: List[str] = []
        copied = position = 0
        while (match := pattern.search(text, position)) is not None:
            reading = read(text, match)
            if reading is None:
                position = match.start() + 1
                continue
            pieces += [text[copied : match.start()], reading.ljust(len(match.group()), "　")]
            copied = position = match.end()
        return "".join(pieces) + text[copied:]

    def _part_of_day(self, text: str, match: re.Match[str]) -> Optional[str]:
        if not self._starts_a_word(text, match.start()):
            return None
        return _KANA_PART_OF_DAY_WORDS[match.group()]

    def _clock(self, text: str, match: re.Match[str]) -> Optional[str]:
        """「6時30分」 for 「ろくじさんじゅっぷん」 or 「6じ30ふん」; the match as it is when it has no kana."""
        if not _HIRAGANA.search(match.group()):
            return match.group()
        hour, minutes = match.group("hour"), match.group("minutes") or ""
        hour_in_kana = hour in _KANA_HOURS
        if hour_in_kana and not self._starts_a_word(text, match.start()):
            return None
        if not hour_in_kana and match.start() > 0 and text[match.start() - 1].isdigit():
            return None  # the end of a longer number
        if _NOT_AFTER_A_CLOCK.match(text, match.end()):
            return None
        if hour_in_kana and not _AFTER_A_CLOCK.match(text, match.end()):
            return None
        return f"{_KANA_HOURS.get(hour, hour)}時{self._minutes(minutes)}"

    @staticmethod
    def _minutes(minutes: str) -> str:
        """「半」, or the minutes in digits with 分 (「さんじゅっぷん」「30ふん」 → 「30分」); none when none were said."""
        if minutes in ("はん", "半"):
            return "半"
        if minutes in _KANA_MINUTES:
            return f"{_KANA_MINUTES[minutes]}分"
        return minutes.rstrip("ふんぷ分") + "分" if minutes else ""

    @staticmethod
    def _starts_a_word(text: str, index: int) -> bool:
        """At the start, or after a space, punctuation, a particle or a time word (けさ, よなかの, あさ, as
        kanji by now) — and not inside an ordinary word that merely looks so (もくじ, による)."""
        if any(text.endswith(head, 0, index) and text.startswith(tail, index) for head, tail in _WORDS_NOT_TIMES):
            return False
        if index == 0:
            return True
        before = text[index - 1]
        return (
            before.isspace()
            or unicodedata.category(before)[0] in "PSZ"
            or before in _TIME_WORD_ENDINGS
            or text.endswith(_PARTICLES, 0, index)
        )


_KANA_CLOCK_READER = _KanaClockReader()


_LATIN = re.compile(r"[A-Za-z]")


def _romaji_as_kana(text: str) -> str:
    """Romaji words as their katakana, padded to the same length (「ashita asa 6ji」 → 「アシタ　　　アサ　6ジ　」)."""
    if not _LATIN.search(text):
        return text
    chars = list(text)
    for start, end in latin_words(text):
        pieces = word_as_katakana(text[start:end])
        if pieces is None:
            continue
        kana = "".join(piece for piece, _, _ in pieces)
        if len(kana) <= end - start:
            chars[start:end] = kana.ljust(end - start, "　")
    return "".join(chars)


@lru_cache(maxsize=64)
def _readable(text: str) -> str:
    """`text` with kana time words as kanji and kana clocks in digits, the same length (see
    _KANA_TIME_WORDS, _KanaClockReader); romaji is read as katakana, and katakana as hiragana, first
    (「ashita asa 6ji」, 「アシタ ゲツヨウ アサ 6ジ」). Kept for a few messages: the time readers
    (parse_when, find_time_span, corrects_a_time) each start from it for the same message."""
    text = _romaji_as_kana(text)
    text = "".join(chr(ord(ch) - 0x60) if "ァ" <= ch <= "ヶ" else ch for ch in text)
    text = _KANA_TIME.sub(lambda m: _KANA_TIME_KANJI[m.group()].ljust(len(m.group()), "　"), text)
    text = _KANA_MONTH_DAY.sub(lambda m: f"{m.group(1)}月{m.group(2)}日".ljust(len(m.group()), "　"), text)
    text = _KANA_MONTH.sub("月　", text)
    text = _KANA_DAY_BEFORE_A_TIME.sub(lambda m: f"{m.group(1)}日".ljust(len(m.group()), "　"), text)
    text = _KANA_DAY_NAME_BEFORE_A_TIME.sub(lambda m: f"{_KANA_DAYS_OF_MONTH[m.group(1)]}日".ljust(len(m.group()), "　"), text)
    text = _COURTESY_WITH_A_TIME.sub(lambda m: "　" * len(m.group()), text)
    text = _LIST_MARKER.sub(lambda m: "　" * len(m.group()), text)
    text = _POLITE_NOON.sub(lambda m: "昼".ljust(len(m.group()), "　"), text)
    text = _DATE_CHANGING.sub(lambda m: "深夜0時".ljust(len(m.group()), "　"), text)
    return _KANA_CLOCK_READER.readable(text)


# 「朝早くにすみません」「夜分に失礼します」: an apology for the hour of writing, not a time asked about.
_COURTESY_WITH_A_TIME = re.compile(
    r"(?:朝早く|夜分(?:遅く)?|夜遅く|遅く|遅い時間|早い時間)(?:に|から|の時間に)?[、 　]*(?:すみません|すいません|失礼|申し訳|ごめん)"
)
# 「2日のお昼」: noon said politely, read as 昼 so that it joins the day before it.
_POLITE_NOON = re.compile(r"お(?:昼|ひる)")
# 「二、1月1日の夜は…」「②1月1日」「2) 元日」: the number of an item in a list, not part of a date.
_LIST_MARKER = re.compile(r"[①-⑳]|(?:^|(?<=[\n。．!?！？ 　]))(?:[一二三四五六七八九十][、，,.．)）]|\d{1,2}[.．)）](?!\d))")
# 「日曜の夜、日付が変わってすぐ」: midnight, the small hours after the day named.
_DATE_CHANGING = re.compile(r"日付(?:が|の)?[ 　]?(?:変わ|かわ)(?:って|った|る)(?:すぐ|直後|頃|ころ|ごろ|とき|時)?")


# Every time expression ja-timex reads has a numeral or one of these characters (or おととし, the only
# kana word it reads that _readable leaves as kana). Text without any is not handed to the parser: most
# messages name no time, and parsing is a large share of reading a message.
# tests/business/test_japanese_time.py checks that the parser finds nothing in such text, over every
# message this project holds.
MAY_NAME_A_TIME = re.compile(
    r"[0-9０-９〇一二三四五六七八九十百千零兩両数時日曜週月火水木金土年朝昼夜夕晩午今明昨来先翌毎深未半頃末始旬暮正元休祝分秒後前間"
    r"春夏秋冬]|おととし"
)


def _tags(text: str) -> List[_Tag]:
    """ja-timex tags in text order; none when ja-timex cannot read the text at all."""
    if not MAY_NAME_A_TIME.search(text):
        return []
    try:
        with _PARSER_LOCK:
            timexes = _parser().parse(text.replace("零", "〇"))  # 零時: same length, so spans still fit
        tags = [
            _Tag(t.type, t.value, t.mod, tuple(t.raw_span), t.raw_text, dict(t.parsed or {}))
            for t in timexes
            if t.raw_span and t.value
        ]
    except Exception:  # a third-party parser: odd input must never reach the customer as an error
        return []
    return sorted((t for t in tags if _stands_alone(t.span, text)), key=lambda t: t.span)


def _stands_alone(span: Span, text: str) -> bool:
    """A tag that starts inside a longer number (「99時」 read as 9時) is a misreading, not a time."""
    start, end = span
    return 0 <= start < end <= len(text) and not (start > 0 and text[start - 1].isdigit())


_SIGN = {"BEFORE": -1, "AFTER": 1, "NOW": 0}  # ja-timex's mod on 昨日/明日/来週/去年 …


def _gap_ok(text: str, end: int, start: int) -> bool:
    """Two pieces belong together when only の or spaces lie between them (「来週の月曜」)."""
    return 0 <= end <= start and re.fullmatch(r"[の\s]*", text[end:start]) is not None


def _modifier_before(tags: List[_Tag], text: str, target: _Tag, unit: str) -> Optional[Tuple[int, Span]]:
    """Offset of a 来週/先週 (unit W) or 去年/来年 (unit Y) tag right before `target`: (+1, span) etc."""
    for tag in tags:
        match = re.fullmatch(rf"P(\d+){unit}", tag.value)
        if tag.type == "DURATION" and match and tag.mod in _SIGN and _gap_ok(text, tag.span[1], target.span[0]):
            return _SIGN[tag.mod] * int(match.group(1)), tag.span
    return None


# --- days ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CalendarDay:
    month: int
    day: int
    span: Span
    year: Optional[int] = None
    year_offset: Optional[int] = None

    def resolve(self, today: date, past: bool) -> Optional[date]:
        if self.year is not None:
            return _valid_date(self.year, self.month, self.day)
        if self.year_offset is not None:
            return _valid_date(today.year + self.year_offset, self.month, self.day)
        candidates = [_valid_date(today.year + k, self.month, self.day) for k in (-1, 0, 1)]
        real = [c for c in candidates if c is not None and not (past and c > today)]
        if not real:
            return None
        return min(real, key=lambda c: (abs((c - today).days), c > today))


@dataclass(frozen=True)
class _DayOfMonth:
    """「2日の朝イチ」: a day of the month named with a time of that day, the next such day (in the past tense
    the latest), this month or the next."""

    day: int
    span: Span

    def resolve(self, today: date, past: bool) -> Optional[date]:
        months = [(today.year + (today.month - 1 + k) // 12, (today.month - 1 + k) % 12 + 1) for k in (-1, 0, 1)]
        days = [d for d in (_valid_date(year, month, self.day) for year, month in months) if d is not None]
        fitting = [d for d in days if d <= today] if past else [d for d in days if d >= today]
        if not fitting:
            return None
        return max(fitting) if past else min(fitting)


@dataclass(frozen=True)
class _Weekday:
    weekday: int  # Monday = 0
    span: Span
    week_offset: Optional[int] = None
    direction: str = "bare"  # "bare" (next or latest by tense, see _Parts), "next", "before" (today excluded)

    @property
    def floating(self) -> bool:
        """A bare weekday: which week depends on the time named with it and the tense."""
        return self.week_offset is None and self.direction == "bare"

    def resolve(self, today: date, past: bool) -> Optional[date]:
        if self.week_offset is not None:
            monday = today - timedelta(days=today.weekday())
            return monday + timedelta(weeks=self.week_offset, days=self.weekday)
        if self.direction == "next":
            return today + timedelta(days=(self.weekday - today.weekday() - 1) % 7 + 1)
        if self.direction == "before":
            return today - timedelta(days=(today.weekday() - self.weekday - 1) % 7 + 1)
        return None  # bare: resolved with the time of day in _Parts


@dataclass(frozen=True)
class _RelativeDay:
    offset: int
    span: Span

    def resolve(self, today: date, past: bool) -> Optional[date]:
        return today + timedelta(days=self.offset)


@dataclass(frozen=True)
class _NamedSpan:
    """正月, 三が日, 年末年始 …: `days` days from `month`/`day` (the year found by resolve)."""

    month: int
    day: int
    days: int
    span: Span

    def resolve(self, today: date, past: bool) -> Optional[date]:
        starts = [date(today.year + k, self.month, self.day) for k in (-1, 0, 1)]
        for start in starts:
            if start <= today < start + timedelta(days=self.days):
                return start
        candidates = [s for s in starts if not (past and s > today)]
        return min(candidates, key=lambda s: (abs((s - today).days), s > today))


_Day = Union[_CalendarDay, _DayOfMonth, _Weekday, _RelativeDay, _NamedSpan]


def _valid_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


_NAMED_DAYS = {
    "元日": (1, 1), "元旦": (1, 1), "大晦日": (12, 31), "おおみそか": (12, 31),
    # 「正月二日の昼過ぎ」: the second day of the New Year.
    "正月二日": (1, 2), "正月2日": (1, 2), "正月三日": (1, 3), "正月3日": (1, 3),
}  # fmt: skip
_NAMED_SPANS = {
    "正月三が日": (1, 1, 3), "正月三箇日": (1, 1, 3), "お正月": (1, 1, 3), "正月": (1, 1, 3),
    "三が日": (1, 1, 3), "三箇日": (1, 1, 3), "年始": (1, 1, 3),
    "年末年始": (12, 29, 6), "年末": (12, 29, 3),
}  # fmt: skip
_NOT_A_SPAN = r"(?!明け|あけ|休み明け)"  # 正月明け: the days after the holidays, not the holidays
_DAY_WORDS = {
    "今朝": 0, "今夜": 0, "今晩": 0, "きょう": 0,
    "昨夜": -1, "昨晩": -1, "ゆうべ": -1, "きのう": -1,
    "おととい": -2, "あした": 1, "あさって": 2,
}  # fmt: skip
_IGNORED_DAY_TAGS = {"先日"}  # "the other day": no particular day
_NEXT_WORDS = r"(?:次の|つぎの|今度の|こんどの|次回の)"
_BEFORE_WORDS = r"(?:この前の|このまえの|この間の|こないだの|前の)"


_TIME_OF_DAY_AFTER = re.compile(TIME_OF_DAY_AFTER)


def _calendar_day(tags: List[_Tag], text: str) -> Optional[Union[_CalendarDay, _DayOfMonth]]:
    """The first month-day: 「1月1日」「2029年1月1日」「来年の1月1日」「11/30」, or 元日/大晦日; or a day of the
    month with a time of that day (「2日の朝イチ」)."""
    found: List[Union[_CalendarDay, _DayOfMonth]] = []
    for tag in tags:
        day_only = re.fullmatch(r"XXXX-XX-(\d{2})", tag.value) if tag.type == "DATE" else None
        if day_only and _TIME_OF_DAY_AFTER.match(text, tag.span[1]):
            found.append(_DayOfMonth(int(day_only.group(1)), tag.span))
            break
        match = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", tag.value) if tag.type == "DATE" else None
        if match:
            year = None if match.group(1) == "XXXX" else int(match.group(1))
            modifier = _modifier_before(tags, text, tag, "Y") if year is None else None
            month, day = int(match.group(2)), int(match.group(3))
            span = _with_symbol_weekday(tags, tag.span)
            if modifier:
                found.append(_CalendarDay(month, day, _join(span, modifier[1]), year_offset=modifier[0]))
            else:
                found.append(_CalendarDay(month, day, span, year=year))
            break
    for match in re.finditer(_alternation(_NAMED_DAYS), text):
        found.append(_CalendarDay(*_NAMED_DAYS[match.group()], match.span()))
        break
    return min(found, key=lambda d: d.span) if found else None


def _with_symbol_weekday(tags: List[_Tag], span: Span) -> Span:
    """「11月30日(月)」: the bracketed weekday just after a date belongs to it."""
    for tag in tags:
        if tag.type == "DATE" and tag.span[0] in (span[1], span[1] + 1) and tag.text.strip()[:1] in "(（":
            return _join(span, tag.span)
    return span


def _weekday(tags: List[_Tag], text: str) -> Optional[_Weekday]:
    """The first weekday 「月曜」「月曜日」 with what qualifies it (来週の, 次の, この前の)."""
    for tag in tags:
        match = re.fullmatch(r"XXXX-WXX-([1-7])", tag.value) if tag.type == "DATE" else None
        if not match:
            continue
        weekday = int(match.group(1)) - 1
        modifier = _modifier_before(tags, text, tag, "W")
        if modifier:
            return _Weekday(weekday, _join(tag.span, modifier[1]), week_offset=modifier[0])
        before = text[: tag.span[0]]
        for direction, words in (("next", _NEXT_WORDS), ("before", _BEFORE_WORDS)):
            word = re.search(rf"{words}\s*$", before)
            if word:
                return _Weekday(weekday, _join(tag.span, word.span()), direction=direction)
        return _Weekday(weekday, tag.span)
    return None


def _relative_day(tags: List[_Tag], text: str) -> Optional[_RelativeDay]:
    """The first 今日/昨日/明日/一昨日/3日前 (from ja-timex) or 今朝/昨夜/きのう (added here)."""
    found: List[_RelativeDay] = []
    for tag in tags:
        match = re.fullmatch(r"P(\d+)D", tag.value)
        if tag.type == "DURATION" and match and tag.mod in _SIGN and tag.text not in _IGNORED_DAY_TAGS:
            found.append(_RelativeDay(_SIGN[tag.mod] * int(match.group(1)), tag.span))
            break
    for match in re.finditer(_alternation(_DAY_WORDS), text):
        found.append(_RelativeDay(_DAY_WORDS[match.group()], match.span()))
        break
    return min(found, key=lambda d: d.span) if found else None


def _named_span(text: str) -> Optional[_NamedSpan]:
    """The first 正月/三が日/年末年始 … in the text."""
    match = re.search(rf"(?:{_alternation(_NAMED_SPANS)}){_NOT_A_SPAN}", text)
    return _NamedSpan(*_NAMED_SPANS[match.group()], match.span()) if match else None


# --- times of day ----------------------------------------------------------------------------------


def _as_written(hour: int) -> int:
    return hour


def _am(hour: int) -> int:
    return 0 if hour == 12 else hour


def _pm(hour: int) -> int:
    return hour + 12 if 1 <= hour <= 11 else 12 if hour == 0 else hour


def _night(hour: int) -> int:
    return hour + 12 if 5 <= hour <= 12 else hour


def _late_night(hour: int) -> int:
    return 0 if hour == 12 else hour + 12 if 5 <= hour <= 11 else hour


@dataclass(frozen=True)
class _Period:
    """A part-of-day word: the hour it suggests alone, and how it reads a clock hour after it."""

    default: time
    read_hour: Callable[[int], int]
    exact: bool = False
    night: bool = False  # its small hours (0:00–4:59) belong to the night after the named day


_PERIODS = {
    "早朝": _Period(time(6), _as_written),
    "朝早く": _Period(time(6), _as_written),
    "朝方": _Period(time(6), _as_written),
    "明け方": _Period(time(5), _as_written),
    "未明": _Period(time(3), _late_night),
    "今朝": _Period(time(8), _as_written),
    "朝": _Period(time(8), _as_written),
    "午前中": _Period(time(10), _am),
    "午前": _Period(time(10), _am),
    "正午": _Period(time(12), _pm, exact=True),
    "お昼": _Period(time(12), _pm),
    # 「昼過ぎ、一時頃」: after noon, so 一時 is 13:00.
    "昼過ぎ": _Period(time(13), _pm),
    "昼すぎ": _Period(time(13), _pm),
    "昼": _Period(time(12), _pm),
    "午後": _Period(time(15), _pm),
    "夕方": _Period(time(17), _pm),
    "今夜": _Period(time(20), _night, night=True),
    "今晩": _Period(time(20), _night, night=True),
    "昨夜": _Period(time(20), _night, night=True),
    "昨晩": _Period(time(20), _night, night=True),
    "ゆうべ": _Period(time(20), _night, night=True),
    "夜": _Period(time(20), _night, night=True),
    "晩": _Period(time(20), _night, night=True),
    "深夜": _Period(time(1), _late_night, night=True),
    "夜中": _Period(time(1), _late_night, night=True),
}
_PERIOD_WORDS = _alternation(_PERIODS)


@dataclass(frozen=True)
class _Clock:
    """A time of day as an offset from midnight (can pass 24:00), with where it was said. `night_after`:
    small hours named with a night word (深夜2時, 夜中), which fall after the day named with them."""

    offset: timedelta
    span: Span
    approximate: bool = False
    night_after: bool = False

    def offset_from(self, named_day: bool) -> timedelta:
        """From 0:00 of the named day (or, with `named_day` False, of the day the clock falls on)."""
        return self.offset + timedelta(days=1) if named_day and self.night_after else self.offset


_SMALL_HOURS_END = timedelta(hours=5)


def _period_of(tag: _Tag, text: str) -> Optional[Tuple[_Period, Span]]:
    """The part-of-day word inside the tag (「夜11時」) or just before it (「夜の11時」「夕方6時」)."""
    inside = re.match(_PERIOD_WORDS, tag.text)
    if inside:
        return _PERIODS[inside.group()], (tag.span[0], tag.span[0] + inside.end())
    before = re.search(rf"({_PERIOD_WORDS})[の\s、,]*$", text[: tag.span[0]])
    if before:
        return _PERIODS[before.group(1)], before.span(1)
    return None


def _clock(tags: List[_Tag], text: str) -> Optional[_Clock]:
    """The first clock time 「5時」「23時59分」「3時半」「5:30」, read with its part-of-day word."""
    for tag in tags:
        match = re.fullmatch(r"T(\d{2})-(\d{2}|XX)-(\d{2}|XX)", tag.value) if tag.type == "TIME" else None
        if not match:
            continue
        hour, minute, second = (int(g) if g != "XX" else 0 for g in match.groups())
        span = tag.span
        period = _period_of(tag, text)
        written = str(tag.parsed.get("clock_hour", ""))
        if period and written.isdigit():
            hour = period[0].read_hour(int(written))
            span = _join(span, period[1])
        if hour > 29 or minute > 59 or second > 59:
            return None
        offset = timedelta(hours=hour, minutes=minute, seconds=second)
        night_after = period is not None and period[0].night and offset < _SMALL_HOURS_END
        return _Clock(offset, span, night_after=night_after)
    return None


def _bare_period(text: str) -> Optional[_Clock]:
    """A part-of-day word with no clock: 「月曜の朝」 → 8:00, flagged approximate (正午 is exact)."""
    matches = list(re.finditer(_PERIOD_WORDS, text))
    if not matches:
        return None
    match, span = matches[0], matches[0].span()
    if len(matches) > 1 and _SMALL_HOURS_OF_THE_NIGHT.fullmatch(text[match.start() : matches[1].end()]):
        match, span = matches[1], (match.start(), matches[1].end())  # 「今夜の夜中」: the small hours of tonight
    period = _PERIODS[match.group()]
    default = timedelta(hours=period.default.hour, minutes=period.default.minute)
    night_after = period.night and default < _SMALL_HOURS_END
    return _Clock(default, span, approximate=not period.exact, night_after=night_after)


_SMALL_HOURS_OF_THE_NIGHT = re.compile(r"(?:今夜|今晩|夜|晩)[の 　]{0,3}(?:深夜|夜中)")


def _shift(tags: List[_Tag]) -> Optional[Tuple[timedelta, Span]]:
    """「2時間前」「30分後」「1時間半前」: a distance from now."""
    for tag in tags:
        match = re.fullmatch(r"PT(\d+(?:\.\d+)?)([HM])", tag.value)
        if tag.type == "DURATION" and match and tag.mod in ("BEFORE", "AFTER"):
            amount = float(match.group(1)) * (60 if match.group(2) == "H" else 1)
            return timedelta(minutes=amount * _SIGN[tag.mod]), tag.span
    return None


# --- putting it together ---------------------------------------------------------------------------


def _join(*spans: Span) -> Span:
    return min(s[0] for s in spans), max(s[1] for s in spans)


@dataclass(frozen=True)
class _Parts:
    """What the text names, before `now` is known."""

    day: Optional[_Day]
    clock: Optional[_Clock]
    shift: Optional[Tuple[timedelta, Span]]

    @property
    def span(self) -> Span:
        spans = [p.span for p in (self.day, self.clock) if p is not None]
        return _join(*spans) if spans else self.shift[1]  # type: ignore[index]

    def resolve(self, now: datetime, past: bool) -> Optional[NamedMoment]:
        if self.day is None and self.clock is None:
            return NamedMoment(now + self.shift[0], has_time=True) if self.shift else None
        if self.day is None or (isinstance(self.day, _Weekday) and self.day.floating):
            return self._occurrence(now, past)
        day = self.day.resolve(now.date(), past)
        if day is None:
            return None
        midnight = _midnight(day)
        if isinstance(self.day, _NamedSpan):
            return NamedMoment(midnight, has_time=False, end=midnight + timedelta(days=self.day.days))
        if self.clock is None:
            return NamedMoment(midnight, has_time=False)
        moment = midnight + self.clock.offset_from(named_day=True)
        return NamedMoment(moment, has_time=True, approximate=self.clock.approximate)

    def _occurrence(self, now: datetime, past: bool) -> NamedMoment:
        """A bare weekday and/or a clock without a day: the next such moment at or after `now`, or in the
        past tense the latest at or before it; a bare weekday alone, the next (latest) such day, today
        included."""
        today = now.date()
        days = [today + timedelta(days=k) for k in range(-15, 16)]
        if isinstance(self.day, _Weekday):
            days = [d for d in days if d.weekday() == self.day.weekday]
        if self.clock is None:
            day = max(d for d in days if d <= today) if past else min(d for d in days if d >= today)
            return NamedMoment(_midnight(day), has_time=False)
        offset = self.clock.offset_from(named_day=self.day is not None)
        moments = [_midnight(d) + offset for d in days]
        moment = max(m for m in moments if m <= now) if past else min(m for m in moments if m >= now)
        return NamedMoment(moment, has_time=True, approximate=self.clock.approximate)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=JST)


# 「元日ではなく1月4日の朝6時でした」「月曜じゃなかったわ、火曜の朝5時」: a time corrected in the same message.
_CORRECTED = re.compile(r"(?:では|じゃ|で)な(?:く|かった)|ではありません|や(?:な|の)くて|(?:じゃ|や)のうて|ちがっ?た|違っ?た|まちがえ|間違え|訂正")


def corrects_a_time(text: str) -> bool:
    """Whether the message takes back a time for another (「23時半ではなく0時半でした」)."""
    readable = _readable(text)
    return _as_corrected(readable) != readable


def names_the_time_it_takes_back(text: str) -> bool:
    """Whether the message names the time it corrects before the one it gives (「8じやのうて 6じ」), not only
    takes back what it said (「あ、違った さっき6時に入れなかったのは」)."""
    readable = _readable(text)
    markers = list(_CORRECTED.finditer(readable))
    if not markers:
        return False
    before, after = readable[: markers[-1].start()], readable[markers[-1].end() :]
    return all(MAY_NAME_A_TIME.search(part) and _tags(part) for part in (before, after))


def _as_corrected(text: str) -> str:
    """`text` with what comes before its last correction blanked out (same length), when a time follows it."""
    for marker in reversed(list(_CORRECTED.finditer(text))):
        after = text[marker.end():]
        if MAY_NAME_A_TIME.search(after) and _tags(after):
            return "　" * marker.end() + after
        break
    return text


def _analyse(text: Any) -> Optional[_Parts]:
    if not isinstance(text, str) or not text.strip():
        return None
    text = _as_corrected(_readable(text))
    tags = _tags(text)
    day = _calendar_day(tags, text) or _weekday(tags, text) or _relative_day(tags, text) or _named_span(text)
    clock = _clock(tags, text) or _bare_period(text)
    shift = _shift(tags) if day is None and clock is None else None
    if day is None and clock is None and shift is None:
        return None
    return _Parts(day, clock, shift)


# Past-tense endings: a verb or adjective in た/だ form (できなかった, 入れなかった, だった, ました, でした,
# 入れた, 見た …). Not followed by ら/り (〜たら, 〜たり: if, and), い/く (〜たい, 〜たくて: want),
# め (ため), だ/し (いただく, いたします), ち (ついたち), あと/後 (「店を閉めたあと」: after something still to come).
_PAST = re.compile(r"(?:[っいしきちにえけせてねべめれげみびぎりじで来見出寝居着]た)(?![らりいくめだしち]|あと|後)")
# Words that look past but say nothing of when: あした (tomorrow), set phrases of reply and thanks.
# 「勘違いでした」 says nothing of when either (nor a correction: is_past_tense blanks those).
_NOT_PAST_WORDS = re.compile(
    r"あした|わかりました|分かりました|かしこまりました|承知しました|ありがとうございました|失礼しました|しつれいしました"
    r"|(?:勘違い|かんちがい|間違い|まちがい)でした"
)


_RESTATED_TIME = re.compile(r"(?<=[時分半日])(?:でした|だった)")


def is_past_tense(text: Any) -> bool:
    """Whether the message speaks in the past tense (「月曜の朝5時に入れなかった」「ログインできませんでした」):
    a time it names without a date is then the latest such time, not the next one."""
    if not isinstance(text, str):
        return False
    if _CORRECTED.search(text):  # 「月曜じゃなかった、火曜の朝5時でした」: a correction, and the time restated
        text = _RESTATED_TIME.sub("・", _CORRECTED.sub(lambda m: "・" * len(m.group()), text))
    return _PAST.search(_NOT_PAST_WORDS.sub("・", text)) is not None


def parse_when(text: str, now: datetime, *, past: Optional[bool] = None) -> Optional[NamedMoment]:
    """The moment `text` names, resolved against `now` (read in JST); None when it names none.

    `past`: whether the customer's message is in the past tense (see `is_past_tense`); by default it is
    read from `text`, so pass it when `text` is only the time expression cut out of a message."""
    try:
        parts = _analyse(text)
        if parts is None:
            return None
        return parts.resolve(to_jst(now), is_past_tense(text) if past is None else past)
    except (ValueError, OverflowError):  # e.g. a year past 9999: nothing sensible was named
        return None


def names_a_day(text: str) -> bool:
    """Whether `text` names a day (a date, a weekday, 明日, 正月), not only a clock time (「6じ」)."""
    parts = _analyse(text)
    return parts is not None and parts.day is not None


def on_the_day_of(named: NamedMoment, earlier: NamedMoment) -> NamedMoment:
    """「8じやのうて 6じやったわ」 after 「月曜の朝8時」: a clock time corrected without a day keeps the day of
    the time it corrects (Monday 6:00, not the next 6:00)."""
    moment = earlier.moment.replace(hour=named.moment.hour, minute=named.moment.minute)
    return replace(named, moment=moment, end=None)


def find_time_span(text: str) -> Optional[Span]:
    """(start, end) of the time expression in `text`, for NLU entity extraction; no `now` needed."""
    parts = _analyse(text)
    if not parts:
        return None
    start, end = parts.span
    # A kana word read as shorter kanji (がんじつ → 元日　　) ends at the end of the kana word.
    readable = _readable(text)
    while end < len(text) and readable[end] == "　" and text[end] != "　":
        end += 1
    return start, end


# A sentence that asks about its time: 「夜はどう？」「朝も入れますか」「夜は」 (a bare topic, asked).
_ASKS_ABOUT_A_TIME = re.compile(
    r"[?？]|(か|かな|かね|の|は|も)[。．!！\s]*$|どう|いかが|大丈夫|だいじょう|いけ|入れ|はいれ|使え|つかえ|でき|ログイン|ろぐいん|メンテ"
)


def parse_every_when(text: str, now: datetime, *, past: Optional[bool] = None) -> List[NamedMoment]:
    """Every moment `text` names, one per sentence at most, in order and without repeats: a message may ask
    about two times (「三が日はずっと入れないんですか？それと1月4日の月曜日の朝はどうですか？」). A later
    sentence that only names a part of the day in passing (「朝は早いもんで」) asks about no other time."""
    moments: List[NamedMoment] = []
    for sentence in sentences(text):
        named = parse_when(sentence, now, past=is_past_tense(text) if past is None else past)
        if named is None or named in moments:
            continue
        if moments and named.approximate and not _ASKS_ABOUT_A_TIME.search(sentence):
            continue
        moments.append(named)
    return moments
