"""A background 月报表: its stages, its fingerprint, its job kept where every worker sees it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

import reports
from reports.fingerprints import job_key, overdue_key
from reports.jobs import Runner
from tests.conftest import SHANGHAI
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

MAY = Period.parse("2026-05-H1")
OWN = "CJ2026-004"


@pytest.fixture
def reported(campaign, frozen):
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, MAY, ReportInput(Decimal("12.34"), "桩基"), "unit04")
    frozen(2026, 5, 16, 9, 0)
    return campaign


@pytest.mark.parametrize(
    ("fmt", "stages"),
    [("pdf", ["读取数据", "排版", "生成文件"]), ("xlsx", ["读取数据", "生成文件"])],
)
def test_the_renderer_tells_its_stages_and_makes_the_same_bytes(reported, fmt, stages) -> None:
    heard: list[str] = []

    told = reports.render_report(reported, MAY, fmt, progress=heard.append)

    assert heard == stages
    assert told == reports.render_report(reported, MAY, fmt)


def test_a_report_asked_for_now_is_made_as_of_its_moment_and_is_the_same_file(reported) -> None:
    now = reports.render_report(reported, MAY, "pdf")
    at_its_moment = reports.render_report(reported, MAY, "pdf", as_of=clock.now(), past=False)

    assert at_its_moment == now


def test_the_fingerprint_moves_with_the_data_the_day_the_format_and_the_unit(
    reported, frozen
) -> None:
    def key(fmt="pdf", unit=None, as_of=None) -> str:
        return job_key(reported, MAY, fmt, unit, as_of, as_of or clock.now())

    before = key()
    then = key(as_of=datetime(2026, 5, 13, 8, 0, tzinfo=SHANGHAI))
    frozen(2026, 5, 16, 23, 59)
    same_day = key()
    frozen(2026, 5, 17, 0, 1)
    next_day = key()
    reported.projects.correct_report(
        OWN, MAY, ReportInput(Decimal("15.00"), "桩基"), "漏报", "unit04"
    )

    assert same_day == before  # nothing recorded since: the same file
    assert next_day != before  # a deadline may have passed at midnight
    assert key() != next_day  # a correction moves the ledger's head
    assert key(as_of=datetime(2026, 5, 13, 8, 0, tzinfo=SHANGHAI)) == then  # the past stays
    assert len({key(), key("xlsx"), key(unit="区城管局")}) == 3


def test_the_overdue_lists_key_moves_when_a_problem_turns_stale_with_no_event(
    campaign, frozen
) -> None:
    april = Period.parse("2026-04-H1")
    frozen(2026, 4, 10, 12, 0)
    problem = ReportInput(Decimal("1.00"), "桩基", problems=("征地拆迁未完成",))
    campaign.projects.submit_report(OWN, april, problem, "unit04")

    def key() -> str:
        return overdue_key(campaign, 2026, "pdf", None, clock.now())

    frozen(2026, 5, 10, 9, 0)  # open 29 days 21 hours: not yet stale
    morning, fresh = key(), campaign.overdue.items(2026)
    frozen(2026, 5, 10, 15, 0)  # the same day, no event since, open 30 days 3 hours
    afternoon, stale = key(), campaign.overdue.items(2026)

    assert not any(item.kind == "stale_problem" for item in fresh)
    assert any(item.kind == "stale_problem" and item.code == OWN for item in stale)
    assert afternoon != morning  # the file of the morning is not the list of the afternoon
    frozen(2026, 5, 10, 16, 0)
    assert key() == afternoon  # nothing changed since: the same file


def test_a_job_is_kept_in_the_database_so_another_worker_sees_it_and_its_file(
    reported, settings
) -> None:
    from tracker.bootstrap import bootstrap

    here = Runner(reported, threshold=10)
    job = here.ask(MAY, "pdf", None, None)
    done = here.wait(job.key, 120)
    other = bootstrap(settings)  # another worker: its own engine over the same store
    try:
        seen = other.report_jobs.get(job.key)
        again = Runner(other, threshold=10).ask(MAY, "pdf", None, None)
        assert seen.status == "done" and seen.attempts == 1
        assert again.key == job.key and again.status == "done"  # one job, not two
        assert other.report_jobs.file(seen) == reports.render_report(reported, MAY, "pdf")
    finally:
        other.close()
    assert done.status == "done" and here.renders == 1


def test_a_small_report_now_is_no_job_but_any_as_of_one_is(reported) -> None:
    runner = Runner(reported, threshold=300)
    then = datetime(2026, 5, 13, 8, 0, tzinfo=SHANGHAI)

    assert runner.ask(MAY, "pdf", None, None) is None
    job = runner.ask(MAY, "xlsx", "区城管局", then)
    assert job.spec.as_of == then and job.spec.projects == 5
    assert runner.wait(job.key, 120).status == "done"


def test_a_failed_job_keeps_its_message_in_chinese(reported) -> None:
    runner = Runner(reported, threshold=0)
    job = runner.ask(MAY, "pdf", "不存在的单位", datetime(2026, 5, 13, 8, tzinfo=SHANGHAI))

    failed = runner.wait(job.key, 120)

    assert failed.status == "failed" and "责任单位“不存在的单位”不存在" in failed.error
    assert runner.restart(job.key).attempts == 2
    assert runner.wait(job.key, 120).status == "failed"


def test_a_done_job_whose_file_was_removed_is_made_again(reported) -> None:
    runner = Runner(reported, threshold=10)
    job = runner.wait(runner.ask(MAY, "xlsx", None, None).key, 120)
    reported.report_jobs.files.remove(job.sha256)

    again = runner.wait(runner.ask(MAY, "xlsx", None, None).key, 120)

    assert again.key == job.key and again.status == "done" and again.attempts == 2
    assert reported.report_jobs.file(again) == reports.render_report(reported, MAY, "xlsx")


def test_a_file_found_gone_by_two_requests_at_once_is_made_again_once(reported) -> None:
    jobs = reported.report_jobs
    runner = Runner(reported, threshold=10)
    key = runner.wait(runner.ask(MAY, "pdf", None, None).key, 120).key
    jobs.files.remove(jobs.get(key).sha256)
    seen = jobs.get(key)  # what both requests read: done, and its file gone

    first = (jobs.lose(key), jobs.restart(key, "worker-a:1"))  # one request starts it again
    second = (jobs.lose(key), jobs.restart(key, "worker-b:2"))  # the other, a moment later

    assert jobs.lost(seen)
    assert first == (True, True) and second == (False, False)
    assert jobs.get(key).status == "queued" and jobs.get(key).attempts == 2  # one new render


def test_jobs_finished_long_ago_are_forgotten_with_their_files(reported, frozen) -> None:
    runner = Runner(reported, threshold=10)
    old = runner.wait(runner.ask(MAY, "xlsx", None, None).key, 120)
    jobs = reported.report_jobs
    frozen(2026, 6, 20, 9, 0)  # 35 days on: another report finishes and prunes

    recent = runner.wait(runner.ask(MAY, "pdf", None, None).key, 120)

    assert recent.status == "done" and jobs.file(recent)
    with pytest.raises(NotFound):
        jobs.get(old.key)
    assert not jobs.files.where(old.sha256).exists()
    again = runner.wait(runner.ask(MAY, "xlsx", None, None).key, 120)  # made anew, same bytes
    assert again.attempts == 1 and jobs.file(again) == reports.render_report(reported, MAY, "xlsx")


def test_a_jobs_table_of_an_older_shape_is_refused_until_init_makes_it_anew(campaign) -> None:
    from sqlalchemy import text

    from tracker.application.report_jobs import report_jobs, shaped

    with campaign.store.engine.begin() as connection:  # as the code before ``kind`` made it
        connection.execute(text("DROP TABLE tracker_report_jobs"))
        connection.execute(text("CREATE TABLE tracker_report_jobs (key VARCHAR(64) PRIMARY KEY)"))
    old = campaign.store.read_models_current()

    campaign.store.init_schema()  # what ``tracker init`` does first

    assert not old  # the app refuses to start on it: run tracker init
    assert shaped(campaign.store.engine) and campaign.store.read_models_current()
    assert {c.name for c in report_jobs.columns} >= {"kind", "period", "state"}
    runner = Runner(campaign, threshold=0)
    job = runner.wait(runner.ask(MAY, "xlsx", None, None).key, 120)
    assert job.spec.kind == "monthly" and job.status == "done"
