"""A big 月报表 in Chromium: the progress page on a phone and a desktop, then the download.

The threshold is 10 projects, so the 39 demo projects make a big report; the page waits 0 s.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from reports.fingerprints import job_key
from tests.e2e.test_every_page_fits import PROBE, SIZES, photograph
from tracker.application.app import TrackerApp
from tracker.application.report_jobs import JobSpec
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period

MAY = Period.parse("2026-05-H1")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, report_threshold=10, report_wait=0)


@pytest.fixture
def password(campaign: TrackerApp, frozen) -> str:
    frozen(2026, 5, 16, 9, 0)
    return campaign.users.add("bureau", "bureau", None, "cli:test")


def signed_in(browser, server: str, password: str, width: int, height: int):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=name]", "bureau")
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_url("**/bureau")
    return page


def test_the_progress_page_fits_a_phone_and_a_desktop(
    server: str, browser, shots: Path, campaign: TrackerApp, password: str
) -> None:
    now = clock.now()
    key = job_key(campaign, MAY, "pdf", None, None, now)
    campaign.report_jobs.start(key, JobSpec(str(MAY), None, "pdf", None, now, 39), "另一进程:1")
    campaign.report_jobs.stage(key, "排版")  # another worker is laying it out
    clock.set(now + timedelta(seconds=0.3))
    for size, width, height in SIZES:
        page = signed_in(browser, server, password, width, height)
        page.goto(f"{server}/reports/{MAY}.pdf")

        assert page.url.endswith(f"/reports/jobs/{key}")
        assert page.locator("progress").count() == 1
        assert "正在生成：排版" in page.inner_text("main")
        assert page.evaluate(PROBE) == []  # no sideways scroll, nothing cut off
        photograph(page, shots / f"report-job-{size}.png")
        page.close()


def test_the_page_refreshes_itself_until_the_file_can_be_downloaded(
    server: str, browser, password: str
) -> None:
    page = signed_in(browser, server, password, 375, 812)
    page.goto(f"{server}/reports/{MAY}.xlsx")
    assert "/reports/jobs/" in page.url

    link = page.locator("a.button.primary", has_text="下载")
    link.wait_for(timeout=60_000)  # no script: the page's own refresh brings it
    with page.expect_download() as download:
        link.click()

    assert download.value.suggested_filename.endswith("月报表.xlsx")
    page.close()


def test_the_overdue_list_shows_its_progress_then_downloads_by_its_name(
    server: str, browser, shots: Path, password: str
) -> None:
    for (size, width, height), fmt in zip(SIZES, ("pdf", "xlsx"), strict=True):
        page = signed_in(browser, server, password, width, height)
        page.goto(f"{server}/reports/overdue.{fmt}")  # 39 projects: big at a threshold of 10

        assert "/reports/jobs/" in page.url
        assert "2026年逾期及督办清单" in page.inner_text("main")
        assert page.evaluate(PROBE) == []
        photograph(page, shots / f"overdue-job-{size}.png")
        link = page.locator("a.button.primary", has_text="下载")
        link.wait_for(timeout=90_000)
        with page.expect_download() as download:
            link.click()
        assert download.value.suggested_filename == f"2026年逾期及督办清单.{fmt}"
        page.close()
