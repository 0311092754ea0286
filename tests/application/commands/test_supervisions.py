"""督办: issued by the bureau, answered by the unit, closed or returned; overdue when unanswered."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.application.app import TrackerApp
from tracker.domain.errors import InvalidValue, NotFound, RuleViolation


def test_the_three_steps_are_events_in_the_project_history(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 16, 9, 0)
    order = campaign.supervisions.issue(
        "CJ2026-004", "请说明5月上半月未报送原因", date(2026, 5, 20), "bureau"
    )
    frozen(2026, 5, 18, 9, 0)
    campaign.supervisions.answer(str(order), "信息员调岗，已补报", "unit04")
    frozen(2026, 5, 19, 9, 0)
    campaign.supervisions.close(str(order), "同意办结", "bureau")

    steps = [
        (r.kind, r.actor)
        for r in campaign.history.project("CJ2026-004")
        if "supervision_id" in r.data
    ]
    row = campaign.orders.rows(code="CJ2026-004")[0]

    assert steps == [("Issued", "bureau"), ("Answered", "unit04"), ("Closed", "bureau")]
    assert (row.status, row.answer, row.answered_by, row.note) == (
        "closed",
        "信息员调岗，已补报",
        "unit04",
        "同意办结",
    )


def test_an_unanswered_order_past_its_deadline_is_overdue(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 16, 9, 0)
    order = campaign.supervisions.issue("CJ2026-004", "请加快征地", date(2026, 5, 20), "bureau")
    frozen(2026, 5, 21, 9, 0)
    late = [i for i in campaign.overdue.items(2026) if i.kind == "supervision_overdue"]
    frozen(2026, 5, 29, 9, 0)
    later = [i for i in campaign.overdue.items(2026) if i.kind == "supervision_overdue"]
    campaign.supervisions.answer(str(order), "已完成征地", "unit04")
    answered = [i for i in campaign.overdue.items(2026) if i.kind == "supervision_overdue"]

    assert [(i.code, i.light, i.since) for i in late] == [
        ("CJ2026-004", "yellow", date(2026, 5, 20))
    ]
    assert [i.light for i in later] == ["red"]  # more than 7 days past the deadline
    assert answered == []


def test_a_returned_answer_must_be_answered_again(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 16, 9, 0)
    order = str(
        campaign.supervisions.issue("CJ2026-004", "请加快征地", date(2026, 5, 20), "bureau")
    )
    campaign.supervisions.answer(order, "正在推进", "unit04")
    with pytest.raises(RuleViolation):
        campaign.supervisions.answer(order, "再答复", "unit04")
    campaign.supervisions.send_back(order, "答复过于笼统，请写明完成时间", "bureau")
    campaign.supervisions.answer(order, "5月25日前完成", "unit04")

    assert campaign.supervisions.load(order).status == "answered"
    assert [s[0] for s in campaign.supervisions.load(order).steps] == [
        "answered",
        "returned",
        "answered",
    ]


def test_bad_orders_are_refused(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 16, 9, 0)
    with pytest.raises(InvalidValue) as past:
        campaign.supervisions.issue("CJ2026-004", "x", date(2026, 5, 15), "bureau")
    with pytest.raises(InvalidValue) as empty:
        campaign.supervisions.issue("CJ2026-004", "  ", date(2026, 5, 20), "bureau")
    with pytest.raises(NotFound):
        campaign.supervisions.answer("not-a-uuid", "x", "unit04")

    assert past.value.field == "due_on" and empty.value.field == "requirement"
