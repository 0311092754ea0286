"""Big reports off the request: a 月报表 of many projects, or any as of a moment, made in a thread.

``Runner.ask`` is what a page calls: None for a small report (the page makes it at once),
else the report's job, started if it is new. The job's key is the report's data fingerprint
(``job_key``), so the same data asked twice is one job, and its finished file is an exact
cache hit; a correction moves the ledger's head, and with it the key. The job's state and
file are in the database and the file store (``tracker.application.report_jobs``), so any
worker can show the progress and send the file; the thread that makes it is in the process
that got the request, which beats the job while it lives.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from datetime import datetime
from typing import TYPE_CHECKING

import reports
from reports.fingerprints import job_key, oc4ids_key, overdue_key
from tracker.application.report_jobs import Job, JobSpec
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.period import Period

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp

log = logging.getLogger(__name__)
BEAT_SECONDS = 10  # well inside report_jobs.STALE
POLL_SECONDS = 0.2  # waiting for a job another worker makes


class Runner:
    """Starts report jobs and makes them in this process's threads (one per app)."""

    def __init__(self, app: TrackerApp, threshold: int, threads: int = 1) -> None:
        self.app, self.threshold = app, threshold
        self.pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="report-job")
        self.running: dict[str, Future[None]] = {}
        self.lock = threading.Lock()
        self.beating = False
        self.renders = 0  # files this process has made: a cache hit makes none

    @property
    def owner(self) -> str:
        """This process (asked each time: a worker forked after the app was made has its own)."""
        return f"{socket.gethostname()}:{os.getpid()}"

    def ask(
        self,
        period: Period,
        fmt: str,
        unit: str | None,
        as_of: datetime | None,
        past_too: bool = True,
    ) -> Job | None:
        """The job of this 月报表, started if new; None when it is small enough to make at once.

        A report as of a moment is a job too, whatever its size, unless ``past_too`` is
        False (the API: a small one as of a moment is made at once, as it always was)."""
        projects = len(self.app.register.projects(period.year, unit, as_of))
        if projects <= self.threshold and (as_of is None or not past_too):
            return None
        moment = as_of or clock.now()
        key = job_key(self.app, period, fmt, unit, as_of, moment)
        return self.started(key, JobSpec(str(period), unit, fmt, as_of, moment, projects))

    def ask_overdue(self, year: int, fmt: str, as_of: datetime | None) -> Job | None:
        """The job of the 逾期及督办清单 of ``year``, as ``ask`` for the 月报表: None when the
        campaign is small enough to make it at once and it is asked for now."""
        projects = len(self.app.register.projects(year, None, as_of))
        if projects <= self.threshold and as_of is None:
            return None
        moment = as_of or clock.now()
        key = overdue_key(self.app, year, fmt, as_of, moment)
        return self.started(key, JobSpec(str(year), None, fmt, as_of, moment, projects, "overdue"))

    def ask_oc4ids(self, year: int, as_of: datetime | None) -> Job | None:
        """The job of the OC4IDS package of ``year``: None when the campaign is small enough
        to make it at once (as of a moment too, as the API always did)."""
        projects = len(self.app.register.projects(year, None, as_of))
        if projects <= self.threshold:
            return None
        moment = as_of or clock.now()
        key = oc4ids_key(self.app, year, as_of, moment)
        spec = JobSpec(str(year), None, "json", as_of, moment, projects, "oc4ids")
        return self.started(key, spec)

    def started(self, key: str, spec: JobSpec) -> Job:
        """The job of ``key``, started if new (or made again if its file is gone)."""
        jobs = self.app.report_jobs
        job, made = jobs.start(key, spec, self.owner)
        if jobs.lost(job):
            jobs.lose(key)  # done but its file gone: failed, unless another request was first
            return self.restart(key)
        if made:
            self.submit(key)
        return job

    def restart(self, key: str) -> Job:
        """Start a failed job again (as of the same moment: the same key, the same file)."""
        if self.app.report_jobs.restart(key, self.owner):
            self.submit(key)
        return self.app.report_jobs.get(key)

    def wait(self, key: str, seconds: float) -> Job:
        """The job after it finished, or after ``seconds``, whichever comes first."""
        deadline = time.monotonic() + seconds
        future = self.running.get(key)
        if future is not None:
            with contextlib.suppress(TimeoutError, CancelledError):
                future.exception(timeout=max(0.0, seconds))  # the job keeps its own error
        job = self.app.report_jobs.get(key)
        while job.status in ("queued", "running") and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            job = self.app.report_jobs.get(key)
        return job

    def submit(self, key: str) -> None:
        with self.lock:
            self.running[key] = self.pool.submit(self.make, key)
            if not self.beating:
                self.beating = True
                threading.Thread(target=self.beat, name="report-job-beat", daemon=True).start()

    def make(self, key: str) -> None:
        """Render the job's file and keep it; a failure is kept as the job's error."""
        jobs = self.app.report_jobs
        try:
            spec = jobs.get(key).spec
            jobs.finish(key, self.render(spec, lambda stage: jobs.stage(key, stage)))
            self.renders += 1
        except Exception as error:  # whatever it was, the page must say the job failed
            log.exception("report job %s failed", key)
            message = error.message if isinstance(error, TrackerError) else "生成报表时出错"
            jobs.fail(key, message)
        finally:
            with self.lock:
                self.running.pop(key, None)

    def render(self, spec: JobSpec, progress: Callable[[str], None]) -> bytes:
        """The file of ``spec``, made as of its moment: asked for now, the report of that
        moment, as the page and the CLI make it now (no （历史视图）)."""
        past = None if spec.as_of else False
        if spec.kind == "oc4ids":
            progress("读取数据")
            package = self.app.oc4ids.package(int(spec.period), spec.moment)
            progress("生成文件")
            return compact_json(package)
        if spec.kind == "overdue":
            year = int(spec.period)
            return reports.render_overdue(self.app, year, spec.fmt, spec.moment, past, progress)
        period = Period.parse(spec.period)
        return reports.render_report(
            self.app, period, spec.fmt, spec.unit, spec.moment, past=past, progress=progress
        )

    def beat(self) -> None:
        """While this process has jobs, tell every worker they are alive."""
        while True:
            time.sleep(BEAT_SECONDS)
            with self.lock:
                keys = list(self.running)
                if not keys:
                    self.beating = False
                    return
            try:
                self.app.report_jobs.beat(keys)
            except Exception:  # the database went away for a moment: beat again later
                log.exception("report jobs: beat failed")

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def compact_json(value: object) -> bytes:
    """JSON as the API writes it (keys sorted, no spaces, Chinese as it is), one line."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode()
