"""A verification of the whole log: what was checked, what broke, how long it took."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine

from tracker.application.ledger import counts
from tracker.application.ledger.tables import chain
from tracker.application.ledger.walk import (
    Break,
    Walk,
    check_issued,
    ends,
    links,
    merged,
    notifications,
    reader,
)
from tracker.domain.clock import clock
from tracker.projections.codec import moment, utc_text


@dataclass(frozen=True)
class Anchor:
    """The head a verification found intact: it must still be in the chain."""

    head: str
    head_id: int
    checked_at: datetime


@dataclass(frozen=True)
class Verification:
    """The outcome of ``tracker audit verify``."""

    ok: bool
    events: int
    head: str
    head_id: int | None  # the notification id of the head's event
    algorithms: tuple[str, ...]
    breaks: tuple[Break, ...]  # the first of them, in log order
    broken: int  # how many positions broke in all
    disagreements: tuple[str, ...]  # read models against the log
    seconds: float
    checked_at: datetime
    checked_by: str

    @property
    def first(self) -> Break | None:
        return self.breaks[0] if self.breaks else None

    @property
    def rate(self) -> float:
        """Events verified per second."""
        return self.events / self.seconds if self.seconds else 0.0


def from_json(data: dict[str, Any]) -> Verification:
    """A verification as ``jsonable`` wrote it (kept in tracker_audits)."""
    breaks = tuple(Break(**{**b, "at": moment(b["at"])}) for b in data["breaks"])
    return Verification(
        **{
            **data,
            "breaks": breaks,
            "algorithms": tuple(data["algorithms"]),
            "disagreements": tuple(data["disagreements"]),
            "checked_at": moment(data["checked_at"]),
        }
    )


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One consistent view (PostgreSQL: REPEATABLE READ) for the ends of the log and the counts."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection


def verify(
    store: Any,
    actor: str,
    anchor: Anchor | None = None,
    progress: Callable[[int], None] | None = None,
) -> Verification:
    """Walk the log of ``store`` (a ``Store``) beside its chain; see ``walk``."""
    started = time.perf_counter()
    engine, events_table = store.engine, store.recorder.events_record_cls.__table__
    with snapshot(engine) as connection:
        last_event, last_link = ends(connection, events_table)
        held, names = counts.held(connection), counts.names(connection)
    walk = Walk(names, time_of=lambda event: event_time(store.mapper, event))
    stop = max(last_event, last_link)
    unlinked = last_link == 0 and last_event > 0  # `tracker init` has not computed the chain
    if unlinked:
        walk.broken, walk.breaks = 1, [Break("unlinked", None)]
    else:
        stored = notifications(reader(engine), events_table, stop, progress)
        pairs = merged(stored, links(engine, stop))
        for event, row in pairs:
            if row is None:
                walk.event_only(event)
            elif event is None:
                walk.link_only(row)
            else:
                walk.both(event, row)
        with engine.connect() as connection:
            check_issued(walk, connection, store.mapper.to_domain_event)
            check_anchor(walk, connection, anchor)
    found = [] if unlinked else counts.disagreements(held, walk.kinds, walk.reports)
    return Verification(
        ok=walk.broken == 0 and not found,
        events=walk.events,
        head=walk.previous,
        head_id=walk.head_id,
        algorithms=tuple(sorted(walk.algorithms)),
        breaks=tuple(sorted(walk.breaks, key=lambda b: b.notification_id or 0)),
        broken=walk.broken,
        disagreements=tuple(found),
        seconds=round(time.perf_counter() - started, 3),
        checked_at=clock.now(),
        checked_by=actor,
    )


def event_time(mapper: Any, event: Any) -> str | None:
    try:
        return utc_text(mapper.to_domain_event(event).timestamp)
    except Exception:  # an unreadable event: the chain check names it
        return None


def check_anchor(walk: Walk, connection: Connection, anchor: Anchor | None) -> None:
    """The head that the last passed verification found must still stand where it stood."""
    if anchor is None:
        return
    row = connection.execute(
        chain.select().where(chain.c.notification_id == anchor.head_id)
    ).first()
    if row is None or row.link != anchor.head:
        walk.broken += 1
        walk.breaks.append(
            Break(
                "anchor",
                anchor.head_id,
                detail=f"上次通过的校验记下该处链头为 {anchor.head[:16]}…",
            )
        )
