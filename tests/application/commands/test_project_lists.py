"""Importing the 附件1 project list: all of it or nothing, every error named by row and column.

Each broken file is the demo list with ONE cell, row or header changed, so the
test shows exactly which change the importer must catch.
"""

from __future__ import annotations

import csv
import io
import struct
import zlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from openpyxl import Workbook

from tests.conftest import DEMO_CSV
from tracker.application.app import TrackerApp
from tracker.application.project_list import ProjectListRejected, RowError
from tracker.domain.errors import NotFound

Rows = list[list[str]]
Edit = Callable[[Rows], None]
NATURE = {"在建": "continuing", "新开工": "new_start"}
DATE_COLUMNS = ("计划开工日期", "计划竣工日期")
MONTH_COLUMNS = [f"{m}月计划投资（万元）" for m in range(1, 13)]


def demo_rows() -> Rows:
    """The demo list as the spreadsheet shows it: row 1 is the header."""
    text = DEMO_CSV.read_text(encoding="utf-8-sig")
    return [row for row in csv.reader(io.StringIO(text))]


def csv_text(rows: Rows, line_end: str = "\n") -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(rows)
    return out.getvalue()


def xlsx_bytes(rows: Rows) -> bytes:
    """The list as Excel keeps it: amounts as numeric cells, dates as date cells."""
    book = Workbook()
    sheet = book.active
    header = rows[0]
    sheet.append(header)
    for row in rows[1:]:
        cells: list[Any] = []
        for column, value in zip(header, row, strict=True):
            if column.endswith("（万元）"):
                cells.append(float(value))
            elif column in DATE_COLUMNS:
                cells.append(date.fromisoformat(value))
            else:
                cells.append(value or None)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def png_bytes() -> bytes:
    """A real 1×1 PNG picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def expected_register() -> list[dict[str, Any]]:
    """What the register should show after importing the demo list, read with csv alone."""
    header, *rows = demo_rows()
    records = [dict(zip(header, row, strict=True)) for row in rows]
    return [
        {
            "code": r["项目编号"],
            "name": r["项目名称"],
            "category": r["类别"],
            "unit": r["责任单位"],
            "nature": NATURE[r["建设性质"]],
            "total_investment": Decimal(r["总投资（万元）"]),
            "annual_plan": Decimal(r["年度计划投资（万元）"]),
            "status": "active",
            "campaign_year": 2026,
        }
        for r in records
    ]


def register(app: TrackerApp) -> list[dict[str, Any]]:
    keys = expected_register()[0].keys()
    return [{key: getattr(row, key) for key in keys} for row in app.register.projects()]


def snapshot(app: TrackerApp) -> tuple[list[dict[str, Any]], int | None]:
    """The register and the position of the last stored event."""
    return app.register.projects(), app.store.event_count()


def rejected(app: TrackerApp, data: bytes) -> list[RowError]:
    """Import ``data``, expect refusal, and check nothing at all was stored."""
    before = snapshot(app)
    with pytest.raises(ProjectListRejected) as refusal:
        app.project_lists.import_file(2026, data, "cli:test")
    assert snapshot(app) == before
    assert (
        str(refusal.value) == f"文件：项目清单有 {len(refusal.value.errors)} 处错误，未导入任何项目"
    )
    return refusal.value.errors


@pytest.fixture
def store(app: TrackerApp, frozen: Callable[..., object]) -> TrackerApp:
    """The app with the 2026 campaign created and no project yet."""
    app.campaigns.create(2026, "某区", "350000", "cli:test")
    return app


# -- the demo list in every form a district may send it ---

DEMO_TEXT = csv_text(demo_rows())
FORMS: dict[str, Callable[[], bytes]] = {
    "UTF-8 CSV with BOM": lambda: DEMO_CSV.read_bytes(),
    "UTF-8 CSV without BOM": lambda: DEMO_TEXT.encode("utf-8"),
    "GB18030 CSV saved by Excel": lambda: csv_text(demo_rows(), "\r\n").encode("gb18030"),
    "XLSX with numeric and date cells": lambda: xlsx_bytes(demo_rows()),
}


def test_the_demo_file_really_starts_with_a_bom() -> None:
    assert DEMO_CSV.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not FORMS["UTF-8 CSV without BOM"]().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("form", FORMS)
def test_the_demo_list_imports_39_projects_totalling_350000_wan_yuan(
    store: TrackerApp, form: str
) -> None:
    specs = store.project_lists.import_file(2026, FORMS[form](), "cli:test")

    assert len(specs) == 39
    rows = store.register.projects()
    assert len(rows) == 39
    assert sum((row.annual_plan for row in rows), Decimal("0")) == Decimal("350000.00")
    assert register(store) == expected_register()
    assert sum(row.nature == "new_start" for row in rows) == 15
    assert sum(row.nature == "continuing" for row in rows) == 24


@pytest.mark.parametrize("form", FORMS)
def test_monthly_plans_and_dates_arrive_exactly_as_written_in_the_file(
    store: TrackerApp, form: str
) -> None:
    store.project_lists.import_file(2026, FORMS[form](), "cli:test")

    header, *rows = demo_rows()
    for row in rows:
        record = dict(zip(header, row, strict=True))
        project = store.projects.load(record["项目编号"])
        assert project.monthly_plan == [Decimal(record[c]) for c in MONTH_COLUMNS]
        assert [str(m) for m in project.monthly_plan] == [record[c] for c in MONTH_COLUMNS]
        assert project.planned_start == date.fromisoformat(record["计划开工日期"])
        assert project.planned_completion == date.fromisoformat(record["计划竣工日期"])
        assert (project.manager, project.reporter, project.phone) == (
            record["项目负责人"],
            record["信息员"],
            record["联系电话"],
        )
        assert project.pilot is (record["试点项目"] == "是")
        assert project.registered_by == "cli:test"


def test_rows_a_spreadsheet_leaves_blank_are_skipped(store: TrackerApp) -> None:
    rows = demo_rows()
    blank = [""] * len(rows[0])
    data = csv_text([*rows[:10], blank, *rows[10:], blank, blank]).encode("utf-8")

    store.project_lists.import_file(2026, data, "cli:test")

    assert register(store) == expected_register()


def test_a_list_for_a_campaign_not_yet_created_is_refused_and_nothing_stored(
    app: TrackerApp, frozen: Callable[..., object]
) -> None:
    with pytest.raises(NotFound) as refused:
        app.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "cli:test")

    assert "尚未创建 2026 年度战役" in refused.value.message
    assert app.register.projects() == []
    assert app.store.recorder.max_notification_id() in (None, 0)


# -- a broken file: one change each, refused whole ---


def set_cell(row: int, column: str, value: str) -> Edit:
    def edit(rows: Rows) -> None:
        rows[row - 1][rows[0].index(column)] = value

    return edit


def drop_column(column: str) -> Edit:
    def edit(rows: Rows) -> None:
        index = rows[0].index(column)
        for row in rows:
            del row[index]

    return edit


def add_column(column: str, value: str) -> Edit:
    def edit(rows: Rows) -> None:
        rows[0].append(column)
        for row in rows[1:]:
            row.append(value)

    return edit


BROKEN: list[tuple[str, Edit, int, str, str]] = [
    # CJ2026-002 (row 3) plans 28.63 for January.
    (
        "monthly plan off by 0.01",
        set_cell(3, "1月计划投资（万元）", "28.64"),
        3,
        "1–12月计划投资（万元）",
        "1–12月计划合计 670.50 与年度计划投资 670.49 不符（相差 0.01）",
    ),
    (
        "unknown category",
        set_cell(4, "类别", "城市美化"),
        4,
        "类别",
        "类别“城市美化”不在十大类别之内",
    ),
    (
        "code repeated within the file",
        set_cell(10, "项目编号", "CJ2026-002"),
        10,
        "项目编号",
        "与第3行的项目编号重复",
    ),
    (
        "code repeated in other letter case",
        set_cell(12, "项目编号", "cj2026-002"),
        12,
        "项目编号",
        "与第3行的项目编号重复",
    ),
    (
        "negative amount",
        set_cell(5, "5月计划投资（万元）", "-815.13"),
        5,
        "5月计划投资（万元）",
        "金额不能为负数",
    ),
    (
        "amount with 3 decimals",
        set_cell(6, "年度计划投资（万元）", "4022.985"),
        6,
        "年度计划投资（万元）",
        "金额最多保留两位小数（单位：万元）",
    ),
    ("missing column", drop_column("信息员"), 1, "信息员", "缺少此列"),
    ("unknown extra column", add_column("审批文号", "X-1"), 1, "审批文号", "未知的列"),
    (
        "words for a number",
        set_cell(7, "总投资（万元）", "一千万"),
        7,
        "总投资（万元）",
        "“一千万”不是有效的数字",
    ),
    (
        "impossible date",
        set_cell(8, "计划开工日期", "2026-02-30"),
        8,
        "计划开工日期",
        "日期“2026-02-30”不存在",
    ),
    (
        "text instead of a date",
        set_cell(15, "计划竣工日期", "明年年底"),
        15,
        "计划竣工日期",
        "“明年年底”不是日期",
    ),
    (
        "unknown 建设性质",
        set_cell(9, "建设性质", "改建"),
        9,
        "建设性质",
        "“改建”无效，只能是“在建”或“新开工”",
    ),
    ("empty required cell", set_cell(11, "项目名称", ""), 11, "项目名称", "不能为空"),
    ("empty 责任单位", set_cell(16, "责任单位", ""), 16, "责任单位", "不能为空"),
    # CJ2026-012 (row 13) plans 2346.74 this year.
    (
        "annual plan above total",
        set_cell(13, "总投资（万元）", "2346.73"),
        13,
        "年度计划投资（万元）",
        "年度计划投资 2346.74 超过总投资 2346.73 万元",
    ),
    # CJ2026-013 (row 14) starts 2026-05-11.
    (
        "completion before start",
        set_cell(14, "计划竣工日期", "2026-05-10"),
        14,
        "计划竣工日期",
        "计划竣工日期不能早于计划开工日期",
    ),
    (
        "试点 neither yes nor no",
        set_cell(17, "试点项目", "待定"),
        17,
        "试点项目",
        "“待定”无效，只能填“是”或“否”",
    ),
]


@pytest.mark.parametrize(
    ("edit", "row", "column", "reason"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_a_file_with_one_broken_cell_is_refused_naming_row_column_and_reason(
    store: TrackerApp, edit: Edit, row: int, column: str, reason: str
) -> None:
    rows = demo_rows()
    edit(rows)

    errors = rejected(store, csv_text(rows).encode("utf-8"))

    assert len(errors) == 1, errors
    assert (errors[0].row, errors[0].column) == (row, column)
    assert reason in errors[0].message
    assert str(errors[0]) == f"第{row}行 {column}：{errors[0].message}"
    assert store.register.projects() == []


def test_a_broken_xlsx_is_refused_the_same_way_as_a_broken_csv(store: TrackerApp) -> None:
    rows = demo_rows()
    set_cell(3, "1月计划投资（万元）", "28.64")(rows)

    errors = rejected(store, xlsx_bytes(rows))

    assert [(e.row, e.column) for e in errors] == [(3, "1–12月计划投资（万元）")]
    assert "相差 0.01" in errors[0].message


def test_a_code_already_in_the_store_is_refused_and_the_store_unchanged(store: TrackerApp) -> None:
    header, *rows = demo_rows()
    store.project_lists.import_file(2026, csv_text([header, rows[6]]).encode("utf-8"), "cli:test")
    assert [row.code for row in store.register.projects()] == ["CJ2026-007"]

    errors = rejected(store, DEMO_CSV.read_bytes())

    assert errors == [RowError(8, "项目编号", "项目编号“CJ2026-007”已存在")]
    assert [row.code for row in store.register.projects()] == ["CJ2026-007"]


def test_a_file_with_several_errors_lists_every_one_in_row_order(store: TrackerApp) -> None:
    rows = demo_rows()
    set_cell(3, "类别", "城市美化")(rows)
    set_cell(20, "总投资（万元）", "一千万")(rows)
    set_cell(20, "计划开工日期", "2026-02-30")(rows)
    set_cell(40, "建设性质", "改建")(rows)

    errors = rejected(store, csv_text(rows).encode("utf-8"))

    assert [(e.row, e.column) for e in errors] == [
        (3, "类别"),
        (20, "总投资（万元）"),
        (20, "计划开工日期"),
        (40, "建设性质"),
    ]


def test_several_header_problems_are_listed_together(store: TrackerApp) -> None:
    rows = demo_rows()
    drop_column("信息员")(rows)
    drop_column("备注")(rows)
    add_column("审批文号", "")(rows)

    errors = rejected(store, csv_text(rows).encode("utf-8"))

    assert sorted((e.row, e.column, e.message) for e in errors) == [
        (1, "信息员", "缺少此列"),
        (1, "备注", "缺少此列"),
        (1, "审批文号", "未知的列，请使用附件1模板"),
    ]


# -- files that are not a project list at all ---


def test_a_picture_is_refused_with_a_chinese_message(store: TrackerApp) -> None:
    errors = rejected(store, png_bytes())

    assert [(e.row, e.column) for e in errors] == [(0, "文件")]
    assert "请保存为UTF-8 CSV或XLSX" in errors[0].message


def test_a_damaged_xlsx_is_refused_with_a_chinese_message(store: TrackerApp) -> None:
    damaged = xlsx_bytes(demo_rows())[:2000]

    errors = rejected(store, damaged)

    assert errors == [RowError(0, "文件", "XLSX文件已损坏或无法读取")]


def test_an_empty_file_is_refused(store: TrackerApp) -> None:
    assert rejected(store, b"") == [RowError(1, "文件", "文件是空的")]


def test_a_header_without_projects_is_refused(store: TrackerApp) -> None:
    header = demo_rows()[0]

    assert rejected(store, csv_text([header]).encode("utf-8")) == [
        RowError(2, "文件", "文件中没有项目")
    ]


# -- defects found by these tests, fixed since ---


def test_a_unit_name_longer_than_60_characters_is_named_by_row_and_column(
    store: TrackerApp,
) -> None:
    rows = demo_rows()
    set_cell(3, "责任单位", "区" * 61)(rows)

    errors = rejected(store, csv_text(rows).encode("utf-8"))

    assert [(e.row, e.column) for e in errors] == [(3, "责任单位")]


def test_a_row_with_more_cells_than_the_header_is_refused(store: TrackerApp) -> None:
    rows = demo_rows()
    set_cell(3, "备注", "一期")(rows)
    rows[2].append("二期")  # 备注 written as 一期,二期 without quotes

    errors = rejected(store, csv_text(rows).encode("utf-8"))

    assert [e.row for e in errors] == [3]


def test_empty_columns_after_the_last_header_are_ignored(store: TrackerApp) -> None:
    rows = [[*row, "", ""] for row in demo_rows()]

    store.project_lists.import_file(2026, csv_text(rows).encode("utf-8"), "cli:test")

    assert register(store) == expected_register()
