"""The event store wiring: eventsourcing on SQLAlchemy, read models in the same transaction."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.persistence import IntegrityError, JSONTranscoder, Transcoding
from sqlalchemy import Engine, inspect

from tracker.domain.base import TrackerAggregate
from tracker.domain.errors import Conflict, NotFound
from tracker.projections.projector import Projector
from tracker.projections.tables import metadata, read_model_meta, schema_version

A = TypeVar("A", bound=TrackerAggregate)


class DateAsISO(Transcoding):
    """Stores ``datetime.date`` as ``YYYY-MM-DD``."""

    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class Store(Application):
    """An eventsourcing Application whose every save also updates the read models."""

    name = "tracker"

    def __init__(self, database_url: str) -> None:
        super().__init__(
            env={
                "PERSISTENCE_MODULE": "eventsourcing_sqlalchemy",
                "SQLALCHEMY_URL": database_url,
                # Tables are created once by `tracker init`, never by each worker.
                "CREATE_TABLE": "no",
            }
        )
        self.projector = Projector()

    @property
    def engine(self) -> Engine:
        return self.recorder.datastore.engine  # type: ignore[attr-defined,no-any-return]

    def init_schema(self) -> None:
        """Create the event table and the read-model tables if missing."""
        self.recorder.create_table()  # type: ignore[attr-defined]
        fresh = not inspect(self.engine).has_table(read_model_meta.name)
        metadata.create_all(self.engine)
        if fresh and self.recorder.max_notification_id() is None:
            # An empty store: the new tables are the current shape by definition.
            with self.engine.begin() as connection:
                connection.execute(
                    read_model_meta.insert().values(key="schema", value=schema_version())
                )

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def _record(self, processing_event: ProcessingEvent[UUID]) -> Any:
        # One transaction for the events and the read-model rows they imply.
        with self.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
            recordings = super()._record(processing_event)
            self.projector.apply(session, processing_event.events)
        return recordings

    def commit(self, *aggregates: TrackerAggregate, conflict: str | None = None) -> None:
        """Save pending events; a racing writer's events make this a Conflict."""
        try:
            self.save(*aggregates)
        except IntegrityError:
            raise Conflict(conflict or "数据已被他人修改，请刷新后重试") from None

    def load(self, cls: type[A], aggregate_id: UUID, missing: str) -> A:
        """Get an aggregate, or raise NotFound with the ``missing`` message."""
        try:
            aggregate = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            raise NotFound(missing) from None
        if not isinstance(aggregate, cls):
            raise NotFound(missing)
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        return aggregate_id in self.repository
