"""Report files from the pages and the API: who gets which 月报表; 签发 from the web."""

from __future__ import annotations

import hashlib
import subprocess
import time
from decimal import Decimal

import pytest

from tests.web.conftest import OWN
from tracker.domain.period import Period
from tracker.domain.report import ReportInput


@pytest.fixture
def reported(campaign, frozen):
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(
        OWN, Period.parse("2026-05-H1"), ReportInput(Decimal("12.34"), "桩基"), "unit04"
    )
    frozen(2026, 5, 16, 9, 0)


def downloaded(client, url: str):
    """The file at ``url``: at once, or, when it is made in the background (any report as of
    a moment is) and was not ready within the page's wait, once its job is done."""
    response = client.get(url)
    for _ in range(600):
        if response.status_code != 303:
            return response
        state = client.get(response.location, headers={"Accept": "application/json"}).get_json()
        if state["status"] == "done":
            return client.get(state["file"])
        time.sleep(0.2)
    raise AssertionError(f"{url} not made in 2 minutes")


def text_of(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True
    ).stdout


def test_the_bureau_downloads_the_district_report_as_pdf_and_xlsx(
    signed_in, reported, tmp_path
) -> None:
    client = signed_in("bureau")
    pdf = client.get("/reports/2026-05-H1.pdf")
    xlsx = client.get("/reports/2026-05-H1.xlsx")

    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert "attachment" in pdf.headers["Content-Disposition"]
    assert pdf.data.startswith(b"%PDF-") and xlsx.data.startswith(b"PK")
    text = text_of(pdf.data, tmp_path)
    assert "滨江公园二期" in text and "区交通局" in text  # the whole district


def test_a_unit_always_gets_its_own_units_report(signed_in, api, reported, tmp_path) -> None:
    page = signed_in("unit04").get("/reports/2026-05-H1.pdf?unit=区交通局")
    by_api = api("unit04", "GET", "/reports/2026-05-H1.pdf?unit=区交通局")

    for pdf in (page.data, by_api.data):
        text = text_of(pdf, tmp_path)
        assert "滨江公园二期" in text and "12.34" in text
        assert "区交通局" not in text


def test_the_overdue_ranking_and_archive_files_by_role(signed_in, reported) -> None:
    bureau, unit = signed_in("bureau"), signed_in("unit04")
    assert bureau.get("/reports/overdue.pdf").status_code == 200
    assert bureau.get("/reports/ranking/2026-04.xlsx").status_code == 200
    assert unit.get("/reports/overdue.pdf").status_code == 403
    assert unit.get(f"/projects/{OWN}/archive.pdf").status_code == 200
    assert unit.get("/projects/CJ2026-013/archive.pdf").status_code == 404
    assert bureau.get("/reports/2026-05-H1.docx").status_code == 422


def test_signing_off_keeps_the_file_and_remaking_it_as_of_then_gives_the_same_bytes(
    signed_in, campaign, reported, frozen
) -> None:
    bureau = signed_in("bureau")
    response = bureau.post("/bureau/reports/2026-05-H1/issue", data={"unit": ""})
    issued = campaign.issued.reports(2026)[0]
    kept = bureau.get(f"/bureau/reports/files/{issued.sha256}.pdf")
    frozen(2026, 5, 20, 9, 0)
    campaign.projects.correct_report(
        OWN, Period.parse("2026-05-H1"), ReportInput(Decimal("15.00"), "桩基"), "漏报", "unit04"
    )
    again = downloaded(
        bureau, f"/reports/2026-05-H1.pdf?as_of={issued.as_of.isoformat().replace('+', '%2B')}"
    )
    now = bureau.get("/reports/2026-05-H1.pdf")

    assert response.status_code == 303 and issued.issued_by == "bureau"
    assert hashlib.sha256(kept.data).hexdigest() == issued.sha256
    assert again.data == kept.data
    assert now.data != kept.data
    assert signed_in("viewer").post("/bureau/reports/2026-05-H1/issue", data={}).status_code == 403
    assert "已签发" in bureau.get("/bureau/reports").get_data(as_text=True)


def test_signing_off_asks_first_and_a_second_click_records_nothing_new(
    signed_in, campaign, reported, frozen
) -> None:
    bureau = signed_in("bureau")
    ask = bureau.get("/bureau/reports/2026-05-H1/issue?unit=").get_data(as_text=True)
    assert "确认签发" in ask and "上次签发" not in ask
    assert campaign.issued.reports(2026) == []  # asking records nothing

    first = bureau.post("/bureau/reports/2026-05-H1/issue", data={"unit": ""})
    frozen(2026, 5, 16, 11, 0)
    second = bureau.post("/bureau/reports/2026-05-H1/issue", data={"unit": ""})
    assert first.status_code == second.status_code == 303
    assert len(campaign.issued.reports(2026)) == 1
    assert "未重复签发" in bureau.get("/bureau/reports").get_data(as_text=True)
    again = bureau.get("/bureau/reports/2026-05-H1/issue").get_data(as_text=True)
    assert "无需再次签发" in again and "确认签发" not in again

    # another unit's sign-off is its own; a correction makes the district's due again
    bureau.post("/bureau/reports/2026-05-H1/issue", data={"unit": "区城管局"})
    assert len(campaign.issued.reports(2026)) == 2
    campaign.projects.correct_report(
        OWN, Period.parse("2026-05-H1"), ReportInput(Decimal("15.00"), "桩基"), "漏报", "unit04"
    )
    ask = bureau.get("/bureau/reports/2026-05-H1/issue").get_data(as_text=True)
    assert "确认签发" in ask and "查看此后的变化" in ask
    bureau.post("/bureau/reports/2026-05-H1/issue", data={"unit": ""})
    assert len(campaign.issued.reports(2026)) == 3
    assert bureau.get("/bureau/reports/2026-05-H1/issue?unit=无此单位").status_code == 404
