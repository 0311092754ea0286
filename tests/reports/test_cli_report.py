"""``tracker report PERIOD --out FILE.pdf|.xlsx [--unit U] [--as-of TIME] [--issue]``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.conftest import DEMO_CSV
from tests.reports.conftest import pdf_text, squeeze
from tracker.cli import main


@pytest.fixture
def tracker(database_url: str, tmp_path: Path, frozen):
    env = {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        "TRACKER_FILES_DIR": str(tmp_path / "files"),
    }

    def run(*args: str) -> Result:
        return CliRunner(env=env).invoke(main, list(args))

    assert run("init").exit_code == 0
    assert (
        run("campaign", "create", "2026", "--district", "某区", "--target", "350000").exit_code == 0
    )
    assert run("import-projects", str(DEMO_CSV), "--campaign", "2026").exit_code == 0
    return run


def test_the_report_is_written_as_pdf_and_as_xlsx(tracker, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "月报表.pdf", tmp_path / "月报表.xlsx"

    first = tracker("report", "2026-01-H1", "--out", str(pdf), "--as-of", "2026-01-05T10:00")
    second = tracker("report", "2026-01-H1", "--out", str(xlsx), "--unit", "区城管局")

    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert "已生成" in first.output
    assert "数据截至2026-01-0510:00" in squeeze(pdf_text(pdf.read_bytes()))
    assert xlsx.read_bytes().startswith(b"PK")


def test_issue_keeps_the_file_and_prints_its_hash(tracker, tmp_path: Path, frozen) -> None:
    frozen(2026, 1, 16, 9, 0)
    out = tmp_path / "签发.pdf"

    result = tracker("report", "2026-01-H1", "--out", str(out), "--issue")

    assert result.exit_code == 0, result.output
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert f"sha256 {digest}" in result.output
    assert (tmp_path / "files" / digest[:2] / digest[2:]).read_bytes() == out.read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2026-01-H1", "--out", "x.docx"], ".pdf 或 .xlsx"),
        (["2026-13-H1", "--out", "x.pdf"], "月份不存在"),
        (["2026-01-H1", "--out", "x.pdf", "--unit", "无此单位"], "无此单位"),
        (["2026-01-H1", "--out", "x.pdf", "--as-of", "昨天"], "不是有效的时间"),
        (["2026-01-H1", "--out", "x.xlsx", "--issue"], "签发只能生成"),
        (["2026-01-H2", "--out", "x.pdf", "--issue"], "尚未截止"),
    ],
)
def test_bad_input_exits_non_zero_with_a_chinese_message(
    tracker, tmp_path: Path, args: list[str], message: str
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = tracker("report", *args)

    assert result.exit_code != 0
    assert message in result.output
