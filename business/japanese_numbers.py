"""Amounts, rates and periods as customers type them in Japanese chat messages.

Customers write the same quantity many ways: 10万円, 100,000円, １０万円, 十万円, ¥100,000, じゅうまんえん.
This module finds them in free text so the NLU component and the form validators share one reading of them.

How it works, and why:
- The text is NFKC-normalised by business.folding, which keeps a map back to the original positions,
  so full-width digits and ％ become ASCII while spans still point into the customer's text.
- Numerals (Arabic, kanji or mixed, e.g. "1万5千") are found by one regular expression and turned into
  numbers by `kanjize`, except plain and decimal Arabic numbers ("1.5万"), which kanjize does not read.
  Numerals in kana ("ごまんえん", "8まん", "じゅうまん") are read only as amounts of money: they must end
  in まん/おく/ちょう or be followed by えん, since single kana such as に and ご are also particles.
- What a numeral means is decided by the unit right after it (円, %, 日, 週間, か月, 年) or, for a few
  cases, the word before it (¥, 年利, 年). A numeral with no unit is not a quantity, except an amount in
  万/億 ("10万借りた").
- A period said in parts is one period, the sum of its parts ("1か月と10日" = 40 days, "1年2か月" = 425):
  the parts must be adjacent (joined by と, と、, a space or nothing) and said largest unit first, so
  "30日と60日" or "30日と1か月" stay two periods, and so do two options compared ("1か月と10日どっちが安い").
- A numeral before a counter for things ("一つ", "二つ目", "1こ") is never a quantity, not even a bare one.
- A minus sign or マイナス before a numeral makes it negative ("-5万円", "マイナス18%"): such a value
  is impossible, and reading it as negative lets the assistant say so instead of dropping it or,
  worse, taking it as positive. A hyphen right after a number or letter is not a sign ("10万-20万円",
  "0120-24-0365"). Zero, negative and fractional periods ("0日", "-30日", "0.5日") are read as they are
  for the same reason: whoever checks the value explains what is wrong with it.

English and ASCII units (customers who work in IT or abroad: "principal ¥120,000 / APR 17.8% / 45days",
"balance 50k, rate 15%, 2 weeks", "10万 / 年利18% / 1 month"). Words are read in any case and only whole
(no letter right after them, and for labels none right before), so "2 weekends", "4 digits", "2FA" are no figures.
- Periods: day(s), week(s), wk(s), month(s), year(s), yr(s) after a numeral, after a space, a hyphen ("30-day")
  or nothing ("45days"). They follow the Japanese units' rules exactly: a month is DAYS_PER_MONTH (30) days,
  the repayment month of business.interest, so "1.5 months" is 45 as "1.5か月" is; parts said largest first
  are one period ("1 month and 10 days" = 40, "1 year 2 months" = 425) unless two options are compared
  ("…, which is cheaper?"); a frequency is no period ("every 2 weeks", "2 days a week", as "1か月に");
  100 years or more is a calendar year, as for 年.
  Two abbreviations are read only glued to Arabic digits and in lower case, where nothing else is meant:
  "30d" ("3D" is three-dimensional, "3d secure" is the card check, "30 d" may be anything) and "3mo"/"3mos"
  ("3 mo" may be romaji も). Not read at all: "m" (minutes, metres, million), "y", "w", "h".
- Amounts: "yen" or "JPY" after the numeral, "JPY" (or ¥ / ￥, as before) before it. "k" is a thousand only
  glued to Arabic digits ("50k", "1.5K"; not "50 k", "50kg") and only where the message says it is money:
  a yen word or sign with it ("50k yen", "¥50k"), a money word before it ("balance 50k", "borrowed 50k",
  "monthly payment 10k", "残高50k"), a monthly marker after it ("10k/mo") or 借 ("50k借りた"), or as the whole
  answer to the question for the balance (parse_amount). Elsewhere "1K" (a one-room flat), "4K" (a screen),
  "5k" (a run) are as likely, so an unmarked "50k" is not read: find_unread_numbers names it, and the
  customer is asked for it in yen. Another currency ("50k USD", "$500") is never yen.
- Rates: "percent"/"pct" as %. After %, a yearly suffix belongs to the rate ("17.8%/year", "15% p.a.",
  "18% APR", "18% a year"), and a shorter one makes it no yearly rate ("1.5%/month", "0.05% a day"): it is
  not read, and find_unread_numbers names it. A bare number is the yearly rate after "rate", "annual rate",
  "interest rate", or "APR" (capitals: "Apr 30" is a date) and "interest" up to 100 ("interest 1479" is yen
  of interest, "APR 2026" a date); or before "p.a.", "per annum" or "APR" (not "30 APR 2026").
- Monthly repayments: "10k a month", "10,000 yen per month", "10k/mo", "10,000 yen monthly" (the amount
  before), "monthly payment 10k", "every month 10,000 yen" (the amount after); not "50k a month ago".
- Words that are no figures: a numeral with an English word after it is counted ("4 digits", "3 times",
  "10万 people", as "4桁" and "10万人" are), unless the word is grammar ("10万 at 18%", "¥80,000 for 30 days");
  after an identifier's label it is an identifier ("ID 12345", "PW 1234", "PIN: 1234", "Visa 4980") and
  after a month's name a date ("Apr 30"), never a bare answer.

Documented assumptions: 1 month (か月, ひと月) = 30 days, the repayment month of business.interest;
半月 = 15 days; 1 week = 7 days; 1 year = 365 days; 半年 = 6 months = 180 days, so 1年半 = 545 days.
Nothing here raises on odd input: unreadable text gives None or an empty list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, Sequence

from kanjize import kanji2number

from business.folding import Folded, fold
from business.interest import DAYS_PER_REPAYMENT_MONTH
from business.topic_words import TIME_OF_DAY_AFTER

__all__ = ["Quantity", "find_quantities", "find_unread_numbers", "parse_amount", "parse_rate", "parse_days", "taken_back"]

AMOUNT = "amount"
RATE = "rate"
DAYS = "days"
MONTHLY = "monthly"
BOUND = "bound"

DAYS_PER_WEEK = 7
DAYS_PER_MONTH = DAYS_PER_REPAYMENT_MONTH  # assumption: "1か月" is one repayment month, 30 days
DAYS_PER_YEAR = 365  # assumption: "1年" is read as 365 days
DAYS_PER_HALF_YEAR = 6 * DAYS_PER_MONTH  # assumption: "半年" is 6 months, 180 days (as "6か月" is)

# Chat messages are short; a pasted document is read only this far, so it cannot stall the bot.
MAX_TEXT_CHARS = 2000

# Years written before 年 at or above this are calendar years ("2028年"), not periods.
_FIRST_CALENDAR_YEAR = 100


@dataclass(frozen=True)
class Quantity:
    """One amount, rate or period found in a customer's text.

    kind: "amount" (yen) | "rate" (percent a year) | "days".
    value: yen, percent (18 for 18%), or days. Read as written, so it may be negative ("-5万円"),
    zero, or (for days) not whole ("0.5日"): checking that it makes sense is the reader's job.
    start, end: span in the ORIGINAL text (sign, numeral and unit, e.g. "10万円", "-18%", "30日間").
    role: "monthly" for an amount repaid every month (毎月1万円, 月々5千円), "bound" for an amount named
    as a limit (1円未満の端数, 10万円未満), else None.
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
# 「十七・八」「十七点八」: a decimal point said as 点 or written as ・ between numerals.
_KANJI_POINT = r"(?:[・点.](?:\d+|[〇一二三四五六七八九]+))?"
_NUMERAL = re.compile(rf"{_SMALL}{_KANJI_POINT}(?:[万億兆](?:{_SMALL})?)*")
_POINTED = re.compile(r"(.+?)[・点.](\d+|[〇一二三四五六七八九]+)")
_KANJI_DIGIT_VALUES = {char: str(index) for index, char in enumerate("〇一二三四五六七八九")}
_ARABIC_RUN = re.compile(r"[\d,.]+")
_WELL_FORMED_ARABIC = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_DECIMAL_WITH_UNIT = re.compile(r"(\d+\.\d+)([十百千万億兆])")
_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "億": 10**8, "兆": 10**12}
_BIG_UNITS = frozenset("万億兆")
_NUMERAL_CHARS = "0-9〇零一二三四五六七八九十百千万億兆"


def _tidy(value: Decimal) -> Decimal:
    """Whole numbers without a fraction part ("1.5万" → 15000, not 15000.0), so values compare and print plainly."""
    return Decimal(int(value)) if value == value.to_integral_value() else value.normalize()  # exact at any size


def _numeral_value(numeral: str) -> Optional[Decimal]:
    """The number a numeral stands for, or None when it is not a well-formed numeral."""
    value = _raw_numeral_value(numeral)
    return None if value is None else _tidy(value)


def _raw_numeral_value(numeral: str) -> Optional[Decimal]:
    """Arabic and "1.5万" by hand (kanjize reads whole numbers only), everything else by kanjize."""
    pointed = _POINTED.fullmatch(numeral) if not re.fullmatch(r"[\d,.]+", numeral) else None
    if pointed:
        whole = _raw_numeral_value(pointed.group(1))
        digits = "".join(_KANJI_DIGIT_VALUES.get(char, char) for char in pointed.group(2))
        return None if whole is None or whole != whole.to_integral_value() else whole + Decimal("0." + digits)
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


# --- signs -----------------------------------------------------------------------------------------

# A minus right before a numeral, or before its ¥ sign ("-¥5,000"); "マイナス 5万" may have a space, a
# hyphen may not ("- 10万円" is a list item). "ー" (the long-vowel mark, which phone keyboards offer
# where a minus is expected) counts only where it cannot be a long vowel.
_SIGN_BEFORE = re.compile(r"(?:[-−‐‑–▲△ー]|(?:マイナス|まいなす)[ \t]*)(?:¥[ \t]?)?$")
_NOT_A_SIGN_AFTER = re.compile(rf"[{_NUMERAL_CHARS}A-Za-z.,][ \t]*$")  # "10万-20万円", "0120-24-0365", "A-1"
_KANA_BEFORE_LONG_MARK = re.compile(r"[\u3041-\u309f\u30a0-\u30ffー][ \t]*$")  # "パー", "あのー", "ー" in a word


def _sign_start(text: str, start: int) -> Optional[int]:
    """Where the minus sign of the numeral at `start` begins, or None when the numeral is not negative."""
    before = text[max(0, start - _LOOK_BEHIND) : start]
    sign = _SIGN_BEFORE.search(before)
    if sign is None:
        return None
    at = start - len(before) + sign.start()
    if _NOT_A_SIGN_AFTER.search(text, 0, at):
        return None
    if text.startswith("ー", at) and _KANA_BEFORE_LONG_MARK.search(text, 0, at):
        return None
    return at


# --- units after a numeral -------------------------------------------------------------------------

_SPACE = r"[ \t]?"
# "yen" and "JPY" after a numeral are English for 円 ("120000yen", "100,000 JPY"); see "English and ASCII units".
# "JPY" between two numbers belongs to the second ("5 JPY 80,000"), as a sign before it.
_YEN = re.compile(rf"{_SPACE}(?:円|えん|エン(?![ァ-ヺ])|(?i:yen)(?![A-Za-z])|(?i:jpy)(?![A-Za-z])(?![ \t]?[-−‐‑–▲△]?[ \t]?\d))")
_PERCENT = re.compile(rf"{_SPACE}(?:%|パーセント|ぱーせんと|パー(?!ト)|ぱー(?!と)|(?i:percent|per[ \t]?cent|pct)(?![A-Za-z]))")
# "2か月半", "1年半", "2かげつはん"; not "30日半ば", nor はんこ / はんぶん / はんたい after a period.
# 「ふたつきと半分」「2か月とはんぶん」: and a half, said in words.
_AND_A_HALF = r"[ \t]*と[ \t]*(?:半分|はんぶん|ハンブン)"
_HALF = rf"(半(?!ば)|[ \t]?はん(?![ぶばたこ])|[ \t]?ハン(?![ブバタコ])|{_AND_A_HALF})?"
# 「10かかん」: とおかかん (10日間) typed with the digits. Not the 日 of 「年率18 日数0」: the next figure's label.
_DAY = re.compile(rf"{_SPACE}(?:(?:日(?!数[ \t]*(?:[はがを:：]|[0-9０-９一二三四五六七八九十]))|にち|ニチ){_HALF}(間|かん)?|か(?:かん|カン|間))")
_WEEK = re.compile(rf"{_SPACE}(?:週|しゅう|シュウ)(?:間|かん|カン)?{_HALF}")
_MONTH = re.compile(rf"{_SPACE}(?:[かカヶケヵ箇]月|かげつ|カゲツ)(?:間|かん)?{_HALF}")
_SMALLER_UNIT_THAN_YEAR = r"[ \t]?(?:[かカヶケヵ箇]月|週|日)"
# Not "年" that starts a rate ("50万 年20%": 年 is short for 年利 there; "8万 年率15"), unless the number
# after it counts months, weeks or days: "1年2か月" is a period said in two parts.
_YEAR = re.compile(rf"{_SPACE}年(?![ \t]*\d(?![\d,.]*{_SMALLER_UNIT_THAN_YEAR})|率|利)(?:間)?{_HALF}")
# After 「N日に」, what makes it a period asked for (「60日にして」「50日に変えたら」「30日に延ばす」), or the formal
# 「にて」 (= で): neither a frequency nor a date.
_SET_TO = r"し|す|変|かえ|延|伸|減|増|短|長|て"
# After a period, these make it a frequency ("1か月に", "1日あたり"), not a length of time; not "2か月にしたら",
# nor the formal "にて" (= で: "31日にて試算").
_PER = re.compile(rf"(?:に(?![ \t]?(?:{_SET_TO}|なっ|なる|なれ))|あたり|当たり|ごと|毎)")
# After "N日", these make it a date (the Nth), not a number of days.
# Not "50日にして" / "60日に するわ" / "50日に変えたら": a period asked for; not "31日にて" (= で).
_DATE_AFTER_DAY = re.compile(rf"(?:に(?![ \t]?(?:{_SET_TO}))|まで|から|付|目|頃|ごろ|締め|払い|{TIME_OF_DAY_AFTER})")
# "45日になったら": no month has a 45th day, so a count that becomes this is a period.
_BECOMES_A_PERIOD = re.compile(r"に(?:なっ|なる|なれ|なり)")
# 月 that counts months ("1か月10日", "ひと月10日"): the 日 after it is a part of the period, not a date.
_MONTH_COUNT_END = re.compile(r"(?:[かカヶケヵ箇]|ひと)月$")
_RATE_WORD_BEFORE = re.compile(r"(?:年利|金利|利率|年率|実質年率|きんり|ねんり|ねんりつ|りりつ|キンリ|ネンリ|ネンリツ|リリツ)[ \t]*(?:は|が|を|:|=)?[ \t、,]*$")
# 「ひにち 0」「日数は30」「残高 50000」「残高=50,000」: a figure labelled by the word before it, with no unit after it.
_DAYS_WORD_BEFORE = re.compile(r"(?:日数|ひにち|にっすう|ヒニチ|ニッスウ|期間)[ \t]*(?:は|が|を|:|=)?[ \t]*$")
_AMOUNT_WORD_BEFORE = re.compile(r"(?:残高|ざんだか|ザンダカ|元金|がんきん|ガンキン|借入額|借入残高)[ \t]*(?:は|が|を|:|=)?[ \t]*$")
# "年18で": 年 alone before a small number is short for 年利, unless it ends a date ("2026年").
_YEAR_BEFORE = re.compile(rf"(?<![{_NUMERAL_CHARS}])年[ \t]*$")
_CALENDAR_ERA_BEFORE = re.compile(r"(?:令和|平成|昭和|西暦)[ \t]*$")
_YEN_SIGN_BEFORE = re.compile(r"(?:¥|(?<![A-Za-z])(?i:jpy))[ \t]?(?:[-−‐‑–▲△]|マイナス)?[ \t]?$")
# Counters that make a bare 万/億 numeral something other than yen ("10万人", "1万ポイント").
_NOT_YEN_COUNTER = re.compile(
    r"[ \t]?(?:人|件|回|個|歳|台|枚|点|名|本|冊|社|株|票|口|倍|位|番|号|時|分|秒|月|ポイント|"
    r"ドル|ユーロ|ウォン|元|キロ|メートル|[A-Za-z])"
)
# Periods said in words: (pattern, days). "ひと月半" before "ひと月"; 間 may follow ("半年間").
# The traditional day counts ("はつか" = 20 days) read as periods only as a whole word before 間/分/後 or
# at the end: "いつか返す" (some day) and "どうしようか" are not periods.
_DAY_COUNT_WORDS = {
    "ふつか": 2, "みっか": 3, "よっか": 4, "いつか": 5, "むいか": 6, "なのか": 7, "ようか": 8,
    "ここのか": 9, "とおか": 10, "はつか": 20,
}  # fmt: skip
_DAY_COUNT_END = r"(?=[ \t]*(?:間|かん|分|ぶん|後|ご|くらい|ぐらい|くれえ|ぐれえ|ほど|程度|ばかり|なら|だと|だったら|だら(?!け)|にしたら|で(?![きし])|$|[。、,.!?！？\n]))"
# "ひとつき" is one month, but "ひとつきいても" / "ひとつききたい" is ひとつ (one thing) + 聞く (to ask).
_ONE_MONTH = r"(?:ひと月|ひとつき(?!き|い[てた]|かせ|け[るればた]))"
# (pattern, days, days of its smallest unit: see _Reading.unit)
_PERIOD_WORDS = (
    (re.compile(rf"{_ONE_MONTH}(?:半|{_AND_A_HALF})"), DAYS_PER_MONTH + DAYS_PER_MONTH // 2, DAYS_PER_MONTH // 2),
    (re.compile(_ONE_MONTH), DAYS_PER_MONTH, DAYS_PER_MONTH),
    (re.compile(r"半月"), DAYS_PER_MONTH // 2, DAYS_PER_MONTH // 2),
    (re.compile(rf"(?:ふた月|ふたつき)(?:半|{_AND_A_HALF})"), 2 * DAYS_PER_MONTH + DAYS_PER_MONTH // 2, DAYS_PER_MONTH // 2),
    (re.compile(r"(?:ふた月|ふたつき)"), 2 * DAYS_PER_MONTH, DAYS_PER_MONTH),
    (re.compile(rf"(?:み月|みつき)(?:半|{_AND_A_HALF})"), 3 * DAYS_PER_MONTH + DAYS_PER_MONTH // 2, DAYS_PER_MONTH // 2),
    (re.compile(r"(?:み月|みつき)"), 3 * DAYS_PER_MONTH, DAYS_PER_MONTH),
    (re.compile(r"半年"), DAYS_PER_HALF_YEAR, DAYS_PER_HALF_YEAR),
    *((re.compile(rf"(?<![\u3041-\u3096]){word}{_DAY_COUNT_END}"), days, 1) for word, days in _DAY_COUNT_WORDS.items()),
)
_LOOK_BEHIND = 12  # words before a numeral that matter ("実質年率は", "令和") are short


# --- English and ASCII units -----------------------------------------------------------------------
# What is read, and why each ambiguous token is read only where it is: the module docstring,
# "English and ASCII units". Words are whole words: a letter never follows (or, for labels, precedes) them.

_ENGLISH_LOOK_BEHIND = 32  # "interest rate is about " is longer than any Japanese label
_ARABIC_ONLY = re.compile(r"[\d,.]+")
# A letter or sign glued before the digits makes them part of something else: "Y2K", "a30d", "#30d", "$50k".
_GLUED_TO_A_CODE = re.compile(r"[A-Za-z_#@$€£]")
# Periods in words, any case, after a space, a hyphen ("30-day") or nothing ("45days"): groups year, month, week,
# day. The Japanese units typed in romaji ("30 nichi", "2 kagetsu", "2kagetsu han", "2 shuukan") are read the same way.
_ENGLISH_PERIOD_WORD = re.compile(
    r"(?:[ \t]?|-)(?:(years?|yrs?)|(months?|kagets?u(?:[ \t]?han)?)|(weeks?|wks?|shuukan|syuukan|shukan)|(days?|nichi(?:kan)?|niti(?:kan)?))"
    r"(?![A-Za-z0-9])",
    re.IGNORECASE,
)
# Abbreviations only glued to the digits and in lower case: "30d", "3mo", "3mos"; groups month, day.
# Not "3D" (three-dimensional), "3d secure" (the card check), "30 d" or "3 mo" (romaji も after a space),
# nor before katakana or kanji, which make a word of the letter ("d払い", "dポイント").
_ENGLISH_PERIOD_LETTER = re.compile(
    r"(?:(mos?)|(d)(?![ \t]*(?i:secure|セキュア)))(?![A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff])"
)
# (pattern, days per unit of each of its groups, whether the numeral must be Arabic digits)
_ENGLISH_PERIOD_UNITS = (
    (_ENGLISH_PERIOD_WORD, (DAYS_PER_YEAR, DAYS_PER_MONTH, DAYS_PER_WEEK, 1), False),
    (_ENGLISH_PERIOD_LETTER, (DAYS_PER_MONTH, 1), True),
)
# "every 2 weeks", "per 1 month", "each 30 days": how often, not how long (as "1か月に" is).
_ENGLISH_PER_BEFORE = re.compile(r"(?<![A-Za-z])(?:per|every|each)[ \t]+$", re.IGNORECASE)
# "2 days a week", "3 days per month", "1 day/week": how often.
_ENGLISH_PER_AFTER = re.compile(
    r"[ \t]*(?:(?:a|an|per|each|every)[ \t]+|/[ \t]*)(?:day|week|wk|month|mo|year|yr)s?(?![A-Za-z])", re.IGNORECASE
)
# After %, a yearly suffix is part of the rate: "17.8%/year", "18% p.a.", "15% APR", "18% a year", "18% annually".
_ENGLISH_YEARLY_AFTER = re.compile(
    r"[ \t]*(?:/[ \t]*(?:year|yr|y|annum)|(?:a|per|each)[ \t]+(?:year|annum)|p\.?a\.?|apr|annual(?:ly)?|yearly)"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
# After %, a shorter one makes it no yearly rate: "1.5%/month", "0.05% a day", "2% monthly" (not "18% monthly payment").
_ENGLISH_NOT_YEARLY_AFTER = re.compile(
    r"[ \t]*(?:/[ \t]*(?:day|d|week|wk|w|month|mo|m)|(?:a|per|each|every)[ \t]+(?:day|week|month)|daily|weekly|"
    r"monthly(?![ \t]*(?:pay|repay|instal)))(?![A-Za-z])",
    re.IGNORECASE,
)
# After a bare number, these say it is the yearly rate: "17.8 p.a.", "17.8 per annum", "17.8 APR".
# APR in capitals only and not before a year: "30 Apr" and "30 APR 2026" are dates.
_ENGLISH_RATE_AFTER = re.compile(r"[ \t]?(?:(?i:p\.a\.?|per[ \t]+annum)|APR(?![ \t]*,?[ \t]*\d))(?![A-Za-z])")
# Before a bare number, these say it is the yearly rate: "rate 15", "interest rate: 17.8", "APR 17.8", "interest 18".
# Plain "interest" also means the interest in yen ("interest 1479"), and APR the month ("APR 2026"), so these two
# label a rate only up to 100 percent (see _english_rate_label).
_ENGLISH_RATE_WORD_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?i:(?:annual|yearly|interest)[ \t]+rate|rate)|"
    r"(?P<ambiguous>(?<![A-Za-z])APR|A\.P\.R\.?|(?<![A-Za-z])(?i:interest)))"
    r"(?:[ \t]*(?::|=|(?i:is|of|at|about|around)(?![A-Za-z])|@))*[ \t]*$"
)
_MOST_PERCENT_AFTER_AMBIGUOUS_LABEL = 100
# 万 typed in romaji after Arabic digits, with or without 円 ("8man karite", "5man en", "10man yen").
_ROMAJI_MAN = re.compile(r"[ \t]?man(?![A-Za-z])(?:[ \t]?(?:en|yen)(?![A-Za-z]))?")
# "k" (thousand) glued to Arabic digits: "50k", "1.5K". Read as yen only where the message says it is money.
_THOUSANDS = re.compile(r"[kK](?![A-Za-z0-9])")
# Words before a thousands number that make it money: "balance 50k", "borrowed about 50k", "残高50k", "毎月10k".
_ENGLISH_AMOUNT_WORD_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?i:balance|principal|loan(?:ed)?|borrow(?:ed|ing)?|owe[sd]?|owing|debt|amount|"
    r"pay(?:ing|ments?)?|repay(?:ing|ments?)?|instal(?:l)?ments?|monthly)|"
    r"残高|元金|借入(?:額|残高)?|借り(?:た|て|てる)?|毎月|月々|月額|返済額?)"
    r"(?:[ \t]*(?::|=|~|(?i:is|was|of|about|around|approx\.?|roughly)(?![A-Za-z])|は|が|約|およそ|だいたい))*[ \t]*$"
)
_BORROWED_AFTER = re.compile(r"[ \t]*(?:くらい|ぐらい|ほど)?[ \t]*(?:を|も)?[ \t]*借")  # "50k借りた"
# Currencies other than yen: "50k USD", "$500", "500 dollars" are never an amount in yen.
_FOREIGN_CURRENCY_AFTER = re.compile(
    r"[ \t]?(?:(?i:usd|dollars?|bucks|eur|euros?|gbp|pounds?|cny|rmb|krw)(?![A-Za-z])|[$€£₩]|ドル|ユーロ|ウォン|元)"
)
_FOREIGN_CURRENCY_BEFORE = re.compile(r"(?:[$€£₩]|(?<![A-Za-z])(?i:usd|eur|gbp|cny|rmb|krw))[ \t]?$")
# English words after a spaced number that do not count something else ("10万 at 18%", "¥80,000 for 30 days"),
# and before one that do not make it part of a code ("balance 100000", "at 100000"). Any other word does:
# "10万 people", "4 digits", "iPhone 15".
_ENGLISH_GRAMMAR_WORD = (
    r"(?i:at|@|for|with|over|in|on|to|from|is|was|of|by|a|an|per|each|every|about|around|approx\.?|roughly|maybe|"
    r"please|pls|ok|okay|left|total|borrowed|loan|balance|principal|rate|interest|owe|owed|debt|pay|paying)"
)
_ENGLISH_GRAMMAR_WORD_AFTER = re.compile(rf"[ \t]+{_ENGLISH_GRAMMAR_WORD}(?![A-Za-z])")
_ENGLISH_GRAMMAR_WORD_BEFORE = re.compile(rf"(?<![A-Za-z]){_ENGLISH_GRAMMAR_WORD}[ \t:]+$")
# A one-figure answer may end in these and still be that figure: "30 please", "17.8 I think", "100000 left".
_ENGLISH_WORD_AFTER = re.compile(r"[ \t]+[A-Za-z]")
_ENGLISH_FILLER_AFTER = re.compile(
    r"[ \t]+(?i:please|pls|plz|thanks|thank|thx|ty|ok|okay|maybe|probably|or[ \t]+so|ish|i[ \t]+think|i[ \t]+guess|"
    r"approx\.?|approximately|roughly|left|remaining|outstanding|in[ \t]+total|total)(?![A-Za-z])"
)
# Labels that make the number after them an identifier, never a figure: "ID 12345", "PW 1234", "PIN: 1234", "Visa 4980";
# and English month names, which make it a date: "Apr 30", "May 1" (as "4月30日" is no period).
_IDENTIFIER_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?i:id|pw|pin|pass(?:word|code)?|code|card|visa|master(?:card)?|jcb|amex|account|acct|no\.|"
    r"tel|phone|otp)|#)[ \t]*(?:[:#=]|(?i:is)(?![A-Za-z]))?[ \t]*$"
)
_MONTH_NAME_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december)\.?[ \t]*$"
)
# "1 month and 10 days, which is cheaper?": two options compared, not one period (as with と).
_ENGLISH_COMPARED_AFTER = re.compile(r"[ \t,:;?]*(?i:which|compared?|vs\.?|versus)(?![A-Za-z])")
# Amounts repaid monthly: "10k a month", "10,000 yen per month", "10k/mo", "10,000 yen monthly" (the amount before),
# "monthly payment 10k", "every month 10,000 yen" (the amount after). Not "50k a month ago".
_ENGLISH_MONTHLY_AFTER = re.compile(
    r"[ \t]*(?:/[ \t]*(?:month|mo|m)|(?:a|per|each|every)[ \t]+month|monthly)(?![A-Za-z])"
    r"(?![ \t]*(?:ago|later|before|after|from|back)(?![A-Za-z]))",
    re.IGNORECASE,
)
_ENGLISH_MONTHLY_BEFORE = re.compile(r"(?<![A-Za-z])(?:monthly|(?:every|each)[ \t]+month)(?![A-Za-z])", re.IGNORECASE)
_MAX_ENGLISH_MARKER_GAP = 24  # "monthly repayment is about 10k": English words are longer than Japanese ones


@dataclass(frozen=True)
class _Reading:
    """A classified numeral in normalised coordinates.

    unit: for a period, the days of the smallest unit it is said in (30 for "2か月", 15 for "2か月半",
    1 for "10日"), so that "1か月と10日" can be told from "30日と1か月": parts of one period come largest first.
    """

    kind: str
    value: Decimal
    start: int
    end: int
    unit: Optional[Decimal] = None


def _half(days_per_unit: int) -> Decimal:
    """What "半" adds after a unit: half a month is 15 days, half a year 180 (6 months, as "6か月" reads)."""
    return Decimal(DAYS_PER_HALF_YEAR) if days_per_unit == DAYS_PER_YEAR else Decimal(days_per_unit) / 2


def _period(value: Decimal, days_per_unit: int, half: bool, start: int, end: int) -> _Reading:
    """A period in days as written: "2か月半" is 75, and "0日" (0) or "0.5日" (0.5) are kept for the checker to refuse."""
    unit = _half(days_per_unit) if half else Decimal(days_per_unit)
    days = value * days_per_unit + (unit if half else 0)
    return _Reading(DAYS, _tidy(days), start, end, unit)


def _read_day(text: str, value: Decimal, start: int, after: int) -> Optional[_Reading]:
    """"30日" / "30日間" as days; "毎月25日", "3月1日", "15日に", "1日あたり" are not periods."""
    unit = _DAY.match(text, after)
    if unit is None:
        return None
    says_period = unit.group(2) is not None  # 日間 is always a length of time
    if not says_period and (
        (text.endswith("月", 0, start) and not _MONTH_COUNT_END.search(text, 0, start))  # "3月10日"
        or _read_as_a_date(text, unit.end(), value)
        or _PER.match(text, unit.end())
    ):
        return None
    return _period(value, 1, unit.group(1) is not None, start, unit.end())


_LAST_DAY_OF_A_MONTH = 31


def _read_as_a_date(text: str, after: int, value: Decimal) -> bool:
    """"15日に" "15日から" make the Nth of a month; "45日になったら" cannot, as no month has a 45th day."""
    if not _DATE_AFTER_DAY.match(text, after):
        return False
    return value <= _LAST_DAY_OF_A_MONTH or not _BECOMES_A_PERIOD.match(text, after)


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
        return _period(value, days_per_unit, unit.group(1) is not None, start, unit.end())
    return None


def _is_calendar_year(text: str, value: Decimal, start: int, end: int) -> bool:
    """"2028年", "令和10年", "2028年1月" name a year rather than a length of time."""
    return (
        value >= _FIRST_CALENDAR_YEAR
        or _CALENDAR_ERA_BEFORE.search(text[max(0, start - _LOOK_BEHIND) : start]) is not None
        or re.match(r"[ \t]?[\d〇一二三四五六七八九十]+月", text[end:]) is not None
    )


def _glued_to_a_code(text: str, start: int) -> bool:
    """Whether a letter or sign is glued before the numeral at `start` ("Y2K", "a30d", "$50k")."""
    return start > 0 and _GLUED_TO_A_CODE.match(text, start - 1) is not None


def _english_period_unit(text: str, match: re.Match[str]) -> Optional[tuple[int, int]]:
    """(days per unit, end of the unit) when an English period unit follows the numeral: "45days", "2 wks", "3mo"."""
    if _glued_to_a_code(text, match.start()):
        return None
    arabic = _ARABIC_ONLY.fullmatch(match.group()) is not None
    for pattern, days, needs_arabic in _ENGLISH_PERIOD_UNITS:
        unit = pattern.match(text, match.end())
        if unit is not None and (arabic or not needs_arabic):
            return days[unit.lastindex - 1], unit.end()
    return None


def _read_english_period(text: str, value: Decimal, start: int, unit: tuple[int, int]) -> Optional[_Reading]:
    """"45 days", "2 weeks", "1.5 months" (45, as "1.5か月"), "1 year" in days, as their Japanese units read.

    Not "every 2 weeks" or "2 days a week" (how often), nor 100 years or more (a calendar year, as for 年).
    """
    days_per_unit, end = unit
    if (
        _ENGLISH_PER_BEFORE.search(text, max(0, start - _ENGLISH_LOOK_BEHIND), start)
        or _ENGLISH_PER_AFTER.match(text, end)
        or _PER.match(text, end)
    ):
        return None
    if days_per_unit == DAYS_PER_YEAR and value >= _FIRST_CALENDAR_YEAR:
        return None
    # "2kagetsu han": 2か月半 in romaji.
    return _period(value, days_per_unit, text[:end].endswith("han"), start, end)


def _read_percent(text: str, value: Decimal, start: int, end: int) -> Optional[_Reading]:
    """A rate; a yearly suffix is part of it ("17.8%/year"), a shorter one makes it no yearly rate ("1.5%/month")."""
    if _ENGLISH_NOT_YEARLY_AFTER.match(text, end):
        return None
    yearly = _ENGLISH_YEARLY_AFTER.match(text, end)
    return _Reading(RATE, value, start, yearly.end() if yearly else end)


def _english_rate_label(text: str, value: Decimal, start: int) -> bool:
    """"rate 15", "APR 17.8", "interest: 18" label a yearly rate; "interest 1479" (yen), "APR 2026" (a date) do not."""
    label = _ENGLISH_RATE_WORD_BEFORE.search(text, max(0, start - _ENGLISH_LOOK_BEHIND), start)
    if label is None:
        return False
    return label.group("ambiguous") is None or abs(value) <= _MOST_PERCENT_AFTER_AMBIGUOUS_LABEL


def _read_thousands(text: str, value: Decimal, start: int, end: int) -> Optional[_Reading]:
    """"50k" (glued "k" just before `end`) as 50,000 yen, where the message says it is money.

    A yen word or sign with it ("50k yen", "¥50k", "JPY 50k"), a money word before it ("balance 50k",
    "borrowed 50k", "残高50k"), a monthly marker after it ("10k/mo"), or 借 after it ("50k借りた").
    Anything else ("4K", "1K", "5k") is not read here: parse_amount reads a lone "50k" as the answer it
    asked for, and find_unread_numbers names an unread one so the customer is asked for it in yen.
    """
    before = text[max(0, start - _LOOK_BEHIND) : start]
    yen_signed = _YEN_SIGN_BEFORE.search(before) is not None
    if (_glued_to_a_code(text, start) and not yen_signed) or _FOREIGN_CURRENCY_AFTER.match(text, end):
        return None
    amount = _tidy(value * 1000)
    unit = _YEN.match(text, end)
    if unit:
        return _Reading(AMOUNT, amount, _amount_start(before, start), unit.end())
    if (
        yen_signed
        or _ENGLISH_AMOUNT_WORD_BEFORE.search(text, max(0, start - _ENGLISH_LOOK_BEHIND), start)
        or _ENGLISH_MONTHLY_AFTER.match(text, end)
        or _BORROWED_AFTER.match(text, end)
    ):
        return _Reading(AMOUNT, amount, _amount_start(before, start), end)
    return None


def _amount_start(before: str, start: int) -> int:
    """Where an amount starts: at its ¥ sign if it has one ("¥100,000"), else at the numeral."""
    yen_sign = _YEN_SIGN_BEFORE.search(before)
    return start - (len(before) - yen_sign.start()) if yen_sign else start


def _classify(text: str, match: re.Match[str]) -> Optional[_Reading]:
    """What the numeral at `match` is, judged by the unit after it or the word before it; signed if it has a minus."""
    value = _numeral_value(match.group())
    if value is None:
        return None
    reading = _classify_unsigned(text, match, value)
    if reading is None:
        return None
    sign = _sign_start(text, match.start())
    if sign is None or reading.value == 0:
        return reading
    return replace(reading, value=reading.value.copy_negate(), start=min(sign, reading.start))


def _classify_unsigned(text: str, match: re.Match[str], value: Decimal) -> Optional[_Reading]:
    start, after = match.start(), match.end()
    before = text[max(0, start - _LOOK_BEHIND) : start]
    if _ARABIC_ONLY.fullmatch(match.group()) and _THOUSANDS.match(text, after):
        return _read_thousands(text, value, start, after + 1)
    romaji_man = _ROMAJI_MAN.match(text, after) if _ARABIC_ONLY.fullmatch(match.group()) else None
    if romaji_man:
        return _Reading(AMOUNT, _tidy(value * 10000), _amount_start(before, start), romaji_man.end())
    unit = _YEN.match(text, after)
    if unit:
        return _Reading(AMOUNT, _dotted_thousands(match.group(), value), _amount_start(before, start), unit.end())
    unit = _PERCENT.match(text, after)
    if unit:
        return _read_percent(text, value, start, unit.end())
    if _DAY.match(text, after):
        return _read_day(text, value, start, after)
    big = _BIG_UNITS.intersection(match.group())
    english_unit = _english_period_unit(text, match)
    if english_unit is not None or any(pattern.match(text, after) for pattern in (_WEEK, _MONTH, _YEAR)):
        if english_unit is not None:
            period = _read_english_period(text, value, start, english_unit)
        else:
            period = _read_longer_period(text, value, start, after)
        if period is not None or not big:
            return period
        # Read on: "10万年30日" is an amount run into a period, as nobody counts years in 万.
    rate_after = _ENGLISH_RATE_AFTER.match(text, after)
    if rate_after:
        return _Reading(RATE, value, start, rate_after.end())
    if _NOT_YEN_COUNTER.match(text, after) and not _ENGLISH_GRAMMAR_WORD_AFTER.match(text, after):
        return None
    if _YEN_SIGN_BEFORE.search(before):
        return _Reading(AMOUNT, value, _amount_start(before, start), after)
    if (
        _RATE_WORD_BEFORE.search(before)
        or (_YEAR_BEFORE.search(before) and not big)
        or _english_rate_label(text, value, start)
    ):
        return _Reading(RATE, value, start, after)
    if _DAYS_WORD_BEFORE.search(before) and not big:
        return _Reading(DAYS, value, start, after)
    if big or _AMOUNT_WORD_BEFORE.search(before):
        return _Reading(AMOUNT, _dotted_thousands(match.group(), value), start, after)  # "10万借りた": 万 without 円 is still money
    if (
        _BARE_DECIMAL.fullmatch(match.group())
        and _BARE_RATES[0] <= value <= _BARE_RATES[1]
        and _STATED_AFTER.match(text, after)
        and not _VERSION_BEFORE.search(before)
    ):
        # 「いや契約書見たら17.8やった」: a decimal with no unit, stated as a fact, is a rate (yen and days have
        # no decimals). Not 「17.8ちゅうのは」「17.8とは何の数字か」: the assistant's figure asked about; and a
        # bare 「17.8」 answers whichever question was asked.
        return _Reading(RATE, value, start, after)
    return None


# 「ざんだか 80.000 えん」: thousands set off with dots, as many countries write them; yen have no decimals.
_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _dotted_thousands(numeral: str, value: Decimal) -> Decimal:
    """An amount written with dots between its thousands as the whole number, else `value` as read."""
    return Decimal(numeral.replace(".", "")) if _DOTTED_THOUSANDS.fullmatch(numeral) else value


_BARE_DECIMAL = re.compile(r"\d{1,2}\.\d")
_BARE_RATES = (Decimal(1), Decimal(30))
# 「iOS 17.2」「バージョン15.1」: a version, not a rate.
# What states a figure: a copula or "make it" (「17.8やった」「17.8です」「17.8にして」), not a question about it.
_STATED_AFTER = re.compile(
    r"[ \t]*(?:やった|だった|じゃった|でした|です(?!か)|だ(?!ろ|っけ)|や(?![ろっ])|じゃ(?!ろ)|で(?:お願い|おねがい|計算|けいさん|頼|たの)"
    r"|に(?:して|変え|かえ|なって|なっと))"
)
_VERSION_BEFORE = re.compile(r"(?:[A-Za-z][ \t:]*|バージョン|ヴァージョン|ばーじょん|版)[ \t]*$")


# --- numerals in kana ------------------------------------------------------------------------------

# Kana number words and the kanji they stand for (the token pattern tries longer words first).
_KANA_NUMBER_WORDS = {
    "いち": "一", "いっ": "一", "に": "二", "さん": "三", "よん": "四", "ご": "五", "ろく": "六",
    "ろっ": "六", "なな": "七", "しち": "七", "はち": "八", "はっ": "八", "きゅう": "九", "ぜろ": "〇",
    "じゅう": "十", "じゅっ": "十", "ひゃく": "百", "びゃく": "百", "ぴゃく": "百", "せん": "千",
    "ぜん": "千", "まん": "万", "おく": "億", "ちょう": "兆", "てん": "・",
}  # fmt: skip
_KANA_BIG = ("まん", "おく", "ちょう")
_KANJI_BIG = ("万", "億", "兆")
_KANJI_DAY = re.compile(r"[ \t]?日(?:間)?")
# Tokens a digit may follow inside one numeral: the units, and the decimal point (じゅうななてんはち = 17.8).
_KANA_UNITS = frozenset(("じゅう", "じゅっ", "ひゃく", "びゃく", "ぴゃく", "せん", "ぜん", "てん") + _KANA_BIG + tuple("十百千万億兆"))
_KANA_TOKEN = re.compile(
    "|".join(sorted(map(re.escape, _KANA_NUMBER_WORDS), key=len, reverse=True))
    + rf"|{_ARABIC}|[〇零一二三四五六七八九十百千万億兆]"
)
# A run of number words; not right after な or う, which would make it 何万 or 数十万.
_KANA_NUMERAL = re.compile(rf"(?<![なう])(?:{_KANA_TOKEN.pattern})+")
# えん ending an amount, not the start of a word ("にエンジニア" is a particle and "engineer").
_KANA_YEN = re.compile(r"[ \t]?えん(?=$|[^\u3041-\u309f]|くらい|ぐらい|ほど|ちょっと|です|でした|だ|の|を|で|は|も|と|か|よ|ね|って|に|ずつ|まで|しか|じゃ|や)")
# "かげつ" after a numeral, with "はん" for half a month: "にかげつはん" is 75 days.
_KANA_MONTHS = re.compile(r"[ \t]?(?:かげつ|かげっ)(?:かん)?([ \t]?はん(?![ぶばたこ]))?")
# "にち" (Tohoku "にぢ") after a numeral; not "いちにちじゅう" (all day long).
# Not 「2にち の あさ 9じ」: a day of the month before a time of that day (business.japanese_time).
_KANA_DAY = re.compile(rf"[ \t]?に[ちぢ](?:かん)?(?![ゃゅょ]|じゅう|ぢゅう|中|{TIME_OF_DAY_AFTER})")
# What may follow "まん" without えん: not a hiragana letter that makes it a word ("まんが", "まんなか").
# Dialect copulas count too: 「8まんじゃった」「8まんやった」.
_AFTER_KANA_BIG = re.compile(
    r"$|[^\u3041-\u309f]|くらい|ぐらい|ほど|ちょっと|です|でした|だ|の|を|で|は|も|と|か|よ|ね|って"
    r"|じゃ|や|なら|から|まで|だけ|しか|ずつ|に(?!ん|ち)"
)
_KATAKANA = re.compile(r"[\u30a1-\u30f6]")


def _hiragana(text: str) -> str:
    """Katakana as hiragana, one character for one, so positions do not move ("ゴマンエン" → "ごまんえん")."""
    return _KATAKANA.sub(lambda m: chr(ord(m.group()) - 0x60), text)


def _is_kana_word(token: str) -> bool:
    """Whether a number token is written in hiragana (「ご」「まん」), not in kanji or digits."""
    return "\u3041" <= token[0] <= "\u3096"


def _is_kana_digit(token: str) -> bool:
    """Whether a hiragana number token is a digit (「に」「ご」), not a unit (「じゅう」「まん」)."""
    return _is_kana_word(token) and token not in _KANA_UNITS


def _kana_runs(kana: str, match: re.Match[str]) -> list[tuple[int, int, list[str]]]:
    """The numerals inside a run of number words: a digit never follows a digit ("に10万" is に + 10万)."""
    runs: list[tuple[int, int, list[str]]] = []
    tokens: list[str] = []
    start = match.start()
    for token in _KANA_TOKEN.finditer(kana, match.start(), match.end()):
        if tokens and (
            token.group() not in _KANA_UNITS and tokens[-1] not in _KANA_UNITS
            # 「年に十五パーセント」: a kana word before a numeral in kanji or digits is a particle, not its first digit.
            or _is_kana_digit(tokens[-1]) and not _is_kana_word(token.group())
        ):
            runs.append((start, token.start(), tokens))
            start, tokens = token.start(), []
        tokens.append(token.group())
    end = match.end()
    # 「ごまんにして」「じゅうまんに」: a lone に after まん/おく/ちょう is the particle, not a 2 (nobody says
    # 50,002 in words).
    if len(tokens) > 1 and tokens[-1] == "に" and tokens[-2] in _KANA_BIG:
        tokens, end = tokens[:-1], end - 1
    runs.append((start, end, tokens))
    return runs


def _kana_quantities(text: str) -> list[_Reading]:
    """Amounts (and rates) with kana number words: "ごまんえん", "8まんえん", "じゅうまん", "じゅうはちぱーせんと".

    An amount must end in まん/おく/ちょう or be followed by えん, and a rate by a percent word: a single
    に or ご is far more often a particle or a prefix than a number.
    """
    readings: list[_Reading] = []
    kana = _hiragana(text)
    for match in _KANA_NUMERAL.finditer(kana):
        for start, end, tokens in _kana_runs(kana, match):
            reading = _kana_reading(text, kana, start, end, tokens)
            if reading is None:
                continue
            previous = readings[-1] if readings else None
            # 「じゅうにまん ごせん えん」: thousands typed apart from the ten thousands they belong to.
            if (
                previous is not None and previous.kind == AMOUNT == reading.kind
                and kana[previous.end - 2 : previous.end] in ("まん", "おく") and text[previous.end : reading.start].isspace()
                and 0 < reading.value < 10_000
            ):
                readings[-1] = replace(previous, value=previous.value + reading.value, end=reading.end)
                continue
            readings.append(reading)
    return readings


def _kana_reading(text: str, kana: str, start: int, end: int, tokens: list[str]) -> Optional[_Reading]:
    if not any(token in _KANA_NUMBER_WORDS for token in tokens) or tokens[0] in _KANA_BIG:
        return None
    value = _numeral_value("".join(_KANA_NUMBER_WORDS.get(token, token) for token in tokens))
    if value is None:
        return None
    yen = _KANA_YEN.match(kana, end) or _YEN.match(text, end)
    percent = _PERCENT.match(text, end)
    days = _KANA_DAY.match(kana, end)
    if days is None and _KANJI_DAY.match(text, end) and not _read_as_a_date(text, end + 1, value):
        days = _KANJI_DAY.match(text, end)  # 「ろくじゅう日分」
    if tokens[-1] == "に" and len(tokens) > 1 and kana.startswith(("ち", "ぢ"), end):  # "さんじゅうにち": 30 + にち
        value = _numeral_value("".join(_KANA_NUMBER_WORDS.get(token, token) for token in tokens[:-1]))
        days = _KANA_DAY.match(kana, end - 1)
        if value is None or days is None:
            return None
    months = _KANA_MONTHS.match(kana, end) if days is None else None
    if months is not None:
        value = value * DAYS_PER_MONTH + (DAYS_PER_MONTH // 2 if months.group(1) else 0)
        kind, end = DAYS, months.end()
    elif days is not None:
        kind, end = DAYS, days.end()
    elif yen is not None:
        kind, end = AMOUNT, yen.end()
    elif percent is not None:
        kind, end = RATE, percent.end()
    elif any(token in _KANA_BIG + _KANJI_BIG for token in tokens) and _AFTER_KANA_BIG.match(kana, end):
        # 「じゅうまん」「ひゃくにじゅう万」「ろくまんごせん」: a count of ten thousands, whatever follows it.
        kind = AMOUNT
    elif _RATE_WORD_BEFORE.search(text, max(0, start - _LOOK_BEHIND), start) and _AFTER_KANA_BIG.match(kana, end):
        # 「ねんりつは、じゅうななてんはち、と」; not the は and ち of 「金利はちょっと」
        kind = RATE
    else:
        return None
    sign = _sign_start(text, start)
    if sign is not None and value != 0:
        value, start = value.copy_negate(), sign
    return _Reading(kind, value, start, end, Decimal(1) if kind == DAYS else None)


def _period_words(text: str) -> list[_Reading]:
    """"ひと月借りたら", "半月", "半年間" as periods (not when they mean "per month": "ひと月に")."""
    readings: list[_Reading] = []
    for pattern, days, unit in _PERIOD_WORDS:
        for match in pattern.finditer(text):
            end = match.end() + (1 if text.startswith("間", match.end()) else 0)
            overlaps = any(r.start < end and match.start() < r.end for r in readings)
            if not overlaps and not _PER.match(text, end):
                readings.append(_Reading(DAYS, Decimal(days), match.start(), end, Decimal(unit)))
    return readings


# --- monthly repayments ----------------------------------------------------------------------------

# Not after a numeral or 今/来/先: "3か月に1回" and "今月1万円返した" are not monthly repayments.
_NOT_AFTER_COUNT_OR_THIS_MONTH = r"(?<![\d〇一二三四五六七八九十百千かカヶケヵ箇今来先翌前])"
_MONTHLY_MARKER = re.compile(
    rf"毎月|つきづき|(?:ひと|一|1)[かカヶケヵ箇]?月(?:に|あたり|当たり|ごと|毎)|{_ONE_MONTH}|"
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
    return monthly | _english_monthly_amounts(text, readings)


def _english_monthly_amounts(text: str, readings: list[_Reading]) -> set[int]:
    """Indexes of amounts repaid monthly in English: "10k a month", "10,000 yen/mo" (the marker right after
    the amount), or "monthly payment 10k", "every month 10,000 yen" (the next quantity, if an amount, in
    the same sentence). A marker that follows an amount belongs to it alone."""
    monthly: set[int] = set()
    taken: list[tuple[int, int]] = []  # markers that already belong to the amount before them
    for index, reading in enumerate(readings):
        marker = _ENGLISH_MONTHLY_AFTER.match(text, reading.end) if reading.kind == AMOUNT else None
        if marker is not None:
            monthly.add(index)
            taken.append((reading.end, marker.end()))
    for marker in _ENGLISH_MONTHLY_BEFORE.finditer(text):
        if any(start <= marker.start() and marker.end() <= end for start, end in taken):
            continue
        following = [i for i, r in enumerate(readings) if r.start >= marker.end()]
        if following:
            gap = text[marker.end() : readings[following[0]].start]
            if (
                readings[following[0]].kind == AMOUNT
                and len(gap) <= _MAX_ENGLISH_MARKER_GAP
                and not _SENTENCE_END.search(gap)
            ):
                monthly.add(following[0])
    return monthly


# --- public API ------------------------------------------------------------------------------------


# A yearly rate in tenths (割), hundredths (分) and thousandths (厘): 「年一割五分」 is 15%. Not 割引, 割合,
# 割り算, 割安, 割高, 割増, 割当.
_WARI_DIGIT = r"[〇一二三四五六七八九]|\d"
_WARI_RATE = re.compile(
    rf"(?<![\d〇一二三四五六七八九十])(?P<wari>十|{_WARI_DIGIT})割(?![引合りれ安高増当])"
    rf"(?:(?P<bu>{_WARI_DIGIT})分)?(?:(?P<rin>{_WARI_DIGIT})厘)?"
)


def _digit(char: Optional[str]) -> Decimal:
    if not char:
        return Decimal(0)
    return Decimal(10) if char == "十" else Decimal(_KANJI_DIGIT_VALUES.get(char, char))


def _wari_rates(text: str) -> list[_Reading]:
    """Rates said in 割 and 分 (「一割五分」 = 15%, 「1割8分」 = 18%)."""
    return [
        _Reading(RATE, _tidy(_digit(m["wari"]) * 10 + _digit(m["bu"]) + _digit(m["rin"]) / 10), m.start(), m.end())
        for m in _WARI_RATE.finditer(text)
    ]


def _readings(text: str) -> list[_Reading]:
    """All classified numerals of normalised text, in order; kana amounts and rates in 割 win over
    numerals inside them.

    The parts of a period said in parts ("1か月と10日") come back as one period.
    """
    readings = _kana_quantities(text)
    readings += [rate for rate in _wari_rates(text) if not _overlaps(rate, readings)]
    for numeral in (_classify(text, m) for m in _numerals(text)):
        if numeral is not None and not _overlaps(numeral, readings):
            readings.append(numeral)
    for word in _period_words(text):
        if not _overlaps(word, readings):
            readings.append(word)
    return _joined_periods(text, sorted(readings, key=lambda r: r.start))


# What joins the parts of one period: と (or と、), a space or nothing ("1か月と10日", "1年 2か月", "1ヶ月10日").
_PART_JOIN = re.compile(r"[ \t]?|[ \t]*と[ \t]*[、,]?[ \t]*|[ \t]*,?[ \t]*(?:(?i:and)(?![A-Za-z])|&)[ \t]*")
_ENGLISH_JOIN = re.compile(r"(?i:and)|&")  # "1 month and 10 days", "1 year & 2 months"
# After "AとB", these make A and B two options compared, not one period ("1か月と10日ではどっちが得？").
_COMPARED_AFTER = re.compile(r"[ \t、,]*(?:では|で|の)?[ \t]*(?:どっち|どちら|比べ|くらべ|比較|違い|ちがい|それぞれ)")


def _joined_periods(text: str, readings: list[_Reading]) -> list[_Reading]:
    """The readings with each period said in parts made one, the sum of its parts ("3週間と2日" = 23 days).

    A minus before the first part is the sign of the whole ("-1か月と10日" = -40).
    """
    joined: list[_Reading] = []
    for reading in readings:
        if joined and _continues(text, joined[-1], reading):
            first = joined[-1]
            days = first.value + reading.value.copy_sign(first.value)
            joined[-1] = _Reading(DAYS, _tidy(days), first.start, reading.end, reading.unit)
        else:
            joined.append(reading)
    return joined


def _continues(text: str, period: _Reading, reading: _Reading) -> bool:
    """Whether `reading` is the next part of `period`: adjacent, in a smaller unit, and without a sign of its own."""
    if period.unit is None or reading.unit is None:  # only periods have a unit
        return False
    if reading.unit >= period.unit or reading.value < 0:
        return False  # "30日と60日", "30日と1か月": two periods
    if reading.value >= period.unit:
        return False  # "ひと月30日", "1週間7日": the same period said again in days, not more of it
    join = _PART_JOIN.fullmatch(text, period.end, reading.start)
    if join is None:
        return False
    if "と" in join.group():
        return not _COMPARED_AFTER.match(text, reading.end)
    if _ENGLISH_JOIN.search(join.group()):
        return not _ENGLISH_COMPARED_AFTER.match(text, reading.end)
    return True


_PERIOD_OR_RATE_UNIT = re.compile(rf"{_DAY.pattern}|{_WEEK.pattern}|{_MONTH.pattern}|{_YEAR.pattern}|{_PERCENT.pattern}")


def _period_or_rate_unit_after(text: str, end: int) -> bool:
    units = (_PERIOD_OR_RATE_UNIT, _ENGLISH_PERIOD_WORD, _ENGLISH_PERIOD_LETTER)
    return any(pattern.match(text, end) for pattern in units)


def _numerals(text: str) -> list[re.Match[str]]:
    """The numerals of the text; "30万60日" is two of them (30万 and 60日), as nobody borrows for 300,060 days.

    A numeral in 万/億/兆 followed by more digits and a period or rate unit is an amount and then a
    period or rate written without a space; "1万5千円" stays one amount.
    """
    numerals = []
    for match in _NUMERAL.finditer(text):
        last_big = max(match.group().rfind(unit) for unit in _BIG_UNITS)
        split = match.start() + last_big + 1
        if last_big < 0 or split == match.end() or not _period_or_rate_unit_after(text, match.end()):
            numerals.append(match)
            continue
        amount, rest = _NUMERAL.fullmatch(text, match.start(), split), _NUMERAL.fullmatch(text, split, match.end())
        numerals.extend(m for m in (amount, rest) if m is not None)
    return numerals


def _overlaps(reading: _Reading, others: list[_Reading]) -> bool:
    return any(other.start < reading.end and reading.start < other.end for other in others)


# 「45日ではなく50日」「60日じゃなくて45日」: the first is what the customer takes back.
_NOT_THIS_BUT = re.compile(r"[ \t]*(?:では|じゃ|で|や)なく(?:て)?[ \t、,]*(?:、)?")


def _without_replaced(text: str, readings: list[_Reading]) -> list[_Reading]:
    """The readings less each one a correction takes back: the first of two of a kind joined by ではなく."""
    taken_back = {
        index
        for index, (first, second) in enumerate(zip(readings, readings[1:], strict=False))
        if first.kind == second.kind and _NOT_THIS_BUT.fullmatch(text, first.end, second.start)
    }
    return [reading for index, reading in enumerate(readings) if index not in taken_back]


# The formal numerals of deeds and old letters (壱, 弐, 参, 拾, 萬: 「金参拾萬円也」), read as the common
# ones character for character; only inside a run of numerals, so 参考 and 拾う stay words.
_FORMAL_NUMERAL_CHARS = str.maketrans("壱弐参拾萬阡仟佰陌", "一二三十万千千百百")
_NUMERAL_RUN_WITH_FORMAL = re.compile(r"[壱弐参拾萬阡仟佰陌〇一二三四五六七八九十百千万億兆\d]*[壱弐参拾萬阡仟佰陌][壱弐参拾萬阡仟佰陌〇一二三四五六七八九十百千万億兆\d]*")


def _common_numerals(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) < 2 and not match.string.startswith("円", match.end()):
        return run
    return run.translate(_FORMAL_NUMERAL_CHARS)


def _folded(text: str) -> Folded:
    """`fold` of the text, with formal numerals as common ones (same length, so spans still map)."""
    folded = fold(text[:MAX_TEXT_CHARS])
    return Folded(_NUMERAL_RUN_WITH_FORMAL.sub(_common_numerals, folded.text), folded.origins)


def find_quantities(text: str) -> list[Quantity]:
    """Every amount, rate and period in `text`, in order, with spans into the original text."""
    if not isinstance(text, str) or not text:
        return []
    normalised = _folded(text)
    readings = _without_replaced(normalised.text, _readings(normalised.text))
    monthly = _monthly_amounts(normalised.text, readings)
    quantities = []
    for index, reading in enumerate(readings):
        start, end = normalised.span(reading.start, reading.end)
        role = MONTHLY if index in monthly else BOUND if reading.kind == AMOUNT and _BOUND_AFTER.match(normalised.text, reading.end) else None
        quantities.append(Quantity(reading.kind, reading.value, start, end, role))
    return quantities


# 「1円未満は切り捨て」「10万円未満」「1円より細かいとこ」: the amount is a limit.
_BOUND_AFTER = re.compile(r"[ \t]*(?:未満|に満たな|より[ \t]?(?:細か|細け|こまか|こまけ|小さ|ちいさ|ちっさ|ちいせ|下))")
_ARABIC_NUMERAL = re.compile(r"[\d][\d,.]*")
# Counters for things written in kana: "一つ", "二つ目", "1こ" (個); not "30ころ" (頃) or "10こえ" (超え).
_KANA_THING_COUNTER = r"(?:つ|こ(?!ろ|え))"
# Numbers that are not quantities by design: a counter ("3回", "10万人"), a date or a time ("3月", "15日に",
# "2026年", "9時"), part of a phone or reference number ("0120-24-0365"), or a letter code ("A1").
_NOT_A_QUANTITY_AFTER = re.compile(
    rf"{_NOT_YEN_COUNTER.pattern}|[ \t]?(?:日|年|週|[かカヶケヵ箇]月|{_KANA_THING_COUNTER}|目|桁)|[ \t]?[-−‐:/][ \t]?\d"
)
_PART_OF_A_CODE_BEFORE = re.compile(r"(?:[A-Za-z][ \t:]*|第|\d[-−‐:/])$")


# 「60日でねくて40日らった」「8万じゃなくて18万」: a figure named only to be taken back.
# 「60日でなくて40日」, and a figure said then replaced after a pause (「30日…いや、やっぱり60日分で」).
_TAKEN_BACK_AFTER = re.compile(
    r"[ \t]*(?:では|で|じゃ|や)(?:なく|ねく|のうて|はなく|ない)"
    r"|[ \t…‥・.、,。]*(?:分|ぶん)?[ \t…‥・.、,。]*(?:いや(?!で)|いえ(?!ば)|やっぱ|やはり|違った|ちがった|じゃなかった)"
)


def taken_back(text: str, end: int) -> bool:
    """Whether the figure ending at `end` is taken back by what follows it (「60日でなくて40日」)."""
    return bool(_TAKEN_BACK_AFTER.match(text, end))


def whole_days_named(text: str, days_named: Sequence[tuple[Any, int]]) -> list[int]:
    """The whole numbers of days a message names (「30日…同じ条件で60日なら？」), each given as its value and
    the end of its span in `text`, without one it takes back (「60日でねくて40日」)."""
    periods = []
    for value, end in days_named:
        try:
            days = Decimal(str(value))
        except (InvalidOperation, ValueError):
            continue
        if days.is_finite() and days == days.to_integral_value() and days > 0 and not taken_back(text, end):
            periods.append(int(days))
    return periods


def find_unread_numbers(text: str) -> list[tuple[int, int]]:
    """Spans (in the original text) of numbers the customer typed that could not be read as a quantity.

    "10,0000円" (malformed), a bare "100000" inside a sentence (no unit says what it is), "1と2"
    (which of the two?), "50k" that nothing says is yen and "1.5%/month" (no yearly rate) are unread.
    Numbers that are not quantities by design are left out: counters ("3回", "4 digits"), dates and times
    ("3月1日", "9時", "Apr 30"), and phone, reference or ID numbers ("0120-24-0365", "ID 12345").
    A form uses this to explain why it asks again instead of silently ignoring what was typed.
    """
    if not isinstance(text, str) or not text:
        return []
    normalised = _folded(text)
    folded = normalised.text
    read = _readings(folded)
    spans = []
    for match in _ARABIC_NUMERAL.finditer(folded):
        start, end = match.start(), len(match.group().rstrip(",.")) + match.start()
        numeral = _NUMERAL.match(folded, start)
        end = max(end, numeral.end() if numeral else end)
        if any(r.start < end and start < r.end for r in read):
            continue
        thousands = _THOUSANDS.match(folded, end) if _ARABIC_ONLY.fullmatch(folded, start, end) else None
        unit = _YEN.match(folded, end) or _PERCENT.match(folded, end)
        if thousands:
            end = thousands.end()  # "50k" that nothing said was yen: named, so it is asked for in yen
        elif (
            unit is None  # "10,0000 yen" is an amount gone wrong
            and _NOT_A_QUANTITY_AFTER.match(folded, end)
            and not _ENGLISH_GRAMMAR_WORD_AFTER.match(folded, end)
        ):
            continue
        if _PART_OF_A_CODE_BEFORE.search(folded, 0, start) and (
            not _ENGLISH_GRAMMAR_WORD_BEFORE.search(folded, 0, start) or _MONTH_NAME_BEFORE.search(folded, 0, start)
        ):
            continue  # "ID 12345", "A1", "Apr 30"; but "balance 100000" is a figure without its unit
        sign = _sign_start(folded, start)
        spans.append(normalised.span(start if sign is None else sign, unit.end() if unit else end))
    return spans


# What may follow a numeral given without its unit ("30です", "17.8で", "100000。"); not a counter for
# things in kana ("一つ教えて", "二つ目", "1こ質問"), which is never an amount, a rate or a period.
_BARE_FOLLOWER = re.compile(rf"[ \t]*(?:$|(?!{_KANA_THING_COUNTER})[\u3041-\u309f]|[、。,.!?\s~〜)）」])")


def _bare_number(text: str, thousands: bool = False) -> Optional[Decimal]:
    """The one numeral of an answer that has no unit ("100000", "17.8です", "-5000"); None if there are several.

    Used when the assistant asked for one quantity, so the unit may be left out. A numeral followed by
    a counter ("3回", "25日", "4 digits") is not bare, nor one labelled as an identifier ("ID 12345",
    "PIN 1234") or in another currency ("$500"), and two bare ones make the answer unclear. A minus sign
    is kept. With `thousands` (the answer to the question for an amount), "50k" is 50,000 as well.
    """
    normalised = _folded(text).text
    candidates: list[tuple[re.Match[str], int]] = []
    for match in _NUMERAL.finditer(normalised):
        if _is_code_part(normalised, match.start()):
            return None  # "0120-24-0365": a phone or reference number, not an answer
        if _not_a_figure_before(normalised, match.start()):
            continue
        end, multiplier = match.end(), 1
        if (
            thousands
            and _ARABIC_ONLY.fullmatch(match.group())
            and _THOUSANDS.match(normalised, end)
            and not _glued_to_a_code(normalised, match.start())  # "Y2K"
        ):
            end, multiplier = end + 1, 1000
        if _bare_follower(normalised, end) and _classify(normalised, match) is None:
            candidates.append((match, multiplier))
    if len(candidates) != 1:
        return None
    (match, multiplier), = candidates
    value = _numeral_value(match.group())
    if value is None:
        return None
    value = _tidy(value * multiplier)
    if value == 0 or _sign_start(normalised, match.start()) is None:
        return value
    return value.copy_negate()


def _bare_follower(text: str, end: int) -> bool:
    """What follows a numeral lets it stand alone: "30です", "30。", "30 please"; not "3回", "2FA", "4 digits"."""
    if not _BARE_FOLLOWER.match(text, end):
        return False
    return not _ENGLISH_WORD_AFTER.match(text, end) or _ENGLISH_FILLER_AFTER.match(text, end) is not None


def _not_a_figure_before(text: str, start: int) -> bool:
    """An identifier's label ("ID 12345", "PW:1234", "Visa 4980"), a month ("Apr 30") or another currency ("$500")."""
    lo = max(0, start - _ENGLISH_LOOK_BEHIND)
    labels = (_IDENTIFIER_BEFORE, _MONTH_NAME_BEFORE, _FOREIGN_CURRENCY_BEFORE)
    return any(pattern.search(text, lo, start) for pattern in labels)


def _is_code_part(text: str, start: int) -> bool:
    """A numeral after a hyphen that is no minus sign ("24" and "0365" in "0120-24-0365")."""
    before = text[max(0, start - _LOOK_BEHIND) : start]
    return _SIGN_BEFORE.search(before) is not None and _sign_start(text, start) is None


def _first(text: str, kind: str) -> Optional[Decimal]:
    for quantity in find_quantities(text):
        if quantity.kind == kind:
            return quantity.value
    return None


def parse_amount(text: str) -> Optional[Decimal]:
    """The first yen amount in `text`; a bare number ("100000", "10万") counts when nothing else does."""
    if not isinstance(text, str):
        return None
    quantities = find_quantities(text)
    amount = next((quantity.value for quantity in quantities if quantity.kind == AMOUNT), None)
    if amount is not None:
        return amount
    if quantities:
        return None  # "18%" or "30日" answered: not an amount, even without other numbers
    return _bare_number(text, thousands=True)  # asked for an amount, "50k" can only be 50,000 yen


def parse_rate(text: str) -> Optional[Decimal]:
    """The first annual rate in percent ("18%", "年利17.8%", "十八パーセント"; a bare "17.8" as well)."""
    if not isinstance(text, str):
        return None
    rate = _first(text, RATE)
    if rate is not None:
        return rate
    # 「17.8で60日」: beside another figure, the one numeral without a unit is the rate asked for.
    return _bare_number(text)


def parse_days(text: str) -> Optional[Decimal]:
    """The first period in days ("30日", "1ヶ月" = 30, "2か月半" = 75, "2週間" = 14, "1年" = 365,
    "1か月と10日" = 40; a bare "30", but not "一つ" or "二つ目").

    Whole days in almost every case; "0.5日", "0日" or "-30日" come back as written, for the form to explain.
    """
    if not isinstance(text, str):
        return None
    days = _first(text, DAYS)
    if days is not None:
        return days
    # 「18%で30」: beside another figure, the one numeral without a unit is the period asked for.
    return _bare_number(text)
