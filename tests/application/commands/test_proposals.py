"""申报: a unit proposes a project; approval registers it in the unit's name in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from tracker.domain.base import project_id
from tracker.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from tracker.domain.proposal import Proposal
from tracker.domain.spec import ProjectSpec

PROPOSED = ProjectSpec(
    code="",
    name="滨河步道",
    category="城市绿化",
    unit="区城管局",
    nature="new_start",
    total_investment=Decimal("500.00"),
    annual_plan=Decimal("120.00"),
    monthly_plan=tuple([Decimal("10.00")] * 12),
    planned_start=date(2026, 3, 1),
    planned_completion=date(2026, 12, 31),
    manager="王工",
)


def stored_events(app) -> int:
    with app.store.engine.connect() as connection:
        return connection.execute(text("SELECT COUNT(*) FROM tracker_events")).scalar_one()


# -- the aggregate, without storage ------------------------------------------------------


def test_a_proposal_needs_a_reason_and_a_plan_that_adds_up() -> None:
    with pytest.raises(InvalidValue, match="请填写申报理由"):
        Proposal.submit(2026, PROPOSED, "  ", "unit04")
    uneven = replace(PROPOSED, annual_plan=Decimal("121.00"))
    with pytest.raises(InvalidValue, match="与年度计划投资 121.00 不符"):
        Proposal.submit(2026, uneven, "市民呼声", "unit04")


def test_approval_gives_the_code_and_returns_the_spec_to_register() -> None:
    proposal = Proposal.submit(2026, PROPOSED, "市民呼声", "unit04")
    spec = proposal.approve(" CJ2026-100 ", "bureau")
    assert spec == replace(PROPOSED, code="CJ2026-100")
    assert proposal.status == "approved" and proposal.code == "CJ2026-100"
    with pytest.raises(RuleViolation, match="已批准"):
        proposal.reject("重复", "bureau")


def test_a_bad_code_or_a_missing_rejection_reason_is_refused() -> None:
    proposal = Proposal.submit(2026, PROPOSED, "市民呼声", "unit04")
    with pytest.raises(InvalidValue, match="项目编号须为"):
        proposal.approve("编号 1", "bureau")
    with pytest.raises(InvalidValue, match="请填写驳回理由"):
        proposal.reject("", "bureau")
    assert proposal.status == "submitted" and len(proposal.pending_events) == 1


# -- stored, on each back end ----------------------------------------------------------------


def test_a_submitted_proposal_is_listed_for_the_bureau_and_its_unit(campaign) -> None:
    ident = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    [row] = campaign.applications.rows(status="submitted")
    assert (row.id, row.unit, row.name, row.status) == (
        str(ident),
        "区城管局",
        "滨河步道",
        "submitted",
    )
    assert row.annual_plan == Decimal("120.00") and row.submitted_by == "unit04"
    assert campaign.applications.rows(unit="区交通局") == []


def test_approval_registers_the_project_and_marks_the_proposal_in_one_transaction(
    campaign,
) -> None:
    ident = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    before = stored_events(campaign)
    code = campaign.proposals.approve(ident, "CJ2026-100", "bureau")

    project = campaign.projects.load(code)
    [row] = campaign.applications.rows()
    assert stored_events(campaign) == before + 2
    assert (project.unit, project.name, project.registered_by) == ("区城管局", "滨河步道", "bureau")
    assert project.monthly_plan == [Decimal("10.00")] * 12 and project.manager == "王工"
    assert (row.status, row.code, row.decided_by) == ("approved", "CJ2026-100", "bureau")
    assert "CJ2026-100" in [p.code for p in campaign.register.projects(unit="区城管局")]


def test_an_approval_that_loses_the_race_for_its_code_leaves_the_proposal_pending(
    campaign, monkeypatch
) -> None:
    """Another writer registers the code between the check and the save: nothing is stored."""
    ident = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    taken = project_id("CJ2026-004")
    store = campaign.store
    real_exists = type(store).exists
    monkeypatch.setattr(
        store, "exists", lambda key: False if key == taken else real_exists(store, key)
    )
    before = stored_events(campaign)

    with pytest.raises(Conflict):
        campaign.proposals.approve(ident, "CJ2026-004", "bureau")

    assert stored_events(campaign) == before
    assert campaign.proposals.load(ident).status == "submitted"
    assert campaign.applications.rows()[0].status == "submitted"
    assert campaign.projects.load("CJ2026-004").name == "滨江公园二期"


def test_a_taken_code_is_refused_before_anything_is_written(campaign) -> None:
    ident = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    with pytest.raises(Conflict, match="项目编号“CJ2026-004”已存在"):
        campaign.proposals.approve(ident, "CJ2026-004", "bureau")
    assert campaign.proposals.load(ident).status == "submitted"


def test_a_rejection_records_the_reason_and_ends_the_proposal(campaign) -> None:
    ident = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    campaign.proposals.reject(ident, "与CJ2026-004重复", "bureau")

    [row] = campaign.applications.rows(unit="区城管局")
    assert (row.status, row.decision_reason, row.decided_by) == (
        "rejected",
        "与CJ2026-004重复",
        "bureau",
    )
    with pytest.raises(RuleViolation, match="已驳回"):
        campaign.proposals.approve(ident, "CJ2026-100", "bureau")


def test_unknown_proposals_and_units_are_not_found(campaign) -> None:
    with pytest.raises(NotFound):
        campaign.proposals.load("not-a-uuid")
    with pytest.raises(NotFound, match="责任单位“区无此局”不存在"):
        campaign.proposals.submit(2026, replace(PROPOSED, unit="区无此局"), "x", "unit04")


def test_rebuilt_read_models_list_the_same_proposals(campaign) -> None:
    first = campaign.proposals.submit(2026, PROPOSED, "市民呼声", "unit04")
    campaign.proposals.submit(2026, replace(PROPOSED, name="口袋公园"), "补短板", "unit04")
    campaign.proposals.approve(first, "CJ2026-100", "bureau")
    listed = campaign.applications.rows()
    campaign.store.rebuild_projections()
    assert campaign.applications.rows() == listed
