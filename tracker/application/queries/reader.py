"""The read side: a connection to the read models now, or to them as they stood at a past moment."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Engine

from tracker.application.store import Store
from tracker.domain.clock import clock
from tracker.projections.asof import folded


@dataclass(frozen=True)
class View:
    """The read models as seen at ``as_of`` (None: now), through ``connection``."""

    connection: Connection
    as_of: datetime | None

    @property
    def now(self) -> datetime:
        """The moment the view shows: ``as_of``, or the clock's now."""
        return self.as_of or clock.now()


class Reader:
    """Opens views on the read models; reads the log for history."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def engine(self) -> Engine:
        return self.store.engine

    @contextmanager
    def at(self, as_of: datetime | None = None) -> Iterator[View]:
        """A view now, or as of a past moment: only events recorded by then count."""
        if as_of is None:
            with self.engine.connect() as connection:
                yield View(connection, None)
            return
        with folded(self.store.log(until=as_of), self.store.projector) as connection:
            yield View(connection, as_of)

    def events_of(self, aggregate_id: UUID, until: datetime | None = None) -> list[Any]:
        return self.store.events_of(aggregate_id, until)

    def log(self, until: datetime | None = None) -> Iterator[Any]:
        return self.store.log(until)
