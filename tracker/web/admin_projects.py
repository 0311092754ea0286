"""The project register: list, register one project, and keep a project (plan, withdraw, flags,
contacts)."""

from __future__ import annotations

from typing import Any

from flask import current_app, flash, redirect, render_template, request, url_for

from tracker.domain.catalog import CATEGORIES
from tracker.domain.project import Project
from tracker.domain.spec import ProjectSpec
from tracker.web import tracker_app
from tracker.web.admin import Errors, blueprint, load, perform, typed
from tracker.web.auth import roles, visible_project
from tracker.web.pages import campaign_year
from tracker.web.schemas import (
    MONTHS,
    ContactsSchema,
    FlagsSchema,
    PlanFormSchema,
    ReasonSchema,
    RegisterFormSchema,
)

SPEC_FIELDS = (
    "code", "name", "category", "unit", "nature", "scope", "total_investment", "annual_plan",
    *MONTHS, "planned_start", "planned_completion", "manager", "reporter", "phone", "remark",
)  # fmt: skip
PLAN_FIELDS = ("annual_plan", *MONTHS, "reason")
CONTACT_FIELDS = ("manager", "reporter", "phone")


@blueprint.get("/projects")
@roles("bureau", "viewer")
def projects() -> str:
    rows = tracker_app(current_app).list_projects(year=campaign_year())
    rows.sort(key=lambda row: (CATEGORIES.index(row["category"]), row["code"]))
    return render_template("admin_projects.html", rows=rows, year=campaign_year())


@blueprint.route("/projects/new", methods=["GET", "POST"])
@roles("bureau")
def register() -> Any:
    tracker = tracker_app(current_app)
    values, errors, status = {"nature": "continuing"}, {}, 200
    if request.method == "POST":
        values = typed(SPEC_FIELDS) | {"pilot": "1" if request.form.get("pilot") else ""}
        data, errors = load(RegisterFormSchema(), values)
        spec = ProjectSpec(**data) if data is not None else None
        errors = spec_errors(spec) if spec else errors
        status = 422
        if spec and not errors:
            errors, status = perform("register_projects", campaign_year(), [spec])
            if not errors:
                flash(f"已登记项目 {spec.code} {spec.name}")
                return redirect(url_for("admin.project", code=spec.code), 303)
    return render_template(
        "admin_register.html", values=values, errors=errors, units=tracker.list_units()
    ), status


@blueprint.get("/projects/<code>")
@roles("bureau")
def project(code: str) -> str:
    return manage_page(visible_project(code))


@blueprint.post("/projects/<code>/plan")
@roles("bureau")
def revise_plan(code: str) -> Any:
    project, values = visible_project(code), typed(PLAN_FIELDS)
    data, errors = load(PlanFormSchema(), values)
    status = 422
    if data is not None:
        monthly = list(data["monthly_plan"])
        errors, status = perform("revise_plan", code, data["annual_plan"], monthly, data["reason"])
    return done(project, "plan", values, errors, status, "年度及月度计划已调整")


@blueprint.post("/projects/<code>/withdraw")
@roles("bureau")
def withdraw(code: str) -> Any:
    project, values = visible_project(code), typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    status = 422
    if data is not None:
        errors, status = perform("withdraw_project", code, data["reason"])
    return done(project, "withdraw", values, errors, status, "项目已撤销，不再需要报送")


@blueprint.post("/projects/<code>/flags")
@roles("bureau")
def set_flags(code: str) -> Any:
    project = visible_project(code)
    values = {name: "1" if request.form.get(name) else "" for name in ("pilot", "spot_check")}
    data, errors = load(FlagsSchema(), values)
    status = 422
    if data is not None:
        errors, status = perform("set_flags", code, data["pilot"], data["spot_check"])
    return done(project, "flags", values, errors, status, "试点 / 抽检标记已更新")


@blueprint.post("/projects/<code>/contacts")
@roles("bureau")
def assign_contacts(code: str) -> Any:
    project, values = visible_project(code), typed(CONTACT_FIELDS)
    data, errors = load(ContactsSchema(), values)
    status = 422
    if data is not None:
        errors, status = perform("assign_contacts", code, *(data[k] for k in CONTACT_FIELDS))
    return done(project, "contacts", values, errors, status, "联系人已更新")


def done(
    project: Project, form: str, values: dict[str, str], errors: Errors, status: int, message: str
) -> Any:
    """Back to the page after success; else the page again with the typed form and its errors."""
    if not errors:
        flash(message)
        return redirect(url_for("admin.project", code=project.code), 303)
    return manage_page(project, {form: (values, errors)}), status


def manage_page(project: Project, typed_forms: dict[str, tuple[dict, Errors]] | None = None) -> str:
    """The page with the four forms, each showing what it holds now or what was just typed."""
    forms = {
        "plan": (plan_values(project), {}),
        "withdraw": ({}, {}),
        "flags": ({"pilot": project.pilot, "spot_check": project.spot_check}, {}),
        "contacts": ({k: getattr(project, k) for k in CONTACT_FIELDS}, {}),
        **(typed_forms or {}),
    }
    return render_template(
        "admin_project.html",
        project=project,
        forms=forms,
        plan_history=tracker_app(current_app).plan_history(project.code),
    )


def plan_values(project: Project) -> dict[str, str]:
    values = {"annual_plan": str(project.annual_plan), "reason": ""}
    values.update({m: str(a) for m, a in zip(MONTHS, project.monthly_plan, strict=True)})
    return values


def spec_errors(spec: ProjectSpec) -> Errors:
    """Every domain problem with the spec, by field (the months' sum under ``monthly_plan``)."""
    found: Errors = {}
    for error in spec.errors():
        found.setdefault(error.field or "_schema", []).append(error.message)
    return found
