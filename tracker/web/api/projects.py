"""The register through the API: list, register, one project with its figures, history, plan."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request

from tracker.application.jsonable import figures_json, jsonable, project_json
from tracker.domain.spec import ProjectSpec
from tracker.web.api.body import body
from tracker.web.common import as_of_arg, roles, the_tracker, the_user, visible_project
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
    spec = ProjectSpec(**{**data, "monthly_plan": tuple(data["monthly_plan"])})
    tracker = the_tracker()
    tracker.projects.register(year, [spec], the_user().actor)
    return jsonify(project_json(tracker.register.project(spec.code))), 201


@roles(*ALL)
def project(code: str) -> Any:
    visible_project(code)
    tracker, moment = the_tracker(), as_of_arg()
    found = tracker.register.project(code, moment)  # its plan and contacts as they stood then
    period = tracker.summaries.current_period(found.campaign_year, moment)
    rows = tracker.summaries.summary(period, moment).projects
    figures = next((row for row in rows if row.code == code), None)
    shown = project_json(found)
    if figures is not None:
        row = {**figures_json(figures.figures, figures.light), "status": figures.status}
        shown["figures"] = {"period": str(period), **row}
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
        code, data["annual_plan"], data["monthly_plan"], data["reason"], the_user().actor
    )
    return jsonify(project_json(tracker.register.project(code)))
