"""For random histories, the read models equal a direct fold of the events,
and equal what a rebuild from the log produces."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import event as note
from hypothesis import strategies as st

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.base import project_id
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.period import Period, open_period
from tracker.domain.project import Project
from tracker.domain.report import ReportInput
from tracker.domain.rules.lights import Thresholds, judged_figures, lag_light
from tracker.domain.rules.status import report_status
from tracker.domain.rules.ytd import Figures, ytd_plan
from tracker.domain.spec import ProjectSpec

CODES = ("P1", "P2", "P3")
START = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)

cents = st.integers(min_value=0, max_value=500_000)
monthly = st.lists(st.integers(min_value=0, max_value=90_000), min_size=12, max_size=12)
report = st.tuples(st.just("report"), st.sampled_from(CODES), st.integers(1, 24), cents)
correct = st.tuples(st.just("correct"), st.sampled_from(CODES), st.integers(0, 23), cents)
operation = st.one_of(
    st.tuples(st.just("register"), st.sampled_from(CODES), monthly),
    report,
    report,
    correct,
    correct,
    st.tuples(st.just("revise"), st.sampled_from(CODES), monthly),
)
history = st.lists(st.tuples(operation, st.integers(1, 300)), min_size=10, max_size=60)


def money(amount: int) -> Decimal:
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def run(app: TrackerApp, op: tuple, code: str) -> None:
    kind = op[0]
    if kind == "register":
        plan = tuple(money(m) for m in op[2])
        spec = ProjectSpec(
            code=code, name=code, category="城市绿化", unit=f"单位{code[-1]}",
            nature="continuing", total_investment=Decimal("6000.00"),
            annual_plan=sum(plan, Decimal("0.00")), monthly_plan=plan,
            planned_start=date(2025, 1, 1), planned_completion=date(2027, 1, 1),
        )
        app.projects.register(2026, [spec], "bureau")
    elif kind == "revise":
        plan = [money(m) for m in op[2]]
        app.projects.revise_plan(code, sum(plan, Decimal("0.00")), plan, "调整", "bureau")
    elif kind == "report":  # pick among the periods open so far, so most are accepted
        opened = open_period(clock.now(), app.register.campaign(2026).schedule)
        count = 24 if opened.year > 2026 else opened.index
        period = Period.from_index(2026, (op[2] - 1) % count + 1)
        app.projects.submit_report(code, period, ReportInput(money(op[3]), "施工中"), "unit")
    else:  # correct one of the periods already reported
        reported = sorted(app.projects.load(code).reports)
        period = Period.parse(reported[op[2] % len(reported)]) if reported else Period(2026, 1, 1)
        corrected = ReportInput(money(op[3]), "更正后")
        app.projects.correct_report(code, period, corrected, "更正", "unit")


def expected_rows(app: TrackerApp, period: Period, now: datetime) -> dict[str, tuple]:
    """Figures and statuses folded by hand from each project's events."""
    schedule = app.register.campaign(2026).schedule
    rows = {}
    for code in CODES:
        known = app.store.exists(project_id(code))
        events = app.store.events.get(project_id(code)) if known else []
        plan, latest, first_receipt, registered = None, {}, {}, None
        for event in events:
            if isinstance(event, Project.Registered):
                plan, registered = event.spec["monthly_plan"], event.timestamp
            elif isinstance(event, Project.PlanRevised):
                plan = event.monthly_plan
            elif isinstance(event, Project.ReportSubmitted):
                latest[event.period] = event.investment
                first_receipt.setdefault(event.period, event.received_at)
        if plan is None:
            continue
        actual = sum((v for p, v in latest.items() if Period.parse(p) <= period), Decimal("0.00"))
        figures = Figures(
            annual_plan=sum(plan, Decimal("0.00")),
            ytd_plan=ytd_plan(plan, period),
            ytd_actual=actual,
            period_investment=latest.get(str(period), Decimal("0.00")),
        )
        status = report_status(period, schedule, registered, first_receipt.get(str(period)), now)
        before = ytd_plan(plan, period.previous()) if period.index > 1 else Decimal("0.00")
        judged = judged_figures(figures, status, before)  # 待报: the previous deadline's plan
        rows[code] = (figures, lag_light(judged.lag, Thresholds()), status)
    return rows


def actual_rows(app: TrackerApp, period: Period) -> dict[str, tuple]:
    return {r.code: (r.figures, r.light, r.status) for r in app.summaries.summary(period).projects}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(monthly, min_size=2, max_size=2), history)
def test_read_models_equal_a_fold_of_the_events_and_a_rebuild(first_plans, steps) -> None:
    files = Path(tempfile.mkdtemp())  # bootstrap gives every app a file store, even this one
    memory = Settings("sqlite:///:memory:", files_dir=files, secret_key=None)
    app = bootstrap(memory, init_schema=True)
    moment = START
    accepted: list[str] = []
    try:
        clock.set(moment)
        app.campaigns.create(2026, "某区", "1000", "bureau")
        for code, plan in zip(("P1", "P2"), first_plans, strict=True):  # P3 may come later
            run(app, ("register", code, plan), code)
        for op, hours in steps:
            moment += timedelta(hours=hours)
            clock.set(moment)
            try:
                run(app, op, op[1])
                accepted.append(op[0])
            except TrackerError:
                pass  # refused by a rule: nothing may change
        note(f"corrections accepted: {min(accepted.count('correct'), 3)}+")
        periods = [Period.from_index(2026, i) for i in (1, 2, 7, 12, 13, 24)]
        live = {p: actual_rows(app, p) for p in periods}
        for period in periods:
            assert live[period] == expected_rows(app, period, moment)
        app.store.rebuild_projections()
        for period in periods:
            assert actual_rows(app, period) == live[period]
    finally:
        clock.set(None)
        app.close()
        shutil.rmtree(files)
