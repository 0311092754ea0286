"""An OC4IDS project's progress over the year: 序时进度 and 本年累计 at each period (financial),
the 形象进度计划 and the 形象进度 reported (physical), each observed from the year's start."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from tracker.application.oc4ids.codes import day_end, day_start, value
from tracker.application.queries.rows import ProjectRow
from tracker.domain.period import Period, Schedule
from tracker.domain.progress import planned_pct

Rows = list[tuple[Period, ProjectRow]]  # a project at each period of the year


def observed(period: Period, schedule: Schedule) -> dict[str, Any]:
    """The period an observation is of: from the year's start to the period's due day."""
    start, due = date(period.year, 1, 1), period.due_date(schedule)
    return {"startDate": day_start(start, schedule.zone), "endDate": day_end(due, schedule.zone)}


def financial(rows: Rows, schedule: Schedule, planned: bool) -> dict[str, Any]:
    """序时进度 (planned) or 本年累计完成 (actual) at each period, cumulative, in yuan."""
    observations = [
        {
            "id": f"{'plan' if planned else 'actual'}-{period}",
            "period": observed(period, schedule),
            "value": value(row.figures.ytd_plan if planned else row.figures.ytd_actual),
        }
        for period, row in rows
        if planned or row.versions
    ]
    metric: dict[str, Any] = {
        "id": "financialProgress",
        "title": "序时进度（本年累计计划投资）" if planned else "本年累计完成投资",
    }
    if observations:
        metric["observations"] = observations
    return metric


def planned_physical(
    plan: tuple[Decimal, ...], schedule: Schedule, year: int
) -> list[dict[str, Any]]:
    """计划形象进度 at each period, from the project's 形象进度计划 (none without one)."""
    if not plan:
        return []
    observations = [
        {
            "id": f"plan-{period}",
            "period": observed(period, schedule),
            "measure": str(planned_pct(plan, period)),
            "unit": {"name": "%"},
        }
        for period in Period.all_of(year)
    ]
    return [{"id": "physicalProgress", "title": "计划形象进度（%）", "observations": observations}]


def physical(rows: Rows, schedule: Schedule) -> list[dict[str, Any]]:
    """形象进度 as reported with a percentage, at each period."""
    observations = [
        {
            "id": f"actual-{period}",
            "period": observed(period, schedule),
            "measure": str(row.progress_pct),
            "unit": {"name": "%"},
        }
        for period, row in rows
        if row.versions and row.progress_pct is not None
    ]
    if not observations:
        return []
    return [{"id": "physicalProgress", "title": "形象进度（%）", "observations": observations}]
