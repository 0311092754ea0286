"""未报, 滞后 and 未按期开工 of the overdue list, found from sums before anything is walked.

Most projects have every closed period reported and are not behind their plan: one
query brings each project with the number of its reports up to the last closed period
and its 本年累计 then (summed in the database), and only the projects that could be
missing a report or are behind at that period have their reports read and walked back
period by period, in whole 分 (``rules.lights.lag_light_cents``).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate, repeat

from sqlalchemy import ColumnElement, Select, String, cast, func, select

from tracker.application.queries.reader import View
from tracker.domain.catalog import OVERDUE_KINDS
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules import overdue as rules
from tracker.domain.rules.lights import Thresholds, lag_light_cents
from tracker.domain.rules.status import status_at
from tracker.domain.rules.ytd import Figures, lag_hundredths
from tracker.projections import tables
from tracker.projections.codec import day, moment, plan_steps

P, R = tables.projects.c, tables.period_reports.c
#: codes named in one statement (SQLite and PostgreSQL both take far more)
BY_CODE = 2000


@dataclass(frozen=True)
class OverdueItem:
    """An item of the overdue list: what, whose, how bad, since when."""

    kind: str
    code: str
    name: str
    unit: str
    category: str
    light: str
    since: datetime | date
    detail: str

    @property
    def label(self) -> str:
        return OVERDUE_KINDS[self.kind]


def behind(
    view: View, year: int, closed: list[Period], schedule: Schedule, thresholds: Thresholds
) -> list[OverdueItem]:
    """The items of the three kinds at ``view.now``, ``closed`` being the periods closed then."""
    if not closed:
        return []
    last = closed[-1]
    sums = (
        select(
            R.code,
            func.count().label("reported"),
            func.sum(R.investment_cents).label("actual"),
        )
        .where(R.idx <= last.index, view.holds(tables.period_reports))
        .group_by(R.code)
        .subquery()
    )
    columns = (P.code, P.name, P.unit, P.category, P.nature, P.status, P.annual_plan_cents)
    columns += (P.monthly_plan, P.planned_start, P.started_on)
    columns += (P.registered_at, P.completed_on, P.withdrawn_at)
    query = (
        select(*columns, sums.c.reported, sums.c.actual)
        .outerjoin(sums, sums.c.code == P.code)
        .where(P.campaign_year == year, P.status != "withdrawn", view.holds(tables.projects))
        .order_by(P.code)
    )
    projects = view.connection.execute(query).all()  # fetched at once: cheaper than by row
    today = view.now.astimezone(schedule.zone).date()
    walked, found = [], []
    for row in projects:
        steps = plan_steps(row.monthly_plan)
        light = lag_light_cents(
            steps[last.index - 1], row.actual or 0, row.annual_plan_cents, thresholds
        )
        lagging = light != "green" and row.status == "active"
        if lagging or (row.reported or 0) < len(closed):
            walked.append((row, steps, lagging))
        if row.nature == "new_start" and row.started_on is None:
            start = date.fromisoformat(row.planned_start)
            late = rules.late_start_light(start, today, thresholds)
            if late != "green":
                detail = "计划开工日期已过，尚未开工"
                found.append(_found("late_start", row, late, start, detail))
    reports = _reports(view, last, [row.code for row, _, _ in walked])
    deadlines = [period.closes_at(schedule) for period in closed]
    for row, steps, lagging in walked:
        reported = reports.get(row.code, {})
        found += _missing(row, reported, closed, schedule, view.now)
        if lagging:
            found.append(_lagging(row, steps, reported, deadlines, thresholds))
    return found


def of_codes(query: Select, column: ColumnElement, codes: Collection[str]) -> list[Select]:
    """``query`` for the rows of ``codes`` only, in statements of at most BY_CODE codes each."""
    ordered = sorted(codes)
    return [
        query.where(column.in_(ordered[start : start + BY_CODE]))
        for start in range(0, len(ordered), BY_CODE)
    ]


def _reports(view: View, last: Period, codes: Collection[str]) -> dict[str, dict[int, int]]:
    """The 分 reported at each period up to ``last`` by each of ``codes``: a project's
    reports come as one text of ``period:分`` pairs, read back in one pass of the C parser."""
    pair = cast(R.idx, String).concat(":").concat(cast(R.investment_cents, String))
    query = (
        select(R.code, func.aggregate_strings(pair, ","))
        .where(R.idx <= last.index, view.holds(tables.period_reports))
        .group_by(R.code)
    )
    by_code: dict[str, dict[int, int]] = {}
    for statement in of_codes(query, R.code, codes):
        for code, pairs in view.connection.execute(statement).all():
            numbers = map(int, pairs.replace(":", ",").split(","))
            by_code[code] = dict(zip(numbers, numbers, strict=True))
    return by_code


def _missing(
    row, reported: dict[int, int], closed: list[Period], schedule: Schedule, now: datetime
) -> list[OverdueItem]:
    """未报: the closed periods without a report that were due (DESIGN §3 Who must report)."""
    if len(reported) == len(closed):  # every closed period reported (they are periods 1 … n)
        return []
    times = (moment(row.registered_at), day(row.completed_on), moment(row.withdrawn_at))
    registered, completed, withdrawn = times
    entries = [
        period
        for period in closed
        if period.index not in reported
        and status_at(
            period.closes_at(schedule),
            period.start_date(schedule),
            registered,  # type: ignore[arg-type]
            None,
            now,
            completed,
            withdrawn,
        )
        == "missing"
    ]
    if not entries:
        return []
    labels = "、".join(p.label for p in entries)
    light, since = rules.missing_light(len(entries)), entries[0].closes_at(schedule)
    return [_found("missing_report", row, light, since, f"未报：{labels}")]


def _lagging(
    row,
    steps: tuple[int, ...],
    reported: dict[int, int],
    deadlines: list[datetime],
    thresholds: Thresholds,
) -> OverdueItem:
    """滞后: behind at the last closed period, since the deadline of the first of the closed
    periods (``deadlines``: the year's first ones) it has been behind at without a break."""
    closed = range(1, len(deadlines) + 1)
    actual = list(accumulate(map(reported.get, closed, repeat(0))))  # 本年累计 at each
    annual, last = row.annual_plan_cents, len(deadlines) - 1
    figures = Figures(
        from_cents(annual), from_cents(steps[last]), from_cents(actual[last]), from_cents(0)
    )
    start, behind_from = last, rules.lagging_from(thresholds)
    while (  # annual is not 0: a project without a plan never lags
        start > 0 and lag_hundredths(steps[start - 1], actual[start - 1], annual) >= behind_from
    ):
        start -= 1
    light = rules.lagging_light(figures, thresholds)
    detail = f"滞后序时进度 {figures.lag} 个百分点"
    return _found("lagging", row, light, deadlines[start], detail)


def _found(kind: str, row, light: str, since: datetime | date, detail: str) -> OverdueItem:
    return OverdueItem(kind, row.code, row.name, row.unit, row.category, light, since, detail)
