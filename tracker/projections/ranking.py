"""考核: the monthly unit ranking of DESIGN §3, 100 points."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.figures import Thresholds, Weights, add_months
from tracker.domain.money import CENT
from tracker.projections.rows import ProjectRow

ONE = Decimal(1)


@dataclass(frozen=True)
class RankingRow:
    unit: str
    on_time_rate: Decimal | None  # fraction 0…1; None when nothing was due
    progress_rate: Decimal  # min(1, Σ本年累计 / Σ序时进度)
    start_rate: Decimal | None  # None when the unit has no new start due
    on_time_score: Decimal
    progress_score: Decimal
    start_score: Decimal | None
    total: Decimal
    rank: int
    last: bool  # 末位


def rank_units(
    first_half: list[ProjectRow],
    second_half: list[ProjectRow],
    as_of_day: date,
    weights: Weights,
    thresholds: Thresholds,
) -> list[RankingRow]:
    """Score every unit from its projects' rows at H1 and H2 of one month."""
    units = sorted({row.unit for row in second_half})
    rates = {
        unit: _rates(
            [r for r in first_half + second_half if r.unit == unit],
            [r for r in second_half if r.unit == unit],
            as_of_day,
            thresholds,
        )
        for unit in units
    }
    points = {unit: _points(*rates[unit], weights) for unit in units}
    order = sorted(units, key=lambda unit: (-points[unit][3], unit))
    totals = [points[unit][3] for unit in order]
    lowest = min(totals, default=None)
    return [
        RankingRow(
            unit,
            *rates[unit],
            *points[unit],
            rank=totals.index(points[unit][3]) + 1,  # ties share a rank
            last=len(totals) > 1 and points[unit][3] == lowest,
        )
        for unit in order
    ]


def _rates(
    both_halves: list[ProjectRow],
    month_end_rows: list[ProjectRow],
    as_of_day: date,
    thresholds: Thresholds,
) -> tuple[Decimal | None, Decimal, Decimal | None]:
    """On-time share of the month's reports, investment progress, new starts on time."""
    counted = [r.status for r in both_halves if r.status in ("on_time", "late", "missing")]
    on_time = _fraction(counted.count("on_time"), len(counted))
    plan = sum((r.figures.ytd_plan for r in month_end_rows), Decimal(0))
    actual = sum((r.figures.ytd_actual for r in month_end_rows), Decimal(0))
    progress = min(ONE, actual / plan) if plan else ONE
    grace = thresholds.start_yellow_months
    due = [
        r
        for r in month_end_rows
        if r.nature == "new_start" and add_months(r.planned_start, grace) <= as_of_day
    ]
    in_time = [
        r for r in due if r.started_on and r.started_on <= add_months(r.planned_start, grace)
    ]
    return on_time, progress, _fraction(len(in_time), len(due))


def _points(
    on_time: Decimal | None, progress: Decimal, starts: Decimal | None, weights: Weights
) -> tuple[Decimal, Decimal, Decimal | None, Decimal]:
    """Component scores and total; without new starts the others scale to 100."""
    on_time_score = _q(weights.on_time * (ONE if on_time is None else on_time))
    progress_score = _q(weights.progress * progress)
    if starts is None:
        scale = (weights.on_time + weights.progress + weights.starts) / (
            weights.on_time + weights.progress
        )
        return on_time_score, progress_score, None, _q((on_time_score + progress_score) * scale)
    start_score = _q(weights.starts * starts)
    return on_time_score, progress_score, start_score, on_time_score + progress_score + start_score


def _fraction(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
