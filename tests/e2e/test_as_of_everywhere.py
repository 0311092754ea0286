"""Every page of every role's menu, opened as of a past moment in Chromium (issue 11).

Each one either shows the past under the banner (数据截至 …（历史视图）) with a 回到当前 link
that leads to the same page now, or refuses in Chinese with a 4xx: never a 500 and never
today's page as if it were the past. Also the auditor's case: the project page and the unit
home as of a moment before a correction show the figure before it.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tracker.application.app import TrackerApp
from tracker.cli.demo import DemoUser
from tracker.domain.period import Period

pytestmark = pytest.mark.demo  # on a copy of the demo year (tests/e2e/conftest.py)
PAST = "2026-09-01T12:00"
REFUSAL = "该页面不提供历史视图"
HREFS = "links => links.map(a => a.getAttribute('href'))"


def sign_in(browser, server: str, user: DemoUser, width: int = 1280, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=name]", user.name)
    page.fill("input[name=password]", user.password)
    page.click("button.primary")
    page.wait_for_load_state()
    return page


def at(url: str, moment: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}as_of={moment}"


def visit_as_of(page, server: str, href: str) -> str:
    """Open ``href`` as of PAST: 'shown' (banner, and 回到当前 works) or 'refused'."""
    response = page.goto(at(f"{server}{href}", PAST))
    status, text = response.status, page.locator("main").inner_text()
    assert status < 500, (href, status, text[:200])
    if status != 200:
        assert status in (400, 422) and REFUSAL in text, (href, status, text[:200])
        return "refused"
    banner = page.locator(".banner.history")
    assert banner.count() == 1, (href, "today's page shown without saying so")
    assert "数据截至 2026-09-01 12:00（历史视图）" in banner.inner_text(), href
    with page.expect_navigation():
        banner.locator("text=回到当前").click()
    back = urlsplit(page.url)
    assert back.path == urlsplit(href).path and "as_of" not in parse_qs(back.query), page.url
    assert page.locator(".banner.history").count() == 0, page.url
    return "shown"


def test_every_menu_page_of_every_role_shows_the_past_with_a_banner_or_refuses(
    server: str, browser, users: dict[str, DemoUser]
) -> None:
    unit = next(user for user in users.values() if user.unit == "区城管局")
    seen: dict[str, dict[str, str]] = {}
    for user in (users["bureau"], users["viewer"], unit):
        page = sign_in(browser, server, user)
        links = page.locator("header nav a").evaluate_all(HREFS)
        seen[user.role] = {href: visit_as_of(page, server, href) for href in dict.fromkeys(links)}
        page.close()

    assert seen["bureau"]["/bureau"] == seen["bureau"]["/projects"] == "shown"
    assert seen["bureau"]["/admin/history"] == seen["bureau"]["/bureau/reports"] == "shown"
    assert seen["bureau"]["/admin/users"] == seen["bureau"]["/bureau/audit"] == "refused"
    assert seen["viewer"]["/admin/projects"] == seen["viewer"]["/admin/proposals"] == "shown"
    assert seen["unit"]["/unit"] == seen["unit"]["/projects"] == "shown"
    assert seen["unit"]["/unit/proposals/new"] == seen["unit"]["/password"] == "refused"


def shown(amount: Decimal) -> str:
    """An amount as pages print it: grouped in thousands, two decimals (1,142.16)."""
    return f"{amount:,.2f}"


def a_correction(app: TrackerApp):
    """The demo's first correction: (code, period, figure before, figure after, when)."""
    for project in app.register.projects():
        for version in app.register.versions(project.code):
            if version.version == 2:
                first = app.register.versions(project.code, version.period)[0]
                return (
                    project.code,
                    version.period,
                    first.values["investment"],
                    version.values["investment"],
                    version.received_at,
                )
    raise AssertionError("the demo has no correction")


def test_an_auditor_sees_the_figure_before_a_correction_as_of_a_moment_before_it(
    server: str, browser, campaign: TrackerApp, users: dict[str, DemoUser]
) -> None:
    code, period, before, after, corrected_at = a_correction(campaign)
    then = corrected_at - timedelta(minutes=1)
    moment = then.astimezone(campaign.register.campaign(2026).schedule.zone).strftime(
        "%Y-%m-%dT%H:%M"
    )
    label = Period.parse(period).label
    known = {v.period: v.values["investment"] for v in campaign.register.versions(code, as_of=then)}
    shown_period = str(campaign.summaries.current_period(2026, then))
    ytd = sum((amount for p, amount in known.items() if p <= shown_period), Decimal("0.00"))

    auditor = sign_in(browser, server, users["viewer"])
    auditor.goto(at(f"{server}/projects/{code}", moment))
    row_then = auditor.locator("tr", has_text=label).first.inner_text()
    assert "历史视图" in auditor.locator(".banner.history").inner_text()
    assert shown(before) in row_then and shown(after) not in row_then
    auditor.goto(f"{server}/projects/{code}")
    assert shown(after) in auditor.locator("tr", has_text=label).first.inner_text()
    auditor.close()

    owner = campaign.register.project(code).unit
    reporter = sign_in(browser, server, next(u for u in users.values() if u.unit == owner))
    reporter.goto(at(f"{server}/unit", moment))
    assert "历史视图" in reporter.locator(".banner.history").inner_text()
    home_row = reporter.locator("tr", has_text=code).inner_text()
    assert f"{shown(ytd)} /" in home_row
    assert f"{shown(ytd - before + after)} /" not in home_row
    reporter.close()


@pytest.mark.parametrize(("width", "height", "tag"), [(1280, 900, "desktop"), (375, 812, "phone")])
def test_screenshots_of_the_project_list_as_of_a_past_moment(
    server: str, browser, users: dict[str, DemoUser], shots: Path, width, height, tag
) -> None:
    page = sign_in(browser, server, users["bureau"], width, height)
    page.goto(at(f"{server}/projects", PAST))
    assert page.locator(".banner.history").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=shots / f"projects-as-of-{tag}.png")
    page.close()
