"""申报 events: each proposal with the project as proposed and the bureau's decision."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain.money import to_cents
from tracker.domain.proposal import Proposal
from tracker.projections import tables
from tracker.projections.bitemporal import add, change
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers, picked

handlers = Handlers()


@handlers.on(Proposal.Submitted)
def submitted(session: Session, event: Proposal.Submitted) -> None:
    spec = event.spec
    add(
        session,
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
def approved(session: Session, event: Proposal.Approved) -> None:
    decide(session, event, status="approved", code=event.code)


@handlers.on(Proposal.Rejected)
def rejected(session: Session, event: Proposal.Rejected) -> None:
    decide(session, event, status="rejected", decision_reason=event.reason)


def decide(session: Session, event: Proposal.Event, **values: object) -> None:
    at, key = utc_text(event.timestamp), {"id": str(event.originator_id)}
    change(session, tables.proposals, key, at, decided_at=at, decided_by=event.actor, **values)
