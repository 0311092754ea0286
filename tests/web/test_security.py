"""Holes found by probing the app as an outsider and as another unit (issue 10), each closed.

Kept uploads, the address after sign-in, sessions and tokens that end, sign-in
limits, version clashes that are not real conflicts, and the hardening of every
response. Each test failed before its fix.
"""

from __future__ import annotations

import base64
import io
import json
import statistics
import threading
import time
import zlib
from dataclasses import replace
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.web.conftest import OWN
from tracker.config import Settings
from tracker.web import create_app


@pytest.fixture
def may(frozen):  # type: ignore[no-untyped-def]
    frozen(2026, 5, 12, 10, 0)


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(out, "JPEG")
    return out.getvalue()


def session_of(client) -> dict:  # type: ignore[no-untyped-def]
    """What the signed (not encrypted) session cookie says: anyone holding it can read it."""
    cookie = client.get_cookie("session")
    if cookie is None:
        return {}
    compressed = cookie.value.startswith(".")
    payload = cookie.value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return json.loads(zlib.decompress(raw) if compressed else raw)


def rejected_upload(client) -> str:  # type: ignore[no-untyped-def]
    """Post a bad amount with a photo; the page comes back keeping the photo: its hidden value."""
    data = {
        f"{OWN}.investment": "bad",
        f"{OWN}.progress": "施工",
        f"{OWN}.photo": (io.BytesIO(photo()), "现场照片-甲.jpg"),
    }
    page = client.post("/unit/periods/2026-05-H1", data=data, content_type="multipart/form-data")
    assert page.status_code == 422 and "已上传：现场照片-甲.jpg" in page.get_data(as_text=True)
    line = next(x for x in page.get_data(as_text=True).splitlines() if f"{OWN}.kept" in x)
    return line.split('value="')[1].split('"')[0]


def submit_keeping(client, token: str):  # type: ignore[no-untyped-def]
    data = {f"{OWN}.investment": "1.00", f"{OWN}.progress": "施工", f"{OWN}.kept": token}
    return client.post("/unit/periods/2026-05-H1", data=data)


# -- 1 uploads kept across sign-ins ---------------------------------------------


def test_the_session_cookie_carries_no_file_and_stays_small(signed_in, may) -> None:
    client = signed_in("unit04")
    for _ in range(5):
        rejected_upload(client)

    cookie = client.get_cookie("session")
    assert "现场照片" not in json.dumps(session_of(client), ensure_ascii=False)
    assert "uploads" not in session_of(client)
    assert len(cookie.value) < 4096


def sign_in(client, name: str, password: str) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/login", data={"name": name, "password": password}).status_code == 302


def test_a_kept_upload_ends_with_the_sign_out(signed_in, passwords, campaign, may) -> None:
    browser = signed_in("unit04")
    token = rejected_upload(browser)
    browser.post("/logout")
    sign_in(browser, "unit04", passwords["unit04"])  # the same browser, later

    stored = submit_keeping(browser, token)

    assert stored.status_code == 303  # the report is in, the earlier upload is not
    assert campaign.projects.load(OWN).reports["2026-05-H1"][0]["attachments"] == []


def test_a_kept_upload_is_not_the_next_user_s(signed_in, campaign, may) -> None:
    colleague = campaign.users.add("unit04b", "unit", "区城管局", "cli:test")
    browser = signed_in("unit04")
    token = rejected_upload(browser)
    browser.post("/logout")
    sign_in(browser, "unit04b", colleague)  # the next person at the same browser

    stored = submit_keeping(browser, token)

    assert stored.status_code == 303
    assert campaign.projects.load(OWN).reports["2026-05-H1"][0]["attachments"] == []


# -- 2 the address after sign-in -------------------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "/\t/evil.example/",
        "/\\evil.example/",
        "\\\\evil.example/",
        "https://evil.example/",
        "/%0d%0aSet-Cookie:x=1",
        "/\r\nLocation: https://evil.example/",
        " //evil.example/",
    ],
)
def test_after_sign_in_only_a_same_site_path_is_followed(web, passwords, target: str) -> None:
    client = web.test_client()
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"name": "unit04", "password": passwords["unit04"]},
    )

    assert response.status_code == 302
    location = response.headers["Location"]
    assert "\n" not in location and "\r" not in location
    assert location.startswith("/") and not location.startswith("//")
    assert urlsplit(location).netloc == "" and "\\" not in location  # stays on this site


def test_a_same_site_path_after_sign_in_is_kept(web, passwords) -> None:
    client = web.test_client()
    login = {"name": "bureau", "password": passwords["bureau"]}
    response = client.post(
        "/login", query_string={"next": "/bureau/overdue?kind=lagging"}, data=login
    )

    assert response.headers["Location"] == "/bureau/overdue?kind=lagging"


# -- 3 sessions and tokens that end -------------------------------------------------


def copy_cookies(source, target) -> None:  # type: ignore[no-untyped-def]
    for cookie in source._cookies.values():
        target.set_cookie(cookie.key, cookie.value, domain=cookie.domain, path=cookie.path)


def test_a_cookie_saved_before_sign_out_no_longer_signs_in(web, signed_in) -> None:
    client = signed_in("unit04")
    saved = web.test_client()
    copy_cookies(client, saved)
    assert saved.get("/unit").status_code == 200

    client.post("/logout")

    assert saved.get("/unit").status_code == 302
    assert "/login" in saved.get("/unit").headers["Location"]


def test_a_new_password_ends_every_other_session_but_keeps_this_one(signed_in, passwords) -> None:
    here, elsewhere = signed_in("unit04"), signed_in("unit04")
    changed = here.post(
        "/password",
        data={
            "current": passwords["unit04"],
            "new": "another-password-1",
            "confirm": "another-password-1",
        },
    )

    assert changed.status_code == 302
    assert here.get("/unit").status_code == 200
    assert elsewhere.get("/unit").status_code == 302


def test_a_disabled_user_is_signed_out_everywhere(signed_in) -> None:
    unit = signed_in("unit01")
    assert unit.get("/unit").status_code == 200

    signed_in("bureau").post("/admin/users/unit01/disable", data={"reason": "离职"})

    assert unit.get("/unit").status_code == 302


def with_token(web, token: str):  # type: ignore[no-untyped-def]
    return web.test_client().get("/api/v1/projects", headers={"Authorization": f"Bearer {token}"})


def test_a_new_token_ends_the_one_before_it(web, campaign, tokens) -> None:
    old = tokens["unit04"]
    assert with_token(web, old).status_code == 200
    new = campaign.users.issue_token("unit04", "cli:test")

    assert with_token(web, old).status_code == 401
    assert with_token(web, new).status_code == 200


# -- 4 sign-in limits ----------------------------------------------------------------


def test_repeated_failed_sign_ins_lock_the_name_with_a_clear_message(web, passwords) -> None:
    client = web.test_client()
    for _ in range(5):
        assert (
            client.post("/login", data={"name": "unit04", "password": "wrong"}).status_code == 401
        )

    locked = client.post("/login", data={"name": "unit04", "password": passwords["unit04"]})

    assert locked.status_code == 429
    assert "已暂时锁定" in locked.get_data(as_text=True)
    # another name is not locked by it
    assert (
        client.post("/login", data={"name": "unit01", "password": passwords["unit01"]}).status_code
        == 302
    )


def test_sign_in_attempts_from_one_address_are_limited(web) -> None:
    client = web.test_client()
    statuses = [
        client.post("/login", data={"name": f"nobody{n}", "password": "x"}).status_code
        for n in range(31)
    ]

    assert statuses[:30] == [401] * 30 and statuses[30] == 429


def test_behind_a_proxy_each_client_address_is_limited_on_its_own(
    settings: Settings, campaign
) -> None:
    web = create_app(replace(settings, proxies=1), {"TESTING": True, "WTF_CSRF_ENABLED": False})
    client = web.test_client()

    def sign_in(address: str, n: int) -> int:
        headers = {"X-Forwarded-For": address, "X-Forwarded-Proto": "https"}
        data = {"name": f"nobody{n}", "password": "x"}
        return client.post("/login", data=data, headers=headers).status_code

    assert [sign_in("203.0.113.7", n) for n in range(31)][-1] == 429
    assert sign_in("198.51.100.9", 99) == 401  # another client behind the same proxy
    web.extensions["tracker"].close()


def test_an_unknown_name_takes_as_long_as_a_wrong_password(
    real_password_hashes, web, passwords
) -> None:
    client = web.test_client()

    def seconds(name: str) -> float:
        start = time.perf_counter()
        client.post("/login", data={"name": name, "password": "wrong-password"})
        return time.perf_counter() - start

    known = statistics.median(seconds("bureau") for _ in range(3))
    unknown = statistics.median(seconds(f"ghost{n}") for n in range(3))

    assert unknown > 0.5 * known


def test_bad_tokens_from_one_address_are_limited(web) -> None:
    statuses = [with_token(web, f"bad{n}").status_code for n in range(21)]

    assert statuses[:20] == [401] * 20 and statuses[20] == 429
    assert "无效令牌" in with_token(web, "bad").get_json()["error"]["message"]


# -- 7 a version clash that is not a real conflict -------------------------------------


def test_simultaneous_first_reports_for_different_periods_all_succeed(
    web, tokens, campaign, frozen
) -> None:
    frozen(2026, 7, 10, 10, 0)
    periods = [f"2026-0{m}-H{h}" for m in range(1, 7) for h in (1, 2)]
    barrier = threading.Barrier(len(periods))
    statuses: list[int] = []

    def submit(period: str) -> None:
        client = web.test_client()
        barrier.wait()
        response = client.put(
            f"/api/v1/projects/{OWN}/reports/{period}",
            json={"investment": "1.00", "progress": "并发"},
            headers={"Authorization": f"Bearer {tokens['unit04']}"},
        )
        statuses.append(response.status_code)

    threads = [threading.Thread(target=submit, args=(p,)) for p in periods]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert statuses == [201] * len(periods)
    assert sorted(campaign.projects.load(OWN).reports) == sorted(periods)


# -- 10 hardening ------------------------------------------------------------------------


def test_every_page_carries_the_security_headers(signed_in) -> None:
    response = signed_in("bureau").get("/bureau")
    policy = response.headers["Content-Security-Policy"]

    assert (
        "script-src 'self'" in policy
        and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers.get("X-Frame-Options") == "SAMEORIGIN" or "frame-ancestors" in policy


def test_secure_cookies_for_https_deployments(settings: Settings, campaign) -> None:
    secure = create_app(
        Settings(**{**vars(settings), "secure_cookies": True}),
        {"TESTING": True, "WTF_CSRF_ENABLED": False},
    )
    response = secure.test_client().get("/login", base_url="https://localhost")

    assert "Secure" in response.headers.get("Set-Cookie", "Secure")
    assert "max-age" in response.headers["Strict-Transport-Security"]
    secure.extensions["tracker"].close()


def test_a_weak_secret_key_is_refused_at_start_up(settings: Settings, campaign) -> None:
    with pytest.raises(RuntimeError, match="TRACKER_SECRET_KEY 太短"):
        create_app(Settings(**{**vars(settings), "secret_key": "short-key"}))


def test_the_csrf_token_is_renewed_at_sign_in(settings: Settings, campaign, passwords) -> None:
    app = create_app(settings, {"TESTING": True})
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    before = session_of(client)["csrf_token"]
    token = page.split('name="csrf_token" value="')[1].split('"')[0]

    login = {"name": "unit04", "password": passwords["unit04"], "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    client.get("/password")

    assert session_of(client)["csrf_token"] != before
    app.extensions["tracker"].close()


def test_the_database_and_its_folder_are_private(tmp_path) -> None:
    from tracker.bootstrap import bootstrap

    folder = tmp_path / "var"
    app = bootstrap(
        Settings(f"sqlite:///{folder / 'tracker.db'}", folder / "files", "k" * 40), True
    )
    app.close()

    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert oct((folder / "tracker.db").stat().st_mode & 0o777) == "0o600"


def test_readers_wait_for_a_rebuild_instead_of_failing(web, signed_in, campaign) -> None:
    client = signed_in("bureau")
    failures: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                assert client.get("/bureau/status").status_code == 200
            except BaseException as error:  # noqa: BLE001  (what a reader would get)
                failures.append(error)
                return

    reader = threading.Thread(target=read)
    reader.start()
    for _ in range(3):
        campaign.store.rebuild_projections()
    done.set()
    reader.join(timeout=120)

    assert failures == []


@pytest.mark.parametrize(
    "path", ["/api/v1/projects/%00", "/api/v1/projects?unit=%00", "/api/v1/overdue?unit=%01x"]
)
def test_control_characters_in_the_address_are_refused_not_crashed_on(
    web, tokens, path: str
) -> None:
    response = web.test_client().get(path, headers={"Authorization": f"Bearer {tokens['bureau']}"})

    assert response.status_code in (404, 422)
