"""The 月报表 as a spreadsheet, opened with openpyxl: numbers are numbers, totals agree."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

import reports
from reports.templating import amount
from tests.reports.conftest import AS_OF, MARKUP, PERIOD, RARE, pdf_text, squeeze
from tracker.application.app import TrackerApp

HEADER = 3  # title, note, then the header row
AMOUNTS = {"E": "annual_plan", "F": "period_investment", "G": "ytd_actual", "I": "ytd_plan"}


@pytest.fixture(scope="module")
def workbook_bytes(district: TrackerApp) -> bytes:
    return reports.render_report(district, PERIOD, "xlsx", as_of=AS_OF)


@pytest.fixture(scope="module")
def sheet(workbook_bytes: bytes) -> Worksheet:
    return load_workbook(io.BytesIO(workbook_bytes))["月报表"]


def rows(sheet: Worksheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=HEADER + 1))


def money(cell) -> Decimal:
    """A cell's amount, exactly as its two decimals show it."""
    return Decimal(str(cell.value)).quantize(Decimal("0.01"))


def test_the_header_is_frozen_and_every_amount_is_a_number(sheet: Worksheet) -> None:
    assert sheet.freeze_panes == f"A{HEADER + 1}"
    assert [c.value for c in sheet[HEADER]][:5] == [
        "序号",
        "项目名称",
        "责任单位",
        "建设性质",
        "年度计划投资（万元）",
    ]
    for row in rows(sheet):
        for cell in (row[4], row[5], row[6], row[8]):
            assert cell.data_type == "n" and isinstance(cell.value, int | float), cell.coordinate
            assert cell.number_format == "#,##0.00"
        if row[7].value is not None:
            assert row[7].data_type == "n" and row[7].number_format == "0.00%"


def test_no_amount_is_stored_as_text_in_the_file(workbook_bytes: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as archive:
        xml = "".join(archive.read(name).decode() for name in archive.namelist() if "xl/" in name)
    strings = re.findall(r"<t[^>]*>([^<]*)</t>", xml)  # every text cell; numbers are <v>

    assert strings  # names, units, labels…
    assert not [text for text in strings if re.fullmatch(r"-?[\d,]+(\.\d+)?%?", text)]


def test_totals_are_those_of_the_read_models_and_of_the_pdf(
    district: TrackerApp, sheet: Worksheet
) -> None:
    summary = district.summaries.summary(PERIOD, AS_OF)
    labelled = {row[0].value: row for row in rows(sheet) if isinstance(row[0].value, str)}
    pdf = squeeze(pdf_text(reports.render_report(district, PERIOD, "pdf", as_of=AS_OF)))

    total = labelled[f"合计（{summary.district.projects}个项目）"]
    for column, field in AMOUNTS.items():
        expected = getattr(summary.district.figures, field)
        assert money(total[ord(column) - ord("A")]) == expected
        assert amount(expected) in pdf
    for category in summary.categories:
        label = next(
            k for k in labelled if k.endswith(f"、{category.name}　小计（{category.projects}个）")
        )
        for column, field in AMOUNTS.items():
            cell = labelled[label][ord(column) - ord("A")]
            assert money(cell) == getattr(category.figures, field), (label, column)


def test_project_rows_add_up_to_their_subtotals_and_names_are_kept_verbatim(
    sheet: Worksheet,
) -> None:
    projects = [row for row in rows(sheet) if isinstance(row[0].value, int)]
    subtotals = [row for row in rows(sheet) if "小计" in str(row[0].value)]

    assert len(projects) == 41
    assert sum(money(row[4]) for row in projects) == sum(money(row[4]) for row in subtotals)
    names = {row[1].value for row in projects}
    assert MARKUP in names and RARE in names


def test_columns_are_wide_enough_for_their_chinese_text(sheet: Worksheet) -> None:
    widths = {letter: sheet.column_dimensions[letter].width for letter in "BCDE"}
    longest_unit = max(len(str(row[2].value or "")) for row in rows(sheet) if row[2].value)

    assert widths["C"] >= min(2 * longest_unit, 20)  # a CJK character is two widths wide
    assert widths["E"] >= 12  # 348,591.95
    assert sheet.cell(HEADER, 2).font.bold


def test_the_same_data_give_the_same_workbook_bytes(
    district: TrackerApp, workbook_bytes: bytes
) -> None:
    assert reports.render_report(district, PERIOD, "xlsx", as_of=AS_OF) == workbook_bytes
