"""Our words in OC4IDS's codelists: the ten categories as sectors, statuses, document types."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

#: 十大类别 → the projectSector codelist (open; a parent code comes with its subsector)
SECTORS: dict[str, list[str]] = {
    "城市规划编制和实施": ["governance"],
    "城市绿化": ["cultureSportsAndRecreation"],
    "城乡景观风貌整治": ["cultureSportsAndRecreation"],
    "城市综合交通": ["transport", "transport.road", "transport.urban"],
    "污水处理及水环境整治": ["waterAndWaste"],
    "供水、供气设施建设": ["waterAndWaste", "energy"],
    "垃圾处理": ["waterAndWaste"],
    "架空缆线下地": ["energy", "communications"],
    "数字城管系统建设": ["communications", "governance"],
    "城市综合体": ["economy"],
}
#: attachments' kinds → documentType (open codelist)
DOCUMENT_TYPES = {"minutes": "minutes", "photo": "illustration"}
REPORT_DOCUMENT = "financialProgressReport"  # the 月报表: investment and 形象进度 by period
CURRENCY = "CNY"
YUAN_PER_WAN = 10_000


def milestone_type(name: str) -> str:
    """milestoneType (open codelist): permits before the start are approvals, the rest delivery."""
    return "approval" if any(word in name for word in ("批复", "预审", "许可")) else "delivery"


def milestone_status(met_on: date | None, planned_on: date, today: date) -> str:
    """milestoneStatus (closed codelist): met, notMet once its day passed, else scheduled."""
    if met_on is not None:
        return "met"
    return "notMet" if today > planned_on else "scheduled"


def project_status(status: str, nature: str, started_on: date | None) -> str:
    """projectStatus (closed codelist): a new start not yet started is still in preparation."""
    if status == "withdrawn":
        return "cancelled"
    if status == "completed":
        return "completion"
    if nature == "new_start" and started_on is None:
        return "preparation"
    return "implementation"


def value(amount: Decimal) -> dict[str, object]:
    """万元 as an OC4IDS Value in yuan: 0.01 万元 is 100 yuan, so always a whole number."""
    return {"amount": int(amount * YUAN_PER_WAN), "currency": CURRENCY}


def day_start(day: date, zone: ZoneInfo) -> str:
    return datetime.combine(day, time(0), tzinfo=zone).isoformat()


def day_end(day: date, zone: ZoneInfo) -> str:
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone).isoformat()
