"""The ledger as the command line and the 审计校验 page use it: verify, head, check a file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, BinaryIO

from sqlalchemy import func, select, text

from tracker.application.ledger import records
from tracker.application.ledger.chain import Head, head, is_empty, stated_time
from tracker.application.ledger.matching import (
    FileCheck,
    attachment_matches,
    digest,
    issued_matches,
)
from tracker.application.ledger.verification import Verification, event_time, verify
from tracker.application.ledger.walk import notifications
from tracker.application.store import Store

Progress = Callable[[int], None] | None


class Audit:
    """Verifications of the log, chain heads, and files checked against the record."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def algorithm(self) -> str:
        """The hash new links are made with (TRACKER_CHAIN_HASH)."""
        return self.store.chain.algorithm

    def verify(self, actor: str, progress: Progress = None) -> Verification:
        """Walk the whole log beside the chain, and keep the outcome."""
        engine = self.store.engine
        outcome = verify(self.store, actor, records.anchor(engine), progress)
        records.keep(engine, outcome)
        return outcome

    def last(self) -> Verification | None:
        """The last verification kept, if any."""
        return records.latest(self.store.engine)

    def head(self, at: datetime | None = None) -> Head:
        """The chain's head now, or the link of the last event with a time ≤ ``at``."""
        with self.store.engine.connect() as connection:
            return head(connection, at)

    def events(self) -> int:
        """How many events the log holds (the highest notification id)."""
        return self.store.event_count()

    def check(self, stream: BinaryIO, limit: int | None = None) -> FileCheck:
        """Is the content of ``stream`` an issued report or a stored attachment?"""
        sha256, size = digest(stream, limit)
        with self.store.engine.connect() as connection:
            issued = issued_matches(connection, self.store, sha256)
            attached = attachment_matches(connection, sha256)
        return FileCheck(sha256, size, tuple(issued), tuple(attached))

    def link_existing(self, progress: Progress = None) -> int:
        """Compute the chain once for a store that has events but no chain; events linked.

        In one transaction, writers held off meanwhile (PostgreSQL: the events
        table is locked; SQLite: the write lock). Nothing to do on a linked store.
        """
        store = self.store
        events = store.recorder.events_record_cls.__table__  # type: ignore[attr-defined]
        with store.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
            if session.connection().dialect.name == "postgresql":
                session.execute(text(f"LOCK TABLE {events.name} IN EXCLUSIVE MODE"))
            if not is_empty(session.connection()):
                return 0
            stop = session.execute(select(func.max(events.c.id))).scalar() or 0
            if not stop:
                return 0

            def time_of(event: Any) -> str:
                return stated_time(event.state) or event_time(store.mapper, event) or ""

            def read(query: Any) -> Any:
                return session.execute(query).all()

            linked = notifications(read, events, stop, progress)
            return store.chain.fill(session, linked, time_of)

    def unlinked(self) -> int:
        """Events in a store whose chain was never computed (`tracker init` computes it)."""
        with self.store.engine.connect() as connection:
            if not is_empty(connection):
                return 0
        return self.store.event_count()
