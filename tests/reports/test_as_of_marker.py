"""A report made as of a moment asked for says so under its title: 数据截至 …（历史视图）.

Made now, it says only 数据截至 and the moment it was made. A 签发 says only 数据截至 too,
and so does the 月报表 PDF re-made as of a sign-off's moment: it is the same file
(tests/reports/test_issuing.py).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from openpyxl import load_workbook

import reports
from tests.reports.conftest import AS_OF, PERIOD, pdf_text
from tracker.application.app import TrackerApp

MARKED = "数据截至 2026-03-20 09:00（历史视图）"

#: each report file, made by (app, fmt, as_of)
FILES: dict[str, Callable[..., bytes]] = {
    "monthly": lambda app, fmt, as_of: reports.render_report(app, PERIOD, fmt, None, as_of),
    "overdue": lambda app, fmt, as_of: reports.render_overdue(app, 2026, fmt, as_of),
    "ranking": lambda app, fmt, as_of: reports.render_ranking(app, 2026, 2, fmt, as_of),
}


def workbook_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(
        str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value
    )


@pytest.mark.parametrize("name", FILES)
def test_a_pdf_as_of_a_moment_says_it_is_a_historical_view(district: TrackerApp, name) -> None:
    then = pdf_text(FILES[name](district, "pdf", AS_OF))
    now = pdf_text(FILES[name](district, "pdf", None))

    assert MARKED in then
    assert "数据截至" in now and "历史视图" not in now


@pytest.mark.parametrize("name", FILES)
def test_a_workbook_as_of_a_moment_says_it_too(district: TrackerApp, name) -> None:
    then = workbook_text(FILES[name](district, "xlsx", AS_OF))
    now = workbook_text(FILES[name](district, "xlsx", None))

    assert MARKED in then
    assert "数据截至" in now and "历史视图" not in now


def test_the_archive_as_of_a_moment_says_it_is_a_historical_view(district: TrackerApp) -> None:
    then = pdf_text(reports.render_archive(district, "CJ2026-004", AS_OF))
    now = pdf_text(reports.render_archive(district, "CJ2026-004"))

    assert MARKED in then
    assert "数据截至" in now and "历史视图" not in now
