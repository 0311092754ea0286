"""Benchmark: deadline day on PostgreSQL, an open-loop load of report submissions.

Usage::

    .venv/bin/python bench/load.py [--projects 2000] [--rates 25,50,100] [--duration 60]
                                   [--workers 1,4] [--database-url postgresql+psycopg://…]
                                   [--profile PATH]

A province of N projects (bench/projections.py's generator) is registered in a
schema of its own (``--pg-schema``, default ``bench_load``, dropped at the end),
with one unit user and API token per 责任单位. Then for each worker count a real
``tracker serve --workers W`` is started, and for each rate report submissions
(``PUT /api/v1/projects/{code}/reports/{period}``) arrive at that fixed rate for
``--duration`` seconds whether or not earlier ones have been answered (open
loop: a slow server does not slow the arrivals). Latency runs from the
scheduled arrival to the answer, so queueing counts. Each submission is for a
(project, period) not yet reported: first every project's open period (the
deadline-day case), then earlier periods (back-filled), so later runs meet
aggregates with more events.

Printed: one line per (workers, rate) with p50/p95/p99/max, errors, the
achieved rate and the server's CPU per report (its processes, not PostgreSQL's);
``stored`` counts the ReportSubmitted events the runs added to the log, which must
equal the 201 answers. Before the load, ``one PUT`` times sequential submissions
in-process through Flask's test client and counts the SQL statements each one runs
(``--profile PATH``: those PUTs under cProfile, the statistics written to PATH).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from argon2 import PasswordHasher, profiles
from sqlalchemy import event, text

from bench.projections import (
    YEAR,
    make_plans,
    open_database,
    project_list_csv,
    tracker_version,
)
from tracker.application import security
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.period import Period

SHANGHAI = ZoneInfo("Asia/Shanghai")
ACTOR = "cli:bench"
TRACKER = [sys.executable, "-m", "tracker.cli"]
IN_FLIGHT = 64  # requests open at once (64 at 100/s: 640 ms of answers outstanding)


@dataclass
class Slot:
    """One submission: a project not yet reported for a period, and its unit's token."""

    code: str
    period: str
    token: str
    body: dict[str, object]


@dataclass
class Run:
    workers: int
    rate: int
    latencies: list[float] = field(default_factory=list)  # seconds, of the 201 answers
    errors: dict[str, int] = field(default_factory=dict)  # status or exception name -> count
    created: int = 0
    seconds: float = 0.0
    cpu: float = 0.0  # the server's CPU seconds over the run
    load: str = ""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def open_period(now: datetime) -> Period:
    """The first period of the campaign year whose deadline has not passed."""
    from tracker.domain.period import Schedule

    schedule = Schedule((14, 28), "Asia/Shanghai")
    for period in Period.all_of(YEAR):
        if period.closes_at(schedule) > now:
            return period
    raise SystemExit(f"today ({now:%Y-%m-%d}) is past the {YEAR} campaign: nothing left to report")


def province(env: dict[str, str], n: int, rng: random.Random) -> tuple[list[Slot], int]:
    """Register N projects and a token per unit; the submissions to make, in order."""
    subprocess.run(TRACKER + ["init"], env=env, check=True, capture_output=True)
    security.HASHER = PasswordHasher.from_parameters(profiles.CHEAPEST)  # nobody signs in
    settings = Settings(env["TRACKER_DATABASE_URL"], Path(env["TRACKER_VAR_DIR"]) / "files", None)
    app = bootstrap(settings)
    try:
        app.campaigns.create(YEAR, "某省（合成）", "99999999", ACTOR)
        plans = make_plans(n, rng)
        started = time.perf_counter()
        app.project_lists.import_file(YEAR, project_list_csv(plans, rng), ACTOR)
        imported = time.perf_counter() - started
        tokens = {}
        for i, unit in enumerate(sorted({p.unit for p in plans})):
            app.users.add(f"unit{i:03d}", "unit", unit, ACTOR)
            tokens[unit] = app.users.issue_token(f"unit{i:03d}", ACTOR)
    finally:
        app.close()
    last = open_period(datetime.now(SHANGHAI))
    slots = []
    for index in range(last.index, 0, -1):  # the open period first, then back-filling
        order = plans[:]
        rng.shuffle(order)
        for plan in order:
            cents = plan.annual // 30 * rng.randint(50, 150) // 100
            body: dict[str, object] = {
                "investment": f"{cents // 100}.{cents % 100:02d}",
                "progress": f"主体施工，第{index}期",
            }
            if rng.randrange(10) == 0:
                body["problems"] = [f"征地拆迁未完成（第{index}期）"]
            slots.append(
                Slot(plan.code, str(Period.from_index(YEAR, index)), tokens[plan.unit], body)
            )
    print(f"{'province':<22} {n} projects, {len(tokens)} units with a token each; "
          f"import {imported:.1f} s; open period {last}", flush=True)  # fmt: skip
    return slots, len(tokens)


def count_submitted(url: str) -> int:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("SELECT count(*) FROM tracker_events WHERE topic LIKE '%ReportSubmitted'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


# -- one request, in-process --------------------------------------------------------


def one_put(env: dict[str, str], slots: Iterator[Slot], count: int, profile: str | None) -> None:
    """Sequential PUTs through the test client: ms each and SQL statements each."""
    from tracker.web import create_app

    settings = Settings.from_env(env)
    app = create_app(settings, {"TRACKER_LIMITS": {"API_PER_TOKEN": "100000 per minute"}})
    engine = app.extensions["tracker"].store.engine
    statements = [0]

    def counted(*_: object) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", counted)
    client = app.test_client()
    times = []
    profiler = cProfile.Profile() if profile else None
    try:
        for i in range(count + 5):
            slot = next(slots)
            before = statements[0]
            started = time.perf_counter()
            answer = client.put(
                f"/api/v1/projects/{slot.code}/reports/{slot.period}",
                json=slot.body,
                headers={"Authorization": f"Bearer {slot.token}"},
            )
            if answer.status_code != 201:
                raise SystemExit(f"one PUT: {answer.status_code} {answer.get_data(as_text=True)}")
            if i >= 5:  # the first few warm the caches up
                times.append(time.perf_counter() - started)
                per = statements[0] - before
            if profiler and i == 4:
                profiler.enable()
    finally:
        event.remove(engine, "before_cursor_execute", counted)
        app.extensions["tracker"].close()
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile)
    print(
        f"{'one PUT (in-process)':<22} median {statistics.median(times) * 1000:.1f} ms, "
        f"{1 / statistics.mean(times):.0f} reports/s sequential, {per} SQL statements each "
        f"({count} PUTs)",
        flush=True,
    )


# -- the load ------------------------------------------------------------------------


async def put(
    client: httpx.AsyncClient, gate: asyncio.Semaphore, slot: Slot, due: float, run: Run
) -> None:
    delay = due - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)
    try:
        async with gate:  # a wait here is counted: the latency runs from ``due``
            answer = await client.put(
                f"/api/v1/projects/{slot.code}/reports/{slot.period}",
                json=slot.body,
                headers={"Authorization": f"Bearer {slot.token}"},
            )
    except httpx.HTTPError as error:
        run.errors[type(error).__name__] = run.errors.get(type(error).__name__, 0) + 1
        return
    if answer.status_code == 201:
        run.created += 1
        run.latencies.append(time.perf_counter() - due)
    else:
        key = str(answer.status_code)
        run.errors[key] = run.errors.get(key, 0) + 1


async def open_loop(base: str, slots: Iterator[Slot], run: Run, duration: float) -> None:
    """``rate`` arrivals a second for ``duration`` seconds, each its own task.

    At most ``IN_FLIGHT`` requests are open at once (httpx's pool slows down badly with
    thousands queued in it); an arrival beyond that waits its turn, and the wait counts.
    """
    limits = httpx.Limits(max_connections=IN_FLIGHT, max_keepalive_connections=IN_FLIGHT)
    timeout = httpx.Timeout(30.0)
    gate = asyncio.Semaphore(IN_FLIGHT)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        total = int(run.rate * duration)
        start = time.perf_counter() + 0.2
        tasks = [
            asyncio.create_task(put(client, gate, next(slots), start + i / run.rate, run))
            for i in range(total)
        ]
        await asyncio.gather(*tasks)
        run.seconds = time.perf_counter() - start


def serve(
    env: dict[str, str], workers: int, port: int, threads: int | None
) -> subprocess.Popen[bytes]:
    more = ["--threads", str(threads)] if threads else []
    server = subprocess.Popen(
        TRACKER + ["serve", "--port", str(port), "--workers", str(workers), *more],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server never answered")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of a process and its children alive now (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def report(run: Run, stored: int) -> str:
    lat = run.latencies or [0.0]
    errors = sum(run.errors.values())
    detail = f" {run.errors}" if errors else ""
    return (
        f"{run.workers:>7} {run.rate:>5}/s {len(lat) / max(run.seconds, 1e-9):>8.1f}/s "
        f"{percentile(lat, 50):>7.0f} {percentile(lat, 95):>7.0f} {percentile(lat, 99):>7.0f} "
        f"{max(lat) * 1000:>7.0f} {errors:>6} {run.created:>6} {stored:>6} "
        f"{run.cpu * 1000 / max(run.created, 1):>7.1f}  {run.load}{detail}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--rates", default="25,50,100", help="arrivals per second, comma-separated")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per rate")
    parser.add_argument("--workers", default="1,4", help="worker counts, comma-separated")
    parser.add_argument("--threads", type=int, help="threads per worker (default: serve's)")
    parser.add_argument(
        "--database-url", default="postgresql+psycopg://127.0.0.1:5432/test", help="PostgreSQL"
    )
    parser.add_argument("--pg-schema", default="bench_load")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", help="cProfile the one-PUT phase into this file")
    args = parser.parse_args(argv)
    if not args.database_url.startswith("postgresql"):
        parser.error("the load runs on PostgreSQL: --database-url postgresql+psycopg://…")
    rates = [int(r) for r in args.rates.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-load-") as workdir:
        database = open_database(args.database_url, args.pg_schema, Path(workdir))
        env = {
            **os.environ,
            "TRACKER_DATABASE_URL": database.url,
            "TRACKER_VAR_DIR": str(Path(workdir) / "var"),
            "TRACKER_SECRET_KEY": secrets.token_hex(32),
            "TRACKER_REMINDERS": "off",
        }
        try:
            print(f"{'machine':<22} nproc {os.cpu_count()}, Python {platform.python_version()}")
            print(f"{'tracker':<22} {tracker_version()}")
            print(f"{'backend':<22} {database.backend}", flush=True)
            rng = random.Random(args.seed)
            all_slots, _ = province(env, args.projects, rng)
            needed = sum(rates) * args.duration * len(worker_counts) + 400
            if needed > len(all_slots):
                raise SystemExit(f"{needed:.0f} submissions needed, {len(all_slots)} available")
            slots = iter(all_slots)
            one_put(env, slots, 200, args.profile)
            print(f"\n{'workers':>7} {'rate':>7} {'got':>10} {'p50 ms':>7} {'p95 ms':>7} "
                  f"{'p99 ms':>7} {'max ms':>7} {'errors':>6} {'201s':>6} {'stored':>6} "
                  f"{'cpu ms':>7}  "
                  "load average before", flush=True)  # fmt: skip
            for workers in worker_counts:
                port = free_port()
                server = serve(env, workers, port, args.threads)
                try:
                    for rate in rates:
                        time.sleep(3)  # let the machine settle between runs
                        run = Run(workers, rate, load=" ".join(f"{x:.2f}" for x in os.getloadavg()))
                        before, cpu = count_submitted(database.url), cpu_seconds(server.pid)
                        asyncio.run(
                            open_loop(f"http://127.0.0.1:{port}", slots, run, args.duration)
                        )
                        run.cpu = cpu_seconds(server.pid) - cpu
                        stored = count_submitted(database.url) - before
                        print(report(run, stored), flush=True)
                        if stored != run.created:
                            print(f"  CHECK FAILED: stored {stored} != 201 answers {run.created}")
                finally:
                    server.terminate()
                    server.wait(timeout=30)
        finally:
            database.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
