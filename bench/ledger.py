"""Benchmark: what the ledger costs on the write path, and how fast a whole log is verified.

Usage::

    .venv/bin/python bench/ledger.py [--write-projects 1000] [--rounds 2]
                                     [--verify-projects 10000] [--database-url URL]

1. write path – the same synthetic year of 半月报 as ``bench/projections.py`` (24
   periods × N reports, ~2 % corrections, saved in batches with their read
   models) laid down on fresh stores, alternately without the chain (``extend``
   a no-op: the write path as it was) and with it; events/s of ``app.store.save``
   for each run, the best of each side and their ratio.
2. verify – a store of ``--verify-projects`` projects laid down with the chain,
   then ``app.audit.verify`` (``tracker audit verify``) timed: events/s; and
   ``app.audit.link_existing`` (what ``tracker init`` does for a store without a
   chain) timed on the same log.

Without ``--database-url`` fresh SQLite files in a temporary directory are used;
with a PostgreSQL URL each store is a schema of its own (``--pg-schema``), dropped
after use.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy

from bench.projections import (
    ACTOR,
    REGISTERED_AT,
    YEAR,
    Ledger,
    lay_down_reports,
    make_plans,
    open_database,
    project_list_csv,
    tracker_version,
)
from tracker.application.app import TrackerApp
from tracker.application.ledger.tables import chain
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock


@dataclass
class Run:
    chained: bool
    events: int
    save_seconds: float
    total_seconds: float

    @property
    def rate(self) -> float:
        return self.events / self.save_seconds


def lay_down(app: TrackerApp, n: int, seed: int, batch: int) -> Run:
    """A campaign, N projects and their year of reports: the reports' save timed."""
    rng = random.Random(seed)
    clock.set(REGISTERED_AT - timedelta(hours=1))
    app.campaigns.create(YEAR, "某省（合成）", "99999999", ACTOR)
    plans = make_plans(n, rng)
    data = project_list_csv(plans, rng)
    clock.set(REGISTERED_AT)
    app.project_lists.import_file(YEAR, data, ACTOR)
    projects = {p.code: app.projects.load(p.code) for p in plans}
    started = time.perf_counter()
    events, _, save_seconds = lay_down_reports(app, plans, projects, rng, batch, Ledger())
    clock.set(None)
    return Run(True, events, save_seconds, time.perf_counter() - started)


def write_run(args: argparse.Namespace, workdir: Path, index: int, chained: bool) -> Run:
    database = open_database(args.database_url, f"{args.pg_schema}_w{index}", workdir / f"w{index}")
    (workdir / f"w{index}").mkdir(exist_ok=True)
    settings = Settings(database.url, workdir / f"w{index}" / "files", None)
    app = bootstrap(settings, init_schema=True)
    if not chained:  # the write path without the ledger, as it was before it
        app.store.chain.extend = lambda session, recordings: None  # type: ignore[method-assign]
    try:
        run = lay_down(app, args.write_projects, args.seed, args.batch)
        run.chained = chained
        return run
    finally:
        app.close()
        database.cleanup()


def verify_run(args: argparse.Namespace, workdir: Path) -> None:
    folder = workdir / "v"
    folder.mkdir(exist_ok=True)
    database = open_database(args.database_url, f"{args.pg_schema}_v", folder)
    app = bootstrap(Settings(database.url, folder / "files", None), init_schema=True)
    try:
        built = lay_down(app, args.verify_projects, args.seed, args.batch)
        total = app.audit.events()
        line(
            "store",
            f"{args.verify_projects} projects, {total} events "
            f"(laid down at {built.rate:,.0f} events/s with the chain)",
        )
        for attempt in (1, 2):
            started = time.perf_counter()
            outcome = app.audit.verify(ACTOR)
            seconds = time.perf_counter() - started
            assert outcome.ok, outcome.breaks[:3]
            line(
                f"verify #{attempt}",
                f"{outcome.events / seconds:,.0f} events/s "
                f"({outcome.events} events, {seconds:.1f} s, head {outcome.head[:16]}…)",
            )
        with app.store.engine.begin() as connection:
            connection.execute(chain.delete())
        started = time.perf_counter()
        linked = app.audit.link_existing()
        seconds = time.perf_counter() - started
        line(
            "init (link a log)",
            f"{linked / seconds:,.0f} events/s ({linked} events, {seconds:.1f} s, one transaction)",
        )
        assert app.audit.verify(ACTOR).ok
    finally:
        app.close()
        database.cleanup()


def line(label: str, value: str) -> None:
    print(f"{label:<22} {value}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-projects", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each side (0: skip)")
    parser.add_argument("--verify-projects", type=int, default=10_000, help="0: skip")
    parser.add_argument("--database-url", help="default: fresh SQLite files in a temp dir")
    parser.add_argument("--pg-schema", default="bench_ledger", help="PostgreSQL only")
    parser.add_argument("--batch", type=int, default=250, help="aggregates per app.store.save")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    line(
        "machine",
        f"nproc {os.cpu_count()}, {platform.machine()}, Python "
        f"{platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}",
    )
    line("tracker", tracker_version())
    line("backend", "SQLite" if not args.database_url else args.database_url.split("@")[-1])
    with tempfile.TemporaryDirectory(prefix="bench-ledger-") as workdir:
        runs = []
        for index in range(2 * args.rounds):
            run = write_run(args, Path(workdir), index, chained=index % 2 == 1)
            runs.append(run)
            side = "with chain" if run.chained else "without"
            line(
                f"write #{index + 1} {side}",
                f"{run.rate:,.0f} events/s "
                f"({run.events} events, save {run.save_seconds:.1f} s"
                f" of {run.total_seconds:.1f} s)",
            )
        if runs:
            best_with = max(r.rate for r in runs if r.chained)
            best_without = max(r.rate for r in runs if not r.chained)
            line(
                "write path",
                f"with / without = {best_with / best_without:.3f} "
                f"(best {best_with:,.0f} vs {best_without:,.0f} events/s, "
                f"{args.write_projects} projects, batches of {args.batch})",
            )
        if args.verify_projects:
            verify_run(args, Path(workdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
