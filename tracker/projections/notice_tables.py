"""The reminders' read models: channels, notices, their claimed keys, deliveries, inbox marks.

Kept as they are now only (like users and tokens): nobody asks what a channel
looked like last month, and a notice's every attempt stays in the log.
The tables join ``tables.metadata`` (``tables`` imports this module).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, String, Table, Text

from tracker.projections.tables import metadata, stamp

channels = Table(
    "rm_channels",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("unit", String(60)),  # None: the bureau's
    Column("kind", String(20), nullable=False),
    Column("target", Text, nullable=False),
    Column("has_secret", Boolean, nullable=False),  # the secret itself stays in the log
    Column("active", Boolean, nullable=False),
    *stamp("added"),
    *stamp("removed", required=False),
    Column("tested_at", String(40)),
    Column("test_error", Text),  # "" when the last test message arrived
)

notices = Table(
    "rm_notices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("unit", String(60)),  # None: the bureau
    Column("title", Text, nullable=False),
    Column("sections", Text, nullable=False),  # JSON: [{key, rule, heading, lines, link, action}]
    Column("channels", Text, nullable=False),  # JSON: the channel ids it goes to
    Column("delivered", Boolean, nullable=False),  # on every channel
    *stamp("raised"),
    Index("rm_notices_inbox", "unit", "raised_at"),
)

# Each natural key (rule, period or 督办, recipient) and the notice that carried it.
notice_keys = Table(
    "rm_notice_keys",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("notice_id", String(36), nullable=False),
)

# A notice on one channel: its latest attempt and how it went.
deliveries = Table(
    "rm_deliveries",
    metadata,
    Column("notice_id", String(36), primary_key=True),
    Column("channel_id", String(36), primary_key=True),
    Column("attempts", Integer, nullable=False),
    Column("status", String(20), nullable=False),  # sending | sent | failed
    Column("error", Text),
    Column("started_at", String(40), nullable=False, index=True),
    Column("finished_at", String(40)),
)

# What each user has read of their 消息: every notice raised up to read_until.
inbox_reads = Table(
    "rm_inbox_reads",
    metadata,
    Column("id", String(36), primary_key=True),  # the user's Inbox
    Column("user_name", String(40), nullable=False, unique=True),
    Column("read_until", String(40), nullable=False),
)
