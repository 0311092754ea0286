"""Registering a 附件1 project list: at once from a file, or previewed first and then confirmed.

Between preview and confirmation the file is kept by its sha256 in the file
store, so the confirmation registers exactly the bytes that were previewed,
checked again.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tracker.application.commands.campaigns import load_campaign
from tracker.application.commands.projects import ProjectCommands
from tracker.application.files import FileStore
from tracker.application.project_list import (
    ProjectListRejected,
    RowError,
    parse_project_list,
    read_rows,
    total_annual_plan,
)
from tracker.application.queries.register import Register
from tracker.application.store import Store
from tracker.domain.spec import ProjectSpec

STAGING = "project-lists"  # kept apart from attachments and issued reports


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


class ProjectListCommands:
    """A whole project list registered all or nothing, every error listed at once."""

    def __init__(
        self, store: Store, files: FileStore, projects: ProjectCommands, register: Register
    ) -> None:
        self.store = store
        self.staged = files.within(STAGING)
        self.projects = projects
        self.register = register

    def import_file(self, year: int, data: bytes, actor: str) -> list[ProjectSpec]:
        """Check the whole file, then register every project in one transaction."""
        specs = [spec for _, spec in self.checked_rows(year, data)]
        self.projects.register(year, specs, actor)
        return specs

    def preview(self, year: int, data: bytes) -> ListPreview:
        """Check the whole file (ProjectListRejected lists every error); keep it for confirming."""
        rows = self.checked_rows(year, data)
        sha256 = self.staged.put(data)
        new_units = sorted({spec.unit for _, spec in rows} - set(self.register.units()))
        return ListPreview(sha256, rows, new_units)

    def confirm(self, year: int, sha256: str, actor: str) -> list[ProjectSpec]:
        """Register every project of a previewed file in one transaction, checked again."""
        data = self.staged.read(sha256, "找不到待确认的项目清单文件，请重新上传")
        specs = self.import_file(year, data, actor)
        self.staged.remove(sha256)
        return specs

    def checked_rows(self, year: int, data: bytes) -> list[tuple[int, ProjectSpec]]:
        """Every row parsed, or every error at once: the file's own and codes already taken."""
        load_campaign(self.store, year)
        cells = read_rows(data)
        taken = [*self.taken_codes(cells), *self.taken_national_codes(year, cells)]
        try:
            rows = parse_project_list(cells)
        except ProjectListRejected as rejected:
            errors = sorted([*rejected.errors, *taken], key=lambda error: error.row)
            raise ProjectListRejected(errors) from None
        if taken:
            raise ProjectListRejected(taken)
        return rows

    def taken_national_codes(self, year: int, cells: list[list[str]]) -> list[RowError]:
        """Rows whose 项目代码 another project of the campaign has already."""
        header = [cell.strip().lstrip("\ufeff") for cell in cells[0]] if cells else []
        if "项目代码" not in header:
            return []
        column, held = header.index("项目代码"), self.register.national_codes(year)
        return [
            RowError(number, "项目代码", f"项目代码已由项目“{held[text]}”使用")
            for number, row in enumerate(cells[1:], start=2)
            if column < len(row) and (text := row[column].strip()) in held
        ]

    def taken_codes(self, cells: list[list[str]]) -> list[RowError]:
        """Rows whose 项目编号 is registered already, read apart from the other checks."""
        header = [cell.strip().lstrip("\ufeff") for cell in cells[0]] if cells else []
        if "项目编号" not in header:
            return []
        column = header.index("项目编号")
        registered = {row.code.upper() for row in self.register.projects()}
        return [
            RowError(number, "项目编号", f"项目编号“{row[column].strip()}”已存在")
            for number, row in enumerate(cells[1:], start=2)
            if column < len(row) and row[column].strip().upper() in registered
        ]
