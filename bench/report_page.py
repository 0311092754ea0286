"""Benchmark: a big 月报表 asked for from the page: the answer at once, the file when it is done.

Usage::

    .venv/bin/python bench/report_page.py [--projects 2000]

Builds the store of ``bench/reports.py`` (generated projects, two periods of reports), then
through the Flask test client, signed in as the bureau, with the default threshold (300
projects, ``--threshold`` to change it) and wait (1.5 s):

- ``first answer`` – GET ``/reports/2026-05-H1.pdf``: how long until the page answers (the
  job is started; the answer is the redirect to its progress page);
- ``polls``        – the progress page (JSON) asked every 0.5 s while the file is made: the
  slowest answer, and the stages and percentages seen;
- ``done after``   – from the first request until the job says done;
- ``cache hit``    – asking again: the file at once, no second render;
- then the file is compared byte for byte with the CLI's: ``tracker report`` now (same
  process, same frozen clock), and as of a past moment (``tracker report --as-of`` run as
  a separate process) against the page's file as of that moment;
- ``API``          – GET ``/api/v1/reports/2026-05-H1.xlsx`` with a bureau token: how long
  until it answers (202 and the job's ``Location``), that address asked until done, and the
  file against the renderer's own in the same process;
- ``overdue``      – GET ``/reports/overdue.pdf`` (the 逾期及督办清单): the first answer, done
  after, and the file against the renderer's own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner

import reports
from bench.reports import AS_OF, NOW, PERIOD, build
from tracker.cli import main as cli
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.web import create_app

SECRET = "bench-secret-of-at-least-thirty-two-bytes"
ROOT = Path(__file__).resolve().parent.parent


def timed(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def follow(client, location, headers=None) -> tuple[float, float, list[str]]:  # type: ignore[no-untyped-def]
    """Poll the progress page until done: seconds until done, the slowest poll, what it said."""
    start, slowest, seen = time.perf_counter(), 0.0, []
    headers = headers or {"Accept": "application/json"}
    while True:
        took, answer = timed(lambda: client.get(location, headers=headers))
        state = answer.get_json()
        slowest = max(slowest, took)
        said = f"{state['state']} {state['stage'] or ''} {state['percent']}%".strip()
        if not seen or seen[-1] != said:
            seen.append(said)
        if state["status"] in ("done", "failed"):
            return time.perf_counter() - start, slowest, seen
        time.sleep(0.5)


def cli_now(settings: Settings, out: Path) -> bytes:
    env = {"TRACKER_DATABASE_URL": settings.database_url, "TRACKER_VAR_DIR": str(out.parent)}
    result = CliRunner(env=env).invoke(cli, ["report", str(PERIOD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def cli_as_of(settings: Settings, out: Path) -> bytes:
    """`tracker report --as-of` in a process of its own."""
    env = {**os.environ, "TRACKER_DATABASE_URL": settings.database_url}
    moment = AS_OF.strftime("%Y-%m-%dT%H:%M")
    args = [sys.executable, "-m", "tracker.cli", "report", str(PERIOD), "--out", str(out)]
    subprocess.run([*args, "--as-of", moment], check=True, env=env, cwd=ROOT, capture_output=True)
    return out.read_bytes()


def run(n: int, threshold: int) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        setup, app = timed(lambda: build(n, folder))
        settings = Settings(
            f"sqlite:///{folder / 'bench.db'}", folder / "files", SECRET, report_threshold=threshold
        )
        clock.set(NOW)
        try:
            password = app.users.add("bench", "bureau", None, "cli:bench")
            web = create_app(settings, {"TESTING": True, "WTF_CSRF_ENABLED": False})
            client = web.test_client()
            client.post("/login", data={"name": "bench", "password": password})
            url = f"/reports/{PERIOD}.pdf"
            first, asked = timed(lambda: client.get(url))
            done, slowest, seen = follow(client, asked.location)
            state = client.get(asked.location, headers={"Accept": "application/json"}).get_json()
            pdf = client.get(state["file"]).data
            hit, again = timed(lambda: client.get(url))
            renders = web.extensions["report_jobs"].renders
            same_now = pdf == cli_now(settings, folder / "cli-now.pdf")
            _, past = timed(lambda: client.get(f"{url}?as_of={AS_OF:%Y-%m-%dT%H:%M}"))
            past_done, _, _ = follow(client, past.location)
            past_file = client.get(f"{past.location}/file").data
            same_past = past_file == cli_as_of(settings, folder / "cli-past.pdf")
            app.users.add("bench-api", "bureau", None, "cli:bench")
            bearer = {"Authorization": f"Bearer {app.users.issue_token('bench-api', 'cli:bench')}"}
            api_url = f"/api/v1/reports/{PERIOD}.xlsx"
            api, answer = timed(lambda: client.get(api_url, headers=bearer))
            api_done, api_slowest, api_seen = follow(client, answer.headers["Location"], bearer)
            job = client.get(answer.headers["Location"], headers=bearer).get_json()
            xlsx = client.get(job["file"], headers=bearer).data
            same_api = xlsx == reports.render_report(app, PERIOD, "xlsx")
            late, listed = timed(lambda: client.get("/reports/overdue.pdf"))
            late_done, late_slowest, late_seen = follow(client, listed.location)
            late_job = client.get(listed.location, headers={"Accept": "application/json"})
            late_pdf = client.get(late_job.get_json()["file"]).data
            same_late = late_pdf == reports.render_overdue(app, PERIOD.year, "pdf")
        finally:
            clock.set(None)
            app.close()
    print(f"{n} projects (setup {setup:.0f} s), PDF {len(pdf):,} bytes")
    print(f"first answer      {first:6.2f} s  ({asked.status_code} → {asked.location[:22]}…)")
    print(f"slowest poll      {slowest:6.2f} s  seen: {' → '.join(seen)}")
    print(f"done after        {first + done:6.2f} s")
    print(f"cache hit         {hit:6.2f} s  ({again.status_code}, {len(again.data):,} bytes)")
    print(f"renders           {renders}  (one for the two requests)")
    print(f"= tracker report  {same_now}  (now, same frozen clock)")
    print(f"as of {AS_OF:%m-%d %H:%M}    done after {past_done:.2f} s; = tracker report --as-of "
          f"(own process): {same_past}")  # fmt: skip
    print(f"API first answer  {api:6.2f} s  ({answer.status_code}, Location "
          f"{answer.headers['Location'][:28]}…); slowest poll {api_slowest:.2f} s; "
          f"done after {api + api_done:.2f} s; seen: {' → '.join(api_seen)}")  # fmt: skip
    print(f"API XLSX          {len(xlsx):,} bytes, = the renderer's: {same_api}")
    print(f"overdue PDF       first answer {late:.2f} s ({listed.status_code}); slowest poll "
          f"{late_slowest:.2f} s; done after {late + late_done:.2f} s; seen: "
          f"{' → '.join(late_seen)}; {len(late_pdf):,} bytes, = the renderer's: {same_late}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--threshold", type=int, default=Settings.report_threshold)
    args = parser.parse_args()
    run(args.projects, args.threshold)


if __name__ == "__main__":
    main()
