"""变更记录: the district-wide change log and a project's target history, folded from the log."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from tracker.application.queries.changes import Change, describe
from tracker.application.queries.reader import Reader
from tracker.domain.base import project_id
from tracker.domain.catalog import event_label
from tracker.domain.errors import NotFound
from tracker.projections import tables
from tracker.projections.codec import moment, utc_text
from tracker.projections.log_tables import log_index

L, P = log_index.c, tables.projects.c

PLAN_KINDS = ("Project.Registered", "Project.PlanRevised")
#: the reminders' own record (notices, their sending, read marks, tests) changes no data
QUIET = ("Notice.", "NoticeClaim.", "Inbox.", "Channel.Tested")


@dataclass(frozen=True)
class ChangeRow:
    """One event as the change log shows it: who did what to which, before → after, why."""

    time: datetime
    actor: str
    kind: str  # e.g. "Project.ReportCorrected"; catalog.EVENT_LABELS names it
    unit: str | None
    code: str | None  # the project's code, when it is about a project
    subject: str  # the project's (or user's, unit's …) name
    period: str | None
    changes: tuple[Change, ...]
    reason: str | None

    @property
    def label(self) -> str:
        return event_label(self.kind)


@dataclass(frozen=True)
class LogFilter:
    """What the district-wide log is narrowed to; None means any."""

    unit: str | None = None
    code: str | None = None
    actor: str | None = None
    kind: str | None = None
    since: datetime | None = None  # inclusive
    before: datetime | None = None  # exclusive

    def __call__(self, row: ChangeRow) -> bool:
        return (
            (self.unit is None or row.unit == self.unit)
            and (self.code is None or (row.code or "").upper() == self.code.strip().upper())
            and (self.actor is None or row.actor == self.actor)
            and (self.kind is None or row.kind == self.kind)
            and (self.since is None or row.time >= self.since)
            and (self.before is None or row.time < self.before)
        )


class ChangeLog:
    """Who changed what, when and why, with the values before and after."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(
        self, where: LogFilter | None = None, as_of: datetime | None = None
    ) -> list[ChangeRow]:
        """Every change in the district, oldest first, as known at ``as_of`` (default now)."""
        where = where or LogFilter()
        rows = fold(self.read.log(until=as_of))
        return [row for row in rows if not row.kind.startswith(QUIET) and where(row)]

    def page(
        self, where: LogFilter, as_of: datetime | None, offset: int, limit: int
    ) -> tuple[int, list[ChangeRow]]:
        """How many changes match, and ``limit`` of them from ``offset``, newest first.

        The matching is a query on the change log's index; only the aggregates of the rows
        shown are folded, to tell what each of their events changed.
        """
        with self.read.at(as_of) as view:
            match = [view.recorded(L.at), *conditions(where)]
            counted = select(func.count()).select_from(log_index).where(*match)
            total = view.connection.execute(counted).scalar_one()
            query = select(L.originator_id, L.version, L.at).where(*match)
            query = query.order_by(L.seq.desc()).offset(offset).limit(limit)
            shown = view.connection.execute(query).all()
        return total, self.told(shown)

    def told(self, shown: list[Any]) -> list[ChangeRow]:
        """The change rows of (originator, version, at) index rows, in their order."""
        until: dict[str, str] = {}
        for ident, _, at in shown:
            until[ident] = max(until.get(ident, at), at)
        rows: dict[tuple[str, int], ChangeRow] = {}
        for ident, last in until.items():
            events = self.read.events_of(UUID(ident), moment(last))
            for event, row in zip(events, fold(events), strict=True):
                rows[(ident, event.originator_version)] = row
        codes = {row.code for row in rows.values() if row.code and not row.subject}
        with self.read.at() as view:
            query = select(P.code, P.name).where(P.code.in_(codes), view.holds(tables.projects))
            names = dict(view.connection.execute(query).all()) if codes else {}
        return [named(rows[(ident, version)], names) for ident, version, _ in shown]

    def plans(self, code: str, until: datetime | None = None) -> list[ChangeRow]:
        """A project's registered plan and every revision of it (up to ``until``), oldest first."""
        events = self.read.events_of(project_id(code), until)
        if not events:
            raise NotFound(f"项目“{code}”不存在")
        rows = fold(events)
        return [
            # A registration also tells the nature and 总投资; only its plan belongs here.
            replace(row, changes=tuple(c for c in row.changes if "计划" in c[0]))
            for row in rows
            if row.kind in PLAN_KINDS
        ]


def fold(events: Iterable[Any]) -> Iterator[ChangeRow]:
    """Rows for ``events`` (in recorded order), each aggregate's earlier state giving "before"."""
    states: dict[UUID, dict[str, Any]] = {}
    names: dict[str, str] = {}  # project code → name, for rows about a project's 督办
    for event in events:
        state = states.setdefault(event.originator_id, {})
        changes = describe(event, state)
        code = state.get("code")
        if code and "reports" in state:
            names[code] = state["subject"]
        yield ChangeRow(
            time=event.timestamp,
            actor=getattr(event, "actor", ""),
            kind=type(event).__qualname__,
            unit=state.get("unit"),
            code=code,
            subject=state.get("subject") or names.get(code or "", ""),
            period=getattr(event, "period", None),
            changes=tuple(changes),
            reason=getattr(event, "reason", None) or getattr(event, "note", None) or None,
        )


def conditions(where: LogFilter) -> list[Any]:
    """The filter as conditions on the change log's index."""
    found: list[Any] = []
    if where.unit is not None:
        found.append(L.unit == where.unit)
    if where.code is not None:
        found.append(func.upper(L.code) == where.code.strip().upper())
    if where.actor is not None:
        found.append(L.actor == where.actor)
    if where.kind is not None:
        found.append(L.kind == where.kind)
    if where.since is not None:
        found.append(L.at >= utc_text(where.since))
    if where.before is not None:
        found.append(L.at < utc_text(where.before))
    return found


def named(row: ChangeRow, names: dict[str, str]) -> ChangeRow:
    """A 督办's row names its project, as the whole log's fold does."""
    if row.subject or not row.code:
        return row
    return replace(row, subject=names.get(row.code, ""))
