"""The JSON API: submit, correct, read; every malformed body refused with a Chinese message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.web.conftest import OWN

GOOD = {"investment": "123.45", "progress": "主体结构施工", "progress_pct": "35"}
PATH = f"/projects/{OWN}/reports/2026-05-H1"


@pytest.fixture
def may(frozen):
    frozen(2026, 5, 12, 10, 0)


def stored(campaign) -> dict:
    return campaign.projects.load(OWN).reports


def test_a_report_is_submitted_then_a_second_submission_is_409(api, campaign, may) -> None:
    first = api("unit04", "PUT", PATH, json=GOOD)
    second = api("unit04", "PUT", PATH, json=GOOD)

    assert first.status_code == 201
    assert first.get_json()["versions"][0]["investment"] == "123.45"
    assert second.status_code == 409
    assert "已报送" in second.get_json()["error"]["message"]
    assert stored(campaign)["2026-05-H1"][0]["investment"] == Decimal("123.45")


def test_a_correction_keeps_both_versions_with_who_and_why(api, campaign, may) -> None:
    api("unit04", "PUT", PATH, json=GOOD)
    response = api(
        "unit04",
        "POST",
        f"{PATH}/corrections",
        json={**GOOD, "investment": "130.00", "reason": "漏计设备款"},
    )
    history = api("viewer", "GET", f"/projects/{OWN}/history").get_json()

    assert response.status_code == 201
    assert [v["investment"] for v in response.get_json()["versions"]] == ["123.45", "130.00"]
    assert history[-1]["kind"] == "ReportCorrected"
    assert (history[-1]["actor"], history[-1]["reason"]) == ("unit04", "漏计设备款")


def test_numbers_in_json_are_read_exactly(api, campaign, may) -> None:
    response = api(
        "unit04",
        "PUT",
        PATH,
        data='{"investment": 0.30, "progress": "x"}',
        content_type="application/json",
    )
    assert response.status_code == 201
    assert stored(campaign)["2026-05-H1"][0]["investment"] == Decimal("0.30")


MALFORMED = [
    ("negative", {**GOOD, "investment": "-1.00"}, "investment", "负数"),
    ("three decimals", {**GOOD, "investment": "1.234"}, "investment", "两位小数"),
    ("words for a number", {**GOOD, "investment": "一百万"}, "investment", "不是有效的数字"),
    ("more than 总投资", {**GOOD, "investment": "40230.01"}, "investment", "不能超过项目总投资"),
    ("missing progress", {"investment": "1.00"}, "progress", "此项必填"),
    ("empty progress", {**GOOD, "progress": ""}, "progress", "形象进度"),
    ("percent over 100", {**GOOD, "progress_pct": "101"}, "progress_pct", "0到100"),
    ("problems not a list", {**GOOD, "problems": "征地"}, "problems", "必须是列表"),
    (
        "unknown problem id",
        {**GOOD, "resolved": [{"problem_id": 99, "resolution": "已解决"}]},
        "resolved",
        "问题编号 99 不存在",
    ),
    ("megabytes of text", {**GOOD, "progress": "很" * 1_000_000}, "progress", "2000"),
    (
        "start date in the future",
        {**GOOD, "started_on": "2026-06-01"},
        "started_on",
        "不能晚于今天",
    ),
    ("impossible date", {**GOOD, "started_on": "2026-02-30"}, "started_on", "日期"),
    ("unknown field", {**GOOD, "amount": "1"}, "amount", "未知字段"),
    ("investment null", {**GOOD, "investment": None}, "investment", "不能为空"),
]


@pytest.mark.parametrize(
    ("case", "body", "field", "words"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_a_malformed_report_is_refused_naming_the_field(
    api, campaign, may, case, body, field, words
) -> None:
    response = api("unit04", "PUT", PATH, json=body)
    error = response.get_json()["error"]

    assert 400 <= response.status_code < 500
    assert field in error["fields"], error
    assert words in " ".join(error["fields"][field])
    assert stored(campaign) == {}


@pytest.mark.parametrize(
    ("path", "field", "status"),
    [
        (f"/projects/{OWN}/reports/2026-06-H1", "period", 400),  # future
        (f"/projects/{OWN}/reports/2026-13-H1", "period", 422),  # impossible
        (f"/projects/{OWN}/reports/2025-05-H1", "period", 422),  # another year
    ],
)
def test_a_bad_period_is_refused(api, campaign, may, path, field, status) -> None:
    response = api("unit04", "PUT", path, json=GOOD)
    assert response.status_code == status
    assert field in response.get_json()["error"]["fields"]
    assert stored(campaign) == {}


def test_an_unknown_project_is_404(api, may) -> None:
    response = api("unit04", "PUT", "/projects/NOPE-1/reports/2026-05-H1", json=GOOD)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("raw", ["not json", "[1, 2]", "", '{"investment": '])
def test_a_body_that_is_not_a_json_object_is_refused(api, campaign, may, raw) -> None:
    response = api("unit04", "PUT", PATH, data=raw, content_type="application/json")
    error = response.get_json()["error"]
    assert response.status_code == 422
    assert "body" in error["fields"] and "JSON" in error["message"]
    assert stored(campaign) == {}


def test_summary_and_status_for_a_unit_show_only_its_own_projects(api, may) -> None:
    api("unit04", "PUT", PATH, json=GOOD)
    summary = api("unit04", "GET", "/periods/2026-05-H1/summary").get_json()
    status = api("unit04", "GET", "/periods/2026-05-H1/status").get_json()
    full = api("bureau", "GET", "/periods/2026-05-H1/summary").get_json()

    assert {p["unit"] for p in summary["projects"]} == {"区城管局"}
    assert {s["code"]: s["status"] for s in status}[OWN] == "on_time"
    assert len(full["projects"]) == 39 and full["district"]["period_investment"] == "123.45"


def test_project_details_carry_the_figures_and_money_as_strings(api, may) -> None:
    api("unit04", "PUT", PATH, json=GOOD)
    shown = api("unit04", "GET", f"/projects/{OWN}").get_json()
    assert shown["annual_plan"] == "10057.47" and len(shown["monthly_plan"]) == 12
    assert shown["figures"]["period"] == "2026-05-H1"
    assert shown["figures"]["period_investment"] == "123.45"


def test_as_of_reads_the_past_and_a_bad_as_of_is_refused(api, may, frozen) -> None:
    api("unit04", "PUT", PATH, json=GOOD)
    before = api(
        "viewer", "GET", "/periods/2026-05-H1/summary?as_of=2026-05-12T09:00:00%2B08:00"
    ).get_json()
    bad = api("viewer", "GET", "/periods/2026-05-H1/summary?as_of=yesterday")
    assert before["district"]["period_investment"] == "0.00"
    assert bad.status_code == 422 and "as_of" in bad.get_json()["error"]["fields"]


def test_the_bureau_registers_a_project_and_revises_its_plan(api, campaign, may) -> None:
    months = ["1.00"] * 12
    body = {
        "campaign_year": 2026,
        "code": "NEW-001",
        "name": "新项目",
        "category": "城市绿化",
        "unit": "区城管局",
        "nature": "continuing",
        "total_investment": "100.00",
        "annual_plan": "12.00",
        "monthly_plan": months,
        "planned_start": "2026-01-01",
        "planned_completion": "2027-01-01",
    }
    created = api("bureau", "POST", "/projects", json=body)
    revised = api(
        "bureau",
        "POST",
        "/projects/NEW-001/plan",
        json={"annual_plan": "24.00", "monthly_plan": ["2.00"] * 12, "reason": "追加"},
    )
    off = api(
        "bureau",
        "POST",
        "/projects/NEW-001/plan",
        json={"annual_plan": "24.01", "monthly_plan": ["2.00"] * 12, "reason": "追加"},
    )

    assert created.status_code == 201 and created.get_json()["annual_plan"] == "12.00"
    assert revised.status_code == 200 and revised.get_json()["annual_plan"] == "24.00"
    assert off.status_code == 422 and "monthly_plan" in off.get_json()["error"]["fields"]


def test_the_openapi_document_is_generated_from_the_schemas(web) -> None:
    spec = web.test_client().get("/api/v1/openapi.json").get_json()
    report = spec["components"]["schemas"]["Report"]
    put = spec["paths"]["/projects/{code}/reports/{period}"]["put"]

    assert spec["openapi"].startswith("3.")
    assert set(report["required"]) == {"investment", "progress"}
    assert "problems" in report["properties"]
    assert put["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Report")
