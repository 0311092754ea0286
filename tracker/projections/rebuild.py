"""Recreating every read model from the log, and knowing when their shape changed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tracker.projections import tables
from tracker.projections.projector import Projector
from tracker.projections.tables import metadata, schema_version

STEP = 500  # events between two progress reports


def rebuild(
    session: Session,
    events: Iterable[object],
    events_table: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Recreate every read model from ``events`` in ``session``'s transaction.

    Tables of the shape this code writes are emptied and filled again (readers see the old
    rows until the commit, and wait on nothing); tables of another shape are dropped and
    made anew.

    Writers wait meanwhile (PostgreSQL: the events table is share-locked), so
    the rebuilt tables match the log exactly. Returns the events applied.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {events_table} IN SHARE MODE"))
    same_shape = inspect(connection).has_table(tables.read_model_meta.name) and current_shape(
        connection
    )
    # A write first, so that SQLite's driver opens the transaction before the DDL (it runs
    # DDL outside one otherwise): readers go on seeing the old tables until the commit.
    session.execute(tables.read_model_meta.delete())
    if same_shape:  # rows deleted, not tables dropped: readers keep reading the old rows, never
        for table in reversed(metadata.sorted_tables):  # waiting on (or deadlocking with) DDL
            session.execute(table.delete())
    else:
        metadata.drop_all(connection)
        metadata.create_all(connection)
    projector, applied = Projector(), 0
    batch: list[object] = []
    for event in events:
        batch.append(event)
        if len(batch) == STEP:
            applied += projector.apply(session, batch)
            batch.clear()
            if progress:
                progress(STEP)
    applied += projector.apply(session, batch)
    if progress:
        progress(len(batch))
    stamp(session.connection())
    return applied


def stamp(connection: Connection) -> None:
    """Record that the tables have the shape this code writes."""
    connection.execute(tables.read_model_meta.insert().values(key="schema", value=schema_version()))


def current_shape(connection: Connection) -> bool:
    """True when the read-model tables have the shape this code writes."""
    meta = tables.read_model_meta
    try:
        found = connection.execute(select(meta.c.value).where(meta.c.key == "schema")).scalar()
    except SQLAlchemyError:
        return False
    return found == schema_version()
