"""A rebuild's rows: those that hold now kept in memory, the rest written in bulk.

A rebuild starts from empty tables and is the only writer, so what the handlers
would read back from the database is what they wrote: the rows that hold now
(by table and key) and the small tables that keep no history stay in dicts;
superseded rows and rows that are only ever added (report versions, the change
log's index) wait in lists until :meth:`BatchRows.flush` writes each table's in
bulk. :meth:`BatchRows.finish` writes what is left. The rows are those
``rows.SqlRows`` writes event by event.
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table

from tracker.projections import tables
from tracker.projections.bulk import bulk_insert, insert_values
from tracker.projections.log_tables import log_index
from tracker.projections.rows import STREAMED, Row, full_row, key_columns

#: the versions of every report, written at the end all in key order: their key (project,
#: period, version) is spread over the whole index by each page of events, and spliced in
#: page by page it costs twice the time (a few hundred bytes a version held meanwhile)
LAST = (tables.report_versions.name,)


class Held:
    """The rows of one table that hold now, by key: the value of a one-column key, else the
    tuple of its values."""

    def __init__(self, table: Table) -> None:
        self.names = key_columns(table)
        self.key_of = itemgetter(*self.names)
        self.rows: dict[Any, dict[str, Any]] = {}
        #: the keys by their first column, for a key of more than one column
        self.by_first: dict[Any, set[tuple[Any, ...]]] | None = {} if len(self.names) > 1 else None


class Stream:
    """Rows of a table only ever added, waiting to be written: tuples of its columns."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.names = tuple(c.name for c in table.columns if c.autoincrement is not True)
        self.values_of = itemgetter(*self.names)
        where = [self.names.index(c.name) for c in table.primary_key if c.name in self.names]
        #: the primary key of a row as waiting (None: the key is made as it is written)
        self.key_of = itemgetter(*where) if where else None
        self.rows: list[tuple[Any, ...]] = []

    def write(self, connection: Connection) -> None:
        """Write the rows waiting, in key order: appended to the key's index, not spliced in."""
        if self.rows:
            if self.key_of is not None:
                self.rows.sort(key=self.key_of)
            insert_values(connection, self.table, self.names, self.rows)
            self.rows = []


class BatchRows:
    """The rows of a rebuild, written to ``connection`` in bulk (see the module)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        every = tables.metadata.sorted_tables
        #: rows that hold now, by table (found by the table itself: the handlers pass it)
        self.held = {t: Held(t) for t in every if key_columns(t)}
        #: rows of the tables that keep no history: table name → primary key → row
        self.kept: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = defaultdict(dict)
        #: superseded rows, by table name, to write next flush
        self.pending: dict[str, list[dict[str, Any]]] = defaultdict(list)
        #: rows of the tables only ever added, by table name
        self.streams = {t.name: Stream(t) for t in STREAMED}
        self.places: dict[str, tuple[Any, Any]] = {}  # originator → latest index (unit, code)
        self.pks = {t.name: tuple(c.name for c in t.primary_key) for t in every}
        self.pk_of = {name: itemgetter(*names) for name, names in self.pks.items()}

    # -- rows that hold from one event until a later one ------------------------------

    def add(self, table: Table, at: str, **values: Any) -> None:
        values["valid_from"], values["valid_to"] = at, None  # ``values``: this call's own dict
        row = full_row(table, values)
        held = self.held[table]
        key = held.key_of(row)
        if key in held.rows:
            raise LookupError(f"a row of {table.name} already holds for {key}")
        held.rows[key] = row
        if held.by_first is not None:
            held.by_first.setdefault(key[0], set()).add(key)

    def holding(self, table: Table, key: dict[str, Any]) -> Row | None:
        held = self.held[table]
        return held.rows.get(held.key_of(key))

    def change(self, table: Table, key: dict[str, Any], at: str, **values: Any) -> None:
        held = self.held[table]
        found = held.key_of(key)
        row = held.rows[found]  # KeyError: nothing holds, as the live path's .one() refuses
        if row["valid_from"] != at:  # made at an earlier instant: it held until now
            self.pending[table.name].append({**row, "valid_to": at})
            held.rows[found] = {**row, **values, "valid_from": at}
        else:  # made at this very instant: only the last of it ever held
            held.rows[found] = {**row, **values}

    def end(self, table: Table, key: dict[str, Any], at: str) -> None:
        held = self.held[table]
        found = held.key_of(key)
        row = held.rows.pop(found)
        if held.by_first is not None:
            held.by_first[found[0]].discard(found)
        if row["valid_from"] != at:  # a row made at this very instant no moment ever saw
            self.pending[table.name].append({**row, "valid_to": at})

    def holding_where(self, table: Table, **where: Any) -> list[Row]:
        held = self.held[table]
        if held.by_first is not None and list(where) == [held.names[0]]:
            keys = held.by_first.get(where[held.names[0]], ())
            return [held.rows[key] for key in keys]
        return [row for row in held.rows.values() if matches(row, where)]

    # -- rows that keep no history ----------------------------------------------------

    def insert(self, table: Table, **values: Any) -> None:
        row = full_row(table, values)
        stream = self.streams.get(table.name)
        if stream is not None:
            stream.rows.append(stream.values_of(row))
            return
        key = tuple(row[n] for n in self.pks[table.name])
        kept = self.kept[table.name]
        if key in kept:
            raise LookupError(f"{table.name} already has a row {key}")
        kept[key] = row

    def select(self, table: Table, **where: Any) -> list[Row]:
        kept = self.kept[table.name]
        pk = self.pks[table.name]
        if set(where) == set(pk):
            row = kept.get(tuple(where[n] for n in pk))
            return [row] if row is not None else []
        return [row for row in kept.values() if matches(row, where)]

    def update(self, table: Table, where: dict[str, Any], **values: Any) -> None:
        kept = self.kept[table.name]
        for row in self.select(table, **where):
            key = tuple(row[n] for n in self.pks[table.name])
            kept[key] = {**row, **values}

    def increment(self, table: Table, key: dict[str, Any], **deltas: int) -> None:
        kept = self.kept[table.name]
        found = tuple(key[n] for n in self.pks[table.name])
        row = kept.get(found)
        if row is None:
            kept[found] = full_row(table, {**key, **deltas})
        else:  # the row is the batch's own: added to in place
            for name, delta in deltas.items():
                row[name] += delta

    def delete(self, table: Table, **where: Any) -> None:
        kept = self.kept[table.name]
        for row in self.select(table, **where):
            del kept[tuple(row[n] for n in self.pks[table.name])]

    def log(self, **values: Any) -> None:
        stream = self.streams[log_index.name]
        stream.rows.append(stream.values_of(values))
        self.places[values["originator_id"]] = (values["unit"], values["code"])

    def last_logged(self, originator_id: str) -> tuple[Any, Any] | None:
        return self.places.get(originator_id)

    # -- writing ----------------------------------------------------------------------

    def flush(self) -> None:
        """Write the rows that no longer change: superseded ones and those only added."""
        for name, rows in self.pending.items():
            if rows:
                rows.sort(key=self.pk_of[name])  # in key order: appended to the index
                bulk_insert(self.connection, tables.metadata.tables[name], rows)
                rows.clear()
        for name, stream in self.streams.items():
            if name not in LAST:
                stream.write(self.connection)

    def finish(self) -> None:
        """Write everything: the pending rows, then those that hold now and the kept ones."""
        self.flush()
        for name in LAST:
            self.streams[name].write(self.connection)
        for table, held in self.held.items():
            if held.rows:
                ordered = sorted(held.rows.values(), key=self.pk_of[table.name])
                bulk_insert(self.connection, table, ordered)
        self.held.clear()
        for name, rows in self.kept.items():
            if rows:
                ordered = sorted(rows.values(), key=self.pk_of[name])
                bulk_insert(self.connection, tables.metadata.tables[name], ordered)
        self.kept.clear()


def matches(row: Row, where: dict[str, Any]) -> bool:
    return all(row[name] == value for name, value in where.items())
