"""As of any moment, the bitemporal read models say what a fold of the log up to then says.

Random histories of registrations, plan revisions, settings changes, reports,
corrections, problems, withdrawals and 督办; at random moments of them the
pages' queries read through ``Reader.at(T)`` (rows that held at T) and through
``Reader.folded(T)`` (the reference: the log up to T replayed afresh) and must
agree, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SHANGHAI, backends, postgres_url_for_this_process, reset_postgres
from tracker.application.app import TrackerApp
from tracker.application.queries.overdue import Overdue
from tracker.application.queries.problems import Problems
from tracker.application.queries.ranking import Rankings
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import Register
from tracker.application.queries.summaries import Summaries
from tracker.application.queries.supervisions import Supervisions
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.errors import TrackerError
from tracker.domain.period import Period, open_period
from tracker.domain.report import ReportInput
from tracker.domain.rules.lights import Thresholds
from tracker.domain.rules.ranking import Weights
from tracker.domain.spec import ProjectSpec

CODES = ("P1", "P2", "P3")
START = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)

cents = st.integers(min_value=0, max_value=300_000)
monthly = st.lists(st.integers(min_value=0, max_value=60_000), min_size=12, max_size=12)
code = st.sampled_from(CODES)
operation = st.one_of(
    st.tuples(st.just("register"), code, monthly),
    st.tuples(st.just("report"), code, st.integers(1, 24), cents, st.booleans()),
    st.tuples(st.just("report"), code, st.integers(1, 24), cents, st.booleans()),
    st.tuples(st.just("correct"), code, st.integers(0, 23), cents),
    st.tuples(st.just("revise"), code, monthly),
    st.tuples(st.just("settings"), st.integers(5, 20), st.integers(25, 60)),
    st.tuples(st.just("withdraw"), code),
    st.tuples(st.just("resolve"), code, st.integers(1, 3)),
    st.tuples(st.just("order"), code),
    st.tuples(st.just("answer"), st.integers(0, 5)),
    st.tuples(st.just("close"), st.integers(0, 5)),
    st.tuples(st.just("contacts"), code, st.text("甲乙丙", min_size=1, max_size=3)),
)
history = st.lists(st.tuples(operation, st.integers(1, 400)), min_size=8, max_size=40)


def money(amount: int) -> Decimal:
    return (Decimal(amount) / 100).quantize(Decimal("0.01"))


def spec(code: str, plan: tuple[Decimal, ...]) -> ProjectSpec:
    return ProjectSpec(
        code=code, name=code, category="城市绿化", unit=f"单位{code[-1]}",
        nature="new_start" if code == "P3" else "continuing", total_investment=Decimal("6000.00"),
        annual_plan=sum(plan, Decimal("0.00")), monthly_plan=plan,
        planned_start=date(2026, 3, 1), planned_completion=date(2027, 1, 1),
    )  # fmt: skip


def run(app: TrackerApp, op: tuple, orders: list) -> None:  # noqa: C901  (one branch a kind)
    kind = op[0]
    if kind == "register":
        app.projects.register(2026, [spec(op[1], tuple(money(m) for m in op[2]))], "bureau")
    elif kind == "revise":
        plan = [money(m) for m in op[2]]
        app.projects.revise_plan(op[1], sum(plan, Decimal("0.00")), plan, "调整", "bureau")
    elif kind == "report":
        opened = open_period(clock.now(), app.register.campaign(2026).schedule)
        count = 24 if opened.year > 2026 else opened.index
        period = Period.from_index(2026, (op[2] - 1) % count + 1)
        problems = ("拆迁未完成",) if op[4] else ()
        report = ReportInput(money(op[3]), "施工中", problems=problems)
        app.projects.submit_report(op[1], period, report, "unit")
    elif kind == "correct":
        reported = sorted(app.projects.load(op[1]).reports)
        period = Period.parse(reported[op[2] % len(reported)]) if reported else Period(2026, 1, 1)
        app.projects.correct_report(
            op[1], period, ReportInput(money(op[3]), "更正后"), "更正", "unit"
        )
    elif kind == "settings":
        thresholds = Thresholds(Decimal(op[1]), Decimal(op[2]))
        app.campaigns.change_settings(2026, thresholds, Weights(), "调整阈值", "bureau")
    elif kind == "withdraw":
        app.projects.withdraw(op[1], "不再建设", "bureau")
    elif kind == "resolve":
        app.projects.resolve_problem(op[1], op[2], "已解决", "bureau")
    elif kind == "order":
        orders.append(app.supervisions.issue(op[1], "请说明", date(2026, 12, 31), "bureau"))
    elif kind == "answer" and orders:
        app.supervisions.answer(str(orders[op[1] % len(orders)]), "已落实", "unit")
    elif kind == "close" and orders:
        app.supervisions.close(str(orders[op[1] % len(orders)]), "办结", "bureau")
    elif kind == "contacts":
        app.projects.assign_contacts(op[1], op[2], op[2], "13800000000", "bureau")
    elif kind in ("answer", "close"):
        raise TrackerError("没有督办")


def readings(read: Reader, moment: datetime) -> dict[str, object]:
    """What the pages would show as of ``moment``, read through ``read``."""
    periods = [Period.from_index(2026, i) for i in (1, 5, 9, 16, 24)]
    summaries, rankings = Summaries(read), Rankings(read)
    return {
        "summaries": [summaries.summary(p, moment) for p in periods],
        "overdue": Overdue(read).items(2026, moment),
        "ranking": rankings.months(2026, list(range(1, 13)), moment),
        "register": Register(read).projects(2026, as_of=moment),
        "problems": Problems(read).rows(as_of=moment),
        "orders": Supervisions(read).rows(as_of=moment),
        "periods": [summaries.project_periods(c, moment) for c in CODES if known(read, c, moment)],
    }


def known(read: Reader, code: str, moment: datetime) -> bool:
    return any(p.code == code for p in Register(read).projects(2026, as_of=moment))


def reference(read: Reader) -> Reader:
    """The same queries over the log folded afresh up to each moment."""
    folding = Reader(read.store)
    folding.at = folding.folded  # type: ignore[method-assign]
    return folding


def storage(backend: str, files: Path) -> Settings:
    if backend == "sqlite":
        return Settings("sqlite:///:memory:", files_dir=files, secret_key=None)
    url, schema = postgres_url_for_this_process(os.environ["TRACKER_TEST_DATABASE_URL"])
    reset_postgres(url, schema)
    return Settings(url, files_dir=files, secret_key=None)


def check(backend: str, first_plans: list, steps: list, picks: list[int]) -> None:
    files = Path(tempfile.mkdtemp())
    app = bootstrap(storage(backend, files), init_schema=True)
    moment, moments, orders = START, [], []
    try:
        clock.set(moment)
        app.campaigns.create(2026, "某区", "1000", "bureau")
        for code_, plan in zip(("P1", "P2"), first_plans, strict=True):
            run(app, ("register", code_, plan), orders)
        for op, minutes in steps:
            moments.append(moment + timedelta(minutes=minutes // 2))  # between two events
            moment += timedelta(hours=minutes)
            clock.set(moment)
            moments.append(moment)  # at an event
            try:
                run(app, op, orders)
            except TrackerError:
                pass  # refused by a rule: nothing changes
        clock.set(moment + timedelta(days=1))
        read = Reader(app.store)
        for pick in picks:
            chosen = moments[pick % len(moments)]
            assert readings(read, chosen) == readings(reference(read), chosen), chosen
    finally:
        clock.set(None)
        app.close()
        shutil.rmtree(files)


EXAMPLES = {"sqlite": 12, "postgresql": 5}


@pytest.mark.parametrize("backend", backends())
def test_as_of_any_moment_the_read_models_equal_the_folded_log(backend: str) -> None:
    @settings(
        max_examples=EXAMPLES[backend],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        st.lists(monthly, min_size=2, max_size=2),
        history,
        st.lists(st.integers(0, 10_000), min_size=2, max_size=4),
    )
    def property_holds(first_plans: list, steps: list, picks: list[int]) -> None:
        check(backend, first_plans, steps, picks)

    property_holds()
