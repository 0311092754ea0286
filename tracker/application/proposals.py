"""申报 commands: a unit proposes a project; the bureau approves (registers it) or rejects it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import select

from tracker.application.readmodels import ReadModels
from tracker.domain.base import project_id
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.money import from_cents
from tracker.domain.project import Project
from tracker.domain.proposal import Proposal
from tracker.domain.spec import ProjectSpec
from tracker.projections import tables

RACE = "该申报已被他人同时处理，或项目编号已被他人同时登记，请刷新后查看"


@dataclass(frozen=True)
class ProposalRow:
    """One proposal as the lists show it."""

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


class ProposalCommands(ReadModels):
    """Proposals of new projects and the bureau's decision on them."""

    def proposal(self, ident: str | UUID) -> Proposal:
        """The proposal aggregate, or NotFound."""
        try:
            key = ident if isinstance(ident, UUID) else UUID(str(ident))
        except ValueError:
            raise NotFound(f"申报“{ident}”不存在") from None
        return self.load(Proposal, key, f"申报“{ident}”不存在")

    def submit_proposal(self, year: int, spec: ProjectSpec, reason: str, actor: str) -> UUID:
        """A unit proposes a new project for the year's campaign; returns the proposal id."""
        self.campaign(year)
        self.unit(spec.unit)
        proposal = Proposal.submit(year, spec, reason, actor)
        self.commit(proposal)
        return proposal.id

    def approve_proposal(self, ident: str | UUID, code: str, actor: str) -> str:
        """Register the proposed project under ``code`` and mark the proposal approved.

        Both are stored by one save, so in one transaction: a racing
        registration of the same code leaves the proposal untouched.
        """
        proposal = self.proposal(ident)
        self.campaign(proposal.campaign_year)
        proposal.check_pending()
        if self.exists(project_id(code)):
            raise Conflict(f"项目编号“{code.strip()}”已存在", "code")
        spec = proposal.approve(code, actor)
        project = Project.register(proposal.campaign_year, spec, actor)
        units = self.new_units({spec.unit}, actor)
        self.commit(proposal, *units, project, conflict=RACE)
        return spec.code

    def reject_proposal(self, ident: str | UUID, reason: str, actor: str) -> None:
        proposal = self.proposal(ident)
        proposal.reject(reason, actor)
        self.commit(proposal, conflict=RACE)

    def list_proposals(
        self, unit: str | None = None, status: str | None = None
    ) -> list[ProposalRow]:
        """Proposals, newest first; optionally one unit's or one status's."""
        p = tables.proposals.c
        query = select(tables.proposals).order_by(p.submitted_at.desc(), p.id)
        if unit is not None:
            query = query.where(p.unit == unit)
        if status is not None:
            query = query.where(p.status == status)
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [_row(row) for row in rows]


def _row(row: dict) -> ProposalRow:
    def moment(text: str | None) -> datetime | None:
        return datetime.fromisoformat(text) if text else None

    return ProposalRow(
        id=row["id"],
        campaign_year=row["campaign_year"],
        unit=row["unit"],
        name=row["name"],
        category=row["category"],
        nature=row["nature"],
        total_investment=from_cents(row["total_investment_cents"]),
        annual_plan=from_cents(row["annual_plan_cents"]),
        reason=row["reason"],
        status=row["status"],
        submitted_at=datetime.fromisoformat(row["submitted_at"]),
        submitted_by=row["submitted_by"],
        decided_at=moment(row["decided_at"]),
        decided_by=row["decided_by"],
        code=row["code"],
        decision_reason=row["decision_reason"],
    )
