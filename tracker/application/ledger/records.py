"""The outcome of every verification, kept in ``tracker_audits`` for the 审计校验 page.

The head of the last verification that passed is also an anchor: the next one
checks that it still stands in the chain where it stood.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine, insert, select

from tracker.application.jsonable import jsonable
from tracker.application.ledger.tables import audits
from tracker.application.ledger.verification import Anchor, Verification, from_json
from tracker.projections.codec import moment, utc_text

A = audits.c


def keep(engine: Engine, verification: Verification) -> None:
    row = {
        "checked_at": utc_text(verification.checked_at),
        "checked_by": verification.checked_by[:60],
        "ok": verification.ok,
        "events": verification.events,
        "last_id": verification.head_id,
        "head": verification.head,
        "seconds": f"{verification.seconds:.3f}",
        "outcome": json.dumps(jsonable(verification), ensure_ascii=False),
    }
    with engine.begin() as connection:
        connection.execute(insert(audits).values(row))


def latest(engine: Engine) -> Verification | None:
    """The last verification, whatever its outcome."""
    with engine.connect() as connection:
        outcome = connection.execute(select(A.outcome).order_by(A.id.desc()).limit(1)).scalar()
    return None if outcome is None else from_json(json.loads(outcome))


def anchor(engine: Engine) -> Anchor | None:
    """The head the last passed verification found, if it found one."""
    query = (
        select(A.head, A.last_id, A.checked_at)
        .where(A.ok.is_(True), A.last_id.is_not(None))
        .order_by(A.id.desc())
        .limit(1)
    )
    with engine.connect() as connection:
        found = connection.execute(query).first()
    if found is None:
        return None
    return Anchor(found.head, found.last_id, moment(found.checked_at))  # type: ignore[arg-type]
