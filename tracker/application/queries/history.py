"""A project's history: every event of the project and of its 督办 orders, oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select

from tracker.application.damage import whole
from tracker.application.queries.reader import Reader
from tracker.domain.base import project_id
from tracker.domain.catalog import event_label
from tracker.domain.errors import NotFound
from tracker.projections import tables
from tracker.projections.codec import utc_text
from tracker.projections.log_tables import log_index

L = log_index.c
# Event attributes every event has; the rest is the event's data.
_BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "originator_topic", "actor"}


@dataclass(frozen=True)
class HistoryRow:
    """One event of a project's history, as shown to auditors."""

    version: int
    time: datetime
    actor: str
    kind: str  # e.g. "ReportCorrected"
    data: dict[str, Any]
    reason: str | None
    aggregate: str = "Project"  # or "Supervision"

    @property
    def label(self) -> str:
        return event_label(f"{self.aggregate}.{self.kind}")


class History:
    """What happened to a project, event by event."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def project(self, code: str, until: datetime | None = None) -> list[HistoryRow]:
        """Every event of the project and of its 督办 orders, oldest first.

        A project whose events are missing or out of order is DamagedRecord, not a crash.
        """
        events = upto(whole(self.read.events_of(project_id(code)), f"项目“{code}”"), until)
        if not events:
            raise NotFound(f"项目“{code}”不存在")
        orders = select(tables.supervisions.c.id.distinct()).where(
            tables.supervisions.c.code == code
        )
        with self.read.at() as view:
            order_ids = [UUID(ident) for ident in view.connection.execute(orders).scalars()]
        for order_id in order_ids:
            events.extend(upto(whole(self.read.events_of(order_id), f"项目“{code}”的督办"), until))
        events.sort(key=lambda event: event.timestamp)
        return [history_row(event, project_id(code)) for event in events]

    def plan_revised(self, until: datetime | None = None) -> set[str]:
        """The codes of the projects whose plan was revised (by ``until``): 变更记录's index
        has a row for every event, so no project's events need reading to tell."""
        found = select(L.code.distinct()).where(L.kind == "Project.PlanRevised")
        if until is not None:
            found = found.where(L.at <= utc_text(until))
        with self.read.at() as view:
            return set(view.connection.execute(found).scalars())


def upto(events: list[Any], until: datetime | None) -> list[Any]:
    return [e for e in events if until is None or e.timestamp <= until]


def history_row(event: Any, own_id: UUID) -> HistoryRow:
    data = {k: v for k, v in event.__dict__.items() if k not in _BASE_FIELDS}
    if event.originator_id != own_id:
        data["supervision_id"] = str(event.originator_id)
    return HistoryRow(
        version=event.originator_version,
        time=event.timestamp,
        actor=getattr(event, "actor", ""),
        kind=type(event).__name__,
        data=data,
        reason=data.get("reason"),
        aggregate=type(event).__qualname__.split(".")[0],
    )
