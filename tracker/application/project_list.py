"""The 附件1 project list: read a CSV or XLSX file into specs, or list every error.

The whole file is checked before anything is written; each error names the
row (as the spreadsheet numbers it, header = 1), the column and the reason.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.application.progress_columns import (
    PROGRESS_COLUMNS,
    PROGRESS_HEADERS,
    header_problems,
    progress_plan,
)
from tracker.domain.catalog import NATURES
from tracker.domain.dates import parse_day
from tracker.domain.errors import InvalidValue, TrackerError
from tracker.domain.money import parse_money
from tracker.domain.spec import TEXTS, ProjectSpec
from tracker.domain.text import clean_text

MONTH_COLUMNS = [f"{m}月计划投资（万元）" for m in range(1, 13)]
COLUMNS: dict[str, str] = {
    "项目编号": "code",
    "项目名称": "name",
    "类别": "category",
    "责任单位": "unit",
    "建设性质": "nature",
    "建设内容及规模": "scope",
    "总投资（万元）": "total_investment",
    "年度计划投资（万元）": "annual_plan",
    "计划开工日期": "planned_start",
    "计划竣工日期": "planned_completion",
    "项目负责人": "manager",
    "信息员": "reporter",
    "联系电话": "phone",
    **{column: f"month_{i}" for i, column in enumerate(MONTH_COLUMNS, 1)},
    "试点项目": "pilot",
    "备注": "remark",
}
#: columns a file may leave out
OPTIONAL: dict[str, str] = {"项目代码": "national_code"}
HEADER_OF = {field: header for header, field in {**COLUMNS, **OPTIONAL}.items()}
HEADER_OF["monthly_plan"] = "1–12月计划投资（万元）"
HEADER_OF.update(PROGRESS_HEADERS)
MAX_BYTES = 10 * 1024 * 1024
_TEXT_LIMITS = {"scope": 500, "manager": 40, "reporter": 40, "phone": 40, "remark": 500}


@dataclass(frozen=True)
class RowError:
    """One problem in the file: row number, column header, reason (Chinese)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 {self.column}：{self.message}"


class ProjectListRejected(TrackerError):
    """The file was refused whole; ``errors`` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"项目清单有 {len(errors)} 处错误，未导入任何项目", "file")
        self.errors = errors


def read_rows(data: bytes) -> list[list[str]]:
    """The file's rows as text cells. XLSX is recognised by content, not by name."""
    if len(data) > MAX_BYTES:
        raise ProjectListRejected([RowError(0, "文件", "文件超过10MB")])
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves GB18030
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ProjectListRejected(
            [RowError(0, "文件", "无法识别的文件编码，请保存为UTF-8 CSV或XLSX")]
        )
    if "\x00" in text:
        raise ProjectListRejected([RowError(0, "文件", "不是CSV或XLSX文件")])
    return [row for row in csv.reader(io.StringIO(text))]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ProjectListRejected([RowError(0, "文件", "XLSX文件已损坏或无法读取")]) from None
    sheet = book.worksheets[0]
    return [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # Excel keeps numbers as binary floats; the shortest repr is what was typed.
        return repr(value)
    return str(value).strip()


def parse_project_list(rows: list[list[str]]) -> list[tuple[int, ProjectSpec]]:
    """(row number, spec) for every data row, or ProjectListRejected listing every error."""
    if not rows:
        raise ProjectListRejected([RowError(1, "文件", "文件是空的")])
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    while header and not header[-1]:  # trailing empty columns (stray commas, formatted cells)
        header.pop()
    errors = _header_errors([column for column in header if column not in PROGRESS_COLUMNS])
    errors += [RowError(1, column, message) for column, message in header_problems(header)]
    if errors:
        raise ProjectListRejected(errors)
    specs: list[tuple[int, ProjectSpec]] = []
    first_row_of: dict[str, int] = {}
    national_row: dict[str, int] = {}  # 项目代码 → the first row that has it
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if any(cell.strip() for cell in cells[len(header) :]):
            errors.append(
                RowError(
                    number, "（表头以外）", "本行的单元格多于表头列数，请检查是否有未加引号的逗号"
                )
            )
            continue
        record = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        spec, row_errors = _parse_row(number, record)
        errors.extend(row_errors)
        if spec is None:
            continue
        if spec.code.upper() in first_row_of:
            seen = first_row_of[spec.code.upper()]
            errors.append(RowError(number, "项目编号", f"与第{seen}行的项目编号重复"))
        first_row_of.setdefault(spec.code.upper(), number)
        if spec.national_code in national_row:
            seen = national_row[spec.national_code]
            errors.append(RowError(number, "项目代码", f"与第{seen}行的项目代码重复"))
        if spec.national_code:
            national_row.setdefault(spec.national_code, number)
        specs.append((number, spec))
    if not specs and not errors:
        errors.append(RowError(2, "文件", "文件中没有项目"))
    if errors:
        raise ProjectListRejected(errors)
    return specs


def _header_errors(header: list[str]) -> list[RowError]:
    errors = [RowError(1, c, "缺少此列") for c in COLUMNS if c not in header]
    errors += [
        RowError(1, c or "（空列名）", "未知的列，请使用附件1模板")
        for c in header
        if c not in COLUMNS and c not in OPTIONAL
    ]
    errors += [RowError(1, c, "列名重复") for c in set(header) if c and header.count(c) > 1]
    return errors


def _parse_row(number: int, record: dict[str, str]) -> tuple[ProjectSpec | None, list[RowError]]:
    errors: list[RowError] = []
    values: dict[str, Any] = {}

    def take(column: str, parse: Any) -> None:
        try:
            values[COLUMNS[column]] = parse(record[column], column)
        except InvalidValue as error:
            errors.append(RowError(number, column, error.message))

    for column in ("项目编号", "项目名称", "类别"):
        take(column, _required)
    take("责任单位", _required_unit)
    take("建设性质", _nature)
    for column, field in COLUMNS.items():
        if field in _TEXT_LIMITS:
            take(column, _limited(_TEXT_LIMITS[field], TEXTS[field]))
    for column in ("总投资（万元）", "年度计划投资（万元）", *MONTH_COLUMNS):
        take(column, parse_money)
    values["progress_plan"], cells = progress_plan(record)
    errors += [RowError(number, column, message) for column, message in cells]
    take("计划开工日期", _date)
    take("计划竣工日期", _date)
    take("试点项目", _yes_no)
    if "项目代码" in record:
        values["national_code"] = record["项目代码"]  # checked with the spec
    if errors:
        return None, errors
    monthly = tuple(values.pop(f"month_{i}") for i in range(1, 13))
    spec = ProjectSpec(**values, monthly_plan=monthly)
    for error in spec.errors():
        errors.append(RowError(number, HEADER_OF.get(error.field or "", "项目"), error.message))
    return spec, errors


def _required(text: str, column: str) -> str:
    if not text:
        raise InvalidValue("不能为空", column)
    if len(text) > 100:
        raise InvalidValue("内容过长（最多100字）", column)
    return clean_text(text, column)


def _required_unit(text: str, column: str) -> str:
    if len(text) > 60:
        raise InvalidValue("责任单位名称过长（最多60字）", column)
    return _required(text, column)


def _limited(limit: int, lines: bool) -> Any:
    def parse(text: str, column: str) -> str:
        if len(text) > limit:
            raise InvalidValue(f"内容过长（最多{limit}字）", column)
        return clean_text(text, column, lines)

    return parse


def _nature(text: str, column: str) -> str:
    if text not in NATURES:
        raise InvalidValue(f"“{text}”无效，只能是“在建”或“新开工”", column)
    return NATURES[text]


def _date(text: str, column: str) -> date:
    return parse_day(text, column, sheet=True)


def _yes_no(text: str, column: str) -> bool:
    if text in ("是", "Y", "y", "1"):
        return True
    if text in ("否", "", "N", "n", "0"):
        return False
    raise InvalidValue(f"“{text}”无效，只能填“是”或“否”", column)


def total_annual_plan(specs: list[ProjectSpec]) -> Decimal:
    return sum((spec.annual_plan for spec in specs), Decimal("0.00"))
