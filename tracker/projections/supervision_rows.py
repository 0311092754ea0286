"""督办 orders as rows, and the ones overdue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, select

from tracker.projections import tables


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
        return self.status == "open" and today > self.due_on


def supervision_rows(
    connection: Connection, code: str | None = None, unit: str | None = None
) -> list[SupervisionRow]:
    s = tables.supervisions.c
    query = select(tables.supervisions).order_by(s.issued_at)
    if code is not None:
        query = query.where(s.code == code)
    if unit is not None:
        query = query.where(s.unit == unit)
    return [_row(row) for row in connection.execute(query).mappings()]


def _row(row: dict) -> SupervisionRow:
    def time(key: str) -> datetime | None:
        return datetime.fromisoformat(row[key]) if row[key] else None

    return SupervisionRow(
        **{
            **row,
            "due_on": date.fromisoformat(row["due_on"]),
            "issued_at": time("issued_at"),
            "answered_at": time("answered_at"),
            "closed_at": time("closed_at"),
        }
    )
