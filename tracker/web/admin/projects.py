"""The project register: list, register a project, keep one (plan, withdraw, flags, contacts)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for

from tracker.application.queries.register import ProjectInfo
from tracker.domain.catalog import CATEGORIES
from tracker.domain.spec import ProjectSpec
from tracker.web.common import campaign_year, roles, the_tracker, visible_project
from tracker.web.errors import Errors
from tracker.web.shared.forms import attempt, by_field, load, typed
from tracker.web.shared.schemas import (
    MONTHS,
    SPEC_FIELDS,
    ContactsSchema,
    FlagsSchema,
    PlanFormSchema,
    ReasonSchema,
    RegisterFormSchema,
)

PLAN_FIELDS = ("annual_plan", *MONTHS, "reason")
CONTACT_FIELDS = ("manager", "reporter", "phone")
FLAGS = ("pilot", "spot_check")


@roles("bureau", "viewer")
def projects() -> str:
    rows = the_tracker().register.projects(year=campaign_year())
    rows.sort(key=lambda row: (CATEGORIES.index(row.category), row.code))
    return render_template("admin/projects.html", rows=rows, year=campaign_year())


@roles("bureau")
def register() -> Any:
    tracker = the_tracker()
    values, errors, status = {"nature": "continuing"}, {}, 200
    if request.method == "POST":
        values = typed(SPEC_FIELDS) | {"pilot": "1" if request.form.get("pilot") else ""}
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
    return manage_page(visible_project(code))


@roles("bureau")
def revise_plan(code: str) -> Any:
    project, values = visible_project(code), typed(PLAN_FIELDS)
    data, errors = load(PlanFormSchema(), values)
    if data is None:
        return done(project, "plan", values, errors, 422, "")
    annual, monthly = data["annual_plan"], list(data["monthly_plan"])
    errors, status = attempt(
        the_tracker().projects.revise_plan, code, annual, monthly, data["reason"]
    )
    return done(project, "plan", values, errors, status, "年度及月度计划已调整")


@roles("bureau")
def withdraw(code: str) -> Any:
    project, values = visible_project(code), typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    if data is None:
        return done(project, "withdraw", values, errors, 422, "")
    errors, status = attempt(the_tracker().projects.withdraw, code, data["reason"])
    return done(project, "withdraw", values, errors, status, "项目已撤销，不再需要报送")


@roles("bureau")
def set_flags(code: str) -> Any:
    project = visible_project(code)
    values = {name: "1" if request.form.get(name) else "" for name in FLAGS}
    data, errors = load(FlagsSchema(), values)
    if data is None:
        return done(project, "flags", values, errors, 422, "")
    errors, status = attempt(the_tracker().projects.set_flags, code, *(data[k] for k in FLAGS))
    return done(project, "flags", values, errors, status, "试点 / 抽检标记已更新")


@roles("bureau")
def assign_contacts(code: str) -> Any:
    project, values = visible_project(code), typed(CONTACT_FIELDS)
    data, errors = load(ContactsSchema(), values)
    if data is None:
        return done(project, "contacts", values, errors, 422, "")
    contacts = (data[k] for k in CONTACT_FIELDS)
    errors, status = attempt(the_tracker().projects.assign_contacts, code, *contacts)
    return done(project, "contacts", values, errors, status, "联系人已更新")


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
    return values
