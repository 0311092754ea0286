"""The campaign as OC4IDS open data: valid against the 0.9.5 schema, and true to the read models."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import reports
from tests.conftest import DEMO_CSV
from tests.oc4ids import cove
from tracker.application.app import TrackerApp
from tracker.application.project_list import parse_project_list, read_rows
from tracker.domain.milestones import MetNode, Node
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

NATIONAL = "2026-330102-48-01-000101"
H1 = Period.parse("2026-03-H1")
PROGRESS_PLAN = ("0", "0", "5", "10", "20", "30", "40", "50", "60", "70", "85", "100")


@pytest.fixture
def reported(campaign: TrackerApp, frozen) -> TrackerApp:  # type: ignore[no-untyped-def]
    """Reports for 第5期, a plan revised with its reason, a completion, a 签发; a coded project."""
    app = campaign
    spec = parse_project_list(read_rows(DEMO_CSV.read_bytes()))[0][1]
    app.projects.register(
        2026, [replace(spec, code="CJ2026-101", national_code=NATIONAL)], "bureau"
    )
    nodes = [Node("施工许可", date(2026, 3, 1)), Node("开工", date(2026, 4, 1))]
    app.projects.plan_milestones("CJ2026-004", nodes, "按批复排定节点", "bureau")
    frozen(2026, 3, 10, 10, 0)
    met = (MetNode("施工许可", date(2026, 3, 8)),)
    report = ReportInput(Decimal("120.50"), "主体施工", Decimal("35"), milestones_met=met)
    app.projects.submit_report("CJ2026-004", H1, report, "unit04")
    app.projects.submit_report(
        "CJ2026-002",
        H1,
        ReportInput(Decimal("12.00"), "已完工", Decimal("100"), completed_on=date(2026, 3, 9)),
        "unit02",
    )
    project = app.register.project("CJ2026-004")
    monthly = [*project.monthly_plan[:11], project.monthly_plan[11] + Decimal("100.00")]
    app.projects.revise_plan(
        "CJ2026-004", project.annual_plan + Decimal("100.00"), monthly, "追加征迁费用", "bureau",
        [Decimal(p) for p in PROGRESS_PLAN],
    )  # fmt: skip
    frozen(2026, 3, 16, 9, 0)
    reports.issue_report(app, H1, None, "bureau")
    return app


def by_id(package: dict, ident: str) -> dict:  # type: ignore[type-arg]
    return next(p for p in package["projects"] if p["id"] == ident)


def test_the_export_has_no_schema_error_by_libcoveoc4ids_offline(
    reported: TrackerApp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = reported.oc4ids.package(2026)

    checked = cove(package, monkeypatch, tmp_path)

    assert checked["validation_errors"] == []
    assert checked["additional_closed_codelist_values"] == {}
    assert len(package["projects"]) == 40


def test_values_are_those_of_the_read_models(reported: TrackerApp) -> None:
    app, package = reported, reported.oc4ids.package(2026)
    info = app.register.project("CJ2026-004")
    row = next(r for r in app.summaries.summary(H1).projects if r.code == "CJ2026-004")
    project = by_id(package, "某区-CJ2026-004")

    assert project["title"] == info.name
    assert project["status"] == "preparation"  # a new start not started yet
    assert project["budget"]["amount"] == {
        "amount": int(info.total_investment * 10000),
        "currency": "CNY",
    }
    months = project["budget"]["budgetBreakdowns"][0]["budgetBreakdown"]
    assert [m["amount"]["amount"] for m in months] == [int(m * 10000) for m in info.monthly_plan]
    actual = {o["id"]: o["value"]["amount"] for o in project["metrics"][0]["observations"]}
    assert actual == {"actual-2026-03-H1": int(row.figures.ytd_actual * 10000)}
    planned = project["forecasts"][0]["observations"]
    assert len(planned) == 24 and planned[4]["value"]["amount"] == int(row.figures.ytd_plan * 10000)
    assert project["metrics"][1]["observations"][0]["measure"] == "35"
    physical = project["forecasts"][1]
    assert physical["id"] == "physicalProgress" and len(physical["observations"]) == 24
    assert physical["observations"][4] == {
        "id": "plan-2026-03-H1", "measure": "2.5", "unit": {"name": "%"},
        "period": {
            "startDate": "2026-01-01T00:00:00+08:00", "endDate": "2026-03-14T23:59:59+08:00"
        },
    }  # fmt: skip
    nodes = {node["title"]: node for node in project["milestones"]}
    assert nodes["施工许可"]["status"] == "met" and nodes["施工许可"]["type"] == "approval"
    assert nodes["施工许可"]["dateMet"].startswith("2026-03-08")
    assert nodes["开工"]["status"] == "scheduled" and nodes["开工"]["type"] == "delivery"
    assert project["publicAuthority"]["name"] == info.unit == project["parties"][0]["name"]
    assert project["modifications"][0]["rationale"] == "追加征迁费用"
    issued = app.issued.reports(2026)[0]
    assert any(issued.sha256 in d["description"] for d in project["documents"])

    assert by_id(package, NATIONAL)["identifiers"][0] == {
        "scheme": "全国投资项目在线审批监管平台",
        "id": NATIONAL,
    }
    completed = by_id(package, "某区-CJ2026-002")
    assert completed["status"] == "completion"
    assert completed["completion"]["endDate"].startswith("2026-03-09")
    assert by_id(package, "某区-CJ2026-013")["sector"] == [
        "transport",
        "transport.road",
        "transport.urban",
    ]


def test_as_of_a_past_moment_it_shows_what_was_known_then(reported: TrackerApp, frozen) -> None:
    before = frozen(2026, 3, 1, 9, 0)
    frozen(2026, 3, 20, 9, 0)

    package = reported.oc4ids.package(2026, before)
    project = by_id(package, "某区-CJ2026-004")

    assert "observations" not in project["metrics"][0] and "modifications" not in project
    assert package["publishedDate"] == "2026-03-01T09:00:00+08:00"
    assert len(package["projects"]) == 40


def test_files_nodes_and_revisions_are_each_projects_own_now_and_as_of(
    reported: TrackerApp, frozen, settings
) -> None:
    """The package reads files, 节点 and plan revisions only for the projects that have them:
    every project's are still those read for it alone, now and as of a moment."""
    import io

    from PIL import Image

    from tracker.application.attachments import Attachments
    from tracker.application.files import FileStore
    from tracker.application.oc4ids.package import documents, modifications

    frozen(2026, 3, 25, 10, 0)
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    photo = Attachments(FileStore(settings.files_dir)).add(buffer.getvalue(), "现场.png", "photo")
    with_photo = ReportInput(Decimal("3.00"), "施工中", attachments=(photo.as_event_data(),))
    reported.projects.submit_report("CJ2026-013", Period.parse("2026-03-H2"), with_photo, "u01")
    before_photo = frozen(2026, 3, 20, 9, 0)
    frozen(2026, 3, 26, 9, 0)

    for moment in (None, before_photo):
        package = reported.oc4ids.package(2026, moment)
        zone = reported.register.campaign(2026).schedule.zone
        issued = reported.issued.reports(2026, as_of=moment)
        for info in reported.register.projects(2026, as_of=moment):
            found = next(
                p for p in package["projects"] if info.code in {i["id"] for i in p["identifiers"]}
            )
            files = reported.register.attachments(info.code, moment)
            assert found["documents"] == documents(info, issued, files, zone), info.code
            nodes = reported.plans.milestones(info.code, moment)
            assert len(found.get("milestones", [])) == len(nodes), info.code
            history = reported.history.project(info.code, moment)
            assert found.get("modifications", []) == modifications(history, zone), info.code
    photo_now = reported.oc4ids.package(2026)
    photo_then = reported.oc4ids.package(2026, before_photo)
    docs = [d["id"] for p in photo_now["projects"] for d in p["documents"] if "file" in d["id"]]
    then = [d["id"] for p in photo_then["projects"] for d in p["documents"] if "file" in d["id"]]
    assert len(docs) == 1 and then == []  # the photo, and not before it was sent
