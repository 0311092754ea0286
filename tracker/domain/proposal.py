"""申报: a unit proposes a new project; the bureau approves it (giving it a code) or rejects it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

from tracker.domain.base import TrackerAggregate
from tracker.domain.errors import RuleViolation
from tracker.domain.spec import ProjectSpec
from tracker.domain.text import check_reason


class Proposal(TrackerAggregate):
    """One proposed project. ``status``: submitted → approved or rejected, once."""

    class Submitted(TrackerAggregate.Created):
        campaign_year: int
        unit: str
        spec: dict[str, Any]  # the project as proposed, everything but its code
        reason: str  # 申报理由

    class Approved(TrackerAggregate.Event):
        code: str

        def apply(self, proposal: Proposal) -> None:
            proposal.status = "approved"
            proposal.code = self.code

    class Rejected(TrackerAggregate.Event):
        reason: str

        def apply(self, proposal: Proposal) -> None:
            proposal.status = "rejected"
            proposal.rejection = self.reason

    def __init__(
        self, campaign_year: int, unit: str, spec: dict[str, Any], reason: str, actor: str
    ) -> None:
        self.campaign_year = campaign_year
        #: the proposing unit; the project is registered in its name
        self.unit = unit
        #: the proposed project's fields (no ``code``), as ProjectSpec names them
        self.spec = dict(spec)
        self.reason = reason
        self.submitted_by = actor
        self.submitted_at = self.created_on
        #: submitted | approved | rejected
        self.status = "submitted"
        #: the project code given on approval
        self.code: str | None = None
        #: the bureau's reason for a rejection
        self.rejection: str | None = None

    @classmethod
    def submit(cls, campaign_year: int, spec: ProjectSpec, reason: str, actor: str) -> Proposal:
        """A unit's proposal; ``spec.code`` is ignored (the bureau assigns one on approval)."""
        errors = spec.errors_but_code()
        if errors:
            raise errors[0]
        check_reason(reason, "申报理由")
        data = asdict(spec)
        del data["code"]
        data["monthly_plan"] = list(spec.monthly_plan)
        return cls._create(
            cls.Submitted,
            id=uuid4(),
            campaign_year=campaign_year,
            unit=spec.unit,
            spec=data,
            reason=reason.strip(),
            actor=actor,
        )

    def approve(self, code: str, actor: str) -> ProjectSpec:
        """Give the project its code; returns the spec to register (in the same save)."""
        self.check_pending()
        spec = self.project_spec(code.strip())
        code_errors = [error for error in spec.errors() if error.field == "code"]
        if code_errors:
            raise code_errors[0]
        self.trigger_event(self.Approved, code=spec.code, actor=actor)
        return spec

    def reject(self, reason: str, actor: str) -> None:
        """Turn the proposal down; the reason is shown to the unit."""
        self.check_pending()
        check_reason(reason, "驳回理由")
        self.trigger_event(self.Rejected, reason=reason.strip(), actor=actor)

    def check_pending(self) -> None:
        if self.status == "approved":
            raise RuleViolation(f"该申报已批准（项目编号 {self.code}），不能再次处理")
        if self.status == "rejected":
            raise RuleViolation("该申报已驳回，不能再次处理")

    def project_spec(self, code: str) -> ProjectSpec:
        """The proposed project as a spec with ``code``."""
        data = dict(self.spec)
        data["monthly_plan"] = tuple(Decimal(a) for a in data["monthly_plan"])
        for key in ("planned_start", "planned_completion"):
            if isinstance(data[key], str):
                data[key] = date.fromisoformat(data[key])
        return ProjectSpec(code=code, **data)
