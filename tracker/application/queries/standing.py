"""Every project's light, forecast and start at one period, from one read: the dashboard's counts.

The totals of a period are sums (``totals.py``); what cannot be summed — how many
projects are red, a group's forecast (the sum of its projects' forecasts), the new starts
still waiting — needs each project judged by the domain's rules. One query brings each
project with its 本年累计 and its period's report summed in the database; each row is
judged once, by the same rules a project row uses, and nothing else is built per project.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select

from tracker.application.queries.reader import View
from tracker.application.queries.rows import CampaignRow
from tracker.application.queries.totals import (
    Sums,
    TotalRow,
    Totals,
    grouped,
    listed,
)
from tracker.domain.money import from_cents
from tracker.domain.period import Period
from tracker.domain.rules.forecast import Outlook, forecast, required_per_period, summed_outlook
from tracker.domain.rules.lights import AWAITING, project_light_cents
from tracker.domain.rules.status import status_at
from tracker.domain.rules.ytd import ZERO
from tracker.projections import tables
from tracker.projections.codec import day, moment, plan_steps

P, R = tables.projects.c, tables.period_reports.c
WAITING_SHOWN = 20  # new starts named on the dashboard; the overdue list has them all


@dataclass(frozen=True)
class Waiting:
    """A new start due to have started that has not."""

    code: str
    name: str
    unit: str
    planned_start: date


@dataclass(frozen=True)
class Starts:
    all: int  # new starts in the campaign
    due: int  # due to have started by the day looked at
    started: int  # of those, started by then
    waiting: list[Waiting]  # the first WAITING_SHOWN of the others, in code order
    waiting_count: int


@dataclass(frozen=True)
class Standings:
    """What the dashboard counts over every project at a period."""

    lights: Counter[str]
    projects: int
    starts: Starts
    district: Outlook
    categories: dict[str, Outlook]
    units: dict[str, Outlook]


def project_reads(view: View, period: Period) -> list:
    """Each project with its 本年累计, its period's investment and receipt, in code order."""
    here = R.idx == period.index
    sums = (
        select(
            R.code,
            func.sum(R.investment_cents).label("actual"),
            func.sum(case((here, R.investment_cents), else_=0)).label("investment"),
            func.max(case((here, R.received_at))).label("received_at"),
        )
        .where(R.idx <= period.index, view.holds(tables.period_reports))
        .group_by(R.code)
        .subquery()
    )
    columns = (P.code, P.name, P.unit, P.category, P.nature, P.annual_plan_cents, P.monthly_plan)
    columns += (P.planned_start, P.started_on, P.registered_at, P.completed_on, P.withdrawn_at)
    query = (
        select(*columns, sums.c.actual, sums.c.investment, sums.c.received_at)
        .outerjoin(sums, sums.c.code == P.code)
        .where(*listed(view, period.year))
        .order_by(P.code)
    )
    return view.connection.execute(query).all()


def standings(
    view: View, campaign: CampaignRow, period: Period, today: date
) -> tuple[Totals, Standings]:
    """Every project judged at ``period``, and the totals summed from the same read."""
    schedule, thresholds, now = campaign.schedule, campaign.thresholds, view.now
    closes, starts_on, due = (
        period.closes_at(schedule),
        period.start_date(schedule),
        period.due_date(schedule),
    )
    starts_by = min(due, today)
    index = period.index - 1
    lights: Counter[str] = Counter()
    #: the sums of the projects' 预计全年完成 and 剩余每期需完成: the district's (key ""),
    #: each category's and each unit's
    outlooks: dict[tuple[str, str], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    new_starts = due_starts = started = 0
    waiting: list[Waiting] = []
    pairs: dict[tuple[str, str], Sums] = defaultdict(Sums)
    rows = project_reads(view, period)
    closed = now >= closes  # nothing is 待报 once the deadline has passed
    for row in rows:
        steps = plan_steps(row.monthly_plan)
        annual, plan, actual = row.annual_plan_cents, steps[index], row.actual or 0
        pairs[row.unit, row.category].count(annual, plan, actual, row.investment or 0)
        judged = plan
        if not closed and row.received_at is None:  # only then can it be 待报
            status = status_at(
                closes,
                starts_on,
                moment(row.registered_at),  # type: ignore[arg-type]
                None,
                now,
                day(row.completed_on),
                moment(row.withdrawn_at),
            )
            if status == AWAITING:  # judged by the plan due at the last deadline
                judged = steps[index - 1] if index else 0
        planned_start = date.fromisoformat(row.planned_start)
        started_on = day(row.started_on)
        lights[
            project_light_cents(
                (judged, actual, annual), row.nature, planned_start, started_on, due, thresholds
            )
        ] += 1
        annual_plan, actual_done = from_cents(annual), from_cents(actual)
        ends = forecast(annual_plan, from_cents(plan), actual_done)
        needs = required_per_period(annual_plan, actual_done, period)  # None at 第24期
        for group in (("", ""), ("category", row.category), ("unit", row.unit)):
            outlook = outlooks[group]
            outlook[0] += ends
            if needs is not None:
                outlook[1] += needs
        if row.nature == "new_start":
            new_starts += 1
            if planned_start <= starts_by:
                due_starts += 1
                if started_on and started_on <= starts_by:
                    started += 1
                else:
                    waiting.append(Waiting(row.code, row.name, row.unit, planned_start))

    def summed(kind: str, groups: Iterable[TotalRow]) -> dict[str, Outlook]:
        return {t.name: summed_outlook(t.figures, *outlooks[kind, t.name], period) for t in groups}

    totals = grouped(pairs, campaign)
    return totals, Standings(
        lights=lights,
        projects=len(rows),
        starts=Starts(new_starts, due_starts, started, waiting[:WAITING_SHOWN], len(waiting)),
        district=summed_outlook(totals.district.figures, *outlooks["", ""], period),
        categories=summed("category", totals.categories),
        units=summed("unit", totals.units),
    )
