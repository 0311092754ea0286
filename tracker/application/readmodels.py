"""Reading the read models now or as of a past moment, and rebuilding them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, create_engine, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from tracker.application.queries import Queries
from tracker.projections import tables
from tracker.projections.tables import metadata

PAGE = 2000


class ReadModels(Queries):
    """Read models for now, folded as of a past moment, or rebuilt from zero."""

    def domain_events(self, until: datetime | None = None) -> Iterator[object]:
        """The whole log in recorded order, optionally only events up to ``until``."""
        start = 1
        while True:
            page = self.recorder.select_notifications(start=start, limit=PAGE)
            if not page:
                return
            for notification in page:
                event = self.mapper.to_domain_event(notification)
                if until is None or event.timestamp <= until:
                    yield event
            start = page[-1].id + 1

    @contextmanager
    def reading(self, as_of: datetime | None = None) -> Iterator[Connection]:
        """A connection to the read models, or to a scratch copy folded up to ``as_of``.

        As of a past moment, only events recorded by then are applied: later
        corrections are not seen and plans are those that stood then.
        """
        if as_of is None:
            with self.engine.connect() as connection:
                yield connection
            return
        scratch = create_engine("sqlite://", poolclass=StaticPool)
        try:
            metadata.create_all(scratch)
            with Session(scratch) as session:
                self.projector.apply(session, self.domain_events(until=as_of))
                session.commit()
            with scratch.connect() as connection:
                yield connection
        finally:
            scratch.dispose()

    def read_models_current(self) -> bool:
        """True when the read-model tables have the shape this code writes."""
        meta = tables.read_model_meta
        try:
            with self.engine.connect() as connection:
                found = connection.execute(
                    select(meta.c.value).where(meta.c.key == "schema")
                ).scalar()
        except SQLAlchemyError:
            return False
        return found == tables.schema_version()

    def ensure_read_models(self, progress: Callable[[int], None] | None = None) -> int | None:
        """Create the store; rebuild the read models if their shape changed. Events applied."""
        self.init_schema()
        if self.read_models_current():
            return None
        return self.rebuild_projections(progress)

    def rebuild_projections(self, progress: Callable[[int], None] | None = None) -> int:
        """Drop and recreate every read model from the log in one transaction.

        Writers wait meanwhile (PostgreSQL: the events table is share-locked),
        so the rebuilt tables match the log exactly. Returns the events applied.
        """
        applied = 0
        with self.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                session.execute(text(f"LOCK TABLE {self.name}_events IN SHARE MODE"))
            metadata.drop_all(connection)
            metadata.create_all(connection)
            for event in self.domain_events():
                self.projector.handle(event, session)
                applied += 1
                if progress and applied % 500 == 0:
                    progress(500)
            session.execute(
                tables.read_model_meta.insert().values(key="schema", value=tables.schema_version())
            )
        if progress:
            progress(applied % 500)
        return applied
