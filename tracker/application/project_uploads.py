"""Uploading a 附件1 file in two steps: check and preview it, then register all of it.

Between the steps the file is kept by its sha256 under the files dir, so the
confirmation registers exactly the bytes that were previewed, checked again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tracker.application.directory import Directory
from tracker.application.issuing import keep_file
from tracker.application.project_list import (
    ProjectListRejected,
    RowError,
    parse_project_list,
    read_rows,
    total_annual_plan,
)
from tracker.domain.errors import NotFound
from tracker.domain.spec import ProjectSpec

STAGING = "project-lists"  # under the files dir; apart from attachments and issued reports
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ListPreview:
    """A checked file: what confirming it would register."""

    sha256: str
    rows: list[tuple[int, ProjectSpec]]  # (row number, spec)
    new_units: list[str]

    @property
    def total_investment(self) -> Decimal:
        return sum((spec.total_investment for _, spec in self.rows), Decimal("0.00"))

    @property
    def annual_plan(self) -> Decimal:
        return total_annual_plan([spec for _, spec in self.rows])


class ProjectListUploads(Directory):
    """Preview a project list with every error, then register it all or nothing."""

    files_dir: Path

    def preview_project_list(self, year: int, data: bytes) -> ListPreview:
        """Check the whole file (ProjectListRejected lists every error); keep it for confirming."""
        rows = self._checked_rows(year, data)
        sha256 = hashlib.sha256(data).hexdigest()
        keep_file(self.files_dir / STAGING, sha256, data)
        known = set(self.list_units())
        new_units = sorted({spec.unit for _, spec in rows} - known)
        return ListPreview(sha256, rows, new_units)

    def confirm_project_list(self, year: int, sha256: str, actor: str) -> list[ProjectSpec]:
        """Register every project of a previewed file in one transaction, checked again."""
        path = self._staged(sha256)
        rows = self._checked_rows(year, path.read_bytes())
        specs = [spec for _, spec in rows]
        self.register_projects(year, specs, actor)
        path.unlink(missing_ok=True)
        return specs

    def _checked_rows(self, year: int, data: bytes) -> list[tuple[int, ProjectSpec]]:
        """Every row parsed, or every error at once: the file's own and codes already taken."""
        self.campaign(year)
        cells = read_rows(data)
        taken = self._taken_codes(cells)
        try:
            rows = parse_project_list(cells)
        except ProjectListRejected as rejected:
            errors = sorted([*rejected.errors, *taken], key=lambda error: error.row)
            raise ProjectListRejected(errors) from None
        if taken:
            raise ProjectListRejected(taken)
        return rows

    def _taken_codes(self, cells: list[list[str]]) -> list[RowError]:
        """Rows whose 项目编号 is registered already, read apart from the other checks."""
        header = [cell.strip().lstrip("\ufeff") for cell in cells[0]] if cells else []
        if "项目编号" not in header:
            return []
        column = header.index("项目编号")
        registered = {row["code"].upper() for row in self.list_projects()}
        return [
            RowError(number, "项目编号", f"项目编号“{row[column].strip()}”已存在")
            for number, row in enumerate(cells[1:], start=2)
            if column < len(row) and row[column].strip().upper() in registered
        ]

    def _staged(self, sha256: str) -> Path:
        missing = NotFound("找不到待确认的项目清单文件，请重新上传")
        if not _HASH.fullmatch(sha256):
            raise missing
        path = self.files_dir / STAGING / sha256[:2] / sha256[2:]
        if not path.is_file():
            raise missing
        return path
