"""Readers during a rebuild: they never miss a table, never see it empty, never fail.

A reader thread reads two read-model tables in one transaction, over and over, while
the read models are rebuilt: once with their shape current (rows emptied and filled
again) and once with a shape to change (new tables swapped in on PostgreSQL, made
anew inside the transaction on SQLite). On PostgreSQL, a reader holding one table
while the rebuild wants it is the deadlock of ec737ce: it must not come back.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.cli.demo import load_demo
from tracker.domain.clock import clock
from tracker.projections import tables


class Reader(threading.Thread):
    """Counts two tables' rows in one transaction until told to stop; keeps what failed."""

    def __init__(self, app: TrackerApp) -> None:
        super().__init__(daemon=True)
        self.engine, self.stop = app.store.engine, threading.Event()
        self.errors: list[BaseException] = []
        self.counts: list[tuple[int, int]] = []

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                with self.engine.connect() as connection, connection.begin():
                    projects = connection.execute(select(func.count()).select_from(tables.projects))
                    first = projects.scalar_one()
                    time.sleep(0.002)  # holding the first table while asking for the second
                    reports = select(func.count()).select_from(tables.period_reports)
                    self.counts.append((first, connection.execute(reports).scalar_one()))
            except Exception as error:  # noqa: BLE001 -- any failure of a reader is the finding
                self.errors.append(error)


def reading_during(app: TrackerApp, rebuild: callable) -> Reader:
    reader = Reader(app)
    reader.start()
    try:
        time.sleep(0.05)
        rebuild()
        time.sleep(0.05)
    finally:
        reader.stop.set()
        reader.join(timeout=30)
    return reader


@pytest.fixture
def demo(app: TrackerApp) -> TrackerApp:
    clock.set(datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI))
    try:
        load_demo(app, date(2026, 11, 24))
    finally:
        clock.set(None)
    return app


def forget_shape(app: TrackerApp) -> None:
    """As if the tables had been made by older code: the next rebuild makes them anew."""
    with app.store.engine.begin() as connection:
        connection.execute(tables.read_model_meta.update().values(value="older"))


@pytest.mark.postgres
@pytest.mark.parametrize("shape", ["current", "changed"])
def test_a_reader_never_fails_nor_misses_a_row_while_the_read_models_are_rebuilt(
    demo: TrackerApp, shape: str
) -> None:
    if shape == "changed":
        forget_shape(demo)
    before = Reader(demo)
    before.stop.set()
    with demo.store.engine.connect() as connection:
        expected = (
            connection.execute(select(func.count()).select_from(tables.projects)).scalar_one(),
            connection.execute(select(func.count()).select_from(tables.period_reports)).scalar(),
        )

    reader = reading_during(demo, demo.store.rebuild_projections)

    assert reader.errors == []
    assert len(reader.counts) > 5
    assert set(reader.counts) == {expected}  # the old rows until the commit, then the same anew
    assert demo.store.read_models_current()
