"""The ledger: a hash chain over the log, written with the events, checked by ``app.audit``.

On SQLite and PostgreSQL. The command line's view of the same is in tests/cli/test_audit.py.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from tests.application import tampering as t
from tests.conftest import SHANGHAI
from tracker.application.ledger.chain import GENESIS, Chain, hasher
from tracker.application.ledger.tables import chain
from tracker.bootstrap import bootstrap
from tracker.domain.base import campaign_id
from tracker.domain.errors import Conflict, DamagedRecord, InvalidValue
from tracker.domain.period import Period
from tracker.domain.report import ReportInput


@pytest.fixture
def history(campaign, frozen) -> t.History:
    return t.lay_down(campaign, frozen)


def report(app, code: str = "CJ2026-008", period: str = "2026-01-H2") -> None:  # type: ignore[no-untyped-def]
    app.projects.submit_report(code, Period.parse(period), ReportInput(Decimal("1.00"), "x"), "u")


def links(app) -> list[tuple[int, str, str]]:
    with app.store.engine.connect() as connection:
        query = select(chain.c.notification_id, chain.c.link, chain.c.algorithm)
        return [tuple(r) for r in connection.execute(query.order_by(chain.c.notification_id))]


def by_hand(app) -> str:
    """The head recomputed from the README's description alone: anyone can check it offline."""
    head = bytes(32)
    table = t.events(app)
    with app.store.engine.connect() as connection:
        for row in connection.execute(select(table).order_by(table.c.id)):
            fields = (
                str(row.id).encode(),
                str(row.originator_id).encode(),
                str(row.originator_version).encode(),
                row.topic.encode(),
                bytes(row.state),
            )
            head = hashlib.sha256(
                head + b"".join(len(f).to_bytes(8, "big") + f for f in fields)
            ).digest()
    return head.hex()


def test_every_event_gets_its_link_and_anyone_can_recompute_the_head(history) -> None:
    app = history.app
    ids = [nid for nid, _, _ in links(app)]

    assert ids == list(range(1, t.last_id(app) + 1))
    assert {algorithm for _, _, algorithm in links(app)} == {"sha256"}
    assert app.audit.head().link == links(app)[-1][1] == by_hand(app)
    outcome = app.audit.verify("cli:test")
    assert outcome.ok and outcome.events == len(ids) and outcome.head == by_hand(app)


def test_a_refused_save_leaves_neither_event_nor_link(history) -> None:
    app, before = history.app, links(history.app)
    with pytest.raises(Conflict):
        app.projects.submit_report(t.OWN, t.H1, ReportInput(Decimal("1.00"), "x"), "unit04")

    def failing(session, events) -> None:  # type: ignore[no-untyped-def]
        raise RuntimeError("the read models could not be written")

    app.store.projector.apply, projector = failing, app.store.projector.apply
    try:
        with pytest.raises(RuntimeError):
            report(app)
    finally:
        app.store.projector.apply = projector
    assert links(app) == before and t.last_id(app) == before[-1][0]


def test_rebuilding_the_read_models_keeps_the_chain(history) -> None:
    app, before = history.app, links(history.app)
    app.store.rebuild_projections()
    assert links(app) == before and app.audit.verify("cli:test").ok


def test_the_head_as_of_a_moment_is_the_link_of_the_last_event_up_to_then(history) -> None:
    app = history.app
    assert app.audit.head(datetime(2026, 1, 1, tzinfo=SHANGHAI)).link == GENESIS
    at_noon = app.audit.head(datetime(2026, 1, 12, 12, 0, tzinfo=SHANGHAI))
    other = t.position(app, t.OTHER, t.version_of(app, t.OTHER, "ReportSubmitted"))
    assert at_noon.notification_id == other  # the 12 Jan reports, not the 13 Jan correction
    assert at_noon.link == dict((n, link) for n, link, _ in links(app))[other]


def test_the_sign_off_records_the_head_as_of_its_data_not_after_itself(history) -> None:
    app, issued = history.app, history.issued
    [event] = [e for e in app.store.events_of(campaign_id(2026)) if hasattr(e, "chain_head")]

    assert event.chain_head == issued.chain_head == app.audit.head(issued.as_of).link
    assert event.timestamp > event.as_of == t.SIGNED_OFF  # the clock stood still: 1 µs later
    assert app.audit.head(issued.as_of).notification_id < t.position_of(app, event)


def test_a_sign_off_stored_before_the_ledger_reads_with_an_empty_head(history) -> None:
    app = history.app
    table = t.events(app)
    with app.store.engine.connect() as connection:
        stored = connection.execute(select(table).where(table.c.topic.like("%ReportIssued"))).one()
    import json

    state = json.loads(bytes(stored.state))
    del state["chain_head"], state["class_version"]
    notification = app.store.recorder.select_notifications(stored.id, 1)[0]
    old = replace(notification, state=json.dumps(state).encode())
    assert app.store.mapper.to_domain_event(old).chain_head == ""


def test_a_clever_forger_who_recomputes_the_chain_is_caught_by_the_sign_off(history) -> None:
    """One amount edited, every later link recomputed: the chain agrees, the 签发 does not."""
    app = history.app
    assert app.audit.verify("cli:test").ok  # an anchor: the head seen intact today
    nid = t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportSubmitted"))
    t.change_byte(app, nid, b'"5.00"', b'"9.00"')
    relink_from(app, nid)

    outcome = app.audit.verify("cli:test")

    assert not outcome.ok
    assert "issued" in {b.problem for b in outcome.breaks}
    assert "anchor" in {b.problem for b in outcome.breaks}
    assert {b.problem for b in outcome.breaks} <= {"issued", "anchor"}  # the chain itself agrees


def relink_from(app, nid: int) -> None:  # type: ignore[no-untyped-def]
    """What a forger with the code would do: recompute every link from ``nid`` on."""
    hash_ = hasher("sha256")
    previous = dict((n, link) for n, link, _ in links(app)).get(nid - 1, GENESIS)
    with app.store.engine.begin() as connection:
        for event in app.store.recorder.select_notifications(nid, 10_000):
            from tracker.application.ledger.chain import link

            previous = link(hash_, previous, event)
            connection.execute(
                update(chain).where(chain.c.notification_id == event.id).values(link=previous)
            )


def test_each_verification_is_kept_for_the_page(history) -> None:
    app = history.app
    assert app.audit.last() is None
    first = app.audit.verify("bureau")
    t.delete_event(app, t.last_id(app))
    second = app.audit.verify("viewer")

    kept = app.audit.last()
    assert first.ok and not second.ok
    assert kept == second and kept.first.problem == "deleted" and kept.checked_by == "viewer"


def test_two_writers_at_once_extend_one_chain(campaign, frozen) -> None:
    frozen(2026, 1, 20, 9, 0)
    codes = [row.code for row in campaign.register.projects(2026)][:8]
    failures: list[Exception] = []

    def reporting(code: str) -> None:
        try:
            for half in ("2026-01-H1", "2026-01-H2"):
                report(campaign, code, half)
        except Exception as error:  # pragma: no cover - shown by the assertion
            failures.append(error)

    threads = [threading.Thread(target=reporting, args=(code,)) for code in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    outcome = campaign.audit.verify("cli:test")
    assert outcome.ok, [b.problem for b in outcome.breaks]
    assert outcome.events == t.last_id(campaign)


def test_sm3_as_a_deployment_setting(settings, frozen) -> None:
    try:
        hashlib.new("sm3")
    except ValueError:
        pytest.skip("this OpenSSL has no SM3")
    frozen(2026, 1, 5, 9, 0)
    first = bootstrap(settings, init_schema=True)
    first.campaigns.create(2026, "某区", "1000", "cli:test")  # linked with SHA-256
    first.close()
    app = bootstrap(replace(settings, chain_hash="sm3"))
    app.users.add("viewer", "viewer", None, "cli:test")
    outcome = app.audit.verify("cli:test")
    app.close()

    assert outcome.ok and outcome.algorithms == ("sha256", "sm3")


def test_an_unavailable_hash_is_refused_in_chinese(monkeypatch) -> None:
    with pytest.raises(InvalidValue, match="不支持的账本哈希算法“md5”"):
        Chain("md5", "tracker_events")
    real = hashlib.new

    def without_sm3(name: str, *args):  # type: ignore[no-untyped-def]
        if name == "sm3":
            raise ValueError("unsupported hash type sm3")
        return real(name, *args)

    monkeypatch.setattr(hashlib, "new", without_sm3)
    with pytest.raises(RuntimeError, match="不提供国密 SM3"):
        Chain("sm3", "tracker_events")


def test_writes_wait_until_init_has_linked_an_older_store(history) -> None:
    app = history.app
    count = t.last_id(app)
    with app.store.engine.begin() as connection:
        connection.execute(chain.delete())
    with pytest.raises(DamagedRecord, match="请先运行 tracker init"):
        report(app)

    assert app.audit.link_existing() == count and app.audit.link_existing() == 0
    report(app)
    assert app.audit.verify("cli:test").ok


def test_a_project_with_a_missing_event_is_reported_damaged_not_a_crash(history) -> None:
    app = history.app
    t.delete_event(app, t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportCorrected")))

    with pytest.raises(DamagedRecord, match=f"项目“{t.OWN}”的事件记录已损坏.*tracker audit verify"):
        app.projects.load(t.OWN)
    with pytest.raises(DamagedRecord, match="缺少第 3 版事件"):
        app.history.project(t.OWN)
    with pytest.raises(DamagedRecord):
        report(app, t.OWN)  # its load fails first
    assert len(app.history.project(t.OTHER)) > 1  # the others are untouched


def test_an_unreadable_event_is_reported_damaged(history) -> None:
    app = history.app
    nid = t.position(app, t.OWN, t.version_of(app, t.OWN, "ReportSubmitted"))
    t.change_byte(app, nid, b'{"timestamp"', b'["timestamp"')

    with pytest.raises(DamagedRecord, match=f"第 {nid} 号事件（报送半月报，第 2 版）无法读取"):
        list(app.store.log())
    with pytest.raises(DamagedRecord, match="无法读取"):
        app.history.project(t.OWN)


def test_after_the_last_event_was_deleted_the_deletion_stays_on_record(history) -> None:
    """SQLite would give the next event the deleted one's number: writing then stops."""
    app = history.app
    nid = t.last_id(app)
    t.delete_event(app, nid)
    try:
        report(app)
    except DamagedRecord as refusal:
        assert "事件日志的末尾被删除过" in str(refusal)
    outcome = app.audit.verify("cli:test")
    assert outcome.first.notification_id == nid and outcome.first.problem == "deleted"


def test_a_file_is_checked_by_its_content_and_a_large_one_refused(history) -> None:
    app = history.app
    found = app.audit.check(io.BytesIO(app.issued.file(history.issued.sha256)))
    assert [r.report for r in found.issued] == [history.issued]
    assert [r.head_now for r in found.issued] == [history.issued.chain_head]
    assert [a.code for a in app.audit.check(io.BytesIO(t.MINUTES)).attachments] == [t.OWN]
    assert not app.audit.check(io.BytesIO(b"nothing we hold")).known
    with pytest.raises(InvalidValue, match="文件过大"):
        app.audit.check(io.BytesIO(b"x" * (2 * 1024 * 1024 + 1)), limit=2 * 1024 * 1024)


def test_the_events_count_is_the_highest_notification_id(history) -> None:
    with history.app.store.engine.connect() as connection:
        assert (
            history.app.audit.events()
            == connection.execute(select(func.count()).select_from(t.events(history.app))).scalar()
        )


def test_a_link_claiming_an_unknown_algorithm_is_a_break_not_a_crash(history) -> None:
    app = history.app
    nid = t.position(app, t.OTHER, 2)
    with app.store.engine.begin() as connection:
        connection.execute(
            update(chain).where(chain.c.notification_id == nid).values(algorithm="md5")
        )
    outcome = app.audit.verify("cli:test")
    assert (outcome.first.problem, outcome.first.notification_id) == ("row", nid)
    assert "md5" in outcome.first.detail
