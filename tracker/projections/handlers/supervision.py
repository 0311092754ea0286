"""督办 events: one row per order with where it stands."""

from __future__ import annotations

from tracker.domain.supervision import Supervision
from tracker.projections import tables
from tracker.projections.codec import day_text, utc_text
from tracker.projections.handlers import Handlers, picked
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(Supervision.Issued)
def issued(rows: Rows, event: Supervision.Issued) -> None:
    rows.add(
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
def answered(rows: Rows, event: Supervision.Answered) -> None:
    step = {"answer": event.answer, "answered_at": utc_text(event.timestamp)}
    order(rows, event, status="answered", answered_by=event.actor, **step)


@handlers.on(Supervision.Closed)
def closed(rows: Rows, event: Supervision.Closed) -> None:
    order(rows, event, status="closed", closed_at=utc_text(event.timestamp), note=event.note)


@handlers.on(Supervision.Returned)
def returned(rows: Rows, event: Supervision.Returned) -> None:
    order(rows, event, status="open", note=event.note)


def order(rows: Rows, event: Supervision.Event, **values: object) -> None:
    key = {"id": str(event.originator_id)}
    rows.change(tables.supervisions, key, utc_text(event.timestamp), **values)
