"""A unit's forms and project page: 本期计划形象进度, nodes met in a 半月报 or on their own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from tests.web.conftest import OWN
from tracker.domain.milestones import Node

PLAN = [D(p) for p in ("0", "0", "0", "0", "2", "8", "15", "22.5", "30", "38", "46", "55")]


@pytest.fixture
def planned(campaign, frozen):
    """滨江公园二期 (区城管局) with a progress plan and two nodes; now is 12 May."""
    project = campaign.register.project(OWN)
    campaign.projects.revise_plan(
        OWN, project.annual_plan, list(project.monthly_plan), "细化", "bureau", PLAN
    )
    nodes = [Node("施工许可", date(2026, 4, 30)), Node("开工", date(2026, 5, 14))]
    campaign.projects.plan_milestones(OWN, nodes, "按批复", "bureau")
    frozen(2026, 5, 12, 10, 0)
    return campaign


def test_the_report_form_shows_the_planned_progress_and_the_nodes_to_report(
    planned, signed_in
) -> None:
    page = signed_in("unit04").get(f"/projects/{OWN}/reports/2026-05-H1").get_data(as_text=True)
    whole = signed_in("unit04").get("/unit/periods/2026-05-H1").get_data(as_text=True)

    # 第9期 (May, first half): halfway from April's 0 to May's 2 = 1.
    assert "本期计划形象进度 1%" in page and "本期计划形象进度 1%" in whole
    assert f'name="{OWN}.met.施工许可"' in page and f'name="{OWN}.met.开工"' in whole


def test_a_node_met_is_reported_with_the_half_month_report(planned, signed_in) -> None:
    client = signed_in("unit04")
    form = {f"{OWN}.investment": "10", f"{OWN}.progress": "办理施工许可"}
    form[f"{OWN}.met.施工许可"] = "2026-05-08"

    future = client.post(
        f"/projects/{OWN}/reports/2026-05-H1", data={**form, f"{OWN}.met.施工许可": "2026-05-20"}
    )
    sent = client.post(f"/projects/{OWN}/reports/2026-05-H1", data=form)
    page = client.get(f"/projects/{OWN}").get_data(as_text=True)

    assert future.status_code == 422
    assert "节点“施工许可”的达成日期不能晚于今天" in future.get_data(as_text=True)
    assert sent.status_code == 303
    [met, waiting] = planned.plans.milestones(OWN)
    assert (met.met_on, met.met_period, waiting.met_on) == (date(2026, 5, 8), "2026-05-H1", None)
    assert 'class="node met"' in page and "2026-05-08 达成" in page
    assert "第9期（5月上半月）报送" in page
    assert 'class="node ahead"' in page and "未到期" in page
    assert "预计全年完成" in page and 'id="progress-plan"' in page


def test_a_node_is_reported_met_on_its_own_from_the_project_page(
    planned, signed_in, frozen
) -> None:
    client = signed_in("unit04")
    frozen(2026, 5, 20, 9, 0)
    late = client.get(f"/projects/{OWN}").get_data(as_text=True)

    meet, met = f"/projects/{OWN}/milestones/met", {"name": "开工", "met_on": "2026-05-18"}
    wrong = client.post(meet, data={**met, "met_on": "2026-05-21"})
    saved = client.post(meet, data=met)
    other = signed_in("unit01").post(meet, data=met)
    bureau = signed_in("bureau").post(meet, data=met)

    assert 'class="node late"' in late and "已逾期 20 天" in late and "报告节点达成" in late
    assert wrong.status_code == 422 and "达成日期不能晚于今天" in wrong.get_data(as_text=True)
    assert 'value="2026-05-21"' in wrong.get_data(as_text=True)  # what was typed is kept
    assert saved.status_code == 303
    assert [n.met_on for n in planned.plans.milestones(OWN)] == [None, date(2026, 5, 18)]
    assert (other.status_code, bureau.status_code) == (404, 403)
    history = planned.history.project(OWN)
    assert history[-1].label == "节点达成" and history[-1].data["period"] is None
    # As of before it was reported, the page shows the node as it stood: late, nothing to send.
    then = client.get(f"/projects/{OWN}?as_of=2026-05-20T08:00").get_data(as_text=True)
    assert "已逾期 6 天" in then and "报告节点达成" not in then and "2026-05-18 达成" not in then
