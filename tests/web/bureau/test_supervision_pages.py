"""督办 in the bureau workspace and the API: issue, answer, close or return; by role."""

from __future__ import annotations

import pytest

from tests.web.conftest import OTHER, OWN


@pytest.fixture
def may(frozen):
    frozen(2026, 5, 16, 9, 0)


def test_the_bureau_issues_a_supervision_from_an_overdue_item(signed_in, campaign, may) -> None:
    client = signed_in("bureau")
    form = client.get(f"/bureau/supervisions/new?code={OWN}&kind=missing_report").get_data(
        as_text=True
    )
    response = client.post(
        "/bureau/supervisions/new",
        data={
            "code": OWN,
            "kind": "missing_report",
            "requirement": "请补报第9期",
            "due_on": "2026-05-20",
        },
    )

    assert "请于期限内补报未报送的半月报" in form and 'value="2026-05-23"' in form
    assert response.status_code == 303
    order = campaign.orders.rows(OWN)[0]
    assert (order.requirement, order.source, order.issued_by) == (
        "请补报第9期",
        "missing_report",
        "bureau",
    )


def test_a_bad_deadline_is_refused_and_the_text_kept(signed_in, campaign, may) -> None:
    response = signed_in("bureau").post(
        "/bureau/supervisions/new",
        data={"code": OWN, "requirement": "请说明<原因>", "due_on": "2026-05-01"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "办理期限不能早于今天" in page and "请说明&lt;原因&gt;" in page
    assert campaign.orders.rows(OWN) == []


def test_close_and_return_from_the_list(signed_in, campaign, may) -> None:
    from datetime import date

    first = str(campaign.supervisions.issue(OWN, "甲", date(2026, 5, 20), "bureau"))
    second = str(campaign.supervisions.issue(OWN, "乙", date(2026, 5, 20), "bureau"))
    campaign.supervisions.answer(first, "已办", "unit04")
    campaign.supervisions.answer(second, "在办", "unit04")
    client = signed_in("bureau")

    listing = client.get("/bureau/supervisions?status=answered").get_data(as_text=True)
    closed = client.post(f"/bureau/supervisions/{first}/close", data={"note": "同意"})
    returned = client.post(f"/bureau/supervisions/{second}/return", data={"note": "请写明时间"})
    refused = client.post(f"/bureau/supervisions/{second}/return", data={"note": ""})

    assert "已办" in listing and "办结" in listing
    assert closed.status_code == 303 and campaign.supervisions.load(first).status == "closed"
    assert returned.status_code == 303 and campaign.supervisions.load(second).status == "open"
    assert refused.status_code == 422


@pytest.mark.parametrize("user", ["viewer", "unit04"])
def test_only_the_bureau_issues_closes_or_returns(signed_in, api, campaign, may, user) -> None:
    from datetime import date

    order = str(campaign.supervisions.issue(OWN, "甲", date(2026, 5, 20), "bureau"))
    client = signed_in(user)
    assert client.post("/bureau/supervisions/new", data={"code": OWN}).status_code == 403
    assert client.post(f"/bureau/supervisions/{order}/close", data={}).status_code == 403
    assert api(user, "POST", f"/projects/{OWN}/supervisions", json={}).status_code == 403
    assert api(user, "POST", f"/supervisions/{order}/close", json={}).status_code == 403
    assert api(user, "POST", f"/supervisions/{order}/return", json={"note": "x"}).status_code == 403
    listing = client.get("/bureau/supervisions")
    assert listing.status_code == (200 if user == "viewer" else 403)


def test_the_whole_round_through_the_api(api, campaign, may) -> None:
    issued = api(
        "bureau",
        "POST",
        f"/projects/{OTHER}/supervisions",
        json={"requirement": "请加快进度", "due_on": "2026-05-25"},
    )
    order = issued.get_json()["id"]
    wrong_unit = api("unit04", "POST", f"/supervisions/{order}/answer", json={"answer": "x"})
    answered = api("unit01", "POST", f"/supervisions/{order}/answer", json={"answer": "已增加班组"})
    closed = api("bureau", "POST", f"/supervisions/{order}/close", json={"note": "同意办结"})
    again = api("bureau", "POST", f"/supervisions/{order}/close", json={})

    assert issued.status_code == 201 and issued.get_json()["status"] == "open"
    assert wrong_unit.status_code == 404
    assert answered.status_code == 200 and answered.get_json()["status"] == "answered"
    assert [s["step"] for s in closed.get_json()["steps"]] == ["answered", "closed"]
    assert [(s["actor"]) for s in closed.get_json()["steps"]] == ["unit01", "bureau"]
    assert again.status_code == 400 and "已办结" in again.get_json()["error"]["message"]


def test_the_bureau_changes_thresholds_and_weights_with_a_reason(signed_in, campaign, may) -> None:
    client = signed_in("bureau")
    values = {
        "yellow": "5",
        "red": "20",
        "start_yellow_months": "1",
        "start_red_months": "2",
        "on_time": "40",
        "progress": "40",
        "starts": "20",
    }
    missing_reason = client.post("/bureau/settings", data=values)
    bad_sum = client.post("/bureau/settings", data={**values, "starts": "30", "reason": "x"})
    saved = client.post("/bureau/settings", data={**values, "reason": "从严考核"})
    viewer = signed_in("viewer")

    assert missing_reason.status_code == 422 and "必须说明原因" in missing_reason.get_data(
        as_text=True
    )
    assert bad_sum.status_code == 422 and "合计100分" in bad_sum.get_data(as_text=True)
    assert saved.status_code == 303
    assert campaign.register.campaign(2026).weights.on_time == 40
    assert viewer.get("/bureau/settings").status_code == 200
    assert viewer.post("/bureau/settings", data={**values, "reason": "x"}).status_code == 403
    assert signed_in("unit04").get("/bureau/settings").status_code == 403
