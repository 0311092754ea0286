"""The forecast as the 月报表 workbook's extra columns; the plans and nodes in the 专项档案."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

from openpyxl import load_workbook

import reports
from tests.reports.conftest import AS_OF, PERIOD, pdf_text, squeeze, weasyprint_log
from tracker.application.app import TrackerApp
from tracker.domain.milestones import MetNode, Node

EXTRA = ["SPI（累计/序时）", "预计全年完成（万元）", "剩余每期需完成（万元）",
         "本期计划形象进度（%）", "形象进度滞后（百分点）"]  # fmt: skip


def test_the_workbook_carries_the_forecast_after_the_pdfs_columns(district: TrackerApp) -> None:
    sheet = load_workbook(io.BytesIO(reports.render_report(district, PERIOD, "xlsx", as_of=AS_OF)))[
        "月报表"
    ]
    outlook = district.summaries.summary(PERIOD, AS_OF).outlook

    header = [cell.value for cell in sheet[3]]
    total = [cell.value for cell in sheet[4]]
    assert header[:12][-1] == "存在问题" and header[12:] == EXTRA
    assert D(str(total[12])).quantize(D("0.0001")) == outlook.district.spi
    assert D(str(total[13])).quantize(D("0.01")) == outlook.district.forecast
    assert D(str(total[14])).quantize(D("0.01")) == outlook.district.required_per_period
    assert sheet.cell(4, 13).number_format == "0.0000" and sheet.cell(4, 14).data_type == "n"


def test_the_archive_shows_the_progress_plan_and_the_nodes(campaign: TrackerApp, frozen) -> None:
    code = "CJ2026-004"
    project = campaign.register.project(code)
    plan = [D(p) for p in (0, 0, 0, 0, 2, 8, 15, "22.5", 30, 38, 46, 55)]
    campaign.projects.revise_plan(
        code, project.annual_plan, list(project.monthly_plan), "细化", "bureau", plan
    )
    nodes = [Node("施工许可", date(2026, 4, 30)), Node("开工", date(2026, 5, 14))]
    campaign.projects.plan_milestones(code, nodes, "按批复", "bureau")
    frozen(2026, 5, 6, 10, 0)
    campaign.projects.meet_milestones(code, (MetNode("施工许可", date(2026, 5, 6)),), "unit04")

    with weasyprint_log() as messages:
        text = squeeze(pdf_text(reports.render_archive(campaign, code)))

    assert messages == []
    assert "形象进度计划（月末累计，%）" in text and "22.5" in text
    assert squeeze("施工许可 2026-04-30 2026-05-06 单独报告") in text
    assert squeeze("开工 2026-05-14 未达成") in text
