"""Uploading a 附件1 file in two steps: a preview that writes nothing, then all or nothing."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from sqlalchemy import text

from tests.conftest import DEMO_CSV
from tracker.application.project_list import ProjectListRejected
from tracker.domain.errors import NotFound


def stored_events(app) -> int:
    with app.store.engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM tracker_events")).scalar_one()


def project_list(codes: list[str], **changes: str) -> bytes:
    """The first demo projects under ``codes``; ``changes`` set a column in every row."""
    with DEMO_CSV.open(encoding="utf-8-sig") as file:
        demo = list(csv.DictReader(file))[: len(codes)]
    rows = [{**row, "项目编号": code, **changes} for code, row in zip(codes, demo, strict=True)]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_preview_writes_no_event_and_confirming_registers_every_project(campaign) -> None:
    before = stored_events(campaign)
    preview = campaign.project_lists.preview(2026, project_list(["N-1", "N-2", "N-3"]))

    assert stored_events(campaign) == before
    assert [(number, spec.code) for number, spec in preview.rows] == [
        (2, "N-1"),
        (3, "N-2"),
        (4, "N-3"),
    ]
    assert preview.annual_plan == sum((s.annual_plan for _, s in preview.rows), Decimal("0.00"))
    assert preview.new_units == []

    specs = campaign.project_lists.confirm(2026, preview.sha256, "bureau")
    assert len(specs) == 3 and stored_events(campaign) == before + 3
    assert campaign.projects.load("N-2").registered_by == "bureau"
    with pytest.raises(NotFound, match="请重新上传"):  # the kept file is used up
        campaign.project_lists.confirm(2026, preview.sha256, "bureau")


def test_every_error_is_listed_together_with_codes_already_taken(campaign) -> None:
    data = project_list(["N-1", "cj2026-004"], 类别="城市美化")
    with pytest.raises(ProjectListRejected) as rejected:
        campaign.project_lists.preview(2026, data)
    assert [(e.row, e.column) for e in rejected.value.errors] == [
        (2, "类别"),
        (3, "类别"),
        (3, "项目编号"),
    ]


def test_a_new_unit_is_named_in_the_preview(campaign) -> None:
    preview = campaign.project_lists.preview(2026, project_list(["N-1"], 责任单位="区水务局"))
    assert preview.new_units == ["区水务局"]


def test_a_code_registered_between_preview_and_confirm_stops_the_whole_file(campaign) -> None:
    preview = campaign.project_lists.preview(2026, project_list(["N-1", "N-2"]))
    campaign.projects.register(2026, [preview.rows[1][1]], "another-bureau-user")
    before = stored_events(campaign)
    with pytest.raises(ProjectListRejected, match="1 处错误"):
        campaign.project_lists.confirm(2026, preview.sha256, "bureau")
    assert stored_events(campaign) == before
    assert "N-1" not in [row.code for row in campaign.register.projects()]


def test_only_a_kept_file_can_be_confirmed(campaign) -> None:
    for sha256 in ("../../etc/passwd", "0" * 64):
        with pytest.raises(NotFound):
            campaign.project_lists.confirm(2026, sha256, "bureau")


def test_an_unknown_campaign_is_refused(campaign) -> None:
    with pytest.raises(NotFound, match="2027"):
        campaign.project_lists.preview(2027, project_list(["N-1"]))
