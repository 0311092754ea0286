"""Text a unit types is text in every workbook: never a formula, whatever it starts with.

A cell that starts with ``=`` is a live formula once openpyxl writes it; ``+``,
``-``, ``@``, a tab or a CR turn into one as soon as someone edits the cell in
Excel. The texts go in through the application (a registration, a proposal,
reports, 督办), the workbooks come out of the reports, and both openpyxl and
the raw sheet XML are read back.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

import reports
from reports import xlsx
from tests.conftest import SHANGHAI
from tests.reports.conftest import AS_OF, PERIOD, spec, submit
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue

TEXTS = ('=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "\tX", "\rX")
STRIPPED = TEXTS[:4]  # progress, problems and 督办 texts lose leading white space on entry
UNIT = "=1+1单位"
REFUSED: set[str] = set()  # filled by the fixture
PROPOSED = '=HYPERLINK("http://evil.example","点此查看")'
STARTS = "=+-@\t\r\n"  # what Excel may read as the start of a formula


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrackerApp]:
    """A campaign whose names, progress, problems and 督办 texts all start like formulas.

    A name the application refuses (a leading tab or CR may count as a control
    character) never reaches a workbook; ``REFUSED`` keeps which were.
    """
    folder = tmp_path_factory.mktemp("injection")
    app = bootstrap(Settings(f"sqlite:///{folder / 't.db'}", folder / "files", "t"), True)
    with clock.frozen(datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)):
        app.campaigns.create(2026, "某区", "350000", "cli:test")
        app.projects.register(2026, [spec("F-9", "迟报项目", UNIT, "城市绿化")], "bureau")
        for n, text in enumerate(TEXTS):
            try:
                app.projects.register(2026, [spec(f"F-{n}", text, UNIT, "城市绿化")], "bureau")
            except InvalidValue:
                REFUSED.add(text)
        proposal = app.proposals.submit(2026, spec("P", PROPOSED, UNIT, "垃圾处理"), "-1", "u")
        app.proposals.approve(proposal, "F-P", "bureau")
    with clock.frozen(datetime(2026, 3, 13, 10, 0, tzinfo=SHANGHAI)):
        for n, text in enumerate(STRIPPED):
            amount = "0.00" if n == 2 else "5.00"
            submit(app, f"F-{n}", "2026-03-H1", amount, text, problems=(text,))
        order = app.supervisions.issue("F-0", STRIPPED[0], date(2026, 3, 30), "bureau")
        app.supervisions.answer(str(order), STRIPPED[1], "u")
        app.supervisions.close(str(order), STRIPPED[3], "bureau")
        app.supervisions.issue("F-1", STRIPPED[2], date(2026, 3, 30), "bureau")
    yield app
    app.close()


@pytest.fixture(scope="module")
def workbooks(typed: TrackerApp) -> dict[str, bytes]:
    return {
        "monthly": reports.render_report(typed, PERIOD, "xlsx", as_of=AS_OF),
        "overdue": reports.render_overdue(typed, 2026, "xlsx", AS_OF),
        "ranking": reports.render_ranking(typed, 2026, 3, "xlsx", AS_OF),
    }


def sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        return {name: archive.read(name).decode() for name in names if name.endswith(".xml")}


def cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def risky(value: object) -> bool:
    return isinstance(value, str) and value != "" and value[0] in STARTS


@pytest.mark.parametrize("report", ["monthly", "overdue", "ranking"])
def test_no_workbook_holds_a_formula(workbooks: dict[str, bytes], report: str) -> None:
    for name, xml in sheet_xml(workbooks[report]).items():
        assert not re.findall(r"<f[ >/]", xml), name
    found = cells(workbooks[report])
    assert [c.coordinate for c in found if c.data_type == "f"] == []
    shown = [c for c in found if risky(c.value)]
    assert shown  # the typed texts are there…
    for cell in shown:  # …as text, and Excel keeps them text when someone edits the cell
        assert cell.data_type == "s" and cell.quotePrefix, (report, cell.coordinate, cell.value)


def test_the_monthly_sheet_shows_every_typed_text_as_typed(workbooks: dict[str, bytes]) -> None:
    sheet = load_workbook(io.BytesIO(workbooks["monthly"]))["月报表"]
    lines = {row[1].value: row for row in sheet.iter_rows(min_row=4) if row[0].data_type == "n"}

    assert REFUSED <= {"\tX", "\rX"}  # a formula's start is never a reason to refuse
    assert set(lines) == {*TEXTS, PROPOSED, "迟报项目"} - REFUSED
    for text in STRIPPED:
        name, unit, progress, problems = (lines[text][i] for i in (1, 2, 10, 11))
        assert (name.value, unit.value, progress.value) == (text, UNIT, text)
        assert problems.value.endswith(f". {text}")
        assert {name.data_type, unit.data_type, progress.data_type} == {"s"}
    for text in set(TEXTS) - REFUSED:
        assert lines[text][1].data_type == "s"
        for column in (4, 6, 8):  # numbers stay numbers
            assert lines[text][column].data_type == "n", (text, column)
    assert lines["-2"][5].data_type == "n" and lines["-2"][5].value == 0


def test_the_other_workbooks_show_names_units_and_orders_as_typed(
    workbooks: dict[str, bytes],
) -> None:
    overdue = load_workbook(io.BytesIO(workbooks["overdue"]))
    items = [r[3].value for r in overdue["逾期事项"].iter_rows(min_row=4)]
    orders = [[c.value for c in r] for r in overdue["督办"].iter_rows(min_row=4)]
    ranking = load_workbook(io.BytesIO(workbooks["ranking"]))["考核排名"]

    assert "迟报项目" in items and set(items) <= {*TEXTS, PROPOSED, "迟报项目"}
    assert [o[1:4] for o in orders] == [
        [TEXTS[0], UNIT, STRIPPED[0]],
        [TEXTS[1], UNIT, STRIPPED[2]],
    ]
    assert orders[0][7:] == [STRIPPED[1], STRIPPED[3]]
    assert UNIT in [r[1].value for r in ranking.iter_rows(min_row=4)]


def test_the_writer_keeps_any_text_as_text_and_numbers_as_numbers() -> None:
    """The same guarantee straight from ``reports.xlsx``, for every risky start and CR."""
    texts = [*TEXTS, "=1+1", "-", "\r\n=1", "\n=1", " =1", "普通文字", ""]
    book = xlsx.Book(AS_OF)
    columns = [xlsx.Column("文字"), xlsx.Column("金额", "money"), xlsx.Column("序号", "integer")]
    rows = [xlsx.Row(None, [text, -2, n]) for n, text in enumerate(texts)]
    book.sheet("表", TEXTS[0], [TEXTS[1]], columns, rows)
    data = book.save()

    for xml in sheet_xml(data).values():
        assert "<f>" not in xml and "<f " not in xml
    sheet = load_workbook(io.BytesIO(data))["表"]
    assert [sheet["A1"].value, sheet["A2"].value] == [TEXTS[0], TEXTS[1]]
    assert sheet["A1"].quotePrefix and sheet["A2"].quotePrefix
    body = list(sheet.iter_rows(min_row=4))
    assert [row[0].value or "" for row in body] == texts
    for row, text in zip(body, texts, strict=True):
        if text:
            assert row[0].data_type == "s"
        assert row[0].quotePrefix == risky(text)
        assert (row[1].data_type, row[1].value, row[2].data_type) == ("n", -2, "n")
