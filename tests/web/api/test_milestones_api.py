"""GET|POST /api/v1/projects/{code}/milestones, a report's milestones_met, the forecast fields."""

from __future__ import annotations

from decimal import Decimal

from tests.web.conftest import OTHER, OWN

NODES = {
    "milestones": [
        {"name": "施工许可", "planned_on": "2026-04-30"},
        {"name": "开工", "planned_on": "2026-05-14"},
    ],
    "reason": "按批复工期",
}


def test_the_bureau_plans_the_nodes_and_every_role_reads_them(api, campaign, frozen) -> None:
    planned = api("bureau", "POST", f"/projects/{OWN}/milestones", json=NODES)
    frozen(2026, 5, 12, 10, 0)
    met = api(
        "unit04",
        "PUT",
        f"/projects/{OWN}/reports/2026-05-H1",
        json={"investment": "5", "progress": "取得施工许可证",
              "milestones_met": [{"name": "施工许可", "met_on": "2026-05-06"}]},
    )  # fmt: skip
    read = api("unit04", "GET", f"/projects/{OWN}/milestones")
    then = api("viewer", "GET", f"/projects/{OWN}/milestones?as_of=2026-05-01T00:00:00%2B08:00")

    assert planned.status_code == 200
    assert [n["name"] for n in planned.get_json()["milestones"]] == ["施工许可", "开工"]
    assert met.status_code == 201
    assert read.get_json()["milestones"][0] == {
        "name": "施工许可",
        "planned_on": "2026-04-30",
        "met_on": "2026-05-06",
        "met_period": "2026-05-H1",
    }
    assert then.get_json()["milestones"][0]["met_on"] is None


def test_only_the_bureau_plans_nodes_and_a_wrong_plan_is_refused(api, campaign) -> None:
    twice = {"milestones": [NODES["milestones"][0]] * 2, "reason": "x"}

    assert api("unit04", "POST", f"/projects/{OWN}/milestones", json=NODES).status_code == 403
    assert api("unit04", "GET", f"/projects/{OTHER}/milestones").status_code == 404
    refused = api("bureau", "POST", f"/projects/{OWN}/milestones", json=twice)
    assert refused.status_code == 422 and "重复" in refused.get_json()["error"]["message"]
    no_reason = api("bureau", "POST", f"/projects/{OWN}/milestones", json={**NODES, "reason": ""})
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["error"]["fields"]


def test_the_plan_api_takes_a_progress_plan_and_the_project_shows_its_forecast(
    api, campaign
) -> None:
    project = campaign.register.project(OWN)
    body = {
        "annual_plan": str(project.annual_plan),
        "monthly_plan": [str(a) for a in project.monthly_plan],
        "reason": "细化形象进度",
    }
    plan = [str(p) for p in (0, 0, 0, 0, 2, 8, 15, 22.5, 30, 38, 46, 55)]

    kept = api("bureau", "POST", f"/projects/{OWN}/plan", json=body)
    set_ = api("bureau", "POST", f"/projects/{OWN}/plan", json={**body, "progress_plan": plan})
    down = {**body, "progress_plan": plan[::-1]}
    falling = api("bureau", "POST", f"/projects/{OWN}/plan", json=down)
    shown = api("unit04", "GET", f"/projects/{OWN}").get_json()
    summary = api("unit04", "GET", "/periods/2026-01-H1/summary").get_json()

    assert kept.status_code == set_.status_code == 200
    assert falling.status_code == 422 and "progress_2" in falling.get_json()["error"]["fields"]
    assert shown["progress_plan"][7] == "22.50"
    assert {"spi", "forecast", "required_per_period", "planned_pct", "physical_lag"} <= set(
        shown["figures"]
    )
    row = next(p for p in summary["projects"] if p["code"] == OWN)
    assert (row["spi"], row["forecast"], row["planned_pct"]) == (None, "10057.47", "0.00")
    # Nothing done yet: each project needs its annual plan over the 23 periods left, and the
    # unit (the only one a unit user sees) the sum of its projects' needs.
    assert row["required_per_period"] == "437.28"  # 10,057.47 / 23 = 437.281…
    [unit] = summary["units"]
    needs = sum(Decimal(p["required_per_period"]) for p in summary["projects"])
    assert Decimal(unit["required_per_period"]) == needs
