"""The bureau's workspace on the demo campaign: dashboard, status board, overdue list, ranking.

The demo is loaded once per back end for this module (it takes seconds) and
the tests only read it, with the clock at 24 Nov 2026, 12:00 Shanghai time.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from tests.conftest import (
    SHANGHAI,
    TEST_SECRET,
    backends,
    postgres_url_for_this_process,
    reset_postgres,
)
from tests.web.conftest import USERS
from tracker.application.app import TrackerApp
from tracker.bootstrap import bootstrap
from tracker.cli.demo import load_demo
from tracker.config import Settings
from tracker.domain.clock import clock
from tracker.domain.period import Period

NOON = (2026, 11, 24, 12, 0)
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}  # names, not fetched
PAGES = [
    "/bureau",
    "/bureau?period=2026-05-H1&category=城市绿化",
    "/bureau/status",
    "/bureau/status/2026-05-H1",
    "/bureau/overdue",
    "/bureau/overdue?unit=区城管局&kind=lagging",
    "/bureau/ranking",
    "/bureau/ranking/2026-05",
    "/bureau/ranking?as_of=2026-08-31T17:00",
]


@pytest.fixture(scope="module", params=backends())
def demo(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    folder = tmp_path_factory.mktemp("demo")
    url = f"sqlite:///{folder / 'tracker.db'}"
    if request.param == "postgresql":
        url, schema = postgres_url_for_this_process(os.environ["TRACKER_TEST_DATABASE_URL"])
        reset_postgres(url, schema)
    settings = Settings(database_url=url, files_dir=folder / "files", secret_key=TEST_SECRET)
    app = bootstrap(settings, init_schema=True)
    with clock.frozen(datetime(*NOON, tzinfo=SHANGHAI)):
        users = load_demo(app, date(2026, 11, 24))
        tokens = {name: app.users.issue_token(name, "cli:test") for name in USERS}
    yield settings, app, {user.name: user.password for user in users}, tokens
    app.close()


# The shared web fixtures (web, signed_in, api) run over the demo instead of a fresh store.
@pytest.fixture
def settings(demo) -> Settings:
    return demo[0]


@pytest.fixture
def campaign(demo, frozen) -> TrackerApp:
    frozen(*NOON)
    return demo[1]


@pytest.fixture
def passwords(demo) -> dict[str, str]:
    return demo[2]


@pytest.fixture
def tokens(demo) -> dict[str, str]:
    return demo[3]


class Cells(HTMLParser):
    """The text of each body row (``th`` and ``td``) of the table with the given id."""

    def __init__(self, table_id: str) -> None:
        super().__init__()
        self.table_id, self.inside, self.head, self.rows = table_id, False, False, []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table" and ("id", self.table_id) in attrs:
            self.inside = True
        elif self.inside and tag == "thead":
            self.head = True
        elif self.inside and not self.head and tag == "tr":
            self.rows.append([])
        elif self.inside and not self.head and tag in ("th", "td"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.inside = False
        elif tag == "thead":
            self.head = False
        elif tag in ("th", "td") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def rows_of(page: str, table_id: str) -> list[list[str]]:
    parser = Cells(table_id)
    parser.feed(page)
    assert parser.rows, f"no table #{table_id}"
    return parser.rows


def money(text: str) -> Decimal:
    """An amount as pages print it (grouped in thousands: 350,000.00)."""
    return Decimal(text.replace(",", ""))


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


@pytest.mark.parametrize("path", PAGES)
def test_bureau_and_viewer_read_every_page_and_a_unit_gets_403(signed_in, web, path) -> None:
    assert signed_in("bureau").get(path).status_code == 200
    assert signed_in("viewer").get(path).status_code == 200
    assert signed_in("unit04").get(path).status_code == 403
    anonymous = web.test_client().get(path)
    assert anonymous.status_code == 302 and "/login" in anonymous.location


def test_home_takes_bureau_and_viewer_to_the_dashboard(signed_in) -> None:
    for user in ("bureau", "viewer"):
        response = signed_in(user).get("/")
        assert response.status_code == 302 and response.location.endswith("/bureau")
    assert signed_in("unit04").get("/").location.endswith("/unit")
    nav = get(signed_in("viewer"), "/projects")
    assert all(label in nav for label in ("总览", "报送情况", "逾期清单", "考核排名"))
    assert "逾期清单" not in get(signed_in("unit04"), "/unit")


def test_the_dashboards_district_figures_are_the_sums_of_categories_and_of_units(
    signed_in, campaign
) -> None:
    page = get(signed_in("viewer"), "/bureau")
    categories, units = rows_of(page, "by-category"), rows_of(page, "by-unit")
    assert [row[0] for row in categories[:-1]][:2] == ["城市规划编制和实施", "城市绿化"]
    assert len(categories) == 11 and categories[-1][0] == units[-1][0] == "全区合计"
    for table in (categories, units):
        *members, district = table
        assert sum(int(row[1]) for row in members) == int(district[1]) == 39
        for column in range(2, 6):  # 年度计划, 序时进度, 累计完成, 本期完成
            assert sum(money(row[column]) for row in members) == money(district[column])
    annual, ytd_plan, ytd_actual = (money(categories[-1][c]) for c in (2, 3, 4))
    shown = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', page))
    assert shown["target"] == "350,000.00"  # grouped in thousands, like the PDF
    assert (money(shown["annual_plan"]), money(shown["ytd_plan"])) == (annual, ytd_plan)
    assert money(shown["ytd_actual"]) == ytd_actual
    rate = (ytd_actual * 100 / annual).quantize(Decimal("0.01"))
    assert shown["completion_rate"] == f"{rate}%" == categories[-1][6]
    # The 21st period (11月上半月) is the latest closed one on 24 November.
    assert "第21期（11月上半月）" in page
    summary = campaign.summaries.summary(Period.parse("2026-11-H1"))
    assert annual == summary.district.figures.annual_plan
    assert ytd_actual == summary.district.figures.ytd_actual
    lights = re.findall(r'<span class="light (\w+)">[绿黄红] (\d+)</span>', page)
    assert sum(int(n) for _, n in lights) == 39


def test_the_charts_are_inline_svg_with_nothing_to_run_or_fetch(signed_in) -> None:
    page = get(signed_in("bureau"), "/bureau?category=城市绿化")
    charts = re.findall(r"<svg.*?</svg>", page, re.DOTALL)
    assert len(charts) == 3 * 2  # each drawn for a wide box and for a phone's
    sizes = [re.search(r'class="pygal-chart (\w+)"', svg)[1] for svg in charts]
    assert sizes == ["wide", "narrow"] * 3
    assert ">城市绿化 <small>累计计划与完成" in page
    for svg in charts:
        assert "<script" not in svg and "file://" not in svg
        assert set(re.findall(r"https?://[^\"' ]+", svg)) <= NAMESPACES


def test_as_of_before_a_correction_the_dashboard_shows_the_figure_before_it(
    signed_in, campaign
) -> None:
    code, corrected = next(
        (row.code, event)
        for row in campaign.register.projects()
        for event in campaign.history.project(row.code)
        if event.kind == "ReportCorrected"
    )
    period = corrected.data["period"]
    first = next(
        e
        for e in campaign.history.project(code)
        if e.kind == "ReportSubmitted" and e.data["period"] == period
    )
    wrong, right = first.data["investment"], corrected.data["investment"]
    assert wrong != right
    unit = campaign.projects.load(code).unit
    before = (corrected.time - timedelta(minutes=1)).astimezone(SHANGHAI)
    client = signed_in("viewer")

    then = get(client, f"/bureau?period={period}&as_of={before:%Y-%m-%dT%H:%M}")
    now = get(client, f"/bureau?period={period}")

    def unit_row(page: str) -> list[str]:
        return next(row for row in rows_of(page, "by-unit") if row[0] == unit)

    assert f"数据截至 {before:%Y-%m-%d %H:%M}（历史视图）" in then
    assert "历史视图" not in now
    for column in (4, 5):  # 累计完成 and 本期完成 at the corrected period
        assert money(unit_row(then)[column]) - money(unit_row(now)[column]) == wrong - right
    assert f'value="{before:%Y-%m-%dT%H:%M}"' in then


def test_the_status_board_shows_every_project_and_the_units_to_chase(signed_in, campaign) -> None:
    client = signed_in("bureau")
    page = get(client, "/bureau/status/2026-11-H1")
    rows = campaign.summaries.period_status(Period.parse("2026-11-H1"))
    board = rows_of(page, "board")
    assert len([r for r in board if len(r) == 5]) == len(rows) == 39
    missing = [row for row in rows if row.status == "missing"]
    assert missing, "the demo leaves some reports missing"
    chase = page[page.index('id="chase"') : page.index('id="board"')]
    for row in missing:
        project = campaign.projects.load(row.code)
        assert f'data-unit="{row.unit}"' in chase
        contact = rf'data-code="{row.code}">.*?{project.reporter}.*?href="tel:{project.phone}"'
        assert re.search(contact, page, re.DOTALL)
    # a unit's 催报名单: only its projects still to report, with the 信息员's phones
    unit = missing[0].unit
    names = get(client, f"/bureau/status/2026-11-H1?unit={unit}&status=chase")
    listed = re.findall(r'<tr data-code="([^"]+)"', names)
    assert listed == [r.code for r in rows if r.unit == unit and r.status == "missing"]
    assert "共 39 个项目" in page and f"共 {len(listed)} 个项目" in names
    assert client.get("/bureau/status/2026-11-H1?page=2").status_code == 404
    assert client.get("/bureau/status/2026-11-H1?status=nonsense").status_code == 404
    assert client.get("/bureau/status/2026-11-H1?unit=没有的单位").status_code == 404
    on_time = next(row for row in rows if row.status == "on_time")
    assert on_time.received_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M") in page

    # Before the deadline the same projects were still only pending.
    earlier = get(client, "/bureau/status/2026-11-H1?as_of=2026-11-14T20:00")
    assert "数据截至 2026-11-14 20:00（历史视图）" in earlier
    for row in missing:
        assert re.search(rf'data-code="{row.code}">.*?status pending', earlier, re.DOTALL)

    current = get(client, "/bureau/status")
    assert "第22期（11月下半月）" in current and "本期报送中" in current
    assert 'data-status="pending"' in current
    assert client.get("/bureau/status/2026-12-H1").status_code == 404
    assert client.get("/bureau/status/nonsense").status_code == 404


def test_the_overdue_list_shows_missing_reports_lagging_and_late_new_starts(
    signed_in, campaign
) -> None:
    client = signed_in("bureau")
    page = get(client, "/bureau/overdue")
    kinds = re.findall(r'<tr data-kind="(\w+)"', page)
    assert {"missing_report", "lagging", "late_start"} <= set(kinds)
    items = campaign.overdue.items(2026)
    assert kinds == [item.kind for item in items][:50]  # a page of 50, reddest and oldest first
    if len(items) > 50:
        second = re.findall(r'<tr data-kind="(\w+)"', get(client, "/bureau/overdue?page=2"))
        assert second == [item.kind for item in items][50:100]
    assert client.get(f"/bureau/overdue?page={len(items) // 50 + 2}").status_code == 404
    assert 'href="/bureau/supervisions/new?code=CJ2026-' in page  # the 督办 slot, filled
    # CJ2026-039 is still held up by land acquisition in November.
    assert re.findall(r'<tr data-kind="late_start" data-code="([\w-]+)"', page) == ["CJ2026-039"]

    # As of 20 June both delayed new starts were late (CJ2026-022 started in
    # July); the past view offers no link to act.
    june = get(client, "/bureau/overdue?as_of=2026-06-20T12:00&kind=late_start")
    assert re.findall(r'<tr data-kind="(\w+)" data-code="([\w-]+)"', june) == [
        ("late_start", "CJ2026-039"),
        ("late_start", "CJ2026-022"),
    ]
    assert "数据截至 2026-06-20 12:00（历史视图）" in june and "下达督办" not in june

    only = get(client, "/bureau/overdue?unit=区住建局&category=城乡景观风貌整治&kind=lagging")
    rows = rows_of(only, "overdue")
    assert rows and all(r[1] == "投资滞后" and r[3] == "区住建局" for r in rows)
    assert "下达督办" not in get(signed_in("viewer"), "/bureau/overdue")


def test_the_ranking_lists_every_unit_scores_add_up_in_order_and_the_last_is_flagged(
    signed_in, campaign
) -> None:
    page = get(signed_in("viewer"), "/bureau/ranking")
    assert "2026年10月" in page  # the latest month whose second half has closed
    rows = rows_of(page, "ranking")
    units = {row.unit for row in campaign.register.projects()}
    assert {row[1] for row in rows} == units and len(rows) == len(units)
    totals = []
    for rank, _, on_time, progress, starts, total, flag in rows:
        parts = money(on_time) + money(progress)
        if starts == "—":  # no new start due: the other two scaled to 100
            expected = (parts * 100 / 80).quantize(Decimal("0.01"))
        else:
            expected = parts + money(starts)
        assert money(total) == expected
        totals.append((money(total), int(rank), flag))
    assert [t for t, _, _ in totals] == sorted((t for t, _, _ in totals), reverse=True)
    assert all(rank == 1 + sum(t > total for t, _, _ in totals) for total, rank, _ in totals)
    lowest = min(t for t, _, _ in totals)
    assert [flag for total, _, flag in totals] == [
        "末位" if total == lowest else "" for total, _, _ in totals
    ]
    august = get(signed_in("viewer"), "/bureau/ranking?as_of=2026-08-31T17:00")
    assert "2026年8月" in august and "数据截至 2026-08-31 17:00（历史视图）" in august
    assert len(rows_of(august, "by-month")[0]) == 1 + 9  # January to September, as then
    months = rows_of(page, "by-month")
    assert len(months) == len(units) and all(len(row) == 1 + 11 for row in months)
    assert signed_in("viewer").get("/bureau/ranking/2026-12").status_code == 404


def test_a_chart_is_the_same_bytes_for_the_same_rows(campaign) -> None:
    from tracker.web.shared.charts import category_bars, s_curve

    summaries = campaign.summaries.summaries(2026)
    curve = [s.district.figures for s in summaries]
    assert s_curve(curve, 21, "district") == s_curve(curve, 21, "district")
    bars = category_bars(summaries[20].categories)
    assert bars == category_bars(summaries[20].categories) and 'id="chart-categories"' in bars


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/bureau?as_of=yesterday", 422),
        ("/bureau/overdue?as_of=2026-12-01T00:00", 422),  # after now
        ("/bureau?period=2026-12-H1", 404),
        ("/bureau?category=城市美化", 404),
        ("/bureau/ranking/2025-05", 404),
    ],
)
def test_nonsense_in_the_address_is_refused(signed_in, path, status) -> None:
    assert signed_in("bureau").get(path).status_code == status


def test_the_api_overdue_list_is_filtered_by_unit_for_a_unit_user(api, campaign) -> None:
    everything = api("viewer", "GET", "/overdue").get_json()["items"]
    assert len(everything) == len(campaign.overdue.items(2026))
    assert api("bureau", "GET", "/overdue").get_json()["items"] == everything
    item = everything[0]
    assert set(item) == {
        "kind", "label", "project", "name", "unit", "category", "light", "since", "detail"
    }  # fmt: skip
    own = api("unit04", "GET", "/overdue?unit=区交通局").get_json()["items"]
    assert own and {i["unit"] for i in own} == {"区城管局"}
    assert own == [i for i in everything if i["unit"] == "区城管局"]
    lagging = api("viewer", "GET", "/overdue?kind=lagging&unit=区住建局").get_json()["items"]
    assert lagging and {(i["kind"], i["unit"]) for i in lagging} == {("lagging", "区住建局")}
    june = api("viewer", "GET", "/overdue?kind=late_start&as_of=2026-06-20T12:00:00%2B08:00")
    assert [i["project"] for i in june.get_json()["items"]] == ["CJ2026-039", "CJ2026-022"]
    assert api("viewer", "GET", "/overdue?kind=nonsense").status_code == 422
    assert api(None, "GET", "/overdue").status_code == 401


def test_the_api_ranking_is_published_to_every_role(api, campaign) -> None:
    body = api("unit04", "GET", "/ranking/2026-10").get_json()
    assert body == api("bureau", "GET", "/ranking/2026-10").get_json()
    units = body["units"]
    assert len(units) == len(campaign.rankings.month(2026, 10)) == 14
    last = [u for u in units if u["last"]]
    assert last and all(u["rank"] == units[-1]["rank"] for u in last)
    assert {"on_time_score", "progress_score", "start_score", "total", "rank"} <= set(units[0])
    assert isinstance(units[0]["total"], str)  # exact decimals travel as strings
    assert api("viewer", "GET", "/ranking/2026-13").status_code == 422
    assert api("viewer", "GET", "/ranking/2026-12").status_code == 404
    spec = api(None, "GET", "/openapi.json").get_json()
    assert {"/overdue", "/ranking/{month}"} <= set(spec["paths"])


# -- 基线对比: the demo signs off 2026-11-H1 on 16 Nov 10:00, corrects two of its reports
# that afternoon (tracker/cli/demo/signoffs.py) and signs it off again on 17 Nov 10:00.
AFTER_SIGN_OFF = "签发后核对监理月报，本期完成投资填报有误，予以更正"
CORRECTED_AT = "2026-11-16T07:00:00+00:00"  # 15:00 Shanghai
BETWEEN_SIGN_OFFS = [
    # the first submissions were 100/112 of the true amount, cut to the 分
    {"code": "CJ2026-037", "name": "滨江城市综合体", "unit": "新城建设指挥部",
     "field": "investment", "before": "1142.16", "after": "1279.23", "actor": "unit12",
     "at": CORRECTED_AT, "reason": AFTER_SIGN_OFF},
    {"code": "CJ2026-037", "name": "滨江城市综合体", "unit": "新城建设指挥部", "field": "ytd",
     "before": "18870.18", "after": "19007.25", "actor": "unit12", "at": CORRECTED_AT,
     "reason": AFTER_SIGN_OFF},
    {"code": "CJ2026-038", "name": "火车站片区综合体", "unit": "区城投公司", "field": "investment",
     "before": "1068.88", "after": "1197.15", "actor": "unit03", "at": CORRECTED_AT,
     "reason": AFTER_SIGN_OFF},
    {"code": "CJ2026-038", "name": "火车站片区综合体", "unit": "区城投公司", "field": "ytd",
     "before": "16937.76", "after": "17066.03", "actor": "unit03", "at": CORRECTED_AT,
     "reason": AFTER_SIGN_OFF},
]  # fmt: skip


def sign_offs(campaign: TrackerApp) -> tuple[str, str]:
    issued = campaign.issued.reports(2026, Period(2026, 11, 1))
    assert [(r.unit, r.as_of.isoformat()) for r in issued] == [
        (None, "2026-11-16T02:00:00+00:00"),
        (None, "2026-11-17T02:00:00+00:00"),
    ]
    return issued[0].as_of.isoformat(), issued[1].as_of.isoformat()


def compared(first: str, second: str) -> str:
    quoted = {"from": first.replace("+", "%2B"), "to": second.replace("+", "%2B")}
    return f"/periods/2026-11-H1/compare?from={quoted['from']}&to={quoted['to']}"


def test_compare_between_two_sign_offs_lists_exactly_the_corrections_made_between_them(
    api, campaign
) -> None:
    first, second = sign_offs(campaign)
    body = api("viewer", "GET", compared(first, second)).get_json()
    assert body == {"period": "2026-11-H1", "from": first, "to": second,
                    "changes": BETWEEN_SIGN_OFFS}  # fmt: skip
    # a unit sees its own projects' changes only; 区城投公司 has CJ2026-038
    assert api("unit04", "GET", compared(first, second)).get_json()["changes"] == []
    # from the first sign-off to now: the same corrections, nothing has happened since
    since = api("bureau", "GET", compared(first, "")[: -len("&to=")]).get_json()
    assert since["changes"] == BETWEEN_SIGN_OFFS


def test_compare_refuses_a_missing_or_backward_moment_naming_the_field(api, campaign) -> None:
    first, second = sign_offs(campaign)
    missing = api("bureau", "GET", "/periods/2026-11-H1/compare")
    assert missing.status_code == 422 and "对比起始时刻" in str(missing.get_json())
    backward = api("bureau", "GET", compared(second, first))
    assert backward.status_code == 422
    assert "起始时刻须早于结束时刻" in str(backward.get_json())
    future = api("bureau", "GET", compared(first, "2027-01-01T00:00:00+08:00"))
    assert future.status_code == 422 and "对比结束时刻" in str(future.get_json())


def test_the_compare_page_is_reached_from_the_sign_off_list_and_the_dashboard(
    signed_in, campaign
) -> None:
    first, second = sign_offs(campaign)
    viewer = signed_in("viewer")
    issued = get(viewer, "/bureau/reports")
    links = re.findall(r'href="([^"]*/bureau/compare/[^"]*)">与上次签发相比', issued)
    assert len(links) == 1  # the second sign-off has one before it
    page = get(viewer, links[0].replace("&amp;", "&"))
    assert page.count('<section class="card compare">') == 2
    for change in BETWEEN_SIGN_OFFS:
        assert change["before"] in page and change["after"] in page
    assert page.count(f"原因：{AFTER_SIGN_OFF}") == 4
    assert "已签发" in issued and "签发以来的变化" in issued
    dashboard = get(viewer, "/bureau?period=2026-11-H1")
    assert "与上次签发相比" in dashboard
    assert signed_in("unit04").get(links[0].replace("&amp;", "&")).status_code == 403


def test_tracker_compare_prints_the_same_changes_as_the_api(demo, api, campaign) -> None:
    from click.testing import CliRunner

    from tracker.cli import main

    first, second = sign_offs(campaign)
    settings = demo[0]
    env = {
        "TRACKER_DATABASE_URL": settings.database_url,
        "TRACKER_FILES_DIR": str(settings.files_dir),
    }
    args = ["compare", "2026-11-H1", "--from", first, "--to", second]
    result = CliRunner(env=env).invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == api("bureau", "GET", compared(first, second)).get_json()
    text = CliRunner(env=env).invoke(main, args).output
    assert "4 项变化" in text
    assert "CJ2026-037 滨江城市综合体  本期完成投资（万元）：1142.16 → 1279.23" in text
