"""Big 月报表 off the request: the page answers at once with the progress, then the file.

The threshold is set to 10 projects here, so the 39-project district report counts as big
(a unit's report of 5 projects does not); the page waits 0 s, so it always shows the
progress first. The finished file must be the CLI's, byte for byte.
"""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

import reports
from reports.fingerprints import job_key
from tests.web.conftest import OWN
from tracker.application.report_jobs import JobSpec
from tracker.cli import main
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

MAY = Period.parse("2026-05-H1")
JSON = {"Accept": "application/json"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, report_threshold=10, report_wait=0)


@pytest.fixture
def reported(campaign, frozen):
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, MAY, ReportInput(Decimal("12.34"), "桩基"), "unit04")
    frozen(2026, 5, 16, 9, 0)


def runner(web):
    return web.extensions["report_jobs"]


def finished(client, location: str, seconds: float = 120) -> dict:
    """Poll the job's page (as JSON) until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = client.get(location, headers=JSON).get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"job not finished in {seconds} s: {state}")


def cli_report(settings: Settings, tmp_path: Path, *args: str) -> bytes:
    out = tmp_path / f"cli-{len(list(tmp_path.iterdir()))}.pdf"
    if "--xlsx" in args:
        out, args = out.with_suffix(".xlsx"), tuple(a for a in args if a != "--xlsx")
    env = {"TRACKER_DATABASE_URL": settings.database_url, "TRACKER_VAR_DIR": str(tmp_path)}
    result = CliRunner(env=env).invoke(main, ["report", str(MAY), "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_a_big_report_answers_at_once_with_progress_and_then_downloads_the_clis_bytes(
    web, signed_in, reported, settings, tmp_path
) -> None:
    client = signed_in("bureau")

    started = time.perf_counter()
    asked = client.get(f"/reports/{MAY}.pdf")
    answered = time.perf_counter() - started
    page = client.get(asked.location).get_data(as_text=True)
    state = finished(client, asked.location)
    done = client.get(asked.location).get_data(as_text=True)
    pdf = client.get(state["file"])

    assert asked.status_code == 303 and asked.location.startswith("/reports/jobs/")
    assert answered < 2
    assert '<meta http-equiv="refresh" content="2">' in page
    assert ("排队中" in page or "正在生成" in page) and "39 个项目" in page
    assert state["status"] == "done" and state["percent"] == 100
    assert "下载PDF" in done and "http-equiv" not in done
    assert pdf.mimetype == "application/pdf" and "attachment" in pdf.headers["Content-Disposition"]
    assert pdf.data == cli_report(settings, tmp_path)  # `tracker report` now: the same bytes
    assert pdf.data == reports.render_report(web.extensions["tracker"], MAY, "pdf")


def test_asking_again_for_the_same_data_is_one_job_and_a_cache_hit(
    web, signed_in, reported, campaign
) -> None:
    bureau, viewer = signed_in("bureau"), signed_in("viewer")

    first, twice = bureau.get(f"/reports/{MAY}.xlsx"), viewer.get(f"/reports/{MAY}.xlsx")
    finished(bureau, first.location)
    clock.set(clock.now().replace(hour=3))  # later the same day (UTC), nothing new recorded
    again = viewer.get(f"/reports/{MAY}.xlsx")

    assert first.location == twice.location  # asked twice while it was made: one job
    assert again.status_code == 200 and again.data.startswith(b"PK")  # done: the file at once
    assert again.data == bureau.get(f"{first.location}/file").data
    assert runner(web).renders == 1  # made once
    assert campaign.report_jobs.get(first.location.rsplit("/", 1)[1]).attempts == 1


def test_a_correction_after_the_file_was_made_gives_a_new_fingerprint(
    web, signed_in, reported, campaign, frozen, settings, tmp_path
) -> None:
    bureau = signed_in("bureau")
    before = bureau.get(f"/reports/{MAY}.pdf")
    old = bureau.get(finished(bureau, before.location)["file"]).data
    frozen(2026, 5, 16, 9, 30)
    campaign.projects.correct_report(
        OWN, MAY, ReportInput(Decimal("15.00"), "桩基"), "漏报", "unit04"
    )

    after = bureau.get(f"/reports/{MAY}.pdf")
    new = bureau.get(finished(bureau, after.location)["file"]).data

    assert after.location != before.location
    assert new != old and new == cli_report(settings, tmp_path)
    assert runner(web).renders == 2


def test_any_report_as_of_a_moment_is_made_in_the_background_and_is_the_clis(
    web, signed_in, reported, settings, tmp_path
) -> None:
    unit = signed_in("unit04")  # 5 projects: small, but as of a moment
    small = unit.get(f"/reports/{MAY}.pdf")
    asked = unit.get(f"/reports/{MAY}.xlsx?as_of=2026-05-13T08:00")
    state = finished(unit, asked.location)

    assert small.status_code == 200 and small.data.startswith(b"%PDF-")  # made at once
    assert asked.status_code == 303 and state["status"] == "done"
    expected = cli_report(
        settings, tmp_path, "--unit", "区城管局", "--as-of", "2026-05-13T08:00", "--xlsx"
    )
    assert unit.get(state["file"]).data == expected


def test_a_unit_user_sees_only_its_own_units_jobs(signed_in, reported) -> None:
    bureau, own, other = signed_in("bureau"), signed_in("unit04"), signed_in("unit01")
    district = bureau.get(f"/reports/{MAY}.pdf").location
    mine = own.get(f"/reports/{MAY}.pdf?as_of=2026-05-13T08:00").location
    finished(own, mine)

    for path in (district, mine, f"{mine}/file"):
        refused = other.get(path)
        assert refused.status_code == 404 and "报表任务不存在" in refused.get_data(as_text=True)
    assert other.post(f"{mine}/restart").status_code == 404
    assert own.get(f"{mine}/file").status_code == 200
    assert bureau.get(f"{mine}/file").status_code == 200
    assert own.get("/reports/jobs/not-a-key").status_code == 404
    finished(bureau, district)


def test_a_job_whose_process_died_shows_failed_and_can_be_started_again(
    web, signed_in, reported, campaign, frozen, settings, tmp_path
) -> None:
    now = clock.now()
    key = job_key(campaign, MAY, "pdf", None, None, now)
    spec = JobSpec(str(MAY), None, "pdf", None, now, 39)
    campaign.report_jobs.start(key, spec, "another-host:4242")  # that worker then died
    bureau = signed_in("bureau")

    asked = bureau.get(f"/reports/{MAY}.pdf")
    waiting = bureau.get(asked.location).get_data(as_text=True)
    frozen(2026, 5, 16, 9, 2)  # two minutes without a sign of life
    failed = bureau.get(asked.location).get_data(as_text=True)
    restarted = bureau.post(f"{asked.location}/restart")
    state = finished(bureau, asked.location)

    assert asked.location == f"/reports/jobs/{key}"
    assert "排队中" in waiting and "生成失败" in failed and "重新生成" in failed
    assert "http-equiv" not in failed
    assert restarted.status_code == 303 and state["status"] == "done"
    assert campaign.report_jobs.get(key).attempts == 2 and runner(web).renders == 1
    clock.set(now)  # the report of the moment it was asked at: the CLI's then
    assert bureau.get(state["file"]).data == cli_report(settings, tmp_path)


def test_starting_a_job_again_needs_the_pages_csrf_token(
    settings, campaign, passwords, reported, frozen
) -> None:
    from tracker.web import create_app

    web = create_app(settings, {"TESTING": True})  # CSRF on, as deployed
    client = web.test_client()
    token = lambda page: page.split('name="csrf_token" value="')[1].split('"')[0]  # noqa: E731
    login = token(client.get("/login").get_data(as_text=True))
    client.post(
        "/login", data={"name": "bureau", "password": passwords["bureau"], "csrf_token": login}
    )
    now = clock.now()
    key = job_key(campaign, MAY, "xlsx", None, None, now)
    campaign.report_jobs.start(key, JobSpec(str(MAY), None, "xlsx", None, now, 39), "gone:1")
    frozen(2026, 5, 16, 9, 5)  # its worker died
    failed = client.get(f"/reports/jobs/{key}").get_data(as_text=True)

    refused = client.post(f"/reports/jobs/{key}/restart")
    attempts = campaign.report_jobs.get(key).attempts
    accepted = client.post(f"/reports/jobs/{key}/restart", data={"csrf_token": token(failed)})

    assert refused.status_code == 400 and attempts == 1  # not started again
    assert accepted.status_code == 303
    assert finished(client, f"/reports/jobs/{key}")["status"] == "done"
    web.extensions["tracker"].close()


def test_a_big_overdue_list_is_made_in_the_background_too_and_is_the_renderers(
    web, signed_in, reported
) -> None:
    bureau = signed_in("bureau")

    started = time.perf_counter()
    asked = bureau.get("/reports/overdue.pdf")
    answered = time.perf_counter() - started
    page = bureau.get(asked.location).get_data(as_text=True)
    state = finished(bureau, asked.location)
    pdf = bureau.get(state["file"])
    again = signed_in("viewer").get("/reports/overdue.pdf")  # the same list: the file at once

    assert asked.status_code == 303 and asked.location.startswith("/reports/jobs/")
    assert answered < 2
    assert "2026年逾期及督办清单" in page and "39 个项目" in page
    assert state["status"] == "done" and pdf.mimetype == "application/pdf"
    assert quote("2026年逾期及督办清单.pdf") in pdf.headers["Content-Disposition"]
    assert pdf.data == reports.render_overdue(web.extensions["tracker"], 2026, "pdf")
    assert again.status_code == 200 and again.data == pdf.data
    assert runner(web).renders == 1


def test_a_small_campaigns_overdue_list_is_made_at_once(web, signed_in, reported) -> None:
    runner(web).threshold = 39  # the district's 39 projects: small

    now = signed_in("bureau").get("/reports/overdue.xlsx")
    then = signed_in("bureau").get("/reports/overdue.xlsx?as_of=2026-05-13T08:00")

    assert now.status_code == 200 and now.data.startswith(b"PK")
    assert then.status_code == 303  # as of a moment: in the background, as the 月报表
