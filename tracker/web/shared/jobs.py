"""A big report's page: its progress while it is made in the background, then its file.

``/reports/<period>.<fmt>`` hands a big 月报表 (or any as of a moment) to ``reports.jobs``
and waits a moment (TRACKER_REPORT_WAIT); a file ready by then is sent at once, else the
page below shows the progress, refreshes itself and offers the file when it is done. A unit
user sees only its own unit's jobs: another's is 404, as for its projects.
"""

from __future__ import annotations

import re
from typing import Any

from flask import current_app, jsonify, redirect, render_template, url_for

import reports
from reports.fingerprints import percent, stages
from reports.jobs import Runner
from tracker.application.report_jobs import Job
from tracker.domain.errors import NotFound
from tracker.domain.period import Period
from tracker.web.common import local_time, or_404, roles, the_tracker, the_user
from tracker.web.errors import wants_json
from tracker.web.shared.files import sent

ALL = ("bureau", "viewer", "unit")
KEY = re.compile(r"[0-9a-f]{64}")
STATES = {"queued": "排队中", "running": "正在生成", "done": "已生成", "failed": "生成失败"}
REFRESH_SECONDS = 2


def runner() -> Runner:
    jobs: Runner = current_app.extensions["report_jobs"]
    return jobs


def visible_job(key: str) -> Job:
    """The job if this user may see it; an unknown one, or another unit's, is 404."""
    job = or_404(lambda: the_tracker().report_jobs.get(key)) if KEY.fullmatch(key) else None
    user = the_user()
    if job is None or (user.role == "unit" and job.spec.unit != user.unit):
        raise NotFound("报表任务不存在或无权查看", "job")
    return job


def file_name(job: Job) -> str:
    if job.spec.kind == "overdue":
        return f"{job.spec.period}年逾期及督办清单"
    if job.spec.kind == "oc4ids":
        return f"{job.spec.period}年城市建设战役项目数据包（OC4IDS）"
    period = Period.parse(job.spec.period)
    district = the_tracker().register.campaign(period.year).district
    return f"{job.spec.unit or district}{period.year}年第{period.index}期城市建设战役项目月报表"


def waited(job: Job) -> Any:
    """The file if it is ready within the wait, else the progress page."""
    job = runner().wait(job.key, current_app.extensions["tracker_settings"].report_wait)
    if job.status == "done":
        return file_response(job)
    return redirect(url_for("shared.report_job", key=job.key), 303)


def file_response(job: Job) -> Any:
    data = the_tracker().report_jobs.file(job)
    kind = reports.MEDIA_TYPES[job.spec.fmt]
    name = f"{file_name(job)}.{job.spec.fmt}"
    return sent(data, kind, as_attachment=True, download_name=name)


@roles(*ALL)
def report_job(key: str) -> Any:
    job = visible_job(key)
    if wants_json():
        return jsonify(job_json(job))
    return render_template(
        "shared/report_job.html",
        job=job,
        title=file_name(job),
        state=STATES[job.status],
        stages=stages(job),
        percent=percent(job),
        as_of=local_time(job.spec.moment),
        refresh=REFRESH_SECONDS if job.status in ("queued", "running") else None,
    )


@roles(*ALL)
def report_job_file(key: str) -> Any:
    return file_response(visible_job(key))


@roles(*ALL)
def restart_report_job(key: str) -> Any:
    runner().restart(visible_job(key).key)
    return redirect(url_for("shared.report_job", key=key), 303)


def job_json(job: Job, file_view: str = "shared.report_job_file") -> dict[str, Any]:
    """The job's state; ``file`` is the address of its file (``file_view``) once done."""
    done = job.status == "done"
    return {
        "key": job.key,
        "status": job.status,
        "state": STATES[job.status],
        "stage": job.stage,
        "percent": percent(job),
        "projects": job.spec.projects,
        "error": job.error if job.status == "failed" else None,
        "file": url_for(file_view, key=job.key) if done else None,
        "size": job.size if done else None,
    }
