"""Problems raised in reports: open until resolved, never silently gone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from tracker.projections import tables


@dataclass(frozen=True)
class ProblemRow:
    code: str
    problem_id: int
    text: str
    period: str | None
    raised_at: datetime
    raised_by: str
    resolved_at: datetime | None
    resolution: str | None
    resolved_by: str | None

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


def problem_rows(connection: Connection, code: str | None = None) -> list[ProblemRow]:
    q = tables.problems.c
    query = select(tables.problems).order_by(q.code, q.problem_id)
    if code is not None:
        query = query.where(q.code == code)
    return [
        ProblemRow(
            **{
                **row,
                "raised_at": datetime.fromisoformat(row["raised_at"]),
                "resolved_at": datetime.fromisoformat(row["resolved_at"])
                if row["resolved_at"]
                else None,
            }
        )
        for row in connection.execute(query).mappings()
    ]
