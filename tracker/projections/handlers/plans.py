"""The plans' rows: a project's 形象进度计划 (from its registration and revisions) and its 节点.

``handlers.project`` calls :func:`progress_plan_set` from its own registration and
revision handlers and takes this module's handlers for the milestone events.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tracker.domain.project import Project
from tracker.projections.codec import day_text, utc_text
from tracker.projections.handlers import Handlers
from tracker.projections.handlers.project import project_code
from tracker.projections.plan_tables import milestones, progress_plans
from tracker.projections.rows import Rows

handlers = Handlers()


def plan_text(plan: Sequence[Decimal] | None) -> str:
    """Twelve percentages as stored: ``5.0,12.5,…``; "" for no plan."""
    return ",".join(str(Decimal(pct).quantize(Decimal("0.1"))) for pct in plan or ())


def progress_plan_set(rows: Rows, code: str, at: str, plan: Sequence[Decimal] | None) -> None:
    """The project's 形象进度计划 from ``at`` (the first one, or a revision of it)."""
    key = {"code": code}
    if rows.holding(progress_plans, key) is None:
        rows.add(progress_plans, at, **key, plan=plan_text(plan))
    else:
        rows.change(progress_plans, key, at, plan=plan_text(plan))


@handlers.on(Project.MilestonesPlanned)
def milestones_planned(rows: Rows, event: Project.MilestonesPlanned) -> None:
    """The new plan's nodes hold from the event; a node left out ends; one kept stays met."""
    code, at = project_code(rows, event), utc_text(event.timestamp)
    before = {row["name"] for row in rows.holding_where(milestones, code=code)}
    names = [node["name"] for node in event.milestones]
    for name in sorted(before - set(names)):
        rows.end(milestones, {"code": code, "name": name}, at)
    for position, node in enumerate(event.milestones, 1):
        key, planned = {"code": code, "name": node["name"]}, day_text(node["planned_on"])
        if node["name"] in before:
            rows.change(milestones, key, at, position=position, planned_on=planned)
        else:
            rows.add(milestones, at, **key, position=position, planned_on=planned)


@handlers.on(Project.MilestoneMet)
def milestone_met(rows: Rows, event: Project.MilestoneMet) -> None:
    at = utc_text(event.timestamp)
    key = {"code": project_code(rows, event), "name": event.name}
    met = {"met_on": day_text(event.met_on), "met_period": event.period}
    rows.change(milestones, key, at, **met, met_at=at, met_by=event.actor)
