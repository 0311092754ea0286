"""Reminders as people see them, in Chromium: a 企业微信 group's messages (drawn by the local
receiver from the markdown it was sent) and the 消息 inbox on a phone and a desktop."""

# ruff: noqa: F811 -- the fixture imported from tests.receivers is a parameter here

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.receivers import Robots, robots  # noqa: F401
from tracker.application.app import TrackerApp
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

PHONE, DESKTOP = (375, 812), (1280, 900)


@pytest.fixture
def reminded(campaign: TrackerApp, robots: Robots, frozen) -> str:
    """A fortnight of reminders: a 督办 to 区城管局 and its answer, 第1期's reminders, the
    未报 notices; the bureau's group robot and 区城管局's."""
    campaign.channels.add(None, "wecom", robots.wecom("bureau-group"), "", "cli:test")
    campaign.channels.add("区城管局", "wecom", robots.wecom("city-group"), "", "cli:test")
    frozen(2026, 1, 6, 10, 0)
    order = campaign.supervisions.issue(
        "CJ2026-004", "请说明征地拆迁进展", date(2026, 1, 20), "bureau"
    )
    campaign.reminders.run()
    for day in (11, 13):
        frozen(2026, 1, day, 9, 0)
        campaign.reminders.run()
    frozen(2026, 1, 14, 16, 0)
    campaign.supervisions.answer(str(order), "已完成征地补偿协议签订，拆迁进度80%", "unit04")
    reported = [p.code for p in campaign.register.projects() if p.unit != "区住建局"][3:]
    for code in reported:
        entry = ReportInput(Decimal("12.50"), "施工中")
        campaign.projects.submit_report(code, Period.parse("2026-01-H1"), entry, "unit")
    frozen(2026, 1, 15, 9, 0)
    campaign.reminders.run()
    return campaign.users.add("unit04", "unit", "区城管局", "cli:test")


def open_page(browser, size: tuple[int, int]):
    return browser.new_page(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")


def test_screenshots_of_a_wecom_reminder_and_of_the_inbox_on_a_phone_and_a_desktop(
    server: str, browser, shots: Path, robots: Robots, reminded: str, campaign, frozen
) -> None:
    group = open_page(browser, (480, 560))
    group.goto(f"{robots.url}/?key=bureau-group")
    headings = group.locator(".bubble h4").all_inner_texts()
    assert headings == ["第1期（1月上半月）未报汇总", "督办已答复：滨江公园二期"]
    assert group.locator(".bubble span[style*='color']").count() == 3
    group.screenshot(path=shots / "reminder-wecom.png", full_page=True)
    group.close()

    phone = signed_in(browser, server, PHONE, reminded)
    assert phone.locator("nav .inbox .badge").inner_text() == "4"
    phone.click("nav >> text=消息")
    phone.wait_for_url("**/inbox")
    assert phone.locator("article.notice.unread").count() == 4
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    phone.screenshot(path=shots / "inbox-phone.png")
    phone.close()

    frozen(2026, 1, 15, 10, 0)  # one more: a new 督办 arrives
    campaign.supervisions.issue("CJ2026-005", "请说明开工准备情况", date(2026, 1, 22), "bureau")
    campaign.reminders.run()
    desktop = signed_in(browser, server, DESKTOP, reminded)
    assert desktop.locator("nav .inbox .badge").inner_text() == "1"
    desktop.click("nav >> text=消息")
    desktop.wait_for_url("**/inbox")
    assert desktop.locator("article.notice").count() == 5
    assert desktop.locator("article.notice.unread").count() == 1
    desktop.screenshot(path=shots / "inbox-desktop.png", full_page=True)
    desktop.close()


def signed_in(browser, server: str, size: tuple[int, int], password: str):
    page = open_page(browser, size)
    page.goto(f"{server}/login")
    page.fill("input[name=name]", "unit04")
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_url("**/unit")
    return page
