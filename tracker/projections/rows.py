"""Where the handlers write: the read-model rows of one transaction, live or rebuilt.

Handlers say what changes (a row added, superseded, ended; a plain row inserted,
updated, deleted) and never build SQL themselves. :class:`SqlRows` writes each change
at once, through statements built once per shape (the live path, inside the
events' own transaction); ``batch.BatchRows`` keeps the rows that hold now in
memory and writes in bulk (a rebuild). Both give the same rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from sqlalchemy import Connection, Executable, Table, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from tracker.projections import tables
from tracker.projections.log_tables import log_index
from tracker.projections.notice_tables import notice_keys

Row = Mapping[str, Any]
#: tables only ever added to, never read back by a handler (but for the change log's latest
#: place): their rows wait and go in with one executemany
STREAMED = (tables.report_versions, tables.issued_reports, tables.units, notice_keys, log_index)
STREAMED_NAMES = frozenset(t.name for t in STREAMED)


class Rows(Protocol):
    """The operations handlers write with (``bitemporal.py`` tells what a held row is)."""

    def add(self, table: Table, at: str, **values: Any) -> None:
        """A new row that holds from ``at``."""

    def change(self, table: Table, key: dict[str, Any], at: str, **values: Any) -> None:
        """Supersede the row of ``key`` that holds now by a copy with ``values``, from ``at``."""

    def end(self, table: Table, key: dict[str, Any], at: str) -> None:
        """The row of ``key`` that holds now ends at ``at`` with no successor."""

    def holding(self, table: Table, key: dict[str, Any]) -> Row | None:
        """The row of ``key`` that holds now, or None."""

    def holding_where(self, table: Table, **where: Any) -> list[Row]:
        """Every row that holds now and has those column values."""

    def insert(self, table: Table, **values: Any) -> None:
        """A row of a table that keeps no history."""

    def select(self, table: Table, **where: Any) -> list[Row]:
        """The rows (of a table that keeps no history) with those column values."""

    def update(self, table: Table, where: dict[str, Any], **values: Any) -> None:
        """Set ``values`` on the rows with the ``where`` column values."""

    def increment(self, table: Table, key: dict[str, Any], **deltas: int) -> None:
        """Add ``deltas`` to the columns of the row of primary key ``key`` (a table that
        keeps no history), or insert it with them (every other column 0 or its default)."""

    def delete(self, table: Table, **where: Any) -> None:
        """Remove the rows with those column values."""

    def log(self, **values: Any) -> None:
        """One row of 变更记录's index, after every earlier one."""

    def last_logged(self, originator_id: str) -> tuple[Any, Any] | None:
        """The unit and code of the latest index row of that aggregate, or None."""

    def flush(self) -> None:
        """Write what waits to be written (a page of a rebuild is done)."""

    def finish(self) -> None:
        """Write everything (the rebuild is done)."""


def full_row(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with every other column at its default (None if it has none), as stored;
    ``values`` itself when it names them all (handlers name columns only)."""
    defaults = _defaults.get(table.name)
    if defaults is None:
        defaults = _defaults[table.name] = {
            c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
            for c in table.columns
            if c.autoincrement is not True
        }
    return values if len(values) == len(defaults) else {**defaults, **values}


_defaults: dict[str, dict[str, Any]] = {}  # table name → its columns' defaults


def key_columns(table: Table) -> tuple[str, ...]:
    """A held table's key: its primary key without ``valid_from``."""
    return tuple(c.name for c in table.primary_key.columns if c.name != "valid_from")


#: statements by (what, table, the names they bind): built once, bound per call
_statements: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Executable] = {}


def _where(table: Table, names: tuple[str, ...], now: bool) -> list[Any]:
    clauses = [table.c[name] == bindparam(f"k_{name}") for name in names]
    return [*clauses, table.c.valid_to.is_(None)] if now else clauses


def statement(kind: str, table: Table, names: tuple[str, ...], sets: tuple[str, ...] = ()) -> Any:
    """The statement of that kind, built the first time: keys bound as ``k_<name>``,
    values set as ``v_<name>``."""
    found = _statements.get((kind, table.name, names, sets))
    if found is not None:
        return found
    now = "valid_to" in table.c
    values = {name: bindparam(f"v_{name}") for name in sets}
    made: Executable
    if kind == "select":
        made = select(table).where(*_where(table, names, now))
    elif kind == "update":
        made = update(table).where(*_where(table, names, now)).values(values)
    elif kind == "update_same_instant":  # the held row made at this very instant, in place
        where = [*_where(table, names, True), table.c.valid_from == bindparam("k_valid_from")]
        made = update(table).where(*where).values(values)
    elif kind == "increment":  # one statement: the row's own columns plus the deltas
        sums = {name: table.c[name] + bindparam(f"v_{name}") for name in sets}
        made = update(table).where(*_where(table, names, now)).values(sums)
    elif kind == "delete":
        made = delete(table).where(*_where(table, names, now))
    else:
        made = insert(table)
    _statements[(kind, table.name, names, sets)] = made
    return made


def bound(names: tuple[str, ...], key: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    return {**{f"k_{n}": key[n] for n in names}, **{f"v_{n}": v for n, v in values.items()}}


class SqlRows:
    """Rows written at once through ``session``'s connection (the live path).

    The rows that hold now which this transaction read or wrote are remembered, so a
    change after a read costs no second select: only this transaction's events touch them
    (another writer of the same aggregate would clash on the events' version first).
    Rows of the tables only ever added to wait for :meth:`flush` (the end of the apply):
    one executemany per table instead of an insert per event.
    """

    def __init__(self, session: Session | Connection) -> None:
        self.connection = session.connection() if isinstance(session, Session) else session
        self.known: dict[tuple[str, tuple[Any, ...]], dict[str, Any]] = {}
        self.waiting: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}

    def run(self, kind: str, table: Table, key: dict[str, Any], **values: Any) -> Any:
        names = tuple(key)
        made = statement(kind, table, names, tuple(values))
        return self.connection.execute(made, bound(names, key, values))

    # -- rows that hold from one event until a later one ------------------------------

    def add(self, table: Table, at: str, **values: Any) -> None:
        row = full_row(table, {**values, "valid_from": at, "valid_to": None})
        self.connection.execute(statement("insert", table, ()), row)
        self.known[(table.name, tuple(row[n] for n in key_columns(table)))] = row

    def holding(self, table: Table, key: dict[str, Any]) -> Row | None:
        names = key_columns(table)
        remembered = (table.name, tuple(key[n] for n in names))
        row = self.known.get(remembered)
        if row is None:
            found = self.run("select", table, {n: key[n] for n in names}).mappings().first()
            if found is None:
                return None
            row = self.known[remembered] = dict(found)
        return row

    def change(self, table: Table, key: dict[str, Any], at: str, **values: Any) -> None:
        row = self.holding(table, key)
        if row is None:
            raise LookupError(f"no row of {table.name} holds now for {key}")
        key = {n: key[n] for n in key_columns(table)}
        if row["valid_from"] == at:  # made at this very instant: only the last of it ever held
            self.run("update_same_instant", table, {**key, "valid_from": at}, **values)
            self.known[(table.name, tuple(key.values()))] = {**row, **values}  # rows read stay
            return
        self.run("update", table, key, valid_to=at)
        new = {**row, **values, "valid_from": at, "valid_to": None}
        self.connection.execute(statement("insert", table, ()), new)
        self.known[(table.name, tuple(key.values()))] = new

    def end(self, table: Table, key: dict[str, Any], at: str) -> None:
        row = self.holding(table, key)
        if row is None:
            raise LookupError(f"no row of {table.name} holds now for {key}")
        key = {n: key[n] for n in key_columns(table)}
        if row["valid_from"] == at:  # made at this very instant: no moment ever saw it
            self.run("delete", table, key)
        else:
            self.run("update", table, key, valid_to=at)
        del self.known[(table.name, tuple(key.values()))]

    def holding_where(self, table: Table, **where: Any) -> list[Row]:
        return list(self.run("select", table, where).mappings())

    # -- rows that keep no history ----------------------------------------------------

    def insert(self, table: Table, **values: Any) -> None:
        if table.name in STREAMED_NAMES:
            self.waiting.setdefault((table.name, tuple(values)), []).append(values)
        else:
            self.connection.execute(statement("insert", table, ()), values)

    def select(self, table: Table, **where: Any) -> list[Row]:
        return list(self.run("select", table, where).mappings())

    def update(self, table: Table, where: dict[str, Any], **values: Any) -> None:
        self.run("update", table, where, **values)

    def increment(self, table: Table, key: dict[str, Any], **deltas: int) -> None:
        if not self.run("increment", table, key, **deltas).rowcount:
            self.connection.execute(statement("insert", table, ()), {**key, **deltas})

    def delete(self, table: Table, **where: Any) -> None:
        self.run("delete", table, where)

    def log(self, **values: Any) -> None:
        self.insert(log_index, **values)

    def flush(self) -> None:
        """Write the rows that wait, each table's in one executemany, in their order."""
        for (name, _), rows in self.waiting.items():
            self.connection.execute(statement("insert", tables.metadata.tables[name], ()), rows)
        self.waiting.clear()

    finish = flush

    def last_logged(self, originator_id: str) -> tuple[Any, Any] | None:
        for (name, _), rows in self.waiting.items():
            if name == log_index.name:
                for row in reversed(rows):
                    if row["originator_id"] == originator_id:
                        return row["unit"], row["code"]
        made = _statements.get(("last", log_index.name, (), ()))
        if made is None:
            i = log_index.c
            made = (
                select(i.unit, i.code)
                .where(i.originator_id == bindparam("k_originator_id"))
                .order_by(i.seq.desc())
                .limit(1)
            )
            _statements[("last", log_index.name, (), ())] = made
        row = self.connection.execute(made, {"k_originator_id": originator_id}).first()
        return (row[0], row[1]) if row is not None else None
