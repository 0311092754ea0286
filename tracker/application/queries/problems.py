"""Problems raised in reports: open until resolved, never silently gone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.projections import tables
from tracker.projections.codec import moment


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


def problem_rows(view: View, code: str | None = None) -> list[ProblemRow]:
    q = tables.problems.c
    query = select(*PROBLEM).where(view.holds(tables.problems)).order_by(q.code, q.problem_id)
    if code is not None:
        query = query.where(q.code == code)
    return [
        ProblemRow(
            **{
                **row,
                "raised_at": moment(row["raised_at"]),
                "resolved_at": moment(row["resolved_at"]),
            }
        )
        for row in view.connection.execute(query).mappings()
    ]


#: a problem row's columns (the bitemporal ones are the read model's own business)
PROBLEM = [c for c in tables.problems.c if c.name not in ("valid_from", "valid_to")]


class Problems:
    """Problems raised in reports, open or resolved."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(self, code: str | None = None, as_of: datetime | None = None) -> list[ProblemRow]:
        with self.read.at(as_of) as view:
            return problem_rows(view, code)

    def open_ones(self, codes: list[str]) -> dict[str, list[ProblemRow]]:
        """The open problems of each of ``codes`` (each code present, maybe with none)."""
        found: dict[str, list[ProblemRow]] = {code: [] for code in codes}
        for problem in self.rows():
            if problem.code in found and problem.is_open:
                found[problem.code].append(problem)
        return found
