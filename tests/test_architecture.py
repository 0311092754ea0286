"""Fitness functions: the shape of the code (STYLE §9, §11–§14) as tests that fail.

Each check reads the code as it is (files, imports, classes, the Flask url map) and
names every offender, so a change that breaks the house is stopped by `make test`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import is_dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from flask import template_rendered

from tests.web.conftest import OWN, passwords, signed_in, web  # noqa: F401  (fixtures)
from tracker.domain.base import TrackerAggregate
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 300
MAX_VIEW_LINES = 25
AUDIENCES = ("shared", "unit", "bureau", "admin", "api")
#: modules that define aggregates: pages, API replies and reports read query rows instead
AGGREGATES = tuple(
    f"tracker.domain.{name}"
    for name in (
        "campaign", "channel", "notice", "package", "project", "proposal", "supervision", "unit",
        "user",
    )
)


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, absolute, including ``from x import y`` as x and x.y."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    )
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


# -- size ----------------------------------------------------------------------


def modules_over(limit: int, *folders: str) -> list[str]:
    found = []
    for path in python_files(*folders):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{path.relative_to(ROOT)}: {lines} lines")
    return found


def test_no_module_of_the_tracker_or_the_reports_exceeds_300_lines() -> None:
    assert modules_over(MAX_MODULE_LINES, "tracker", "reports") == []


def long_views(app) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for endpoint, view in app.view_functions.items():
        function = inspect.unwrap(view)
        if not function.__module__.startswith("tracker."):
            continue
        lines, _ = inspect.getsourcelines(function)
        body = [line for line in lines if not line.lstrip().startswith("@")]
        if len(body) > MAX_VIEW_LINES:
            found.append(
                f"{endpoint} ({function.__module__}.{function.__name__}): {len(body)} lines"
            )
    return found


def test_no_view_function_exceeds_25_lines(web_app) -> None:  # type: ignore[no-untyped-def]
    assert long_views(web_app) == []


# -- composition, not inheritance ------------------------------------------------


def application_modules() -> Iterator[object]:
    package = importlib.import_module("tracker.application")
    for info in pkgutil.walk_packages(package.__path__, "tracker.application."):
        yield importlib.import_module(info.name)


def inherited_application_classes() -> list[str]:
    found = []
    for module in application_modules():
        for name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for base in cls.__bases__:
                if base.__module__.startswith("tracker.application"):
                    found.append(f"{cls.__module__}.{name}({base.__module__}.{base.__name__})")
    return found


def test_no_class_of_the_application_inherits_from_another_class_of_the_application() -> None:
    assert inherited_application_classes() == []


# -- the web by audience -----------------------------------------------------------


def sibling_imports() -> list[str]:
    """A web sub-package importing another sub-package than shared (or the web's own modules)."""
    found = []
    for audience in AUDIENCES:
        for path in python_files(f"tracker/web/{audience}"):
            for name in imports(path):
                parts = name.split(".")
                if parts[:2] != ["tracker", "web"] or len(parts) < 3 or parts[2] not in AUDIENCES:
                    continue
                if parts[2] not in (audience, "shared"):
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
                elif audience == "shared" and parts[2] != "shared":
                    found.append(f"{path.relative_to(ROOT)} imports {name}")
    return sorted(set(found))


def test_web_sub_packages_import_no_sibling_but_shared() -> None:
    assert sibling_imports() == []


def aggregate_imports(*folders: str) -> list[str]:
    found = []
    for path in python_files(*folders):
        for name in imports(path):
            if name.startswith(AGGREGATES):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return sorted(set(found))


def test_the_web_and_the_reports_never_import_an_aggregate() -> None:
    assert aggregate_imports("tracker/web", "reports") == []


def test_no_page_is_rendered_with_an_aggregate(aggregates_rendered) -> None:  # type: ignore[no-untyped-def]
    """Every page of the three roles, rendered: no template is handed an aggregate."""
    offenders, rendered = aggregates_rendered
    assert rendered > 60  # the visit really went through the pages
    assert offenders == []


# -- fixtures ---------------------------------------------------------------------

SAMPLES = {"code": OWN, "period": "2026-05-H1", "month": "2026-05", "name": "unit01"}
PROPOSED = ProjectSpec(
    code="",
    name="滨江公园二期",
    category="城市绿化",
    unit="区城管局",
    nature="new_start",
    total_investment=Decimal("100.00"),
    annual_plan=Decimal("12.00"),
    monthly_plan=(Decimal("1.00"),) * 12,
    planned_start=date(2026, 7, 1),
    planned_completion=date(2027, 6, 30),
)


def holds_an_aggregate(value: object, depth: int = 0) -> bool:
    """True when ``value`` is an aggregate or carries one (in a list, dict or dataclass)."""
    if isinstance(value, TrackerAggregate):
        return True
    if depth > 3 or isinstance(value, str | bytes | int | float):
        return False
    if isinstance(value, dict):
        return any(holds_an_aggregate(v, depth + 1) for v in value.values())
    if isinstance(value, list | tuple | set):
        return any(holds_an_aggregate(v, depth + 1) for v in value)
    if is_dataclass(value):
        return any(holds_an_aggregate(v, depth + 1) for v in vars(value).values())
    return False


def page_paths(app, ids: dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Every HTML page of the app with sample arguments (downloads and the API left out)."""
    values = {**SAMPLES, **ids}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint.startswith(("api.", "static")):
            continue
        if "." in rule.rule.rsplit("/", 1)[-1] or rule.endpoint.startswith("shared.file"):
            continue  # files and downloads: bytes, not templates
        if any(arg not in values for arg in rule.arguments):
            continue
        paths.append(rule.build({arg: values[arg] for arg in rule.arguments})[1])
    return sorted(set(paths))


@pytest.fixture
def aggregates_rendered(web, campaign, signed_in, frozen):  # type: ignore[no-untyped-def]  # noqa: F811
    """Sign in as each role, visit every page, and list the templates given an aggregate."""
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(
        OWN, Period.parse("2026-05-H1"), ReportInput(Decimal("1"), "施工"), "unit04"
    )
    order = campaign.supervisions.issue(OWN, "请说明", date(2026, 5, 20), "bureau")
    proposal = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    ids = {"order_id": str(order), "ident": str(proposal)}
    found: list[str] = []
    rendered = []

    def record(sender, template, context, **extra) -> None:  # type: ignore[no-untyped-def]
        rendered.append(template.name)
        for key, value in context.items():
            if holds_an_aggregate(value):
                found.append(f"{template.name}: {key}")

    template_rendered.connect(record, web)
    try:
        for user in ("bureau", "viewer", "unit04"):
            client = signed_in(user)
            for path in page_paths(web, ids):
                assert client.get(path).status_code < 500, path
    finally:
        template_rendered.disconnect(record, web)
    return sorted(set(found)), len(rendered)


@pytest.fixture
def web_app(settings):  # type: ignore[no-untyped-def]
    from tracker.bootstrap import bootstrap
    from tracker.web import create_app

    bootstrap(settings, init_schema=True).close()
    app = create_app(settings, {"TESTING": True})
    yield app
    app.extensions["tracker"].close()
