"""考核's running tallies: by unit and period, what the ranking formula counts and sums.

Kept in the events' own transaction, so the ranking of a province now reads 24 rows a unit
instead of grouping every report (``handlers/tallies.py`` keeps them). They are kept as
they are now only, each report adding to its row in place (one statement, and no history
to write in a rebuild): a ranking as of a past moment groups the period reports that held
then, which keep their history. The table joins ``tables.metadata`` (``tables`` imports
this module).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, String, Table

from tracker.projections.tables import metadata

#: the tallied columns, in the order ``handlers.tallies`` adds them up
TALLIED = ("projects", "due", "counted", "on_time", "late", "plan_cents", "reported_cents")

unit_tallies = Table(
    "rm_unit_tallies",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("unit", String(200), primary_key=True),
    Column("idx", Integer, primary_key=True),  # 1 … 24
    Column("projects", Integer, nullable=False),  # the unit's projects, not withdrawn
    # projects due at the period: closing after the registration, begun by the completion
    Column("due", Integer, nullable=False),
    Column("counted", Integer, nullable=False),  # of those, reported (not 未报 once closed)
    Column("on_time", Integer, nullable=False),  # reports received by the period's deadline
    Column("late", Integer, nullable=False),  # after it (of projects registered before it)
    Column("plan_cents", BigInteger, nullable=False),  # Σ序时进度 at the period
    Column("reported_cents", BigInteger, nullable=False),  # Σ本期完成 of the period
)
