"""申报 events: each proposal with the project as proposed and the bureau's decision."""

from __future__ import annotations

from tracker.domain.money import to_cents
from tracker.domain.proposal import Proposal
from tracker.projections import tables
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers, picked
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(Proposal.Submitted)
def submitted(rows: Rows, event: Proposal.Submitted) -> None:
    spec = event.spec
    rows.add(
        tables.proposals,
        utc_text(event.timestamp),
        id=str(event.originator_id),
        **picked(event, "campaign_year", "unit", "reason"),
        **{key: spec[key] for key in ("name", "category", "nature")},
        total_investment_cents=to_cents(spec["total_investment"]),
        annual_plan_cents=to_cents(spec["annual_plan"]),
        spec=json_text(spec),
        status="submitted",
        submitted_at=utc_text(event.timestamp),
        submitted_by=event.actor,
    )


@handlers.on(Proposal.Approved)
def approved(rows: Rows, event: Proposal.Approved) -> None:
    decide(rows, event, status="approved", code=event.code)


@handlers.on(Proposal.Rejected)
def rejected(rows: Rows, event: Proposal.Rejected) -> None:
    decide(rows, event, status="rejected", decision_reason=event.reason)


def decide(rows: Rows, event: Proposal.Event, **values: object) -> None:
    at, key = utc_text(event.timestamp), {"id": str(event.originator_id)}
    rows.change(tables.proposals, key, at, decided_at=at, decided_by=event.actor, **values)
