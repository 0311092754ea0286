"""Plan versus actual (DESIGN §3 Figures): 序时进度, completion rate, schedule ratio, lag."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.money import CENT
from tracker.domain.period import Period

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def ytd_plan(monthly_plan: Sequence[Decimal], period: Period) -> Decimal:
    """序时进度: plan due by the period's deadline.

    H2 of month M: the plans of months 1…M. H1: months 1…M−1 and half of M,
    rounded half-up to 0.01 万元.
    """
    done = sum(monthly_plan[: period.month - 1], ZERO)
    this_month = monthly_plan[period.month - 1]
    if period.half == 1:
        this_month = (this_month / 2).quantize(CENT, rounding=ROUND_HALF_UP)
    return done + this_month


def ytd_plan_cents(monthly_cents: Sequence[int], period: Period) -> int:
    """:func:`ytd_plan` in whole 分, for read models that keep the plan as 分: the half of an
    H1 month rounded half up is ``(分 + 1) // 2``."""
    this_month = monthly_cents[period.month - 1]
    if period.half == 1:
        this_month = (this_month + 1) // 2
    return sum(monthly_cents[: period.month - 1]) + this_month


def ytd_plan_steps(monthly_cents: Sequence[int]) -> tuple[int, ...]:
    """:func:`ytd_plan_cents` at each of the 24 periods at once (index 0 is period 1): for
    each month its H1 (the months before and half of it, rounded half up) then its H2."""
    steps, done = [], 0
    for cents in monthly_cents:
        steps.append(done + (cents + 1) // 2)
        done += cents
        steps.append(done)
    return tuple(steps)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as a percentage with two decimals; None when whole is 0."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def lag_hundredths(plan: int, actual: int, annual: int) -> int:
    """``Figures.lag`` of figures in whole 分, in hundredths of a point (``annual`` not 0):
    (序时进度 − 累计完成) / 年度计划 × 100 rounded half up as ``percent`` rounds it, worked
    out in integers for lists that judge many projects (or one at many periods)."""
    owed = (plan - actual) * 10_000
    hundredths = (2 * abs(owed) + annual) // (2 * annual)
    return hundredths if owed >= 0 else -hundredths


@dataclass(frozen=True)
class Figures:
    """One project's (or a total's) figures at one period, in 万元."""

    annual_plan: Decimal
    ytd_plan: Decimal
    ytd_actual: Decimal
    period_investment: Decimal

    @property
    def completion_rate(self) -> Decimal | None:
        """本年累计完成 / 年度计划, in percent."""
        return percent(self.ytd_actual, self.annual_plan)

    @property
    def schedule_ratio(self) -> Decimal | None:
        """本年累计完成 / 序时进度, in percent."""
        return percent(self.ytd_actual, self.ytd_plan)

    @property
    def lag(self) -> Decimal:
        """(序时进度 − 累计完成) / 年度计划 × 100, in points; 0 without a plan."""
        return percent(self.ytd_plan - self.ytd_actual, self.annual_plan) or ZERO

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.annual_plan + other.annual_plan,
            self.ytd_plan + other.ytd_plan,
            self.ytd_actual + other.ytd_actual,
            self.period_investment + other.period_investment,
        )


NO_FIGURES = Figures(ZERO, ZERO, ZERO, ZERO)
