"""Recreating every read model from the log, and knowing when their shape changed."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from tracker.projections import swap, tables
from tracker.projections.batch import BatchRows
from tracker.projections.projector import Projector
from tracker.projections.rows import SqlRows
from tracker.projections.tables import metadata, schema_version

STEP = 2000  # events between two progress reports, and between two bulk writes


def rebuild(
    session: Session,
    events: Iterable[object],
    events_table: str,
    progress: Callable[[int], None] | None = None,
    batched: bool = True,
) -> int:
    """Recreate every read model from ``events`` in ``session``'s transaction.

    Readers never miss a table and never wait on the rebuild's DDL: on SQLite the tables
    are dropped and made anew inside the transaction (readers keep their snapshot of the
    old ones until the commit); on PostgreSQL tables of the shape this code writes are
    emptied and filled again (readers see the old rows until the commit and wait on
    nothing), tables of another shape are built in a schema of their own and swapped in
    at the end (``swap.py``).

    The rows that hold now are kept in memory and the rest written in bulk, a page of
    events at a time (``batch.py``); ``batched=False`` writes them event by event as the
    live path does (the same rows, slower). Writers wait meanwhile (PostgreSQL: the events
    table is share-locked), so the rebuilt tables match the log exactly. Returns the events
    applied.
    """
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        session.execute(text(f"LOCK TABLE {events_table} IN SHARE MODE"))
    same_shape = inspect(connection).has_table(tables.read_model_meta.name) and current_shape(
        connection
    )
    # A write first, so that SQLite's driver opens the transaction before the DDL (it runs
    # DDL outside one otherwise): readers go on seeing the old tables until the commit.
    session.execute(tables.read_model_meta.delete())
    if not postgres:
        # a page cache that holds the tables being filled (256 MB; the default is 2 MB)
        connection.exec_driver_sql("PRAGMA cache_size = -262144")
        metadata.drop_all(connection)
        for table in metadata.sorted_tables:  # indexes after the rows: a sort, not inserts
            connection.execute(CreateTable(table))
        applied = fill(connection, events, progress, batched)
        for table in metadata.sorted_tables:
            for index in table.indexes:
                index.create(connection)
        connection.exec_driver_sql("PRAGMA cache_size = -2000")  # SQLite's default again
    elif same_shape:  # rows deleted, not tables dropped: readers keep reading the old rows,
        for table in reversed(metadata.sorted_tables):  # never waiting on (or deadlocking
            session.execute(table.delete())  # with) DDL
        applied = fill(connection, events, progress, batched)
    else:
        made = swap.build(connection)
        applied = fill(connection, events, progress, batched)
        swap.swap(connection, made)
    stamp(connection)
    return applied


def fill(
    connection: Connection,
    events: Iterable[object],
    progress: Callable[[int], None] | None,
    batched: bool,
) -> int:
    """Fold ``events`` into the empty tables of ``connection``; the events applied."""
    rows = BatchRows(connection) if batched else SqlRows(connection)
    projector, applied = Projector(), 0
    collecting = gc.isenabled()
    gc.disable()  # the rows held make every full collection long, and they make no cycles
    try:
        for page in pages(events):
            applied += projector.fold(rows, page)
            rows.flush()
            if progress:
                progress(len(page))
        rows.finish()
    finally:
        if collecting:
            gc.enable()
    return applied


def pages(events: Iterable[object]) -> Iterator[list[object]]:
    """The events ``STEP`` at a time."""
    stream = iter(events)
    while page := list(islice(stream, STEP)):
        yield page


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
