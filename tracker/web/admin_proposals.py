"""申报: a unit proposes a new project (/unit/proposals); the bureau approves or rejects it."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.errors import NotFound
from tracker.domain.proposal import Proposal, proposal_errors
from tracker.domain.spec import ProjectSpec
from tracker.web import tracker_app
from tracker.web.admin import Errors, blueprint, load, perform, typed, unit_blueprint
from tracker.web.admin_projects import SPEC_FIELDS
from tracker.web.auth import roles
from tracker.web.pages import campaign_year
from tracker.web.schemas import ApproveSchema, ProposalFormSchema, ReasonSchema

PROPOSAL_FIELDS = tuple(f for f in SPEC_FIELDS if f not in ("code", "unit")) + ("reason",)
STATUSES = {"submitted": "待审批", "approved": "已批准", "rejected": "已驳回"}


# -- the unit's side ------------------------------------------------------------


@unit_blueprint.get("")
@roles("unit")
def mine() -> str:
    rows = tracker_app(current_app).list_proposals(unit=current_user.unit)
    return render_template("unit_proposals.html", rows=rows, statuses=STATUSES)


@unit_blueprint.route("/new", methods=["GET", "POST"])
@roles("unit")
def propose() -> Any:
    values, errors, status = {"nature": "new_start"}, {}, 200
    if request.method == "POST":
        values = typed(PROPOSAL_FIELDS) | {"pilot": "1" if request.form.get("pilot") else ""}
        data, errors = load(ProposalFormSchema(), values)
        status = 422
        if data is not None:
            reason = data.pop("reason")
            spec = ProjectSpec(code="", unit=current_user.unit, **data)
            errors = spec_errors_without_code(spec)
            if not errors:
                errors, status = perform("submit_proposal", campaign_year(), spec, reason)
            if not errors:
                flash(f"已提交申报：{spec.name}，待建设局审批")
                return redirect(url_for("proposals.mine"), 303)
    return render_template("unit_proposal_form.html", values=values, errors=errors), status


def spec_errors_without_code(spec: ProjectSpec) -> Errors:
    found: Errors = {}
    for error in proposal_errors(spec):
        found.setdefault(error.field or "_schema", []).append(error.message)
    return found


# -- the bureau's side ------------------------------------------------------------


@blueprint.get("/proposals")
@roles("bureau", "viewer")
def proposals() -> str:
    status = request.args.get("status") or None
    status = status if status in STATUSES else None
    rows = tracker_app(current_app).list_proposals(status=status)
    return render_template("admin_proposals.html", rows=rows, status=status, statuses=STATUSES)


@blueprint.get("/proposals/<ident>")
@roles("bureau", "viewer")
def proposal(ident: str) -> str:
    return decision_page(found(ident))


@blueprint.post("/proposals/<ident>/approve")
@roles("bureau")
def approve(ident: str) -> Any:
    proposal, values = found(ident), typed(["code"])
    data, errors = load(ApproveSchema(), values)
    status = 422
    if data is not None:
        errors, status = perform("approve_proposal", ident, data["code"])
    if errors:
        return decision_page(proposal, approve=(values, errors)), status
    flash(f"已批准申报，登记为项目 {data['code']}")
    return redirect(url_for("projects.page", code=data["code"]), 303)


@blueprint.post("/proposals/<ident>/reject")
@roles("bureau")
def reject(ident: str) -> Any:
    proposal, values = found(ident), typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    status = 422
    if data is not None:
        errors, status = perform("reject_proposal", ident, data["reason"])
    if errors:
        return decision_page(proposal, reject=(values, errors)), status
    flash("已驳回申报")
    return redirect(url_for("admin.proposals"), 303)


def found(ident: str) -> Proposal:
    try:
        return tracker_app(current_app).proposal(ident)
    except NotFound:
        abort(404)


def decision_page(proposal: Proposal, **forms: tuple[dict[str, str], Errors]) -> str:
    suggested = {"code": next_code(proposal.campaign_year)}
    return render_template(
        "admin_proposal.html",
        proposal=proposal,
        spec=proposal.project_spec(proposal.code or ""),
        statuses=STATUSES,
        approve=forms.get("approve", (suggested, {})),
        reject=forms.get("reject", ({}, {})),
    )


def next_code(year: int) -> str:
    """The next free code in the ``CJ2026-040`` pattern the demo list uses."""
    pattern = re.compile(rf"^CJ{year}-(\d+)$")
    numbers = [
        int(match.group(1))
        for row in tracker_app(current_app).list_projects()
        if (match := pattern.match(row["code"]))
    ]
    return f"CJ{year}-{max(numbers, default=0) + 1:03d}"

