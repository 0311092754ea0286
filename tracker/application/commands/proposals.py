"""申报 commands: a unit proposes a project; the bureau approves (registers it) or rejects it."""

from __future__ import annotations

from uuid import UUID

from tracker.application.commands.campaigns import load_campaign, new_units
from tracker.application.store import Store
from tracker.domain.base import known_id, project_id, unit_id
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.project import Project
from tracker.domain.proposal import Proposal
from tracker.domain.spec import ProjectSpec

RACE = "该申报已被他人同时处理，或项目编号已被他人同时登记，请刷新后查看"


class ProposalCommands:
    """Proposals of new projects and the bureau's decision on them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load(self, ident: str | UUID) -> Proposal:
        """The proposal aggregate, or NotFound."""
        missing = f"申报“{ident}”不存在"
        return self.store.load(Proposal, known_id(ident, missing), missing)

    def submit(self, year: int, spec: ProjectSpec, reason: str, actor: str) -> UUID:
        """A unit proposes a new project for the year's campaign; returns the proposal id."""
        load_campaign(self.store, year)
        if not self.store.exists(unit_id(spec.unit)):
            raise NotFound(f"责任单位“{spec.unit}”不存在")
        proposal = Proposal.submit(year, spec, reason, actor)
        self.store.commit(proposal)
        return proposal.id

    def approve(self, ident: str | UUID, code: str, actor: str) -> str:
        """Register the proposed project under ``code`` and mark the proposal approved.

        Both are stored by one save, so in one transaction: a racing
        registration of the same code leaves the proposal untouched. Returns the code.
        """
        proposal = self.load(ident)
        load_campaign(self.store, proposal.campaign_year)
        proposal.check_pending()
        if self.store.exists(project_id(code)):
            raise Conflict(f"项目编号“{code.strip()}”已存在", "code")
        spec = proposal.approve(code, actor)
        project = Project.register(proposal.campaign_year, spec, actor)
        units = new_units(self.store, {spec.unit}, actor)
        self.store.commit(proposal, *units, project, conflict=RACE)
        return spec.code

    def reject(self, ident: str | UUID, reason: str, actor: str) -> UUID:
        proposal = self.load(ident)
        proposal.reject(reason, actor)
        self.store.commit(proposal, conflict=RACE)
        return proposal.id
