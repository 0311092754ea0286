"""A district's 签发 page offers the signed-off period's data package; the API its OC4IDS."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

import reports
from tests.packages import KEY
from tracker.application.app import TrackerApp
from tracker.application.packages.signing import verified
from tracker.config import Settings
from tracker.domain.period import Period


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, package_key=KEY)


def test_a_signed_off_period_has_its_package_on_the_sign_off_page(
    campaign: TrackerApp, signed_in, frozen
) -> None:
    bureau = signed_in("bureau")
    assert bureau.get("/bureau/reports/2026-01-H1/package.json").status_code == 404
    frozen(2026, 1, 16, 10, 0)
    reports.issue_report(campaign, Period.parse("2026-01-H1"), None, "bureau")

    page = bureau.get("/bureau/reports").get_data(as_text=True)
    answer = signed_in("viewer").get("/bureau/reports/2026-01-H1/package.json")

    assert 'href="/bureau/reports/2026-01-H1/package.json"' in page
    assert answer.status_code == 200 and answer.mimetype == "application/json"
    assert verified(answer.data, KEY)["totals"]["projects"] == 39
    assert signed_in("unit04").get("/bureau/reports/2026-01-H1/package.json").status_code == 403


def test_the_api_gives_the_oc4ids_package_to_the_bureau_and_viewers_only(api, frozen) -> None:
    frozen(2026, 2, 1, 9, 0)
    answer = api("viewer", "GET", "/oc4ids.json?as_of=2026-01-06T00:00:00%2B08:00")

    assert answer.status_code == 200
    package = json.loads(answer.data)
    assert package["publishedDate"] == "2026-01-06T00:00:00+08:00"
    assert len(package["projects"]) == 39
    assert api("unit04", "GET", "/oc4ids.json").status_code == 403
