"""Benchmark: the bureau's pages at 39, 1,000 and 10,000 projects, side by side in one run.

Usage::

    .venv/bin/python bench/pages.py [--sizes 39,1000,10000] [--runs 5] [--keep DIR] [--profile PATH]
                                    [--database-url postgresql+psycopg://…]

For each size, the synthetic province of ``bench/asof.py`` (a year of 半月报) in a fresh
SQLite file (or, with ``--keep``, in ``DIR/<size>/tracker.db``, made once and reused: the
same seed gives the same province), then each page fetched through the Flask test client
signed in as the bureau (once untimed to warm up, then the median of ``--runs``), and the
ratio page(N) / page(first size).

With ``--database-url`` (PostgreSQL, needs ``--keep``) each kept SQLite province is copied
into a schema of its own (``bench_pages_<N>``, kept and reused like the SQLite files): its
events and ledger rows as they are, then its read models rebuilt there; the pages are then
read from PostgreSQL.

Then the district summary of the last period (district, categories, units:
``summaries.totals``) against a hand-written ``GROUP BY`` over the same tables that sums
the same figures by unit and category — the plans' 序时进度 aside, which no SQL can sum
from the plan text — timed in turn (median of ``--runs``) and given as a ratio.
"""

from __future__ import annotations

import argparse
import cProfile
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from uuid import UUID

from sqlalchemy import create_engine, text

from bench.asof import medians, province
from bench.projections import QUERIED_AT, YEAR, tracker_version, with_search_path
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.web import create_app

PAGES = {
    "dashboard": "/bureau",
    "ranking": "/bureau/ranking",
    "overdue": "/bureau/overdue",
    "status": "/bureau/status",
    "change log": "/admin/history",
    "projects": "/projects",
}
SECRET = "bench-secret-of-at-least-thirty-two-bytes"


HAND = """
SELECT p.unit, p.category, count(*), sum(p.annual_plan_cents), sum(s.actual), sum(s.here)
FROM rm_projects p JOIN (
    SELECT code, sum(investment_cents) AS actual,
           sum(CASE WHEN idx = :idx THEN investment_cents ELSE 0 END) AS here
    FROM rm_period_reports WHERE idx <= :idx AND valid_to IS NULL GROUP BY code
) s ON s.code = p.code
WHERE p.campaign_year = :year AND p.status != 'withdrawn' AND p.valid_to IS NULL
GROUP BY p.unit, p.category
"""


def opened(n: int, folder: Path, keep: Path | None) -> TrackerApp:
    """The province of ``n`` projects: made in ``folder``, or kept in ``keep`` and reused."""
    if keep is None:
        return province(n, folder)
    place = keep / str(n)
    if not (place / "tracker.db").exists():
        place.mkdir(parents=True, exist_ok=True)
        province(n, place).close()
    settings = Settings(
        database_url=f"sqlite:///{place / 'tracker.db'}", files_dir=place, secret_key=None
    )
    app = bootstrap(settings)
    app.store.ensure_read_models()  # a province kept from older code: its rows rebuilt
    clock.set(QUERIED_AT)
    return app


def on_postgres(app: TrackerApp, url: str, n: int) -> TrackerApp:
    """The province of ``app`` (SQLite) in PostgreSQL schema ``bench_pages_<n>`` of ``url``:
    made the first time (the log and the chain copied row for row, the read models rebuilt),
    reused after."""
    schema = f"bench_pages_{n}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {schema}"))
    admin.dispose()
    settings = Settings(with_search_path(url, schema), app.files.root, secret_key=None)
    copy = bootstrap(settings, init_schema=True)
    if copy.store.event_count() == 0:  # made now (or a copy that broke off): filled
        copy_log(app, copy)
        copy.store.rebuild_projections()
    copy.store.ensure_read_models()  # kept from older code: its rows rebuilt
    app.close()
    return copy


#: the log and the ledger's chain, column by column: what a copy of a province carries
LOG = {
    "tracker_events": ("id", "originator_id", "originator_version", "topic", "state"),
    "tracker_chain": (
        "notification_id", "link", "algorithm", "originator_id", "originator_version", "topic",
        "at",
    ),
}  # fmt: skip


def copy_log(source: TrackerApp, target: TrackerApp) -> None:
    """The events and the ledger's chain of ``source`` into ``target``'s empty tables (COPY);
    SQLite keeps an id as 16 bytes, PostgreSQL as a uuid."""
    raw = target.store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        with source.store.engine.connect() as reading:
            for table, columns in LOG.items():
                names = ", ".join(columns)
                rows = reading.exec_driver_sql(f"SELECT {names} FROM {table} ORDER BY 1")
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        if table == "tracker_events":  # the originator's id
                            row = (row[0], UUID(bytes=row[1]), *row[2:])
                        copy.write_row(tuple(row))
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('tracker_events', 'id'), "
            "(SELECT max(id) FROM tracker_events))"
        )
        raw.commit()
    finally:
        raw.close()


def summary_against_hand(app: TrackerApp, runs: int) -> tuple[float, float]:
    """Median seconds of the district summary and of the hand GROUP BY, timed in turn."""
    period = Period(YEAR, 12, 2)
    params = {"idx": period.index, "year": YEAR}
    with app.store.engine.connect() as connection:
        hand = lambda: connection.execute(text(HAND), params).all()  # noqa: E731
        summary = lambda: app.summaries.totals(period)  # noqa: E731
        summary(), hand()  # warm: the plans parsed once, the pages of the file in memory
        return tuple(medians(runs, summary, hand))  # type: ignore[return-value]


def measure(
    n: int, runs: int, profile: str | None, keep: Path | None, postgres: str | None = None
) -> tuple[dict[str, float], tuple[float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        app = opened(n, Path(folder), keep)
        if postgres:
            app = on_postgres(app, postgres, n)
            clock.set(QUERIED_AT)
        user = f"bench-{time.time_ns()}"
        password = app.users.add(user, "bureau", None, "bench")
        settings = Settings(
            database_url=app.store.engine.url.render_as_string(hide_password=False),
            files_dir=Path(folder),
            secret_key=SECRET,
        )
        web = create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
        client = web.test_client()
        client.post("/login", data={"name": user, "password": password})
        times = {}
        for name, path in PAGES.items():
            assert client.get(path).status_code == 200, path  # warm: templates, caches
            seconds = []
            for _ in range(runs):
                start = time.perf_counter()
                if profile and not seconds:
                    with cProfile.Profile() as profiler:
                        response = client.get(path)
                    profiler.dump_stats(f"{profile}-{n}-{name.replace(' ', '_')}.prof")
                else:
                    response = client.get(path)
                seconds.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
            times[name] = statistics.median(seconds)
        web.extensions["tracker"].close()
        against = summary_against_hand(app, max(runs, 5))
        app.close()
    return times, against


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="39,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", default=None, help="write cProfile stats to PATH-N-page.prof")
    parser.add_argument("--keep", type=Path, default=None, help="make the provinces here once")
    parser.add_argument("--database-url", help="PostgreSQL: the kept provinces copied there")
    args = parser.parse_args(argv)
    if args.database_url and (args.keep is None or not args.database_url.startswith("postgres")):
        parser.error("--database-url is a PostgreSQL URL, and needs --keep (the provinces)")
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"tracker {tracker_version()}; median of {args.runs}, seconds (ratio to {sizes[0]})")
    measured = {
        n: measure(n, args.runs, args.profile, args.keep, args.database_url) for n in sizes
    }
    results = {n: pages for n, (pages, _) in measured.items()}
    print("| page | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in PAGES:
        base = results[sizes[0]][name]
        cells = [f"{results[n][name]:.2f} s ({results[n][name] / base:.1f}×)" for n in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print()
    print("| projects | district summary | hand GROUP BY | summary / hand |")
    print("|---|---|---|---|")
    for n, (_, (summary, hand)) in measured.items():
        print(f"| {n:,} | {summary * 1000:.1f} ms | {hand * 1000:.1f} ms | {summary / hand:.2f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
