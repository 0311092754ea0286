"""``tracker audit verify|head|check-file``, run as a user would, on SQLite and PostgreSQL.

The store is altered behind the application's back with raw SQL; each time
``tracker audit verify`` exits non-zero and names the first broken position.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import reports
from tests.application import tampering as t
from tests.reports.conftest import pdf_text
from tracker.application.app import TrackerApp
from tracker.cli import main


@pytest.fixture
def tracker(database_url: str, tmp_path: Path):
    env = {"TRACKER_DATABASE_URL": database_url, "TRACKER_VAR_DIR": str(tmp_path / "var")}

    def run(*args: str) -> Result:
        return CliRunner(env=env).invoke(main, list(args))

    return run


@pytest.fixture
def history(campaign: TrackerApp, frozen) -> t.History:
    return t.lay_down(campaign, frozen)


def test_an_untouched_store_verifies_with_exit_0_the_count_and_the_head(history, tracker) -> None:
    app = history.app
    result = tracker("audit", "verify")

    assert result.exit_code == 0, result.output
    assert f"账本完好：已校验 {t.last_id(app)} 个事件（sha256）" in result.output
    assert f"链头 {app.audit.head().link}（第 {t.last_id(app)} 号事件）" in result.output
    assert "读模型与事件日志相符" in result.output
    shown = json.loads(tracker("audit", "verify", "--json").output)
    assert shown["ok"] is True and shown["events"] == t.last_id(app)
    assert shown["head"] == app.audit.head().link and shown["breaks"] == []


def broken_at(result: Result, nid: int) -> str:
    """The line naming the first broken position; it must be ``nid``."""
    assert result.exit_code == 1, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("首个异常位置："))
    assert line.startswith(f"首个异常位置：第 {nid} 号事件"), line
    assert not line[len(f"首个异常位置：第 {nid}") :].startswith(tuple("0123456789"))
    return line


def test_one_byte_changed_in_one_events_state(history, tracker) -> None:
    app = history.app
    version = t.version_of(app, t.OWN, "ReportSubmitted")
    nid = t.position(app, t.OWN, version)
    t.change_byte(app, nid, b'"5.00"', b'"9.00"')

    line = broken_at(tracker("audit", "verify"), nid)

    assert f"项目 {t.OWN}，第 {version} 版，报送半月报，2026-01-12 09:00" in line
    assert "内容与账本链不符" in line


def test_a_middle_event_deleted(history, tracker) -> None:
    app = history.app
    version = t.version_of(app, t.OWN, "ReportCorrected")
    nid = t.position(app, t.OWN, version)
    t.delete_event(app, nid)

    result = tracker("audit", "verify")
    line = broken_at(result, nid)

    assert f"项目 {t.OWN}，第 {version} 版，更正半月报，2026-01-13 09:00" in line
    assert "已从事件日志中删除" in line
    assert f"项目 {t.OWN}：读模型有 3 个报送版本，事件日志中有 2 个" in result.output


def test_the_last_event_deleted(history, tracker) -> None:
    app = history.app
    nid = t.last_id(app)
    t.delete_event(app, nid)

    line = broken_at(tracker("audit", "verify"), nid)

    assert f"项目 {t.OTHER}，第 3 版，报送半月报，2026-01-27 09:00" in line
    assert "已从事件日志中删除" in line


def test_the_last_event_deleted_with_its_link_after_a_passed_verification(history, tracker) -> None:
    app = history.app
    assert tracker("audit", "verify").exit_code == 0
    nid = t.last_id(app)
    t.delete_event(app, nid)
    t.delete_link(app, nid)

    result = tracker("audit", "verify")
    line = broken_at(result, nid)

    assert "上次校验通过时的链头已不在账本链中" in line
    assert f"项目 {t.OTHER}：读模型有 2 个报送版本，事件日志中有 1 个" in result.output


def test_a_forged_event_inserted(history, tracker) -> None:
    nid = t.insert_forged(history.app, t.OWN)

    line = broken_at(tracker("audit", "verify"), nid)

    assert f"项目 {t.OWN}，第 5 版，报送半月报" in line
    assert "不在账本链中" in line


def test_two_events_swapped(history, tracker) -> None:
    app = history.app
    first = t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportSubmitted"))
    second = t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportCorrected"))
    t.swap(app, first, second)

    result = tracker("audit", "verify")
    line = broken_at(result, first)

    assert "内容与账本链不符" in line
    assert f"第 {second} 号事件" in result.output  # the other place breaks too


def test_the_json_names_the_break_too(history, tracker) -> None:
    nid = t.insert_forged(history.app, t.OWN)
    result = tracker("audit", "verify", "--json")

    shown = json.loads(result.output)
    assert result.exit_code == 1 and shown["ok"] is False
    assert shown["breaks"][0]["notification_id"] == nid
    assert shown["breaks"][0]["problem"] == "inserted" and shown["breaks"][0]["code"] == t.OWN
    assert shown["messages"][0].startswith(f"第 {nid} 号事件（项目 {t.OWN}")


def test_the_signed_pdf_prints_the_head_as_of_its_moment(history, tracker) -> None:
    app, issued = history.app, history.issued
    kept = app.issued.file(issued.sha256)
    printed = re.search(r"账本链头 ([0-9a-f]{64})", pdf_text(kept))[1]

    head = tracker("audit", "head", "--at", issued.as_of.isoformat())

    assert head.exit_code == 0, head.output
    assert head.output.splitlines()[0] == printed == issued.chain_head
    assert printed != app.audit.head().link  # later events moved the head on
    assert reports.render_report(app, t.H1, "pdf", as_of=issued.as_of) == kept


def test_head_without_at_is_the_head_now(history, tracker) -> None:
    result = tracker("audit", "head")
    assert result.output.splitlines()[0] == history.app.audit.head().link
    assert f"第 {t.last_id(history.app)} 号事件之后" in result.output


def test_check_file_recognises_an_issued_pdf(history, tracker, tmp_path: Path) -> None:
    app, issued = history.app, history.issued
    pdf = tmp_path / "签发件.pdf"
    pdf.write_bytes(app.issued.file(issued.sha256))

    result = tracker("audit", "check-file", str(pdf))

    assert result.exit_code == 0, result.output
    assert "一致" in result.output and issued.sha256 in result.output
    assert f"签发的月报表：全区 {t.H1.label}，数据截至 2026-01-15 10:00" in result.output
    assert "由 bureau 签发" in result.output
    assert f"签发时的链头 {issued.chain_head}" in result.output


def test_check_file_recognises_an_attachment(history, tracker, tmp_path: Path) -> None:
    minutes = tmp_path / "纪要.pdf"
    minutes.write_bytes(t.MINUTES)

    result = tracker("audit", "check-file", str(minutes))

    assert result.exit_code == 0, result.output
    assert f"附件：项目 {t.OWN} 的 {t.H1.label}半月报，会议纪要“会议纪要.pdf”" in result.output


def test_check_file_refuses_a_pdf_with_one_byte_changed(history, tracker, tmp_path: Path) -> None:
    data = bytearray(history.app.issued.file(history.issued.sha256))
    data[len(data) // 2] ^= 0x01
    forged = tmp_path / "改过.pdf"
    forged.write_bytes(bytes(data))

    result = tracker("audit", "check-file", str(forged))

    assert result.exit_code == 1
    assert "不一致" in result.output and "都不相同" in result.output


def test_init_computes_the_chain_once_for_a_store_that_has_none(history, tracker) -> None:
    app = history.app
    count = t.last_id(app)
    for nid in range(1, count + 1):
        t.delete_link(app, nid)
    assert "账本链尚未建立" in tracker("audit", "verify").output

    first, second = tracker("init"), tracker("init")

    assert f"已为现有的 {count} 个事件建立账本链（sha256）" in first.output, first.output
    assert "建立账本链" not in second.output
    assert tracker("audit", "verify").exit_code == 0


def test_an_unknown_or_missing_hash_is_refused_in_chinese(tracker, database_url, tmp_path) -> None:
    assert tracker("init").exit_code == 0
    env = {"TRACKER_DATABASE_URL": database_url, "TRACKER_CHAIN_HASH": "md5"}

    result = CliRunner(env=env).invoke(main, ["audit", "head"])

    assert result.exit_code == 1
    assert "错误：不支持的账本哈希算法“md5”，只能是 sha256 或 sm3" in result.output
