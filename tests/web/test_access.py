"""Who may see and do what, on every page and endpoint (DESIGN §3 Access)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.web.conftest import OTHER, OWN
from tracker.application.attachments import Attachments
from tracker.application.files import FileStore
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

PAGES = ["/projects", f"/projects/{OWN}", f"/projects/{OTHER}"]


@pytest.fixture
def history(campaign, frozen, settings):
    """A report with a photo on the other unit's project, and a 督办 on it."""
    frozen(2026, 5, 12, 10, 0)
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    store = Attachments(FileStore(settings.files_dir))
    photo = store.add(buffer.getvalue(), "现场.png", "photo")
    report = ReportInput(Decimal("1.00"), "施工中", attachments=(photo.as_event_data(),))
    campaign.projects.submit_report(OTHER, Period.parse("2026-05-H1"), report, "unit01")
    order = campaign.supervisions.issue(OTHER, "请加快进度", date(2026, 5, 20), "bureau")
    return {"sha": photo.sha256, "order": str(order)}


def test_pages_need_sign_in(web) -> None:
    client = web.test_client()
    for path in ["/", "/unit", *PAGES, "/unit/periods/2026-05-H1"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.location, path


@pytest.mark.parametrize("user", ["bureau", "viewer"])
def test_bureau_and_viewer_see_every_project(signed_in, user) -> None:
    client = signed_in(user)
    for path in PAGES:
        assert client.get(path).status_code == 200, path


def test_a_unit_gets_404_for_another_units_project_history_reports_files_and_orders(
    signed_in, api, history
) -> None:
    client = signed_in("unit04")
    assert client.get(f"/projects/{OWN}").status_code == 200
    for path in [
        f"/projects/{OTHER}",
        f"/projects/{OTHER}/reports/2026-05-H2",
        f"/projects/{OTHER}/reports/2026-05-H1/correct",
        f"/files/{history['sha']}",
        f"/files/{history['sha']}/thumb",
    ]:
        assert client.get(path).status_code == 404, path
    assert (
        client.post(f"/supervisions/{history['order']}/answer", data={"answer": "x"}).status_code
        == 404
    )
    for method, path in [
        ("GET", f"/projects/{OTHER}"),
        ("GET", f"/projects/{OTHER}/history"),
        ("PUT", f"/projects/{OTHER}/reports/2026-05-H2"),
        ("POST", f"/projects/{OTHER}/reports/2026-05-H1/corrections"),
        ("POST", f"/supervisions/{history['order']}/answer"),
    ]:
        response = api("unit04", method, path, json={"answer": "x"})
        assert response.status_code == 404, (method, path)
        assert "1.00" not in response.get_data(as_text=True)


def test_the_owning_unit_and_the_bureau_may_download_the_photo(signed_in, history) -> None:
    for user in ("unit01", "bureau", "viewer"):
        response = signed_in(user).get(f"/files/{history['sha']}")
        assert response.status_code == 200 and response.mimetype == "image/png", user
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "attachment" in response.headers["Content-Disposition"]
    thumb = signed_in("unit01").get(f"/files/{history['sha']}/thumb")
    assert thumb.status_code == 200 and thumb.mimetype == "image/jpeg"


def test_the_api_lists_only_the_units_own_projects(api) -> None:
    own = api("unit04", "GET", "/projects").get_json()
    everything = api("viewer", "GET", "/projects").get_json()
    assert {p["unit"] for p in own} == {"区城管局"} and len(own) == 5
    assert len(everything) == 39


@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Basic dXNlcjpwdw==", "Bearer "])
def test_no_token_or_a_bad_token_gets_401(web, header) -> None:
    headers = {"Authorization": header} if header else {}
    response = web.test_client().get("/api/v1/projects", headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert "令牌" in response.get_json()["error"]["message"]


def test_a_unit_and_a_viewer_may_not_register_projects_or_revise_plans(api) -> None:
    for user in ("unit04", "viewer"):
        assert api(user, "POST", "/projects", json={}).status_code == 403
        assert api(user, "POST", f"/projects/{OWN}/plan", json={}).status_code == 403


def test_the_bureau_and_viewer_may_not_submit_reports(api) -> None:
    body = {"investment": "1.00", "progress": "施工中"}
    for user in ("bureau", "viewer"):
        response = api(user, "PUT", f"/projects/{OWN}/reports/2026-01-H1", json=body)
        assert response.status_code == 403
        assert response.get_json()["error"]["message"] == "没有权限执行此操作"


def test_unit_pages_are_for_units_only(signed_in) -> None:
    for user in ("bureau", "viewer"):
        client = signed_in(user)
        assert client.get("/unit").status_code == 403
        assert client.get("/unit/periods/2026-05-H1").status_code == 403


def test_a_wrong_password_is_refused_and_the_name_kept(web, passwords) -> None:
    response = web.test_client().post("/login", data={"name": "unit04", "password": "wrong"})
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "登录名或密码不正确" in page and 'value="unit04"' in page


def test_forms_need_a_csrf_token(campaign, settings, passwords) -> None:
    from tracker.web import create_app

    app = create_app(settings, {"TESTING": True})  # CSRF on
    client = app.test_client()
    response = client.post("/login", data={"name": "unit04", "password": passwords["unit04"]})
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    app.extensions["tracker"].close()


def test_a_disabled_user_can_no_longer_sign_in_or_use_a_token(
    campaign, web, passwords, tokens
) -> None:
    campaign.users.disable("unit04", "调岗", "bureau")
    client = web.test_client()
    assert (
        client.post("/login", data={"name": "unit04", "password": passwords["unit04"]}).status_code
        == 401
    )
    headers = {"Authorization": f"Bearer {tokens['unit04']}"}
    assert client.get("/api/v1/projects", headers=headers).status_code == 401
