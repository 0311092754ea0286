"""The city's dashboard with two districts, in Chromium: screenshots on a desktop and a phone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tests.packages import KEY, package, project, two_districts
from tracker.application.app import TrackerApp
from tracker.config import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, package_key=KEY)


@pytest.fixture
def campaign(app: TrackerApp, frozen) -> TrackerApp:  # type: ignore[no-untyped-def]
    """某市: 甲区 on time and restated once, 乙区 after the city's deadline (16 May)."""
    app.campaigns.create(2026, "某市", "0", "cli:test", (16, 30), level="city")
    sent = two_districts()
    frozen(2026, 5, 16, 12, 0)
    app.city.import_package(sent["甲区"], KEY, "bureau")
    frozen(2026, 5, 17, 9, 0)
    app.city.import_package(sent["乙区"], KEY, "bureau")
    corrected = package("甲区", [
        project("JQ-01", "城市绿化", "甲区城管局", "1200.00", "400.00", "440.50", "80.25"),
        project("JQ-02", "城市综合交通", "甲区交通局", "3000.00", "1000.00", "980.00", "120.00"),
    ], issued_at="2026-05-17T09:30:00+08:00")  # fmt: skip
    frozen(2026, 5, 17, 10, 0)
    app.city.import_package(corrected, KEY, "bureau")
    frozen(2026, 5, 17, 12, 0)
    return app


@pytest.fixture
def password(campaign: TrackerApp) -> str:
    return campaign.users.add("bureau", "bureau", None, "cli:test", "市住建局")


def city_page(browser, server: str, password: str, width: int, height: int):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=name]", "bureau")
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_load_state()
    page.click("nav >> text=市级汇总")
    page.wait_for_url("**/bureau/city")
    return page


def test_the_city_dashboard_with_two_districts_on_a_desktop_and_a_phone(
    server: str, browser, shots: Path, password: str
) -> None:
    page = city_page(browser, server, password, 1280, 900)
    rows = page.locator("#districts tbody tr")
    assert rows.count() == 2
    assert "迟报" in rows.nth(0).inner_text() and "乙区" in rows.nth(0).inner_text()
    assert "已报" in rows.nth(1).inner_text() and "更正重报1次" in rows.nth(1).inner_text()
    assert page.locator("#ranking li").first.inner_text().startswith("甲区")
    assert page.locator("table.restated tbody tr").count() == 2
    page.screenshot(path=shots / "city-desktop.png", full_page=True)
    page.close()

    phone = city_page(browser, server, password, 375, 812)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.screenshot(path=shots / "city-phone.png", full_page=True)
    phone.close()
