"""基线对比: what changed in a period's figures between two moments, and who changed it.

Both moments are read from the bitemporal read models (two reads, however long the
log); only the projects whose figures differ have their events read, to say who
changed each figure, when and why. A figure that moved without anyone acting (a
report that became 未报 when its deadline passed) names no one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tracker.application.queries.problems import problem_rows
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import known_campaign
from tracker.application.queries.rows import ProjectRow, project_rows
from tracker.domain.base import campaign_id, project_id
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.money import format_money
from tracker.domain.period import Period

REPORTS = ("Project.ReportSubmitted", "Project.ReportCorrected")
PROBLEMS = ("Project.ProblemRaised", "Project.ProblemResolved")
#: the project's standing: registered (or not yet), completed, withdrawn
STANDING = ("Project.Registered", "Project.Completed", "Project.Withdrawn")
#: a figure compared, and how to read it off a row (None: no row at that moment)
FIELDS: dict[str, Callable[[ProjectRow], str | None]] = {
    "project_status": lambda r: r.project_status,
    "investment": lambda r: format_money(r.figures.period_investment),
    "ytd": lambda r: format_money(r.figures.ytd_actual),
    "plan": lambda r: format_money(r.figures.annual_plan),
    "ytd_plan": lambda r: format_money(r.figures.ytd_plan),
    "progress": lambda r: r.progress,
    "light": lambda r: r.light,
    "status": lambda r: r.status,
}


@dataclass(frozen=True)
class FigureChange:
    """One figure of one project, before and after, and the last act that changed it."""

    code: str
    name: str
    unit: str
    field: str  # a key of FIELDS, or "problems"
    before: str | None  # None: the project was not registered yet
    after: str | None
    actor: str | None  # None: nobody acted (time passed)
    at: datetime | None
    reason: str | None


@dataclass(frozen=True)
class Comparison:
    period: Period
    start: datetime
    end: datetime
    changes: list[FigureChange]


class Compare:
    """The figures of a period at two moments, side by side."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def between(self, period: Period, start: datetime, end: datetime | None = None) -> Comparison:
        end = end or clock.now()
        if start >= end:
            raise InvalidValue("对比的起始时刻须早于结束时刻", "from")
        before, after = self._figures(period, start), self._figures(period, end)
        if not after:
            raise NotFound(f"{period.year} 年度战役在所选时刻尚未创建")
        changes = []
        for code in sorted(before.keys() | after.keys()):
            old, new = before.get(code, {}), after.get(code, {})
            changed = [f for f in (*FIELDS, "problems") if old.get(f) != new.get(f)]
            if changed:
                acts = self._acts(code, period.year, start, end)
                changes += [
                    self._change(code, (old or new), field, old, new, acts, period)
                    for field in changed
                ]
        return Comparison(period, start, end, changes)

    def _figures(self, period: Period, moment: datetime) -> dict[str, dict[str, Any]]:
        """Each project's compared figures at ``moment`` (withdrawn ones too)."""
        with self.read.at(moment) as view:
            try:
                campaign = known_campaign(view, period.year)
            except NotFound:
                return {}
            rows = project_rows(
                view, period, campaign.schedule, view.now, campaign.thresholds, True
            )
            problems: dict[str, list[str]] = {}
            for problem in problem_rows(view):
                if problem.is_open:
                    problems.setdefault(problem.code, []).append(problem.text)
        return {
            row.code: {
                **{field: read(row) for field, read in FIELDS.items()},
                "problems": "；".join(sorted(problems.get(row.code, []))) or "无",
                "name": row.name,
                "unit": row.unit,
            }
            for row in rows
        }

    def _acts(self, code: str, year: int, start: datetime, end: datetime) -> list[Any]:
        """The project's and the campaign's events in (start, end], oldest first."""
        events = self.read.events_of(project_id(code), end) + self.read.events_of(
            campaign_id(year), end
        )
        return sorted((e for e in events if e.timestamp > start), key=lambda e: e.timestamp)

    @staticmethod
    def _change(
        code: str,
        row: dict[str, Any],
        field: str,
        old: dict[str, Any],
        new: dict[str, Any],
        acts: list[Any],
        period: Period,
    ) -> FigureChange:
        cause = next((e for e in reversed(acts) if touches(field, e, period)), None)
        return FigureChange(
            code=code,
            name=row["name"],
            unit=row["unit"],
            field=field,
            before=old.get(field),
            after=new.get(field),
            actor=cause.actor if cause else None,
            at=cause.timestamp if cause else None,
            reason=getattr(cause, "reason", None) if cause else None,
        )


def touches(field: str, event: Any, period: Period) -> bool:
    """Whether ``event`` can have moved ``field`` of ``period``."""
    kind = type(event).__qualname__
    if kind in REPORTS:
        reported = Period.parse(event.period)
        if field in ("investment", "progress", "status"):
            return reported == period
        return field in ("ytd", "light") and reported.index <= period.index
    if kind == "Project.PlanRevised":
        return field in ("plan", "ytd_plan", "light")
    if kind in PROBLEMS:
        return field == "problems"
    if kind in STANDING:
        return True
    return kind == "Campaign.SettingsChanged" and field == "light"
