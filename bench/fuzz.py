"""Fuzzing the JSON API with schemathesis against its own OpenAPI document.

Usage::

    .venv/bin/python bench/fuzz.py [--examples 100] [--seed 1]

Builds the demo district (39 projects, 2026 campaign, the clock on 12 May
2026, a report with a 督办 on a project of each token's unit) in a temporary
SQLite store, loads ``/api/v1/openapi.json`` from the app through WSGI and
sends, for every operation, with a unit token and with a bureau token, cases
generated from the document: schema-valid and schema-breaking ones, with
generated path parameters and with real ids. Each response is checked: no 5xx
(nor an exception out of the app), the status code documented, the content
type documented, the body matching its schema.

Prints the number of requests, the 5xx count and the schema violations (each
with the request that caused it), and exits 1 if there was any.
``tests/web/api/test_openapi_fuzz.py`` runs the same checks at a small size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
DEMO_CSV = Path(__file__).resolve().parent.parent / "tracker/cli/demo_data/projects-2026.csv"
#: the fuzzing users: a unit (区城管局) and the bureau; their own project and period
FUZZERS = {"unit04": ("unit", "区城管局"), "bureau": ("bureau", None)}
OWN = "CJ2026-004"
OWN_CODES = (OWN, "CJ2026-005", "CJ2026-008", "CJ2026-017", "CJ2026-028")  # 区城管局


@dataclass
class Tally:
    """What a fuzz run saw: requests by status, and every finding with its request."""

    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    server_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    not_generated: list[str] = field(default_factory=list)

    def line(self) -> str:
        codes = ", ".join(f"{code}: {n}" for code, n in sorted(self.statuses.items()))
        return (
            f"requests {self.requests}; 5xx {len(self.server_errors)}; "
            f"schema violations {len(self.violations)}; by status {{{codes}}}"
        )


def real_ids(order_id: str) -> dict[str, list[Any]]:
    """Values naming things that exist: the unit's projects, open periods, a 督办, a category."""
    from tracker.domain.catalog import CATEGORIES

    return {
        "code": list(OWN_CODES),
        "period": [f"2026-{m:02d}-H{h}" for m in range(1, 6) for h in (1, 2)][:9],
        "month": [f"2026-{m:02d}" for m in range(1, 6)],
        "id": [order_id],
        "campaign_year": [2026],
        "category": list(CATEGORIES),
        "unit": [FUZZERS["unit04"][1]],
    }


def fuzz(
    flask_app: Any,
    tokens: dict[str, str],
    real: dict[str, list[Any]],
    examples: int,
    at: int | None = 1,
    progress: Callable[[str], None] | None = None,
) -> Tally:
    """Every operation × every token × (valid, invalid) × (generated, real ids)."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", flask_app)
    tally = Tally()
    for result in schema.get_all_operations():
        operation = result.ok()
        for user, token in tokens.items():
            headers = {"Authorization": f"Bearer {token}"}
            for mode in MODES:
                for ids in (None, real):
                    run_one(operation, mode, ids, headers, examples, at, tally)
            if progress:
                progress(f"{operation.label} as {user}: {tally.line()}")
    return tally


def run_one(
    operation: Any,
    mode: GenerationMode,
    real: dict[str, list[Any]] | None,
    headers: dict[str, str],
    examples: int,
    at: int | None,
    tally: Tally,
) -> None:
    """Up to ``examples`` cases of one operation in one mode, each sent and checked."""
    strategy = operation.as_strategy(generation_mode=mode, headers=headers)

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy, data=st.data())
    def send(case: Any, data: st.DataObject) -> None:
        if real is not None:
            realistic(case, real, data.draw, valid=mode is GenerationMode.POSITIVE)
        tally.requests += 1
        try:
            response = case.call()
        except Exception as error:  # the app raised: a 500 in production
            tally.statuses[500] += 1
            tally.server_errors.append(f"{described(case)} -> {type(error).__name__}: {error}")
            return
        tally.statuses[response.status_code] += 1
        if real is not None and response.status_code == 201:
            remember(response.json(), real)
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                found = f"{described(case)} -> {response.status_code}: {failure.title}: "
                found += f"{failure.message[:600]} | body {response.text[:300]}"
                is_5xx = response.status_code >= 500
                (tally.server_errors if is_5xx else tally.violations).append(found)

    if at is not None:
        send = seed(at)(send)
    try:
        send()
    except Exception as error:  # nothing could be generated (e.g. nothing to break)
        tally.not_generated.append(f"{operation.label} {mode.value}: {type(error).__name__}")


def realistic(case: Any, real: dict[str, list[Any]], draw: Callable, valid: bool) -> None:
    """Real ids in the path; in a valid body, a real year, category and unit."""
    for name in case.path_parameters or {}:
        case.path_parameters[name] = draw(st.sampled_from(real[name]))
    if valid and isinstance(case.body, dict):
        for name in ("campaign_year", "category", "unit"):
            if name in case.body:
                case.body[name] = draw(st.sampled_from(real[name]))


def remember(created: Any, real: dict[str, list[Any]]) -> None:
    """A project registered or a 督办 issued by the fuzzing: later cases may name it."""
    if isinstance(created, dict) and "steps" in created:
        real["id"].append(created["id"])
    elif isinstance(created, dict) and "campaign_year" in created:
        real["code"].append(created["code"])


def described(case: Any) -> str:
    """The request as one line: method, path, query and body."""
    text = f"{case.method} {case.formatted_path}"
    if case.query:
        text += f" ?{case.query}"
    headers = {k: v for k, v in (case.headers or {}).items() if k != "Authorization"}
    if headers:
        text += f" headers={headers}"
    if not isinstance(case.body, NotSet):
        text += f" body={str(case.body)[:300]}"
    return text


# -- the demo world the script fuzzes (the tests build theirs from fixtures) ---------


def demo_world(directory: Path) -> tuple[Any, dict[str, str], dict[str, str]]:
    """The web app over the demo district, the fuzzing users' tokens, and real ids."""
    from tracker.bootstrap import bootstrap
    from tracker.config import Settings
    from tracker.domain.clock import clock
    from tracker.web import create_app

    clock.set(datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    settings = Settings(
        database_url=f"sqlite:///{directory / 'tracker.db'}",
        files_dir=directory / "files",
        secret_key="fuzz-" + "k" * 59,
        var_dir=directory / "var",
    )
    tracker = bootstrap(settings, init_schema=True)
    tracker.campaigns.create(2026, "某区", "350000", "cli:fuzz")
    tracker.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "cli:fuzz")
    tokens = {}
    for name, (role, unit) in FUZZERS.items():
        tracker.users.add(name, role, unit, "cli:fuzz")
        tokens[name] = tracker.users.issue_token(name, "cli:fuzz")
    clock.set(datetime(2026, 5, 12, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    order = seed_world(tracker)
    tracker.close()
    config = {"TESTING": True, "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False}
    return create_app(settings, config), tokens, real_ids(order)


def seed_world(tracker: Any) -> str:
    """A report on the unit's own project in May and a 督办 on it; the order's id."""
    from tracker.domain.period import Period
    from tracker.domain.report import ReportInput

    report = ReportInput(Decimal("1.00"), "施工中", problems=("征地未完成",))
    tracker.projects.submit_report(OWN, Period.parse("2026-04-H2"), report, "unit04")
    return str(tracker.supervisions.issue(OWN, "请加快进度", date(2026, 5, 20), "bureau"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="cases per operation × mode")
    parser.add_argument("--seed", type=int, default=None, help="hypothesis seed (default: random)")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tracker-fuzz-") as directory:
        flask_app, tokens, ids = demo_world(Path(directory))
        tally = fuzz(flask_app, tokens, ids, args.examples, args.seed, progress=print)
        flask_app.extensions["tracker"].close()
    for finding in tally.server_errors:
        print("5xx:", finding)
    for finding in tally.violations:
        print("schema violation:", finding)
    for note in tally.not_generated:
        print("not generated:", note)
    print(f"{tally.line()} in {time.perf_counter() - started:.0f} s")
    return 1 if tally.server_errors or tally.violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
