"""Who may see and do what, on every page and endpoint (DESIGN §3 Access)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import pytest

from reports.fingerprints import job_key
from tests.test_architecture import PROPOSED
from tests.web.admin.test_admin_pages import stored_events
from tests.web.conftest import OTHER, OWN
from tracker.application.attachments import Attachments
from tracker.application.files import FileStore
from tracker.application.report_jobs import JobSpec
from tracker.domain.clock import clock
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


# -- the exhaustive matrix: every route of app.url_map × who is asking -------------------

#: routes anyone may call: signing in, the health check, static files, the API's document
PUBLIC = {"shared.login", "shared.healthz", "static", "api.spec"}
#: what a signed-in user does to their own session or password, whatever the role
SELF_SERVICE = {"shared.login", "shared.logout", "shared.password"}
#: POSTs that only read, open to viewers by design: verify the audit ledger, check a file
#: posts a viewer may make: they store nothing (restarting a report job makes a file only)
VIEWER_POSTS = {"bureau.verify", "bureau.check_file", "shared.restart_report_job"}
#: API writes only the bureau may make: a unit is refused (403) before any id is looked up
BUREAU_API = {
    "api.register", "api.revise_plan", "api.issue", "api.close", "api.send_back",
    "api.plan_milestones",
}  # fmt: skip
#: arguments that name one of unit B's things (or a user), so unit A must get 404 or 403
OWNED = {"code", "order_id", "sha256", "ident", "name", "key"}
REPORT = {"investment": "1.00", "progress": "施工中"}
#: a body that would be accepted if the check in front of it were missing
BODIES = {
    "api.submit": REPORT,
    "api.correct": {**REPORT, "reason": "更正"},
    "api.answer": {"answer": "已整改"},
    "unit.report_form": REPORT,
    "unit.correction_form": {**REPORT, "reason": "更正"},
    "unit.answer": {"answer": "已整改"},
    "api.plan_milestones": {"milestones": [{"name": "开工", "planned_on": "2026-06-01"}], "reason": "理由"},  # noqa: E501
    "unit.meet_milestone": {"name": "开工", "met_on": "2026-01-05"},
}
ANY_FORM = {"reason": "理由", "note": "意见", "answer": "答复", "name": "x1", "role": "viewer"}


class Matrix:
    """Requests over every route, counted, with what each wrote and whether B's data showed."""

    def __init__(self, web, campaign, values: dict[str, object], theirs: list) -> None:
        self.web, self.campaign, self.values = web, campaign, values
        self.codes, self.names = [row.code for row in theirs], [row.name for row in theirs]
        self.requests, self.wrong = 0, []

    def calls(self, methods: set[str] | None = None):
        """(rule, method, path) for every rule and method of the app, its arguments filled."""
        for rule in sorted(self.web.url_map.iter_rules(), key=lambda r: (r.rule, r.endpoint)):
            values = {**self.values, **({"month": 5} if "year" in rule.arguments else {})}
            path = rule.build({arg: values[arg] for arg in rule.arguments})[1]
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                if methods is None or method in methods:
                    yield rule, method, path

    def send(self, client, rule, method: str, path: str, headers=None, query: str = ""):
        """One request; a write must leave the event count as it was."""
        self.requests += 1
        body = BODIES.get(rule.endpoint, ANY_FORM) if method in ("POST", "PUT") else None
        payload = {"json": body} if path.startswith("/api/") else {"data": body}
        before = stored_events(self.campaign)
        address = f"127.0.{self.requests // 250}.{self.requests % 250 + 1}"  # limits per address
        response = client.open(
            path + query, method=method, headers=headers or {},
            environ_base={"REMOTE_ADDR": address}, **(payload if body else {}),
        )  # fmt: skip
        if stored_events(self.campaign) != before:
            self.wrong.append(f"{method} {path}{query} wrote events ({response.status_code})")
        self.check_leak(response, f"{method} {path}{query}")
        return response

    def check_leak(self, response, what: str) -> None:
        shown, redirect = shown_text(response), 300 <= response.status_code < 400
        secrets = self.names if redirect else self.codes + self.names  # next= echoes the code
        for secret in secrets:
            if secret in shown:
                self.wrong.append(f"{what} showed {secret} ({response.status_code})")

    def expect(self, response, statuses: tuple[int, ...], what: str) -> None:
        if response.status_code not in statuses:
            self.wrong.append(f"{what}: {response.status_code}, expected {statuses}")


def shown_text(response) -> str:
    """What a person would read in a response: the page, the JSON, a workbook's cells."""
    if response.mimetype.endswith("spreadsheetml.sheet"):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.get_data()), read_only=True)
        cells = (c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
        return " ".join(str(cell) for cell in cells if cell is not None)
    if response.mimetype == "application/pdf":
        return ""  # the same data as the workbook beside it; a unit's PDF is checked there
    return response.get_data(as_text=True)


@pytest.fixture
def matrix(web, campaign, history, tokens):
    """Unit B (区交通局, unit01) owns a project with a report, a photo, a 督办 and a proposal."""
    proposal = campaign.proposals.submit(
        2026, replace(PROPOSED, unit="区交通局"), "群众呼声", "unit01"
    )
    values = {
        "code": OTHER, "period": "2026-05-H1", "month": "2026-05", "year": 2026, "fmt": "xlsx",
        "order_id": history["order"], "ident": str(proposal), "sha256": history["sha"],
        "name": "unit01", "filename": "app.css", "key": report_job(campaign, "区交通局"),
    }  # fmt: skip
    theirs = campaign.register.projects(unit="区交通局")
    assert [row.code for row in theirs] == ["CJ2026-013", "CJ2026-015"]
    return Matrix(web, campaign, values, theirs)


def report_job(campaign, unit: str) -> str:
    """A background 月报表 job of ``unit`` (left queued, as if another worker made it)."""
    now, period = clock.now(), Period.parse("2026-05-H1")
    key = job_key(campaign, period, "xlsx", unit, None, now)
    campaign.report_jobs.start(key, JobSpec(str(period), unit, "xlsx", None, now, 2), "elsewhere:1")
    return key


def report(matrix: Matrix, dimension: str) -> None:
    print(f"\naccess matrix, {dimension}: {matrix.requests} requests, {len(matrix.wrong)} wrong")
    assert matrix.wrong == []


def test_matrix_without_a_session_every_page_redirects_to_login_and_the_api_is_401(matrix, web):
    client, public = web.test_client(), set()
    for rule, method, path in matrix.calls():
        if rule.endpoint in PUBLIC:
            public.add(rule.endpoint)
            continue
        response = matrix.send(client, rule, method, path)
        if path.startswith("/api/"):
            matrix.expect(response, (401,), f"{method} {path}")
        elif response.status_code != 302 or "/login" not in response.location:
            matrix.wrong.append(f"{method} {path}: {response.status_code}, not sent to /login")
    assert public == PUBLIC
    assert matrix.requests > 70
    report(matrix, "no session")


def test_matrix_a_bad_token_is_401_on_every_api_route(matrix, web):
    client = web.test_client()
    for rule, method, path in matrix.calls():
        if path.startswith("/api/") and rule.endpoint not in PUBLIC:
            for header in ("Bearer nonsense", "Bearer " + "0" * 43, "Basic dW5pdDAxOng="):
                response = matrix.send(client, rule, method, path, {"Authorization": header})
                matrix.expect(response, (401,), f"{method} {path} with {header[:12]}")
    assert matrix.requests >= 48  # 16 API operations × 3 headers
    report(matrix, "bad token")


def test_matrix_unit_a_on_unit_bs_ids_gets_404_and_never_bs_data(matrix, signed_in, tokens):
    page, bearer = signed_in("unit04"), {"Authorization": f"Bearer {tokens['unit04']}"}
    for rule, method, path in matrix.calls():
        if rule.endpoint in SELF_SERVICE:
            continue
        api = path.startswith("/api/")
        query = "?" + urlencode({"unit": "区交通局"})  # asking for B's unit by name changes nothing
        response = matrix.send(page, rule, method, path, bearer if api else None, query)
        if OWNED & set(rule.arguments):
            refused = rule.endpoint.startswith(("admin.", "bureau.")) or rule.endpoint in BUREAU_API
            matrix.expect(response, (403,) if refused else (404,), f"{method} {path}")
    assert matrix.requests > 70
    report(matrix, "unit A on unit B")


def test_matrix_a_viewer_is_refused_every_write_and_nothing_is_stored(matrix, signed_in, tokens):
    page, bearer = signed_in("viewer"), {"Authorization": f"Bearer {tokens['viewer']}"}
    for rule, method, path in matrix.calls({"POST", "PUT", "PATCH", "DELETE"}):
        if rule.endpoint in SELF_SERVICE:
            continue
        api = path.startswith("/api/")
        response = matrix.send(page, rule, method, path, bearer if api else None)
        if rule.endpoint not in VIEWER_POSTS:  # those too must store no event (send checks)
            matrix.expect(response, (403,), f"{method} {path}")
    assert matrix.requests >= 30
    report(matrix, "viewer writes")
