"""``tracker channel`` and ``tracker remind`` as cron would run them, on SQLite and PostgreSQL."""

# ruff: noqa: F811 -- the fixtures imported from tests.receivers are parameters here

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.receivers import Robots, robots  # noqa: F401
from tracker.application.app import TrackerApp
from tracker.cli import main

AT = "2026-01-11T09:00+08:00"  # three days before 第1期's deadline: all 14 units owe reports


@pytest.fixture
def env(database_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_VAR_DIR": str(tmp_path / "var"),
        "TRACKER_BASE_URL": "http://tracker.example",
    }


@pytest.fixture
def tracker(env: dict[str, str]):
    def run(*args: str):
        return CliRunner(env=env).invoke(main, list(args))

    return run


@pytest.fixture
def robot_per_unit(campaign: TrackerApp, robots: Robots) -> dict[str, str]:
    keys = {unit: f"u{n:02d}" for n, unit in enumerate(campaign.register.units(), 1)}
    for unit, key in keys.items():
        campaign.channels.add(unit, "wecom", robots.wecom(key), "", "cli:test")
    return keys


#: ``tracker remind`` held at two lines: at the start (imports done) until the go file, and
#: once it has worked out what is due until the other process has too, so both try to raise
#: the same notices at the same moment (the worst case, every time)
LAUNCHER = """
import sys, time
from pathlib import Path
from tracker.application.reminders.due import Due
from tracker.cli import main
folder, me, other, at = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def wait_for(name):
    while not (folder / name).exists():
        time.sleep(0.002)
worked_out = Due.digests
def digests(self, moment):
    found = worked_out(self, moment)
    (folder / f"due-{me}").touch()
    wait_for(f"due-{other}")
    return found
Due.digests = digests
(folder / f"ready-{me}").touch()
wait_for("go")
main(["remind", "--at", at])
"""


def test_two_remind_processes_started_at_once_send_each_notice_once(
    robot_per_unit,
    robots,
    env,
    tmp_path,
) -> None:
    both = []
    for me, other in (("a", "b"), ("b", "a")):
        command = [sys.executable, "-c", LAUNCHER, str(tmp_path), me, other, AT]
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=subprocess.PIPE, text=True
        )
        both.append(process)
    while not all((tmp_path / f"ready-{me}").exists() for me in "ab"):
        time.sleep(0.01)
    (tmp_path / "go").touch()  # both at the same moment
    outputs = [process.communicate(timeout=60)[0] for process in both]

    assert [process.returncode for process in both] == [0, 0], outputs
    assert sorted(robots.keys()) == sorted(robot_per_unit.values())  # 14 messages, one each
    assert all("按 2026-01-11 09:00 判断，14 位收件人有新提醒" in out for out in outputs)
    raised = sorted(int(out.split("已生成 ")[1].split(" ")[0]) for out in outputs)
    assert sum(raised) == 14, outputs  # each notice raised by one of them


def test_channels_are_added_listed_and_tested_and_the_secret_never_shown(
    campaign,
    tracker,
    robots,
) -> None:
    secret = "SECabcdef0123456789"
    added = tracker(
        "channel",
        "add",
        "--unit",
        "区城管局",
        "--kind",
        "wecom",
        "--target",
        robots.wecom("abcdef123456"),
    )
    bureau = tracker(
        "channel",
        "add",
        "--bureau",
        "--kind",
        "dingtalk",
        "--target",
        robots.dingtalk("tok123456", secret),
        "--secret",
        secret,
    )
    listing = tracker("channel", "list")
    ident = added.output.split("提醒渠道 ")[1].split("：")[0]

    tested = tracker("channel", "test", ident)

    assert added.exit_code == 0 and bureau.exit_code == 0, (added.output, bureau.output)
    assert "密钥已保存（不再显示）" in bureau.output and secret not in bureau.output
    assert secret not in listing.output and "密钥已设置" in listing.output
    assert "key=abcd…" in listing.output and "abcdef123456" not in listing.output
    assert tested.exit_code == 0 and "测试消息已送达" in tested.output
    assert [r.content.splitlines()[0] for r in robots.received] == ["### 提醒渠道测试"]
    again = tracker(
        "channel",
        "add",
        "--unit",
        "区城管局",
        "--kind",
        "wecom",
        "--target",
        robots.wecom("abcdef123456"),
    )
    assert again.exit_code == 1 and "该渠道已存在" in again.output


def test_a_dead_channel_fails_its_test_with_the_reason(campaign, tracker, robots) -> None:
    robots.failing["gone"] = 500
    added = tracker(
        "channel", "add", "--unit", "区城管局", "--kind", "wecom", "--target", robots.wecom("gone")
    )
    ident = added.output.split("提醒渠道 ")[1].split("：")[0]

    tested = tracker("channel", "test", ident)
    listing = tracker("channel", "list")

    assert tested.exit_code == 1 and "测试消息未送达" in tested.output
    assert "对方返回 HTTP 500" in tested.output and "测试失败" in listing.output


def test_remind_dry_run_lists_what_is_due_and_sends_nothing(
    robot_per_unit,
    tracker,
    robots,
) -> None:
    result = tracker("remind", "--dry-run", "--at", AT)

    assert result.exit_code == 0, result.output
    assert "预演（不发送、不记录）：按 2026-01-11 09:00 判断，14 位收件人有新提醒" in result.output
    assert "区交通局：第1期（1月上半月）半月报还有3天截止" in result.output
    assert robots.received == []
    assert "14 位收件人" in tracker("remind", "--dry-run", "--at", AT).output  # nothing recorded


def test_a_channel_needs_a_unit_or_the_bureau_and_a_fitting_target(campaign, tracker) -> None:
    both = tracker(
        "channel",
        "add",
        "--unit",
        "区城管局",
        "--bureau",
        "--kind",
        "email",
        "--target",
        "a@example.org",
    )
    robot = tracker(
        "channel", "add", "--bureau", "--kind", "wecom", "--target", "https://example.org/send"
    )
    unknown = tracker(
        "channel", "add", "--unit", "区不存在局", "--kind", "email", "--target", "a@example.org"
    )

    assert both.exit_code == 1 and "二者选一" in both.output
    assert robot.exit_code == 1 and "群机器人地址应形如" in robot.output
    assert unknown.exit_code == 1 and "责任单位“区不存在局”不存在" in unknown.output
