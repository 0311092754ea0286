"""The demo loader: the 2026 campaign, its users and a realistic, repeatable year of reports.

Loading the demo takes seconds, so one test loads it once per back end and
checks many outcomes; on SQLite a second load on a fresh store checks that the
history is the same every time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import TEST_SECRET
from tracker.application.app import TrackerApp
from tracker.application.queries.history import HistoryRow
from tracker.bootstrap import bootstrap
from tracker.cli.demo import load_demo
from tracker.config import Settings
from tracker.domain.errors import Conflict, InvalidValue
from tracker.domain.period import Period, Schedule
from tracker.domain.project import Project

SHANGHAI = ZoneInfo("Asia/Shanghai")
TODAY = date(2026, 11, 24)
END_OF_TODAY = datetime(2026, 11, 25, tzinfo=SHANGHAI)
OPEN = Period(2026, 11, 2)  # deadline 28 November


def test_the_demo_lays_down_a_realistic_repeatable_history(
    app: TrackerApp, frozen: Any, tmp_path: Path
) -> None:
    users = load_demo(app, TODAY)

    schedule = app.register.campaign(2026).schedule
    projects = {row.code: app.projects.load(row.code) for row in app.register.projects(2026)}
    assert len(projects) == 39
    check_users(app, users, projects)
    check_reports(projects, schedule)
    check_new_starts_and_completions(projects, schedule)
    histories = {code: app.history.project(code) for code in projects}
    check_problems_and_plan(projects, histories)
    check_event_times(histories)
    check_progress_plans_nodes_and_checks(app, projects)

    with pytest.raises(Conflict):
        load_demo(app, TODAY)
    assert len(app.register.projects(2026)) == 39
    if app.store.engine.dialect.name != "sqlite":
        return  # the same history every time: checked once, on SQLite, against a second load

    again = bootstrap(
        Settings(
            database_url=f"sqlite:///{tmp_path / 'again.db'}",
            files_dir=tmp_path / "again-files",
            secret_key=TEST_SECRET,
        ),
        init_schema=True,
    )
    try:
        load_demo(again, TODAY)
        assert figures(again) == figures(app)
    finally:
        again.close()


def test_the_demo_cannot_start_before_the_campaign_is_registered(
    app: TrackerApp, frozen: Any
) -> None:
    with pytest.raises(InvalidValue):
        load_demo(app, date(2026, 1, 4))
    assert app.register.is_empty()


def test_the_demo_refuses_a_store_that_already_has_projects(campaign: TrackerApp) -> None:
    with pytest.raises(Conflict) as error:
        load_demo(campaign, TODAY)
    assert "已有项目" in error.value.message


# -- the checks ------------------------------------------------------------------


def check_users(app: TrackerApp, users: list[Any], projects: dict[str, Project]) -> None:
    units = sorted({p.unit for p in projects.values()})
    assert [(u.name, u.role, u.unit) for u in users] == [
        ("bureau", "bureau", None),
        ("viewer", "viewer", None),
        *((f"unit{i:02d}", "unit", unit) for i, unit in enumerate(units, 1)),
    ]
    for user in users:
        signed_in = app.users.authenticate(user.name, user.password)
        assert signed_in is not None and signed_in.role == user.role
    assert app.users.authenticate("unit01", users[0].password) is None
    # Each unit's reports come from that unit's user.
    reporter = {u.unit: u.name for u in users if u.unit}
    for project in projects.values():
        actors = {v["actor"] for versions in project.reports.values() for v in versions}
        assert actors == {reporter[project.unit]}


def check_reports(projects: dict[str, Project], schedule: Schedule) -> None:
    closed = [p for p in Period.all_of(2026) if p.closes_at(schedule) <= END_OF_TODAY]
    assert closed[-1] == Period(2026, 11, 1)
    late = on_time = corrections = 0
    missing: list[tuple[str, str]] = []
    for code, project in projects.items():
        assert all(Period.parse(p) <= OPEN for p in project.reports), "no future period"
        for period, versions in project.reports.items():
            first = versions[0]
            assert first["reason"] is None
            if first["received_at"] >= Period.parse(period).closes_at(schedule):
                late += 1
            else:
                on_time += 1
            for version in versions[1:]:
                corrections += 1
                assert version["reason"].strip()
                assert version["received_at"] > first["received_at"]
            for version in versions:
                assert version["investment"] <= project.total_investment
                assert version["investment"] == version["investment"].quantize(Decimal("0.01"))
        for period in closed:
            finished = project.completed_on and period.start_date(schedule) > project.completed_on
            if str(period) not in project.reports and not finished:
                missing.append((code, str(period)))
    assert late >= 1 and late / (late + on_time) < 0.15
    assert corrections >= 3
    assert any(projects[code].status == "active" for code, _ in missing)
    latest_missing = [code for code, period in missing if period == str(closed[-1])]
    assert 1 <= len(latest_missing) <= 6
    assert 2 <= len(missing) - len(latest_missing) <= 6
    reporting_units = {p.unit for p in projects.values() if str(OPEN) in p.reports}
    units = {p.unit for p in projects.values()}
    assert 0 < len(reporting_units) < len(units), "only some units have reported so far"
    # Progress rises over the year.
    for project in projects.values():
        percents = [
            project.reports[str(p)][-1]["progress_pct"]
            for p in sorted(map(Period.parse, project.reports))
            if project.reports[str(p)][-1]["progress_pct"] is not None
        ]
        assert percents == sorted(percents)


def check_new_starts_and_completions(projects: dict[str, Project], schedule: Schedule) -> None:
    new_starts = [p for p in projects.values() if p.nature == "new_start"]
    assert len(new_starts) == 15
    delayed = [
        p
        for p in new_starts
        if p.started_on is None or p.started_on >= p.planned_start + timedelta(days=60)
    ]
    assert len(delayed) == 2
    for project in new_starts:
        for period, versions in project.reports.items():
            due = Period.parse(period).due_date(schedule)
            if project.started_on is None or project.started_on > due:
                assert versions[-1]["investment"] == 0
                assert versions[-1]["started_on"] is None
    on_time = [p for p in new_starts if p not in delayed]
    assert all(p.started_on.month == p.planned_start.month for p in on_time)

    old_town = projects["CJ2026-003"]
    assert old_town.status == "completed"
    assert old_town.completed_on == date(2026, 7, 2)
    assert max(map(Period.parse, old_town.reports)) == Period(2026, 7, 1)
    completed = [p for p in projects.values() if p.status == "completed"]
    assert {p.code for p in completed} == {
        p.code for p in projects.values() if p.planned_completion < TODAY
    }
    for project in completed:
        assert all(
            Period.parse(period).start_date(schedule) <= project.completed_on
            for period in project.reports
        )


def check_problems_and_plan(
    projects: dict[str, Project], histories: dict[str, list[HistoryRow]]
) -> None:
    problems = [p for project in projects.values() for p in project.problems.values()]
    assert 8 <= len(problems) <= 12
    resolved = [p for p in problems if p["resolved_at"] is not None]
    assert resolved and len(resolved) < len(problems)
    assert {p["resolved_by"] for p in resolved} > {"bureau"}, "by the bureau and by reports"

    revisions = [row for rows in histories.values() for row in rows if row.kind == "PlanRevised"]
    assert len(revisions) == 1
    revision = revisions[0]
    assert revision.actor == "bureau" and revision.reason
    assert revision.time.astimezone(SHANGHAI).month == 6
    assert sum(revision.data["monthly_plan"]) == revision.data["annual_plan"]


def check_progress_plans_nodes_and_checks(app: TrackerApp, projects: dict[str, Project]) -> None:
    """Every project has a 形象进度计划 and the usual nodes; a few nodes are late; the figures of
    a few projects do not hang together (数据核查), two of them on purpose."""
    for code, project in projects.items():
        plan = app.plans.progress_plan(code)
        assert len(plan) == 12 and list(plan) == sorted(plan) and plan[-1] <= 100, code
        assert list(plan) == project.progress_plan  # the read model is the aggregate's
        assert [n.name for n in app.plans.milestones(code)] == [
            "立项/可研批复", "用地预审", "规划许可", "施工许可", "开工", "主体完工", "竣工验收",
        ]  # fmt: skip
    noon = datetime(2026, 11, 24, 12, 0, tzinfo=SHANGHAI)  # the demo's today (the clock is not)
    late = {(i.code, i.light) for i in app.overdue.items(2026, noon) if i.kind == "milestone_late"}
    assert ("CJ2026-039", "red") in late  # held up by land acquisition: its approvals are late
    assert ("CJ2026-034", "yellow") in late  # 主体完工 due on 31 October, not yet reported
    checks = {(item.kind, item.code) for item in app.checks.items(2026)}
    assert {("idle", "CJ2026-001"), ("mismatch", "CJ2026-019")} <= checks


def check_event_times(histories: dict[str, list[HistoryRow]]) -> None:
    for code, rows in histories.items():
        times = [row.time for row in rows]
        assert times == sorted(times), code
        assert times[0] == datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
        assert times[-1] < END_OF_TODAY


def figures(app: TrackerApp) -> dict[str, list[tuple[Any, ...]]]:
    """Per project: each period's latest investment, progress and receipt; its problems."""
    result: dict[str, list[tuple[Any, ...]]] = {}
    for row in app.register.projects(2026):
        project = app.projects.load(row.code)
        result[project.code] = [
            (period, v[-1]["investment"], v[-1]["progress"], v[0]["received_at"], len(v))
            for period, v in sorted(project.reports.items())
        ] + [
            (p["id"], p["text"], p["raised_at"], p["resolved_at"])
            for p in project.problems.values()
        ]
    return result
