"""Forecast and what it takes (DESIGN §3 Forecast): where the year ends at today's pace.

For a project at period P:

- ``spi`` = 本年累计完成 / 序时进度, four decimals; None when 序时进度 is 0;
- ``forecast`` (预计全年完成) = 累计完成 + (年度计划 − 序时进度) × spi, to 0.01 万元, with the
  spi as published (four decimals); the annual plan when spi is None;
- ``required_per_period`` (剩余每期需完成) = max(0, 年度计划 − 累计完成) / the periods left
  in the year after P, to 0.01; None at 第24期;
- ``physical_lag`` = 计划形象进度 at P − the latest reported 形象进度（%）, in points, when
  both exist.

A unit, a category or the district sums its projects' forecasts and requirements; its spi
is that of its summed figures. Rounding is half up throughout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.money import CENT
from tracker.domain.period import Period
from tracker.domain.rules.ytd import ZERO, Figures

FOUR_PLACES = Decimal("0.0001")
PERIODS = 24


@dataclass(frozen=True)
class Outlook:
    """A project's (or a total's) forecast at one period."""

    spi: Decimal | None
    forecast: Decimal
    required_per_period: Decimal | None
    planned_pct: Decimal | None = None  # projects only: 计划形象进度 at the period
    latest_pct: Decimal | None = None  # projects only: the latest 形象进度（%） reported
    physical_lag: Decimal | None = None  # projects only


def spi(ytd_actual: Decimal, ytd_plan: Decimal) -> Decimal | None:
    """累计完成 / 序时进度 to four decimals; None when nothing was planned yet."""
    if not ytd_plan:
        return None
    return (ytd_actual / ytd_plan).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def forecast(annual_plan: Decimal, ytd_plan: Decimal, ytd_actual: Decimal) -> Decimal:
    """预计全年完成: what is done plus the rest of the plan at the pace so far."""
    pace = spi(ytd_actual, ytd_plan)
    if pace is None:
        return annual_plan
    rest = (annual_plan - ytd_plan) * pace
    return (ytd_actual + rest).quantize(CENT, rounding=ROUND_HALF_UP)


def required_per_period(
    annual_plan: Decimal, ytd_actual: Decimal, period: Period
) -> Decimal | None:
    """剩余每期需完成: what is left of the plan over the periods after this one."""
    left = PERIODS - period.index
    if left <= 0:
        return None
    owed = max(ZERO, annual_plan - ytd_actual)
    return (owed / left).quantize(CENT, rounding=ROUND_HALF_UP)


def physical_lag(planned_pct: Decimal | None, latest_pct: Decimal | None) -> Decimal | None:
    """计划形象进度 − 实际形象进度, in points (negative: ahead of the plan)."""
    if planned_pct is None or latest_pct is None:
        return None
    return planned_pct - latest_pct


def project_outlook(
    figures: Figures, period: Period, planned_pct: Decimal | None, latest_pct: Decimal | None
) -> Outlook:
    """One project's forecast at ``period``."""
    return Outlook(
        spi=spi(figures.ytd_actual, figures.ytd_plan),
        forecast=forecast(figures.annual_plan, figures.ytd_plan, figures.ytd_actual),
        required_per_period=required_per_period(figures.annual_plan, figures.ytd_actual, period),
        planned_pct=planned_pct,
        latest_pct=latest_pct,
        physical_lag=physical_lag(planned_pct, latest_pct),
    )


def total_outlook(figures: Figures, members: Iterable[Outlook], period: Period) -> Outlook:
    """A group's forecast: the sums of its projects', the spi of its summed figures."""
    members = list(members)
    required = [m.required_per_period for m in members if m.required_per_period is not None]
    forecasts = sum((m.forecast for m in members), ZERO)
    return summed_outlook(figures, forecasts, sum(required, ZERO), period)


def summed_outlook(
    figures: Figures, forecasts: Decimal, required: Decimal, period: Period
) -> Outlook:
    """A group's forecast from its summed figures and the sums of its projects' forecasts
    and requirements (:func:`total_outlook` for totals kept as they are counted)."""
    return Outlook(
        spi=spi(figures.ytd_actual, figures.ytd_plan),
        forecast=forecasts,
        required_per_period=None if period.index >= PERIODS else required,
    )
