"""The project page's 节点 timeline and the 数据核查 page on the demo year, in Chromium:
screenshots at 1280×900 and 375×812, and on a phone nothing wider than the screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_bureau_screens import sign_in
from tracker.cli.demo import DemoUser

pytestmark = pytest.mark.demo  # on a copy of the demo year (tests/e2e/conftest.py)

#: 城市视频监控接入工程: approvals met before the year, 主体完工 late, 竣工验收 to come
PROJECT = "CJ2026-034"
SIZES = {"desktop": (1280, 900), "phone": (375, 812)}


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_the_node_timeline_and_the_checks_page(
    server: str, browser, shots: Path, users: dict[str, DemoUser], size: str
) -> None:
    width, height = SIZES[size]
    page = sign_in(browser, server, users["bureau"].password, width, height)

    page.goto(f"{server}/projects/{PROJECT}")
    nodes = page.locator("#milestones .timeline .node")
    assert nodes.count() == 7
    assert page.locator("#milestones .node.met").count() == 5
    assert "已逾期 24 天" in page.locator("#milestones .node.late").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shown = "outlook" if size == "desktop" else "milestones"  # a phone shows the timeline
    page.evaluate(f"document.getElementById('{shown}').scrollIntoView()")
    page.screenshot(path=shots / f"project-milestones-{size}.png")

    page.click("nav >> text=数据核查")
    page.wait_for_url("**/bureau/checks")
    rows = page.locator("#checks tbody tr")
    assert rows.count() >= 2
    assert page.locator('#checks tr[data-kind="idle"]').count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"checks-{size}.png", full_page=True)
    page.close()
