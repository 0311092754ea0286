"""What a background report is made of (its key) and how far along it is (its percentage).

The key is the sha256 of everything the file's bytes depend on: the report, period, unit and
format; the moment asked for (or, for now, the day in the campaign's zone: a deadline
passing at midnight changes what is missing); the ledger's head as of the moment the rows
are read (any event, a correction too, moves it); and this code's version with the hash of
the reports' templates and styles. The same key is the same file, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from tracker.application.report_jobs import Job
from tracker.domain.period import Period
from tracker.projections.codec import utc_text

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp

HERE = Path(__file__).parent
#: about how long each stage takes, per project and fixed, by report and format (bench/reports.py
#: for the 月报表; the overdue list timed at 10,000 projects, its items about half of them)
STAGES = {
    "monthly": {
        "pdf": {"读取数据": (0.0012, 0.2), "排版": (0.0095, 0.3), "生成文件": (0.0016, 0.1)},
        "xlsx": {"读取数据": (0.0012, 0.2), "生成文件": (0.0007, 0.1)},
    },
    "overdue": {
        "pdf": {"读取数据": (0.00005, 0.1), "排版": (0.0025, 0.3), "生成文件": (0.0004, 0.1)},
        "xlsx": {"读取数据": (0.00005, 0.1), "生成文件": (0.0003, 0.1)},
    },
    "oc4ids": {"json": {"读取数据": (0.0020, 0.1), "生成文件": (0.0005, 0.1)}},
}


@cache
def code_mark() -> str:
    """The version and the templates and styles the reports are made with."""
    digest = hashlib.sha256(version("tracker").encode())
    for path in sorted([*(HERE / "templates").iterdir(), *(HERE / "static").iterdir()]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def job_key(
    app: TrackerApp,
    period: Period,
    fmt: str,
    unit: str | None,
    as_of: datetime | None,
    moment: datetime,
) -> str:
    """The fingerprint of the 月报表 made as of ``moment`` (``as_of``, or now)."""
    report = {"report": "monthly", "period": str(period), "unit": unit, "fmt": fmt}
    return fingerprint(app, report, period.year, as_of, moment)


def overdue_key(
    app: TrackerApp, year: int, fmt: str, as_of: datetime | None, moment: datetime
) -> str:
    """The fingerprint of the 逾期及督办清单 of ``year`` made as of ``moment`` (``as_of``, or
    now).

    Made now, the list also changes with no event: a problem open 30 days turns yellow at
    the second it was raised. So the items as they stand now are part of the key (the rest
    of the list, its 督办 and names, changes only with an event, so with the ledger's head).
    """
    report = {"report": "overdue", "period": str(year), "unit": None, "fmt": fmt}
    if as_of is None:
        items = repr(app.overdue.items(year)).encode()
        report["items"] = hashlib.sha256(items).hexdigest()
    return fingerprint(app, report, year, as_of, moment)


def oc4ids_key(app: TrackerApp, year: int, as_of: datetime | None, moment: datetime) -> str:
    """The fingerprint of the OC4IDS package of ``year`` made as of ``moment``: it changes
    with the log and, made now, with the day (a 节点's status is by the day)."""
    report = {"report": "oc4ids", "period": str(year), "unit": None, "fmt": "json"}
    return fingerprint(app, report, year, as_of, moment)


def fingerprint(
    app: TrackerApp, report: dict[str, object], year: int, as_of: datetime | None, moment: datetime
) -> str:
    """The key of ``report`` made as of ``moment``: what it is, the moment asked for (or, for
    now, the day), the ledger's head then, and this code."""
    head = app.audit.head(moment)
    zone = ZoneInfo(app.register.campaign(year).schedule.timezone)
    parts = {
        **report,
        "as_of": utc_text(as_of) if as_of else None,
        "day": None if as_of else moment.astimezone(zone).date().isoformat(),
        "head": [head.link, head.notification_id],
        "code": code_mark(),
    }
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def stages(job: Job) -> tuple[str, ...]:
    """The stages the job's file goes through, in order."""
    return tuple(STAGES[job.spec.kind][job.spec.fmt])


def percent(job: Job) -> int:
    """How far along the job is, about: done stages, and the current one by its time so far."""
    if job.status == "done":
        return 100
    table = STAGES[job.spec.kind][job.spec.fmt]
    if job.status != "running" or job.stage not in table:
        return 0
    cost = {name: per * job.spec.projects + fixed for name, (per, fixed) in table.items()}
    names = list(cost)
    before = sum(cost[name] for name in names[: names.index(job.stage)])
    elapsed = max(0.0, (job.read_at - job.stage_at).total_seconds())
    within = min(elapsed, 0.95 * cost[job.stage])
    return min(99, int(100 * (before + within) / sum(cost.values())))
