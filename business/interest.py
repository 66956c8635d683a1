"""Interest simulation for consumer loans, as FACTS.md ("Interest arithmetic") describes it.

Interest accrues daily: balance × annual rate × days ÷ 365, with ÷ 366 for each day that falls in a
leap year, and the yen fraction truncated (1円未満切り捨て). The split needs real calendar days, so
every calculation takes the first interest-bearing day as `start`. Arithmetic is exact (Decimal inputs,
Fraction inside) so a result that should be exactly 18,000 yen is never truncated to 17,999.

Assumptions (documented here and said to the customer where they matter):
- one repayment month is 30 days of interest (DAYS_PER_REPAYMENT_MONTH);
- a customer who does not know their rate is simulated at 17.8% (DEFAULT_RATE), or at the legal
  ceiling when that is lower (元金100万円以上: 15.0%), see `assumed_rate`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Optional, Sequence

__all__ = [
    "DEFAULT_RATE",
    "DAYS_PER_REPAYMENT_MONTH",
    "MAX_BALANCE",
    "MAX_DAYS",
    "MAX_MONTHS",
    "Problem",
    "RepaymentPlan",
    "SimulationError",
    "assumed_rate",
    "balance_problem",
    "check_simulation",
    "days_problem",
    "describe_other_periods",
    "describe_simulation",
    "format_rate",
    "format_yen",
    "interest_for",
    "legal_ceiling",
    "rate_problem",
    "repayment_plan",
    "simulated_interest",
    "simulation_rate",
    "unread_answer_problem",
    "unread_numbers_problem",
]

# (assumption, FACTS.md) top of Promise's advertised 4.5%–17.8%: used only when the customer does not
# know their contract rate, and the reply must say so.
DEFAULT_RATE = Decimal("17.8")

# (assumption) each monthly repayment pays 30 days of interest; calendar months vary from 28 to 31 days.
DAYS_PER_REPAYMENT_MONTH = 30

# Plausibility bound for a balance, not a Promise rule. Promise's largest credit limit is said to be
# 5,000,000 yen, but that is not in our source article, so we neither assert it nor refuse just above
# it: the bound catches typing slips (an extra zero on 100万) with room to spare.
MAX_BALANCE = Decimal("8000000")

# Longest single period: 10 years. Longer is surely a slip, and would not be a useful estimate.
MAX_DAYS = 3650

# Longest repayment plan simulated: 50 years. Beyond that the payment barely exceeds the interest.
MAX_MONTHS = 600

# 利息制限法: (principal below this bound, ceiling in percent, how the band is said in Japanese).
_CEILING_BANDS: tuple[tuple[Optional[Decimal], Decimal, str], ...] = (
    (Decimal("100000"), Decimal("20.0"), "元金10万円未満"),
    (Decimal("1000000"), Decimal("18.0"), "元金10万円以上100万円未満"),
    (None, Decimal("15.0"), "元金100万円以上"),
)
_HIGHEST_CEILING = max(ceiling for _, ceiling, _ in _CEILING_BANDS)


@dataclass(frozen=True)
class Problem:
    """Why a simulation cannot be run: a code for the program, a polite sentence for the customer."""

    code: str
    message: str


class SimulationError(ValueError):
    """A simulation asked for something that cannot be computed; carries the Problem to show."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass(frozen=True)
class RepaymentPlan:
    """Outcome of repaying a fixed amount every month: payments needed, interest paid, last payment."""

    months: int
    total_interest: Decimal
    last_payment: Decimal


# --- formatting ------------------------------------------------------------------------------------


def format_yen(amount: Decimal) -> str:
    """Yen with thousands separators, as customers read them: 1479 → "1,479円"."""
    amount = Decimal(amount)
    if amount == amount.to_integral_value():
        return f"{int(amount):,}円"
    return f"{amount.normalize():,f}円"


def format_rate(rate: Decimal) -> str:
    """Percent with at least one decimal, as rates are advertised: 18 → "18.0%", 17.8 → "17.8%"."""
    rate = Decimal(rate)
    with localcontext() as context:  # exact for any figure a customer can type, not just 28 digits
        context.prec = max(context.prec, rate.adjusted() + 3)
        normalised = rate.normalize()
        exponent = normalised.as_tuple().exponent
        if isinstance(exponent, int) and exponent >= -1:
            normalised = rate.quantize(Decimal("0.1"))
    return f"{normalised:f}%"


# --- the law and the assumed rate -----------------------------------------------------------------


def _band(balance: Decimal) -> tuple[Decimal, str]:
    for upper, ceiling, name in _CEILING_BANDS:
        if upper is None or balance < upper:
            return ceiling, name
    raise AssertionError("the last band has no upper bound")  # pragma: no cover


def legal_ceiling(balance: Decimal) -> Decimal:
    """Highest annual rate (percent) the Interest Rate Restriction Act (利息制限法) allows for this principal."""
    return _band(balance)[0]


def assumed_rate(balance: Decimal) -> Decimal:
    """Rate to simulate when the customer does not know theirs: 17.8%, but never above the legal ceiling.

    For 1,000,000 yen or more the ceiling is 15.0%, so 17.8% could not be anyone's contract rate.
    """
    return min(DEFAULT_RATE, legal_ceiling(balance))


# --- interest --------------------------------------------------------------------------------------


def _days_in_common_and_leap_years(start: date, days: int) -> tuple[int, int]:
    """How many of the `days` days from `start` fall in common years and how many in leap years."""
    common = leap = 0
    day, remaining = start, days
    while remaining > 0:
        to_new_year = (date(day.year + 1, 1, 1) - day).days
        span = min(remaining, to_new_year)
        if calendar.isleap(day.year):
            leap += span
        else:
            common += span
        day += timedelta(days=span)
        remaining -= span
    return common, leap


def _exact_interest(balance: Decimal, annual_rate: Decimal, days: int, start: date) -> Fraction:
    """Interest before truncation, as an exact fraction of a yen."""
    common, leap = _days_in_common_and_leap_years(start, days)
    year_fraction = Fraction(common, 365) + Fraction(leap, 366)
    return Fraction(balance) * Fraction(annual_rate) / 100 * year_fraction


def interest_for(balance: Decimal, annual_rate: Decimal, days: int, start: date) -> Decimal:
    """Interest in whole yen (truncated) on `balance` at `annual_rate` percent for `days` days.

    `start` is the first day that bears interest; each day is divided by 366 if it falls in a leap
    year, else by 365. Truncation happens once, on the total, as the loan contract does.
    Negative inputs are a programming error (customers' input goes through check_simulation first).
    """
    if balance < 0 or annual_rate < 0 or days < 0:
        raise ValueError("balance, annual_rate and days must not be negative")
    return Decimal(int(_exact_interest(balance, annual_rate, days, start)))


def _month_interest(balance: Decimal, annual_rate: Decimal, month_start: Optional[date]) -> Decimal:
    """One repayment month of interest; without a date, every day counts as 1/365 (never less interest)."""
    if month_start is None:
        exact = Fraction(balance) * Fraction(annual_rate) / 100 * Fraction(DAYS_PER_REPAYMENT_MONTH, 365)
        return Decimal(int(exact))
    return interest_for(balance, annual_rate, DAYS_PER_REPAYMENT_MONTH, month_start)


# --- repayment plan --------------------------------------------------------------------------------


def _payment_too_small(first_interest: Decimal) -> Problem:
    return Problem(
        "payment_too_small",
        f"毎月のご返済額が1か月分の利息（{format_yen(first_interest)}）を上回っていないため、"
        f"元金が減らず、完済できない計算になります。{format_yen(first_interest + 1)}以上の金額でお試しください。",
    )


def _plan_too_long() -> Problem:
    return Problem(
        "plan_too_long",
        f"このご返済額では、完済までに{MAX_MONTHS}回（{MAX_MONTHS // 12}年）を超えてしまいます。"
        "毎月のご返済額を増やしてお試しください。",
    )


def _plan(balance: Decimal, annual_rate: Decimal, payment: Decimal, start: Optional[date]) -> RepaymentPlan:
    """Repay `payment` a month, interest first, then principal; the last month pays what is left."""
    if payment <= 0:
        raise SimulationError(_payment_not_positive())
    remaining, total_interest = balance, Decimal(0)
    for month in range(1, MAX_MONTHS + 1):
        month_start = None if start is None else start + timedelta(days=DAYS_PER_REPAYMENT_MONTH * (month - 1))
        interest = _month_interest(remaining, annual_rate, month_start)
        due = remaining + interest
        if due <= payment:
            return RepaymentPlan(month, total_interest + interest, due)
        if payment <= interest:
            raise SimulationError(_payment_too_small(interest))
        total_interest += interest
        remaining = due - payment
    raise SimulationError(_plan_too_long())


def repayment_plan(balance: Decimal, annual_rate: Decimal, monthly_payment: Decimal, start: date) -> RepaymentPlan:
    """Months, total interest and last payment when `monthly_payment` is repaid every 30 days from `start`.

    Raises SimulationError (with a Problem for the customer) when the payment never covers the
    interest or the plan would run past MAX_MONTHS, instead of looping on.
    """
    if balance < 0 or annual_rate < 0:
        raise ValueError("balance and annual_rate must not be negative")
    return _plan(balance, annual_rate, monthly_payment, start)


# --- validation ------------------------------------------------------------------------------------


def _payment_not_positive() -> Problem:
    return Problem("payment_not_positive", "毎月のご返済額は1円以上で入力してください（例：毎月1万円）。")


def _simulable(balance: Decimal) -> bool:
    """Whether a balance can be simulated at all: the test behind _balance_problems, without its texts."""
    return 0 < balance <= MAX_BALANCE and balance == balance.to_integral_value()


def _balance_problems(balance: Decimal) -> list[Problem]:
    if balance < 0:
        return [
            Problem(
                "balance_not_positive",
                "借入残高（元金）にマイナスの金額は使えません。1円以上で入力してください（例：10万円）。",
            )
        ]
    if balance == 0:
        return [
            Problem(
                "balance_not_positive",
                "借入残高（元金）が0円では利息はかかりません。1円以上で入力してください（例：10万円）。",
            )
        ]
    if balance != balance.to_integral_value():
        return [Problem("balance_not_whole_yen", "借入残高（元金）は1円単位で入力してください（例：10万円）。")]
    if balance > MAX_BALANCE:
        return [
            Problem(
                "balance_too_large",
                f"{_as_typed(_man_yen(balance), 'ご入力の金額')}は、このシミュレーションで計算できる"
                f"{_man_yen(MAX_BALANCE)}を超えています。"
                f"借入残高（元金）を{_man_yen(MAX_BALANCE)}以下で入力してください。",
            )
        ]
    return []


def _rate_problems(balance: Decimal, rate: Decimal) -> list[Problem]:
    if rate <= 0:
        what = "マイナスの金利では計算できません。" if rate < 0 else "年0%では利息はかかりません（0円です）。"
        return [
            Problem(
                "rate_not_positive",
                f"{what}年利は0%より大きい値で入力してください（例：年18.0%）。"
                "ご契約の金利は、会員サービスの取引履歴で確認できます。",
            )
        ]
    # A balance that cannot be simulated has no band: the rate is judged only against the highest ceiling.
    ceiling, band = _band(balance) if _simulable(balance) else (_HIGHEST_CEILING, "")
    if rate <= ceiling:
        return []
    law = (
        f"{band}では年{format_rate(ceiling)}が上限です（利息制限法）。"
        if band
        else f"元金がいくらでも、年{format_rate(ceiling)}を超える金利はありません（利息制限法）。"
    )
    return [
        Problem(
            "rate_above_ceiling",
            f"{_as_typed(f'年{format_rate(rate)}', 'ご入力の金利')}は上限を超えています。"
            f"{law}年{format_rate(ceiling)}以下で入力してください。",
        )
    ]


def _days_problems(days: Decimal) -> list[Problem]:
    days = Decimal(days)
    if days < 0:
        return [Problem("days_not_positive", "マイナスの日数では計算できません。1日以上で入力してください（例：30日）。")]
    if days == 0:
        return [Problem("days_not_positive", "0日では利息はかかりません。日数は1日以上で入力してください（例：30日）。")]
    if days != days.to_integral_value():
        return [Problem("days_not_whole", "日数は1日単位で入力してください（例：30日）。")]
    if days > MAX_DAYS:
        return [
            Problem(
                "days_too_long",
                f"{_as_typed(f'{int(days):,}日', 'ご入力の日数')}は長すぎます。"
                f"日数は{MAX_DAYS:,}日（約10年）以下で入力してください。",
            )
        ]
    return []


def _as_typed(figure: str, instead: str, longest: int = 24) -> str:
    """A figure to repeat to the customer, or a phrase when it would not fit a phone screen (1,000,000,…円)."""
    return figure if len(figure) <= longest else instead


_LARGE_UNITS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"))


def _man_yen(amount: Decimal) -> str:
    """A round amount the way it is said: 8000000 → "800万円", 1000000000000 → "1兆円", 350000000 → "3億5,000万円"."""
    if amount <= 0 or amount != amount.to_integral_value() or int(amount) % 10_000 != 0:
        return format_yen(amount)
    rest, parts = int(amount), []
    for size, unit in _LARGE_UNITS:
        if rest >= size:
            parts.append(f"{rest // size:,}{unit}")
            rest %= size
    return "".join(parts) + "円"


def _payment_problems(
    balance: Decimal, rate: Decimal, monthly_payment: Decimal, start: Optional[date], others: list[Problem]
) -> list[Problem]:
    if monthly_payment <= 0:
        return [_payment_not_positive()]
    if monthly_payment != monthly_payment.to_integral_value():
        return [Problem("payment_not_whole_yen", "毎月のご返済額は、1円単位の金額で教えてください。")]
    if others:
        return []  # the plan cannot be tried until balance and rate are valid
    try:
        _plan(balance, rate, monthly_payment, start)
    except SimulationError as error:
        return [error.problem]
    return []


def balance_problem(balance: Decimal) -> Optional[Problem]:
    """What is wrong with a balance on its own (form validation asks one value at a time)."""
    return next(iter(_balance_problems(balance)), None)


def rate_problem(rate: Decimal, balance: Optional[Decimal] = None) -> Optional[Problem]:
    """What is wrong with a rate; without a balance yet, the highest legal ceiling applies."""
    return next(iter(_rate_problems(balance if balance is not None else Decimal("0"), rate)), None)


def days_problem(days: Decimal | int) -> Optional[Problem]:
    """What is wrong with a number of days: not above zero, not whole ("0.5日"), or more than MAX_DAYS."""
    return next(iter(_days_problems(Decimal(days))), None)


# What each question of the simulation asks for, when an answer could not be read at all.
_WHAT_TO_ENTER = {
    "balance": "借入残高（元金）を「10万円」のように入力してください。",
    "rate": "年利を「18%」のように入力してください。わからない場合は「わからない」と入力してください。",
    "days": "日数を「30日」のように入力してください。",
}


def unread_answer_problem(slot: str, typed: Sequence[str] = ()) -> Problem:
    """The answer to the question for `slot` (balance, rate, days) had a number, but it could not be read."""
    what = "".join(f"「{number}」" for number in typed[:3])
    said = f"{what}を読み取れませんでした。" if what else "数字を読み取れませんでした。"
    return Problem("unread_answer", said + _WHAT_TO_ENTER[slot])


def unread_numbers_problem(typed: Sequence[str]) -> Problem:
    """Numbers in a simulation request that could not be read: malformed ("10,0000円") or without a unit ("100000を18%で")."""
    what = "".join(f"「{number}」" for number in typed[:3])
    return Problem(
        "unread_numbers",
        f"{what}を読み取れませんでした。金額は「10万円」、年利は「年18%」、日数は「30日」のように単位を付けて入力してください。",
    )


def check_simulation(
    balance: Decimal,
    rate: Decimal,
    days: Optional[int],
    monthly_payment: Optional[Decimal] = None,
    *,
    start: Optional[date] = None,
) -> list[Problem]:
    """Everything wrong with a customer's simulation input, in the order the customer should fix it.

    `days` or `monthly_payment` may be None when that part was not asked for. With a monthly payment
    the whole plan is tried; without `start` it assumes 365-day years, which yields slightly more
    interest, so a payment it accepts also works in leap years.
    """
    balance_problems = _balance_problems(balance)
    rate_problems = _rate_problems(balance, rate)
    problems = balance_problems + rate_problems
    if days is not None:
        problems += _days_problems(days)
    if monthly_payment is not None:
        problems += _payment_problems(balance, rate, monthly_payment, start, balance_problems + rate_problems)
    return problems


def simulation_rate(balance: Decimal, rate: Optional[Decimal]) -> Decimal:
    """The rate a simulation uses: the customer's own, or assumed_rate when they do not know it (None)."""
    return assumed_rate(balance) if rate is None else rate


def ceiling_note(rate: Decimal, balance: Optional[Decimal]) -> Optional[str]:
    """The ceiling a rate would break at the amount typed, when that amount itself was refused (「1兆円を
    17.8%で」): the rate is kept for the amount entered next, and the customer is told the law's limit."""
    if balance is None or _simulable(balance) or balance <= 0:
        return None
    ceiling, band = _band(min(balance, MAX_BALANCE))
    if rate <= ceiling:
        return None
    return f"なお、{band}では年{format_rate(ceiling)}が上限です（利息制限法）。"


def rate_assumed_note(balance: Optional[Decimal]) -> str:
    """Said when the customer does not know their rate and the simulation goes on to its next question:
    the rate it will assume, and where the contract rate can be found."""
    rate = simulation_rate(balance, None) if balance is not None and _simulable(balance) else DEFAULT_RATE
    return f"承知しました。年{format_rate(rate)}と仮定して計算します。ご契約の金利は、会員サービスの取引履歴で確認できます。"


def simulated_interest(balance: Decimal, rate: Optional[Decimal], days: int, start: date) -> Optional[Decimal]:
    """The interest a simulation gives (rate None: not known, so assumed); None when its figures are not valid.

    Every place that reads a simulation back, or computes one beside another answer, goes through here,
    so it gives the figure the simulation itself gave and never one for input the simulation refused.
    """
    used = simulation_rate(balance, rate)
    if check_simulation(balance, used, days, start=start):
        return None
    return interest_for(balance, used, days, start)


def describe_other_periods(balance: Decimal, rate: Decimal, periods: Sequence[int], start: date) -> str:
    """「同じ条件で30日の場合、利息は2,235円です。」 for each other period asked in the same message
    (「30日だといくら？あと、同じ条件で60日なら？」); a period the checks refuse is left out."""
    lines = []
    for days in dict.fromkeys(periods):
        interest = simulated_interest(balance, rate, days, start)
        if interest is not None:
            lines.append(f"同じ条件で{days}日の場合、利息は{format_yen(interest)}です。")
    return "\n".join(lines)


# --- the reply -------------------------------------------------------------------------------------


def _assumed_rate_sentence(balance: Decimal, rate: Decimal) -> str:
    if rate == DEFAULT_RATE:
        return (
            f"ご契約の金利が分からないとのことでしたので、年{format_rate(rate)}と仮定して計算しました"
            "（プロミスの金利の上限として想定している値です）。"
        )
    return (
        f"ご契約の金利が分からないとのことでしたので、{_band(balance)[1]}の上限金利（利息制限法）である"
        f"年{format_rate(rate)}と仮定して計算しました。"
    )


def describe_simulation(
    balance: Decimal,
    rate: Decimal,
    days: Optional[int],
    monthly_payment: Optional[Decimal] = None,
    *,
    start: date,
    rate_assumed: bool = False,
) -> str:
    """A short Japanese reply for a phone screen with the figures and the assumptions they rest on.

    Call check_simulation first: invalid input raises SimulationError (or ValueError) here.
    With `rate_assumed`, `rate` should come from assumed_rate() and the reply says it was assumed.
    """
    problems = check_simulation(balance, rate, days, monthly_payment, start=start)
    if problems:
        raise SimulationError(problems[0])
    lines = ["利息シミュレーションの結果です（目安）。", f"元金：{format_yen(balance)}", f"年利：{format_rate(rate)}"]
    if days is not None:
        lines += [f"日数：{days}日", f"利息：{format_yen(interest_for(balance, rate, days, start))}"]
    notes = ["※1円未満は切り捨てています。"]
    if days is not None:
        leap = _days_in_common_and_leap_years(start, days)[1]
        divisor = "365（うるう年の日は366）" if leap else "365"
        notes = [f"※元金×年利×日数÷{divisor}で計算し、1円未満は切り捨てています。"]
    if monthly_payment is not None:
        plan = repayment_plan(balance, rate, monthly_payment, start)
        lines += [
            f"毎月の返済額：{format_yen(monthly_payment)}",
            f"返済回数：{plan.months}回",
            f"利息の合計：{format_yen(plan.total_interest)}",
            f"最終回の返済額：{format_yen(plan.last_payment)}",
        ]
        notes = [f"※1か月を{DAYS_PER_REPAYMENT_MONTH}日として計算し、1円未満は切り捨てています。"]
    if rate_assumed:
        notes.append(_assumed_rate_sentence(balance, rate))
    return "\n".join(lines + notes)
