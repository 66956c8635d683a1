"""Specification: what the assistant reads in a customer's Japanese message."""

from __future__ import annotations

from decimal import Decimal
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st
from kanjize import number2kanji

from business.japanese_numbers import (
    Quantity,
    find_quantities,
    find_unread_numbers,
    parse_amount,
    parse_days,
    parse_rate,
)

FULL_WIDTH = str.maketrans("0123456789,.%", "０１２３４５６７８９，．％")


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("10万円", 100_000),
        ("100,000円", 100_000),
        ("１０万円", 100_000),
        ("十万円", 100_000),
        ("1.5万円", 15_000),
        ("5千円", 5_000),
        ("3000円", 3_000),
        ("10万", 100_000),
        ("百万円", 1_000_000),
        ("1億円", 100_000_000),
        ("1万5千円", 15_000),
        ("一〇万円", 100_000),
        ("¥100,000", 100_000),
        ("￥１００，０００", 100_000),
        ("残高は10万円くらいです", 100_000),
        ("10万借りています", 100_000),
        ("￥80,000", 80_000),
        ("80,000円", 80_000),
        ("8万円", 80_000),
        ("8万", 80_000),
        ("八万円", 80_000),
        ("1兆円", 10**12),
    ],
)
def test_amounts_in_every_common_spelling(text: str, yen: int) -> None:
    assert parse_amount(text) == Decimal(yen)


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("8まんえん", 80_000),
        ("ごまんえん", 50_000),
        ("じゅうまん", 100_000),
        ("じゅうまんえん", 100_000),
        ("にじゅうまんくらい", 200_000),
        ("さんまんごせんえん", 35_000),
        ("ひゃくまん", 1_000_000),
        ("はっぴゃくまんえん", 8_000_000),
        ("せんえん", 1_000),
        ("ゴマンエン", 50_000),
        ("ｺﾞﾏﾝｴﾝ", 50_000),
        ("残高はごまんです", 50_000),
        ("5万ごせんえん", 55_000),
        ("りそく ろくまんごせん 金利わからん", 65_000),
        ("じゅうにまん ごせん えん", 125_000),
    ],
)
def test_amounts_written_in_kana(text: str, yen: int) -> None:
    assert parse_amount(text) == Decimal(yen)


@pytest.mark.parametrize(
    "text",
    ["なにまんえん", "すうじゅうまんえん", "ついでにまんがを読んだ", "ご返済はいつですか", "まんなか", "いちにさん"],
)
def test_kana_that_only_looks_like_a_number_is_not_an_amount(text: str) -> None:
    assert [q.kind for q in find_quantities(text)] == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("年17.8で30万60日の利息おしえて", [("rate", "17.8"), ("amount", "300000"), ("days", "60")]),
        ("10万30日", [("amount", "100000"), ("days", "30")]),
        ("30万18%で", [("amount", "300000"), ("rate", "18")]),
        ("1万5千円", [("amount", "15000")]),
        ("10万年30日", [("amount", "100000"), ("days", "30")]),  # nobody counts years in 万
    ],
)
def test_an_amount_run_into_a_period_or_rate_is_two_quantities(text: str, found: list[tuple[str, str]]) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, Decimal(value)) for kind, value in found]


def test_a_particle_before_a_number_is_not_part_of_it() -> None:
    assert [(q.kind, q.value) for q in find_quantities("半年前に10万円借りた")] == [
        ("days", Decimal(180)),
        ("amount", Decimal(100_000)),
    ]


@pytest.mark.parametrize("text", ["8万くらい", "約8万", "8万ほど", "8万円ぐらい", "だいたい8万円", "8万円前後"])
def test_an_approximate_amount_is_read_as_its_number(text: str) -> None:
    assert parse_amount(text) == Decimal(80_000)


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("18%", "18"),
        ("１８％", "18"),
        ("18パーセント", "18"),
        ("年利17.8%", "17.8"),
        ("年18%", "18"),
        ("十八パーセント", "18"),
        ("年率 15.0 %", "15"),
        ("金利は17.8です", "17.8"),
        ("年率18%", "18"),
        ("年18パーセント", "18"),
        ("18パー", "18"),
        ("18ぱー", "18"),
        ("金利18", "18"),
        ("実質年率18%", "18"),
        ("実質年率は17.8%です", "17.8"),
        ("年18で30日", "18"),
        ("じゅうはちぱーせんと", "18"),
    ],
)
def test_rates_in_percent_a_year(text: str, percent: str) -> None:
    assert parse_rate(text) == Decimal(percent)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("30日", 30),
        ("30日間", 30),
        ("三十日", 30),
        ("1か月", 30),
        ("1ヶ月", 30),
        ("1カ月", 30),
        ("一ヶ月", 30),
        ("ひと月借りたら", 30),
        ("3ヶ月間", 90),
        ("2週間", 14),
        ("1年", 365),
        ("１年間", 365),
        ("2か月半", 75),
        ("2ヶ月半", 75),
        ("ひと月", 30),
        ("一か月", 30),
        ("10日間", 10),
        ("半月", 15),
        ("1週間", 7),
        ("ひと月半", 45),
        ("1か月半", 45),
        ("半年", 180),
        ("半年間", 180),
        ("1年半", 545),
        ("期間はひと月", 30),
    ],
)
def test_periods_in_days_with_a_month_of_30_and_a_year_of_365(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("さんじゅうにち", 30),
        ("2しゅうかん", 14),
        ("3かげつ", 90),
        ("さんじゅういちにち の りそく は", 31),
        ("にじゅうにちかん", 20),
        ("ごにち", 5),
        ("はつか", 20),
        ("はつかぶんの りそく", 20),
        ("とおか後に返す", 10),
        ("じゃあ はつかなら？", 20),
        ("とおか だら なんぼだ", 10),
    ],
)
def test_periods_in_kana_and_the_traditional_day_counts(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["2にち の あさ 9じ は?", "2日の朝9時", "30日の夜"])
def test_a_day_of_the_month_before_a_time_of_that_day_is_a_date_not_a_period(text: str) -> None:
    assert parse_days(text) is None


@pytest.mark.parametrize("text", ["いつか返します", "どうしようか", "はつかだらけ", "いちにちじゅう ログインできない", "にちようびの夜"])
def test_words_that_only_sound_like_day_counts_are_not_periods(text: str) -> None:
    assert parse_days(text) is None


@pytest.mark.parametrize("text", ["年に十五パーセントて書いてあります", "年に十五%", "ねんに15ぱーせんと"])
def test_a_kana_particle_before_a_numeral_is_not_its_first_digit(text: str) -> None:
    assert parse_rate(text) == 15


def test_the_worked_question_gives_amount_rate_and_days() -> None:
    text = "10万円を年18%で30日借りたら利息は？"

    quantities = find_quantities(text)

    assert [(q.kind, q.value) for q in quantities] == [
        ("amount", Decimal(100_000)),
        ("rate", Decimal(18)),
        ("days", Decimal(30)),
    ]
    assert [text[q.start : q.end] for q in quantities] == ["10万円", "18%", "30日"]


def test_spans_point_into_the_original_full_width_text() -> None:
    text = "借入は１０万円、金利は１８％です"

    spans = [text[q.start : q.end] for q in find_quantities(text)]

    assert spans == ["１０万円", "１８％"]


def test_half_width_katakana_is_read_after_normalisation() -> None:
    text = "ﾌﾟﾛﾐｽ 18ﾊﾟｰｾﾝﾄ"

    (rate,) = find_quantities(text)

    assert (rate.kind, rate.value, text[rate.start : rate.end]) == ("rate", Decimal(18), "18ﾊﾟｰｾﾝﾄ")


@pytest.mark.parametrize(
    "text",
    [
        "毎月1万円ずつ返す",
        "月々1万円",
        "月に1万円返しています",
        "ひと月に1万円",
        "1か月あたり1万円",
        "返済は月1万円です",
        "毎月の返済額は1万円です",
        "毎月25日に1万円",
        "1万円ずつ毎月返す",
    ],
)
def test_monthly_repayments_are_marked_monthly(text: str) -> None:
    (amount,) = [q for q in find_quantities(text) if q.kind == "amount"]

    assert (amount.value, amount.role) == (Decimal(10_000), "monthly")


@pytest.mark.parametrize(
    "text",
    ["1万円を返した", "今月1万円返した", "3か月に1回、1万円返す", "1万円を毎月返す。"],
)
def test_other_amounts_are_not_monthly(text: str) -> None:
    (amount,) = [q for q in find_quantities(text) if q.kind == "amount"]

    assert amount.role is None


def test_only_the_repayment_is_monthly_when_the_balance_comes_first() -> None:
    quantities = find_quantities("10万円借りて、毎月1万円ずつ返します")

    assert [(q.value, q.role) for q in quantities] == [(Decimal(100_000), None), (Decimal(10_000), "monthly")]


@pytest.mark.parametrize(("text", "value"), [("1円未満は切り捨てですか", 1), ("10万円 未満の借入", 100_000), ("１０万円未満", 100_000), ("利息て1円より細かいとこが出ますやろ", 1)])
def test_an_amount_named_as_a_limit_is_marked_bound(text: str, value: int) -> None:
    (amount,) = find_quantities(text)

    assert (amount.value, amount.role) == (Decimal(value), "bound")


def test_an_amount_beside_a_limit_is_not_bound() -> None:
    quantities = find_quantities("残高は5万円です。1円未満はどうなりますか")

    assert [(q.value, q.role) for q in quantities] == [(Decimal(50_000), None), (Decimal(1), "bound")]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("マイナス5万", "amount", -50_000),
        ("-50000円", "amount", -50_000),
        ("-5万円", "amount", -50_000),
        ("－５万円", "amount", -50_000),
        ("−5万", "amount", -50_000),
        ("ー5万円", "amount", -50_000),
        ("残高は -¥5,000 です", "amount", -5_000),
        ("マイナスごまんえん", "amount", -50_000),
        ("-5%", "rate", -5),
        ("年利-5%", "rate", -5),
        ("マイナス18%", "rate", -18),
        ("-30日", "days", -30),
        ("-2か月半", "days", -75),
    ],
)
def test_a_minus_sign_makes_the_number_negative_never_positive(text: str, kind: str, value: int) -> None:
    (quantity,) = find_quantities(text)

    assert (quantity.kind, quantity.value) == (kind, Decimal(value))
    assert text[quantity.start : quantity.end].lstrip(" ").startswith(("マイナス", "-", "－", "−", "ー"))


def test_a_negative_bare_answer_stays_negative() -> None:
    assert (parse_amount("-5000"), parse_rate("マイナス5"), parse_days("-30")) == (
        Decimal(-5_000),
        Decimal(-5),
        Decimal(-30),
    )


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("10万-20万円", [100_000, 200_000]),
        ("10万ー20万円", [100_000, 200_000]),
        ("5万 - 10万円", [50_000, 100_000]),
        ("- 10万円を借りています", [100_000]),  # a list item
    ],
)
def test_a_hyphen_between_two_numbers_or_before_a_space_is_not_a_minus(text: str, values: list[int]) -> None:
    assert [q.value for q in find_quantities(text)] == [Decimal(v) for v in values]


@pytest.mark.parametrize(
    ("text", "value"),
    [("あのーさんじゅうにち", 30), ("えーとー10万円", 100_000), ("あのーひゃくにじゅうまんえん借りてて", 1_200_000)],
)
def test_the_long_vowel_of_a_filler_word_before_a_number_is_not_a_minus(text: str, value: int) -> None:
    (quantity,) = find_quantities(text)

    assert quantity.value == Decimal(value)


@pytest.mark.parametrize(
    ("text", "days"),
    [("0日", "0"), ("0.5日", "0.5"), ("1日半", "1.5"), ("1週間半", "10.5"), ("0か月", "0")],
)
def test_impossible_periods_are_read_as_written_for_the_form_to_explain(text: str, days: str) -> None:
    assert parse_days(text) == Decimal(days)


@pytest.mark.parametrize(("text", "kind"), [("0円", "amount"), ("0%", "rate"), ("100%", "rate")])
def test_impossible_amounts_and_rates_are_read_as_written(text: str, kind: str) -> None:
    assert [q.kind for q in find_quantities(text)] == [kind]


@pytest.mark.parametrize("text", ["18%", "年利17.8%", "30日", "2週間", "1年"])
def test_rates_and_periods_are_not_amounts(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["年利18%", "年18%で", "年率15%"])
def test_the_year_of_an_annual_rate_is_not_a_period(text: str) -> None:
    assert parse_days(text) is None
    assert [q.kind for q in find_quantities(text)] == ["rate"]


@pytest.mark.parametrize(
    "text",
    ["毎月25日に返済", "3月15日", "15日に返します", "2028年1月", "令和10年", "1日あたりの利息", "10日まで"],
)
def test_dates_and_frequencies_are_not_periods(text: str) -> None:
    assert parse_days(text) is None


def test_a_date_and_a_period_in_one_sentence() -> None:
    assert parse_days("1月30日から30日間借ります") == 30


@pytest.mark.parametrize(
    ("text", "amount", "rate", "days"),
    [
        ("100000", Decimal(100_000), Decimal(100_000), 100_000),
        ("17.8", Decimal("17.8"), Decimal("17.8"), Decimal("17.8")),  # the form says: whole days, please
        ("0", Decimal(0), Decimal(0), Decimal(0)),
        ("30です", Decimal(30), Decimal(30), 30),
        ("はい、100000です", Decimal(100_000), Decimal(100_000), 100_000),
    ],
)
def test_a_bare_number_answers_the_question_asked(
    text: str, amount: Decimal, rate: Decimal, days: Optional[Decimal]
) -> None:
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (amount, rate, days)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("残高は100000です", "amount", Decimal(100_000)),
        ("ざんだか 50000", "amount", Decimal(50_000)),
        ("ひにち 0", "days", Decimal(0)),
        ("日数は45", "days", Decimal(45)),
        ("金利 18", "rate", Decimal(18)),
    ],
)
def test_a_figure_labelled_by_the_word_before_it_is_read_as_that(text: str, kind: str, value: Decimal) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, value)]


def test_beside_another_figure_the_bare_number_answers_the_question_asked() -> None:
    assert parse_rate("おけ じゃ17.8で60日") == Decimal("17.8")
    assert parse_days("18%で30") == 30
    assert parse_rate("10万円で30日") is None  # every numeral has its unit: no rate was given


def test_days_in_kana() -> None:
    assert parse_days("14にち") == 14 and parse_days("30ニチ") == 30


def test_a_rate_word_after_an_amount_is_not_a_year() -> None:
    assert [(q.kind, q.value) for q in find_quantities("￥80,000 年率15 2か月半")] == [
        ("amount", Decimal(80_000)), ("rate", Decimal(15)), ("days", 75)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "わかりません",
        "十分です",
        "0120-24-0365",
        "電話は0120-24-0365です",
        "10,0000円",
        "10万人",
        "3回",
        "1と2",
        "万円",
        "実質年率",
    ],
)
def test_unreadable_or_ambiguous_text_gives_nothing(text: str) -> None:
    assert find_quantities(text) == []
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("10,0000円", ["10,0000円"]),
        ("１０，００００円", ["１０，００００円"]),
        ("100000を18%で30日", ["100000"]),
        ("1と2", ["1", "2"]),
        ("マイナス100000で", ["マイナス100000"]),
        ("5000くらい", ["5000"]),
    ],
)
def test_numbers_typed_but_not_read_are_named(text: str, unread: list[str]) -> None:
    assert [text[start:end] for start, end in find_unread_numbers(text)] == unread


@pytest.mark.parametrize(
    "text",
    [
        "10万円を年18%で30日",
        "3回目の質問です",
        "0120-24-0365に電話した",
        "4桁の番号",
        "2つ目",
        "1こ質問です",
        "ID 12345",
        "2026/1/1",
        "12:30に",
        "3月1日",
        "10万人",
        "2026年",
    ],
)
def test_numbers_that_are_no_quantity_by_design_are_not_unread(text: str) -> None:
    assert find_unread_numbers(text) == []


def test_first_of_several_is_returned() -> None:
    text = "5万円と3万円、18%と15%、30日と60日"

    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (Decimal(50_000), Decimal(18), 30)


@given(st.integers(min_value=1, max_value=10**12))
def test_any_whole_yen_amount_reads_back_in_four_spellings(yen: int) -> None:
    spellings = [f"{yen}円", f"{yen:,}円", f"{yen:,}円".translate(FULL_WIDTH), f"{number2kanji(yen)}円"]

    assert [parse_amount(s) for s in spellings] == [Decimal(yen)] * 4


@given(st.integers(min_value=1, max_value=3650))
def test_any_number_of_days_reads_back(days: int) -> None:
    assert parse_days(f"{days}日間") == days
    assert parse_days(f"{number2kanji(days)}日") == days


@given(st.integers(min_value=1, max_value=999).map(lambda tenths: Decimal(tenths) / 10))
def test_any_rate_with_one_decimal_reads_back(rate: Decimal) -> None:
    assert parse_rate(f"年利{rate}%") == rate
    assert parse_rate(f"{rate}%".translate(FULL_WIDTH)) == rate


@given(st.text(alphabet=st.sampled_from("0123456789０１２３４５６７８９一二三十百千万億円%％日週間か月ヶ年利毎々に,.-¥ﾊﾟｰｾﾝﾄ ")))
def test_never_raises_and_spans_stay_inside_the_text(text: str) -> None:
    quantities = find_quantities(text)

    assert all(isinstance(q, Quantity) for q in quantities)
    assert all(0 <= q.start < q.end <= len(text) for q in quantities)
    assert all(a.end <= b.start for a, b in zip(quantities, quantities[1:], strict=False))
    assert all(q.kind in {"amount", "rate", "days"} for q in quantities)
    parse_amount(text), parse_rate(text), parse_days(text)
    assert all(0 <= start < end <= len(text) for start, end in find_unread_numbers(text))


@given(st.integers(min_value=1, max_value=10**12))
def test_any_amount_with_a_minus_reads_negative(yen: int) -> None:
    assert parse_amount(f"-{yen:,}円") == Decimal(-yen)
    assert parse_amount(f"マイナス{number2kanji(yen)}円") == Decimal(-yen)


@given(st.text())
def test_any_unicode_text_is_safe(text: str) -> None:
    for quantity in find_quantities(text):
        assert 0 <= quantity.start < quantity.end <= len(text)
    parse_amount(text), parse_rate(text), parse_days(text), find_unread_numbers(text)


@given(st.text(alphabet=st.sampled_from("いちにさんよんごろくななはちきゅうじゅうひゃくせんまんおくちょうえんぱー%円0123-マイナス ")))
def test_any_kana_numeral_text_is_safe(text: str) -> None:
    quantities = find_quantities(text)

    assert all(0 <= q.start < q.end <= len(text) for q in quantities)
    assert all(a.end <= b.start for a, b in zip(quantities, quantities[1:], strict=False))
    parse_amount(text), parse_rate(text), parse_days(text)


@pytest.mark.parametrize("text", ["1" * 40 + "円", "-" + "1" * 40 + "円", "9" * 30 + "兆円", "1" * 40 + "か月半", "1" * 2000])
def test_absurdly_long_numbers_are_read_without_raising(text: str) -> None:
    (value,) = [q.value for q in find_quantities(text)] or [parse_amount(text)]

    assert abs(value) > 10**30 and (value < 0) == text.startswith("-")


@pytest.mark.parametrize("text", ["年利は十七・八パーセント", "十七点八%", "年利十七．八%", "17・8%"])
def test_a_decimal_point_said_as_ten_or_written_as_a_middle_dot(text):
    assert [(q.kind, q.value) for q in find_quantities(text)] == [("rate", Decimal("17.8"))]


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("45日ではなく、50日にしてください", "days", 50),
        ("60日じゃなくて45日で", "days", 45),
        ("金額は8万やなくて10万", "amount", 100_000),
    ],
)
def test_a_correction_in_the_same_message_keeps_the_second_figure(text: str, kind: str, value) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, value)]


def test_a_decimal_point_said_in_kana() -> None:
    assert [(q.kind, q.value) for q in find_quantities("ねんり じゅうななてんはち ぱーせんと")] == [("rate", Decimal("17.8"))]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("1か月と10日", 40),
        ("一ヶ月と十日", 40),
        ("1ヶ月10日", 40),
        ("1ヶ月 10日", 40),
        ("一か月十日", 40),
        ("ひと月と10日", 40),
        ("1か月と10日間", 40),
        ("３週間と２日", 23),
        ("3週と2日", 23),
        ("1年と2か月", 365 + 60),
        ("1年と、2か月", 365 + 60),
        ("1年2か月", 365 + 60),
        ("一年二か月", 365 + 60),
        ("1年と2か月と10日", 365 + 60 + 10),
        ("2か月と半月", 75),  # as "2か月半"
        ("1年と半年", 545),  # as "1年半"
        ("2か月半と3日", 78),
    ],
)
def test_a_period_said_in_parts_is_one_period_the_sum_of_its_parts(text: str, days: int) -> None:
    (period,) = find_quantities(text)

    assert (period.kind, period.value, text[period.start : period.end]) == ("days", days, text)
    assert parse_days(text) == days


def test_a_period_in_parts_inside_an_interest_question() -> None:
    text = "10万円を年18%で1か月と10日借りたら利息は？"

    quantities = find_quantities(text)

    assert [(q.kind, q.value) for q in quantities] == [("amount", 100_000), ("rate", 18), ("days", 40)]
    assert text[quantities[-1].start : quantities[-1].end] == "1か月と10日"


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("30日と60日", [30, 60]),  # two of the same unit: two periods
        ("30日と1か月", [30, 30]),  # the smaller unit first: two periods
        ("1か月と1か月", [30, 30]),
        ("1か月です。10日", [30, 10]),  # different sentences
        ("30日。40日", [30, 40]),
        ("1か月と10日ではどっちが安い？", [30, 10]),  # two options compared
        ("1か月と10日、どちらがいい？", [30, 10]),
        ("1か月と10日の違いは？", [30, 10]),
        ("30日でなくて40日", [40]),  # a correction: the later one stands
        ("1か月と10日ではなく50日", [50]),
    ],
)
def test_periods_that_are_not_adjacent_parts_stay_separate(text: str, periods: list[int]) -> None:
    assert [q.value for q in find_quantities(text) if q.kind == "days"] == periods


@pytest.mark.parametrize(("text", "days"), [("-1か月と10日", -40), ("マイナス1年と2か月", -425)])
def test_a_minus_before_a_period_in_parts_makes_the_whole_negative(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize("text", ["3月10日", "今月10日", "毎月10日", "1年2月"])
def test_a_month_of_the_calendar_before_a_day_is_still_a_date(text: str) -> None:
    assert parse_days(text) is None


@given(st.integers(min_value=1, max_value=24), st.integers(min_value=1, max_value=29))
def test_any_months_and_days_read_back_as_their_sum(months: int, days: int) -> None:
    assert parse_days(f"{months}か月と{days}日") == months * 30 + days
    assert parse_days(f"{number2kanji(months)}ヶ月{number2kanji(days)}日") == months * 30 + days


@given(st.integers(min_value=1, max_value=52), st.integers(min_value=1, max_value=6))
def test_any_weeks_and_days_read_back_as_their_sum(weeks: int, days: int) -> None:
    assert parse_days(f"{weeks}週間と{days}日") == weeks * 7 + days


@pytest.mark.parametrize(
    "text",
    [
        "一つ教えてください",
        "ひとつ質問",
        "ひとつ",
        "一つ",
        "二つ",
        "3つ",
        "二つ目",
        "1つ目の質問",
        "3つ目の質問です",
        "1こ質問があります",
        "ひとつきいてもいいですか",  # ひとつ + 聞いても, not ひとつき (one month)
        "ひとつききたいです",
    ],
)
def test_a_counter_for_things_is_never_an_amount_a_rate_or_a_period(text: str) -> None:
    assert find_quantities(text) == []
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (None, None, None)
    assert find_unread_numbers(text) == []


def test_beside_a_counted_thing_the_period_is_still_read() -> None:
    assert parse_days("ひとつき借りたら") == 30  # ひとつき (one month) is a unit, not ひとつ + き
    assert parse_days("一つ目は30日") == 30
    assert parse_days("質問が2つあります。30日だと？") == 30
    assert parse_days("ひとつ質問です。1か月と10日だと？") == 40


# --- English and ASCII units -----------------------------------------------------------------------
# Customers who work in IT or abroad write units and labels in English. What is read, and why the
# ambiguous tokens ("d", "mo", "k", "APR", "interest") are read only where they are: the module docstring.


def found(text: str) -> list[tuple[str, Decimal]]:
    return [(q.kind, q.value) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("principal ¥120,000 / APR 17.8% / 45days", [("amount", 120_000), ("rate", "17.8"), ("days", 45)]),
        ("120000yen 18% 30 days", [("amount", 120_000), ("rate", 18), ("days", 30)]),
        ("balance 50k, rate 15%, 2 weeks", [("amount", 50_000), ("rate", 15), ("days", 14)]),
        ("10万 / 年利18% / 1 month", [("amount", 100_000), ("rate", 18), ("days", 30)]),
        ("3 months", [("days", 90)]),
        ("60 day", [("days", 60)]),
        ("JPY 80,000", [("amount", 80_000)]),
        ("100,000 JPY", [("amount", 100_000)]),
        ("rate: 17.8%/year", [("rate", "17.8")]),
        ("for 2wks", [("days", 14)]),
        ("1.5 months", [("days", 45)]),
        ("balance: 120,000yen, APR: 17.8%, term: 45 days", [("amount", 120_000), ("rate", "17.8"), ("days", 45)]),
        ("loan 300k @ 15% p.a. for 6 months", [("amount", 300_000), ("rate", 15), ("days", 180)]),
        ("owe 80k, rate 18, 60 days", [("amount", 80_000), ("rate", 18), ("days", 60)]),
        ("borrowed 10万 at 18% for 1 month and 10 days", [("amount", 100_000), ("rate", 18), ("days", 40)]),
        ("¥80,000 for 30 days", [("amount", 80_000), ("days", 30)]),
        ("10万円を年18%で45days", [("amount", 100_000), ("rate", 18), ("days", 45)]),
    ],
)
def test_english_and_ascii_units_and_labels_give_the_figures(text: str, figures: list[tuple[str, object]]) -> None:
    assert found(text) == [(kind, Decimal(value)) for kind, value in figures]


def test_spans_of_english_units_cover_the_number_and_its_unit_as_typed() -> None:
    text = "principal ¥120,000 / APR 17.8%/year / ４５ｄａｙｓ"

    assert [text[q.start : q.end] for q in find_quantities(text)] == ["¥120,000", "17.8%/year", "４５ｄａｙｓ"]


@pytest.mark.parametrize(
    ("english", "japanese", "days"),
    [
        ("30 days", "30日", 30),
        ("1 week", "1週間", 7),
        ("2 weeks", "2週間", 14),
        ("1 month", "1か月", 30),  # one repayment month, DAYS_PER_REPAYMENT_MONTH
        ("1.5 months", "1.5か月", 45),
        ("3 months", "3ヶ月", 90),
        ("1 year", "1年", 365),
        ("1 month and 10 days", "1か月と10日", 40),
        ("1 month 10 days", "1ヶ月10日", 40),
        ("1 year 2 months", "1年2か月", 425),
        ("3 weeks & 2 days", "3週間と2日", 23),
        ("0.5 days", "0.5日", Decimal("0.5")),  # read as written, for the form to explain
        ("-30 days", "-30日", -30),
    ],
)
def test_english_periods_count_exactly_as_their_japanese_units(english: str, japanese: str, days) -> None:
    assert parse_days(english) == parse_days(japanese) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("45days", 45),
        ("60 day", 60),
        ("30-day loan", 30),
        ("90 DAYS", 90),
        ("2wks", 14),
        ("2 wk", 14),
        ("1 yr", 365),
        ("2 yrs", 730),
        ("30d", 30),  # glued and lower case: a duration, as IT people write it
        ("3mo", 90),
        ("3mos", 90),
        ("30dで", 30),
        ("2 weeks ago", 14),  # as "半年前" is read as 180 days
    ],
)
def test_english_unit_words_and_their_abbreviations(text: str, days: int) -> None:
    assert parse_days(text) == days


@pytest.mark.parametrize(
    "text",
    [
        "3D secure",  # three-dimensional
        "3d secure",  # the card check, whatever the case
        "30 d",  # a lone letter after a space may be anything
        "3 mo",  # "mo" after a space may be romaji も
        "3MO",
        "30dポイント",  # a word: dポイント
        "1y",
        "2w",
        "5m",  # minutes, metres or a million
        "2 weekends",
        "4 digits",
    ],
)
def test_abbreviations_that_may_be_something_else_are_no_periods(text: str) -> None:
    assert [q for q in find_quantities(text) if q.kind == "days"] == []
    assert parse_days(text) is None


@pytest.mark.parametrize(
    "text",
    ["every 2 weeks", "per 1 month", "each 30 days", "2 days a week", "3 days per month", "1 day/week", "100 years"],
)
def test_how_often_and_calendar_years_are_no_periods(text: str) -> None:
    assert parse_days(text) is None


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("1 month and 10 days, which is cheaper?", [30, 10]),
        ("30 days vs 45 days", [30, 45]),
        ("10 days and 1 month", [10, 30]),  # the smaller unit first
        ("30日と1 month", [30, 30]),
        ("1 month and 10 days or 50 days?", [40, 50]),  # one period said in parts, then the other option
    ],
)
def test_english_periods_are_one_only_when_said_as_its_parts(text: str, periods: list[int]) -> None:
    assert [q.value for q in find_quantities(text) if q.kind == "days"] == periods


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("120000yen", 120_000),
        ("120,000 Yen", 120_000),
        ("100,000 JPY", 100_000),
        ("JPY 80,000", 80_000),
        ("JPY80,000", 80_000),
        ("jpy 80000", 80_000),
        ("￥120,000", 120_000),
        ("10万 yen", 100_000),
        ("-50k yen", -50_000),
        ("5 JPY 80,000", 80_000),  # JPY between two numbers is the second one's
    ],
)
def test_yen_written_in_english(text: str, yen: int) -> None:
    assert [q.value for q in find_quantities(text) if q.kind == "amount"][-1] == yen


@pytest.mark.parametrize(
    ("text", "yen"),
    [
        ("50k yen", 50_000),
        ("¥50k", 50_000),
        ("JPY 50k", 50_000),
        ("50K円", 50_000),
        ("balance 50k", 50_000),
        ("borrowed about 50k", 50_000),
        ("principal: 1.5k", 1_500),
        ("monthly payment 10k", 10_000),
        ("10k/mo", 10_000),
        ("残高50k", 50_000),
        ("50k借りた", 50_000),
    ],
)
def test_k_is_a_thousand_yen_where_the_message_says_it_is_money(text: str, yen: int) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [("amount", yen)]


@pytest.mark.parametrize(
    "text", ["4K TV", "I live in a 1K", "5k run", "Y2K", "50kg", "5km", "50 k", "borrowed 50k USD", "50k"]
)
def test_k_with_nothing_saying_it_is_yen_is_no_amount(text: str) -> None:
    assert find_quantities(text) == []


def test_an_unmarked_k_is_named_so_the_customer_is_asked_for_it_in_yen() -> None:
    text = "50k 18% 30 days"

    assert found(text) == [("rate", 18), ("days", 30)]
    assert [text[start:end] for start, end in find_unread_numbers(text)] == ["50k"]


def test_k_alone_answers_the_question_for_the_balance_only() -> None:
    assert (parse_amount("50k"), parse_rate("50k"), parse_days("50k")) == (Decimal(50_000), None, None)
    assert parse_amount("Y2K") is None


@pytest.mark.parametrize(
    ("text", "percent", "span"),
    [
        ("rate 15", 15, "15"),
        ("rate: 17.8", "17.8", "17.8"),
        ("interest rate is about 15", 15, "15"),
        ("annual rate 18", 18, "18"),
        ("APR 17.8", "17.8", "17.8"),
        ("interest 18", 18, "18"),
        ("17.8 p.a.", "17.8", "17.8 p.a."),
        ("17.8 per annum", "17.8", "17.8 per annum"),
        ("17.8 APR", "17.8", "17.8 APR"),
        ("18 percent", 18, "18 percent"),
        ("15 pct", 15, "15 pct"),
        ("rate: 17.8%/year", "17.8", "17.8%/year"),
        ("15% p.a.", 15, "15% p.a."),
        ("18% a year", 18, "18% a year"),
        ("18% APR", 18, "18% APR"),
        ("interest: 18% per annum", 18, "18% per annum"),
    ],
)
def test_english_rate_labels_make_the_yearly_rate(text: str, percent, span: str) -> None:
    (rate,) = find_quantities(text)

    assert (rate.kind, rate.value, text[rate.start : rate.end]) == ("rate", Decimal(percent), span)


@pytest.mark.parametrize("text", ["1.5%/month", "0.05% a day", "2% monthly", "1% per week", "18% a month"])
def test_a_monthly_or_daily_rate_is_no_yearly_rate_and_is_named_unread(text: str) -> None:
    assert find_quantities(text) == []
    assert [text[start:end] for start, end in find_unread_numbers(text)] == [text.split("%")[0] + "%"]


def test_a_rate_before_a_monthly_payment_is_still_yearly() -> None:
    quantities = find_quantities("18% monthly payment 10k")

    assert [(q.kind, q.value, q.role) for q in quantities] == [("rate", 18, None), ("amount", 10_000, "monthly")]


@pytest.mark.parametrize("text", ["interest 1479", "APR 2026"])  # yen of interest; April 2026
def test_labels_that_may_name_something_else_give_no_rate(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize("text", ["Apr 30", "May 1", "30 APR 2026", "on Sept. 15"])
def test_english_dates_are_no_figures(text: str) -> None:
    assert find_quantities(text) == []
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (None, None, None)


@pytest.mark.parametrize(
    "text",
    [
        "10k a month",
        "10,000 yen per month",
        "10k/mo",
        "10,000 yen monthly",
        "10,000 yen every month",
        "monthly payment 10k",
        "every month 10,000 yen",
    ],
)
def test_english_monthly_repayments_are_marked_monthly(text: str) -> None:
    (amount,) = find_quantities(text)

    assert (amount.kind, amount.value, amount.role) == ("amount", 10_000, "monthly")


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        ("balance 50k, paying 10k/mo", [(50_000, None), (10_000, "monthly")]),
        ("monthly 10k and balance 50k", [(10_000, "monthly"), (50_000, None)]),
        ("borrowed 50k a month ago", [(50_000, None)]),
    ],
)
def test_only_the_english_monthly_amount_is_monthly(text: str, amounts: list[tuple[int, object]]) -> None:
    assert [(q.value, q.role) for q in find_quantities(text) if q.kind == "amount"] == amounts


@pytest.mark.parametrize(
    "text",
    [
        "ID",
        "PW",
        "Visa",
        "2FA",
        "OK",
        "ID 12345",
        "PW 1234",
        "PW:1234",
        "PIN: 1234",
        "Visa 4980",
        "4 digits of the PIN",
        "the last 4 of my card",
        "3 times",
        "$500",
        "500 USD",
        "500 dollars",
        "10万 people",
    ],
)
def test_words_around_numbers_that_make_them_no_figures(text: str) -> None:
    assert find_quantities(text) == []
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (None, None, None)


@pytest.mark.parametrize(
    "text", ["ID 12345", "PW 1234", "Visa 4980", "4 digits of the PIN", "2FA", "3 times", "Apr 30"]
)
def test_identifiers_counters_and_dates_in_english_are_not_named_unread(text: str) -> None:
    assert find_unread_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("balance 100000 at 18% for 30 days", ["100000"]),  # as "残高100000を18%で30日": no unit says what it is
        ("10,0000 yen", ["10,0000 yen"]),
    ],
)
def test_english_figures_without_a_readable_unit_are_named(text: str, unread: list[str]) -> None:
    assert [text[start:end] for start, end in find_unread_numbers(text)] == unread


@pytest.mark.parametrize(("text", "value"), [("30 please", 30), ("17.8 I think", "17.8"), ("100000 left", 100_000)])
def test_a_bare_answer_may_end_in_an_english_word_that_counts_nothing(text: str, value) -> None:
    assert (parse_amount(text), parse_rate(text), parse_days(text)) == (Decimal(value),) * 3


_ENGLISH_TOKENS = [
    "1", "30", "1.5", "10万", "k", "K", "d", "mo", " ", "-", "/", ",", "yen", "JPY", "¥", "%", "days", "week",
    "months", "yr", "and", "which", "a", "per", "rate", "APR", "interest", "p.a.", "balance", "円", "日", "か月",
    "ID", "Apr", "$", "USD", "monthly", "ago", "for", "と",
]  # fmt: skip


@given(st.lists(st.sampled_from(_ENGLISH_TOKENS), max_size=12).map("".join))
def test_english_units_never_raise_and_spans_never_overlap(text: str) -> None:
    quantities = find_quantities(text)

    assert all(0 <= q.start < q.end <= len(text) for q in quantities)
    assert all(a.end <= b.start for a, b in zip(quantities, quantities[1:], strict=False))
    parse_amount(text), parse_rate(text), parse_days(text)
    assert all(0 <= start < end <= len(text) for start, end in find_unread_numbers(text))


def test_a_native_day_count_with_about_in_dialect():
    assert parse_days("とおかぐれえだな") == 10
    assert parse_days("はつかくらい") == 20


def test_japanese_units_typed_in_romaji_are_periods():
    assert parse_days("30 nichi") == 30
    assert parse_days("2 kagetsu") == 60
    assert parse_days("3 shuukan") == 21


def test_the_formal_nite_after_days_is_no_date():
    assert parse_days("借入残高金９８，０００円、年率１９．９％、日数３１日にて利息を試算いただけますでしょうか。") == 31


def test_a_count_of_days_no_month_has_is_a_period_even_before_naru():
    assert [(q.kind, q.value) for q in find_quantities("もし45日になったらどうなりますか")] == [("days", Decimal(45))]
    assert find_quantities("15日になったら返します") == []  # the 15th of the month


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("残高ひゃくにじゅう万", "amount", Decimal(1_200_000)),
        ("ろくじゅう日分でお願いいたします", "days", Decimal(60)),
        ("ろくじゅうにぢ", "days", Decimal(60)),
        ("ふた月分で", "days", Decimal(60)),
        ("みつき借りたら", "days", Decimal(90)),
    ],
)
def test_kana_numerals_with_kanji_units_and_month_words_are_read(text: str, kind: str, value: Decimal) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, value)]


def test_one_month_said_again_in_days_is_one_month_not_two() -> None:
    assert [q.value for q in find_quantities("18%で、ひと月30日でお願いします") if q.kind == "days"] == [30, 30]


def test_a_particle_before_a_katakana_word_is_no_amount() -> None:
    assert find_quantities("暇つぶしにエンジニア向けのジョーク1つ頼む") == []


def test_a_rate_in_kana_labelled_by_the_word_before_it_is_read() -> None:
    assert [(q.kind, q.value) for q in find_quantities("ねんりつは、じゅうななてんはち、と紙に書いてあります")] == [("rate", Decimal("17.8"))]


@pytest.mark.parametrize(("text", "days"), [("同じ条件で60日にすると？", 60), ("期間だけ2週間にすると？", 14)])
def test_a_period_made_the_condition_of_a_what_if_is_a_period(text: str, days: int) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [("days", Decimal(days))]


def test_the_particle_after_a_rate_word_and_a_kana_word_are_no_rate() -> None:
    assert [q.kind for q in find_quantities("金利はちょっとわからないです")] == []


def test_a_figure_taken_back_is_told_apart_from_the_one_meant() -> None:
    from business.japanese_numbers import taken_back

    text = "日数が違ったわ。60日でねくて40日らった"
    assert taken_back(text, text.index("60日") + 3)
    assert not taken_back(text, text.index("40日") + 3)
    # Said, then replaced after a pause.
    text = "30日…いや、やっぱり60日分で"
    assert taken_back(text, text.index("30日") + 3)
    assert not taken_back(text, text.index("60日") + 3)
    text = "30日だといくら？あと60日なら？"
    assert not taken_back(text, text.index("30日") + 3)


def test_the_periods_a_message_names_leave_out_one_taken_back_and_any_not_whole() -> None:
    from business.japanese_numbers import whole_days_named

    text = "30日だといくら？あと60日でなくて40日なら？"
    spans = [(value, text.index(f"{value}日") + len(f"{value}日")) for value in ("30", "60", "40")]
    assert whole_days_named(text, spans) == [30, 40]
    assert whole_days_named("2.5日", [("2.5", 4)]) == []
    assert whole_days_named("0日", [("0", 2), ("abc", 2)]) == []


def test_a_figure_before_the_next_figures_label_is_not_read_as_days() -> None:
    """「年率18 日数0」: 18 is the rate; the 日 that follows it begins 日数, the label of the next figure."""
    assert [(q.kind, q.value) for q in find_quantities("残高10万 年率18 日数0")] == [
        ("amount", Decimal("100000")), ("rate", Decimal("18")), ("days", Decimal("0")),
    ]
    assert [(q.kind, q.value) for q in find_quantities("30日数えて")] == [("days", Decimal("30"))]


@pytest.mark.parametrize(
    "text, days",
    [("ジャア, ニカゲツ ハン ナラ?", 75), ("にかげつ", 60), ("いっかげつ", 30), ("さんかげつかん", 90), ("2かげつはん", 75)],
)
def test_periods_in_months_typed_in_kana_with_half_a_month(text, days) -> None:
    from business.message_facts import find_message_facts

    assert {fact.entity: fact.value for fact in find_message_facts(text)}["days"] == str(days)


def test_amounts_and_periods_typed_in_romaji() -> None:
    from business.message_facts import find_message_facts

    facts = {fact.entity: fact.value for fact in find_message_facts("8man karite te nenri 18%. 2kagetsu han dato risoku ikura?")}
    assert facts == {"amount": "80000", "rate": "18", "days": "75"}
    assert {fact.entity: fact.value for fact in find_message_facts("zandaka 5man en")} == {"amount": "50000"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # Formal numerals of deeds and old letters; 参考 and 拾う stay words.
        ("三拾萬円を六十日間", [("amount", 300000), ("days", 60)]),
        ("金八萬円也を三十日間", [("amount", 80000), ("days", 30)]),
        ("壱萬円", [("amount", 10000)]),
        ("参考までに拾った話です", []),
        # Rates in 割 and 分; 割引 is no rate.
        ("一兆円を年一割五分で三十日", [("amount", 1000000000000), ("rate", 15), ("days", 30)]),
        ("1割8分", [("rate", 18)]),
        ("3割引のクーポン", []),
        # And a half, said in words.
        ("ふたつきと半分", [("days", 75)]),
        ("2か月と半分", [("days", 75)]),
        ("ひと月とはんぶん", [("days", 45)]),
    ],
)
def test_formal_numerals_rates_in_wari_and_halves_in_words(text, expected) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, Decimal(value)) for kind, value in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A correction after the result, in kana and dialect.
        ("あ ちゃうわ 8まんじゃった", [("amount", 80000)]),
        ("はちまんやった", [("amount", 80000)]),
        ("ごまんに", [("amount", 50000)]),
        ("ごまんにせん", [("amount", 52000)]),
        ("やっぱ 60にちに するわ", [("days", 60)]),
        # A decimal said in a sentence is a rate; a version or a temperature is not.
        ("いや契約書見たら17.8やったちゃ", [("rate", Decimal("17.8"))]),
        ("iOS 17.2で開けない", []),
        ("気温12.5度", []),
    ],
)
def test_corrections_in_kana_and_dialect_and_a_decimal_rate_in_a_sentence(text, expected) -> None:
    assert [(q.kind, q.value) for q in find_quantities(text)] == [(kind, Decimal(value)) for kind, value in expected]


def test_a_bare_decimal_still_answers_the_amount_question() -> None:
    assert parse_amount("17.8") == Decimal("17.8")


def test_one_yen_and_finer_in_kana_is_a_limit() -> None:
    assert [q.role for q in find_quantities("てか 1えんより こまけえとこって どうなるん？")] == ["bound"]


def test_thousands_set_off_with_dots_are_a_whole_amount() -> None:
    assert [(q.kind, q.value) for q in find_quantities("ざんだか 80.000 えん、きんり 17.8%、30 にち")] == [
        ("amount", Decimal(80000)), ("rate", Decimal("17.8")), ("days", Decimal(30)),
    ]
    assert [q.value for q in find_quantities("1.5万円")] == [Decimal(15000)]


@pytest.mark.parametrize("text", ["17.8 トハ ナンノ スウジ カ", "その17.8ちゅうのはワシの金利なんか？", "なんで 17.8 なんね？", "17.8ですか？"])
def test_the_assistants_figure_asked_about_is_no_rate_given(text) -> None:
    assert find_quantities(text) == []
