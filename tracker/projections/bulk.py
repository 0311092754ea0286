"""Rows inserted straight through the driver, many at a time (a rebuild's writes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table


def bulk_insert(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (all with the same columns) straight through the driver."""
    names = [c.name for c in table.columns if c.name in rows[0]]
    values = (
        list(map(itemgetter(*names), rows)) if len(names) > 1 else [(r[names[0]],) for r in rows]
    )
    insert_values(connection, table, names, values)


def insert_values(
    connection: Connection, table: Table, names: Sequence[str], values: list[tuple[Any, ...]]
) -> None:
    """Insert ``values`` (tuples of the ``names`` columns) straight through the driver.

    The values are already what the columns store (text, integers, booleans), so
    nothing of SQLAlchemy's per-row processing is needed: SQLite gets inserts of many rows
    each, PostgreSQL one COPY.
    """
    quote = connection.dialect.identifier_preparer.quote
    target = f"{quote(table.name)} ({', '.join(quote(n) for n in names)})"
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if connection.dialect.name == "postgresql":
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            insert_in_chunks(cursor, target, len(names), values)
    finally:
        cursor.close()


#: rows an INSERT takes at most: SQLite inserts many rows of one statement a fifth faster than
#: as many statements of one row
CHUNK = 500


def insert_in_chunks(cursor: Any, target: str, width: int, values: list[tuple[Any, ...]]) -> None:
    """``values`` (rows of ``width`` columns) inserted into ``target`` on SQLite, ``CHUNK`` a
    statement or as many as its limit on bound values lets."""
    bound = cursor.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    size = max(1, min(CHUNK, bound // width))
    whole = len(values) - len(values) % size
    if whole:
        chunks = [list(chain(*values[i : i + size])) for i in range(0, whole, size)]
        cursor.executemany(insert_of(target, width, size), chunks)
    if whole < len(values):  # one a statement: a statement of their own costs more to prepare
        cursor.executemany(insert_of(target, width, 1), values[whole:])


def insert_of(target: str, width: int, rows: int) -> str:
    row = f"({', '.join('?' for _ in range(width))})"
    return f"INSERT INTO {target} VALUES {', '.join(row for _ in range(rows))}"
