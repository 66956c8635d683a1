"""Amounts, rates and periods as customers type them in Japanese chat messages.

Customers write the same quantity many ways: 10万円, 100,000円, １０万円, 十万円, ¥100,000. This module
finds them in free text so the NLU component and the form validators share one reading of them.

How it works, and why:
- The text is NFKC-normalised by business.folding, which keeps a map back to the original positions,
  so full-width digits and ％ become ASCII while spans still point into the customer's text.
- Numerals (Arabic, kanji or mixed, e.g. "1万5千") are found by one regular expression and turned into
  numbers by `kanjize`, except plain and decimal Arabic numbers ("1.5万"), which kanjize does not read.
- What a numeral means is decided by the unit right after it (円, %, 日, 週間, か月, 年) or, for a few
  cases, the word before it (¥, 年利). A numeral with no unit is not a quantity, except an amount in
  万/億 ("10万借りた").

Documented assumptions: 1 month (か月) = 30 days, 1 week = 7 days, 1 year = 365 days.
Nothing here raises on odd input: unreadable text gives None or an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from kanjize import kanji2number

from business.folding import fold

__all__ = ["Quantity", "find_quantities", "parse_amount", "parse_rate", "parse_days"]

AMOUNT = "amount"
RATE = "rate"
DAYS = "days"
MONTHLY = "monthly"

DAYS_PER_WEEK = 7
DAYS_PER_MONTH = 30  # assumption: "1か月" is read as 30 days
DAYS_PER_YEAR = 365  # assumption: "1年" is read as 365 days

# Chat messages are short; a pasted document is read only this far, so it cannot stall the bot.
MAX_TEXT_CHARS = 2000

# Years written before 年 at or above this are calendar years ("2028年"), not periods.
_FIRST_CALENDAR_YEAR = 100


@dataclass(frozen=True)
class Quantity:
    """One amount, rate or period found in a customer's text.

    kind: "amount" (yen) | "rate" (percent a year) | "days".
    value: yen, percent (18 for 18%), or whole days.
    start, end: span in the ORIGINAL text (numeral and its unit, e.g. "10万円", "18%", "30日間").
    role: "monthly" for an amount repaid every month (毎月1万円, 月々5千円), else None.
    """

    kind: str
    value: Decimal
    start: int
    end: int
    role: Optional[str] = None


# --- numerals --------------------------------------------------------------------------------------

_ARABIC = r"\d+(?:,\d+)*(?:\.\d+)?"
_KANJI_DIGITS = r"[〇零一二三四五六七八九十百千]+"
_SMALL = rf"(?:{_ARABIC}|{_KANJI_DIGITS})+"
_NUMERAL = re.compile(rf"{_SMALL}(?:[万億兆](?:{_SMALL})?)*")
_ARABIC_RUN = re.compile(r"[\d,.]+")
_WELL_FORMED_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DECIMAL_WITH_UNIT = re.compile(r"(\d+\.\d+)([十百千万億兆])")
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "億": 10**8, "兆": 10**12}
_BIG_UNITS = frozenset("万億兆")


def _tidy(value: Decimal) -> Decimal:
    """Whole numbers without a fraction part ("1.5万" → 15000, not 15000.0), so values compare and print plainly."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _numeral_value(numeral: str) -> Optional[Decimal]:
    """The number a numeral stands for, or None when it is not a well-formed numeral."""
    value = _raw_numeral_value(numeral)
    return None if value is None else _tidy(value)


def _raw_numeral_value(numeral: str) -> Optional[Decimal]:
    """Arabic and "1.5万" by hand (kanjize reads whole numbers only), everything else by kanjize."""
    if not all(_WELL_FORMED_ARABIC.fullmatch(run) for run in _ARABIC_RUN.findall(numeral)):
        return None  # "10,0000" or "1.2.3": refuse rather than guess
    plain = numeral.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", plain):
        return Decimal(plain)
    decimal_with_unit = _DECIMAL_WITH_UNIT.fullmatch(plain)
    if decimal_with_unit:
        return Decimal(decimal_with_unit.group(1)) * _UNIT_VALUES[decimal_with_unit.group(2)]
    if "." in plain:
        return None
    try:
        return Decimal(kanji2number(plain))
    except (ValueError, KeyError, IndexError, TypeError, InvalidOperation):
        return None


# --- units after a numeral -------------------------------------------------------------------------

_SPACE = r"[ \t]?"
_YEN = re.compile(rf"{_SPACE}円")
_PERCENT = re.compile(rf"{_SPACE}(?:%|パーセント|パー(?!ト))")
_DAY = re.compile(rf"{_SPACE}日(間)?")
_WEEK = re.compile(rf"{_SPACE}週(?:間)?")
_MONTH = re.compile(rf"{_SPACE}[かカヶケヵ箇]月(?:間)?")
_YEAR = re.compile(rf"{_SPACE}年(?:間)?")
# After a period, these make it a frequency ("1か月に", "1日あたり"), not a length of time.
_PER = re.compile(r"(?:に|あたり|当たり|ごと|毎)")
# After "N日", these make it a date (the Nth), not a number of days.
_DATE_AFTER_DAY = re.compile(r"(?:に|まで|から|付|目|頃|ごろ|締め|払い)")
_RATE_WORD_BEFORE = re.compile(r"(?:年利|金利|利率|年率|実質年率)[ \t]*(?:は|が|を|:)?[ \t]*$")
_CALENDAR_ERA_BEFORE = re.compile(r"(?:令和|平成|昭和|西暦)[ \t]*$")
_YEN_SIGN_BEFORE = re.compile(r"¥[ \t]?$")
_SIGN_BEFORE = re.compile(r"(?:[-−‐]|マイナス)$")
# Counters that make a bare 万/億 numeral something other than yen ("10万人", "1万ポイント").
_NOT_YEN_COUNTER = re.compile(
    r"[ \t]?(?:人|件|回|個|歳|台|枚|点|名|本|冊|社|株|票|口|倍|位|番|号|時|分|秒|月|ポイント|"
    r"ドル|ユーロ|ウォン|元|キロ|メートル|[A-Za-z])"
)
_ONE_MONTH_WORD = re.compile(r"ひと月|ひとつき")
_LOOK_BEHIND = 12  # words before a numeral that matter ("実質年率は", "令和") are short


@dataclass(frozen=True)
class _Reading:
    """A classified numeral in normalised coordinates."""

    kind: str
    value: Decimal
    start: int
    end: int


def _is_whole(value: Decimal) -> bool:
    return value == value.to_integral_value()


def _period(value: Decimal, days_per_unit: int, start: int, end: int) -> Optional[_Reading]:
    """A period in whole days, or None when it is not a whole number of days (e.g. "0.5日")."""
    days = value * days_per_unit
    if days <= 0 or not _is_whole(days):
        return None
    return _Reading(DAYS, days.to_integral_value(), start, end)


def _read_day(text: str, value: Decimal, start: int, after: int) -> Optional[_Reading]:
    """"30日" / "30日間" as days; "毎月25日", "3月1日", "15日に", "1日あたり" are not periods."""
    unit = _DAY.match(text, after)
    if unit is None:
        return None
    says_period = unit.group(1) is not None  # 日間 is always a length of time
    if not says_period and (
        text.endswith("月", 0, start)
        or _DATE_AFTER_DAY.match(text, unit.end())
        or _PER.match(text, unit.end())
    ):
        return None
    return _period(value, 1, start, unit.end())


def _read_longer_period(text: str, value: Decimal, start: int, after: int) -> Optional[_Reading]:
    """Weeks, months and years, in days; "1か月に" (a frequency) and "2028年" (a date) are not periods."""
    for pattern, days_per_unit in ((_WEEK, DAYS_PER_WEEK), (_MONTH, DAYS_PER_MONTH), (_YEAR, DAYS_PER_YEAR)):
        unit = pattern.match(text, after)
        if unit is None:
            continue
        if _PER.match(text, unit.end()):
            return None
        if pattern is _YEAR and _is_calendar_year(text, value, start, unit.end()):
            return None
        return _period(value, days_per_unit, start, unit.end())
    return None


def _is_calendar_year(text: str, value: Decimal, start: int, end: int) -> bool:
    """"2028年", "令和10年", "2028年1月" name a year rather than a length of time."""
    return (
        value >= _FIRST_CALENDAR_YEAR
        or _CALENDAR_ERA_BEFORE.search(text[max(0, start - _LOOK_BEHIND) : start]) is not None
        or re.match(r"[ \t]?[\d〇一二三四五六七八九十]+月", text[end:]) is not None
    )


def _amount_start(before: str, start: int) -> int:
    """Where an amount starts: at its ¥ sign if it has one ("¥100,000"), else at the numeral."""
    yen_sign = _YEN_SIGN_BEFORE.search(before)
    return start - (len(before) - yen_sign.start()) if yen_sign else start


def _classify(text: str, match: re.Match[str]) -> Optional[_Reading]:
    """What the numeral at `match` is, judged by the unit after it or the word before it."""
    start, after = match.start(), match.end()
    before = text[max(0, start - _LOOK_BEHIND) : start]
    if _SIGN_BEFORE.search(before):
        return None  # "-5000円", "0120-24-0365": not an amount a customer owes
    value = _numeral_value(match.group())
    if value is None:
        return None
    unit = _YEN.match(text, after)
    if unit:
        return _Reading(AMOUNT, value, _amount_start(before, start), unit.end())
    unit = _PERCENT.match(text, after)
    if unit:
        return _Reading(RATE, value, start, unit.end())
    if _DAY.match(text, after):
        return _read_day(text, value, start, after)
    if any(pattern.match(text, after) for pattern in (_WEEK, _MONTH, _YEAR)):
        return _read_longer_period(text, value, start, after)
    if _NOT_YEN_COUNTER.match(text, after):
        return None
    if _YEN_SIGN_BEFORE.search(before):
        return _Reading(AMOUNT, value, _amount_start(before, start), after)
    if _RATE_WORD_BEFORE.search(before):
        return _Reading(RATE, value, start, after)
    if _BIG_UNITS.intersection(match.group()):
        return _Reading(AMOUNT, value, start, after)  # "10万借りた": 万 without 円 is still money
    return None


def _one_month_words(text: str) -> list[_Reading]:
    """"ひと月借りたら" as a 30-day period (not when it means "per month": "ひと月に")."""
    readings = []
    for match in _ONE_MONTH_WORD.finditer(text):
        end = match.end() + (1 if text.startswith("間", match.end()) else 0)
        if not _PER.match(text, end):
            readings.append(_Reading(DAYS, Decimal(DAYS_PER_MONTH), match.start(), end))
    return readings


# --- monthly repayments ----------------------------------------------------------------------------

# Not after a numeral or 今/来/先: "3か月に1回" and "今月1万円返した" are not monthly repayments.
_NOT_AFTER_COUNT_OR_THIS_MONTH = r"(?<![\d〇一二三四五六七八九十百千かカヶケヵ箇今来先翌前])"
_MONTHLY_MARKER = re.compile(
    r"毎月|つきづき|(?:ひと|一|1)[かカヶケヵ箇]?月(?:に|あたり|当たり|ごと|毎)|ひと月|ひとつき|"
    + _NOT_AFTER_COUNT_OR_THIS_MONTH
    + r"月(?:々|づき|ごと|毎|額|払い|当たり|あたり|に|(?=[ \t]?[¥\d〇一二三四五六七八九十百千]))"
)
_MAX_MARKER_GAP = 12  # "毎月の返済額は1万円": the marker may be a few words before the amount
_SENTENCE_END = re.compile(r"[。!?\n]")
_MONTHLY_AFTER_GAP = re.compile(r"[ \t]*(?:ずつ)?[、,]?[ \t]*")  # "1万円ずつ毎月返す"


def _monthly_amounts(text: str, readings: list[_Reading]) -> set[int]:
    """Indexes of the amounts a monthly marker (毎月, 月々, 月に …) belongs to.

    A marker belongs to the next quantity in the same sentence if that is an amount, or else to the
    amount just before it when only "ずつ" separates them ("1万円ずつ毎月返す").
    """
    monthly: set[int] = set()
    for marker in _MONTHLY_MARKER.finditer(text):
        following = [i for i, r in enumerate(readings) if r.start >= marker.end()]
        if following:
            first = following[0]
            gap = text[marker.end() : readings[first].start]
            if readings[first].kind == AMOUNT and len(gap) <= _MAX_MARKER_GAP and not _SENTENCE_END.search(gap):
                monthly.add(first)
                continue
        preceding = [i for i, r in enumerate(readings) if r.end <= marker.start()]
        if preceding:
            last = preceding[-1]
            gap = text[readings[last].end : marker.start()]
            if readings[last].kind == AMOUNT and _MONTHLY_AFTER_GAP.fullmatch(gap):
                monthly.add(last)
    return monthly


# --- public API ------------------------------------------------------------------------------------


def _readings(text: str) -> list[_Reading]:
    """All classified numerals of normalised text, in order."""
    readings = [r for r in (_classify(text, m) for m in _NUMERAL.finditer(text)) if r is not None]
    taken = [(r.start, r.end) for r in readings]
    for word in _one_month_words(text):
        if not any(s < word.end and word.start < e for s, e in taken):
            readings.append(word)
    return sorted(readings, key=lambda r: r.start)


def find_quantities(text: str) -> list[Quantity]:
    """Every amount, rate and period in `text`, in order, with spans into the original text."""
    if not isinstance(text, str) or not text:
        return []
    normalised = fold(text[:MAX_TEXT_CHARS])
    readings = _readings(normalised.text)
    monthly = _monthly_amounts(normalised.text, readings)
    quantities = []
    for index, reading in enumerate(readings):
        start, end = normalised.span(reading.start, reading.end)
        role = MONTHLY if index in monthly else None
        quantities.append(Quantity(reading.kind, reading.value, start, end, role))
    return quantities


_BARE_FOLLOWER = re.compile(r"[ \t]*(?:$|[\u3041-\u309f、。,.!?\s~〜)）」])")


def _bare_number(text: str) -> Optional[Decimal]:
    """The one numeral of an answer that has no unit ("100000", "17.8です"); None if there are several.

    Used when the assistant asked for one quantity, so the unit may be left out. A numeral followed by
    a counter ("3回", "25日") is not bare; a signed one ("-5000") or two bare ones make the answer unclear.
    """
    normalised = fold(text[:MAX_TEXT_CHARS]).text
    candidates = []
    for match in _NUMERAL.finditer(normalised):
        if _SIGN_BEFORE.search(normalised[max(0, match.start() - _LOOK_BEHIND) : match.start()]):
            return None
        if _BARE_FOLLOWER.match(normalised, match.end()) and _classify(normalised, match) is None:
            candidates.append(match)
    if len(candidates) != 1:
        return None
    return _numeral_value(candidates[0].group())


def _first(text: str, kind: str) -> Optional[Decimal]:
    for quantity in find_quantities(text):
        if quantity.kind == kind:
            return quantity.value
    return None


def parse_amount(text: str) -> Optional[Decimal]:
    """The first yen amount in `text`; a bare number ("100000", "10万") counts when nothing else does."""
    if not isinstance(text, str):
        return None
    amount = _first(text, AMOUNT)
    if amount is not None:
        return amount
    if find_quantities(text):
        return None  # "18%" or "30日" answered: not an amount, even without other numbers
    return _bare_number(text)


def parse_rate(text: str) -> Optional[Decimal]:
    """The first annual rate in percent ("18%", "年利17.8%", "十八パーセント"; a bare "17.8" as well)."""
    if not isinstance(text, str):
        return None
    rate = _first(text, RATE)
    if rate is not None:
        return rate
    if find_quantities(text):
        return None
    return _bare_number(text)


def parse_days(text: str) -> Optional[int]:
    """The first period in whole days ("30日", "1ヶ月" = 30, "2週間" = 14, "1年" = 365; a bare "30")."""
    if not isinstance(text, str):
        return None
    days = _first(text, DAYS)
    if days is not None:
        return int(days)
    if find_quantities(text):
        return None
    bare = _bare_number(text)
    if bare is None or bare <= 0 or not _is_whole(bare):
        return None
    return int(bare)
