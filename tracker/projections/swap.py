"""PostgreSQL: read models of a new shape built beside the old ones, then swapped in at once.

While the rebuild folds the log, readers go on reading the old tables undisturbed: the
new ones are made in a schema of their own (``<schema>_rebuild``, first on the rebuild's
search path), invisible to anyone until the commit. The swap then takes every old
table's lock in one statement that never waits (NOWAIT, retried after a pause when a
reader holds one), so a reader is never queued behind the rebuild while the rebuild
waits for another reader (the deadlock of ec737ce); it drops the old tables, moves the
new ones in and commits: milliseconds in which readers wait, and after which they see
the new tables under the old names.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError

from tracker.projections.tables import metadata

PAUSE = 0.05  # seconds between two tries at the old tables' locks
TRIES = 200  # then the swap waits for the locks like anyone else


@dataclass(frozen=True)
class Build:
    """Where a rebuild's new tables are made, and what it found before."""

    target: str  # the schema the read models live in
    schema: str  # the schema the new ones are built in
    search_path: str  # the transaction's search path before the build


def build(connection: Connection) -> Build:
    """Empty tables of this code's shape in a schema of their own, first on the transaction's
    search path: the rebuild writes into them, and reads the log where it always is."""
    target = str(connection.execute(text("SELECT current_schema()")).scalar_one())
    made = Build(
        target, f"{target}_rebuild", str(connection.execute(text("SHOW search_path")).scalar_one())
    )
    connection.execute(text(f'DROP SCHEMA IF EXISTS "{made.schema}" CASCADE'))
    connection.execute(text(f'CREATE SCHEMA "{made.schema}"'))
    connection.execute(text(f'SET LOCAL search_path TO "{made.schema}", {made.search_path}'))
    metadata.create_all(connection, checkfirst=False)
    return made


def swap(connection: Connection, made: Build) -> None:
    """Put the tables built by :func:`build` in the place of the old ones."""
    connection.execute(text(f"SET LOCAL search_path TO {made.search_path}"))
    target = made.target
    present = inspect(connection)
    old = [t.name for t in metadata.sorted_tables if present.has_table(t.name, target)]
    take_locks(connection, [f'"{target}"."{name}"' for name in old])
    for name in old:
        connection.execute(text(f'DROP TABLE "{target}"."{name}"'))
    for table in metadata.sorted_tables:
        connection.execute(
            text(f'ALTER TABLE "{made.schema}"."{table.name}" SET SCHEMA "{target}"')
        )
    connection.execute(text(f'DROP SCHEMA "{made.schema}"'))


def take_locks(connection: Connection, names: list[str]) -> None:
    """Every one of ``names`` locked for the swap, without ever queueing for one."""
    if not names:
        return
    statement = f"LOCK TABLE {', '.join(names)} IN ACCESS EXCLUSIVE MODE"
    for _ in range(TRIES):
        savepoint = connection.begin_nested()
        try:
            connection.execute(text(f"{statement} NOWAIT"))
        except OperationalError:  # a reader holds one: let go of all, let it finish
            savepoint.rollback()
            time.sleep(PAUSE)
            continue
        savepoint.commit()
        return
    connection.execute(text(statement))
