"""A unit's pages: home, the period form, one project's form, corrections, 督办 answers."""

from __future__ import annotations

import hashlib
import threading
from datetime import date
from decimal import Decimal

import pytest

from tests.web.conftest import OWN

SECOND = "CJ2026-005"  # also 区城管局


@pytest.fixture
def may(frozen):
    frozen(2026, 5, 12, 10, 0)


def form(**projects: dict[str, str]) -> dict[str, str]:
    return {f"{code}.{k}": v for code, fields in projects.items() for k, v in fields.items()}


def test_home_shows_the_open_period_its_deadline_and_each_project(signed_in, may) -> None:
    page = signed_in("unit04").get("/unit").get_data(as_text=True)
    assert "2026年第9期（5月上半月）" in page
    assert "5月14日 24:00" in page and "还剩" in page
    assert "滨江公园二期" in page and "待报" in page
    assert "距截止不足3天" in page  # 12 May 10:00: 2 days 14 hours left


def test_a_bad_amount_keeps_everything_typed_and_saves_nothing(signed_in, campaign, may) -> None:
    client = signed_in("unit04")
    typed = form(
        **{
            OWN: {
                "investment": "12.345",
                "progress": "桩基施工<完成80%>",
                "problems": "管线迁改滞后",
            },
            SECOND: {"investment": "40.00", "progress": "绿化种植", "progress_pct": "60"},
        }
    )
    response = client.post("/unit/periods/2026-05-H1", data=typed)
    page = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "金额最多保留两位小数" in page
    assert 'value="12.345"' in page and "桩基施工&lt;完成80%&gt;" in page
    assert "管线迁改滞后" in page and 'value="40.00"' in page and 'value="60"' in page
    assert (
        campaign.projects.load(OWN).reports == {} and campaign.projects.load(SECOND).reports == {}
    )


def test_a_period_not_yet_open_says_so_before_anyone_types(signed_in, campaign, may) -> None:
    client = signed_in("unit04")
    page = client.get("/unit/periods/2026-05-H2")
    sent = client.post("/unit/periods/2026-05-H2", data=form(**{OWN: {"investment": "1.00"}}))

    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "第10期（5月下半月）尚未开始：5月15日起可以填报，5月28日24时截止" in text
    assert "<textarea" not in text and 'type="file"' not in text
    assert sent.status_code == 400 and campaign.projects.load(OWN).reports == {}


def test_two_projects_submitted_together_are_stored_together(signed_in, campaign, may) -> None:
    client = signed_in("unit04")
    typed = form(
        **{
            OWN: {"investment": "12.34", "progress": "桩基施工"},
            SECOND: {"investment": "40.00", "progress": "绿化种植"},
        }
    )
    response = client.post("/unit/periods/2026-05-H1", data=typed)
    home = client.get("/unit").get_data(as_text=True)

    assert response.status_code == 303
    assert campaign.projects.load(OWN).reports["2026-05-H1"][0]["investment"] == Decimal("12.34")
    assert campaign.projects.load(SECOND).reports["2026-05-H1"][0]["actor"] == "unit04"
    assert "已报送 2 个项目的第9期（5月上半月）" in home
    assert home.count("按时") == 2


def test_a_correction_needs_a_reason_and_then_shows_who_when_why(signed_in, campaign, may) -> None:
    client = signed_in("unit04")
    client.post(
        "/unit/periods/2026-05-H1", data=form(**{OWN: {"investment": "12.34", "progress": "桩基"}})
    )
    url = f"/projects/{OWN}/reports/2026-05-H1/correct"

    refused = client.post(url, data=form(**{OWN: {"investment": "15.00", "progress": "桩基"}}))
    accepted = client.post(
        url, data=form(**{OWN: {"investment": "15.00", "progress": "桩基", "reason": "漏报材料款"}})
    )
    page = client.get(f"/projects/{OWN}").get_data(as_text=True)

    assert refused.status_code == 422 and "此项必填" in refused.get_data(as_text=True)
    assert 'value="15.00"' in refused.get_data(as_text=True)
    assert accepted.status_code == 303
    assert [v["investment"] for v in campaign.projects.load(OWN).reports["2026-05-H1"]] == [
        Decimal("12.34"),
        Decimal("15.00"),
    ]
    assert "漏报材料款" in page and "更正半月报" in page and "更正1次" in page


def test_back_filling_an_earlier_period_from_the_project(signed_in, campaign, may) -> None:
    response = signed_in("unit04").post(
        f"/projects/{OWN}/reports/2026-03-H1",
        data=form(**{OWN: {"investment": "0.00", "progress": "前期手续"}}),
    )
    assert response.status_code == 303
    assert "2026-03-H1" in campaign.projects.load(OWN).reports


def test_a_future_period_is_refused_on_the_form(signed_in, campaign, may) -> None:
    response = signed_in("unit04").post(
        f"/projects/{OWN}/reports/2026-06-H1",
        data=form(**{OWN: {"investment": "1.00", "progress": "x"}}),
    )
    assert response.status_code == 422
    assert "尚未开始，不能提前报送" in response.get_data(as_text=True)
    assert campaign.projects.load(OWN).reports == {}


def test_a_unit_answers_a_supervision_from_the_project_page(signed_in, campaign, may) -> None:
    order = campaign.supervisions.issue(
        OWN, "请说明<b>进度</b>滞后原因", date(2026, 5, 20), "bureau"
    )
    client = signed_in("unit04")
    page = client.get(f"/projects/{OWN}").get_data(as_text=True)
    response = client.post(f"/supervisions/{order}/answer", data={"answer": "已增加施工班组"})

    assert "请说明&lt;b&gt;进度&lt;/b&gt;滞后原因" in page and "提交答复" in page
    assert response.status_code == 303
    assert campaign.supervisions.load(str(order)).status == "answered"


def test_markup_typed_by_users_shows_as_text_on_every_page(signed_in, campaign, may) -> None:
    evil = "<script>alert(1)</script>"
    client = signed_in("unit04")
    client.post(
        "/unit/periods/2026-05-H1",
        data=form(**{OWN: {"investment": "1.00", "progress": evil, "problems": evil}}),
    )
    for user, path in [
        ("unit04", f"/projects/{OWN}"),
        ("bureau", f"/projects/{OWN}"),
        ("unit04", "/unit"),
    ]:
        page = signed_in(user).get(path).get_data(as_text=True)
        assert evil not in page, path
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in signed_in("bureau").get(
        f"/projects/{OWN}"
    ).get_data(as_text=True)


def test_an_upload_is_kept_when_the_form_comes_back_with_an_error(signed_in, campaign, may) -> None:
    import io

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(photo, "JPEG")
    client = signed_in("unit04")
    data = {
        **form(**{OWN: {"investment": "bad", "progress": "施工"}}),
        f"{OWN}.photo": (io.BytesIO(photo.getvalue()), "现场.jpg"),
    }
    first = client.post("/unit/periods/2026-05-H1", data=data, content_type="multipart/form-data")
    kept = [line for line in first.get_data(as_text=True).splitlines() if f"{OWN}.kept" in line]
    token = kept[0].split('value="')[1].split('"')[0]
    fixed = {**form(**{OWN: {"investment": "1.00", "progress": "施工"}}), f"{OWN}.kept": token}
    second = client.post("/unit/periods/2026-05-H1", data=fixed)

    sha = hashlib.sha256(photo.getvalue()).hexdigest()
    assert first.status_code == 422 and "已上传：现场.jpg" in first.get_data(as_text=True)
    assert second.status_code == 303
    assert campaign.projects.load(OWN).reports["2026-05-H1"][0]["attachments"][0]["sha256"] == sha


def test_a_valid_photo_is_kept_when_another_file_of_the_submission_is_refused(
    signed_in, campaign, may
) -> None:
    import io

    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(photo, "JPEG")
    client = signed_in("unit04")
    data = {
        **form(**{OWN: {"investment": "1.00", "progress": "施工"}}),
        f"{OWN}.minutes": (io.BytesIO(b"not a pdf at all"), "纪要.pdf"),
        f"{OWN}.photo": (io.BytesIO(photo.getvalue()), "现场.jpg"),
    }
    first = client.post("/unit/periods/2026-05-H1", data=data, content_type="multipart/form-data")
    page, nothing_yet = first.get_data(as_text=True), campaign.projects.load(OWN).reports
    token = next(line for line in page.splitlines() if f"{OWN}.kept" in line)
    token = token.split('value="')[1].split('"')[0]
    again = {**form(**{OWN: {"investment": "1.00", "progress": "施工"}}), f"{OWN}.kept": token}
    second = client.post("/unit/periods/2026-05-H1", data=again)

    assert first.status_code == 422 and nothing_yet == {}
    assert "无法识别文件“纪要.pdf”的内容" in page  # the refused one, named
    assert "已上传：现场.jpg" in page and "已保留" in page  # the kept one, named
    assert page.count(f'name="{OWN}.kept"') == 1
    assert second.status_code == 303
    kept = campaign.projects.load(OWN).reports["2026-05-H1"][0]["attachments"]
    assert [a["sha256"] for a in kept] == [hashlib.sha256(photo.getvalue()).hexdigest()]


def test_twenty_simultaneous_first_submissions_store_exactly_one(
    web, tokens, campaign, may
) -> None:
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def submit(amount: int) -> None:
        client = web.test_client()
        barrier.wait()
        response = client.put(
            f"/api/v1/projects/{OWN}/reports/2026-05-H1",
            json={"investment": f"{amount}.00", "progress": "并发"},
            headers={"Authorization": f"Bearer {tokens['unit04']}"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [201] + [409] * 19
    assert len(campaign.projects.load(OWN).reports["2026-05-H1"]) == 1
    assert [r.kind for r in campaign.history.project(OWN)].count("ReportSubmitted") == 1
