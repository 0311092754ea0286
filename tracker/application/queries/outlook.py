"""Forecasts at a period (DESIGN §3 Forecast): each project's, and the sums of its groups.

What the rules need beyond a summary's figures is read here: each project's
形象进度计划 and its latest 形象进度（%） reported up to the period, both as of the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, select

from tracker.application.queries.plans import progress_plan_of
from tracker.application.queries.reader import Reader, View
from tracker.application.queries.rows import ProjectRow
from tracker.domain.period import Period
from tracker.domain.progress import planned_pct
from tracker.domain.rules.forecast import Outlook, project_outlook, total_outlook
from tracker.projections import tables

if TYPE_CHECKING:
    from tracker.application.queries.summaries import Summary

R = tables.period_reports.c


@dataclass(frozen=True)
class Outlooks:
    """A summary's forecasts: by project code, for the district, by category and unit name."""

    projects: dict[str, Outlook]
    district: Outlook
    categories: dict[str, Outlook]
    units: dict[str, Outlook]


class Forecasts:
    """One project's forecast at each period (the summaries carry everyone's at one)."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def project(
        self, year: int, rows: list[ProjectRow], as_of: datetime | None = None
    ) -> list[Outlook]:
        """The forecast at each of ``rows``: one project's 24 periods of ``year``, oldest first."""
        if not rows:
            return []
        with self.read.at(as_of) as view:
            plan = progress_plan_of(view, [rows[0].code]).get(rows[0].code, ())
        outlooks: list[Outlook] = []
        latest = None
        for index, row in enumerate(rows, 1):
            period = Period.from_index(year, index)
            latest = row.progress_pct if row.progress_pct is not None else latest
            outlooks.append(project_outlook(row.figures, period, planned_pct(plan, period), latest))
        return outlooks


def latest_pcts(view: View, period: Period) -> dict[str, Decimal]:
    """Each project's latest 形象进度（%） reported for a period up to ``period``."""
    reports = tables.period_reports
    held = [R.idx <= period.index, R.progress_pct.is_not(None), view.holds(reports)]
    last = select(R.code, func.max(R.idx).label("idx")).where(*held).group_by(R.code).subquery()
    query = select(R.code, R.progress_pct).join(
        last, and_(R.code == last.c.code, R.idx == last.c.idx)
    )
    return {code: Decimal(pct) for code, pct in view.connection.execute(query.where(*held)).all()}


def outlooks_of(view: View, summary: Summary) -> Outlooks:
    """Every project's forecast at the summary's period, and its groups' sums."""
    period, rows = summary.period, summary.projects
    plans = progress_plan_of(view, [row.code for row in rows])
    latest = latest_pcts(view, period)
    projects = {
        row.code: project_outlook(
            row.figures, period, planned_pct(plans.get(row.code, ()), period), latest.get(row.code)
        )
        for row in rows
    }

    def grouped(key: Callable[[ProjectRow], str], totals: list) -> dict[str, Outlook]:
        members: dict[str, list[Outlook]] = {total.name: [] for total in totals}
        for row in rows:
            members[key(row)].append(projects[row.code])
        return {t.name: total_outlook(t.figures, members[t.name], period) for t in totals}

    district = total_outlook(summary.district.figures, projects.values(), period)
    categories = grouped(lambda row: row.category, summary.categories)
    return Outlooks(projects, district, categories, grouped(lambda row: row.unit, summary.units))
