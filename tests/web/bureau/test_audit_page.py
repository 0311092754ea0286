"""审计校验 (/bureau/audit): the head, the last verification, a new one, a file checked; and a
damaged project's page answering with the damage instead of a 500.
"""

from __future__ import annotations

import io

import pytest
from flask import Flask

from tests.application import tampering as t
from tracker.config import Settings
from tracker.web import create_app


@pytest.fixture
def history(campaign, passwords, frozen) -> t.History:
    return t.lay_down(campaign, frozen)


def page(client) -> str:  # type: ignore[no-untyped-def]
    response = client.get("/bureau/audit")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_bureau_and_viewers_see_the_head_and_may_run_a_verification(signed_in, history) -> None:
    bureau, viewer = signed_in("bureau"), signed_in("viewer")
    shown = page(viewer)
    assert "审计校验" in shown and history.app.audit.head().link in shown
    assert "尚未校验" in shown and 'href="/bureau/audit"' in shown  # the menu links to it

    response = viewer.post("/bureau/audit/verify")
    after = page(bureau)

    assert response.status_code == 303
    assert "账本完好" in after and "领导/审计·查阅人员" in after
    assert signed_in("unit04").get("/bureau/audit").status_code == 403
    assert signed_in("unit04").post("/bureau/audit/verify").status_code == 403


def test_a_failed_verification_names_the_broken_position(signed_in, history) -> None:
    app = history.app
    nid = t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportCorrected"))
    t.delete_event(app, nid)
    bureau = signed_in("bureau")

    bureau.post("/bureau/audit/verify")
    shown = page(bureau)

    assert "校验未通过" in shown
    assert f"第 {nid} 号事件（项目 {t.OWN}，第 3 版，更正半月报" in shown
    assert "已从事件日志中删除" in shown


def upload(client, data: bytes, name: str = "文件.pdf"):  # type: ignore[no-untyped-def]
    form = {"file": (io.BytesIO(data), name)}
    return client.post("/bureau/audit/check", data=form, content_type="multipart/form-data")


def test_a_file_is_checked_against_issued_reports_and_attachments(signed_in, history) -> None:
    viewer, app = signed_in("viewer"), history.app
    pdf = app.issued.file(history.issued.sha256)
    forged = bytearray(pdf)
    forged[100] ^= 0x01

    issued = upload(viewer, pdf).get_data(as_text=True)
    attached = upload(viewer, t.MINUTES).get_data(as_text=True)
    refused = upload(viewer, bytes(forged))

    assert "一致" in issued and f"签发的月报表：全区 {t.H1.label}" in issued
    assert history.issued.chain_head in issued
    assert f'附件：项目 <a href="/projects/{t.OWN}">{t.OWN}</a>' in attached
    assert refused.status_code == 200 and "不一致" in refused.get_data(as_text=True)
    assert upload(viewer, b"", "").status_code == 422


def test_running_a_verification_needs_the_forms_csrf_token(
    settings: Settings, history, passwords
) -> None:
    app: Flask = create_app(settings, {"TESTING": True})
    client = app.test_client()
    token = client.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1]
    token = token.split('"')[0]
    login = {"name": "bureau", "password": passwords["bureau"], "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    token = page(client).split('name="csrf_token" value="')[1].split('"')[0]

    assert client.post("/bureau/audit/verify").status_code == 400
    assert client.post("/bureau/audit/verify", data={"csrf_token": token}).status_code == 303
    app.extensions["tracker"].close()


def test_a_damaged_projects_page_says_so_instead_of_a_500(signed_in, history, api) -> None:
    app = history.app
    t.delete_event(app, t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportCorrected")))

    response = signed_in("unit04").get(f"/projects/{t.OWN}")
    body = response.get_data(as_text=True)
    reply = api("unit04", "GET", f"/projects/{t.OWN}/history")

    assert response.status_code == 409
    assert f"项目“{t.OWN}”的事件记录已损坏" in body and "tracker audit verify" in body
    assert reply.status_code == 409 and "tracker audit verify" in reply.json["error"]["message"]
    assert signed_in("unit04").get(f"/projects/{t.OTHER}").status_code == 200
