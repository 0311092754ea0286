"""申报 decisions: the bureau lists the units' proposals and approves or rejects each."""

from __future__ import annotations

import re
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for

from tracker.application.queries.proposals import ProposalRow
from tracker.domain.catalog import PROPOSAL_STATUS
from tracker.domain.errors import NotFound
from tracker.web.common import roles, the_tracker
from tracker.web.errors import Errors
from tracker.web.shared.forms import attempt, load, typed
from tracker.web.shared.schemas import ApproveSchema, ReasonSchema


@roles("bureau", "viewer")
def proposals() -> str:
    status = request.args.get("status") or None
    status = status if status in PROPOSAL_STATUS else None
    rows = the_tracker().applications.rows(status=status)
    return render_template("admin/proposals.html", rows=rows, status=status)


@roles("bureau", "viewer")
def proposal(ident: str) -> str:
    return decision_page(found(ident))


@roles("bureau")
def approve(ident: str) -> Any:
    proposal, values = found(ident), typed(["code"])
    data, errors = load(ApproveSchema(), values)
    status = 422
    if data is not None:
        errors, status = attempt(the_tracker().proposals.approve, ident, data["code"])
    if errors:
        return decision_page(proposal, approve=(values, errors)), status
    flash(f"已批准申报，登记为项目 {data['code']}")  # type: ignore[index]
    return redirect(url_for("shared.project", code=data["code"]), 303)  # type: ignore[index]


@roles("bureau")
def reject(ident: str) -> Any:
    proposal, values = found(ident), typed(["reason"])
    data, errors = load(ReasonSchema(), values)
    status = 422
    if data is not None:
        errors, status = attempt(the_tracker().proposals.reject, ident, data["reason"])
    if errors:
        return decision_page(proposal, reject=(values, errors)), status
    flash("已驳回申报")
    return redirect(url_for("admin.proposals"), 303)


def found(ident: str) -> ProposalRow:
    try:
        return the_tracker().applications.one(ident)
    except NotFound:
        abort(404)


def decision_page(proposal: ProposalRow, **forms: tuple[dict[str, str], Errors]) -> str:
    suggested = {"code": next_code(proposal.campaign_year)}
    return render_template(
        "admin/proposal.html",
        proposal=proposal,
        spec=proposal.spec,
        approve=forms.get("approve", (suggested, {})),
        reject=forms.get("reject", ({}, {})),
    )


def next_code(year: int) -> str:
    """The next free code in the ``CJ2026-040`` pattern the demo list uses."""
    pattern = re.compile(rf"^CJ{year}-(\d+)$")
    numbers = [
        int(match.group(1))
        for row in the_tracker().register.projects()
        if (match := pattern.match(row.code))
    ]
    return f"CJ{year}-{max(numbers, default=0) + 1:03d}"
