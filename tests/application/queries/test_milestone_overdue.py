"""节点逾期 on the overdue list: its light by days late, gone once met, still there as of before."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.application.queries.test_forecast_by_hand import spec
from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.domain.milestones import MetNode, Node
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights


@pytest.fixture
def planned(app: TrackerApp, frozen) -> TrackerApp:
    """One project whose 施工许可 is due on 10 March and 主体完工 at the end of the year."""
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    a = spec("A", "甲单位", "城市绿化", "continuing", ["10.00"] * 12, [])
    app.projects.register(2026, [a], "bureau")
    nodes = [Node("施工许可", date(2026, 3, 10)), Node("主体完工", date(2026, 12, 20))]
    app.projects.plan_milestones("A", nodes, "按批复工期", "bureau")
    return app


def late_nodes(app: TrackerApp, as_of: datetime | None = None) -> list[tuple[str, str]]:
    return [
        (item.light, item.detail)
        for item in app.overdue.items(2026, as_of)
        if item.kind == "milestone_late"
    ]


def test_a_node_ten_days_late_is_yellow_and_forty_days_late_red(planned: TrackerApp, frozen):
    frozen(2026, 3, 10, 18, 0)
    on_the_day = late_nodes(planned)
    frozen(2026, 3, 20, 9, 0)
    ten = late_nodes(planned)
    frozen(2026, 4, 9, 9, 0)
    thirty = late_nodes(planned)
    frozen(2026, 4, 19, 9, 0)
    forty = late_nodes(planned)

    assert on_the_day == []
    assert ten == [("yellow", "节点“施工许可”计划 2026-03-10 完成，已逾期 10 天")]
    assert thirty == [("yellow", "节点“施工许可”计划 2026-03-10 完成，已逾期 30 天")]
    assert forty == [("red", "节点“施工许可”计划 2026-03-10 完成，已逾期 40 天")]
    [item] = [i for i in planned.overdue.items(2026) if i.kind == "milestone_late"]
    assert (item.label, item.code, item.since) == ("节点逾期", "A", date(2026, 3, 10))


def test_a_node_met_leaves_the_list_but_as_of_before_it_was_met_it_is_still_late(
    planned: TrackerApp, frozen
) -> None:
    frozen(2026, 4, 20, 10, 0)
    met = (MetNode("施工许可", date(2026, 4, 18)),)
    report = ReportInput(D("5.00"), "取得施工许可证", milestones_met=met)
    planned.projects.submit_report("A", Period.parse("2026-04-H2"), report, "reporter")
    frozen(2026, 4, 25, 9, 0)

    before = datetime(2026, 4, 20, 9, 0, tzinfo=SHANGHAI)
    [node, _] = planned.plans.milestones("A")
    [then, _] = planned.plans.milestones("A", as_of=before)

    assert late_nodes(planned) == []
    assert late_nodes(planned, before) == [("red", "节点“施工许可”计划 2026-03-10 完成，已逾期 41 天")]  # noqa: E501
    assert (node.met_on, node.met_period) == (date(2026, 4, 18), "2026-04-H2")
    assert node.met_by == "reporter"
    assert then.met_on is None and then.state(date(2026, 4, 20)) == "late"


def test_the_days_that_turn_a_node_yellow_and_red_are_campaign_settings(
    planned: TrackerApp, frozen
) -> None:
    frozen(2026, 3, 12, 9, 0)
    settings = Thresholds(milestone_yellow_days=5, milestone_red_days=9)
    planned.campaigns.change_settings(2026, settings, Weights(), "从严督办节点", "bureau")
    frozen(2026, 3, 14, 9, 0)
    four = late_nodes(planned)
    frozen(2026, 3, 20, 9, 0)

    assert four == []  # 4 days late: within the 5 allowed
    assert late_nodes(planned) == [("red", "节点“施工许可”计划 2026-03-10 完成，已逾期 10 天")]
