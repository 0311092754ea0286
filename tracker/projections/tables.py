"""Read-model tables. Money is stored as integer 分 (0.01 万元): SQLite's Numeric loses digits."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Integer, MetaData, String, Table, Text

metadata = MetaData()

projects = Table(
    "rm_projects",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("campaign_year", Integer, nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("unit", String(60), nullable=False, index=True),
    Column("nature", String(20), nullable=False),
    Column("total_investment_cents", BigInteger, nullable=False),
    Column("annual_plan_cents", BigInteger, nullable=False),
    Column("status", String(20), nullable=False),
    Column("registered_at", String(40), nullable=False),
)

units = Table(
    "rm_units",
    metadata,
    Column("name", String(60), primary_key=True),
)

users = Table(
    "rm_users",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("unit", String(60)),
    Column("disabled", Boolean, nullable=False, default=False),
)

tokens = Table(
    "rm_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(40), nullable=False),
)
