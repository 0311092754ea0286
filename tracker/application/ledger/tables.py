"""The ledger's own tables, in a MetaData of their own: rebuilding the read models never drops them.

``tracker_chain`` holds one link per stored event, keyed by its notification id.
It also repeats where the event stood (aggregate, version, topic, time), so that
verification can name an event even after the event itself was deleted.
``tracker_audits`` keeps the outcome of every verification.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Integer, MetaData, String, Table, Text

ledger_meta = MetaData()

chain = Table(
    "tracker_chain",
    ledger_meta,
    Column("notification_id", BigInteger, primary_key=True, autoincrement=False),
    Column("link", String(64), nullable=False),  # hex of H(previous link ‖ this event)
    Column("algorithm", String(10), nullable=False),  # sha256 | sm3
    Column("originator_id", String(36), nullable=False),
    Column("originator_version", Integer, nullable=False),
    Column("topic", Text, nullable=False),
    Column("at", String(40), nullable=False),  # the event's time, UTC text (codec.utc_text)
)

audits = Table(
    "tracker_audits",
    ledger_meta,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("checked_at", String(40), nullable=False),
    Column("checked_by", String(60), nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("events", BigInteger, nullable=False),
    Column("last_id", BigInteger),  # the notification id of the head checked (None: empty log)
    Column("head", String(64), nullable=False),
    Column("seconds", String(20), nullable=False),
    Column("outcome", Text, nullable=False),  # JSON: what `tracker audit verify --json` prints
)
