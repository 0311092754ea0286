"""The bureau's dashboard and overdue list on the demo campaign, in Chromium: screenshots.

Also checks that on a 375px phone no page is wider than the screen (wide tables
and charts scroll inside their own boxes).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.cli.demo import DemoUser

pytestmark = pytest.mark.demo  # on a copy of the demo year (tests/e2e/conftest.py)
PAGES = ["/bureau", "/bureau/status", "/bureau/overdue", "/bureau/ranking"]


def sign_in(browser, server: str, password: str, width: int, height: int):
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=name]", "bureau")
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_url("**/bureau")
    return page


def test_screenshots_of_the_dashboard_and_the_overdue_list(
    server: str, browser, shots: Path, users: dict[str, DemoUser]
) -> None:
    page = sign_in(browser, server, users["bureau"].password, 1280, 900)
    assert page.locator("svg.pygal-chart.wide").count() == 3  # and as many for a phone, hidden
    assert page.locator("#by-category tfoot").inner_text().startswith("全区合计")
    page.screenshot(path=shots / "dashboard.png", full_page=True)

    page.click("nav >> text=逾期清单")
    page.wait_for_url("**/bureau/overdue")
    assert page.locator("#overdue tbody tr").count() > 5
    page.screenshot(path=shots / "overdue.png", full_page=True)

    # 基线对比 between the demo's two sign-offs of 2026-11-H1, reached from the 月报表 list
    page.goto(f"{server}/bureau/reports")
    page.click("text=与上次签发相比")
    page.wait_for_url("**/bureau/compare/2026-11-H1**")
    assert page.locator("section.compare").count() == 2
    page.screenshot(path=shots / "compare-desktop.png", full_page=True)
    phone = browser.new_page(viewport={"width": 375, "height": 812}, locale="zh-CN")
    phone.context.add_cookies(page.context.cookies())
    phone.goto(page.url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=shots / "compare-phone.png", full_page=True)
    phone.close()
    page.close()


def test_on_a_phone_no_bureau_page_is_wider_than_the_screen(
    server: str, browser, users: dict[str, DemoUser]
) -> None:
    page = sign_in(browser, server, users["bureau"].password, 375, 812)
    for path in PAGES:
        page.goto(f"{server}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    page.close()
