"""The plain register page served until the unit and bureau pages land."""

from __future__ import annotations

from decimal import Decimal

from tracker.application.app import TrackerApp
from tracker.config import Settings
from tracker.domain.spec import ProjectSpec
from tracker.web import create_app


def test_the_home_page_lists_every_project_and_the_total(
    campaign: TrackerApp, settings: Settings
) -> None:
    client = create_app(settings, {"TESTING": True}).test_client()

    page = client.get("/").get_data(as_text=True)

    assert "共 39 个项目，年度计划投资合计 <strong>350000.00</strong> 万元" in page
    assert "新城片区控制性详细规划编制" in page
    assert '<html lang="zh-CN">' in page
    assert "//cdn" not in page and "https://" not in page


def test_markup_typed_into_a_project_name_shows_as_text(
    campaign: TrackerApp, settings: Settings
) -> None:
    spec = ProjectSpec(
        code="XSS-1",
        name="<script>alert(1)</script>",
        category="城市绿化",
        unit="区城管局",
        nature="continuing",
        total_investment=Decimal("10.00"),
        annual_plan=Decimal("0.00"),
        monthly_plan=(Decimal("0.00"),) * 12,
        planned_start=campaign.project("CJ2026-001").planned_start,
        planned_completion=campaign.project("CJ2026-001").planned_completion,
    )
    campaign.register_projects(2026, [spec], "bureau")
    client = create_app(settings, {"TESTING": True}).test_client()

    page = client.get("/").get_data(as_text=True)

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
