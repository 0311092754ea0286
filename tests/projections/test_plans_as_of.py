"""As of any moment, the 形象进度计划 and the 节点 read from their bitemporal rows are what a
fold of the log up to then says: nodes added, moved, dropped and added back, nodes met,
plans revised with and without a 形象进度计划 (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal as D

from tests.application.queries.test_forecast_by_hand import spec
from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.application.queries.overdue import overdue_items
from tracker.application.queries.plans import milestone_rows, progress_plan_of
from tracker.application.queries.register import known_campaign
from tracker.domain.milestones import MetNode, Node

PLAN = [D(p) for p in range(5, 65, 5)]


def history(app: TrackerApp, frozen) -> list[datetime]:
    """Every moment something happened, and one just after each."""
    moments = []

    def at(*when: int) -> None:
        moments.append(frozen(*when))

    at(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    a = spec("A", "甲", "城市绿化", "continuing", ["10.00"] * 12, PLAN)
    app.projects.register(2026, [a], "bureau")
    at(2026, 1, 6, 9, 0)
    first = [Node("用地预审", date(2026, 2, 1)), Node("施工许可", date(2026, 3, 1))]
    app.projects.plan_milestones("A", first, "按批复", "bureau")
    at(2026, 2, 3, 9, 0)
    app.projects.meet_milestones("A", (MetNode("用地预审", date(2026, 2, 2)),), "u")
    at(2026, 3, 5, 9, 0)
    moved = [Node("施工许可", date(2026, 4, 1)), Node("开工", date(2026, 4, 15))]
    app.projects.plan_milestones("A", moved, "调整工期", "bureau")  # 用地预审 dropped
    at(2026, 3, 6, 9, 0)
    app.projects.revise_plan("A", D("120.00"), [D("10.00")] * 12, "只调整投资", "bureau")
    at(2026, 3, 7, 9, 0)
    app.projects.revise_plan("A", D("120.00"), [D("10.00")] * 12, "不设形象进度计划", "bureau", [])
    at(2026, 4, 20, 9, 0)
    back = [Node("用地预审", date(2026, 2, 1)), *moved]
    app.projects.plan_milestones("A", back, "恢复节点", "bureau")  # added back: met again
    at(2026, 5, 20, 9, 0)
    return [m for moment in moments for m in (moment, moment + timedelta(seconds=1))]


def read(view) -> tuple:
    schedule = known_campaign(view, 2026)
    items = overdue_items(view, 2026, schedule.schedule, view.now, schedule.thresholds)
    late = [(i.detail, i.light) for i in items if i.kind == "milestone_late"]
    return milestone_rows(view), progress_plan_of(view), late


def test_the_plans_as_of_every_moment_are_those_of_the_log_folded_to_then(
    app: TrackerApp, frozen
) -> None:
    moments = history(app, frozen)
    reader = app.plans.read
    for moment in moments:
        with reader.at(moment) as view:
            held = read(view)
        with reader.folded(moment) as view:
            folded = read(view)
        assert held == folded, moment

    with reader.at(datetime(2026, 3, 5, 12, 0, tzinfo=SHANGHAI)) as view:
        rows, plans, late = read(view)
    assert [(r.name, str(r.planned_on), r.met_on) for r in rows] == [
        ("施工许可", "2026-04-01", None),
        ("开工", "2026-04-15", None),
    ]
    assert plans == {"A": tuple(p.quantize(D("0.1")) for p in PLAN)} and late == []
    with reader.at() as view:
        rows, plans, late = read(view)
    assert [r.name for r in rows] == ["用地预审", "施工许可", "开工"] and plans == {"A": ()}
    assert rows[0].met_on is None  # a node dropped and planned again starts unmet
    assert late == [  # on 20 May: 108, 49 and 35 days late
        ("节点“用地预审”计划 2026-02-01 完成，已逾期 108 天", "red"),
        ("节点“施工许可”计划 2026-04-01 完成，已逾期 49 天", "red"),
        ("节点“开工”计划 2026-04-15 完成，已逾期 35 天", "red"),
    ]
