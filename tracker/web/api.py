"""The JSON API under /api/v1 (DESIGN §5): bearer tokens, the pages' role and unit rules."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from flask import Blueprint, abort, current_app, g, jsonify, request
from marshmallow import Schema

import reports
from tracker.application.jsonable import jsonable, project_json, summary_json
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.period import Period
from tracker.domain.spec import ProjectSpec
from tracker.projections.overdue import KINDS
from tracker.web import tracker_app
from tracker.web.api_docs import openapi
from tracker.web.auth import WebUser, csrf, roles, the_user, visible_project
from tracker.web.bureau import matching
from tracker.web.bureau_args import parse_year_month
from tracker.web.errors import error_response
from tracker.web.pages import campaign_year
from tracker.web.schemas import (
    AnswerSchema,
    CorrectionSchema,
    NoteSchema,
    PlanSchema,
    ProjectSchema,
    ReportSchema,
    ReturnSchema,
    SupervisionSchema,
)

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(blueprint)  # bearer tokens, no cookies: nothing for a forged form to ride on
ALL = ("bureau", "viewer", "unit")


@blueprint.before_request
def authenticate() -> Any:
    if request.endpoint == "api.spec":
        return None
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else ""
    user = tracker_app(current_app).user_for_token(token) if token else None
    if user is None:
        return error_response(401, "缺少或无效的 API 令牌（Authorization: Bearer …）")
    g.api_user = WebUser(user.name, user.role, user.unit)
    return None


def body(schema: Schema) -> dict[str, Any]:
    """The JSON body loaded by ``schema``; numbers are read as exact decimals."""
    try:
        data = json.loads(request.get_data(as_text=True) or "null", parse_float=Decimal)
    except ValueError:
        raise InvalidValue("请求体不是有效的 JSON", "body") from None
    if not isinstance(data, dict):
        raise InvalidValue("请求体必须是 JSON 对象", "body")
    return schema.load(data)


def as_of() -> Any:
    from tracker.web.bureau_args import as_of_arg

    return as_of_arg()


def period_of(text: str) -> Period:
    return Period.parse(text, "period")


@blueprint.get("/openapi.json")
def spec() -> Any:
    return jsonify(openapi())


@blueprint.get("/projects")
@roles(*ALL)
def projects() -> Any:
    user = the_user()
    unit = user.unit if user.role == "unit" else request.args.get("unit") or None
    rows = tracker_app(current_app).list_projects(unit=unit)
    if request.args.get("category"):
        rows = [r for r in rows if r["category"] == request.args["category"]]
    return jsonify(jsonable(rows))


@blueprint.post("/projects")
@roles("bureau")
def register() -> Any:
    data = body(ProjectSchema())
    year = data.pop("campaign_year")
    spec = ProjectSpec(**{**data, "monthly_plan": tuple(data["monthly_plan"])})
    tracker_app(current_app).register_projects(year, [spec], the_user().actor)
    return jsonify(project_json(tracker_app(current_app).project(spec.code))), 201


@blueprint.get("/projects/<code>")
@roles(*ALL)
def project(code: str) -> Any:
    tracker = tracker_app(current_app)
    found = visible_project(code)
    moment = as_of()
    period = tracker.current_period(found.campaign_year, moment)
    figures = next((r for r in tracker.summary(period, moment).projects if r.code == code), None)
    shown = project_json(found)
    if figures is not None:
        shown["figures"] = {"period": str(period), **summary_json_row(figures)}
    return jsonify(shown)


@blueprint.get("/projects/<code>/history")
@roles(*ALL)
def history(code: str) -> Any:
    visible_project(code)
    rows = tracker_app(current_app).history(code)
    return jsonify(
        jsonable(
            [
                {
                    "time": r.time,
                    "actor": r.actor,
                    "kind": r.kind,
                    "data": r.data,
                    "reason": r.reason,
                }
                for r in rows
            ]
        )
    )


@blueprint.post("/projects/<code>/plan")
@roles("bureau")
def revise_plan(code: str) -> Any:
    visible_project(code)
    data = body(PlanSchema())
    tracker_app(current_app).revise_plan(
        code, data["annual_plan"], data["monthly_plan"], data["reason"], the_user().actor
    )
    return jsonify(project_json(tracker_app(current_app).project(code)))


@blueprint.put("/projects/<code>/reports/<period>")
@roles("unit")
def submit(code: str, period: str) -> Any:
    found = visible_project(code)
    if found.unit != the_user().unit:
        abort(404)
    when = period_of(period)
    data = body(ReportSchema())
    tracker_app(current_app).submit_report(code, when, data["report"], the_user().actor)
    return jsonify(report_json(code, when)), 201


@blueprint.post("/projects/<code>/reports/<period>/corrections")
@roles("unit")
def correct(code: str, period: str) -> Any:
    visible_project(code)
    when = period_of(period)
    data = body(CorrectionSchema())
    tracker_app(current_app).correct_report(
        code, when, data["report"], data["reason"], the_user().actor
    )
    return jsonify(report_json(code, when)), 201


@blueprint.get("/periods/<period>/summary")
@roles(*ALL)
def summary(period: str) -> Any:
    shown = summary_json(tracker_app(current_app).summary(period_of(period), as_of()))
    user = the_user()
    if user.role == "unit":  # a unit sees its own projects and its own total only
        shown["projects"] = [p for p in shown["projects"] if p["unit"] == user.unit]
        shown["units"] = [u for u in shown["units"] if u["name"] == user.unit]
    return jsonify(shown)


@blueprint.get("/periods/<period>/status")
@roles(*ALL)
def status(period: str) -> Any:
    user = the_user()
    rows = tracker_app(current_app).period_status(period_of(period), as_of())
    return jsonify(
        [
            {
                "code": r.code,
                "name": r.name,
                "unit": r.unit,
                "status": r.status,
                "received_at": jsonable(r.received_at),
                "versions": r.versions,
            }
            for r in rows
            if user.role != "unit" or r.unit == user.unit
        ]
    )


@blueprint.post("/supervisions/<order_id>/answer")
@roles("unit")
def answer(order_id: str) -> Any:
    tracker = tracker_app(current_app)
    order = tracker.supervision(order_id)
    if order.unit != the_user().unit:
        abort(404)
    tracker.answer_supervision(order_id, body(AnswerSchema())["answer"], the_user().actor)
    return jsonify({"id": order_id, "status": tracker.supervision(order_id).status})


@blueprint.post("/projects/<code>/supervisions")
@roles("bureau")
def issue_supervision(code: str) -> Any:
    visible_project(code)
    data = body(SupervisionSchema())
    tracker = tracker_app(current_app)
    order = tracker.issue_supervision(
        code, data["requirement"], data["due_on"], the_user().actor, data["source"]
    )
    return jsonify(supervision_json(str(order))), 201


@blueprint.post("/supervisions/<order_id>/close")
@roles("bureau")
def close_supervision(order_id: str) -> Any:
    note = body(NoteSchema())["note"]
    tracker_app(current_app).close_supervision(order_id, note or "办结", the_user().actor)
    return jsonify(supervision_json(order_id))


@blueprint.post("/supervisions/<order_id>/return")
@roles("bureau")
def return_supervision(order_id: str) -> Any:
    note = body(ReturnSchema())["note"]
    tracker_app(current_app).return_supervision(order_id, note, the_user().actor)
    return jsonify(supervision_json(order_id))


@blueprint.get("/reports/<period>.<fmt>")
@roles(*ALL)
def monthly_report(period: str, fmt: str) -> Any:
    """The 月报表 as PDF or XLSX; a unit user always gets its own unit's."""
    from tracker.web.downloads import monthly_name, report_unit, send

    when, unit = period_of(period), report_unit()
    fmt = reports.check_format(fmt)
    return send(
        reports.render_report(tracker_app(current_app), when, fmt, unit, as_of()),
        fmt,
        monthly_name(when, unit),
    )


def supervision_json(order_id: str) -> dict[str, Any]:
    order = tracker_app(current_app).supervision(order_id)
    return jsonable(
        {
            "id": order_id,
            "project": order.project_code,
            "unit": order.unit,
            "requirement": order.requirement,
            "due_on": order.due_on,
            "status": order.status,
            "steps": [
                {"step": step, "actor": actor, "time": time, "text": text}
                for step, actor, time, text in order.steps
            ],
        }
    )


def report_json(code: str, period: Period) -> dict[str, Any]:
    versions = tracker_app(current_app).project(code).reports[str(period)]
    return jsonable({"project": code, "period": str(period), "versions": versions})


def summary_json_row(row: Any) -> dict[str, Any]:
    from tracker.application.jsonable import figures_json

    return {**figures_json(row.figures, row.light), "status": row.status}


@blueprint.get("/overdue")
@roles(*ALL)
def overdue() -> Any:
    """The overdue list (?unit=&category=&kind=&as_of=); a unit sees its own items only."""
    user, moment = the_user(), as_of()
    kind = request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        raise InvalidValue(f"类型须为以下之一：{'、'.join(KINDS)}", "kind")
    unit = user.unit if user.role == "unit" else request.args.get("unit") or None
    items = tracker_app(current_app).overdue(campaign_year(), moment)
    shown = matching(items, unit, request.args.get("category") or None, kind)
    return jsonify(
        {
            "as_of": jsonable(moment or clock.now()),
            "items": [
                jsonable(
                    {
                        "kind": item.kind,
                        "label": item.label,
                        "project": item.code,
                        "name": item.name,
                        "unit": item.unit,
                        "category": item.category,
                        "light": item.light,
                        "since": item.since,
                        "detail": item.detail,
                    }
                )
                for item in shown
            ],
        }
    )


@blueprint.get("/ranking/<month>")
@roles(*ALL)
def ranking(month: str) -> Any:
    """考核 of one month (?as_of=); the ranking is published, so every role sees every unit."""
    moment = as_of()
    year, number = parse_year_month(month)
    tracker = tracker_app(current_app)
    if tracker.current_period(year, moment) < Period(year, number, 1):
        raise NotFound(f"{month} 尚未开始，没有考核得分")
    rows = tracker.ranking(year, number, moment)
    return jsonify(
        {
            "month": month,
            "as_of": jsonable(moment or clock.now()),
            "units": [
                jsonable(
                    {
                        "unit": row.unit,
                        "on_time_score": row.on_time_score,
                        "progress_score": row.progress_score,
                        "start_score": row.start_score,
                        "total": row.total,
                        "rank": row.rank,
                        "last": row.last,
                    }
                )
                for row in rows
            ],
        }
    )
