"""Every project of a campaign at each of its 24 periods, as a few small values.

The ranking judges every project at two periods of each month; building a full
``ProjectRow`` per project per period (24 × N rows of dates, Decimals and lights) is
what made it slow at province size. Here each project is read once, its reports once,
and each period's status comes from the same rule (``rules.status.status_at``) with the
period's bounds worked out once; figures stay whole 分 until a total is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from tracker.application.queries.reader import View
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.status import status_at
from tracker.domain.rules.ytd import Figures, ytd_plan_cents
from tracker.projections import tables
from tracker.projections.codec import day, moment

P, R = tables.projects.c, tables.period_reports.c
COLUMNS = (P.code, P.name, P.unit, P.category, P.nature, P.status)
COLUMNS += (P.planned_start, P.started_on, P.annual_plan_cents)
TIMES = (P.monthly_plan, P.registered_at, P.completed_on, P.withdrawn_at)


@dataclass(frozen=True)
class Member:
    """One project (not withdrawn) across the year: index ``i`` is period ``i + 1``."""

    code: str
    name: str
    unit: str
    category: str
    nature: str
    project_status: str  # active | completed
    planned_start: date
    started_on: date | None
    annual: int  # 分
    plan: tuple[int, ...]  # 序时进度 in 分 at each period
    actual: tuple[int, ...]  # 本年累计完成 in 分 at each period
    statuses: tuple[str, ...]  # the report status at each period

    def figures(self, index: int) -> Figures:
        """The figures at period ``index + 1``, as a project row has them."""
        return Figures(
            annual_plan=from_cents(self.annual),
            ytd_plan=from_cents(self.plan[index]),
            ytd_actual=from_cents(self.actual[index]),
            period_investment=from_cents(
                self.actual[index] - (self.actual[index - 1] if index else 0)
            ),
        )


def members(view: View, year: int, schedule: Schedule, now: datetime) -> list[Member]:
    """Every project of ``year`` that is not withdrawn, at all 24 periods, in code order."""
    periods = Period.all_of(year)
    bounds = [(p.closes_at(schedule), p.start_date(schedule)) for p in periods]
    query = select(*COLUMNS, *TIMES).where(
        P.campaign_year == year, P.status != "withdrawn", view.holds(tables.projects)
    )
    projects = view.connection.execute(query.order_by(P.code)).all()
    reports: dict[str, dict[int, tuple[int, str]]] = {row.code: {} for row in projects}
    query = select(R.code, R.idx, R.investment_cents, R.received_at)
    for code, idx, cents, received in view.connection.execute(
        query.where(view.holds(tables.period_reports))
    ):
        if code in reports:
            reports[code][idx] = (cents, received)
    found = []
    unreported: dict[tuple, str] = {}  # the status without a report: the same for most projects
    for row in projects:
        months = [int(cents) for cents in row.monthly_plan.split(",")]
        times = (moment(row.registered_at), day(row.completed_on), moment(row.withdrawn_at))
        registered, completed, withdrawn = times
        reported, running, actual, statuses = reports[row.code], 0, [], []
        for period, (closes, starts) in zip(periods, bounds, strict=True):
            cents, received = reported.get(period.index, (0, None))
            running += cents
            actual.append(running)
            if received is None:
                key = (period.index, *times)
                if key not in unreported:
                    unreported[key] = status_at(
                        closes,
                        starts,
                        registered,
                        None,
                        now,
                        completed,
                        withdrawn,  # type: ignore[arg-type]
                    )
                statuses.append(unreported[key])
            else:
                statuses.append(
                    status_at(closes, starts, registered, moment(received), now)  # type: ignore[arg-type]
                )
        found.append(
            Member(
                row.code,
                row.name,
                row.unit,
                row.category,
                row.nature,
                row.status,
                date.fromisoformat(row.planned_start),
                day(row.started_on),
                row.annual_plan_cents,
                tuple(ytd_plan_cents(months, period) for period in periods),
                tuple(actual),
                tuple(statuses),
            )
        )
    return found
