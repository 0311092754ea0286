"""The 月报表's data: figures, problems open at the deadline, restated signed-off figures.

A correction made to a signed-off period afterwards is shown by the next
report as a restatement (更正), so a signed-off figure never changes silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select

from tracker.application.queries.problems import ProblemRow, problem_rows
from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.rows import project_rows
from tracker.application.queries.summaries import Summary, summarize, with_outlook
from tracker.domain.base import project_id
from tracker.domain.errors import NotFound
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.projections import tables


@dataclass(frozen=True)
class Restatement:
    """更正: a signed-off period's figure changed by a report received after sign-off."""

    period: Period
    code: str
    name: str
    unit: str
    signed_off_at: datetime  # the latest sign-off that showed the earlier figure
    before: Decimal | None  # None: not yet reported then (补报)
    after: Decimal
    changed_at: datetime
    reasons: tuple[str, ...]

    @property
    def difference(self) -> Decimal:
        return self.after - (self.before or Decimal("0.00"))


@dataclass(frozen=True)
class MonthlyData:
    """Everything a 月报表 shows, read in one go as of one moment."""

    summary: Summary
    unit: str | None
    open_problems: dict[str, list[ProblemRow]]  # 存在问题: open at the period's deadline
    restatements: list[Restatement]


class Monthly:
    """What the 月报表 of a period shows."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def data(
        self, period: Period, unit: str | None = None, as_of: datetime | None = None
    ) -> MonthlyData:
        """The district's (or one unit's) figures, open problems and restatements at ``period``."""
        with self.read.at() as view:
            check_unit(view, unit)
        with self.read.at(as_of) as view:
            now = view.now
            campaign = known_campaign(view, period.year)
            rows = project_rows(view, period, campaign.schedule, now, campaign.thresholds)
            rows = [row for row in rows if unit is None or row.unit == unit]
            codes = {row.code for row in rows}
            problems: dict[str, list[ProblemRow]] = {}
            closes = period.closes_at(campaign.schedule)
            for problem in problem_rows(view):
                if problem.code in codes and _open_at(problem, period, closes):
                    problems.setdefault(problem.code, []).append(problem)
            candidates = _restatement_candidates(view, period, unit)
            summary = summarize(campaign, period, rows, campaign.thresholds, now)
            summary = with_outlook(view, summary)  # the forecasts, read as of the same moment
        restated = [
            restatement(self.read.events_of(project_id(code)), period_, code, *rest, until=now)
            for period_, code, *rest in candidates
        ]
        return MonthlyData(summary, unit, problems, [r for r in restated if r is not None])


def check_unit(view: View, unit: str | None) -> None:
    if unit is None:
        return
    found = view.connection.execute(select(tables.units.c.name).where(tables.units.c.name == unit))
    if found.first() is None:
        raise NotFound(f"责任单位“{unit}”不存在", "unit")


def restatement(
    events: list[Any],
    period: Period,
    code: str,
    name: str,
    unit: str,
    cutoff: datetime,
    until: datetime,
) -> Restatement | None:
    """How a signed-off figure changed by ``until``, from the project's ``events``; None if not."""
    versions = [
        event
        for event in events
        if isinstance(event, Project.ReportSubmitted)
        and event.period == str(period)
        and event.timestamp <= until
    ]
    before = [v for v in versions if v.timestamp <= cutoff]
    after = [v for v in versions if v.timestamp > cutoff]
    old = before[-1].investment if before else None
    if not after or after[-1].investment == old:
        return None
    reasons = tuple(getattr(v, "reason", None) or "补报" for v in after)
    return Restatement(
        period,
        code,
        name,
        unit,
        cutoff,
        old,
        after[-1].investment,
        after[-1].timestamp,
        tuple(dict.fromkeys(reasons)),
    )


def _open_at(problem: ProblemRow, period: Period, closes: datetime) -> bool:
    """Raised by ``period`` (or before it closed) and not resolved before it closed."""
    if problem.period:
        raised = Period.parse(problem.period) <= period
    else:
        raised = problem.raised_at < closes
    return raised and (problem.resolved_at is None or problem.resolved_at >= closes)


def _restatement_candidates(
    view: View, period: Period, unit: str | None
) -> list[tuple[Period, str, str, str, datetime]]:
    """(period, code, name, unit, cutoff) of signed-off earlier periods changed since.

    A period's cutoff is the latest sign-off, of it or of any later period
    before ``period``: a correction already shown by a signed-off report is
    not shown again.
    """
    i, f, p = tables.issued_reports.c, tables.period_reports.c, tables.projects.c
    scope = i.unit.is_(None) if unit is None else or_(i.unit.is_(None), i.unit == unit)
    signed = select(i.period, i.as_of).where(i.year == period.year, i.period < str(period), scope)
    issued = view.connection.execute(signed.where(view.recorded(i.issued_at))).all()
    cutoffs = {
        earlier: max(as_of for signed, as_of in issued if signed >= earlier)
        for earlier in {row.period for row in issued}
    }
    found = []
    for earlier, cutoff in sorted(cutoffs.items()):
        query = (
            select(p.code, p.name, p.unit)
            .join(tables.period_reports, f.code == p.code)
            .where(f.period == earlier, f.changed_at > cutoff, p.campaign_year == period.year)
            .where(view.holds(tables.projects), view.holds(tables.period_reports))
            .order_by(p.code)
        )
        if unit is not None:
            query = query.where(p.unit == unit)
        for row in view.connection.execute(query):
            moment = datetime.fromisoformat(cutoff)
            found.append((Period.parse(earlier), row.code, row.name, row.unit, moment))
    return found
