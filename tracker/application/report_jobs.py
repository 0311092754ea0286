"""Report jobs: a report made in the background; its state and file where every worker sees them.

A job is keyed by its report's data fingerprint (``key``, made by ``reports.jobs``): the
same period, unit, format, as-of moment and data give the same key, so asking twice is one
job and a finished file is an exact cache hit. The table has a MetaData of its own, beside
the ledger's: rebuilding the read models never drops it. Finished files are kept in the
content-addressed file store (``files_dir/report-cache``), so any worker can send them.

A job is made by the process that got the request and rendered in one of its threads; that
process beats the job's ``beat_at`` while it is queued or running. A job whose beat stopped
(the process died) reads as failed and may be started again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from tracker.application.files import FileStore
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.projections.codec import moment, utc_text

jobs_meta = MetaData()

report_jobs = Table(
    "tracker_report_jobs",
    jobs_meta,
    Column("key", String(64), primary_key=True),  # sha256 of what the file is made of
    # monthly (月报表) | overdue (逾期及督办清单) | oc4ids (the open-data package, fmt json)
    Column("kind", String(10), nullable=False),
    Column("period", String(10), nullable=False),  # the 月报表's period; else the year
    Column("unit", Text),  # None: the district's report
    Column("fmt", String(8), nullable=False),  # pdf | xlsx | json
    Column("as_of", String(40)),  # the moment asked for (None: now)
    Column("moment", String(40), nullable=False),  # the moment the rows are read as of
    Column("projects", Integer, nullable=False),  # how many projects the report holds
    Column("state", String(10), nullable=False),  # queued | running | done | failed
    Column("stage", String(20)),  # 读取数据 | 排版 | 生成文件
    Column("owner", String(120), nullable=False),  # host:pid of the process making it
    Column("attempts", Integer, nullable=False),  # how many times it was started
    Column("created_at", String(40), nullable=False),
    Column("stage_at", String(40), nullable=False),  # when the stage began
    Column("beat_at", String(40), nullable=False),  # the owner's last sign of life
    Column("finished_at", String(40)),
    Column("sha256", String(64)),  # the finished file, in the file store
    Column("size", BigInteger),
    Column("error", Text),
)
J = report_jobs.c
ACTIVE = ("queued", "running")
#: a queued or running job whose owner has not beaten for this long reads as failed
STALE = timedelta(seconds=60)
#: a finished job (and its file) is kept this long; asked for later, it is made again
KEPT = timedelta(days=30)


def shaped(engine: Engine) -> bool:
    """Whether the jobs table has the columns this code writes (or is not there yet)."""
    found = inspect(engine)
    if not found.has_table(report_jobs.name):
        return True
    return {c["name"] for c in found.get_columns(report_jobs.name)} == set(report_jobs.c.keys())


def make_table(engine: Engine) -> None:
    """The jobs table. One of an older shape is made anew (``tracker init``): the jobs are a
    cache, and a report asked for again is made again, the same bytes; the old jobs' files
    stay in the file store, no longer named by any job."""
    if not shaped(engine):
        report_jobs.drop(engine)
    jobs_meta.create_all(engine)


@dataclass(frozen=True)
class JobSpec:
    """What a job makes: the 月报表 of ``period`` (``kind`` monthly), or the 逾期及督办清单
    (overdue) or the OC4IDS package (oc4ids) of the year ``period``, for ``unit`` in ``fmt``,
    as of ``moment``."""

    period: str
    unit: str | None
    fmt: str
    as_of: datetime | None
    moment: datetime
    projects: int
    kind: str = "monthly"


@dataclass(frozen=True)
class Job:
    """A report job as stored, read at ``read_at``."""

    key: str
    spec: JobSpec
    state: str
    stage: str | None
    owner: str
    attempts: int
    created_at: datetime
    stage_at: datetime
    beat_at: datetime
    finished_at: datetime | None
    sha256: str | None
    size: int | None
    error: str | None
    read_at: datetime

    @property
    def status(self) -> str:
        """queued, running, done or failed; a job nobody beats any more has failed."""
        if self.state in ACTIVE and self.read_at - self.beat_at > STALE:
            return "failed"
        return self.state


def job_of(row: Any, now: datetime) -> Job:
    spec = JobSpec(
        row.period, row.unit, row.fmt, moment(row.as_of), moment(row.moment), row.projects,
        row.kind,
    )  # fmt: skip
    return Job(
        row.key, spec, row.state, row.stage, row.owner, row.attempts, moment(row.created_at),
        moment(row.stage_at), moment(row.beat_at), moment(row.finished_at), row.sha256,
        row.size, row.error, now,
    )  # fmt: skip


class ReportJobs:
    """The stored report jobs and their finished files."""

    def __init__(self, engine: Engine, files: FileStore) -> None:
        self.engine, self.files = engine, files

    def get(self, key: str) -> Job:
        """The job of ``key``, or NotFound."""
        with self.engine.connect() as connection:
            row = connection.execute(select(report_jobs).where(J.key == key)).first()
        if row is None:
            raise NotFound("报表任务不存在", "job")
        return job_of(row, clock.now())

    def start(self, key: str, spec: JobSpec, owner: str) -> tuple[Job, bool]:
        """The job of ``key``, made now if there was none: True when this call made it."""
        now = utc_text(clock.now())
        values = dict(
            key=key, kind=spec.kind, period=spec.period, unit=spec.unit, fmt=spec.fmt,
            as_of=utc_text(spec.as_of) if spec.as_of else None, moment=utc_text(spec.moment),
            projects=spec.projects, state="queued", owner=owner, attempts=1, created_at=now,
            stage_at=now, beat_at=now,
        )  # fmt: skip
        try:
            with self.engine.begin() as connection:
                connection.execute(report_jobs.insert().values(**values))
        except IntegrityError:  # asked for already (by this worker or another): one job
            return self.get(key), False
        return self.get(key), True

    def restart(self, key: str, owner: str) -> bool:
        """Start a failed job (or one nobody beats) again, as of the same moment; True if so."""
        now = clock.now()
        stopped = (J.state == "failed") | (
            J.state.in_(ACTIVE) & (J.beat_at < utc_text(now - STALE))
        )
        again = dict(
            state="queued", stage=None, owner=owner, attempts=J.attempts + 1,
            stage_at=utc_text(now), beat_at=utc_text(now),
            error=None, finished_at=None,
        )  # fmt: skip
        with self.engine.begin() as connection:
            done = connection.execute(
                update(report_jobs).where((J.key == key) & stopped).values(**again)
            )
        return done.rowcount == 1

    def stage(self, key: str, stage: str) -> None:
        """The job's renderer has begun ``stage``."""
        now = utc_text(clock.now())
        self._set(key, state="running", stage=stage, stage_at=now, beat_at=now)

    def beat(self, keys: list[str]) -> None:
        """The owner of ``keys`` is alive."""
        if keys:
            with self.engine.begin() as connection:
                connection.execute(
                    update(report_jobs)
                    .where(J.key.in_(keys) & J.state.in_(ACTIVE))
                    .values(beat_at=utc_text(clock.now()))
                )

    def finish(self, key: str, data: bytes) -> None:
        """Keep the finished file and mark the job done; forget the jobs finished long ago."""
        sha256 = self.files.put(data)
        now = utc_text(clock.now())
        self._set(key, state="done", sha256=sha256, size=len(data), finished_at=now, beat_at=now)
        self.prune(clock.now() - KEPT)

    def prune(self, before: datetime) -> int:
        """Remove the jobs finished (done or failed) before ``before`` and the files no job
        kept refers to any more: a fingerprint's data seldom comes back, and if it does the
        file is made again. Returns how many jobs were removed."""
        finished = J.state.in_(("done", "failed")) & (J.finished_at < utc_text(before))
        with self.engine.begin() as connection:
            old = connection.execute(select(J.key, J.sha256).where(finished)).all()
            if not old:
                return 0
            connection.execute(report_jobs.delete().where(J.key.in_([k for k, _ in old])))
            hashes = {sha256 for _, sha256 in old if sha256}
            kept = set(connection.execute(select(J.sha256).where(J.sha256.in_(hashes))).scalars())
        for sha256 in hashes - kept:
            self.files.remove(sha256)
        return len(old)

    def fail(self, key: str, error: str) -> None:
        self._set(key, state="failed", error=error[:2000], finished_at=utc_text(clock.now()))

    def lose(self, key: str) -> bool:
        """A done job whose file is gone becomes failed, to be started again; True if this
        call did it (two requests finding the file gone at once: the second finds the job
        started again already, and leaves it)."""
        error = dict(state="failed", error="报表文件已不在", finished_at=utc_text(clock.now()))
        with self.engine.begin() as connection:
            done = connection.execute(
                update(report_jobs).where((J.key == key) & (J.state == "done")).values(**error)
            )
        return done.rowcount == 1

    def lost(self, job: Job) -> bool:
        """Done, but its file is no longer in the store (a folder cleared): to be made again."""
        return job.status == "done" and not (job.sha256 and self.files.where(job.sha256).is_file())

    def file(self, job: Job) -> bytes:
        """The finished file of ``job``; NotFound if it is not done or the file is gone."""
        if job.status != "done" or job.sha256 is None:
            raise NotFound("报表尚未生成完成", "job")
        return self.files.read(job.sha256, "报表文件已不在，请重新生成")

    def _set(self, key: str, **values: Any) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(report_jobs).where(J.key == key).values(**values))
