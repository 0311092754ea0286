"""Benchmark: a synthetic province of N projects, a year of reports, and the read models.

Usage::

    .venv/bin/python bench/projections.py [--projects 10000] [--database-url URL]

Without ``--database-url`` a fresh SQLite file in a temporary directory is
used. With a ``postgresql+psycopg://…`` URL the benchmark works in a schema of
its own (``--pg-schema``, default ``bench_projections``), created at the start
and dropped at the end, so others can use the same database meanwhile.

Phases, each timed and printed on its own line:

1. import   – an 附件1 CSV of N projects through ``app.project_lists.import_file``
2. reports  – 24 periods × N ReportSubmitted plus ~2 % ReportCorrected, laid
              down through the aggregates and ``app.store.save`` in batches
3. rebuild  – ``app.store.rebuild_projections()``, between two decodings of the log;
              "rebuild vs decoding" is its rate over the faster decoding's
4. summary  – ``app.summaries.summary(2026-12-H2)`` now (median of 5)
5. as-of    – ``app.summaries.summary(2026-06-H2, as_of=<July 2026>)`` (median of 3,
              or 1 if a run takes more than 30 s)

Also printed: the machine, the tracker commit, the backend, N, the total
events, how fast the aggregates load, and how fast the log alone is read and
decoded (the part of the as-of time that is not folding).

At the end the summaries are checked against what was generated, as exact
Decimals (district 本年累计, statuses, the as-of view), and "check ok" printed.
Money is generated as integer 分 and handed over as Decimal: no floats.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import os
import platform
import pstats
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy
from sqlalchemy import create_engine, text

import tracker
from tracker.application.app import TrackerApp
from tracker.application.project_list import COLUMNS
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.catalog import CATEGORIES
from tracker.domain.clock import clock
from tracker.domain.period import Period, Schedule
from tracker.domain.project import Project
from tracker.domain.report import ReportInput

YEAR = 2026
SHANGHAI = ZoneInfo("Asia/Shanghai")
ACTOR = "cli:bench"
DEMO_CSV = Path(tracker.__file__).parent / "cli" / "demo_data" / "projects-2026.csv"
PERIODS = Period.all_of(YEAR)
LATE_PERMILLE = 30  # reports received after the deadline
MISSING_PERMILLE = 5  # reports never sent
CORRECTION_PERMILLE = 20  # corrections of an earlier period, per period
REGISTERED_AT = datetime(YEAR, 1, 2, 9, 30, tzinfo=SHANGHAI)
QUERIED_AT = datetime(YEAR + 1, 1, 6, 10, 0, tzinfo=SHANGHAI)
AS_OF = datetime(YEAR, 7, 10, 12, 0, tzinfo=SHANGHAI)
AS_OF_PERIOD = Period(YEAR, 6, 2)
NOW_PERIOD = Period(YEAR, 12, 2)

PLACES = (
    "城东 城西 城南 城北 滨江 高新 临港 新城 老城 北湖 南山 东湖 西山 江北 河西 "
    "经开 金沙 青山 白云 龙泉"
).split()
OFFICES = (
    "街道办事处 住建分局 城管分局 交通分局 水务分局 园林所 建设发展公司 城投公司 管委会 规划分局"
).split()
NAME_PARTS: dict[str, tuple[str, ...]] = {
    "城市规划编制和实施": ("片区控制性详细规划", "城市设计", "历史街区保护规划实施"),
    "城市绿化": ("公园", "绿道", "口袋公园", "街头绿地"),
    "城乡景观风貌整治": ("立面整治", "夜景亮化", "背街小巷改造"),
    "城市综合交通": ("道路改造", "立交工程", "公交首末站", "停车场"),
    "污水处理及水环境整治": ("污水管网", "黑臭水体治理", "污水处理厂提标"),
    "供水、供气设施建设": ("供水管网改造", "燃气管道更新", "加压泵站"),
    "垃圾处理": ("垃圾中转站", "餐厨垃圾处理厂", "分类收运体系"),
    "架空缆线下地": ("缆线入地", "综合管沟"),
    "数字城管系统建设": ("数字城管平台", "智慧停车系统", "视频监控扩容"),
    "城市综合体": ("商业综合体", "城市客厅", "TOD综合开发"),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".replace("", " ").split()
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚".replace("", " ").split()
PROGRESS = ("前期手续办理中", "主体施工", "管网铺设", "设备安装", "收尾整改", "绿化种植")

T = TypeVar("T")


# -- money as integer 分 ----------------------------------------------------------


def money(cents: int) -> Decimal:
    """Exact 万元 with two decimals from an integer number of 分."""
    return Decimal(cents).scaleb(-2)


def money_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


# -- the synthetic province -----------------------------------------------------


@dataclass
class Plan:
    """One generated project: what went into the CSV, in 分."""

    code: str
    unit: str
    category: str
    new_start: bool
    start_month: int  # first month with planned (and actual) investment
    planned_start: date
    annual: int
    total: int
    monthly: list[int]
    pace: int  # percent of plan this project usually achieves


def split(annual: int, weights: list[int]) -> list[int]:
    """``annual`` 分 over twelve months in proportion to ``weights``, adding up exactly."""
    whole = sum(weights)
    parts = [annual * w // whole for w in weights]
    rest = annual - sum(parts)
    for i, w in enumerate(weights):
        if rest == 0:
            break
        if w:
            parts[i] += 1
            rest -= 1
    assert sum(parts) == annual and rest == 0
    return parts


def make_plans(n: int, rng: random.Random) -> list[Plan]:
    units = [f"{place}{office}" for place in PLACES for office in OFFICES]  # 200 units
    plans = []
    for i in range(1, n + 1):
        category = CATEGORIES[i % len(CATEGORIES)]
        new_start = rng.randrange(100) < 25
        scale = rng.choice((100, 1_000, 10_000, 100_000))  # 1 万 … 1000 万 per step
        annual = rng.randint(20, 500) * scale
        total = annual * rng.randint(100, 400) // 100
        if new_start:
            start_month = rng.randint(2, 9)
            planned_start = date(YEAR, start_month, rng.randint(1, 10))
        else:
            start_month = 1
            planned_start = date(YEAR - rng.randint(1, 2), rng.randint(1, 12), rng.randint(1, 28))
        weights = [0 if m < start_month else rng.randint(60, 140) + 5 * m for m in range(1, 13)]
        plans.append(
            Plan(
                code=f"SJ{YEAR}-{i:05d}",
                unit=units[rng.randrange(len(units))],
                category=category,
                new_start=new_start,
                start_month=start_month,
                planned_start=planned_start,
                annual=annual,
                total=total,
                monthly=split(annual, weights),
                pace=rng.choice((35, 60, 80, 90, 95, 100, 100, 105, 110, 120)),
            )
        )
    return plans


def project_list_csv(plans: list[Plan], rng: random.Random) -> bytes:
    """The 附件1 file, with the header of the demo list, UTF-8 with BOM as Excel saves it."""
    with DEMO_CSV.open(encoding="utf-8-sig", newline="") as demo:
        header = next(csv.reader(demo))
    assert header == list(COLUMNS), "the demo list's header is not the 附件1 layout"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for plan in plans:
        place = plan.unit[:2]
        part = rng.choice(NAME_PARTS[plan.category])
        completion = date(YEAR + rng.randint(1, 3), rng.randint(1, 12), rng.randint(1, 28))
        values = {
            "项目编号": plan.code,
            "项目名称": f"{place}{part}（{plan.code[-5:]}号）",
            "类别": plan.category,
            "责任单位": plan.unit,
            "建设性质": "新开工" if plan.new_start else "在建",
            "建设内容及规模": f"{part}工程，{rng.randint(1, 90)}公里/公顷",
            "总投资（万元）": money_text(plan.total),
            "年度计划投资（万元）": money_text(plan.annual),
            "计划开工日期": plan.planned_start.isoformat(),
            "计划竣工日期": completion.isoformat(),
            "项目负责人": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "信息员": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "联系电话": f"138{rng.randrange(10**8):08d}",
            **{f"{m}月计划投资（万元）": money_text(c) for m, c in enumerate(plan.monthly, 1)},
            "试点项目": "是" if rng.randrange(100) < 5 else "否",
            "备注": "",
        }
        writer.writerow([values[column] for column in header])
    return out.getvalue().encode("utf-8-sig")


# -- what was reported, to check the figures against ----------------------------


@dataclass
class Ledger:
    """Every version laid down: (moment, code, period index, 分)."""

    versions: list[tuple[datetime, str, int, int]] = field(default_factory=list)
    statuses: dict[int, dict[str, int]] = field(default_factory=dict)  # period index -> counts

    def ytd_actual(self, period: Period, as_of: datetime | None = None) -> Decimal:
        latest: dict[tuple[str, int], int] = {}
        for moment, code, index, cents in self.versions:  # in time order
            if index <= period.index and (as_of is None or moment <= as_of):
                latest[(code, index)] = cents
        return money(sum(latest.values()))


# -- phases ---------------------------------------------------------------------


@dataclass
class Output:
    lines: list[str] = field(default_factory=list)

    def line(self, label: str, value: str) -> None:
        text_ = f"{label:<22} {value}"
        self.lines.append(text_)
        print(text_, flush=True)


def check(ok: bool, failure: str) -> None:
    """A sanity check that also holds under ``python -O``."""
    if not ok:
        raise SystemExit(f"CHECK FAILED: {failure}")


def note(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


@contextmanager
def profiled(enabled: bool, label: str) -> Iterator[None]:
    if not enabled:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        stats.print_stats(30)
        print(f"\n===== profile: {label} =====\n{out.getvalue()}", file=sys.stderr, flush=True)


def timed(call: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def moments(period: Period, schedule: Schedule, count: int) -> list[datetime]:
    """``count`` receipt times spread over the four days before the deadline."""
    closes = period.closes_at(schedule)
    first = closes - timedelta(days=4) + timedelta(hours=9)
    span = timedelta(days=4) - timedelta(hours=10)
    return [first + span * k / max(1, count) for k in range(count)]


def lay_down_reports(
    app: TrackerApp,
    plans: list[Plan],
    projects: dict[str, Project],
    rng: random.Random,
    batch: int,
    ledger: Ledger,
) -> tuple[int, float, float]:
    """A year of reports through the aggregates; returns (events, domain s, save s)."""
    schedule = app.register.campaign(YEAR).schedule
    events = 0
    domain_seconds = save_seconds = 0.0
    reported: dict[str, dict[int, int]] = {plan.code: {} for plan in plans}
    started: set[str] = set()

    def save(aggregates: list[Project]) -> None:
        nonlocal save_seconds
        seconds, _ = timed(lambda: app.store.save(*aggregates))
        save_seconds += seconds

    def report_input(plan: Plan, period: Period, cents: int, today: date) -> ReportInput:
        started_on = None
        if plan.new_start and plan.code not in started and period.month >= plan.start_month:
            started_on = min(plan.planned_start, today)
            started.add(plan.code)
        if plan.new_start and period.month < plan.start_month:
            progress = PROGRESS[0]
        else:
            progress = PROGRESS[1 + (period.index + len(plan.code)) % (len(PROGRESS) - 1)]
        return ReportInput(
            investment=money(cents),
            progress=f"{progress}，第{period.index}期",
            progress_pct=Decimal(min(100, period.index * 4)),
            started_on=started_on,
        )

    def submit(plan: Plan, period: Period, now: datetime) -> None:
        nonlocal events, domain_seconds
        month_plan = plan.monthly[period.month - 1]
        base = month_plan // 2 if period.half == 1 else month_plan - month_plan // 2
        cents = base * plan.pace * rng.randint(80, 120) // 10_000
        project = projects[plan.code]
        report = report_input(plan, period, cents, now.astimezone(SHANGHAI).date())
        t0 = time.perf_counter()
        project.submit_report(period, report, schedule, now, ACTOR)
        domain_seconds += time.perf_counter() - t0
        reported[plan.code][period.index] = cents
        ledger.versions.append((now, plan.code, period.index, cents))
        events += 1

    def correct(plan: Plan, period: Period, now: datetime) -> None:
        nonlocal events, domain_seconds
        project = projects[plan.code]
        latest = project.latest(period)
        assert latest is not None
        cents = reported[plan.code][period.index] * rng.randint(85, 115) // 100
        report = ReportInput(
            investment=money(cents),
            progress=latest["progress"],
            progress_pct=latest["progress_pct"],
            started_on=latest["started_on"],
        )
        t0 = time.perf_counter()
        project.correct_report(
            period, report, "统计口径有误，更正本期完成投资", schedule, now, ACTOR
        )
        domain_seconds += time.perf_counter() - t0
        reported[plan.code][period.index] = cents
        ledger.versions.append((now, plan.code, period.index, cents))
        events += 1

    for period in PERIODS:
        order = plans[:]
        rng.shuffle(order)
        missing = {p.code for p in order if rng.randrange(1000) < MISSING_PERMILLE}
        late = [p for p in order if p.code not in missing and rng.randrange(1000) < LATE_PERMILLE]
        late_codes = {p.code for p in late}
        on_time = [p for p in order if p.code not in missing and p.code not in late_codes]
        ledger.statuses[period.index] = {
            "on_time": len(on_time),
            "late": len(late),
            "missing": len(missing),
        }
        chunks = [on_time[i : i + batch] for i in range(0, len(on_time), batch)]
        for chunk, now in zip(chunks, moments(period, schedule, len(chunks)), strict=True):
            clock.set(now)
            for plan in chunk:
                submit(plan, period, now)
            save([projects[p.code] for p in chunk])
        closes = period.closes_at(schedule)
        # Late reports the day after the deadline, corrections the day after that.
        now = closes + timedelta(days=1, hours=10)
        clock.set(now)
        for i in range(0, len(late), batch):
            for plan in late[i : i + batch]:
                submit(plan, period, now)
            save([projects[p.code] for p in late[i : i + batch]])
        now = closes + timedelta(days=2, hours=15)
        clock.set(now)
        fixes = []
        for plan in order:
            if rng.randrange(1000) >= CORRECTION_PERMILLE:
                continue
            earlier = Period.from_index(YEAR, max(1, period.index - rng.randint(0, 3)))
            if earlier.index in reported[plan.code]:
                correct(plan, earlier, now)
                fixes.append(projects[plan.code])
        for i in range(0, len(fixes), batch):
            save(fixes[i : i + batch])
        if period.half == 2:
            note(f"{period}: {events} report events so far")
    clock.set(None)
    return events, domain_seconds, save_seconds


# -- databases -------------------------------------------------------------------


@dataclass
class Database:
    url: str
    backend: str
    cleanup: Callable[[], None]


def with_search_path(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit(parts._replace(query=urlencode(query)))


def open_database(url: str | None, pg_schema: str, workdir: Path) -> Database:
    if url is None:
        path = workdir / "bench.db"
        return Database(f"sqlite:///{path}", f"SQLite, a fresh file in {workdir}", lambda: None)
    if url.startswith("sqlite"):
        return Database(url, "SQLite", lambda: None)
    if not url.startswith("postgresql"):
        raise SystemExit(f"unsupported database URL: {url}")
    if not pg_schema.isidentifier():
        raise SystemExit(f"not a schema name: {pg_schema}")
    admin = create_engine(url)
    with admin.begin() as connection:
        version = connection.execute(text("SHOW server_version")).scalar_one()
        # the schema is this benchmark's own: a leftover of an interrupted run goes
        connection.execute(text(f"DROP SCHEMA IF EXISTS {pg_schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {pg_schema}"))

    def drop() -> None:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {pg_schema} CASCADE"))
        admin.dispose()

    return Database(
        with_search_path(url, pg_schema), f"PostgreSQL {version} (schema {pg_schema})", drop
    )


# -- main ------------------------------------------------------------------------


def tracker_version() -> str:
    """The commit the tracker code is at, and whether it has uncommitted changes."""
    import subprocess

    root = Path(tracker.__file__).resolve().parent.parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return f"{root} (not a git checkout)"
    changed = git("status", "--porcelain", "--", "tracker")
    return f"{root} at {commit}" + (" + uncommitted changes in tracker/" if changed else "")


def run(args: argparse.Namespace, workdir: Path) -> int:
    out = Output()
    n = args.projects
    rng = random.Random(args.seed)
    database = open_database(args.database_url, args.pg_schema, workdir)
    sqlite_version = ""
    if database.url.startswith("sqlite"):
        import sqlite3

        sqlite_version = f", sqlite {sqlite3.sqlite_version}"
    out.line(
        "machine",
        f"nproc {os.cpu_count()}, {platform.machine()}, Python {platform.python_version()}"
        f"{sqlite_version}, SQLAlchemy {sqlalchemy.__version__}",
    )
    out.line("tracker", tracker_version())
    out.line("backend", database.backend)
    out.line("projects (N)", f"{n}")
    app: TrackerApp | None = None
    try:
        clock.set(REGISTERED_AT - timedelta(hours=1))
        settings = Settings(database_url=database.url, files_dir=workdir / "files", secret_key=None)
        app = bootstrap(settings, init_schema=True)
        app.campaigns.create(YEAR, "某省（合成）", "99999999", ACTOR)

        # 1. import
        plans = make_plans(n, rng)
        data = project_list_csv(plans, rng)
        clock.set(REGISTERED_AT)
        with profiled(args.profile, "import"):
            seconds, specs = timed(lambda: app.project_lists.import_file(YEAR, data, ACTOR))
        assert len(specs) == n
        units = len({p.unit for p in plans})
        out.line(
            "import",
            f"{n / seconds:,.0f} rows/s ({n} rows, {units} units, "
            f"{len(data) / 1e6:.1f} MB CSV, {seconds:.2f} s)",
        )

        # 2. a year of reports
        seconds, projects = timed(lambda: {p.code: app.projects.load(p.code) for p in plans})
        out.line("load aggregates", f"{n / seconds:,.0f} aggregates/s ({seconds:.2f} s)")
        ledger = Ledger()
        with profiled(args.profile, "reports"):
            seconds, (events, domain_s, save_s) = timed(
                lambda: lay_down_reports(app, plans, projects, rng, args.batch, ledger)
            )
        corrections = len(ledger.versions) - sum(
            s["on_time"] + s["late"] for s in ledger.statuses.values()
        )
        out.line(
            "reports",
            f"{events / seconds:,.0f} events/s ({events} events: {events - corrections} "
            f"submitted + {corrections} corrected, {seconds:.1f} s; aggregates {domain_s:.1f} s, "
            f"app.store.save {save_s:.1f} s in batches of {args.batch})",
        )

        with app.store.engine.connect() as connection:
            total_events = connection.execute(
                text(f"SELECT count(*) FROM {app.store.name}_events")
            ).scalar_one()
        out.line("total events", f"{total_events}")
        clock.set(QUERIED_AT)
        before = app.summaries.summary(NOW_PERIOD).district.figures

        # 3. rebuild, between two decodings of the same log (the machine is shared: the
        # faster decoding is the one the rebuild is held to)
        def read_log() -> tuple[int, int]:
            read = up_to = 0
            for event in app.store.log():
                read += 1
                up_to += event.timestamp <= AS_OF  # type: ignore[attr-defined]
            return read, up_to

        decode_s, _ = timed(read_log)
        with profiled(args.profile, "rebuild"):
            seconds, applied = timed(app.store.rebuild_projections)
        out.line(
            "rebuild", f"{applied / seconds:,.0f} events/s ({applied} events, {seconds:.1f} s)"
        )
        again_s, _ = timed(read_log)
        decoding = total_events / min(decode_s, again_s)
        out.line(
            "rebuild vs decoding",
            f"{applied / seconds / decoding:.2f} (rebuild {applied / seconds:,.0f} events/s ÷ "
            f"decoding the log {decoding:,.0f} events/s, the faster of {decode_s:.1f} s just "
            f"before and {again_s:.1f} s just after)",
        )

        # 4. summary now
        runs = []
        with profiled(args.profile, "summary now"):
            for _ in range(5):
                seconds, summary = timed(lambda: app.summaries.summary(NOW_PERIOD))
                runs.append(seconds)
        out.line(
            "summary now",
            f"{statistics.median(runs) * 1000:,.0f} ms (median of 5, {NOW_PERIOD}, "
            f"{len(summary.projects)} projects, {len(summary.units)} units)",
        )

        # 5. summary as of a past moment
        runs = []
        with profiled(args.profile, "summary as of"):
            for _ in range(3):
                seconds, past = timed(lambda: app.summaries.summary(AS_OF_PERIOD, as_of=AS_OF))
                runs.append(seconds)
                if seconds > 30:
                    break
        out.line(
            "summary as of",
            f"{statistics.median(runs):,.1f} s (median of {len(runs)}, {AS_OF_PERIOD} "
            f"as of {AS_OF.isoformat()}, the rows that held then)",
        )

        # how much of the as-of time is only reading the log
        seconds, (read, up_to) = timed(read_log)
        out.line(
            "read log",
            f"{read / seconds:,.0f} events/s (decoding all {read} events, no projection, "
            f"{seconds:.1f} s; {up_to} of them are up to the as-of moment)",
        )

        # checks, all exact
        expected_now = ledger.ytd_actual(NOW_PERIOD)
        check(
            summary.district.figures.ytd_actual == expected_now,
            f"district 本年累计 {summary.district.figures.ytd_actual} != generated {expected_now}",
        )
        check(summary.district.figures == before, f"rebuilt {summary.district.figures} != {before}")
        check(
            summary.district.figures.annual_plan == money(sum(p.annual for p in plans)),
            "district annual plan differs from the CSV's",
        )
        check(
            sum(u.figures.ytd_actual for u in summary.units) == expected_now,
            "units do not add up to the district",
        )
        check(
            sum(c.figures.ytd_actual for c in summary.categories) == expected_now,
            "categories do not add up to the district",
        )
        counts = {k: 0 for k in ledger.statuses[NOW_PERIOD.index]}
        for row in summary.projects:
            counts[row.status] = counts.get(row.status, 0) + 1
        check(
            counts == ledger.statuses[NOW_PERIOD.index],
            f"statuses {counts} != generated {ledger.statuses[NOW_PERIOD.index]}",
        )
        expected_past = ledger.ytd_actual(AS_OF_PERIOD, as_of=AS_OF)
        check(
            past.district.figures.ytd_actual == expected_past,
            f"as-of 本年累计 {past.district.figures.ytd_actual} != generated {expected_past}",
        )
        check(applied == total_events, f"rebuild applied {applied} of {total_events} events")
        latest_past = ledger.ytd_actual(AS_OF_PERIOD)
        out.line(
            "check ok",
            f"本年累计 {NOW_PERIOD} = {expected_now} 万元; {AS_OF_PERIOD} as of "
            f"{AS_OF:%m-%d} = {expected_past} (now {latest_past}); statuses {counts}",
        )
    finally:
        clock.set(None)
        if app is not None:
            app.close()
        database.cleanup()
    return 0


def rebuild_copy(source: Path, workdir: Path) -> int:
    """Only the rebuild, on a copy of an SQLite file made before (``--rebuild-copy``)."""
    import sqlite3

    out, copy = Output(), workdir / "copy.db"
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as origin, sqlite3.connect(copy) as c:
        origin.backup(c)  # the original is only read
    out.line("tracker", tracker_version())
    out.line("backend", f"SQLite, a copy of {source} in {workdir}")
    settings = Settings(database_url=f"sqlite:///{copy}", files_dir=workdir, secret_key=None)
    app = bootstrap(settings, init_schema=False)
    try:
        clock.set(QUERIED_AT)
        before = app.summaries.summary(NOW_PERIOD).district.figures
        decode_s, total = timed(lambda: sum(1 for _ in app.store.log()))
        seconds, applied = timed(app.store.rebuild_projections)
        again_s, _ = timed(lambda: sum(1 for _ in app.store.log()))
        decoding = total / min(decode_s, again_s)
        out.line("events", f"{total}")
        out.line(
            "rebuild", f"{applied / seconds:,.0f} events/s ({applied} events, {seconds:.1f} s)"
        )
        out.line(
            "rebuild vs decoding",
            f"{applied / seconds / decoding:.2f} (rebuild {applied / seconds:,.0f} events/s ÷ "
            f"decoding the log {decoding:,.0f} events/s, the faster of {decode_s:.1f} s just "
            f"before and {again_s:.1f} s just after)",
        )
        after = app.summaries.summary(NOW_PERIOD).district.figures
        check(applied == total, f"rebuild applied {applied} of {total} events")
        check(after == before, f"rebuilt {after} != {before}")
        out.line("check ok", f"the district summary of {NOW_PERIOD} is the same after the rebuild")
    finally:
        clock.set(None)
        app.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000, help="N (default 10000)")
    parser.add_argument("--database-url", help="default: a fresh SQLite file in a temp dir")
    parser.add_argument("--pg-schema", default="bench_projections", help="PostgreSQL only")
    parser.add_argument("--batch", type=int, default=250, help="aggregates per app.store.save")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="cProfile each phase to stderr")
    parser.add_argument(
        "--rebuild-copy", type=Path, help="only rebuild (and decode) a copy of this SQLite file"
    )
    args = parser.parse_args(argv)
    if args.rebuild_copy:
        with tempfile.TemporaryDirectory(prefix="bench-projections-") as workdir:
            return rebuild_copy(args.rebuild_copy, Path(workdir))
    if args.projects < 1:
        parser.error("--projects must be at least 1")
    with tempfile.TemporaryDirectory(prefix="bench-projections-") as workdir:
        return run(args, Path(workdir))


if __name__ == "__main__":
    sys.exit(main())
