"""Benchmark: the 月报表 for 39, 400 and 2,000 projects, against plain WeasyPrint.

Usage::

    .venv/bin/python bench/reports.py [--sizes 39,400,2000] [--runs 5]

For each size a fresh SQLite store in a temporary directory gets the projects
(the 39 demo projects, or generated ones spread over the ten categories and
40 units), two periods of reports (04-H2 and 05-H1, a tenth of them with an
open problem) and then times, each the median of several runs:

- ``ours``  – ``reports.render_report(app, 2026-05-H1, "pdf")``: query the read
  models, build the rows, fill the template, WeasyPrint with our URL fetcher;
- ``plain`` – WeasyPrint alone on the same HTML (``HTML(string=…).write_pdf()``
  with its default fetcher), in the same run, so ``ours / plain`` is the
  overhead of our own code;
- ``xlsx``  – the same report as a workbook;
- ``as-of`` – the PDF as of a past moment (the log folded into a scratch store).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import weasyprint

import reports
import tracker
from reports.monthly import monthly_report
from reports.pdf import BASE_URL
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec

SHANGHAI = ZoneInfo("Asia/Shanghai")
DEMO_CSV = Path(tracker.__file__).parent / "cli" / "demo_data" / "projects-2026.csv"
PERIOD = Period(2026, 5, 1)
REPORTED = (Period(2026, 4, 2), PERIOD)
NOW = datetime(2026, 5, 20, 9, 0, tzinfo=SHANGHAI)
AS_OF = datetime(2026, 5, 16, 9, 0, tzinfo=SHANGHAI)
BATCH = 200
PLACES = "城东 城西 城南 城北 滨江 高新 临港 新城 老城 北湖".split()
OFFICES = "街道办事处 住建分局 城管分局 城投公司".split()
WORKS = "道路改造 公园绿道 立面整治 污水管网 供水管网 垃圾中转站 缆线入地 综合体".split()


def generated(n: int) -> list[ProjectSpec]:
    """``n`` projects over the ten categories and 40 units; plans in whole 万元."""
    specs = []
    for i in range(n):
        monthly = tuple(Decimal(50 + (i * 7 + m * 13) % 200) for m in range(12))
        place, office = PLACES[i % 10], OFFICES[(i // 10) % 4]
        specs.append(
            ProjectSpec(
                code=f"BM2026-{i + 1:05d}",
                name=f"{place}片区{WORKS[i % len(WORKS)]}工程（{i + 1}号标段）",
                category=CATEGORIES[i % len(CATEGORIES)],
                unit=f"{place}{office}",
                nature="new_start" if i % 4 == 0 else "continuing",
                total_investment=sum(monthly, Decimal(0)) * 3,
                annual_plan=sum(monthly, Decimal(0)),
                monthly_plan=monthly,
                planned_start=date(2026, 3, 1) if i % 4 == 0 else date(2025, 5, 1),
                planned_completion=date(2028, 6, 30),
            )
        )
    return specs


def build(n: int, folder: Path) -> TrackerApp:
    settings = Settings(f"sqlite:///{folder / 'bench.db'}", folder / "files", "bench")
    app = bootstrap(settings, init_schema=True)
    with clock.frozen(datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)):
        app.campaigns.create(2026, "某区", "350000", "cli:bench")
        if n == 39:
            app.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "cli:bench")
        else:
            app.projects.register(2026, generated(n), "cli:bench")
    codes = [row.code for row in app.register.projects(2026)]
    schedule = app.register.campaign(2026).schedule
    for period in REPORTED:
        due = period.due_date(schedule)
        moment = datetime(due.year, due.month, due.day - 1, 10, 0, tzinfo=SHANGHAI)
        with clock.frozen(moment):
            for start in range(0, len(codes), BATCH):
                projects = [app.projects.load(code) for code in codes[start : start + BATCH]]
                for i, project in enumerate(projects, start):
                    project.submit_report(period, report(i), schedule, moment, "cli:bench")
                app.store.save(*projects)
    return app


def report(i: int) -> ReportInput:
    problems = ("征地拆迁尚未完成，影响施工作业面移交，需协调解决",) if i % 10 == 3 else ()
    return ReportInput(
        Decimal(20 + i % 70) + Decimal(i % 100) / 100,
        f"主体施工，现场作业人员{20 + i % 60}人、机械{2 + i % 8}台",
        Decimal(i % 100),
        problems=problems,
    )


def plain_weasyprint(html: str) -> int:
    """WeasyPrint alone, as its documentation shows it; returns the page count."""
    document = weasyprint.HTML(string=html, base_url=BASE_URL).render()
    document.write_pdf()
    return len(document.pages)


def median_of(runs: int, work: Callable[[], object]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def measure(n: int, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        app = build(n, Path(folder))
        setup = time.perf_counter() - started
        clock.set(NOW)
        try:
            html = monthly_report(app.monthly.data(PERIOD)).html()
            ours, _ = median_of(runs, lambda: reports.render_report(app, PERIOD, "pdf"))
            plain, pages = median_of(runs, lambda: plain_weasyprint(html))
            xlsx, _ = median_of(runs, lambda: reports.render_report(app, PERIOD, "xlsx"))
            as_of, _ = median_of(
                max(1, runs // 2), lambda: reports.render_report(app, PERIOD, "pdf", as_of=AS_OF)
            )
        finally:
            clock.set(None)
            app.close()
    return dict(n=n, setup=setup, pages=pages, ours=ours, plain=plain, xlsx=xlsx, as_of=as_of)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="39,400,2000")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (2,000: at most 3)")
    args = parser.parse_args()
    print(
        f"# {platform.python_implementation()} {platform.python_version()}, "
        f"WeasyPrint {weasyprint.__version__}, {os.cpu_count()} CPUs, {platform.machine()}"
    )
    print("projects  pages  ours PDF  plain WeasyPrint  ours/plain  XLSX     as-of PDF  (setup)")
    for n in (int(size) for size in args.sizes.split(",")):
        r = measure(n, args.runs if n < 2000 else min(args.runs, 3))
        print(
            f"{r['n']:>8}  {r['pages']:>5}  {r['ours']:>7.2f}s  {r['plain']:>15.2f}s  "
            f"{r['ours'] / r['plain']:>10.2f}  {r['xlsx']:>6.2f}s  {r['as_of']:>8.2f}s  "
            f"({r['setup']:.0f}s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
