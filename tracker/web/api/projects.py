"""The register through the API: list, register, one project with its figures, history, plan."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from tracker.application.jsonable import (
    figures_json,
    jsonable,
    milestones_json,
    outlook_json,
    project_json,
)
from tracker.domain.spec import ProjectSpec
from tracker.web.api.body import body
from tracker.web.common import as_of_arg, roles, the_tracker, the_user, visible_project
from tracker.web.shared.plan_schemas import MilestonesSchema
from tracker.web.shared.schemas import PlanSchema, ProjectSchema

ALL = ("bureau", "viewer", "unit")


@roles(*ALL)
def projects() -> Any:
    user = the_user()
    unit = user.unit if user.role == "unit" else request.args.get("unit") or None
    rows = the_tracker().register.projects(unit=unit, as_of=as_of_arg())
    if request.args.get("category"):
        rows = [r for r in rows if r.category == request.args["category"]]
    return jsonify([project_json(row) for row in rows])


@roles("bureau")
def register() -> Any:
    data = body(ProjectSchema())
    year = data.pop("campaign_year")
    plans = {"monthly_plan": tuple(data["monthly_plan"])}
    plans["progress_plan"] = tuple(data["progress_plan"])
    spec = ProjectSpec(**{**data, **plans})
    tracker = the_tracker()
    tracker.projects.register(year, [spec], the_user().actor)
    return jsonify(project_json(tracker.register.project(spec.code))), 201


@roles(*ALL)
def project(code: str) -> Any:
    visible_project(code)
    tracker, moment = the_tracker(), as_of_arg()
    found = tracker.register.project(code, moment)  # its plan and contacts as they stood then
    period = tracker.summaries.current_period(found.campaign_year, moment)
    summary = tracker.summaries.summary(period, moment)
    figures = next((row for row in summary.projects if row.code == code), None)
    shown = project_json(found)
    shown["progress_plan"] = jsonable(list(tracker.plans.progress_plan(code, moment)))
    if figures is not None:
        row = {**figures_json(figures.figures, figures.light), "status": figures.status}
        outlook = summary.outlook.projects.get(code) if summary.outlook else None
        shown["figures"] = {"period": str(period), **row, **outlook_json(outlook, project=True)}
    return jsonify(shown)


@roles(*ALL)
def history(code: str) -> Any:
    visible_project(code)
    rows = the_tracker().history.project(code, until=as_of_arg())  # the events up to then
    fields = ("time", "actor", "kind", "data", "reason")
    return jsonify(jsonable([{key: getattr(row, key) for key in fields} for row in rows]))


@roles("bureau")
def revise_plan(code: str) -> Any:
    visible_project(code)
    data, tracker = body(PlanSchema()), the_tracker()
    tracker.projects.revise_plan(
        code,
        data["annual_plan"],
        data["monthly_plan"],
        data["reason"],
        the_user().actor,
        data["progress_plan"],  # None: the 形象进度计划 stays as it is
    )
    return jsonify(project_json(tracker.register.project(code)))


@roles(*ALL)
def milestones(code: str) -> Any:
    """GET: the project's 节点 (as of a moment: as they stood then)."""
    visible_project(code)
    return jsonify(milestones_json(code, the_tracker().plans.milestones(code, as_of_arg())))


@roles("bureau")
def plan_milestones(code: str) -> Any:
    """POST: the project's nodes in order, with the reason (bureau)."""
    visible_project(code)
    data, tracker = body(MilestonesSchema()), the_tracker()
    tracker.projects.plan_milestones(code, data["nodes"], data["reason"], the_user().actor)
    return jsonify(milestones_json(code, tracker.plans.milestones(code)))
