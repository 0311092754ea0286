"""Benchmark: as of a past moment against now, side by side in one run.

Usage::

    .venv/bin/python bench/asof.py [--sizes 39,1000,10000] [--runs 5]

For each size, a synthetic province (``bench/projections.py``'s generator: a
year of 半月报 with late, missing and corrected ones) in a fresh SQLite file;
then the district summary of one period read now and as of a past moment
(median of ``--runs`` each), and the ratio as-of / now. Then, on the demo
(``tracker demo``, 24 Nov 2026), the 月报表 PDF of 2026-11-H1 made now and as of
its first sign-off, with the ratio, and whether the as-of PDF is byte-identical
to the signed-off file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.projections import (
    ACTOR,
    QUERIED_AT,
    REGISTERED_AT,
    YEAR,
    Ledger,
    lay_down_reports,
    make_plans,
    project_list_csv,
    tracker_version,
)
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period

SHANGHAI = ZoneInfo("Asia/Shanghai")
PERIOD = Period(YEAR, 6, 2)  # the period read both ways
PAST = datetime(YEAR, 7, 10, 12, 0, tzinfo=SHANGHAI)  # after its deadline, before corrections


def medians(runs: int, *works: Callable[[], Any]) -> list[float]:
    """The median time of each of ``works``, run in turn ``runs`` times: interleaved, so a
    machine busy with something else slows them alike and their ratio still holds."""
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, taken in zip(works, times, strict=True):
            start = time.perf_counter()
            work()
            taken.append(time.perf_counter() - start)
    return [statistics.median(taken) for taken in times]


def province(n: int, folder: Path) -> TrackerApp:
    """N projects and their year of reports, through the aggregates and the store."""
    rng = random.Random(2026)
    settings = Settings(
        database_url=f"sqlite:///{folder / 'tracker.db'}", files_dir=folder, secret_key=None
    )
    app = bootstrap(settings, init_schema=True)
    clock.set(REGISTERED_AT)
    app.campaigns.create(YEAR, "某省（合成）", "99999999", ACTOR)
    plans = make_plans(n, rng)
    app.project_lists.import_file(YEAR, project_list_csv(plans, rng), ACTOR)
    projects = {p.code: app.projects.load(p.code) for p in plans}
    lay_down_reports(app, plans, projects, rng, 250, Ledger())
    clock.set(QUERIED_AT)
    return app


def summaries(n: int, runs: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        app = province(n, Path(folder))
        built = time.perf_counter() - start
        now = app.summaries.summary(PERIOD)
        past = app.summaries.summary(PERIOD, as_of=PAST)
        assert now.district.projects == past.district.projects == n
        now_s, past_s = medians(
            runs,
            lambda: app.summaries.summary(PERIOD),
            lambda: app.summaries.summary(PERIOD, as_of=PAST),
        )
        events = app.store.event_count()
        app.close()
    return (
        f"| {n:,} | {events:,} | {now_s * 1000:,.1f} ms | {past_s * 1000:,.1f} ms "
        f"| {past_s / now_s:.2f}× |   (built in {built:.0f} s)"
    )


def monthly_pdfs(runs: int) -> str:
    import reports
    from tracker.cli.demo import load_demo

    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            database_url=f"sqlite:///{Path(folder) / 'tracker.db'}",
            files_dir=Path(folder),
            secret_key=None,
        )
        app = bootstrap(settings, init_schema=True)
        with clock.frozen(datetime(2026, 11, 24, 12, 0, tzinfo=SHANGHAI)):
            load_demo(app, date(2026, 11, 24))
            period = Period(2026, 11, 1)
            first = app.issued.reports(2026, period)[0]
            past = reports.render_report(app, period, "pdf", None, first.as_of)
            same = past == app.issued.file(first.sha256)
            now_s, past_s = medians(
                runs,
                lambda: reports.render_report(app, period, "pdf", None),
                lambda: reports.render_report(app, period, "pdf", None, first.as_of),
            )
        app.close()
    return (
        f"月报表 PDF, demo {period}: now {now_s:.2f} s, as of its first sign-off {past_s:.2f} s, "
        f"as of / now {past_s / now_s:.2f}×; the as-of PDF is byte-identical to the "
        f"signed-off file: {'yes' if same else 'NO'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="39,1000,10000", help="project counts, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    args = parser.parse_args(argv)
    print(f"tracker {tracker_version()}; district summary of {PERIOD}, as of {PAST:%Y-%m-%d %H:%M}")
    print("| projects | events | now | as of a past moment | as of / now |")
    print("|---|---|---|---|---|")
    for n in (int(size) for size in args.sizes.split(",")):
        print(summaries(n, args.runs), flush=True)
    print(monthly_pdfs(max(3, args.runs // 2)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
