"""The district 月报表 as PDF, read back with poppler: fonts, names, totals, pages, bytes."""

from __future__ import annotations

import re

import pytest

import reports
from reports.monthly import ORDINALS
from reports.templating import amount, rate
from tests.reports.conftest import (
    AS_OF,
    MARKUP,
    PERIOD,
    PROBLEM,
    RARE,
    pdf_text,
    poppler,
    squeeze,
    weasyprint_log,
)
from tracker.application.app import TrackerApp
from tracker.application.queries.summaries import TotalRow
from tracker.domain.catalog import LIGHTS


@pytest.fixture(scope="module")
def rendered(district: TrackerApp) -> tuple[bytes, list[str]]:
    """The PDF as of AS_OF, and everything WeasyPrint logged while making it."""
    with weasyprint_log() as messages:
        pdf = reports.render_report(district, PERIOD, "pdf", as_of=AS_OF)
    return pdf, messages


@pytest.fixture(scope="module")
def text(rendered: tuple[bytes, list[str]]) -> str:
    return pdf_text(rendered[0])


def figures_text(row: TotalRow) -> str:
    f = row.figures
    return (
        f"{amount(f.annual_plan)}{amount(f.period_investment)}{amount(f.ytd_actual)}"
        f"{rate(f.completion_rate)}{amount(f.ytd_plan)}●{LIGHTS[row.light]}"
    )


def test_the_pdf_embeds_noto_sans_cjk_regular_and_its_real_bold(rendered) -> None:
    fonts = poppler("pdffonts", rendered[0]).splitlines()[2:]
    embedded = {line.split()[0].split("+")[-1] for line in fonts if " yes " in line}

    assert "Noto-Sans-CJK-SC" in embedded
    assert "Noto-Sans-CJK-SC-Bold" in embedded
    assert all(" yes yes yes " in line for line in fonts)  # embedded, subset, with a ToUnicode


def test_weasyprint_warns_of_nothing_neither_a_missing_glyph_nor_ignored_css(rendered) -> None:
    assert rendered[1] == []


def test_every_project_name_comes_back_as_text(district: TrackerApp, text: str) -> None:
    names = [row.name for row in district.summaries.summary(PERIOD, AS_OF).projects]

    assert len(names) == 41
    missing = [name for name in names if squeeze(name) not in squeeze(text)]
    assert missing == []
    assert RARE in squeeze(text)


def test_markup_typed_by_users_appears_as_text(text: str) -> None:
    assert squeeze(MARKUP) in squeeze(text)
    assert squeeze(PROBLEM) in squeeze(text)  # an open problem in 存在问题
    assert "<i>路基</i>施工中" in squeeze(text)  # 形象进度


def test_category_subtotals_and_the_total_are_those_of_the_read_models(
    district: TrackerApp, text: str
) -> None:
    summary = district.summaries.summary(PERIOD, AS_OF)
    flat = squeeze(text)

    total = summary.district
    assert f"合计（{total.projects}个项目）{figures_text(total)}" in flat
    for ordinal, row in zip(ORDINALS, summary.categories, strict=True):
        assert f"{ordinal}、{row.name}小计（{row.projects}个）{figures_text(row)}" in flat


def test_the_title_names_the_district_year_period_and_as_of_time(text: str) -> None:
    flat = squeeze(text)
    assert "某区2026年城市建设战役项目（半）月报表" in flat
    assert "第5期（3月上半月）" in flat
    assert "数据截至2026-03-2009:00" in flat


def test_every_page_repeats_the_header_and_numbers_itself_with_the_fingerprint(rendered) -> None:
    pdf = rendered[0]
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf))[1])
    fingerprint = re.search(r"数据指纹 ([0-9a-f]{12})", pdf_text(pdf))[1]

    assert pages >= 2
    for page in range(1, pages + 1):
        flat = squeeze(poppler("pdftotext", pdf, "-raw", "-f", str(page), "-l", str(page)))
        assert "序号项目名称责任单位建设性质" in flat
        assert f"第{page}页/共{pages}页" in flat
        assert f"数据指纹{fingerprint}" in flat


def test_the_page_is_a4_landscape(rendered) -> None:
    assert "841.89 x 595.276 pts (A4)" in poppler("pdfinfo", rendered[0])


def test_the_same_data_as_of_the_same_time_give_the_same_bytes(
    district: TrackerApp, rendered
) -> None:
    again = reports.render_report(district, PERIOD, "pdf", as_of=AS_OF)

    assert again == rendered[0]
    assert b"CreationDate" not in again and b"ModDate" not in again


def test_a_units_report_has_its_projects_only_and_a_place_to_sign(district: TrackerApp) -> None:
    unit = "区城管局"
    summary = district.summaries.summary(PERIOD, AS_OF)
    mine = [row.name for row in summary.projects if row.unit == unit]
    others = [row.name for row in summary.projects if row.unit != unit]

    flat = squeeze(pdf_text(reports.render_report(district, PERIOD, "pdf", unit, AS_OF)))

    assert all(squeeze(name) in flat for name in mine)
    assert not [name for name in others if squeeze(name) in flat]
    assert f"责任单位：{unit}" in flat
    assert f"合计（{len(mine)}个项目）" in flat
    assert "单位负责人（签字）" in flat
