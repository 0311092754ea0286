"""The 形象进度计划 and the 节点 from the bureau's pages, and the same plan from a 附件1 file."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from tests.conftest import DEMO_CSV
from tests.web.conftest import OWN
from tracker.application.project_list import ProjectListRejected
from tracker.domain.catalog import CATEGORIES

PLAN = ["0", "0", "0", "0", "2", "8", "15", "22.5", "30", "38", "46", "55"]
PROGRESS = {f"progress_{m}": pct for m, pct in enumerate(PLAN, 1)}
HEADER = [f"{m}月形象进度计划（%）" for m in range(1, 13)]


def plan_form(campaign, **changes: str) -> dict[str, str]:
    project = campaign.register.project(OWN)
    months = {f"month_{m}": str(a) for m, a in enumerate(project.monthly_plan, 1)}
    plan = {"annual_plan": str(project.annual_plan), **months, **PROGRESS}
    return {**plan, "reason": "细化形象进度", **changes}


def test_the_bureau_revises_the_plan_with_its_progress_plan(signed_in, campaign) -> None:
    client = signed_in("bureau")

    saved = client.post(f"/admin/projects/{OWN}/plan", data=plan_form(campaign))
    page = client.get(f"/admin/projects/{OWN}").get_data(as_text=True)
    falling = client.post(f"/admin/projects/{OWN}/plan", data=plan_form(campaign, progress_9="20"))
    half = client.post(f"/admin/projects/{OWN}/plan", data=plan_form(campaign, progress_3=""))

    assert saved.status_code == 303
    assert campaign.plans.progress_plan(OWN) == tuple(D(p).quantize(D("0.1")) for p in PLAN)
    assert 'name="progress_8" value="22.5"' in page and 'name="progress_1" value="0"' in page
    assert "8月形象进度计划（%）：22.5%" in page  # the plan's history tells it (none before)
    assert falling.status_code == 422 and half.status_code == 422
    assert "9月累计形象进度计划 20% 低于8月的 22.5%" in falling.get_data(as_text=True)
    assert "请填写全部12个月的形象进度计划" in half.get_data(as_text=True)


def test_the_node_form_offers_the_usual_sequence_and_saves_the_bureaus_dates(
    signed_in, campaign
) -> None:
    client = signed_in("bureau")
    offered = client.get(f"/admin/projects/{OWN}").get_data(as_text=True)
    nodes = {"node_name_1": "用地预审", "node_date_1": "2026-03-01",
             "node_name_2": "施工许可", "node_date_2": "2026-04-30"}  # fmt: skip

    no_reason = client.post(f"/admin/projects/{OWN}/milestones", data=nodes)
    no_date = client.post(
        f"/admin/projects/{OWN}/milestones", data={**nodes, "node_date_2": "", "reason": "x"}
    )
    saved = client.post(f"/admin/projects/{OWN}/milestones", data={**nodes, "reason": "按批复"})

    # 滨江公园二期 is planned to start on 2026-05-14: 开工 then, approvals before it.
    assert 'name="node_name_1" value="立项/可研批复"' in offered
    assert 'name="node_name_5" value="开工"' in offered and 'value="2026-05-14"' in offered
    assert no_reason.status_code == 422 and no_date.status_code == 422
    assert "请填写节点“施工许可”的计划日期" in no_date.get_data(as_text=True)
    assert saved.status_code == 303
    assert [(n.name, str(n.planned_on)) for n in campaign.plans.milestones(OWN)] == [
        ("用地预审", "2026-03-01"),
        ("施工许可", "2026-04-30"),
    ]
    viewer = signed_in("viewer").post(f"/admin/projects/{OWN}/milestones", data=nodes)
    assert viewer.status_code == 403


def test_a_file_with_the_progress_columns_gives_the_plans_entered_by_hand(
    signed_in, campaign
) -> None:
    lines = DEMO_CSV.read_text(encoding="utf-8-sig").splitlines()
    header, row = lines[0], next(line for line in lines if line.startswith(OWN))
    filed = [row.replace(OWN, "CJ2026-104", 1), row.replace(OWN, "CJ2026-105", 1)]
    plans = [",".join(PLAN), "," * 11]  # the second project has none
    body = [f"{r},{p}" for r, p in zip(filed, plans, strict=True)]
    data = "\n".join([f"{header},{','.join(HEADER)}", *body])
    campaign.project_lists.import_file(2026, data.encode(), "bureau")
    by_hand = {
        "code": "CJ2026-106", "name": "滨江公园二期", "category": CATEGORIES[1], "unit": "区城管局",
        "nature": "new_start", "total_investment": "40230.00", "annual_plan": "10057.47",
        "planned_start": "2026-05-14", "planned_completion": "2027-08-22", **PROGRESS,
        **{f"month_{m}": a for m, a in enumerate(row.split(",")[13:25], 1)},
    }  # fmt: skip

    registered = signed_in("bureau").post("/admin/projects/new", data=by_hand)

    assert registered.status_code == 303, registered.get_data(as_text=True)
    assert campaign.plans.progress_plan("CJ2026-104") == campaign.plans.progress_plan("CJ2026-106")
    assert campaign.plans.progress_plan("CJ2026-104")[7] == D("22.5")
    assert campaign.plans.progress_plan("CJ2026-105") == ()


@pytest.mark.parametrize(
    ("month", "typed", "reason"),
    [
        (9, "20", "9月累计形象进度计划 20% 低于8月的 22.5%，累计进度须逐月不减"),
        (12, "100.5", "须为0到100之间的数字"),
    ],
)
def test_a_file_with_a_falling_or_too_high_percentage_is_refused_whole(
    campaign, month: int, typed: str, reason: str
) -> None:
    lines = DEMO_CSV.read_text(encoding="utf-8-sig").splitlines()
    bad = list(PLAN)
    bad[month - 1] = typed
    rows = [f"{lines[0]},{','.join(HEADER)}"]
    rows += [f"{lines[1]},{','.join(PLAN)}", f"{lines[2]},{','.join(bad)}"]
    rows = [r.replace("CJ2026-00", "CJ2026-90") for r in rows]
    before = len(campaign.register.projects())

    with pytest.raises(ProjectListRejected) as refused:
        campaign.project_lists.import_file(2026, "\n".join(rows).encode(), "bureau")

    assert [str(error) for error in refused.value.errors] == [
        f"第3行 {month}月形象进度计划（%）：{reason}"
    ]
    assert len(campaign.register.projects()) == before  # nothing registered, not even row 2
