"""PostgreSQL: read models of a new shape built beside the old ones, then swapped in at once.

While the rebuild folds the log, readers go on reading the old tables undisturbed: the
new ones are made in a schema of their own (``<schema>_rebuild``), invisible to anyone
until the commit. The swap then takes every old table's lock in one statement that
never waits (NOWAIT, retried after a pause when a reader holds one), so a reader is never
queued behind the rebuild while the rebuild waits for another reader (the deadlock of
ec737ce); it drops the old tables and moves the new ones in, and commits: milliseconds
in which readers wait, and after which they see the new tables under the old names.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import OperationalError

from tracker.projections.tables import metadata

PAUSE = 0.05  # seconds between two tries at the old tables' locks
TRIES = 200  # then the swap waits for the locks like anyone else


def build(connection: Connection) -> Connection:
    """Empty tables of this code's shape in a schema of their own, and a connection that
    writes into them (same transaction)."""
    schema = building(connection)
    connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    branch = connection.execution_options(schema_translate_map={None: schema})
    metadata.create_all(branch, checkfirst=False)
    return branch


def swap(branch: Connection) -> None:
    """Put the tables built by :func:`build` in the place of the old ones."""
    target = current(branch)
    schema = building(branch)
    old = [t.name for t in metadata.sorted_tables if inspect(branch).has_table(t.name, target)]
    take_locks(branch, [f'"{target}"."{name}"' for name in old])
    for name in old:
        branch.execute(text(f'DROP TABLE "{target}"."{name}"'))
    for table in metadata.sorted_tables:
        branch.execute(text(f'ALTER TABLE "{schema}"."{table.name}" SET SCHEMA "{target}"'))
    branch.execute(text(f'DROP SCHEMA "{schema}"'))


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


def current(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_schema()")).scalar_one())


def building(connection: Connection) -> str:
    """The schema the new tables are built in: the current one's name and ``_rebuild``."""
    return f"{current(connection)}_rebuild"
