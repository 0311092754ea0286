"""The plans' read models: each project's 形象进度计划 and its 节点, bitemporal like the rest.

A plan revision or a node met supersedes the row that held, so a page as of a past
moment shows the plan and the nodes as they stood then. The tables join
``tables.metadata`` (``tables`` imports this module).
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text

from tracker.projections.tables import held, metadata, stamp

progress_plans = Table(
    "rm_progress_plans",
    metadata,
    Column("code", String(40), primary_key=True),
    *held(),
    # the twelve cumulative month-end percentages with one decimal, comma-separated; "" none
    Column("plan", Text, nullable=False),
    Index("rm_progress_plans_now", "valid_to"),
)

milestones = Table(
    "rm_milestones",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name", String(40), primary_key=True),
    *held(),
    Column("position", Integer, nullable=False),  # 1 … in the planned order
    Column("planned_on", String(10), nullable=False),
    Column("met_on", String(10)),  # the day the unit says it was met
    Column("met_period", String(10)),  # the 半月报 that said so; NULL: reported on its own
    *stamp("met", required=False),  # when that was recorded, and by whom
    Index("rm_milestones_now", "code", "valid_to"),
)
