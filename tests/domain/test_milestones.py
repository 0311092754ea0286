"""A project's 节点 and 形象进度计划 in the aggregate, without storage."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from tests.domain.test_project import MAY_12, REGISTERED, SCHEDULE, SPEC, report
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue
from tracker.domain.milestones import DEFAULT_NODES, MetNode, Node, suggested_nodes
from tracker.domain.period import Period
from tracker.domain.project import Project

PLAN = tuple(D(p) for p in "5 10 20 30 40 50 60 70 80 90 95 100".split())


def registered(**changes: object) -> Project:
    with clock.frozen(REGISTERED):
        return Project.register(2026, replace(SPEC, **changes), "cli:test")  # type: ignore[arg-type]


def planned(project: Project) -> Project:
    nodes = [Node("施工许可", date(2026, 3, 1)), Node("主体完工", date(2026, 9, 30))]
    with clock.frozen(REGISTERED):
        project.plan_milestones(nodes, "按批复的工期", "bureau")
    return project


def test_the_usual_sequence_is_offered_with_dates_from_the_planned_start_and_completion() -> None:
    nodes = suggested_nodes(date(2026, 6, 1), date(2027, 6, 1))

    assert [node.name for node in nodes] == list(DEFAULT_NODES)
    assert nodes[4] == Node("开工", date(2026, 6, 1)) and nodes[-1].planned_on == date(2027, 6, 1)
    assert nodes[0].planned_on < nodes[1].planned_on < nodes[3].planned_on < nodes[4].planned_on
    assert nodes[5].planned_on == date(2027, 3, 1)  # 273 days: three quarters of 365


def test_a_registered_progress_plan_is_kept_with_one_decimal_and_a_revision_may_keep_it() -> None:
    project = registered(progress_plan=PLAN)

    with clock.frozen(MAY_12):
        project.revise_plan(SPEC.annual_plan, list(SPEC.monthly_plan), "调整投资", "bureau")
        kept = list(project.progress_plan)
        project.revise_plan(SPEC.annual_plan, list(SPEC.monthly_plan), "清空", "bureau", [])

    assert kept == [D(p).quantize(D("0.1")) for p in PLAN] and str(kept[0]) == "5.0"
    assert project.progress_plan == []
    revised = [e for e in project.collect_events() if isinstance(e, Project.PlanRevised)]
    assert [e.progress_plan for e in revised] == [None, []]


def test_a_falling_progress_plan_is_refused_naming_its_month() -> None:
    project = registered()
    falling = [*PLAN[:6], D(45), *PLAN[7:]]

    with pytest.raises(InvalidValue) as refused, clock.frozen(MAY_12):
        project.revise_plan(SPEC.annual_plan, list(SPEC.monthly_plan), "x", "bureau", falling)

    assert refused.value.field == "progress_7" and "低于6月的 50%" in refused.value.message


def test_the_bureau_plans_nodes_and_a_report_says_one_was_met() -> None:
    project = planned(registered())
    met = (MetNode("施工许可", date(2026, 3, 5)),)

    with clock.frozen(MAY_12):
        project.submit_report(
            Period.parse("2026-05-H1"), report(milestones_met=met), SCHEDULE, clock.now(), "unit01"
        )

    assert project.milestones["施工许可"]["met_on"] == date(2026, 3, 5)
    assert project.milestones["主体完工"]["met_on"] is None
    events = project.collect_events()
    assert [type(e).__name__ for e in events][-2:] == ["ReportSubmitted", "MilestoneMet"]
    assert events[-1].period == "2026-05-H1" and events[-1].actor == "unit01"


def test_a_node_met_is_refused_when_unknown_in_the_future_or_met_on_another_day() -> None:
    project = planned(registered())
    today = date(2026, 5, 12)
    project.meet_milestones((MetNode("施工许可", date(2026, 3, 5)),), today, None, "unit01")

    def meet(name: str, day: date) -> str:
        with pytest.raises(InvalidValue) as refused:
            project.meet_milestones((MetNode(name, day),), today, None, "unit01")
        return refused.value.message

    assert meet("用地预审", date(2026, 3, 1)) == "节点“用地预审”不在本项目的节点计划中"
    assert meet("主体完工", date(2026, 5, 13)) == "节点“主体完工”的达成日期不能晚于今天"
    assert meet("施工许可", date(2026, 3, 6)) == "节点“施工许可”已于2026-03-05达成"
    # The same node on the same day again (a correction repeating it) records nothing more.
    project.meet_milestones((MetNode("施工许可", date(2026, 3, 5)),), today, None, "unit01")
    assert sum(type(e).__name__ == "MilestoneMet" for e in project.collect_events()) == 1


def test_a_new_plan_keeps_the_nodes_it_keeps_met_and_refuses_repeated_or_empty_names() -> None:
    project = planned(registered())
    project.meet_milestones((MetNode("施工许可", date(2026, 3, 5)),), date(2026, 5, 12), None, "u")

    with clock.frozen(MAY_12):
        project.plan_milestones(
            [Node("施工许可", date(2026, 3, 2)), Node("竣工验收", date(2026, 12, 20))],
            "增加竣工验收节点",
            "bureau",
        )
        with pytest.raises(InvalidValue, match="重复"):
            project.plan_milestones([Node("开工", date(2026, 4, 1))] * 2, "x", "bureau")
        with pytest.raises(InvalidValue, match="不能为空"):
            project.plan_milestones([Node(" ", date(2026, 4, 1))], "x", "bureau")
        with pytest.raises(InvalidValue, match="原因"):
            project.plan_milestones([], "", "bureau")

    assert list(project.milestones) == ["施工许可", "竣工验收"]
    assert project.milestones["施工许可"]["met_on"] == date(2026, 3, 5)
    assert project.milestones["施工许可"]["planned_on"] == date(2026, 3, 2)
