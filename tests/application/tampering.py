"""A small store with a history, and raw SQL that alters it behind the application's back.

Shared by the ledger's tests (application, command line, pages). The store: the
39 demo projects registered on 5 Jan; CJ2026-004 reports 01-H1 with an attachment
(12 Jan), corrects it (13 Jan); 01-H1 is signed off on 15 Jan at 10:00; more
reports and a 督办 follow on 20 and 27 Jan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Table, delete, func, insert, select, update

import reports
from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.application.queries.issued import IssuedReport
from tracker.domain.base import project_id
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

OWN, OTHER = "CJ2026-004", "CJ2026-005"
H1, H2 = Period.parse("2026-01-H1"), Period.parse("2026-01-H2")
MINUTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
SIGNED_OFF = datetime(2026, 1, 15, 10, 0, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class History:
    app: TrackerApp
    issued: IssuedReport
    attachment: str  # the sha256 of the minutes attached to OWN's 01-H1 report


def lay_down(app: TrackerApp, frozen) -> History:  # type: ignore[no-untyped-def]
    """The history above, on the ``campaign`` fixture's app."""
    frozen(2026, 1, 12, 9, 0)
    minutes = app.attachments.add(MINUTES, "会议纪要.pdf", "minutes")
    with_minutes = ReportInput(Decimal("5.00"), "施工中", attachments=(minutes.as_event_data(),))
    app.projects.submit_report(OWN, H1, with_minutes, "unit04")
    app.projects.submit_report(OTHER, H1, ReportInput(Decimal("3.00"), "施工中"), "unit04")
    frozen(2026, 1, 13, 9, 0)
    app.projects.correct_report(OWN, H1, ReportInput(Decimal("6.00"), "施工中"), "漏报", "unit04")
    frozen(2026, 1, 15, 10, 0)
    issued = reports.issue_report(app, H1, None, "bureau")
    frozen(2026, 1, 20, 9, 0)
    app.projects.submit_report(OWN, H2, ReportInput(Decimal("7.00"), "路基"), "unit04")
    app.supervisions.issue("CJ2026-013", "请说明进度", datetime(2026, 1, 30).date(), "bureau")
    frozen(2026, 1, 27, 9, 0)
    app.projects.submit_report(OTHER, H2, ReportInput(Decimal("4.00"), "路基"), "unit04")
    return History(app, issued, minutes.sha256)


def events(app: TrackerApp) -> Table:
    return app.store.recorder.events_record_cls.__table__  # type: ignore[no-any-return]


def position(app: TrackerApp, code: str, version: int) -> int:
    """The notification id of a project's event of ``version``."""
    table = events(app)
    query = select(table.c.id).where(
        table.c.originator_id == project_id(code), table.c.originator_version == version
    )
    with app.store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def position_of(app: TrackerApp, event: object) -> int:
    """The notification id of a domain event."""
    table = events(app)
    query = select(table.c.id).where(
        table.c.originator_id == event.originator_id,  # type: ignore[attr-defined]
        table.c.originator_version == event.originator_version,  # type: ignore[attr-defined]
    )
    with app.store.engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def version_of(app: TrackerApp, code: str, kind: str, nth: int = 0) -> int:
    """The version of a project's ``nth`` event of ``kind`` (e.g. ReportSubmitted)."""
    found = [
        e.originator_version
        for e in app.store.events_of(project_id(code))
        if type(e).__name__ == kind
    ]
    return found[nth]


def last_id(app: TrackerApp) -> int:
    with app.store.engine.connect() as connection:
        return int(connection.execute(select(func.max(events(app).c.id))).scalar_one())


def change_byte(app: TrackerApp, nid: int, old: bytes, new: bytes) -> None:
    """One byte of one event's stored state changed (``old`` and ``new`` differ in one byte)."""
    table = events(app)
    with app.store.engine.begin() as connection:
        state = bytes(
            connection.execute(select(table.c.state).where(table.c.id == nid)).scalar_one()
        )
        assert state.count(old) == 1 and len(old) == len(new)
        assert sum(a != b for a, b in zip(old, new, strict=True)) == 1
        changed = state.replace(old, new)
        connection.execute(update(table).where(table.c.id == nid).values(state=changed))


def delete_event(app: TrackerApp, nid: int) -> None:
    with app.store.engine.begin() as connection:
        connection.execute(delete(events(app)).where(events(app).c.id == nid))


def delete_link(app: TrackerApp, nid: int) -> None:
    from tracker.application.ledger.tables import chain

    with app.store.engine.begin() as connection:
        connection.execute(delete(chain).where(chain.c.notification_id == nid))


def insert_forged(app: TrackerApp, code: str) -> int:
    """A copy of the project's last report, as its next version, at the end of the log."""
    table = events(app)
    with app.store.engine.begin() as connection:
        last = connection.execute(
            select(table)
            .where(table.c.originator_id == project_id(code))
            .order_by(table.c.originator_version.desc())
            .limit(1)
        ).one()
        nid = int(connection.execute(select(func.max(table.c.id))).scalar_one()) + 1
        connection.execute(
            insert(table).values(
                id=nid,
                originator_id=last.originator_id,
                originator_version=last.originator_version + 1,
                topic=last.topic,
                state=bytes(last.state).replace(b'"7.00"', b'"9.00"'),
            )
        )
    return nid


def swap(app: TrackerApp, first: int, second: int) -> None:
    """Two events exchange their places in the log."""
    table = events(app)
    with app.store.engine.begin() as connection:
        for old, new in ((first, -1), (second, first), (-1, second)):
            connection.execute(update(table).where(table.c.id == old).values(id=new))
