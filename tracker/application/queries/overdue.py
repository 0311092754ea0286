"""The overdue list the bureau reviews: the kinds of DESIGN §3, each item with its light."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from tracker.application.queries.grid import Member, members
from tracker.application.queries.plans import milestone_rows
from tracker.application.queries.problems import problem_rows
from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.supervisions import supervision_rows
from tracker.domain.catalog import OVERDUE_KINDS
from tracker.domain.period import Period, Schedule
from tracker.domain.rules import overdue as rules
from tracker.domain.rules.lights import Thresholds
from tracker.projections import tables

P = tables.projects.c


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
        return OVERDUE_KINDS[self.kind]


class Overdue:
    """Everything overdue in a campaign, now or as of a past moment."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def items(self, year: int, as_of: datetime | None = None) -> list[OverdueItem]:
        """Everything overdue at ``as_of`` (default now), reddest first, then oldest."""
        with self.read.at(as_of) as view:
            campaign = known_campaign(view, year)
            return overdue_items(view, year, campaign.schedule, view.now, campaign.thresholds)


def matching(
    items: list[OverdueItem],
    unit: str | None = None,
    category: str | None = None,
    kind: str | None = None,
) -> list[OverdueItem]:
    """The overdue items of that unit, category and kind (None: any)."""
    return [
        item
        for item in items
        if (unit is None or item.unit == unit)
        and (category is None or item.category == category)
        and (kind is None or item.kind == kind)
    ]


def overdue_items(
    view: View, year: int, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> list[OverdueItem]:
    closed = [p for p in Period.all_of(year) if p.closes_at(schedule) <= now]
    found = members(view, year, schedule, now) if closed else []
    today = now.astimezone(schedule.zone).date()
    items = _missing(closed, found, schedule) + _lagging(closed, found, schedule, thresholds)
    items += _late_starts(found, today, thresholds)
    items += _late_completions(view, year, today, thresholds)
    items += _stale_problems(view, year, now)
    items += _overdue_supervisions(view, year, today)
    items += _late_milestones(view, year, today, thresholds)
    return sorted(items, key=lambda i: rules.review_order(i.light, i.since, i.code, i.kind))


def _item(kind: str, row: Member, light: str, since: datetime | date, detail: str) -> OverdueItem:
    return OverdueItem(kind, row.code, row.name, row.unit, row.category, light, since, detail)


def _missing(closed: list[Period], found: list[Member], schedule: Schedule) -> list[OverdueItem]:
    items = []
    for row in found:
        entries = [p for p in closed if row.statuses[p.index - 1] == "missing"]
        if entries:
            labels = "、".join(p.label for p in entries)
            light, since = rules.missing_light(len(entries)), entries[0].closes_at(schedule)
            items.append(_item("missing_report", row, light, since, f"未报：{labels}"))
    return items


def _lagging(
    closed: list[Period], found: list[Member], schedule: Schedule, thresholds: Thresholds
) -> list[OverdueItem]:
    """Active projects behind their plan at the last closed period, since when they have been."""
    items, last = [], len(closed) - 1
    for row in found if closed else []:
        figures = row.figures(last)
        light = rules.lagging_light(figures, thresholds)
        if light == "green" or row.project_status != "active":
            continue
        start = last
        while start > 0 and rules.lagging_light(row.figures(start - 1), thresholds) != "green":
            start -= 1
        detail = f"滞后序时进度 {figures.lag} 个百分点"
        items.append(_item("lagging", row, light, closed[start].closes_at(schedule), detail))
    return items


def _late_starts(found: list[Member], today: date, thresholds: Thresholds) -> list[OverdueItem]:
    items = []
    for row in found:
        if row.nature == "new_start" and row.started_on is None:
            light = rules.late_start_light(row.planned_start, today, thresholds)
            if light != "green":
                detail = "计划开工日期已过，尚未开工"
                items.append(_item("late_start", row, light, row.planned_start, detail))
    return items


def _late_completions(
    view: View, year: int, today: date, thresholds: Thresholds
) -> list[OverdueItem]:
    """Active projects whose planned completion date has passed."""
    query = select(tables.projects).where(P.campaign_year == year, P.status == "active")
    items = []
    for row in view.connection.execute(query.where(view.holds(tables.projects))).mappings():
        planned = date.fromisoformat(row["planned_completion"])
        light = rules.late_completion_light(planned, today, thresholds)
        if light is not None:
            detail = "计划竣工日期已过，尚未竣工"
            items.append(_project_item("late_completion", row, light, planned, detail))
    return items


def _project_item(
    kind: str, row: dict, light: str, since: datetime | date, detail: str
) -> OverdueItem:
    return OverdueItem(
        kind, row["code"], row["name"], row["unit"], row["category"], light, since, detail
    )


def _stale_problems(view: View, year: int, now: datetime) -> list[OverdueItem]:
    projects = _projects(view, year, active_or_completed=True)
    items = []
    for problem in problem_rows(view):
        project = projects.get(problem.code)
        light = rules.stale_problem_light(problem.raised_at, now) if problem.is_open else None
        if project is None or light is None:
            continue
        detail = f"问题{problem.problem_id}：{problem.text}"
        items.append(_project_item("stale_problem", project, light, problem.raised_at, detail))
    return items


def _overdue_supervisions(view: View, year: int, today: date) -> list[OverdueItem]:
    projects = _projects(view, year)
    items = []
    for order in supervision_rows(view):
        project = projects.get(order.code)
        if project is None or not order.overdue_on(today):
            continue
        light = rules.supervision_light(order.due_on, today)
        detail = f"督办要求：{order.requirement}（期限 {order.due_on}）"
        row = {**project, "unit": order.unit}
        items.append(_project_item("supervision_overdue", row, light, order.due_on, detail))
    return items


def _late_milestones(
    view: View, year: int, today: date, thresholds: Thresholds
) -> list[OverdueItem]:
    """节点逾期: nodes past their planned date and not met, of projects not withdrawn."""
    projects = _projects(view, year, active_or_completed=True)
    items = []
    for node in milestone_rows(view):
        project = projects.get(node.code)
        if project is None or node.met_on is not None:
            continue
        light = rules.milestone_light(node.planned_on, today, thresholds)
        if light is not None:
            late = node.days_late(today)
            detail = f"节点“{node.name}”计划 {node.planned_on.isoformat()} 完成，已逾期 {late} 天"
            items.append(_project_item("milestone_late", project, light, node.planned_on, detail))
    return items


def _projects(view: View, year: int, active_or_completed: bool = False) -> dict:
    query = select(P.code, P.name, P.unit, P.category).where(P.campaign_year == year)
    query = query.where(view.holds(tables.projects))
    if active_or_completed:
        query = query.where(P.status != "withdrawn")
    return {row["code"]: dict(row) for row in view.connection.execute(query).mappings()}
