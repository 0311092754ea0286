"""申报 as the lists and the decision page show them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from tracker.application.queries.reader import Reader
from tracker.domain.base import known_id
from tracker.domain.errors import NotFound
from tracker.domain.money import from_cents
from tracker.domain.spec import ProjectSpec
from tracker.projections import tables
from tracker.projections.codec import moment

R = tables.proposals.c


@dataclass(frozen=True)
class ProposalRow:
    """One proposal, with the project as proposed."""

    id: str
    campaign_year: int
    unit: str
    name: str
    category: str
    nature: str
    total_investment: Decimal
    annual_plan: Decimal
    reason: str
    status: str  # submitted | approved | rejected
    submitted_at: datetime
    submitted_by: str
    decided_at: datetime | None
    decided_by: str | None
    code: str | None
    decision_reason: str | None
    spec: ProjectSpec  # the proposed project; its code is the one given on approval, or ""


class Applications:
    """申报 (applications for a new project) as the unit and the bureau see them."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(
        self, unit: str | None = None, status: str | None = None, as_of: datetime | None = None
    ) -> list[ProposalRow]:
        """Proposals, newest first; optionally one unit's or one status's; as they stood then."""
        query = select(tables.proposals).order_by(R.submitted_at.desc(), R.id)
        if unit is not None:
            query = query.where(R.unit == unit)
        if status is not None:
            query = query.where(R.status == status)
        with self.read.at(as_of) as view:
            rows = view.connection.execute(query.where(view.holds(tables.proposals)))
            return [proposal_row(row) for row in rows.mappings()]

    def one(self, ident: str, as_of: datetime | None = None) -> ProposalRow:
        """One proposal as it stood at ``as_of``; NotFound if unknown (or not yet submitted)."""
        missing = f"申报“{ident}”{'在所选时刻尚未提交' if as_of else '不存在'}"
        query = select(tables.proposals).where(R.id == str(known_id(ident, missing)))
        with self.read.at(as_of) as view:
            found = view.connection.execute(query.where(view.holds(tables.proposals)))
            found = found.mappings().first()
        if found is None:
            raise NotFound(missing)
        return proposal_row(found)


def proposal_row(row: Any) -> ProposalRow:
    spec = json.loads(row["spec"])
    return ProposalRow(
        **{key: row[key] for key in ("id", "campaign_year", "unit", "name", "category")},
        **{key: row[key] for key in ("nature", "reason", "status", "submitted_by")},
        total_investment=from_cents(row["total_investment_cents"]),
        annual_plan=from_cents(row["annual_plan_cents"]),
        submitted_at=moment(row["submitted_at"]),  # type: ignore[arg-type]
        decided_at=moment(row["decided_at"]),
        **{key: row[key] for key in ("decided_by", "code", "decision_reason")},
        spec=ProjectSpec(
            **{
                **spec,
                "code": row["code"] or "",
                "total_investment": Decimal(spec["total_investment"]),
                "annual_plan": Decimal(spec["annual_plan"]),
                "monthly_plan": tuple(Decimal(a) for a in spec["monthly_plan"]),
                "planned_start": date.fromisoformat(spec["planned_start"]),
                "planned_completion": date.fromisoformat(spec["planned_completion"]),
            }
        ),
    )
