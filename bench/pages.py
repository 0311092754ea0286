"""Benchmark: the bureau's pages at 39, 1,000 and 10,000 projects, side by side in one run.

Usage::

    .venv/bin/python bench/pages.py [--sizes 39,1000,10000] [--runs 3] [--profile PATH]

For each size, the synthetic province of ``bench/asof.py`` (a year of 半月报) in a fresh
SQLite file, then each page fetched through the Flask test client signed in as the
bureau (median of ``--runs``), and the ratio page(N) / page(first size).
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

from bench.asof import province
from bench.projections import tracker_version
from tracker.config import Settings
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


def measure(n: int, runs: int, profile: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = province(n, Path(folder))
        password = app.users.add("bench", "bureau", None, "bench")
        settings = Settings(
            database_url=app.store.engine.url.render_as_string(hide_password=False),
            files_dir=Path(folder),
            secret_key=SECRET,
        )
        web = create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
        client = web.test_client()
        client.post("/login", data={"name": "bench", "password": password})
        times = {}
        for name, path in PAGES.items():
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
        app.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="39,1000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", default=None, help="write cProfile stats to PATH-N-page.prof")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"tracker {tracker_version()}; median of {args.runs}, seconds (ratio to {sizes[0]})")
    results = {n: measure(n, args.runs, args.profile) for n in sizes}
    print("| page | " + " | ".join(f"{n:,}" for n in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in PAGES:
        base = results[sizes[0]][name]
        cells = [f"{results[n][name]:.2f} s ({results[n][name] / base:.0f}×)" for n in sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
