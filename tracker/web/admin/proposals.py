"""申报 decisions: the bureau lists the units' proposals and approves or rejects each."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from marshmallow import Schema

from tracker.application.queries.proposals import ProposalRow
from tracker.domain.catalog import PROPOSAL_STATUS
from tracker.web.common import as_of_arg, as_of_context, or_404, roles, the_tracker
from tracker.web.errors import Errors
from tracker.web.shared.forms import attempt, load, typed
from tracker.web.shared.schemas import ApproveSchema, ReasonSchema


@roles("bureau", "viewer")
def proposals() -> str:
    status, moment = request.args.get("status") or None, as_of_arg()
    status = status if status in PROPOSAL_STATUS else None
    rows = the_tracker().applications.rows(status=status, as_of=moment)
    return render_template(
        "admin/proposals.html", **as_of_context(moment), rows=rows, status=status
    )


@roles("bureau", "viewer")
def proposal(ident: str) -> str:
    moment = as_of_arg()
    if moment is not None:  # as it stood then: read only, no decision to take
        then = or_404(lambda: the_tracker().applications.one(ident, moment))
        return render_template(
            "admin/proposal.html", **as_of_context(moment), proposal=then, spec=then.spec
        )
    return decision_page(found(ident))


@roles("bureau")
def approve(ident: str) -> Any:
    data, refusal = decide(
        ident, "approve", "code", ApproveSchema(), the_tracker().proposals.approve
    )
    if refusal:
        return refusal
    flash(f"已批准申报，登记为项目 {data['code']}")
    return redirect(url_for("shared.project", code=data["code"]), 303)


@roles("bureau")
def reject(ident: str) -> Any:
    data, refusal = decide(
        ident, "reject", "reason", ReasonSchema(), the_tracker().proposals.reject
    )
    if refusal:
        return refusal
    flash("已驳回申报")
    return redirect(url_for("admin.proposals"), 303)


def decide(
    ident: str, form: str, field: str, schema: Schema, command: Callable[..., Any]
) -> tuple[dict[str, Any], Any]:
    """The decision's one field loaded and the command called: (data, None), or the page again."""
    proposal, values = found(ident), typed([field])
    data, errors = load(schema, values)
    status = 422
    if data is not None:
        errors, status = attempt(command, ident, data[field])
    if errors or data is None:
        return {}, (decision_page(proposal, **{form: (values, errors)}), status)
    return data, None


def found(ident: str) -> ProposalRow:
    return or_404(lambda: the_tracker().applications.one(ident))


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
