"""Spreadsheet layouts with openpyxl: numbers stay numbers, headers stay in view.

Money is written as Decimal, which openpyxl stores as a number (never as
text), with a two-decimal format; rates are fractions shown as percentages.
Columns are as wide as their Chinese text (a CJK character counts twice).
The saved file carries the report's as-of time instead of the save time, so
it is reproducible too.

Text is always text: a name, a 形象进度 or an answer a unit typed is written as
a string cell even when it starts with ``=`` (openpyxl would make that a
formula), and one starting like a formula (``= + - @``, tab, CR, LF) carries
Excel's quote prefix, so editing the cell in Excel does not turn it into one.
A CR is written as ``&#13;``: a bare CR in XML is read back as a line feed.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {
    "money": "#,##0.00", "percent": "0.00%", "integer": "0", "ratio": "0.0000", "points": "0.0",
}  # fmt: skip
FONT = "等线"
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {
    "header": PatternFill("solid", fgColor="DDE4EE"),
    "subtotal": PatternFill("solid", fgColor="EEF2F7"),
    "total": PatternFill("solid", fgColor="FFF2CC"),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = "text"  # text | money | percent | integer
    wrap: int | None = None  # a long-text column wraps at this many character widths


@dataclass(frozen=True)
class Row:
    style: str | None  # None, "subtotal" or "total"
    cells: list[object]


class Book:
    """A workbook of report tables, saved reproducibly."""

    def __init__(self, as_of: datetime) -> None:
        self.as_of = as_of.astimezone(UTC).replace(microsecond=0)
        self.workbook = Workbook()
        self.workbook.remove(self.workbook.active)
        naive = self.as_of.replace(tzinfo=None)
        self.workbook.properties.created = naive
        self.workbook.properties.creator = "城建战役投资追踪"

    def sheet(
        self,
        name: str,
        title: str,
        notes: Sequence[str],
        columns: Sequence[Column],
        rows: Sequence[Row],
        merge_label: int = 0,
    ) -> Worksheet:
        """A titled table; ``merge_label`` columns are merged for subtotal and total labels."""
        sheet = self.workbook.create_sheet(name)
        width = len(columns)
        for number, text in enumerate([title, *notes], start=1):
            put(sheet, number, 1, text).font = Font(
                name=FONT, bold=number == 1, size=14 if number == 1 else 10
            )
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=width)
        header = len(notes) + 2
        for index, column in enumerate(columns, start=1):
            cell = put(sheet, header, index, column.title)
            cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), FILLS["header"], BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for offset, row in enumerate(rows, start=1):
            write_row(sheet, header + offset, columns, row, merge_label)
        sheet.freeze_panes = sheet.cell(header + 1, 1)
        sheet.print_title_rows = f"{header}:{header}"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        fit_widths(sheet, columns, rows, merge_label)
        return sheet

    def save(self) -> bytes:
        raw = io.BytesIO()
        self.workbook.save(raw)
        return stamped(raw.getvalue(), self.as_of)


def write_row(
    sheet: Worksheet, number: int, columns: Sequence[Column], row: Row, merge_label: int
) -> None:
    for index, (column, value) in enumerate(zip(columns, row.cells, strict=True), start=1):
        if column.kind == "percent" and isinstance(value, Decimal):
            value = value / 100  # exact: a percentage with two decimals
        cell = put(sheet, number, index, value)
        cell.border = BORDER
        cell.font = Font(name=FONT, bold=row.style is not None)
        if row.style:
            cell.fill = FILLS[row.style]
        if column.kind in FORMATS:
            cell.number_format = FORMATS[column.kind]
            cell.alignment = Alignment(horizontal="right", vertical="top")
        else:
            cell.alignment = Alignment(vertical="top", wrap_text=column.wrap is not None)
    if row.style and merge_label > 1:
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=merge_label)


def put(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """The cell at ``row``, ``column`` holding ``value``; a text is a string, never a formula."""
    cell = sheet.cell(row, column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl has just made a text starting with "=" a formula
        cell.quotePrefix = value.startswith(FORMULA_STARTS)
    return cell


def fit_widths(
    sheet: Worksheet, columns: Sequence[Column], rows: Sequence[Row], merge_label: int
) -> None:
    """Each column as wide as its widest cell; long text wraps at the column's cap."""
    for index, column in enumerate(columns):
        header = (display_width(column.title) + 1) // 2 + 2  # headers wrap onto two lines
        cells = [
            display_width(shown(row.cells[index], column.kind))
            for row in rows
            if not (row.style and index < merge_label)
        ]
        width = max([header, *(c + 2 for c in cells)])
        if column.wrap:
            width = min(width, column.wrap)
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(width, 6)


def shown(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if kind == "percent" and isinstance(value, Decimal):
        return f"{value:.2f}%"
    return str(value)


def display_width(text: str) -> int:
    """Columns a text needs: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def stamped(data: bytes, moment: datetime) -> bytes:
    """The same workbook with every time in it set to ``moment`` (openpyxl writes 'now')."""
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    when = max(moment, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            elif item.filename.startswith("xl/worksheets/"):
                content = content.replace(b"\r", b"&#13;")  # only ever inside a text
            target.writestr(zipfile.ZipInfo(item.filename, when), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()
