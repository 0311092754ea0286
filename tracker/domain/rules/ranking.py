"""考核 (DESIGN §3 Ranking): each unit's month scored out of 100, ranked, the last flagged 末位."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.money import CENT
from tracker.domain.period import Period, Schedule, add_months
from tracker.domain.rules.lights import Thresholds

ONE = Decimal(1)


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


@dataclass(frozen=True)
class UnitMonth:
    """What the formula needs of one unit's month."""

    unit: str
    on_time: int  # the reports due at the month's two periods: received by the deadline,
    late: int  # received after it,
    missing: int  # and not received (the period closed; not_due and pending count not)
    ytd_plan: Decimal  # Σ序时进度 at the month's second period
    ytd_actual: Decimal  # Σ本年累计完成 then
    starts: tuple[tuple[date, date | None], ...]  # (planned, actual start) of its new starts


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


@dataclass(frozen=True)
class _Score:
    on_time_rate: Decimal | None
    progress_rate: Decimal
    start_rate: Decimal | None
    on_time_score: Decimal
    progress_score: Decimal
    start_score: Decimal | None
    total: Decimal


def rank_units(
    months: Sequence[UnitMonth], on: date, weights: Weights, thresholds: Thresholds
) -> list[RankingRow]:
    """Score every unit as of the day ``on``; best first, ties share a rank."""
    scores = {month.unit: score(month, on, weights, thresholds) for month in months}
    order = sorted(scores, key=lambda unit: (-scores[unit].total, unit))
    totals = [scores[unit].total for unit in order]
    lowest = min(totals, default=None)
    first: dict[Decimal, int] = {}  # a total's rank: 1 + the units above it
    for place, total in enumerate(totals, start=1):
        first.setdefault(total, place)
    return [
        RankingRow(
            unit,
            **vars(scores[unit]),
            rank=first[scores[unit].total],
            last=len(totals) > 1 and scores[unit].total == lowest,
        )
        for unit in order
    ]


def score(month: UnitMonth, on: date, weights: Weights, thresholds: Thresholds) -> _Score:
    """On-time share of the month's reports, investment progress, new starts on time."""
    on_time = _fraction(month.on_time, month.on_time + month.late + month.missing)
    plan, actual = month.ytd_plan, month.ytd_actual
    progress = min(ONE, actual / plan) if plan else ONE
    grace = thresholds.start_yellow_months
    latest = [(add_months(planned, grace), started) for planned, started in month.starts]
    due = [(by, started) for by, started in latest if by <= on]  # to have started by ``on``
    in_time = [1 for by, started in due if started and started <= by]
    starts = _fraction(len(in_time), len(due))
    on_time_score = _q(weights.on_time * (ONE if on_time is None else on_time))
    progress_score = _q(weights.progress * progress)
    if starts is None:  # without new starts the other two scale to 100
        scale = (weights.on_time + weights.progress + weights.starts) / (
            weights.on_time + weights.progress
        )
        total = _q((on_time_score + progress_score) * scale)
        return _Score(on_time, progress, None, on_time_score, progress_score, None, total)
    start_score = _q(weights.starts * starts)
    total = on_time_score + progress_score + start_score
    return _Score(on_time, progress, starts, on_time_score, progress_score, start_score, total)


def scored_on(year: int, month: int, schedule: Schedule, today: date) -> date:
    """A month's figures are as of its last due day, or today while it is still running."""
    return min(Period(year, month, 2).due_date(schedule), today)


def month_done(open_: Period, schedule: Schedule, now: datetime) -> bool:
    """True once the open period's month has had both its deadlines."""
    return Period(open_.year, open_.month, 2).closes_at(schedule) <= now


def default_month(open_: Period, schedule: Schedule, now: datetime) -> int:
    """The month a ranking page opens on: the last one whose reports are all in."""
    done = month_done(open_, schedule, now)
    return open_.month if done or open_.month == 1 else open_.month - 1


def _fraction(part: int, whole: int) -> Decimal | None:
    return Decimal(part) / Decimal(whole) if whole else None


def _q(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
