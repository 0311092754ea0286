"""A big 月报表 through the API: 202 with the job's address at once, then the CLI's bytes.

As in ``tests/web/bureau/test_report_jobs.py`` the threshold is 10 projects (the district's
39 is big, a unit's 5 is not) and the wait 0 s, so a big report always answers 202 first.
"""

from __future__ import annotations

import time
from dataclasses import replace
from urllib.parse import unquote

import pytest

from tests.web.bureau.test_report_jobs import MAY, cli_report, runner
from tests.web.bureau.test_report_jobs import reported as reported  # noqa: F401 (a fixture)
from tracker.config import Settings
from tracker.domain.clock import clock


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, report_threshold=10, report_wait=0)


def finished(api, user: str, location: str, seconds: float = 120) -> dict:
    """Ask the job's address (an API path) until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = api(user, "GET", location.removeprefix("/api/v1")).get_json()
        if state["status"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError(f"job not finished in {seconds} s: {state}")


def test_a_big_report_answers_202_at_once_then_its_file_is_the_clis(
    api, web, reported, settings, tmp_path  # noqa: F811
) -> None:
    started = time.perf_counter()
    asked = api("bureau", "GET", f"/reports/{MAY}.pdf")
    answered = time.perf_counter() - started
    state = finished(api, "bureau", asked.headers["Location"])
    pdf = api("bureau", "GET", state["file"].removeprefix("/api/v1"))
    again = api("viewer", "GET", f"/reports/{MAY}.pdf")  # the same data: the file at once

    assert asked.status_code == 202 and answered < 2
    assert asked.headers["Location"].startswith("/api/v1/reports/jobs/")
    assert asked.get_json()["status"] in ("queued", "running", "done")
    assert asked.get_json()["projects"] == 39 and asked.get_json()["file"] is None
    assert state["status"] == "done" and state["percent"] == 100
    assert state["file"] == asked.headers["Location"] + "/file"
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data == cli_report(settings, tmp_path)  # `tracker report`: the same bytes
    assert again.status_code == 200 and again.data == pdf.data
    assert runner(web).renders == 1  # one render, then a cache hit


def test_a_small_report_is_made_at_once_even_as_of_a_moment(api, reported) -> None:  # noqa: F811
    now = api("unit04", "GET", f"/reports/{MAY}.xlsx")  # 区城管局: 5 projects
    then = api("unit04", "GET", f"/reports/{MAY}.pdf?as_of=2026-05-13T08:00")

    assert now.status_code == 200 and now.data.startswith(b"PK")
    assert then.status_code == 200 and then.data.startswith(b"%PDF-")


def test_a_unit_sees_only_its_own_units_jobs_and_no_file_before_it_is_done(
    api, reported  # noqa: F811
) -> None:
    clock.set(clock.now())  # the job stays as asked while the other calls are made
    district = api("bureau", "GET", f"/reports/{MAY}.xlsx").headers["Location"]
    job = district.removeprefix("/api/v1")

    refused = [api("unit04", "GET", path) for path in (job, f"{job}/file")]
    unknown = api("bureau", "GET", "/reports/jobs/" + "0" * 64)
    malformed = api("bureau", "GET", "/reports/jobs/not-a-key")
    state = finished(api, "bureau", district)

    for answer in refused:
        assert answer.status_code == 404
        assert "报表任务不存在" in answer.get_json()["error"]["message"]
    assert unknown.status_code == 404 and malformed.status_code == 404
    assert state["status"] == "done"
    assert api("viewer", "GET", f"{job}/file").data.startswith(b"PK")
    assert api("unit04", "GET", f"{job}/file").status_code == 404  # done, still not its unit's


def test_the_file_of_a_job_not_done_is_404_with_a_chinese_message(
    api, campaign, reported  # noqa: F811
) -> None:
    from reports.fingerprints import job_key
    from tracker.application.report_jobs import JobSpec

    now = clock.now()
    key = job_key(campaign, MAY, "pdf", None, None, now)
    campaign.report_jobs.start(key, JobSpec(str(MAY), None, "pdf", None, now, 39), "elsewhere:1")

    early = api("bureau", "GET", f"/reports/jobs/{key}/file")
    state = api("bureau", "GET", f"/reports/jobs/{key}").get_json()

    assert early.status_code == 404 and "尚未生成完成" in early.get_json()["error"]["message"]
    assert state["status"] == "queued" and state["file"] is None and state["percent"] == 0


def test_a_big_campaigns_oc4ids_package_answers_202_then_is_the_package(
    api, web, campaign, reported  # noqa: F811
) -> None:
    import json

    asked = api("bureau", "GET", "/oc4ids.json")  # 39 projects: big at a threshold of 10
    state = finished(api, "bureau", asked.headers["Location"])
    got = api("viewer", "GET", state["file"].removeprefix("/api/v1"))
    refused = api("unit04", "GET", "/oc4ids.json")
    runner(web).threshold = 39
    at_once = api("bureau", "GET", "/oc4ids.json")  # as a small campaign's is sent

    assert asked.status_code == 202 and asked.get_json()["projects"] == 39
    assert state["status"] == "done"
    assert got.status_code == 200 and got.mimetype == "application/json"
    assert "城市建设战役项目数据包（OC4IDS）.json" in unquote(got.headers["Content-Disposition"])
    assert json.loads(got.data) == campaign.oc4ids.package(2026)  # the clock stands still
    assert got.data == at_once.data  # byte for byte what the API sends at once
    assert refused.status_code == 403  # a unit sees only its own projects: not the package


def test_a_small_campaigns_oc4ids_package_is_made_at_once(api, web, reported) -> None:  # noqa: F811
    runner(web).threshold = 39

    now = api("bureau", "GET", "/oc4ids.json")
    then = api("bureau", "GET", "/oc4ids.json?as_of=2026-05-13T08:00")

    assert now.status_code == 200 and len(now.get_json()["projects"]) == 39
    assert then.status_code == 200 and then.get_json()["publishedDate"].startswith("2026-05-13")
