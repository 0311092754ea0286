"""督办 orders as rows, with their steps, and whether one is overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.domain.base import known_id
from tracker.domain.errors import NotFound
from tracker.domain.rules.overdue import supervision_overdue
from tracker.domain.supervision import Supervision
from tracker.projections import tables
from tracker.projections.codec import moment


@dataclass(frozen=True)
class SupervisionRow:
    id: str
    code: str
    unit: str
    requirement: str
    due_on: date
    source: str | None
    status: str  # open | answered | closed
    issued_at: datetime
    issued_by: str
    answered_at: datetime | None
    answer: str | None
    answered_by: str | None
    closed_at: datetime | None
    note: str | None

    def overdue_on(self, today: date) -> bool:
        """Not answered by its deadline (a returned order counts as unanswered)."""
        return supervision_overdue(self.status, self.due_on, today)


@dataclass(frozen=True)
class Step:
    """One step of an order after it was issued: answered, closed or returned."""

    step: str  # answered | closed | returned
    actor: str
    time: datetime
    text: str


#: an order row's columns (the bitemporal ones are the read model's own business)
ORDER = [c for c in tables.supervisions.c if c.name not in ("valid_from", "valid_to")]


def supervision_rows(
    view: View, code: str | None = None, unit: str | None = None
) -> list[SupervisionRow]:
    s = tables.supervisions.c
    query = select(*ORDER).where(view.holds(tables.supervisions)).order_by(s.issued_at)
    if code is not None:
        query = query.where(s.code == code)
    if unit is not None:
        query = query.where(s.unit == unit)
    return [_row(row) for row in view.connection.execute(query).mappings()]


def _row(row: Any) -> SupervisionRow:
    times = {key: moment(row[key]) for key in ("issued_at", "answered_at", "closed_at")}
    return SupervisionRow(**{**row, "due_on": date.fromisoformat(row["due_on"]), **times})


#: the step each event of an order is, with the text it carries
STEPS = {
    Supervision.Answered: "answered",
    Supervision.Closed: "closed",
    Supervision.Returned: "returned",
}


class Supervisions:
    """督办 orders: the lists, and one order with its steps."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(
        self, code: str | None = None, unit: str | None = None, as_of: datetime | None = None
    ) -> list[SupervisionRow]:
        with self.read.at(as_of) as view:
            return supervision_rows(view, code, unit)

    def one(self, order_id: str) -> SupervisionRow:
        """One order, or NotFound (also for what is not an order's id)."""
        missing = f"督办“{order_id}”不存在"
        ident = str(known_id(order_id, missing))
        with self.read.at() as view:
            query = select(*ORDER).where(tables.supervisions.c.id == ident)
            row = view.connection.execute(query.where(view.holds(tables.supervisions)))
            row = row.mappings().first()
        if row is None:
            raise NotFound(missing)
        return _row(row)

    def steps(self, order_id: str) -> list[Step]:
        """What happened to the order after it was issued, oldest first."""
        order = self.one(order_id)
        return [
            Step(
                STEPS[type(event)],
                event.actor,
                event.timestamp,
                getattr(event, "answer", None) or event.note,
            )
            for event in self.read.events_of(UUID(order.id))
            if type(event) in STEPS
        ]
