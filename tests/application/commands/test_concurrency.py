"""Two writers racing on one project: one wins, the other gets a conflict."""

from __future__ import annotations

import multiprocessing
from datetime import datetime
from decimal import Decimal

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

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
