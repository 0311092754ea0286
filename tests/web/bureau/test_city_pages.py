"""A city's pages: the upload of district packages, the dashboard, the city 月报表."""

from __future__ import annotations

import re
from dataclasses import replace
from io import BytesIO

import pytest

from tests.packages import KEY, package, project, two_districts
from tracker.application.app import TrackerApp
from tracker.config import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, package_key=KEY)


@pytest.fixture
def campaign(app: TrackerApp, frozen) -> TrackerApp:  # type: ignore[no-untyped-def]
    """A city's campaign (no projects of its own), on 16 May 2026."""
    app.campaigns.create(2026, "某市", "0", "cli:test", (16, 30), level="city")
    frozen(2026, 5, 16, 12, 0)
    return app


@pytest.fixture
def passwords(campaign: TrackerApp) -> dict[str, str]:
    return {name: campaign.users.add(name, name, None, "cli:test") for name in ("bureau", "viewer")}


def upload(client, data: bytes):  # type: ignore[no-untyped-def]
    files = {"file": (BytesIO(data), "package.json"), "period": "2026-05-H1"}
    return client.post("/bureau/city/packages", data=files, content_type="multipart/form-data")


def test_the_bureau_uploads_two_packages_and_sees_standing_ranking_and_totals(signed_in) -> None:
    bureau = signed_in("bureau")
    for data in two_districts().values():
        assert upload(bureau, data).status_code == 303

    page = bureau.get("/bureau/city?period=2026-05-H1").get_data(as_text=True)

    assert ">市级汇总</a>" in page  # in the menu of a city's store
    assert "甲区" in page and "乙区" in page
    assert re.search(r'data-figure="ytd_actual">1,?730\.80<', page)  # 420.50+980+150+180.30
    assert page.index("<li>甲区") < page.index("<li>乙区")  # ranked: 甲区 ahead of its plan
    assert page.count('<span class="status on_time">已报</span>') == 2


def test_a_tampered_package_is_refused_with_the_reason_beside_the_box(signed_in, campaign) -> None:
    bureau = signed_in("bureau")
    data = two_districts()["甲区"].replace(b'"420.50"', b'"520.50"', 1)

    answer = upload(bureau, data)

    assert answer.status_code == 422
    assert "数据包未导入：签名校验失败" in answer.get_data(as_text=True)
    assert campaign.city_packages.rows(2026) == []


def test_the_same_package_twice_is_a_409_and_a_corrected_one_a_restatement(signed_in) -> None:
    bureau, first = signed_in("bureau"), two_districts()["甲区"]
    upload(bureau, first)
    assert upload(bureau, first).status_code == 409
    again = package("甲区", [
        project("JQ-01", "城市绿化", "甲区城管局", "1200.00", "400.00", "400.50", "40.25"),
        project("JQ-02", "城市综合交通", "甲区交通局", "3000.00", "1000.00", "980.00", "120.00"),
    ], issued_at="2026-05-16T08:00:00+08:00")  # fmt: skip

    assert upload(bureau, again).status_code == 303
    page = bureau.get("/bureau/city").get_data(as_text=True)
    assert "更正重报1次" in page and "第2版" in page and "-20.00" in page


def test_the_city_report_downloads_as_pdf_and_excel_and_viewers_may_not_upload(
    signed_in,
) -> None:
    bureau = signed_in("bureau")
    for data in two_districts().values():
        upload(bureau, data)

    pdf = bureau.get("/bureau/city/2026-05-H1.pdf")
    xlsx = signed_in("viewer").get("/bureau/city/2026-05-H1.xlsx")

    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert xlsx.status_code == 200 and xlsx.data.startswith(b"PK")
    assert upload(signed_in("viewer"), two_districts()["甲区"]).status_code == 403
