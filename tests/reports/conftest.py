"""Helpers for reading reports back: poppler's pdftotext and pdffonts, and a small campaign."""

from __future__ import annotations

import logging
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.conftest import DEMO_CSV, SHANGHAI, TEST_SECRET
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec


def poppler(tool: str, pdf: bytes, *options: str) -> str:
    """Run a poppler tool on ``pdf`` and return what it prints."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        args = [tool, *options, file.name] + (["-"] if tool == "pdftotext" else [])
        return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf_text(pdf: bytes) -> str:
    return poppler("pdftotext", pdf, "-raw", "-enc", "UTF-8")


def squeeze(text: str) -> str:
    """Text without any whitespace: a name wrapped inside its cell reads as one again."""
    return "".join(text.split())


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def weasyprint_log() -> Iterator[list[str]]:
    """Everything WeasyPrint logs meanwhile (a missing glyph is only ever logged)."""
    logger, handler = logging.getLogger("weasyprint"), Records()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def spec(
    code: str,
    name: str,
    unit: str,
    category: str,
    monthly: str = "10.00",
    nature: str = "continuing",
    start: date = date(2025, 6, 1),
) -> ProjectSpec:
    amounts = tuple(D(monthly) for _ in range(12))
    return ProjectSpec(
        code=code,
        name=name,
        category=category,
        unit=unit,
        nature=nature,
        total_investment=D("1000.00"),
        annual_plan=sum(amounts, D("0.00")),
        monthly_plan=amounts,
        planned_start=start,
        planned_completion=date(2027, 12, 31),
    )


def submit(
    app: TrackerApp, code: str, period: str, amount: str, progress: str = "施工中", **extra
) -> None:
    report = ReportInput(D(amount), progress, **extra)
    app.projects.submit_report(code, Period.parse(period), report, "u")


def correct(app: TrackerApp, code: str, period: str, amount: str, reason: str) -> None:
    report = ReportInput(D(amount), "施工中")
    app.projects.correct_report(code, Period.parse(period), report, reason, "u")


# The district's campaign: the 39 demo projects and two whose names users typed oddly.
MARKUP = '<b>加粗</b> & <script>alert("x")</script> 路灯改造'
RARE = "喆堃犇鑫镕垚淼焱燚片区综合整治"
PROBLEM = '<img src="http://example.com/x.png"> 拆迁未完成 & 管线迁改'
AS_OF = datetime(2026, 3, 20, 9, 0, tzinfo=SHANGHAI)
PERIOD = Period.parse("2026-03-H1")


@pytest.fixture(scope="package")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrackerApp]:
    """Reports for 02-H2 and 03-H1 from most of 41 projects; read it as of AS_OF.

    Built once on SQLite for the reading-back tests; sign-off runs on both back ends.
    """
    folder = tmp_path_factory.mktemp("district")
    settings = Settings(f"sqlite:///{folder / 'tracker.db'}", folder / "files", TEST_SECRET)
    app = bootstrap(settings, init_schema=True)
    with clock.frozen(datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)):
        app.campaigns.create(2026, "某区", "350000", "cli:test")
        app.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "cli:test")
        app.projects.register(
            2026,
            [spec("X-1", MARKUP, "区城管局", "城市绿化"), spec("X-2", RARE, "滨海镇", "垃圾处理")],
            "bureau",
        )
    codes = [row.code for row in app.register.projects(2026)]
    for n, (period, day) in enumerate((("2026-02-H2", 27), ("2026-03-H1", 13))):
        with clock.frozen(datetime(2026, int(period[5:7]), day, 10, 0, tzinfo=SHANGHAI)):
            for i, code in enumerate(codes):
                if i % 9 == 4:
                    continue  # a few missing
                extra = {"problems": (PROBLEM,)} if code == "X-1" and n == 0 else {}
                progress = f"{RARE[:9]}施工" if code == "X-2" else "<i>路基</i>施工中"
                submit(app, code, period, f"{(i * 37) % 90 + n}.{i:02d}", progress, **extra)
    yield app
    app.close()
