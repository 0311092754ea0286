"""Queries that return plain rows: the project register and a project's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, inspect, select

from tracker.application.projects import ProjectCommands
from tracker.domain.base import project_id
from tracker.domain.money import from_cents
from tracker.projections import tables

# Event attributes every event has; the rest is the event's data.
_BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic", "actor"}


@dataclass(frozen=True)
class HistoryRow:
    """One event of a project's history, as shown to auditors."""

    version: int
    time: datetime
    actor: str
    kind: str
    data: dict[str, Any]
    reason: str | None


class Queries(ProjectCommands):
    """Read-only questions answered from read models or the log."""

    def list_projects(
        self, year: int | None = None, unit: str | None = None
    ) -> list[dict[str, Any]]:
        """The register, ordered by code; money as Decimal 万元."""
        p = tables.projects
        query = select(p).order_by(p.c.code)
        if year is not None:
            query = query.where(p.c.campaign_year == year)
        if unit is not None:
            query = query.where(p.c.unit == unit)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [
            {
                **{k: v for k, v in row.items() if not k.endswith("_cents")},
                "total_investment": from_cents(row["total_investment_cents"]),
                "annual_plan": from_cents(row["annual_plan_cents"]),
            }
            for row in rows
        ]

    def history(self, code: str) -> list[HistoryRow]:
        """Every event of the project and of its 督办 orders, oldest first."""
        self.project(code)  # NotFound for unknown codes
        orders = select(tables.supervisions.c.id).where(tables.supervisions.c.code == code)
        with self.engine.connect() as connection:
            order_ids = [UUID(ident) for ident in connection.execute(orders).scalars()]
        events = list(self.events.get(project_id(code)))
        for order_id in order_ids:
            events.extend(self.events.get(order_id))
        events.sort(key=lambda event: event.timestamp)
        rows = []
        for event in events:
            data = {k: v for k, v in event.__dict__.items() if k not in _BASE_FIELDS}
            if event.originator_id != project_id(code):
                data["supervision_id"] = str(event.originator_id)
            rows.append(
                HistoryRow(
                    version=event.originator_version,
                    time=event.timestamp,
                    actor=getattr(event, "actor", ""),
                    kind=type(event).__name__,
                    data=data,
                    reason=data.get("reason"),
                )
            )
        return rows

    def campaign_years(self) -> list[int]:
        with self.engine.connect() as connection:
            return list(connection.execute(select(tables.campaigns.c.year)).scalars())

    def is_initialised(self) -> bool:
        """True once `tracker init` has created the tables."""
        return inspect(self.engine).has_table(tables.projects.name)

    def is_empty(self) -> bool:
        """True when no project has been registered yet."""
        with self.engine.connect() as connection:
            return not connection.execute(
                select(func.count()).select_from(tables.projects)
            ).scalar()
