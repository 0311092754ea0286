"""The event store: eventsourcing on SQLAlchemy, read models written in the events' transaction.

Commands load aggregates from it and commit them; the commit is where events
become rows of the read models (``_record``, below), in one transaction.
Queries read the read models and, for history, the log.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import wraps
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import IntegrityError as DatabaseIntegrityError

from tracker.application import report_jobs
from tracker.application.damage import BROKEN, decoded, subject_of, unreplayable
from tracker.application.ledger.chain import Chain
from tracker.application.ledger.tables import ledger_meta
from tracker.domain.base import TrackerAggregate
from tracker.domain.errors import Conflict, NotFound
from tracker.projections import rebuild, tables
from tracker.projections.projector import Projector

A = TypeVar("A", bound=TrackerAggregate)
C = TypeVar("C", bound=Callable[..., Any])
PAGE = 2000  # notifications read at a time
ATTEMPTS = 20  # a command retried on a version clash, each time on freshly loaded aggregates
CLASH = "数据已被他人修改，请刷新后重试"


class Clash(Conflict):
    """Another writer saved one of the same aggregates first: nothing of this save was stored."""


def retried(command: C) -> C:
    """Run the command again when another writer saved the same aggregate first.

    The command loads its aggregates afresh each time, so its checks see the
    other writer's events: a real clash (the same period reported meanwhile)
    is refused by the aggregate itself; a clash about something else (another
    period of the same project) simply succeeds on the next attempt.
    """

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return command(*args, **kwargs)
            except Clash:
                if attempt == ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.01 * attempt))  # spread the racers apart

    return run  # type: ignore[return-value]


class DateAsISO(Transcoding):
    """Stores ``datetime.date`` as ``YYYY-MM-DD``."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Store(Application):
    """The log and the read models of one database; every save also projects its events."""

    name = "tracker"  # the event table is tracker_events

    def __init__(self, database_url: str, chain_hash: str = "sha256") -> None:
        super().__init__(
            env={
                "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy",
                "SQLALCHEMY_URL": database_url,
                # Tables are created once by `tracker init`, never by each worker.
                "CREATE_TABLE": "no",
            }
        )
        self.projector = Projector()
        self.chain = Chain(chain_hash, f"{self.name}_events")  # the ledger: see ledger/chain.py

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # -- writing -----------------------------------------------------------

    def load(self, cls: type[A], aggregate_id: UUID, missing: str) -> A:
        """Get an aggregate, or raise NotFound with the ``missing`` message."""
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFound(missing) from None
        except BROKEN as error:  # events missing, out of order or altered: say so, no 500
            raise unreplayable(subject_of(missing), error) from error
        if not isinstance(aggregate, cls):
            raise NotFound(missing)
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self.repository

    def commit(self, *aggregates: TrackerAggregate, conflict: str | None = None) -> None:
        """Save pending events; a racing writer's events make this a Conflict."""
        try:
            self.save(*aggregates)
        except (IntegrityError, DatabaseIntegrityError):  # the latter inside ``writing``
            raise Clash(conflict or CLASH) from None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """PostgreSQL: one transaction for a command's loads and its commit (two round trips
        fewer than one each); the events table is still locked only from the insert on.
        SQLite: as without it (a read then a write in one transaction could meet another
        process's write and fail instead of waiting)."""
        if not self.postgres:
            yield
            return
        try:
            with self.recorder.transaction(commit=True):  # type: ignore[attr-defined]
                yield
        except IntegrityError:
            raise Clash(CLASH) from None

    def _record(self, processing_event: ProcessingEvent[UUID]) -> Any:
        # One transaction for the events and the read-model rows they imply. The rows come
        # after the insert, under its lock of the events table (PostgreSQL): some rows are
        # shared by many aggregates (running sums by category and period), read and
        # rewritten, so writers must take turns there.
        with self.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
            recordings = super()._record(processing_event)
            self.chain.extend(session, recordings)
            self.projector.apply(session, processing_event.events)
        return recordings

    # -- reading -----------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self.recorder.datastore.engine  # type: ignore[attr-defined,no-any-return]

    @property
    def postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def events_of(self, aggregate_id: UUID, until: datetime | None = None) -> list[Any]:
        """One aggregate's events, oldest first, optionally only those up to ``until``."""
        events = decoded(self.mapper, self.recorder.select_events(aggregate_id))
        return [e for e in events if until is None or e.timestamp <= until]

    def log(self, until: datetime | None = None) -> Iterator[Any]:
        """The whole log in recorded order, optionally only events up to ``until``."""
        start = 1
        while True:
            page = self.recorder.select_notifications(start=start, limit=PAGE)
            if not page:
                return
            for event in decoded(self.mapper, page):
                if until is None or event.timestamp <= until:
                    yield event
            start = page[-1].id + 1

    # -- the schema --------------------------------------------------------

    def init_schema(self) -> None:
        """Create the event table and the read-model tables if missing."""
        self.recorder.create_table()  # type: ignore[attr-defined]
        fresh = not inspect(self.engine).has_table(tables.read_model_meta.name)
        tables.metadata.create_all(self.engine)
        ledger_meta.create_all(self.engine)  # the chain: beside the log, never rebuilt
        report_jobs.make_table(self.engine)  # beside the ledger, never rebuilt
        if fresh and self.recorder.max_notification_id() is None:
            # An empty store: the new tables are the current shape by definition.
            with self.engine.begin() as connection:
                rebuild.stamp(connection)

    def is_initialised(self) -> bool:
        """True once `tracker init` has created the tables."""
        return inspect(self.engine).has_table(tables.projects.name)

    def read_models_current(self) -> bool:
        """True when the read-model tables (and the report jobs') have the shape this code
        writes."""
        with self.engine.connect() as connection:
            return rebuild.current_shape(connection) and report_jobs.shaped(self.engine)

    def rebuild_projections(self, progress: Callable[[int], None] | None = None) -> int:
        """Recreate every read model from the log in one transaction; the events applied."""
        with self.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
            return rebuild.rebuild(session, self.log(), f"{self.name}_events", progress)

    def ensure_read_models(self, progress: Callable[[int], None] | None = None) -> int | None:
        """Create the store; rebuild the read models if their shape changed. Events applied."""
        self.init_schema()
        if self.read_models_current():
            return None
        return self.rebuild_projections(progress)

    def event_count(self) -> int:
        return self.recorder.max_notification_id() or 0
