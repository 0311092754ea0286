"""Reminders against real receivers: an SMTP server and robots on 127.0.0.1, the demo projects.

Every unit has a 企业微信 robot of its own (key ``u01`` … in unit-name order); the
bureau has a 钉钉 robot with 加签 and an e-mail address; 区交通局 also has e-mail.
"""

# ruff: noqa: F811 -- the fixtures imported from tests.receivers are parameters here

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET
from tests.receivers import Mailbox, Robots, mailbox, robots, smtp_server  # noqa: F401
from tracker.application.app import TrackerApp
from tracker.config import Settings
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

BUREAU_MAIL, TRAFFIC_MAIL = "jsj@example.org", "jtj@example.org"
DING_SECRET = "SEC0123456789abcdef-test"
BASE = "http://tracker.example"


@pytest.fixture
def settings(database_url: str, tmp_path: Path, mailbox: Mailbox) -> Settings:
    return Settings(
        database_url=database_url,
        files_dir=tmp_path / "files",
        secret_key=TEST_SECRET,
        base_url=BASE,
        smtp_url=f"smtp://127.0.0.1:{mailbox.port}",
        mail_from="城建提醒 <tracker@example.org>",
    )


@pytest.fixture
def keys(campaign: TrackerApp, robots: Robots) -> dict[str, str]:
    """Each unit's 企业微信 robot key; the bureau's 钉钉 robot is ``bureau``."""
    found = {}
    for number, unit in enumerate(campaign.register.units(), 1):
        found[unit] = f"u{number:02d}"
        campaign.channels.add(unit, "wecom", robots.wecom(found[unit]), "", "cli:test")
    ding = robots.dingtalk("bureau", DING_SECRET)
    campaign.channels.add(None, "dingtalk", ding, DING_SECRET, "cli:test")
    campaign.channels.add(None, "email", BUREAU_MAIL, "", "cli:test")
    campaign.channels.add("区交通局", "email", TRAFFIC_MAIL, "", "cli:test")
    return found


def report(app: TrackerApp, period: str, *codes: str) -> None:
    for code in codes:
        entry = ReportInput(Decimal("0"), "前期工作")
        app.projects.submit_report(code, Period.parse(period), entry, "unit")


def codes_by_unit(app: TrackerApp) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for project in app.register.projects():
        found.setdefault(project.unit, set()).add(project.code)
    return found
