"""Two districts sign off a period and send their packages; the city verifies and adds them up.

District 甲区 keeps its events in SQLite, 乙区 in PostgreSQL when TRACKER_TEST_DATABASE_URL is
set (else a second SQLite file); the city in SQLite. One frozen clock moves all three.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import create_engine, text

import reports
from tests.conftest import (
    DEMO_CSV,
    TEST_SECRET,
    postgres_url_for_this_process,
    reset_postgres,
)
from tracker.application.app import TrackerApp
from tracker.application.packages.signing import SCHEMA, PackageRefused
from tracker.bootstrap import bootstrap
from tracker.config import Settings
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

KEY = "市里下发的数据包密钥-2026"
PERIOD = Period.parse("2026-01-H1")
REPORTED = {"甲区": {"CJ2026-002": "120.37", "CJ2026-004": "88.10"}, "乙区": {"CJ2026-002": "5.05"}}


@dataclass
class World:
    districts: dict[str, TrackerApp]
    city: TrackerApp
    packages: dict[str, bytes]


def store(url: str, folder: Path) -> TrackerApp:
    return bootstrap(Settings(url, folder / "files", TEST_SECRET), init_schema=True)


@pytest.fixture
def second_url(tmp_path: Path) -> Iterator[str]:
    """乙区's store: PostgreSQL in a schema of its own when configured, else SQLite."""
    if not os.environ.get("TRACKER_TEST_DATABASE_URL"):
        yield f"sqlite:///{tmp_path / 'b.db'}"
        return
    url, schema = postgres_url_for_this_process(os.environ["TRACKER_TEST_DATABASE_URL"])
    url, schema = url.replace(schema, f"{schema}_b"), f"{schema}_b"
    reset_postgres(url, schema)
    yield url
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def district(app: TrackerApp, name: str, frozen) -> bytes:  # type: ignore[no-untyped-def]
    """A district that registers the demo list, reports 第1期, signs it off, exports it."""
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, name, "350000", "bureau")
    app.project_lists.import_file(2026, DEMO_CSV.read_bytes(), "bureau")
    frozen(2026, 1, 12, 10, 0)
    for code, amount in REPORTED[name].items():
        app.projects.submit_report(code, PERIOD, ReportInput(Decimal(amount), "施工中"), "unit")
    frozen(2026, 1, 16, 10, 0)
    reports.issue_report(app, PERIOD, None, "bureau")
    return app.packages.package(PERIOD, KEY)


@pytest.fixture
def world(tmp_path: Path, second_url: str, frozen) -> Iterator[World]:  # type: ignore[no-untyped-def]
    a = store(f"sqlite:///{tmp_path / 'a.db'}", tmp_path / "a")
    b = store(second_url, tmp_path / "b")
    city = store(f"sqlite:///{tmp_path / 'city.db'}", tmp_path / "city")
    packages = {"甲区": district(a, "甲区", frozen), "乙区": district(b, "乙区", frozen)}
    city.campaigns.create(2026, "某市", "0", "city", (16, 30), level="city")
    yield World({"甲区": a, "乙区": b}, city, packages)
    for app in (a, b, city):
        app.close()


def test_the_city_total_is_the_sum_of_the_two_districts_to_the_cent(world: World, frozen) -> None:
    frozen(2026, 1, 16, 12, 0)
    world.city.city.import_package(world.packages["甲区"], KEY, "city")
    frozen(2026, 1, 18, 9, 0)  # after the city's deadline (the 16th, end of day)
    world.city.city.import_package(world.packages["乙区"], KEY, "city")

    view = world.city.city_packages.view(2026, PERIOD)
    sums = [
        app.summaries.summary(PERIOD, app.packages.sign_off(PERIOD).as_of).district.figures
        for app in world.districts.values()
    ]
    assert view.total.figures == sums[0] + sums[1]
    assert view.total.figures.period_investment == Decimal("213.52")
    assert view.total.projects == 78
    assert [(row.district, row.status, row.rank) for row in view.districts] == [
        ("乙区", "late", 2),
        ("甲区", "reported", 1),
    ]


def test_the_package_keeps_to_its_schema_and_exported_again_by_the_city_is_the_same_bytes(
    world: World,
) -> None:
    data = world.packages["甲区"]
    package = json.loads(data)
    Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(package)
    issued = world.districts["甲区"].packages.sign_off(PERIOD)
    assert package["report"] == {"sha256": issued.sha256, "size": issued.size}
    assert package["chain_head"] == world.districts["甲区"].audit.head(issued.as_of).link
    assert package["projects"][1]["period_investment"] == "120.37"
    assert world.districts["甲区"].packages.package(PERIOD, KEY) == data  # made again: same

    world.city.city.import_package(data, KEY, "city")

    assert world.city.city_packages.file(2026, "甲区", PERIOD) == data


def tampered(data: bytes) -> bytes:
    return data.replace(b'"120.37"', b'"130.37"', 1)


BROKEN = {
    "签名校验失败": tampered,  # one figure changed after signing
    "没有签名": lambda data: data.replace(b'"signature"', b'"signed"', 1),
    "不是 UTF-8 编码的 JSON": lambda data: b"{not json",
    "格式不符": lambda data: data.replace(b'"version": 1', b'"version": 2', 1),
}


def test_a_changed_figure_another_key_or_an_unsigned_package_is_refused_whole_in_chinese(
    world: World,
) -> None:
    other = world.districts["甲区"].packages.package(PERIOD, "另一个区自己设的密钥-0000")
    sent = {
        **{reason: change(world.packages["甲区"]) for reason, change in BROKEN.items()},
        "签名校验失败：数据包在签名后被改动，或不是用本市下发的密钥签名的": other,
    }
    for reason, data in sent.items():
        with pytest.raises(PackageRefused, match=reason) as refusal:
            world.city.city.import_package(data, KEY, "city")
        assert refusal.value.message.startswith("数据包未导入：")
    assert world.city.city_packages.rows(2026) == []


def test_a_package_sent_again_after_a_correction_is_a_restatement_shown_side_by_side(
    world: World, frozen
) -> None:
    a = world.districts["甲区"]
    frozen(2026, 1, 16, 12, 0)
    world.city.city.import_package(world.packages["甲区"], KEY, "city")
    frozen(2026, 1, 16, 15, 0)
    correction = ReportInput(Decimal("100.37"), "施工中")
    a.projects.correct_report("CJ2026-002", PERIOD, correction, "台账核对后更正", "unit")
    reports.issue_report(a, PERIOD, None, "bureau")
    frozen(2026, 1, 16, 16, 0)

    done = world.city.city.import_package(a.packages.package(PERIOD, KEY), KEY, "city")

    assert done.version == 2
    row = world.city.city_packages.view(2026, PERIOD).districts[0]
    assert [v.figures.period_investment for v in row.versions] == [
        Decimal("208.47"),
        Decimal("188.47"),
    ]
    assert row.latest is row.versions[-1] and row.status == "reported"
    with pytest.raises(Exception, match="已导入"):
        world.city.city.import_package(a.packages.package(PERIOD, KEY), KEY, "city")
