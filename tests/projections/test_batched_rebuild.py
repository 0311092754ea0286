"""A rebuild that keeps the rows that hold now in memory and writes in bulk makes, row for row,
the read models the event-by-event projection makes, on SQLite and on PostgreSQL.

Histories: the demo with users, tokens, channels, reminders, 申报, 督办 and settings on top,
and the random histories of ``test_bitemporal``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.conftest import SHANGHAI, backends
from tests.projections.test_bitemporal import START, history, monthly, run, storage
from tests.receivers import Robots, robots  # noqa: F401
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.cli.demo import load_demo
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.spec import ProjectSpec
from tracker.projections import rebuild
from tracker.projections.log_tables import log_index
from tracker.projections.tables import metadata

TODAY = date(2026, 11, 24)


def rebuilt(app: TrackerApp, batched: bool) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model table's rows after a rebuild one way or the other."""
    store = app.store
    with store.recorder.transaction(commit=True) as session:  # type: ignore[attr-defined]
        rebuild.rebuild(session, store.log(), f"{store.name}_events", batched=batched)
    return snapshot(app)


def snapshot(app: TrackerApp) -> dict[str, list[tuple[Any, ...]]]:
    """Each table's rows, sorted; the change log's index in its order, its numbers left out."""
    found = {}
    with app.store.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table is log_index:
                query = select(*(c for c in table.columns if c.name != "seq")).order_by(table.c.seq)
                found[table.name] = [tuple(row) for row in connection.execute(query)]
            else:
                rows = [tuple(row) for row in connection.execute(select(table))]
                found[table.name] = sorted(rows, key=repr)
    return found


def assert_same_rows(app: TrackerApp) -> None:
    one_by_one = rebuilt(app, batched=False)
    in_bulk = rebuilt(app, batched=True)
    assert sum(len(rows) for rows in one_by_one.values()) > 0
    for name, rows in one_by_one.items():
        assert in_bulk[name] == rows, name


def busy_year(app: TrackerApp, robots: Robots) -> None:  # noqa: F811
    """The demo, and on top of it every other kind of event a read model reads."""
    at = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
    clock.set(at)
    load_demo(app, TODAY)
    unit = app.register.projects(2026)[0].unit
    code = next(p.code for p in app.register.projects(2026) if p.unit == unit)
    clock.set(at + timedelta(minutes=5))
    app.users.add("extra", "unit", unit, "bureau")
    app.users.issue_token("extra", "bureau")
    app.users.issue_token("extra", "bureau")  # replaces the first
    app.users.sign_out("extra", "extra")
    app.users.set_password("extra", "another-password", "extra")
    app.users.name_as("extra", "张三", "extra")
    app.users.disable("extra", "离职", "bureau")
    channel = app.channels.add(unit, "wecom", robots.wecom("k1"), "", "bureau")
    app.channels.add(None, "wecom", robots.wecom("k2"), "", "bureau")
    app.channels.tested(str(channel), "", "bureau")
    clock.set(at + timedelta(minutes=10))
    app.reminders.run()
    app.inbox.read("extra", at, "extra")
    app.inbox.read("extra", at + timedelta(minutes=1), "extra")
    app.channels.remove(str(channel), "bureau")
    clock.set(at + timedelta(minutes=15))
    order = app.supervisions.issue(code, "请说明", date(2026, 12, 31), "bureau")
    app.supervisions.answer(str(order), "已落实", "unit")
    app.supervisions.close(str(order), "办结", "bureau")
    thresholds = Thresholds(Decimal(12), Decimal(35))
    app.campaigns.change_settings(2026, thresholds, Weights(), "调整", "bureau")
    spec = ProjectSpec(
        code="", name="滨河步道", category="城市绿化", unit=unit, nature="new_start",
        total_investment=Decimal("900.00"), annual_plan=Decimal("120.00"),
        monthly_plan=(Decimal("10.00"),) * 12, planned_start=date(2026, 12, 1),
        planned_completion=date(2027, 6, 30),
    )  # fmt: skip
    approved = app.proposals.submit(2026, spec, "群众呼声", "unit")
    rejected = app.proposals.submit(2026, spec, "再报一次", "unit")
    app.proposals.approve(str(approved), "CJ2026-900", "bureau")
    app.proposals.reject(str(rejected), "重复", "bureau")


@pytest.mark.postgres
def test_a_batched_rebuild_of_a_busy_year_writes_the_rows_of_the_event_by_event_one(
    app: TrackerApp,
    robots: Robots,  # noqa: F811
) -> None:
    try:
        busy_year(app, robots)
    finally:
        clock.set(None)
    kinds = {type(event).__qualname__ for event in app.store.log()}
    assert {"Notice.Delivered", "User.TokenIssued", "Proposal.Approved", "Inbox.Read"} <= kinds
    assert_same_rows(app)


def replay(backend: str, first_plans: list, steps: list) -> None:
    files = Path(tempfile.mkdtemp())
    app = bootstrap(storage(backend, files), init_schema=True)
    moment, orders = START, []
    try:
        clock.set(moment)
        app.campaigns.create(2026, "某区", "1000", "bureau")
        for code_, plan in zip(("P1", "P2"), first_plans, strict=True):
            run(app, ("register", code_, plan), orders)
        for op, minutes in steps:
            moment += timedelta(hours=minutes)
            clock.set(moment)
            try:
                run(app, op, orders)
            except TrackerError:
                pass  # refused by a rule: nothing changes
        assert_same_rows(app)
    finally:
        clock.set(None)
        app.close()
        shutil.rmtree(files)


EXAMPLES = {"sqlite": 10, "postgresql": 4}


@pytest.mark.postgres
@pytest.mark.parametrize("backend", backends())
def test_a_batched_rebuild_of_any_history_writes_the_rows_of_the_event_by_event_one(
    backend: str,
) -> None:
    @settings(
        max_examples=EXAMPLES[backend],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(monthly, min_size=2, max_size=2), history)
    def property_holds(first_plans: list, steps: list) -> None:
        replay(backend, first_plans, steps)

    property_holds()
