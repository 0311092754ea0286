"""The overdue list the bureau reviews: six kinds of DESIGN §3, each with a light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, select

from tracker.domain.figures import Thresholds, add_months, lag_light, start_light
from tracker.domain.period import Period, Schedule
from tracker.projections import tables
from tracker.projections.rows import ProjectRow, project_rows
from tracker.projections.supervision_rows import supervision_rows

KINDS = {
    "missing_report": "未按时报送",
    "lagging": "投资滞后",
    "late_start": "未按期开工",
    "late_completion": "未按期竣工",
    "stale_problem": "问题久拖未决",
    "supervision_overdue": "督办逾期",
}
STALE_PROBLEM = timedelta(days=30)
VERY_STALE_PROBLEM = timedelta(days=90)


@dataclass(frozen=True)
class OverdueItem:
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
        return KINDS[self.kind]


def overdue_items(
    connection: Connection, year: int, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> list[OverdueItem]:
    """Everything overdue at ``now``, reddest first, then oldest."""
    closed = [p for p in Period.all_of(year) if p.closes_at(schedule) <= now]
    history = [project_rows(connection, p, schedule, now, thresholds) for p in closed]
    today = now.astimezone(schedule.zone).date()
    items = _missing(closed, history, schedule) + _lagging(closed, history, schedule, thresholds)
    if history:
        items += _late_starts(history[-1], today, thresholds)
    items += late_completions(connection, year, today, thresholds)
    items += _stale_problems(connection, year, now)
    items += _overdue_supervisions(connection, year, today)
    order = {"red": 0, "yellow": 1, "green": 2}
    return sorted(items, key=lambda i: (order[i.light], str(i.since), i.code, i.kind))


def _item(
    kind: str, row: ProjectRow, light: str, since: datetime | date, detail: str
) -> OverdueItem:
    return OverdueItem(kind, row.code, row.name, row.unit, row.category, light, since, detail)


def _missing(
    closed: list[Period], history: list[list[ProjectRow]], schedule: Schedule
) -> list[OverdueItem]:
    missing: dict[str, list[tuple[Period, ProjectRow]]] = {}
    for period, rows in zip(closed, history, strict=True):
        for row in rows:
            if row.status == "missing":
                missing.setdefault(row.code, []).append((period, row))
    items = []
    for entries in missing.values():
        first, row = entries[0]
        light = "red" if len(entries) > 1 else "yellow"
        labels = "、".join(p.label for p, _ in entries)
        items.append(
            _item("missing_report", row, light, first.closes_at(schedule), f"未报：{labels}")
        )
    return items


def _lagging(
    closed: list[Period],
    history: list[list[ProjectRow]],
    schedule: Schedule,
    thresholds: Thresholds,
) -> list[OverdueItem]:
    if not history:
        return []
    items = []
    by_code = [{row.code: row for row in rows} for rows in history]
    for row in history[-1]:
        light = lag_light(row.figures.lag, thresholds) if row.figures.annual_plan else "green"
        if light == "green" or row.project_status != "active":
            continue
        start = len(closed) - 1
        while (
            start > 0
            and (earlier := by_code[start - 1].get(row.code))
            and (lag_light(earlier.figures.lag, thresholds) != "green")
        ):
            start -= 1
        detail = f"滞后序时进度 {row.figures.lag} 个百分点"
        items.append(_item("lagging", row, light, closed[start].closes_at(schedule), detail))
    return items


def _late_starts(rows: list[ProjectRow], today: date, thresholds: Thresholds) -> list[OverdueItem]:
    items = []
    for row in rows:
        if row.nature == "new_start" and row.started_on is None:
            light = start_light(row.planned_start, None, today, thresholds)
            if light != "green":
                items.append(
                    _item("late_start", row, light, row.planned_start, "计划开工日期已过，尚未开工")
                )
    return items


def late_completions(
    connection: Connection, year: int, today: date, thresholds: Thresholds
) -> list[OverdueItem]:
    """Active projects whose planned completion date has passed."""
    p = tables.projects.c
    query = select(tables.projects).where(
        p.campaign_year == year, p.status == "active", p.planned_completion < today.isoformat()
    )
    items = []
    for row in connection.execute(query).mappings():
        planned = date.fromisoformat(row["planned_completion"])
        red_after = add_months(planned, thresholds.start_red_months)
        light = "red" if today >= red_after else "yellow"
        items.append(
            OverdueItem(
                "late_completion",
                row["code"],
                row["name"],
                row["unit"],
                row["category"],
                light,
                planned,
                "计划竣工日期已过，尚未竣工",
            )
        )
    return items


def _stale_problems(connection: Connection, year: int, now: datetime) -> list[OverdueItem]:
    q, p = tables.problems.c, tables.projects.c
    query = (
        select(tables.problems, p.name, p.unit, p.category)
        .join(tables.projects, p.code == q.code)
        .where(p.campaign_year == year, p.status != "withdrawn", q.resolved_at.is_(None))
    )
    items = []
    for row in connection.execute(query).mappings():
        raised = datetime.fromisoformat(row["raised_at"])
        if now - raised <= STALE_PROBLEM:
            continue
        light = "red" if now - raised > VERY_STALE_PROBLEM else "yellow"
        items.append(
            OverdueItem(
                "stale_problem",
                row["code"],
                row["name"],
                row["unit"],
                row["category"],
                light,
                raised,
                f"问题{row['problem_id']}：{row['text']}",
            )
        )
    return items


def _overdue_supervisions(connection: Connection, year: int, today: date) -> list[OverdueItem]:
    p = tables.projects.c
    names = {
        row.code: row
        for row in connection.execute(
            select(p.code, p.name, p.category).where(p.campaign_year == year)
        )
    }
    items = []
    for order in supervision_rows(connection):
        project = names.get(order.code)
        if project is None or not order.overdue_on(today):
            continue
        light = "red" if (today - order.due_on).days > 7 else "yellow"
        items.append(
            OverdueItem(
                "supervision_overdue",
                order.code,
                project.name,
                order.unit,
                project.category,
                light,
                order.due_on,
                f"督办要求：{order.requirement}（期限 {order.due_on}）",
            )
        )
    return items
