"""Pages read as of a past moment show what was known then, under a banner (issue 11).

Every page that can show the past is checked the same way: something changed after a
moment T is shown as it was at ``?as_of=T``, with the banner, and as it is now without.
Every other page refuses ``?as_of=`` in Chinese, naming the field 数据截至.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

import reports
from tests.web.conftest import OWN
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec

MAY = Period.parse("2026-05-H1")
T = "2026-05-12T18:00"  # after the report, the proposal and the 督办; before the rest
BANNER = "历史视图"
PROPOSED = ProjectSpec(
    code="",
    name="滨河步道",
    category="城市绿化",
    unit="区城管局",
    nature="new_start",
    total_investment=Decimal("500.00"),
    annual_plan=Decimal("120.00"),
    monthly_plan=tuple([Decimal("10.00")] * 12),
    planned_start=date(2026, 7, 1),
    planned_completion=date(2026, 12, 31),
)


def page(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def main(text: str) -> str:
    """The page without its header (the sign-out form is a form on every page)."""
    return text.split("<main>", 1)[1]


def then_and_now(client, path: str) -> tuple[str, str]:
    """The page as of T and now; only the first carries the banner."""
    joiner = "&" if "?" in path else "?"
    then, now = page(client.get(f"{path}{joiner}as_of={T}")), page(client.get(path))
    assert BANNER in then and "回到当前" in then, path
    assert BANNER not in now, path
    return then, now


@pytest.fixture
def story(campaign, frozen):
    """Before T: a report (11.11), a proposal, a 督办. After T: a correction (22.22), a plan
    revision (+12 万元), the proposal approved as CJ2026-040, the 督办 answered."""
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, MAY, ReportInput(Decimal("11.11"), "桩基"), "unit04")
    proposal = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    order = campaign.supervisions.issue(OWN, "请加快进度", date(2026, 5, 20), "bureau")
    plan = campaign.register.project(OWN)
    frozen(2026, 5, 13, 10, 0)
    campaign.projects.correct_report(
        OWN, MAY, ReportInput(Decimal("22.22"), "桩基"), "漏报", "unit04"
    )
    monthly = [amount + 1 for amount in plan.monthly_plan]
    campaign.projects.revise_plan(OWN, plan.annual_plan + 12, monthly, "追加投资", "bureau")
    campaign.proposals.approve(proposal, "CJ2026-040", "bureau")
    campaign.supervisions.answer(str(order), "已增加施工班组", "unit04")
    frozen(2026, 5, 15, 12, 0)
    return {
        "before": f"{plan.annual_plan:,}",  # as pages print it, grouped in thousands
        "after": f"{plan.annual_plan + 12:,}",
        "proposal": str(proposal),
    }


# -- the project page and the unit home ------------------------------------------------------


def test_the_project_page_and_the_unit_home_as_of_before_a_correction(
    signed_in, campaign, frozen
) -> None:
    may = Period.parse("2026-05-H1")
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, may, ReportInput(Decimal("11.11"), "桩基"), "unit04")
    frozen(2026, 5, 13, 10, 0)
    campaign.projects.correct_report(
        OWN, may, ReportInput(Decimal("22.22"), "桩基"), "漏报", "unit04"
    )
    frozen(2026, 5, 13, 12, 0)
    before = "2026-05-12T18:00"

    then = signed_in("bureau").get(f"/projects/{OWN}?as_of={before}").get_data(as_text=True)
    now = signed_in("bureau").get(f"/projects/{OWN}").get_data(as_text=True)
    home = signed_in("unit04").get(f"/unit?as_of={before}").get_data(as_text=True)

    assert "11.11" in then and "22.22" not in then and "历史视图" in then
    assert "22.22" in now and "历史视图" not in now
    assert "历史视图" in home and "11.11" in home
    assert f"/projects/{OWN}/archive.pdf?as_of=2026-05-12T18:00" in then  # the file too
    assert f"/projects/{OWN}?as_of=2026-05-12T18:00" in home  # links keep the moment


def test_the_unit_homes_to_do_links_keep_the_moment(signed_in, story) -> None:
    then = page(signed_in("unit04").get(f"/unit?as_of={T}"))
    todo = then.split("<h2>待办</h2>", 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="(/projects/[^"]*)"', todo)

    assert "待报" in todo and "请加快进度" in todo  # owed then, and the 督办 not yet answered
    assert len(links) >= 2 and all(link.endswith("?as_of=2026-05-12T18:00") for link in links)


# -- the register ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/projects", "/admin/projects"])
def test_the_project_lists_as_of_before_a_plan_revision_and_an_approval(
    signed_in, story, path
) -> None:
    then, now = then_and_now(signed_in("bureau"), path)

    assert story["before"] in then and story["after"] not in then
    assert "滨河步道" not in then and "39 个项目" in then or "共 39 个项目" in then
    assert story["after"] in now and "滨河步道" in now
    assert f"/projects/{OWN}?as_of=2026-05-12T18:00" in then


def test_the_project_list_of_a_unit_as_of_a_moment(signed_in, story) -> None:
    then, now = then_and_now(signed_in("unit04"), "/projects")
    assert "滨河步道" not in then and "滨河步道" in now


def test_managing_a_project_as_of_a_moment_shows_its_plan_then_and_no_form(
    signed_in, story
) -> None:
    then, now = then_and_now(signed_in("bureau"), f"/admin/projects/{OWN}")

    assert story["before"] in then and "追加投资" not in then
    assert "保存调整" not in then and "撤销项目" not in then and 'method="post"' not in main(then)
    assert story["after"] in now and "追加投资" in now and "保存调整" in now


# -- the unit's pages --------------------------------------------------------------------------


def test_the_period_form_as_of_a_moment_is_the_reports_then_read_only(signed_in, story) -> None:
    client = signed_in("unit04")
    then, now = then_and_now(client, f"/unit/periods/{MAY}")
    sent = client.post(f"/unit/periods/{MAY}?as_of={T}", data={f"{OWN}.investment": "1"})

    assert "11.11" in then and "22.22" not in then
    assert "提交本期报送" not in then and 'method="post"' not in main(then)
    assert "22.22" in now
    assert sent.status_code == 422 and "历史视图只供查看" in sent.get_data(as_text=True)


def test_the_units_proposals_as_of_before_the_approval(signed_in, story) -> None:
    then, now = then_and_now(signed_in("unit04"), "/unit/proposals")

    assert 'status pending">待审批' in then and "CJ2026-040" not in then
    assert "申报新项目</a></p>" not in then
    assert 'status on_time">已批准' in now and "CJ2026-040" in now


# -- the bureau's lists ------------------------------------------------------------------------


def test_the_proposals_and_one_proposal_as_of_before_the_approval(signed_in, story) -> None:
    client = signed_in("bureau")
    listed_then, listed_now = then_and_now(client, "/admin/proposals")
    one_then, one_now = then_and_now(client, f"/admin/proposals/{story['proposal']}")

    assert 'status pending">待审批' in listed_then and "CJ2026-040" not in listed_then
    assert f"/admin/proposals/{story['proposal']}?as_of=2026-05-12T18:00" in listed_then
    assert 'status on_time">已批准' in listed_now
    assert "待审批" in one_then and "批准并登记" not in one_then and "CJ2026-040" not in one_then
    assert "已批准" in one_now and "CJ2026-040" in one_now


def test_the_supervisions_as_of_before_the_answer(signed_in, story) -> None:
    then, now = then_and_now(signed_in("viewer"), "/bureau/supervisions")

    assert "待答复</span>" in then and "已增加施工班组" not in then
    assert "已答复</span>" in now and "已增加施工班组" in now


def test_the_sign_off_list_as_of_before_the_sign_off(signed_in, story, campaign, frozen):
    frozen(2026, 5, 15, 10, 0)
    sha256 = reports.issue_report(campaign, MAY, None, "bureau").sha256
    client = signed_in("bureau")
    then, now = then_and_now(client, "/bureau/reports")
    sign = client.post(f"/bureau/reports/{MAY}/issue?as_of={T}", data={"unit": ""})

    assert sha256[:16] not in then and "尚未签发" in then
    assert "签发…</button>" not in then  # nothing is signed off as of the past
    assert f"/reports/{MAY}.pdf" not in then  # not yet closed at T
    assert "/reports/2026-04-H2.pdf?as_of=2026-05-12T18:00" in then
    assert sha256[:16] in now and "签发…</button>" in now
    assert sign.status_code == 422 and "数据截至" in sign.get_data(as_text=True)


def test_the_change_log_as_of_a_moment_has_the_standard_banner(signed_in, story) -> None:
    then, now = then_and_now(signed_in("viewer"), "/admin/history")

    assert "22.22" not in then and "11.11" in then
    assert "查看历史时刻" in then and "（as of）" not in then
    assert "22.22" in now


# -- the API -----------------------------------------------------------------------------------


def test_the_api_lists_the_projects_as_of_a_moment(api, story) -> None:
    then = api("viewer", "GET", f"/projects?as_of={T}").get_json()
    now = api("viewer", "GET", "/projects").get_json()
    plan = {row["code"]: row["annual_plan"] for row in then}

    assert len(then) == 39 and len(now) == 40
    assert plan[OWN] == story["before"].replace(",", "")


def test_the_api_history_as_of_a_moment_has_the_events_up_to_it(api, story) -> None:
    then = api("unit04", "GET", f"/projects/{OWN}/history?as_of={T}").get_json()
    now = api("unit04", "GET", f"/projects/{OWN}/history").get_json()

    assert "ReportCorrected" not in {row["kind"] for row in then}
    assert {"ReportCorrected", "PlanRevised"} <= {row["kind"] for row in now}


def test_the_api_project_as_of_a_moment_has_its_plan_then(api, story) -> None:
    then = api("viewer", "GET", f"/projects/{OWN}?as_of={T}").get_json()
    assert then["annual_plan"] == story["before"].replace(",", "")


# -- what cannot show the past refuses ---------------------------------------------------------

REFUSED = [
    ("bureau", "/admin/users"),
    ("bureau", "/bureau/settings"),
    ("bureau", "/bureau/audit"),
    ("bureau", "/admin/projects/new"),
    ("bureau", "/admin/projects/upload"),
    ("bureau", f"/bureau/supervisions/new?code={OWN}"),
    ("viewer", "/password"),
    ("unit04", "/unit/proposals/new"),
    ("unit04", f"/projects/{OWN}/reports/2026-05-H2"),
]


@pytest.mark.parametrize(("user", "path"), REFUSED)
def test_a_page_that_cannot_show_the_past_refuses_in_chinese(signed_in, frozen, user, path):
    frozen(2026, 5, 15, 12, 0)
    joiner = "&" if "?" in path else "?"
    response = signed_in(user).get(f"{path}{joiner}as_of={T}")
    text = response.get_data(as_text=True)
    heading = re.search(r"<h1>([^<]*)</h1>", text)

    assert response.status_code == 422, path
    assert heading and heading[1].startswith("数据截至：该页面不提供历史视图"), text
    assert main(text).count("不提供历史视图") == 1  # said once, not again under the heading
    assert "as_of" not in main(text)


def test_the_api_refuses_a_moment_where_it_reads_none(api, frozen) -> None:
    frozen(2026, 5, 15, 12, 0)
    response = api("bureau", "GET", f"/openapi.json?as_of={T}")
    error = response.get_json()["error"]
    assert response.status_code == 422 and error["message"].startswith("数据截至：")
