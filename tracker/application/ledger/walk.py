"""`tracker audit verify`: walk the whole log beside the chain and name every broken position.

Events and links are read in pages and merged by notification id. Each event's
link is recomputed from the *stored* link before it, so every damage shows where
it is: an edited event breaks at itself, a deleted one leaves a link without an
event, an inserted one an event without a link, a swap breaks at both places.
A log whose events are all intact yet fewer (the tail deleted with its links) is
caught by the last verification's head, by the 签发 records' heads and by the
read models' counts (``counts``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select

from tracker.application.ledger.chain import GENESIS, hasher, kind_of, link, stated_time
from tracker.application.ledger.tables import chain
from tracker.domain.catalog import LEDGER_PROBLEMS, event_label
from tracker.domain.errors import TrackerError
from tracker.projections.codec import moment, utc_text

PAGE = 5000  # events (and links) read at a time
LISTED = 50  # breaks kept in the outcome; all are counted
C = chain.c
REPORTS = ("Project.ReportSubmitted", "Project.ReportCorrected")


@dataclass(frozen=True)
class Break:
    """One position where the log and its chain disagree."""

    problem: str  # a key of catalog.LEDGER_PROBLEMS
    notification_id: int | None
    kind: str | None = None  # e.g. Project.ReportSubmitted
    code: str | None = None  # the project's code, for a project's (or its 督办's) event
    version: int | None = None
    at: datetime | None = None
    detail: str = ""

    @property
    def label(self) -> str:
        return event_label(self.kind) if self.kind else "—"

    def text(self, zone: Any) -> str:
        """第 57 号事件（项目 CJ2026-004，第 4 版，报送半月报，2026-01-27 09:00）：已从…删除"""
        where = [f"项目 {self.code}"] if self.code else []
        where += [f"第 {self.version} 版"] if self.version is not None else []
        where += [self.label] if self.kind else []
        where += [f"{self.at.astimezone(zone):%Y-%m-%d %H:%M}"] if self.at else []
        place = f"第 {self.notification_id} 号事件" if self.notification_id else "事件日志"
        place += f"（{'，'.join(where)}）" if where else ""
        detail = f"（{self.detail}）" if self.detail else ""
        return f"{place}：{LEDGER_PROBLEMS[self.problem]}{detail}"


@dataclass
class Walk:
    """The walk's state: the last stored link, what was counted, what broke."""

    names: dict[str, str]  # aggregate id → project code
    time_of: Callable[[Any], str]  # an event's time (UTC text) when its state hides it
    previous: str = GENESIS
    events: int = 0
    head_id: int | None = None  # the notification id of the last link seen
    breaks: list[Break] = field(default_factory=list)
    broken: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    reports: Counter[str] = field(default_factory=Counter)  # report events by project code
    versions: dict[str, int] = field(default_factory=dict)
    issued: list[Any] = field(default_factory=list)  # ReportIssued events, to check their heads
    algorithms: set[str] = field(default_factory=set)
    hashers: dict[str, Callable[[bytes], Any]] = field(default_factory=dict)

    def broke(self, problem: str, where: Any, detail: str = "", at: str | None = None) -> None:
        self.broken += 1
        if len(self.breaks) < LISTED:
            oid = str(where.originator_id)
            when = at or getattr(where, "at", None)
            self.breaks.append(
                Break(
                    problem,
                    getattr(where, "id", None) or getattr(where, "notification_id", None),
                    kind_of(where.topic),
                    self.names.get(oid),
                    where.originator_version,
                    moment(when) if when else None,
                    detail,
                )
            )

    def both(self, event: Any, row: Any) -> None:
        """An event and its link: recompute the link from the stored one before it."""
        at, oid = stated_time(event.state) or self.time_of(event), str(event.originator_id)
        if row.algorithm not in self.hashers:
            try:
                self.hashers[row.algorithm] = hasher(row.algorithm)
            except TrackerError as unusable:  # an altered row, or SM3 missing on this host
                self.broke("row", event, unusable.message, at=at)
                self.previous, self.head_id = row.link, row.notification_id
                self.counted(event, at, oid)
                return
            self.algorithms.add(row.algorithm)
        if link(self.hashers[row.algorithm], self.previous, event) != row.link:
            self.broke("mismatch", event, at=at)
        elif (row.originator_id, row.originator_version, row.topic) != (
            oid,
            event.originator_version,
            event.topic,
        ):
            self.broke("row", event, at=at)
        elif at != row.at:
            self.broke("time", event, f"链中记下 {row.at}", at=at)
        self.previous, self.head_id = row.link, row.notification_id
        self.counted(event, at, oid)

    def event_only(self, event: Any) -> None:
        self.broke("inserted", event, at=stated_time(event.state))
        self.counted(event, None, str(event.originator_id))

    def link_only(self, row: Any) -> None:
        self.broke("deleted", row)
        self.previous, self.head_id = row.link, row.notification_id
        self.versions[row.originator_id] = row.originator_version

    def counted(self, event: Any, at: str | None, oid: str) -> None:
        version = event.originator_version
        kind = kind_of(event.topic)
        before = self.versions.get(oid, 0)
        if version != before + 1:
            self.broke("order", event, f"上一事件是第 {before} 版", at=at)
        self.versions[oid] = version
        self.events += 1
        self.kinds[kind] += 1
        if kind in REPORTS:
            self.reports[self.names.get(oid, oid)] += 1
        elif kind == "Campaign.ReportIssued":
            self.issued.append(event)


def merged(events: Iterator[Any], rows: Iterator[Any]) -> Iterator[tuple[Any, Any]]:
    """(event, link row) pairs by notification id; None where one of them is missing."""
    event, row = next(events, None), next(rows, None)
    while event is not None or row is not None:
        if row is None or (event is not None and event.id < row.notification_id):
            yield event, None
            event = next(events, None)
        elif event is None or row.notification_id < event.id:
            yield None, row
            row = next(rows, None)
        else:
            yield event, row
            event, row = next(events, None), next(rows, None)


def notifications(
    read: Callable[[Any], Sequence[Any]],
    table: Any,
    stop: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Any]:
    """The stored events up to ``stop`` in pages, as rows (``read`` runs a query: an engine's
    connection or the session of a transaction)."""
    after = 0
    columns = (table.c.id, table.c.originator_id, table.c.originator_version, table.c.topic)
    while after < stop:
        query = (
            select(*columns, table.c.state)
            .where(table.c.id > after, table.c.id <= stop)
            .order_by(table.c.id)
            .limit(PAGE)
        )
        page = read(query)
        if not page:
            return
        yield from page
        if progress:
            progress(len(page))
        after = page[-1].id


def reader(engine: Engine) -> Callable[[Any], Sequence[Any]]:
    def read(query: Any) -> Sequence[Any]:
        with engine.connect() as connection:
            return connection.execute(query).all()

    return read


def links(engine: Engine, stop: int) -> Iterator[Any]:
    after, read = 0, reader(engine)
    while True:
        query = (
            select(chain)
            .where(C.notification_id > after, C.notification_id <= stop)
            .order_by(C.notification_id)
            .limit(PAGE)
        )
        page = read(query)
        if not page:
            return
        yield from page
        after = page[-1].notification_id


def ends(connection: Connection, events_table: Any) -> tuple[int, int]:
    """The highest notification id in the log and in the chain."""
    last_event = connection.execute(select(func.max(events_table.c.id))).scalar() or 0
    last_link = connection.execute(select(func.max(C.notification_id))).scalar() or 0
    return last_event, last_link


def head_before(connection: Connection, at: datetime, before: int) -> str:
    """The chain's head as of ``at``, among the links before notification ``before``."""
    query = (
        select(C.link)
        .where(C.at <= utc_text(at), C.notification_id < before)
        .order_by(C.notification_id.desc())
        .limit(1)
    )
    return connection.execute(query).scalar() or GENESIS


def check_issued(walk: Walk, connection: Connection, decode: Callable[[Any], Any]) -> None:
    """Each 签发 recorded the head as of its data: it must still be the chain's head then."""
    for stored in walk.issued:
        try:
            event = decode(stored)
        except (TrackerError, ValueError):
            continue  # an unreadable event: already a break of the chain
        recorded = getattr(event, "chain_head", "")
        if recorded and recorded != head_before(connection, event.as_of, stored.id):
            walk.broke("issued", stored, f"签发时记下 {recorded[:16]}…", utc_text(event.timestamp))
