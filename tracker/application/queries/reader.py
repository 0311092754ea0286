"""The read side: a connection to the read models now, or to them as they stood at a past moment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, Engine, Table

from tracker.application.store import Store
from tracker.domain.clock import clock
from tracker.projections import bitemporal
from tracker.projections.asof import folded
from tracker.projections.codec import utc_text


@dataclass(frozen=True)
class View:
    """The read models as seen at ``as_of`` (None: now), through ``connection``.

    Queries ask it which rows to read: ``holds(table)`` for rows that can change
    (bitemporal), ``recorded(column)`` for rows that are only ever added.
    """

    connection: Connection
    as_of: datetime | None
    folded: bool = False  # a log folded up to as_of: its rows that hold now are as_of's

    @property
    def now(self) -> datetime:
        """The moment the view shows: ``as_of``, or the clock's now."""
        return self.as_of or clock.now()

    @property
    def moment(self) -> str | None:
        """``as_of`` as the read models write times, or None for now."""
        return utc_text(self.as_of) if self.as_of and not self.folded else None

    def holds(self, table: Table) -> ColumnElement[bool]:
        return bitemporal.holds(table, self.moment)

    def recorded(self, column: Any) -> ColumnElement[bool]:
        return bitemporal.recorded(column, self.moment)


class Reader:
    """Opens views on the read models; reads the log for history."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def engine(self) -> Engine:
        return self.store.engine

    @contextmanager
    def at(self, as_of: datetime | None = None) -> Iterator[View]:
        """A view now, or as of a past moment: the rows that held then."""
        with self.engine.connect() as connection:
            yield View(connection, as_of)

    @contextmanager
    def folded(self, as_of: datetime | None = None) -> Iterator[View]:
        """The reference: the log up to ``as_of`` folded afresh, read as its own "now".

        Slow (it replays the log); the tests compare ``at`` against it.
        """
        with folded(self.store.log(until=as_of), self.store.projector) as connection:
            yield View(connection, as_of, folded=True)

    def events_of(self, aggregate_id: UUID, until: datetime | None = None) -> list[Any]:
        return self.store.events_of(aggregate_id, until)

    def log(self, until: datetime | None = None) -> Iterator[Any]:
        return self.store.log(until)
