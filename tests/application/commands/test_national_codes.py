"""项目代码: the national platform's code, optional, checked, unique within a campaign."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from tests.conftest import DEMO_CSV
from tracker.application.app import TrackerApp
from tracker.application.jsonable import project_json
from tracker.application.project_list import ProjectListRejected
from tracker.domain.errors import Conflict
from tracker.domain.spec import ProjectSpec

FIRST, SECOND = "2026-330102-48-01-000101", "2025-330102-78-01-000202"


def demo_with_codes(*codes: str) -> bytes:
    """The demo list with a 项目代码 column: the given codes on the first rows, the rest blank."""
    rows = list(csv.reader(io.StringIO(DEMO_CSV.read_text(encoding="utf-8-sig"))))
    rows[0].append("项目代码")
    for number, row in enumerate(rows[1:]):
        row.append(codes[number] if number < len(codes) else "")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def rejected(app: TrackerApp, data: bytes) -> list[str]:
    with pytest.raises(ProjectListRejected) as refusal:
        app.project_lists.import_file(2026, data, "bureau")
    return [str(error) for error in refusal.value.errors]


def test_an_imported_code_is_on_the_register_and_in_the_api_json(app: TrackerApp, frozen) -> None:
    app.campaigns.create(2026, "某区", "350000", "bureau")
    app.project_lists.import_file(2026, demo_with_codes(FIRST, "", SECOND), "bureau")

    assert app.register.project("CJ2026-001").national_code == FIRST
    assert app.register.project("CJ2026-002").national_code == ""
    assert project_json(app.register.project("CJ2026-003"))["national_code"] == SECOND
    assert app.register.national_codes(2026) == {FIRST: "CJ2026-001", SECOND: "CJ2026-003"}


def test_a_code_of_the_wrong_shape_is_refused_with_its_row_and_column(
    app: TrackerApp, frozen
) -> None:
    app.campaigns.create(2026, "某区", "350000", "bureau")

    errors = rejected(
        app, demo_with_codes("", "2026-33010-48-01-000101", "２０２６-330102-48-01-000101")
    )

    assert errors[0].startswith("第3行 项目代码：项目代码“2026-33010-48-01-000101”格式不对")
    assert errors[1].startswith("第4行 项目代码：")
    assert app.register.is_empty()


def test_a_code_twice_in_a_file_or_already_used_in_the_campaign_is_refused(
    campaign: TrackerApp,
) -> None:
    app = campaign
    assert "第3行 项目代码：与第2行的项目代码重复" in rejected(app, demo_with_codes(FIRST, FIRST))

    spec = ProjectSpec(
        **{**vars(first_spec()), "code": "CJ2026-101", "national_code": FIRST}  # type: ignore[arg-type]
    )
    app.projects.register(2026, [spec], "bureau")
    with pytest.raises(Conflict, match=FIRST):
        app.projects.register(2026, [replace(spec, code="CJ2026-102")], "bureau")
    assert app.register.project("CJ2026-101").national_code == FIRST
    assert "第2行 项目代码：项目代码已由项目“CJ2026-101”使用" in rejected(
        app, demo_with_codes(FIRST)
    )


def first_spec() -> ProjectSpec:
    from tracker.application.project_list import parse_project_list, read_rows

    return parse_project_list(read_rows(DEMO_CSV.read_bytes()))[0][1]
