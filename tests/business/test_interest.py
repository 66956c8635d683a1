"""Specification: interest arithmetic as FACTS.md states it, and what the customer is told."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from business.interest import (
    DAYS_PER_REPAYMENT_MONTH,
    DEFAULT_RATE,
    MAX_MONTHS,
    Problem,
    RepaymentPlan,
    SimulationError,
    _balance_problems,
    _simulable,
    assumed_rate,
    balance_problem,
    check_simulation,
    days_problem,
    describe_other_periods,
    describe_simulation,
    format_rate,
    format_yen,
    interest_for,
    legal_ceiling,
    rate_problem,
    repayment_plan,
    simulated_interest,
    simulation_rate,
    unread_answer_problem,
    unread_numbers_problem,
)
from business.japanese_numbers import parse_amount, parse_days, parse_rate

COMMON_YEAR_DAY = date(2027, 4, 1)
LEAP_YEAR_DAY = date(2028, 4, 1)

balances = st.integers(min_value=1, max_value=8_000_000).map(Decimal)
rates = st.integers(min_value=1, max_value=200).map(lambda tenths: Decimal(tenths) / 10)
periods = st.integers(min_value=0, max_value=3650)
starts = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


def day_by_day(balance: Decimal, rate: Decimal, days: int, start: date) -> Fraction:
    """Reference: each day's interest with its own year's divisor, summed exactly."""
    total = Fraction(0)
    for offset in range(days):
        day = start + timedelta(days=offset)
        total += Fraction(balance) * Fraction(rate) / 100 / (366 if calendar.isleap(day.year) else 365)
    return total


# --- interest_for ----------------------------------------------------------------------------------


def test_the_facts_example_100000_yen_at_18_percent_for_30_days_is_1479_yen() -> None:
    assert interest_for(Decimal(100_000), Decimal("18.0"), 30, COMMON_YEAR_DAY) == Decimal(1479)


@pytest.mark.parametrize(
    "text",
    [
        "10万円を年18%で1か月",
        "100,000 JPY at 18% p.a. for 1 month",
        "balance 100k, APR 18, 30d",
        "¥100,000 / 18%/year / 30 days",
    ],
)
def test_the_facts_example_said_in_english_units_is_the_same_1479_yen(text: str) -> None:
    balance, rate, days = parse_amount(text), parse_rate(text), parse_days(text)

    assert days == DAYS_PER_REPAYMENT_MONTH  # "1 month" is one repayment month, as "1か月" is
    assert interest_for(balance, rate, int(days), COMMON_YEAR_DAY) == Decimal(1479)


def test_days_in_a_leap_year_are_divided_by_366() -> None:
    # 100,000 × 0.18 × 30 / 366 = 1475.4…
    assert interest_for(Decimal(100_000), Decimal(18), 30, LEAP_YEAR_DAY) == Decimal(1475)


def test_a_period_across_new_year_splits_between_365_and_366() -> None:
    # 15 days of 2027 and 15 of 2028: 18,000 × (15/365 + 15/366) = 1477.4…
    assert interest_for(Decimal(100_000), Decimal(18), 30, date(2027, 12, 17)) == Decimal(1477)


def test_a_whole_year_is_exactly_the_annual_rate_not_one_yen_less() -> None:
    assert interest_for(Decimal(100_000), Decimal(18), 365, date(2027, 1, 1)) == Decimal(18_000)
    assert interest_for(Decimal(100_000), Decimal(18), 366, date(2028, 1, 1)) == Decimal(18_000)


def test_fractions_of_a_yen_are_truncated_not_rounded() -> None:
    # 10,000 × 0.18 × 30 / 365 = 147.94…: rounding would give 148.
    assert interest_for(Decimal(10_000), Decimal(18), 30, COMMON_YEAR_DAY) == Decimal(147)


def test_no_days_no_interest() -> None:
    assert interest_for(Decimal(100_000), Decimal(18), 0, COMMON_YEAR_DAY) == Decimal(0)


@pytest.mark.parametrize(("balance", "rate", "days"), [(-1, 18, 30), (100_000, -1, 30), (100_000, 18, -1)])
def test_negative_inputs_are_a_programming_error(balance: int, rate: int, days: int) -> None:
    with pytest.raises(ValueError):
        interest_for(Decimal(balance), Decimal(rate), days, COMMON_YEAR_DAY)


@given(balances, rates, periods, starts)
def test_truncation_is_at_most_one_yen_below_the_exact_day_by_day_value(
    balance: Decimal, rate: Decimal, days: int, start: date
) -> None:
    interest = interest_for(balance, rate, days, start)
    exact = day_by_day(balance, rate, days, start)

    assert interest == interest.to_integral_value()
    assert interest <= exact < interest + 1


@given(balances, rates, periods, periods, starts)
def test_more_days_never_mean_less_interest(
    balance: Decimal, rate: Decimal, days: int, more: int, start: date
) -> None:
    assert 0 <= interest_for(balance, rate, days, start) <= interest_for(balance, rate, days + more, start)


@given(balances, balances, rates, periods, starts)
def test_a_larger_balance_never_means_less_interest(
    balance: Decimal, extra: Decimal, rate: Decimal, days: int, start: date
) -> None:
    assert interest_for(balance, rate, days, start) <= interest_for(balance + extra, rate, days, start)


@given(balances, rates, st.integers(min_value=0, max_value=365))
def test_a_period_entirely_in_2028_uses_366(balance: Decimal, rate: Decimal, offset: int) -> None:
    start = date(2028, 1, 1) + timedelta(days=offset)
    days = (date(2029, 1, 1) - start).days

    expected = int(Fraction(balance) * Fraction(rate) * days / (100 * 366))

    assert interest_for(balance, rate, days, start) == Decimal(expected)


# --- legal ceiling and the assumed rate ------------------------------------------------------------


@pytest.mark.parametrize(
    ("balance", "ceiling"),
    [(1, "20.0"), (99_999, "20.0"), (100_000, "18.0"), (999_999, "18.0"), (1_000_000, "15.0"), (5_000_000, "15.0")],
)
def test_legal_ceiling_follows_the_interest_rate_restriction_act(balance: int, ceiling: str) -> None:
    assert legal_ceiling(Decimal(balance)) == Decimal(ceiling)


@pytest.mark.parametrize(("balance", "rate"), [(50_000, "17.8"), (500_000, "17.8"), (1_000_000, "15.0")])
def test_an_unknown_rate_is_assumed_17_8_but_never_above_the_ceiling(balance: int, rate: str) -> None:
    assert DEFAULT_RATE == Decimal("17.8")
    assert assumed_rate(Decimal(balance)) == Decimal(rate)


def test_a_simulation_uses_the_customers_rate_or_the_assumed_one_when_not_known() -> None:
    assert simulation_rate(Decimal(100_000), Decimal("15")) == Decimal("15")
    assert simulation_rate(Decimal(2_000_000), None) == Decimal("15.0")


def test_a_simulation_read_back_gives_the_figure_it_gave() -> None:
    # 100,000 yen at 18.0% for 30 days, and at the assumed 17.8%: 100,000 × 17.8% × 30 ÷ 365 = 1,463.01.
    assert simulated_interest(Decimal(100_000), Decimal("18"), 30, COMMON_YEAR_DAY) == Decimal(1479)
    assert simulated_interest(Decimal(100_000), None, 30, COMMON_YEAR_DAY) == Decimal(1463)


@pytest.mark.parametrize(("balance", "rate", "days"), [(-20_000, "18", 30), (200_000, "25", 30), (100_000, "18", 0)])
def test_a_simulation_the_checks_refuse_gives_no_figure(balance: int, rate: str, days: int) -> None:
    assert simulated_interest(Decimal(balance), Decimal(rate), days, COMMON_YEAR_DAY) is None


# --- repayment plan --------------------------------------------------------------------------------


def test_a_small_plan_worked_by_hand() -> None:
    # month 1: interest 147 (10,000 × 0.18 × 30/365), balance 10,147 − 6,000 = 4,147
    # month 2: interest 61 (4,147 × 0.18 × 30/365 = 61.3), 4,208 left, paid in full
    plan = repayment_plan(Decimal(10_000), Decimal(18), Decimal(6_000), date(2027, 1, 1))

    assert plan == RepaymentPlan(months=2, total_interest=Decimal(208), last_payment=Decimal(4208))


def test_100000_yen_repaid_10000_a_month_at_18_percent() -> None:
    plan = repayment_plan(Decimal(100_000), Decimal(18), Decimal(10_000), date(2027, 3, 1))

    assert (plan.months, plan.total_interest, plan.last_payment) == (11, Decimal(9018), Decimal(9018))


def test_a_payment_covering_everything_takes_one_month() -> None:
    plan = repayment_plan(Decimal(100_000), Decimal(18), Decimal(200_000), COMMON_YEAR_DAY)

    assert plan == RepaymentPlan(months=1, total_interest=Decimal(1479), last_payment=Decimal(101_479))


def test_a_payment_equal_to_the_interest_never_repays_and_says_so() -> None:
    with pytest.raises(SimulationError) as raised:
        repayment_plan(Decimal(100_000), Decimal(18), Decimal(1479), COMMON_YEAR_DAY)

    assert raised.value.problem.code == "payment_too_small"
    assert "1,479円" in raised.value.problem.message
    assert "1,480円以上" in raised.value.problem.message


def test_one_yen_above_the_interest_is_enough_to_start_repaying() -> None:
    plan = repayment_plan(Decimal(100_000), Decimal(18), Decimal(1480), COMMON_YEAR_DAY)

    assert 1 < plan.months <= MAX_MONTHS


def test_a_plan_longer_than_the_cap_stops_with_a_problem() -> None:
    # 1,000,000 yen at 1%: 821 yen interest a month, so 822 a month takes far more than 50 years.
    with pytest.raises(SimulationError) as raised:
        repayment_plan(Decimal(1_000_000), Decimal(1), Decimal(822), COMMON_YEAR_DAY)

    assert raised.value.problem.code == "plan_too_long"


@given(balances, rates, st.integers(min_value=1_000, max_value=500_000).map(Decimal), starts)
def test_payments_add_up_to_principal_plus_interest(
    balance: Decimal, rate: Decimal, payment: Decimal, start: date
) -> None:
    try:
        plan = repayment_plan(balance, rate, payment, start)
    except SimulationError as error:
        assert error.problem.code in {"payment_too_small", "plan_too_long"}
        return

    assert 0 < plan.last_payment <= payment
    assert 1 <= plan.months <= MAX_MONTHS
    assert payment * (plan.months - 1) + plan.last_payment == balance + plan.total_interest


# --- validation ------------------------------------------------------------------------------------


def codes(problems: list[Problem]) -> list[str]:
    return [problem.code for problem in problems]


@pytest.mark.parametrize(
    ("balance", "rate", "days", "payment", "expected"),
    [
        (100_000, "18", 30, None, []),
        (100_000, "18", None, 10_000, []),
        (99_999, "20", 30, None, []),
        (0, "18", 30, None, ["balance_not_positive"]),
        (-5_000, "18", 30, None, ["balance_not_positive"]),
        ("1000.5", "18", 30, None, ["balance_not_whole_yen"]),
        (8_000_000, "15", 30, None, []),
        (8_000_001, "15", 30, None, ["balance_too_large"]),
        (100_000, "0", 30, None, ["rate_not_positive"]),
        (100_000, "18.1", 30, None, ["rate_above_ceiling"]),
        (1_000_000, "17.8", 30, None, ["rate_above_ceiling"]),
        (0, "25", 30, None, ["balance_not_positive", "rate_above_ceiling"]),
        (100_000, "18", 0, None, ["days_not_positive"]),
        (100_000, "18", 3650, None, []),
        (100_000, "18", 3651, None, ["days_too_long"]),
        (100_000, "18", 30, 0, ["payment_not_positive"]),
        (100_000, "18", 30, "999.5", ["payment_not_whole_yen"]),
        (100_000, "18", 30, 1_000, ["payment_too_small"]),
        (1_000_000, "1", None, 822, ["plan_too_long"]),
        (0, "18", 30, 1_000, ["balance_not_positive"]),
    ],
)
def test_check_simulation_names_each_problem(
    balance: object, rate: str, days: Optional[int], payment: object, expected: list[str]
) -> None:
    monthly = None if payment is None else Decimal(str(payment))

    assert codes(check_simulation(Decimal(str(balance)), Decimal(rate), days, monthly)) == expected


def test_a_rate_above_the_ceiling_is_explained_with_the_law_and_the_band() -> None:
    (problem,) = check_simulation(Decimal(100_000), Decimal(20), 30)

    assert problem.message == (
        "年20.0%は上限を超えています。元金10万円以上100万円未満では年18.0%が上限です（利息制限法）。"
        "年18.0%以下で入力してください。"
    )


@pytest.mark.parametrize(
    ("balance", "rate", "ceiling_sentence"),
    [
        ("50000", "25", "元金10万円未満では年20.0%が上限です（利息制限法）。"),
        ("100000", "100", "元金10万円以上100万円未満では年18.0%が上限です（利息制限法）。"),
        ("1000000", "17.8", "元金100万円以上では年15.0%が上限です（利息制限法）。"),
        (None, "100", "元金がいくらでも、年20.0%を超える金利はありません（利息制限法）。"),
    ],
)
def test_every_rate_above_the_legal_ceiling_says_the_ceiling_and_what_to_enter(
    balance: Optional[str], rate: str, ceiling_sentence: str
) -> None:
    problem = rate_problem(Decimal(rate), None if balance is None else Decimal(balance))

    assert problem.code == "rate_above_ceiling"
    assert ceiling_sentence in problem.message
    assert problem.message.endswith("以下で入力してください。")


@pytest.mark.parametrize(
    ("balance", "says"),
    [
        ("-50000", ["マイナスの金額", "1円以上で入力してください"]),
        ("0", ["0円では利息はかかりません", "1円以上で入力してください"]),
        ("1000.5", ["1円単位で入力してください"]),
        ("1000000000000", ["1兆円は", "800万円を超えています", "800万円以下で入力してください"]),
    ],
)
def test_an_impossible_balance_says_what_is_wrong_and_what_to_enter(balance: str, says: list[str]) -> None:
    message = balance_problem(Decimal(balance)).message

    assert all(part in message for part in says)


@pytest.mark.parametrize(
    ("rate", "says"),
    [("-5", "マイナスの金利では計算できません"), ("0", "年0%では利息はかかりません（0円です）")],
)
def test_a_rate_of_zero_or_below_says_what_is_wrong_and_what_to_enter(rate: str, says: str) -> None:
    problem = rate_problem(Decimal(rate), Decimal(100_000))

    assert problem.code == "rate_not_positive"
    assert says in problem.message and "0%より大きい値で入力してください" in problem.message


@pytest.mark.parametrize(
    ("days", "code", "says"),
    [
        ("-30", "days_not_positive", "マイナスの日数では計算できません。1日以上で入力してください"),
        ("0", "days_not_positive", "0日では利息はかかりません。日数は1日以上で入力してください"),
        ("0.5", "days_not_whole", "日数は1日単位で入力してください"),
        ("99999", "days_too_long", "99,999日は長すぎます。日数は3,650日（約10年）以下で入力してください"),
    ],
)
def test_impossible_days_say_what_is_wrong_and_what_to_enter(days: str, code: str, says: str) -> None:
    problem = days_problem(Decimal(days))

    assert (problem.code, says in problem.message) == (code, True)


@pytest.mark.parametrize(
    ("slot", "says"),
    [
        ("balance", "「10,0000円」を読み取れませんでした。借入残高（元金）を「10万円」のように入力してください。"),
        ("rate", "「1.2.3」を読み取れませんでした。年利を「18%」のように入力してください。"),
        ("days", "「1」「2」を読み取れませんでした。日数を「30日」のように入力してください。"),
    ],
)
def test_an_answer_with_an_unreadable_number_is_named_and_the_format_shown(slot: str, says: str) -> None:
    typed = {"balance": ["10,0000円"], "rate": ["1.2.3"], "days": ["1", "2"]}[slot]

    assert unread_answer_problem(slot, typed).message.startswith(says)


def test_numbers_without_a_unit_in_a_request_are_named_with_every_format() -> None:
    message = unread_numbers_problem(["100000"]).message

    assert message.startswith("「100000」を読み取れませんでした。")
    assert all(example in message for example in ("「10万円」", "「年18%」", "「30日」"))


def test_without_a_start_date_the_payment_check_is_never_more_lenient() -> None:
    # 8,000,000 yen at 15%, 98,631 a month: with real dates leap years lower the interest and it ends
    # after 589 payments; counting every day as 1/365 it would run past 600.
    balance, rate, payment = Decimal(8_000_000), Decimal(15), Decimal(98_631)

    assert repayment_plan(balance, rate, payment, date(2027, 1, 1)).months == 589
    assert codes(check_simulation(balance, rate, None, payment, start=date(2027, 1, 1))) == []
    assert codes(check_simulation(balance, rate, None, payment)) == ["plan_too_long"]


def test_a_payment_that_covers_leap_year_interest_only_fails_once_common_years_come() -> None:
    with pytest.raises(SimulationError) as raised:
        repayment_plan(Decimal(100_000), Decimal(18), Decimal(1477), LEAP_YEAR_DAY)

    assert raised.value.problem.code == "payment_too_small"


@pytest.mark.parametrize(
    ("balance", "rate", "days", "payment"),
    [
        (0, "18", 30, None),
        ("0.5", "18", 30, None),
        (9_000_000, "15", 30, None),
        (100_000, "-1", 30, None),
        (100_000, "30", 30, None),
        (None, "30", 30, None),
        (100_000, "18", -3, None),
        (100_000, "18", 9999, None),
        (100_000, "18", 30, -1),
        (100_000, "18", 30, "0.5"),
        (100_000, "18", 30, 100),
        (1_000_000, "1", 30, 822),
        (-50_000, "-5", -30, None),
        (10**12, "0", 0, None),
        (50_000, "100", 0, None),
    ],
)
def test_every_message_is_polite_japanese_without_english(
    balance: object, rate: str, days: int, payment: object
) -> None:
    problems = check_simulation(
        Decimal(str(balance if balance is not None else -1)),
        Decimal(rate),
        days,
        None if payment is None else Decimal(str(payment)),
    )

    assert problems
    problems += [unread_answer_problem(slot, ["1と2"]) for slot in ("balance", "rate", "days")]
    problems += [unread_numbers_problem(["100000"]), days_problem(Decimal("0.5"))]
    for problem in problems:
        assert not re.search(r"[A-Za-z]", problem.message)
        assert problem.message.endswith("。")
        assert re.search(r"(ください|です|ます|ません)", problem.message)


# --- formatting and the reply ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "text"),
    [("1479", "1,479円"), ("100000.0", "100,000円"), ("0", "0円"), ("5000000", "5,000,000円"), ("12.5", "12.5円")],
)
def test_format_yen(amount: str, text: str) -> None:
    assert format_yen(Decimal(amount)) == text


@pytest.mark.parametrize(
    ("rate", "text"), [("18", "18.0%"), ("17.8", "17.8%"), ("4.50", "4.5%"), ("17.85", "17.85%"), ("100", "100.0%")]
)
def test_format_rate(rate: str, text: str) -> None:
    assert format_rate(Decimal(rate)) == text


def test_reply_for_a_period_shows_principal_rate_days_and_interest() -> None:
    reply = describe_simulation(Decimal(100_000), Decimal(18), 30, start=COMMON_YEAR_DAY)

    for line in ["元金：100,000円", "年利：18.0%", "日数：30日", "利息：1,479円"]:
        assert line in reply.splitlines()
    assert "17.8%" not in reply
    assert "返済回数" not in reply
    assert "元金×年利×日数÷365で計算" in reply  # the formula, so the customer can check the figure


def test_a_period_with_leap_year_days_says_they_are_divided_by_366() -> None:
    reply = describe_simulation(Decimal(100_000), Decimal(18), 30, start=date(2028, 2, 15))
    assert "÷365（うるう年の日は366）" in reply


def test_reply_with_a_monthly_payment_adds_months_and_total_interest() -> None:
    reply = describe_simulation(Decimal(100_000), Decimal(18), None, Decimal(10_000), start=date(2027, 3, 1))

    for line in ["毎月の返済額：10,000円", "返済回数：11回", "利息の合計：9,018円"]:
        assert line in reply.splitlines()
    assert "日数" not in reply
    assert "1か月を30日として" in reply


def test_reply_says_when_17_8_percent_was_assumed() -> None:
    rate = assumed_rate(Decimal(100_000))

    reply = describe_simulation(Decimal(100_000), rate, 30, start=COMMON_YEAR_DAY, rate_assumed=True)

    assert "年17.8%と仮定して計算しました" in reply
    assert "利息：1,463円" in reply.splitlines()


def test_reply_says_when_the_legal_ceiling_was_assumed_instead() -> None:
    rate = assumed_rate(Decimal(2_000_000))

    reply = describe_simulation(Decimal(2_000_000), rate, 30, start=COMMON_YEAR_DAY, rate_assumed=True)

    assert "年15.0%と仮定して計算しました" in reply
    assert "利息制限法" in reply


def test_reply_is_short_enough_for_a_phone_screen() -> None:
    reply = describe_simulation(
        Decimal(100_000), DEFAULT_RATE, 30, Decimal(10_000), start=COMMON_YEAR_DAY, rate_assumed=True
    )

    assert len(reply.splitlines()) <= 12
    assert not re.search(r"[A-Za-z]", reply)


def test_reply_refuses_invalid_input_with_the_problem() -> None:
    with pytest.raises(SimulationError) as raised:
        describe_simulation(Decimal(100_000), Decimal(25), 30, start=COMMON_YEAR_DAY)

    assert raised.value.problem.code == "rate_above_ceiling"


def test_one_value_at_a_time_as_the_form_asks():
    assert balance_problem(Decimal("0")).code == "balance_not_positive"
    assert balance_problem(Decimal("100000")) is None
    assert rate_problem(Decimal("19"), Decimal("100000")).code == "rate_above_ceiling"
    assert rate_problem(Decimal("19")) is None  # no balance yet: the 20% ceiling applies
    assert rate_problem(Decimal("21")).code == "rate_above_ceiling"
    assert days_problem(0).code == "days_not_positive" and days_problem(30) is None


def test_a_figure_too_long_for_a_phone_screen_is_not_repeated() -> None:
    messages = [
        balance_problem(Decimal("1" * 40)).message,
        rate_problem(Decimal("1" * 40)).message,
        days_problem(Decimal("1" * 40)).message,
    ]

    assert [message.split("は")[0] for message in messages] == ["ご入力の金額", "ご入力の金利", "ご入力の日数"]


def test_another_period_asked_in_the_same_message_gets_its_own_figure():
    # 160,000 × 17% × 30 ÷ 365 = 2,235.6 → 2,235円; a refused period (0 days) is left out.
    told = describe_other_periods(Decimal(160_000), Decimal(17), [30, 0], COMMON_YEAR_DAY)
    assert told == "同じ条件で30日の場合、利息は2,235円です。"


def test_a_rate_beside_a_balance_too_large_is_judged_by_the_highest_ceiling_only() -> None:
    """「残高1兆円、年率17.8%」: the balance is refused; 17.8% is a rate some balance allows, so it stands."""
    problems = check_simulation(Decimal("1000000000000"), Decimal("17.8"), 30)
    assert [problem.code for problem in problems] == ["balance_too_large"]
    assert [problem.code for problem in check_simulation(Decimal("1000000000000"), Decimal("25"), 30)] == [
        "balance_too_large", "rate_above_ceiling",
    ]


@pytest.mark.parametrize("balance", ["-1", "0", "0.5", "1", "100000", "100000.25", "8000000", "8000001", "1e12"])
def test_a_balance_is_simulable_exactly_when_it_has_no_problem(balance):
    # The quick test used beside the rate checks agrees with the validation that words the problem.
    assert _simulable(Decimal(balance)) == (not _balance_problems(Decimal(balance)))
