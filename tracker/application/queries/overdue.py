"""The overdue list the bureau reviews: the kinds of DESIGN §3, each item with its light."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from tracker.application.queries.behind import OverdueItem, behind, of_codes
from tracker.application.queries.plans import milestone_rows
from tracker.application.queries.problems import problem_rows
from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.supervisions import supervision_rows
from tracker.domain.period import Period, Schedule
from tracker.domain.rules import overdue as rules
from tracker.domain.rules.lights import Thresholds
from tracker.projections import tables

P = tables.projects.c


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
    today = now.astimezone(schedule.zone).date()
    items = behind(view, year, closed, schedule, thresholds)
    items += _late_completions(view, year, today, thresholds)
    items += _stale_problems(view, year, now)
    items += _overdue_supervisions(view, year, today)
    items += _late_milestones(view, year, today, thresholds)
    return sorted(items, key=lambda i: rules.review_order(i.light, i.since, i.code, i.kind))


def _late_completions(
    view: View, year: int, today: date, thresholds: Thresholds
) -> list[OverdueItem]:
    """Active projects whose planned completion date has passed."""
    query = select(P.code, P.name, P.unit, P.category, P.planned_completion).where(
        P.campaign_year == year,
        P.status == "active",
        P.planned_completion < today.isoformat(),  # only those past it can be late
        view.holds(tables.projects),
    )
    items = []
    for row in view.connection.execute(query).mappings():
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
    problems = problem_rows(view)
    projects = _projects(view, year, {p.code for p in problems}, active_or_completed=True)
    items = []
    for problem in problems:
        project = projects.get(problem.code)
        light = rules.stale_problem_light(problem.raised_at, now) if problem.is_open else None
        if project is None or light is None:
            continue
        detail = f"问题{problem.problem_id}：{problem.text}"
        items.append(_project_item("stale_problem", project, light, problem.raised_at, detail))
    return items


def _overdue_supervisions(view: View, year: int, today: date) -> list[OverdueItem]:
    orders = supervision_rows(view)
    projects = _projects(view, year, {order.code for order in orders})
    items = []
    for order in orders:
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
    nodes = milestone_rows(view)
    projects = _projects(view, year, {node.code for node in nodes}, active_or_completed=True)
    items = []
    for node in nodes:
        project = projects.get(node.code)
        if project is None or node.met_on is not None:
            continue
        light = rules.milestone_light(node.planned_on, today, thresholds)
        if light is not None:
            late = node.days_late(today)
            detail = f"节点“{node.name}”计划 {node.planned_on.isoformat()} 完成，已逾期 {late} 天"
            items.append(_project_item("milestone_late", project, light, node.planned_on, detail))
    return items


def _projects(
    view: View, year: int, codes: set[str], active_or_completed: bool = False
) -> dict[str, dict]:
    """The name, unit and category of the projects of ``codes`` in the campaign."""
    query = select(P.code, P.name, P.unit, P.category).where(P.campaign_year == year)
    query = query.where(view.holds(tables.projects))
    if active_or_completed:
        query = query.where(P.status != "withdrawn")
    return {
        row["code"]: dict(row)
        for statement in of_codes(query, P.code, codes)
        for row in view.connection.execute(statement).mappings()
    }
