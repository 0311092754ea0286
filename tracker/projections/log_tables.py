"""变更记录's index: one row per event the change log shows, in recorded order.

A page of the change log is then a query (filters, newest first, 50 at a time); what
each event on the page changed, before → after, is told by folding only the events of
that page's aggregates (``application/queries/changelog.py``). Rows are only ever added.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table

from tracker.projections.tables import metadata

log_index = Table(
    "rm_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),  # recorded order
    Column("originator_id", String(36), nullable=False),
    Column("version", Integer, nullable=False),
    Column("at", String(40), nullable=False, index=True),  # the event's time (UTC text)
    Column("kind", String(60), nullable=False),  # e.g. Project.ReportCorrected
    Column("actor", String(60), nullable=False),
    Column("unit", String(60), index=True),  # the project's (order's, proposal's) unit
    Column("code", String(40), index=True),  # the project's code, for its events and orders
)
