"""Plan-versus-actual rules of DESIGN §3: 序时进度, rates, lag, lights, report status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.money import CENT
from tracker.domain.period import Period, Schedule

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
LIGHTS = ("green", "yellow", "red")


@dataclass(frozen=True)
class Thresholds:
    """Lag in points at which a light turns yellow (≥) and red (>); campaign settings."""

    yellow: Decimal = Decimal(10)
    red: Decimal = Decimal(30)
    start_yellow_months: int = 1
    start_red_months: int = 3

    def check(self) -> None:
        if not 0 < self.yellow < self.red <= 100:
            raise InvalidValue("须满足 0 < 黄灯阈值 < 红灯阈值 ≤ 100（百分点）", "thresholds")
        if not 0 < self.start_yellow_months < self.start_red_months <= 24:
            raise InvalidValue("未按期开工的黄灯、红灯月数须满足 0 < 黄 < 红 ≤ 24", "thresholds")


@dataclass(frozen=True)
class Weights:
    """考核 points for on-time reporting, investment progress and new starts; 100 in all."""

    on_time: Decimal = Decimal(30)
    progress: Decimal = Decimal(50)
    starts: Decimal = Decimal(20)

    def check(self) -> None:
        parts = (self.on_time, self.progress, self.starts)
        if any(part < 0 for part in parts) or sum(parts) != 100:
            raise InvalidValue("三项考核分值须为非负数且合计100分", "weights")
        if self.on_time + self.progress == 0:
            raise InvalidValue("按时报送与投资进度的分值不能同时为0", "weights")


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


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole as a percentage with two decimals; None when whole is 0."""
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(CENT, rounding=ROUND_HALF_UP)


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


def lag_light(lag: Decimal, thresholds: Thresholds) -> str:
    """green below yellow; yellow from yellow up to red inclusive; red above."""
    if lag > thresholds.red:
        return "red"
    if lag >= thresholds.yellow:
        return "yellow"
    return "green"


def start_light(
    planned_start: date, started_on: date | None, on: date, thresholds: Thresholds
) -> str:
    """A new start not started 1 month after its planned start is yellow, 3 months red."""
    if started_on is not None and started_on <= on:
        return "green"
    if on >= add_months(planned_start, thresholds.start_red_months):
        return "red"
    if on >= add_months(planned_start, thresholds.start_yellow_months):
        return "yellow"
    return "green"


def worst(*lights: str) -> str:
    return max(lights, key=LIGHTS.index)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, clamped to the month's end."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def report_status(
    period: Period,
    schedule: Schedule,
    registered_at: datetime,
    received_at: datetime | None,
    now: datetime,
) -> str:
    """on_time, late, missing, pending (not yet due), not_due, or backfilled (补录).

    A period whose deadline passed before the project was registered is not
    due; a report for it is back-filled history, neither on time nor late.
    """
    closes = period.closes_at(schedule)
    due = closes > registered_at
    if received_at is not None:
        if not due:
            return "backfilled"
        return "on_time" if received_at < closes else "late"
    if not due:
        return "not_due"
    return "missing" if now >= closes else "pending"


STATUS_LABELS = {
    "on_time": "按时",
    "late": "迟报",
    "missing": "未报",
    "pending": "待报",
    "not_due": "无需报送",
    "backfilled": "补录",
}
LIGHT_LABELS = {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}
