"""Lights (DESIGN §3): green, yellow or red by lag, and by how late a new start is."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.period import add_months
from tracker.domain.rules.ytd import Figures, lag_hundredths

LIGHTS = ("green", "yellow", "red")


@dataclass(frozen=True)
class Thresholds:
    """Lag in points at which a light turns yellow (≥) and red (>); campaign settings."""

    yellow: Decimal = Decimal(10)
    red: Decimal = Decimal(30)
    start_yellow_months: int = 1
    start_red_months: int = 3
    #: 节点逾期: a node more days late than these is yellow, red
    milestone_yellow_days: int = 0
    milestone_red_days: int = 30
    #: 数据核查: investment and 形象进度 apart by more points than this
    mismatch_points: Decimal = Decimal(20)

    def check(self) -> None:
        if not 0 < self.yellow < self.red <= 100:
            raise InvalidValue("须满足 0 < 黄灯阈值 < 红灯阈值 ≤ 100（百分点）", "thresholds")
        if not 0 < self.start_yellow_months < self.start_red_months <= 24:
            raise InvalidValue("未按期开工的黄灯、红灯月数须满足 0 < 黄 < 红 ≤ 24", "thresholds")
        if not 0 <= self.milestone_yellow_days < self.milestone_red_days <= 365:
            raise InvalidValue("节点逾期的黄灯、红灯天数须满足 0 ≤ 黄 < 红 ≤ 365", "thresholds")
        if not 0 < self.mismatch_points <= 100:
            raise InvalidValue("数据核查的差异阈值须大于0且不超过100（百分点）", "mismatch_points")


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


def lag_light_cents(plan: int, actual: int, annual: int, thresholds: Thresholds) -> str:
    """``lag_light`` of the lag of figures in whole 分; green without a plan (lag 0)."""
    if not annual:
        return "green"
    return lag_light(Decimal(lag_hundredths(plan, actual, annual)).scaleb(-2), thresholds)


def project_light_cents(
    cents: tuple[int, int, int],
    nature: str,
    planned_start: date,
    started_on: date | None,
    due: date,
    thresholds: Thresholds,
) -> str:
    """:func:`project_light` of figures in whole 分: ``cents`` is (序时进度, 累计完成, 年度计划)."""
    light = lag_light_cents(*cents, thresholds)
    return with_start(light, nature, planned_start, started_on, due, thresholds)


def project_light(
    figures: Figures,
    nature: str,
    planned_start: date,
    started_on: date | None,
    due: date,
    thresholds: Thresholds,
) -> str:
    """A project's light at a period due on ``due``: its lag, and for a new start its start."""
    light = lag_light(figures.lag, thresholds)
    return with_start(light, nature, planned_start, started_on, due, thresholds)


def with_start(
    light: str,
    nature: str,
    planned_start: date,
    started_on: date | None,
    due: date,
    thresholds: Thresholds,
) -> str:
    """``light``, or for a new start the worse of it and its start's light on ``due``."""
    if nature == "new_start":
        return worst(light, start_light(planned_start, started_on, due, thresholds))
    return light


#: a period whose report is not in and whose deadline is still ahead (REPORT_STATUS 待报)
AWAITING = "pending"


def judged_figures(figures: Figures, status: str, plan_before: Decimal) -> Figures:
    """The figures a period's light judges: ``figures``, except for a period awaiting its
    report before its deadline (待报), judged against ``plan_before``, the 序时进度 due by the
    previous deadline. On the 1st of a month nobody could have reported the month yet, so
    its own plan cannot make a project lag; once the report is in, or the deadline has
    passed, the period's whole plan counts."""
    return replace(figures, ytd_plan=plan_before) if status == AWAITING else figures
