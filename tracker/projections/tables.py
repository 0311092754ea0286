"""Read-model tables: derived, disposable, rebuilt from the log by one command.

Money is stored as integer 分 (0.01 万元): SQLite's Numeric loses digits.
Times are ISO 8601 text in UTC, so they sort and compare as text.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from tracker.domain.report import REPORT_FIELDS, ReportField

metadata = MetaData()

#: how each kind of report field is stored
COLUMN_TYPES = {"money": BigInteger, "text": Text, "percent": String(10), "date": String(10)}


def stamp(step: str, required: bool = True) -> tuple[Column, Column]:
    """When ``step`` was taken (UTC text) and by whom: ``<step>_at`` and ``<step>_by``."""
    nullable = not required
    when = Column(f"{step}_at", String(40), nullable=nullable)
    return when, Column(f"{step}_by", String(40), nullable=nullable)


def held() -> tuple[Column, Column]:
    """Transaction time: the row holds from ``valid_from`` (the event's time) until
    ``valid_to``, when a later event superseded it (NULL: it holds now)."""
    return Column("valid_from", String(40), primary_key=True), Column("valid_to", String(40))


def column_name(field: ReportField) -> str:
    """Money is kept in 分 under ``<name>_cents``; every other field under its name."""
    return f"{field.name}_cents" if field.kind == "money" else field.name


campaigns = Table(
    "rm_campaigns",
    metadata,
    Column("year", Integer, primary_key=True),
    *held(),
    Column("district", Text, nullable=False),
    Column("target_cents", BigInteger, nullable=False),
    Column("due_day_1", Integer, nullable=False),
    Column("due_day_2", Integer, nullable=False),
    Column("timezone", String(60), nullable=False),
    # light thresholds and 考核 weights as JSON text of exact decimals
    Column("settings", Text),
    Column("reminders", Text),  # JSON: days_before, hour (NULL: the defaults)
    Column("level", String(10), nullable=False, default="district"),  # district | city
)

projects = Table(
    "rm_projects",
    metadata,
    Column("code", String(40), primary_key=True),
    *held(),
    Column("id", String(36), nullable=False, index=True),
    Column("campaign_year", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("unit", String(60), nullable=False, index=True),
    Column("nature", String(20), nullable=False),
    Column("total_investment_cents", BigInteger, nullable=False),
    Column("annual_plan_cents", BigInteger, nullable=False),
    # the twelve monthly amounts in 分, comma-separated
    Column("monthly_plan", Text, nullable=False),
    Column("planned_start", String(10), nullable=False),
    Column("planned_completion", String(10), nullable=False),
    Column("scope", Text, nullable=False),
    Column("manager", Text, nullable=False),
    Column("reporter", Text, nullable=False),
    Column("phone", Text, nullable=False),
    Column("remark", Text, nullable=False),
    Column("pilot", Boolean, nullable=False),
    Column("spot_check", Boolean, nullable=False),
    Column("started_on", String(10)),
    Column("completed_on", String(10)),
    Column("withdrawn_at", String(40)),
    Column("status", String(20), nullable=False),
    Column("national_code", String(30), nullable=False, default=""),  # 项目代码, "" if none
    *stamp("registered"),
    Index("rm_projects_now", "campaign_year", "valid_to"),
    Index("rm_projects_by_unit", "campaign_year", "valid_to", "unit", "code"),  # lists in pages
)

# Every version of every report: the first submission, then each correction.
# One column per field of REPORT_FIELDS (money in 分 as ``<name>_cents``).
report_versions = Table(
    "rm_report_versions",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("period", String(10), primary_key=True),
    Column("version", Integer, primary_key=True),  # 1: the first submission
    Column("valid_from", String(40), nullable=False),  # versions are only ever added
    *(Column(column_name(f), COLUMN_TYPES[f.kind]) for f in REPORT_FIELDS),
    Column("attachments", Text, nullable=False),  # JSON: [{sha256, name, size, media_type, kind}]
    Column("received_at", String(40), nullable=False),
    Column("actor", String(40), nullable=False),
    Column("reason", Text),  # None for the first submission
)

# A project's report for one period as it stands: the latest version's figures.
# 本年累计 is the sum over the periods up to one (a query), 序时进度 comes from the plan.
period_reports = Table(
    "rm_period_reports",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("idx", Integer, primary_key=True),  # 1 … 24
    *held(),
    Column("period", String(10), nullable=False),
    Column("investment_cents", BigInteger, nullable=False),
    Column("received_at", String(40), nullable=False),  # the first submission's receipt
    Column("changed_at", String(40), nullable=False),  # the latest version's receipt
    Column("versions", Integer, nullable=False),
    Column("progress", Text),
    Column("progress_pct", String(10)),
    Column("completed_on", String(10)),  # the completion this period's report claims
    Index("rm_period_reports_now", "idx", "valid_to"),
    # 本年累计 of every project summed from the index alone (no table rows read), now or as of
    Index(
        "rm_period_reports_sums",
        *("code", "valid_to", "idx", "valid_from", "investment_cents", "received_at"),
    ),
)

# 本期完成 by category and period of the projects not withdrawn, kept as reports come: S-curves
category_sums = Table(
    "rm_category_sums",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("category", String(40), primary_key=True),
    Column("idx", Integer, primary_key=True),
    *held(),
    Column("investment_cents", BigInteger, nullable=False),
)

problems = Table(
    "rm_problems",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("problem_id", Integer, primary_key=True),
    *held(),
    Column("text", Text, nullable=False),
    Column("period", String(10)),
    *stamp("raised"),
    *stamp("resolved", required=False),
    Column("resolution", Text),
)

supervisions = Table(
    "rm_supervisions",
    metadata,
    Column("id", String(36), primary_key=True),
    *held(),
    Column("code", String(40), nullable=False, index=True),
    Column("unit", String(60), nullable=False),
    Column("requirement", Text, nullable=False),
    Column("due_on", String(10), nullable=False),
    Column("source", String(40)),
    Column("status", String(20), nullable=False),  # open | answered | closed
    *stamp("issued"),
    *stamp("answered", required=False),
    Column("answer", Text),
    Column("closed_at", String(40)),
    Column("note", Text),  # the bureau's closing or return note
)

# 签发: each signed-off 月报表, its file kept by sha256 under the files dir.
issued_reports = Table(
    "rm_issued_reports",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("issued_at", String(40), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("period", String(10), nullable=False),
    Column("unit", String(60)),  # None: the district-wide report
    Column("as_of", String(40), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("issued_by", String(40), nullable=False),
    Index("rm_issued_reports_period", "year", "period"),
)

# 市级汇总: every district data package the city imported, kept whole (only ever added).
city_packages = Table(
    "rm_city_packages",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("district", String(100), primary_key=True),
    Column("period", String(10), primary_key=True),
    Column("version", Integer, primary_key=True),  # 1: the first package; 2…: restatements
    Column("sha256", String(64), nullable=False),  # of the package's file
    Column("package", Text, nullable=False),  # the verified package, JSON
    *stamp("received"),
)

# Which project (and period) each stored file belongs to: downloads are allowed
# only to users who may see one of those projects.
attachments = Table(
    "rm_attachments",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("code", String(40), primary_key=True),
    Column("period", String(10), primary_key=True),
    Column("name", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("size", BigInteger, nullable=False),
    *stamp("added"),
)

units = Table(
    "rm_units",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("valid_from", String(40), nullable=False),  # units are only ever added
)

users = Table(
    "rm_users",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("id", String(36), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("unit", String(60)),
    Column("display_name", String(40), nullable=False, default=""),  # 张三
    Column("disabled", Boolean, nullable=False, default=False),
    # sessions signed in at an older generation have ended (sign-out, new password)
    Column("generation", Integer, nullable=False, default=0),
)

tokens = Table(
    "rm_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(40), nullable=False),
)

# 申报: new projects proposed by units, and the bureau's decision.
proposals = Table(
    "rm_proposals",
    metadata,
    Column("id", String(36), primary_key=True),
    *held(),
    Column("campaign_year", Integer, nullable=False),
    Column("unit", String(60), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("category", String(40), nullable=False),
    Column("nature", String(20), nullable=False),
    Column("total_investment_cents", BigInteger, nullable=False),
    Column("annual_plan_cents", BigInteger, nullable=False),
    Column("spec", Text, nullable=False),  # JSON: the proposed project's every field
    Column("reason", Text, nullable=False),
    Column("status", String(20), nullable=False),  # submitted | approved | rejected
    *stamp("submitted"),
    *stamp("decided", required=False),
    Column("code", String(40)),  # the project code given on approval
    Column("decision_reason", Text),  # why it was rejected
)

# Which shape of the read models the rows were made for (see schema_version).
read_model_meta = Table(
    "rm_meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)


def schema_version() -> str:
    """A fingerprint of every read-model table's columns and indexes: it changes with the code."""
    import hashlib

    shape = [
        f"{table.name}:{column.name}:{column.type!r}:{column.nullable}:{column.primary_key}"
        for table in metadata.sorted_tables
        for column in table.columns
    ]
    shape += sorted(  # an index added is a new shape too: the rebuild creates it
        f"{index.name}:{','.join(column.name for column in index.columns)}"
        for table in metadata.sorted_tables
        for index in table.indexes
    )
    return hashlib.sha256("\n".join(shape).encode()).hexdigest()[:16]


# The reminders', the plans' and 考核's tables live in modules of their own; importing them
# here puts them in ``metadata`` before anything creates, drops or fingerprints the read models.
from tracker.projections import log_tables, notice_tables, plan_tables, tally_tables  # noqa
