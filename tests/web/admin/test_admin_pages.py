"""The bureau's register pages: projects, plans, withdrawals, flags, contacts, the project-list
upload, proposals, the change log and users — by role, with what each action leaves behind."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from sqlalchemy import text

from tests.conftest import DEMO_CSV
from tests.web.conftest import OTHER, OWN
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.web import create_app

READ_PAGES = ["/admin/projects", "/admin/proposals", "/admin/history"]
BUREAU_PAGES = [
    "/admin/projects/new",
    "/admin/projects/upload",
    f"/admin/projects/{OWN}",
    "/admin/users",
]


def stored_events(app) -> int:
    with app.store.engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM tracker_events")).scalar_one()


def months(*amounts: str) -> dict[str, str]:
    return {f"month_{m}": amount for m, amount in enumerate(amounts, 1)}


def new_project(**overrides: str) -> dict[str, str]:
    """A valid register form: 12 × 10.00 = 120.00."""
    return {
        "code": "CJ2026-101",
        "name": "滨河步道",
        "category": "城市绿化",
        "unit": "区城管局",
        "nature": "new_start",
        "total_investment": "500.00",
        "annual_plan": "120.00",
        "planned_start": "2026-03-01",
        "planned_completion": "2026-12-31",
        "manager": "王工",
        "reporter": "李员",
        "phone": "13800000000",
        **months(*["10.00"] * 12),
        **overrides,
    }


def page_of(response) -> str:
    return response.get_data(as_text=True)


# -- who may see and do what ---------------------------------------------------------


def test_admin_pages_need_sign_in(web) -> None:
    client = web.test_client()
    for path in [*READ_PAGES, *BUREAU_PAGES, "/unit/proposals/new"]:
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.location, path


def test_the_bureau_opens_every_admin_page_and_the_viewer_only_the_lists(signed_in) -> None:
    bureau, viewer = signed_in("bureau"), signed_in("viewer")
    for path in READ_PAGES:
        assert bureau.get(path).status_code == 200, path
        assert viewer.get(path).status_code == 200, path
    for path in BUREAU_PAGES:
        assert bureau.get(path).status_code == 200, path
        assert viewer.get(path).status_code == 403, path


def test_a_unit_gets_403_on_admin_pages_but_has_its_own_proposal_pages(signed_in) -> None:
    unit, bureau, viewer = signed_in("unit04"), signed_in("bureau"), signed_in("viewer")
    for path in [*READ_PAGES, *BUREAU_PAGES, "/admin/projects/template.csv"]:
        assert unit.get(path).status_code == 403, path
    for path in ["/unit/proposals", "/unit/proposals/new"]:
        assert unit.get(path).status_code == 200, path
        assert bureau.get(path).status_code == 403, path
        assert viewer.get(path).status_code == 403, path


def test_viewer_and_unit_change_nothing_through_any_admin_action(signed_in, campaign) -> None:
    proposal = campaign.proposals.submit(2026, spec_for_proposal(), "市民呼声", "unit04")
    actions = {
        "/admin/projects/new": new_project(),
        f"/admin/projects/{OWN}/plan": {"annual_plan": "1", **months(*["1"] * 12), "reason": "x"},
        f"/admin/projects/{OWN}/withdraw": {"reason": "不再建设"},
        f"/admin/projects/{OWN}/flags": {"pilot": "1", "spot_check": "1"},
        f"/admin/projects/{OWN}/contacts": {"manager": "张三"},
        "/admin/projects/upload": {"file": DEMO_CSV.read_bytes()},
        "/admin/projects/upload/confirm": {"sha256": "0" * 64},
        f"/admin/proposals/{proposal}/approve": {"code": "CJ2026-100"},
        f"/admin/proposals/{proposal}/reject": {"reason": "重复"},
        "/admin/users": {"name": "someone", "role": "viewer"},
        "/admin/users/unit01/password": {},
        "/admin/users/unit01/disable": {"reason": "离职"},
    }
    before = stored_events(campaign)
    for user in ("viewer", "unit04"):
        client = signed_in(user)
        for path, data in actions.items():
            data = {
                k: (io.BytesIO(v), "a.csv") if isinstance(v, bytes) else v for k, v in data.items()
            }
            assert client.post(path, data=data).status_code == 403, (user, path)
    assert stored_events(campaign) == before


def test_every_admin_form_carries_a_csrf_token_and_a_post_without_one_is_refused(
    campaign, settings, passwords, signed_in
) -> None:
    pages = [*BUREAU_PAGES, "/admin/proposals"]
    client = signed_in("bureau")
    for path in pages:
        page = page_of(client.get(path))
        assert page.count('method="post"') == page.count('name="csrf_token"'), path
    flask_app = create_app(settings, {"TESTING": True})  # CSRF checks on, as in production
    guarded = flask_app.test_client()
    login = page_of(guarded.get("/login"))
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    guarded.post(
        "/login", data={"name": "bureau", "password": passwords["bureau"], "csrf_token": token}
    )
    before = stored_events(campaign)
    refused = guarded.post(f"/admin/projects/{OWN}/withdraw", data={"reason": "伪造的请求"})
    assert refused.status_code == 400 and "CSRF" in page_of(refused)
    assert stored_events(campaign) == before
    flask_app.extensions["tracker"].close()


# -- registering one project ------------------------------------------------------------


def test_registering_with_errors_names_each_field_keeps_everything_typed_and_saves_nothing(
    signed_in, campaign
) -> None:
    before = stored_events(campaign)
    typed = new_project(
        name="<b>新桥</b>",
        category="城市美化",
        total_investment="abc",
        month_3="12.345",
        planned_start="2026-13-01",
    )
    response = signed_in("bureau").post("/admin/projects/new", data=typed)
    page = page_of(response)

    assert response.status_code == 422
    assert "登记有误，未保存" in page
    assert "请选择十大类别之一" in page
    assert "“abc”不是有效的数字" in page and 'value="abc"' in page
    assert "金额最多保留两位小数" in page and 'value="12.345"' in page
    assert "日期格式应为" in page and 'value="2026-13-01"' in page
    assert "&lt;b&gt;新桥&lt;/b&gt;" in page and "<b>新桥" not in page
    assert 'value="王工"' in page and 'value="13800000000"' in page
    assert stored_events(campaign) == before


def test_a_plan_that_does_not_add_up_is_named_under_the_months(signed_in, campaign) -> None:
    response = signed_in("bureau").post("/admin/projects/new", data=new_project(month_12="10.01"))
    assert response.status_code == 422
    assert "1–12月计划合计 120.01 与年度计划投资 120.00 不符（相差 0.01）" in page_of(response)


def test_a_valid_registration_registers_the_project_and_its_new_unit(signed_in, campaign) -> None:
    response = signed_in("bureau").post(
        "/admin/projects/new", data=new_project(unit="区水务局", pilot="1")
    )
    project = campaign.projects.load("CJ2026-101")

    assert response.status_code == 303 and response.location.endswith("/admin/projects/CJ2026-101")
    assert project.unit == "区水务局" and project.pilot and project.registered_by == "bureau"
    assert project.monthly_plan == [Decimal("10.00")] * 12
    assert "区水务局" in campaign.register.units()


def test_registering_a_taken_code_is_a_conflict(signed_in, campaign) -> None:
    response = signed_in("bureau").post("/admin/projects/new", data=new_project(code=OWN))
    assert response.status_code == 409 and f"项目编号已存在：{OWN}" in page_of(response)


# -- keeping a project: plan, withdrawal, flags, contacts -------------------------------


def revised_plan(reason: str = "追加绿化工程量") -> dict[str, str]:
    """CJ2026-004's plan with 10.00 more in May (annual 10057.47 → 10067.47)."""
    plan = ["0.00"] * 4 + ["825.13", "1024.32", "1010.62", "1213.21", "1275.55", "1408.93"]
    return {"annual_plan": "10067.47", **months(*plan, "1607.40", "1702.31"), "reason": reason}


def test_a_plan_revision_shows_before_and_after_on_the_project_page_and_in_the_log(
    signed_in, campaign, frozen
) -> None:
    frozen(2026, 3, 2, 9, 30)
    client = signed_in("bureau")
    response = client.post(f"/admin/projects/{OWN}/plan", data=revised_plan())
    project_page = page_of(signed_in("viewer").get(f"/projects/{OWN}"))
    log = page_of(client.get("/admin/history?kind=Project.PlanRevised"))

    assert response.status_code == 303
    assert campaign.projects.load(OWN).annual_plan == Decimal("10067.47")
    for page in (project_page, log):
        assert "年度计划投资（万元）：10057.47 → 10067.47" in page
        assert "5月计划（万元）：815.13 → 825.13" in page
        assert "追加绿化工程量" in page and "2026-03-02 09:30" in page
    assert "计划调整记录" in project_page and "登记项目" in project_page


def test_a_plan_revision_without_a_reason_keeps_the_typed_plan_and_changes_nothing(
    signed_in, campaign
) -> None:
    response = signed_in("bureau").post(f"/admin/projects/{OWN}/plan", data=revised_plan(""))
    page = page_of(response)
    assert response.status_code == 422 and "此项必填" in page
    assert 'value="10067.47"' in page and 'value="825.13"' in page
    assert campaign.projects.load(OWN).annual_plan == Decimal("10057.47")


def test_a_plan_over_the_total_investment_is_refused_by_the_rule(signed_in, campaign) -> None:
    plan = {"annual_plan": "50000.00", **months(*["0.00"] * 11, "50000.00"), "reason": "调整"}
    response = signed_in("bureau").post(f"/admin/projects/{OWN}/plan", data=plan)
    assert response.status_code == 422
    assert "超过总投资 40230.00 万元" in page_of(response)


def test_withdrawing_needs_a_reason_and_takes_the_project_off_the_units_period_form(
    signed_in, campaign, frozen
) -> None:
    frozen(2026, 5, 12, 10, 0)
    bureau, unit = signed_in("bureau"), signed_in("unit04")
    assert f'name="{OWN}.investment"' in page_of(unit.get("/unit/periods/2026-05-H1"))

    refused = bureau.post(f"/admin/projects/{OWN}/withdraw", data={"reason": "  "})
    assert refused.status_code == 422 and "此项必填" in page_of(refused)
    assert campaign.projects.load(OWN).status == "active"
    withdrawn = bureau.post(
        f"/admin/projects/{OWN}/withdraw", data={"reason": "选址调整，明年再议"}
    )
    form = page_of(unit.get("/unit/periods/2026-05-H1"))
    manage = page_of(bureau.get(f"/admin/projects/{OWN}"))

    assert withdrawn.status_code == 303 and campaign.projects.load(OWN).status == "withdrawn"
    assert f'name="{OWN}.investment"' not in form and 'name="CJ2026-005.investment"' in form
    assert "已撤销" in manage and "撤销原因" not in manage  # no second withdrawal offered
    log = page_of(bureau.get(f"/admin/history?code={OWN}&kind=Project.Withdrawn"))
    assert "项目状态：在建 → 已撤销" in log and "选址调整，明年再议" in log


def test_flags_and_contacts_are_set_shown_and_logged(signed_in, campaign) -> None:
    client = signed_in("bureau")
    flags = client.post(f"/admin/projects/{OWN}/flags", data={"spot_check": "1"})
    contacts = client.post(
        f"/admin/projects/{OWN}/contacts",
        data={"manager": "<i>赵工</i>", "reporter": "钱员", "phone": "0571-88886666"},
    )
    project = campaign.projects.load(OWN)
    page = page_of(client.get(f"/projects/{OWN}"))
    log = page_of(client.get(f"/admin/history?code={OWN}"))

    assert flags.status_code == contacts.status_code == 303
    assert project.spot_check and not project.pilot
    assert (project.manager, project.reporter, project.phone) == (
        "<i>赵工</i>",
        "钱员",
        "0571-88886666",
    )
    assert "&lt;i&gt;赵工&lt;/i&gt;" in page and "<i>赵工" not in page
    assert "抽检：否 → 是" in log and "项目负责人：刘平 → &lt;i&gt;赵工&lt;/i&gt;" in log


def test_too_long_contacts_are_named_and_kept(signed_in, campaign) -> None:
    response = signed_in("bureau").post(
        f"/admin/projects/{OWN}/contacts", data={"manager": "名" * 41, "phone": "1"}
    )
    assert response.status_code == 422 and "最多40字" in page_of(response)
    assert 'value="' + "名" * 41 + '"' in page_of(response)


# -- uploading a project list -------------------------------------------------------------


def project_list(rows: list[dict[str, str]]) -> bytes:
    """A 附件1 CSV with the demo header and ``rows``."""
    header = DEMO_CSV.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def demo_rows(count: int) -> list[dict[str, str]]:
    """The first demo projects under new codes CJ2026-201 …"""
    with DEMO_CSV.open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))[:count]
    return [{**row, "项目编号": f"CJ2026-{201 + i}"} for i, row in enumerate(rows)]


def upload(client, data: bytes, name: str = "清单.csv"):
    return client.post(
        "/admin/projects/upload",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_a_broken_file_lists_every_error_with_row_and_column_and_writes_nothing(
    signed_in, campaign, settings
) -> None:
    rows = demo_rows(4)
    rows[0]["类别"] = "城市美化"
    rows[1]["3月计划投资（万元）"] = "12.345"
    rows[2]["项目编号"] = OWN  # already registered
    rows[3]["建设性质"] = "续建"
    before = stored_events(campaign)
    response = upload(signed_in("bureau"), project_list(rows))
    page = page_of(response)

    assert response.status_code == 422
    assert "4 处错误，未登记任何项目" in page
    for row, column, reason in [
        (2, "类别", "类别“城市美化”不在十大类别之内"),
        (3, "3月计划投资（万元）", "金额最多保留两位小数"),
        (4, "项目编号", f"项目编号“{OWN}”已存在"),
        (5, "建设性质", "“续建”无效"),
    ]:
        assert re.search(rf">{row}</td><td>{re.escape(column)}</td><td>[^<]*{reason}", page)
    assert 'name="sha256"' not in page
    assert stored_events(campaign) == before
    assert not (settings.files_dir / "project-lists").exists()


def test_a_good_file_is_previewed_with_totals_then_confirmed_all_at_once(
    signed_in, campaign
) -> None:
    rows = demo_rows(3)
    rows[2]["责任单位"] = "区水务局"
    client = signed_in("bureau")
    before = stored_events(campaign)
    preview = upload(client, project_list(rows))
    page = page_of(preview)

    assert preview.status_code == 200
    assert "检查通过，共 3 个项目" in page and "将新增责任单位：区水务局" in page
    annual = sum(Decimal(r["年度计划投资（万元）"]) for r in rows)
    assert f"年度计划投资合计 <strong>{annual:,}</strong>" in page
    assert all(r["项目名称"] in page for r in rows)
    assert stored_events(campaign) == before
    assert "CJ2026-201" not in [row.code for row in campaign.register.projects()]

    sha256 = re.search(r'name="sha256" value="([0-9a-f]{64})"', page).group(1)
    confirmed = client.post("/admin/projects/upload/confirm", data={"sha256": sha256})
    assert confirmed.status_code == 303
    assert stored_events(campaign) == before + 4  # three projects and the new unit
    assert campaign.projects.load("CJ2026-203").unit == "区水务局"
    again = client.post("/admin/projects/upload/confirm", data={"sha256": sha256})
    assert again.status_code == 409 and stored_events(campaign) == before + 4


def test_an_xlsx_list_is_previewed_like_a_csv(signed_in, campaign) -> None:
    from openpyxl import Workbook

    rows = demo_rows(2)
    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    data = io.BytesIO()
    book.save(data)
    page = page_of(upload(signed_in("bureau"), data.getvalue(), "清单.xlsx"))
    assert "检查通过，共 2 个项目" in page


def test_a_file_over_10_mb_or_none_at_all_is_refused(signed_in, campaign) -> None:
    client = signed_in("bureau")
    big = upload(client, b"a" * (10 * 1024 * 1024 + 1))
    assert big.status_code == 422 and "文件超过10MB" in page_of(big)
    empty = client.post("/admin/projects/upload", data={}, content_type="multipart/form-data")
    assert empty.status_code == 422 and "请选择要上传的项目清单文件" in page_of(empty)


# -- proposals ------------------------------------------------------------------------------


def spec_for_proposal():
    from datetime import date

    from tracker.domain.spec import ProjectSpec

    return ProjectSpec(
        code="",
        name="滨河步道",
        category="城市绿化",
        unit="区城管局",
        nature="new_start",
        total_investment=Decimal("500.00"),
        annual_plan=Decimal("120.00"),
        monthly_plan=tuple([Decimal("10.00")] * 12),
        planned_start=date(2026, 3, 1),
        planned_completion=date(2026, 12, 31),
    )


def proposal_form(**overrides: str) -> dict[str, str]:
    typed = new_project(**overrides)
    del typed["code"], typed["unit"]
    return {"reason": "沿河居民出行需求", **typed}


def test_a_unit_proposes_and_the_bureau_approves_it_into_the_units_project(
    signed_in, campaign
) -> None:
    unit, bureau = signed_in("unit04"), signed_in("bureau")
    submitted = unit.post("/unit/proposals/new", data=proposal_form())
    assert submitted.status_code == 303
    assert "滨河步道" in page_of(unit.get("/unit/proposals")) and "待审批" in page_of(
        unit.get("/unit/proposals")
    )
    listed = page_of(bureau.get("/admin/proposals?status=submitted"))
    ident = re.search(r"/admin/proposals/([0-9a-f-]{36})", listed).group(1)
    detail = page_of(bureau.get(f"/admin/proposals/{ident}"))
    assert "沿河居民出行需求" in detail and 'value="CJ2026-040"' in detail  # the next free code

    before = stored_events(campaign)
    approved = bureau.post(f"/admin/proposals/{ident}/approve", data={"code": "CJ2026-040"})
    project = campaign.projects.load("CJ2026-040")

    assert approved.status_code == 303 and approved.location.endswith("/projects/CJ2026-040")
    assert stored_events(campaign) == before + 2  # Proposal.Approved and Project.Registered
    assert project.unit == "区城管局" and project.name == "滨河步道"
    mine = page_of(unit.get("/unit/proposals"))
    assert "已批准" in mine and "CJ2026-040" in mine
    assert unit.get("/projects/CJ2026-040").status_code == 200
    again = bureau.post(f"/admin/proposals/{ident}/approve", data={"code": "CJ2026-041"})
    assert again.status_code == 400 and "已批准" in page_of(again)


def test_a_proposal_with_errors_keeps_what_was_typed(signed_in, campaign) -> None:
    response = signed_in("unit04").post(
        "/unit/proposals/new", data=proposal_form(reason="", annual_plan="130.00", name="<u>桥</u>")
    )
    page = page_of(response)
    assert response.status_code == 422 and "此项必填" in page
    assert "&lt;u&gt;桥&lt;/u&gt;" in page and 'value="130.00"' in page
    assert campaign.applications.rows() == []


def test_the_bureau_rejects_a_proposal_with_a_reason_the_unit_then_reads(
    signed_in, campaign
) -> None:
    ident = campaign.proposals.submit(2026, spec_for_proposal(), "市民呼声", "unit04")
    bureau = signed_in("bureau")
    refused = bureau.post(f"/admin/proposals/{ident}/reject", data={"reason": ""})
    rejected = bureau.post(f"/admin/proposals/{ident}/reject", data={"reason": "与CJ2026-004重复"})

    assert refused.status_code == 422 and "此项必填" in page_of(refused)
    assert rejected.status_code == 303
    assert "与CJ2026-004重复" in page_of(signed_in("unit04").get("/unit/proposals"))
    assert "与CJ2026-004重复" not in page_of(signed_in("unit01").get("/unit/proposals"))


# -- the change log ---------------------------------------------------------------------------


@pytest.fixture
def corrected(campaign, frozen):
    """unit04 reports 12.34 for CJ2026-004 on 12 May and corrects it to 15.00 on 14 May."""
    may = Period.parse("2026-05-H1")
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, may, ReportInput(Decimal("12.34"), "桩基"), "unit04")
    campaign.projects.submit_report(OTHER, may, ReportInput(Decimal("3.00"), "路面"), "unit01")
    frozen(2026, 5, 14, 16, 0)
    campaign.projects.correct_report(
        OWN, may, ReportInput(Decimal("15.00"), "桩基"), "漏报材料款", "unit04"
    )
    return campaign


def test_the_district_log_shows_a_correction_before_and_after(signed_in, corrected) -> None:
    page = page_of(signed_in("viewer").get("/admin/history?kind=Project.ReportCorrected"))
    assert "本期完成投资（万元）：12.34 → 15.00" in page and "漏报材料款" in page
    assert "2026-05-14 16:00" in page and "共 1 条" in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("unit=区交通局", ["3.00"], ["12.34"]),
        (f"code={OWN}&kind=Project.ReportSubmitted", ["12.34"], ["3.00", "15.00"]),
        ("actor=unit01", ["3.00"], ["12.34"]),
        ("since=2026-05-13&until=2026-05-14", ["15.00"], ["3.00"]),
        ("until=2026-05-12&kind=Project.ReportSubmitted", ["12.34", "3.00"], ["15.00"]),
        ("as_of=2026-05-13T00:00", ["12.34", "3.00"], ["15.00", "漏报材料款"]),
    ],
)
def test_the_district_log_filters(signed_in, corrected, query, shown, hidden) -> None:
    response = signed_in("bureau").get(f"/admin/history?{query}")
    page = page_of(response)
    assert response.status_code == 200
    assert all(f"本期完成投资（万元）：{v}" in page or f"→ {v}" in page for v in shown), query
    assert not any(f"：{v}" in page or f"→ {v}" in page for v in hidden), query


def test_a_malformed_date_in_the_log_filter_is_named(signed_in, corrected) -> None:
    response = signed_in("bureau").get("/admin/history?since=5月1日")
    assert response.status_code == 422 and "日期格式应为 YYYY-MM-DD" in page_of(response)


# -- users ------------------------------------------------------------------------------------


def sign_in(web, name: str, password: str) -> int:
    return web.test_client().post("/login", data={"name": name, "password": password}).status_code


def test_the_bureau_creates_a_user_and_sees_the_password_once(signed_in, web, campaign) -> None:
    client = signed_in("bureau")
    created = client.post(
        "/admin/users", data={"name": "unit04b", "role": "unit", "unit": "区城管局"}
    )
    password = re.search(r'<code class="password">([^<]+)</code>', page_of(created)).group(1)

    assert created.status_code == 200 and created.headers["Cache-Control"] == "no-store"
    assert sign_in(web, "unit04b", password) == 302
    listed = page_of(client.get("/admin/users"))
    assert "unit04b" in listed and password not in listed
    assert campaign.users.load("unit04b").unit == "区城管局"


def test_a_bad_user_form_is_named_and_kept(signed_in, campaign) -> None:
    client = signed_in("bureau")
    no_unit = client.post("/admin/users", data={"name": "new.unit", "role": "unit"})
    bad_name = client.post("/admin/users", data={"name": "张三", "role": "viewer"})
    taken = client.post("/admin/users", data={"name": "viewer", "role": "viewer"})

    assert no_unit.status_code == 422 and "责任单位用户必须指定所属单位" in page_of(no_unit)
    assert 'value="new.unit"' in page_of(no_unit)
    assert bad_name.status_code == 422 and "登录名须为2–40位字母" in page_of(bad_name)
    assert taken.status_code == 409 and "登录名“viewer”已被使用" in page_of(taken)


def test_a_reset_password_replaces_the_old_one(signed_in, web, passwords) -> None:
    reset = signed_in("bureau").post("/admin/users/unit01/password")
    password = re.search(r'<code class="password">([^<]+)</code>', page_of(reset)).group(1)
    assert reset.headers["Cache-Control"] == "no-store"
    assert sign_in(web, "unit01", passwords["unit01"]) == 401
    assert sign_in(web, "unit01", password) == 302


def test_a_disabled_user_cannot_sign_in_and_their_actions_keep_their_name(
    signed_in, web, passwords, corrected
) -> None:
    client = signed_in("bureau")
    refused = client.post("/admin/users/unit04/disable", data={"reason": ""})
    myself = client.post("/admin/users/bureau/disable", data={"reason": "测试"})
    disabled = client.post("/admin/users/unit04/disable", data={"reason": "人员调离"})

    assert refused.status_code == 422 and "此项必填" in page_of(refused)
    assert myself.status_code == 400 and "不能停用自己的账号" in page_of(myself)
    assert disabled.status_code == 303 and "已停用" in page_of(client.get("/admin/users"))
    assert sign_in(web, "unit04", passwords["unit04"]) == 401
    log = page_of(client.get("/admin/history?actor=unit04"))
    assert "区城管局·信息员 <small>（已停用）</small>" in log and "12.34 → 15.00" in log
    assert "区城管局·信息员" in page_of(client.get(f"/projects/{OWN}"))
    assert "停用用户" in page_of(client.get("/admin/history?kind=User.Disabled"))


def test_the_change_log_is_paged_50_at_a_time_newest_first_keeping_the_filters(
    signed_in, campaign, frozen
) -> None:
    """The campaign, its 39 projects and the users, then 30 reports: more than 50 rows."""
    frozen(2026, 4, 1, 9, 0)
    report = ReportInput(Decimal("1.00"), "施工")
    for period in Period.all_of(2026)[:6]:
        for code in ("CJ2026-004", "CJ2026-005", "CJ2026-008", "CJ2026-017", "CJ2026-028"):
            campaign.projects.submit_report(code, period, report, "unit04")
    client = signed_in("viewer")
    total = len(campaign.changes.rows())
    assert 50 < total <= 100
    first = page_of(client.get("/admin/history"))
    second = page_of(client.get("/admin/history?page=2"))

    assert f"共 {total} 条" in first and f"第 1 / 2 页（第 1–50 条，共 {total} 条）" in first
    reported = '<td class="nowrap" data-label="事项" data-key>报送半月报</td>'
    assert first.count(reported) == 30  # newest first
    assert f"第 2 / 2 页（第 51–{total} 条，共 {total} 条）" in second
    assert reported not in second and reported.replace("报送半月报", "登记项目") in second
    assert second.count("<tr><td") == total - 50
    assert 'href="/admin/history?page=2"' in first and 'href="/admin/history"' in second
    kept = page_of(client.get("/admin/history?kind=Project.Registered&page=1"))
    assert "共 39 条" in kept and "分页" not in kept  # one page: no pager
    filtered = page_of(client.get(f"/admin/history?code={OWN}&kind=Project.ReportSubmitted"))
    assert "第6期（3月下半月）" in filtered and "2026-03-H2" not in filtered
    for nonsense in ("0", "3", "x", "１"):
        assert client.get(f"/admin/history?page={nonsense}").status_code == 404
