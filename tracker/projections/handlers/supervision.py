"""督办 events: one row per order with where it stands."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain.supervision import Supervision
from tracker.projections import tables
from tracker.projections.bitemporal import add, change
from tracker.projections.codec import day_text, utc_text
from tracker.projections.handlers import Handlers, picked

handlers = Handlers()


@handlers.on(Supervision.Issued)
def issued(session: Session, event: Supervision.Issued) -> None:
    add(
        session,
        tables.supervisions,
        utc_text(event.timestamp),
        id=str(event.originator_id),
        code=event.project_code,
        **picked(event, "unit", "requirement", "source"),
        due_on=day_text(event.due_on),
        status="open",
        issued_at=utc_text(event.timestamp),
        issued_by=event.actor,
    )


@handlers.on(Supervision.Answered)
def answered(session: Session, event: Supervision.Answered) -> None:
    step = {"answer": event.answer, "answered_at": utc_text(event.timestamp)}
    order(session, event, status="answered", answered_by=event.actor, **step)


@handlers.on(Supervision.Closed)
def closed(session: Session, event: Supervision.Closed) -> None:
    order(session, event, status="closed", closed_at=utc_text(event.timestamp), note=event.note)


@handlers.on(Supervision.Returned)
def returned(session: Session, event: Supervision.Returned) -> None:
    order(session, event, status="open", note=event.note)


def order(session: Session, event: Supervision.Event, **values: object) -> None:
    key = {"id": str(event.originator_id)}
    change(session, tables.supervisions, key, utc_text(event.timestamp), **values)
