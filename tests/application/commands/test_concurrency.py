"""Writers racing: on one period one wins and the other gets a conflict; on others all get in."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.projections import tables

RACE_TIME = datetime(2026, 5, 12, 10, 0, tzinfo=SHANGHAI)


def submit_in_another_process(settings: Settings, amount: str, barrier, results) -> None:
    clock.set(RACE_TIME)
    app = bootstrap(settings)
    project = app.projects.load("CJ2026-002")  # both load the same version first
    barrier.wait()
    report = ReportInput(investment=Decimal(amount), progress=f"进度{amount}")
    try:
        project.submit_report(
            Period.parse("2026-05-H1"),
            report,
            app.register.campaign(2026).schedule,
            clock.now(),
            actor=f"racer{amount}",
        )
        app.store.commit(project, conflict="该期已被他人同时报送")
        results.put(("stored", amount))
    except Conflict as error:
        results.put(("conflict", error.message))
    finally:
        app.close()


def test_two_processes_submitting_the_same_period_store_exactly_one_report(
    campaign: TrackerApp, settings: Settings
) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    racers = [
        context.Process(target=submit_in_another_process, args=(settings, amount, barrier, results))
        for amount in ("11.00", "22.00")
    ]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=60)
    outcomes = sorted(results.get(timeout=5) for _ in racers)

    assert [kind for kind, _ in outcomes] == ["conflict", "stored"]
    assert outcomes[0][1] == "该期已被他人同时报送"
    versions = campaign.projects.load("CJ2026-002").reports["2026-05-H1"]
    assert len(versions) == 1
    assert versions[0]["investment"] == Decimal(outcomes[1][1])
    kinds = [row.kind for row in campaign.history.project("CJ2026-002")]
    assert kinds == ["Registered", "ReportSubmitted"]


def test_a_stale_copy_saved_after_another_change_is_a_conflict_not_an_overwrite(
    campaign: TrackerApp, frozen
) -> None:
    frozen(2026, 5, 12, 10, 0)
    first, second = campaign.projects.load("CJ2026-003"), campaign.projects.load("CJ2026-003")
    schedule = campaign.register.campaign(2026).schedule
    first.submit_report(
        Period.parse("2026-05-H1"), ReportInput(Decimal("5.00"), "甲"), schedule, clock.now(), "a"
    )
    campaign.store.commit(first)
    second.submit_report(
        Period.parse("2026-05-H1"), ReportInput(Decimal("6.00"), "乙"), schedule, clock.now(), "b"
    )

    try:
        campaign.store.commit(second)
    except Conflict as error:
        assert "他人" in error.message
    else:
        raise AssertionError("the stale save was not refused")
    assert campaign.projects.load("CJ2026-003").reports["2026-05-H1"][-1]["progress"] == "甲"


def run_at_once(*calls) -> list[Exception]:  # type: ignore[no-untyped-def]
    """Run each call in its own thread, all started together; the errors they raised."""
    failures: list[Exception] = []
    barrier = threading.Barrier(len(calls))

    def run(call) -> None:  # type: ignore[no-untyped-def]
        barrier.wait()
        try:
            call()
        except Exception as error:  # pragma: no cover - shown by the assertion
            failures.append(error)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def submit(app: TrackerApp, code: str, period: str, amount: str):  # type: ignore[no-untyped-def]
    report = ReportInput(investment=Decimal(amount), progress=f"进度{amount}")
    return lambda: app.projects.submit_report(code, Period.parse(period), report, "unit")


def test_writers_of_other_periods_of_one_project_all_get_in(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 12, 10, 0)
    periods = [str(p) for p in Period.all_of(2026)[:6]]

    failures = run_at_once(*(submit(campaign, "CJ2026-002", p, "3.00") for p in periods))

    assert failures == []
    assert sorted(campaign.projects.load("CJ2026-002").reports) == sorted(periods)
    stored = [v.period for v in campaign.register.versions("CJ2026-002")]
    assert sorted(stored) == sorted(periods)  # one version each in the read model
    assert campaign.audit.verify("cli:test").ok


def test_a_rebuild_among_writers_neither_fails_nor_loses_a_report(
    campaign: TrackerApp, frozen
) -> None:
    frozen(2026, 5, 12, 10, 0)
    codes = [row.code for row in campaign.register.projects(2026)][:6]
    writers = [submit(campaign, code, "2026-05-H1", "1.50") for code in codes]

    failures = run_at_once(*writers, campaign.store.rebuild_projections)

    assert failures == []
    for code in codes:
        assert [v.period for v in campaign.register.versions(code)] == ["2026-05-H1"]
    campaign.store.rebuild_projections()
    for code in codes:
        assert [v.period for v in campaign.register.versions(code)] == ["2026-05-H1"]


def test_reports_at_once_in_one_category_add_up_in_its_running_sums(
    campaign: TrackerApp, frozen
) -> None:
    """Rows shared by many projects (sums by category and period) are rewritten in turn."""
    frozen(2026, 5, 12, 10, 0)
    codes = [r.code for r in campaign.register.projects(2026) if r.category == "城市综合交通"]
    failures = run_at_once(*(submit(campaign, code, "2026-05-H1", "2.25") for code in codes))

    assert failures == []
    live = current_sums(campaign)
    campaign.store.rebuild_projections()
    assert live == current_sums(campaign)
    assert live[("城市综合交通", 9)] == 225 * len(codes)


def current_sums(app: TrackerApp) -> dict[tuple[str, int], int]:
    sums = tables.category_sums
    query = select(sums.c.category, sums.c.idx, sums.c.investment_cents)
    with app.store.engine.connect() as connection:
        rows = connection.execute(query.where(sums.c.valid_to.is_(None))).all()
    assert len({(r.category, r.idx) for r in rows}) == len(rows)  # one current row each
    return {(r.category, r.idx): r.investment_cents for r in rows}
