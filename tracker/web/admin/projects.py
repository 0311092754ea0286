"""The project register: list, register a project, keep one (plan, withdraw, flags, contacts)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from marshmallow import Schema

from tracker.application.queries.plans import offered_nodes
from tracker.application.queries.register import ProjectInfo
from tracker.domain.catalog import CATEGORIES
from tracker.domain.progress import PROGRESS_MONTHS, shown
from tracker.domain.spec import ProjectSpec
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    campaign_year,
    roles,
    the_tracker,
    visible_project,
)
from tracker.web.errors import Errors
from tracker.web.shared.forms import attempt, by_field, load, typed
from tracker.web.shared.plan_schemas import NODE_ROWS, MilestoneFormSchema
from tracker.web.shared.schemas import (
    MONTHS,
    SPEC_FIELDS,
    ContactsSchema,
    FlagsSchema,
    PlanFormSchema,
    ReasonSchema,
    RegisterFormSchema,
)

PLAN_FIELDS = ("annual_plan", *MONTHS, *PROGRESS_MONTHS, "reason")
REGISTER_FIELDS = (*SPEC_FIELDS, *PROGRESS_MONTHS)
NODE_FIELDS = tuple(field for row in NODE_ROWS for field in row)
CONTACT_FIELDS = ("manager", "reporter", "phone")
FLAGS = ("pilot", "spot_check")


@roles("bureau", "viewer")
def projects() -> str:
    moment = as_of_arg()
    rows = the_tracker().register.projects(year=campaign_year(), as_of=moment)
    rows.sort(key=lambda row: (CATEGORIES.index(row.category), row.code))
    return render_template(
        "admin/projects.html", **as_of_context(moment), rows=rows, year=campaign_year()
    )


@roles("bureau")
def register() -> Any:
    tracker = the_tracker()
    values, errors, status = {"nature": "continuing"}, {}, 200
    if request.method == "POST":
        values = typed(REGISTER_FIELDS) | {"pilot": "1" if request.form.get("pilot") else ""}
        data, errors = load(RegisterFormSchema(), values)
        spec = ProjectSpec(**data) if data is not None else None
        errors, status = (by_field(spec.errors()) if spec else errors), 422
        if spec and not errors:
            errors, status = attempt(tracker.projects.register, campaign_year(), [spec])
            if not errors:
                flash(f"已登记项目 {spec.code} {spec.name}")
                return redirect(url_for("admin.project", code=spec.code), 303)
    page = render_template(
        "admin/register.html", values=values, errors=errors, units=tracker.register.units()
    )
    return page, status


@roles("bureau")
def project(code: str) -> str:
    visible_project(code)
    moment = as_of_arg()
    if moment is not None:  # as it stood then: the facts and the plans, no form to send
        then = the_tracker().register.project(code, moment)
        plans = the_tracker().changes.plans(code, until=moment)
        return render_template(
            "admin/project.html", **as_of_context(moment), project=then, plan_history=plans
        )
    return manage_page(visible_project(code))


@roles("bureau")
def revise_plan(code: str) -> Any:
    def act(data: dict[str, Any]) -> tuple:
        plan = (data["annual_plan"], list(data["monthly_plan"]), data["reason"])
        progress = list(data["progress_plan"])  # all twelve, or none: no 形象进度计划
        return (partial(the_tracker().projects.revise_plan, progress=progress), code, *plan)

    return keep(code, "plan", typed(PLAN_FIELDS), PlanFormSchema(), act, "年度及月度计划已调整")


@roles("bureau")
def plan_milestones(code: str) -> Any:
    def act(data: dict[str, Any]) -> tuple:
        return (the_tracker().projects.plan_milestones, code, data["nodes"], data["reason"])

    values = typed((*NODE_FIELDS, "reason"))
    return keep(code, "milestones", values, MilestoneFormSchema(), act, "节点计划已调整")


@roles("bureau")
def withdraw(code: str) -> Any:
    def act(data: dict[str, Any]) -> tuple:
        return (the_tracker().projects.withdraw, code, data["reason"])

    return keep(
        code, "withdraw", typed(["reason"]), ReasonSchema(), act, "项目已撤销，不再需要报送"
    )


@roles("bureau")
def set_flags(code: str) -> Any:
    def act(data: dict[str, Any]) -> tuple:
        return (the_tracker().projects.set_flags, code, *(data[k] for k in FLAGS))

    values = {name: "1" if request.form.get(name) else "" for name in FLAGS}
    return keep(code, "flags", values, FlagsSchema(), act, "试点 / 抽检标记已更新")


@roles("bureau")
def assign_contacts(code: str) -> Any:
    def act(data: dict[str, Any]) -> tuple:
        return (the_tracker().projects.assign_contacts, code, *(data[k] for k in CONTACT_FIELDS))

    return keep(code, "contacts", typed(CONTACT_FIELDS), ContactsSchema(), act, "联系人已更新")


def keep(
    code: str,
    form: str,
    values: dict[str, str],
    schema: Schema,
    act: Callable[[dict[str, Any]], tuple],
    message: str,
) -> Any:
    """One of the project's four forms: load what was typed, call the command it names, answer."""
    project = visible_project(code)
    data, errors = load(schema, values)
    status = 422
    if data is not None:
        errors, status = attempt(*act(data))
    return done(project, form, values, errors, status, message)


def done(
    project: ProjectInfo, form: str, values: dict, errors: Errors, status: int, message: str
) -> Any:
    """Back to the page after success; else the page again with the typed form and its errors."""
    if not errors:
        flash(message)
        return redirect(url_for("admin.project", code=project.code), 303)
    return manage_page(project, {form: (values, errors)}), status


def manage_page(
    project: ProjectInfo, typed_forms: dict[str, tuple[dict, Errors]] | None = None
) -> str:
    """The page with the four forms, each showing what it holds now or what was just typed."""
    forms = {
        "plan": (plan_values(project), {}),
        "milestones": (node_values(project), {}),
        "withdraw": ({}, {}),
        "flags": ({"pilot": project.pilot, "spot_check": project.spot_check}, {}),
        "contacts": ({k: getattr(project, k) for k in CONTACT_FIELDS}, {}),
        **(typed_forms or {}),
    }
    plans = the_tracker().changes.plans(project.code)
    return render_template("admin/project.html", project=project, forms=forms, plan_history=plans)


def plan_values(project: ProjectInfo) -> dict[str, str]:
    values = {"annual_plan": str(project.annual_plan), "reason": ""}
    values.update({m: str(a) for m, a in zip(MONTHS, project.monthly_plan, strict=True)})
    progress = the_tracker().plans.progress_plan(project.code)
    values.update({m: shown(p) for m, p in zip(PROGRESS_MONTHS, progress, strict=False)})
    return values


def node_values(project: ProjectInfo) -> dict[str, str]:
    """The node form: the plan there is, or the usual sequence dated from the project's dates."""
    rows = the_tracker().plans.milestones(project.code)
    nodes = offered_nodes(rows, project.planned_start, project.planned_completion)
    values = {"reason": ""}
    for (name, day), node in zip(NODE_ROWS, nodes, strict=False):
        values.update({name: node.name, day: node.planned_on.isoformat()})
    return values
