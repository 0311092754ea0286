"""Benchmark: the OC4IDS package of a province through the API, packed in the background.

Usage::

    .venv/bin/python bench/oc4ids.py --keep DIR [--sizes 39,10000]

The provinces of ``bench/pages.py`` (``--keep``: made once in ``DIR/<size>/``, reused).
For each size, through the Flask test client with a bureau token and the default threshold
(300 projects) and wait (1.5 s): ``GET /api/v1/oc4ids.json`` — the package itself for a
small campaign, else 202 and the job's address, asked every 0.5 s until done, then its file
— and asking again (the file at once). Printed: the first answer, done after, the slowest
poll, the file's size, the time to send it, asking again; and the first answer's ratio to
the smallest province's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import SECRET, opened
from bench.projections import tracker_version
from tracker.config import Settings
from tracker.web import create_app


def timed(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def measure(n: int, keep: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        app = opened(n, Path(folder), keep)
        name = f"bench-{time.time_ns()}"
        app.users.add(name, "bureau", None, "cli:bench")
        token = {"Authorization": f"Bearer {app.users.issue_token(name, 'cli:bench')}"}
        url = app.store.engine.url.render_as_string(hide_password=False)
        web = create_app(Settings(url, Path(folder), SECRET), {"TESTING": True})
        client = web.test_client()
        try:
            first, answer = timed(lambda: client.get("/api/v1/oc4ids.json", headers=token))
            found = {"n": n, "first": first, "status": answer.status_code, "slowest": 0.0}
            data = answer.data
            if answer.status_code == 202:
                location, start = answer.headers["Location"], time.perf_counter() - first
                while True:
                    took, polled = timed(lambda: client.get(location, headers=token))
                    found["slowest"] = max(found["slowest"], took)  # type: ignore[type-var]
                    state = polled.get_json()
                    if state["status"] in ("done", "failed"):
                        break
                    time.sleep(0.5)
                found["done"] = time.perf_counter() - start
                found["send"], sent = timed(lambda: client.get(state["file"], headers=token))
                data = sent.data
            found["again"], again = timed(lambda: client.get("/api/v1/oc4ids.json", headers=token))
            assert again.status_code == 200 and again.data == data, "asked again: not the file"
            found["bytes"], found["projects"] = len(data), len(json.loads(data)["projects"])
        finally:
            web.extensions["tracker"].close()
            app.close()
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="39,10000")
    parser.add_argument("--keep", type=Path, required=True, help="the provinces of bench/pages.py")
    args = parser.parse_args(argv)
    print(f"tracker {tracker_version()}")
    results = [measure(int(n), args.keep) for n in args.sizes.split(",")]
    base = results[0]["first"]
    for r in results:
        background = (
            f"done after {r['done']:.1f} s, slowest poll {r['slowest']:.2f} s, "
            f"file sent in {r['send']:.2f} s; "
            if r["status"] == 202
            else ""
        )
        print(
            f"{r['n']:>6,} projects: first answer {r['first']:.2f} s ({r['status']}, "
            f"{r['first'] / base:.1f}× the first size's); {background}asked again "
            f"{r['again']:.2f} s; {r['bytes']:,} bytes, {r['projects']:,} projects"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
