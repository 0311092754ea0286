"""The overdue / 督办 list, the monthly ranking and a project's 专项档案, read back."""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

import reports
from reports.templating import amount
from tests.conftest import SHANGHAI
from tests.reports.conftest import AS_OF, correct, pdf_text, spec, squeeze, submit, weasyprint_log
from tracker.application.app import TrackerApp
from tracker.domain.errors import InvalidValue, NotFound
from tracker.domain.period import Period

SHA = "ab" * 32


def test_the_overdue_list_shows_every_item_with_its_kind_and_light(district: TrackerApp) -> None:
    items = district.overdue.items(2026, AS_OF)
    with weasyprint_log() as messages:
        pdf = reports.render_overdue(district, 2026, "pdf", AS_OF)
    text = squeeze(pdf_text(pdf))

    assert items and messages == []
    assert "某区2026年城市建设战役逾期事项及督办清单" in text
    for item in items:
        assert squeeze(f"{item.label}{item.code}{item.name}") in text


def test_the_overdue_workbook_has_one_row_per_item(district: TrackerApp) -> None:
    items = district.overdue.items(2026, AS_OF)
    book = load_workbook(io.BytesIO(reports.render_overdue(district, 2026, "xlsx", AS_OF)))
    sheet = book["逾期事项"]

    codes = [row[2].value for row in sheet.iter_rows(min_row=4)]
    assert codes == [item.code for item in items]
    assert sheet.freeze_panes == "A4"
    assert "督办" in book.sheetnames


def test_the_ranking_lists_every_unit_with_numeric_scores(district: TrackerApp) -> None:
    ranking = district.rankings.month(2026, 2, AS_OF)
    text = squeeze(pdf_text(reports.render_ranking(district, 2026, 2, "pdf", AS_OF)))
    sheet = load_workbook(
        io.BytesIO(reports.render_ranking(district, 2026, 2, "xlsx", AS_OF))
    ).active

    for row in ranking:
        assert f"{row.rank}{row.unit}" in text and amount(row.total) in text
    cells = {r[1].value: r for r in sheet.iter_rows(min_row=4)}
    for row in ranking:
        total = cells[row.unit][8]
        assert total.data_type == "n" and D(str(total.value)).quantize(D("0.01")) == row.total
    assert "末位" in text


def test_reports_refuse_unknown_formats_and_months(district: TrackerApp) -> None:
    with pytest.raises(InvalidValue):
        reports.render_report(district, Period.parse("2026-03-H1"), "docx")
    with pytest.raises(InvalidValue):
        reports.render_ranking(district, 2026, 13, "pdf")
    with pytest.raises(NotFound):
        reports.render_report(district, Period.parse("2026-03-H1"), "pdf", unit="无此单位")


@pytest.fixture
def recorded(app: TrackerApp, frozen) -> TrackerApp:
    """One project with a plan revision, a report with a file, a correction, a problem, a 督办."""
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    app.projects.register(2026, [spec("A", "滨江<绿道>工程", "甲单位", "城市绿化")], "bureau")
    frozen(2026, 1, 12, 9, 0)
    photo = {"sha256": SHA, "name": "现场.png", "size": 2048, "media_type": "image/png"}
    submit(
        app,
        "A",
        "2026-01-H1",
        "5.00",
        "土方开挖",
        problems=("征地未完成",),
        attachments=({**photo, "kind": "photo"},),
    )
    frozen(2026, 1, 20, 9, 0)
    correct(app, "A", "2026-01-H1", "6.00", "漏报设备款")
    app.projects.revise_plan("A", D("132.00"), [D("11.00")] * 12, "追加绿化面积", "bureau")
    app.supervisions.issue("A", "三日内报送征地进展", date(2026, 1, 25), "bureau")
    return app


def test_the_archive_lists_versions_problems_orders_files_and_history(
    recorded: TrackerApp,
) -> None:
    with weasyprint_log() as messages:
        text = squeeze(pdf_text(reports.render_archive(recorded, "A")))

    assert messages == []
    assert "滨江<绿道>工程专项档案" in text
    assert "原报5.00土方开挖" in text and "更正16.00" in text and "漏报设备款" in text
    assert "追加绿化面积" in text and "132.00" in text
    assert "征地未完成" in text and "未解决" in text
    assert "三日内报送征地进展" in text and "待答复" in text
    assert f"现场.pngphoto2,048image/png{SHA}" in text


def test_the_archive_as_of_a_past_moment_shows_what_was_known_then(
    recorded: TrackerApp,
) -> None:
    then = datetime(2026, 1, 15, 9, 0, tzinfo=SHANGHAI)
    text = squeeze(pdf_text(reports.render_archive(recorded, "A", as_of=then)))

    assert "原报5.00" in text
    assert "漏报设备款" not in text and "追加绿化面积" not in text
    assert "三日内报送征地进展" not in text
    with pytest.raises(NotFound):
        reports.render_archive(recorded, "A", as_of=datetime(2026, 1, 1, tzinfo=SHANGHAI))
