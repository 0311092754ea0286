"""Read models are written in the events' own transaction: both or neither."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.application.app import TrackerApp
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.projections.projector import Projector


class Exploding(Projector):
    def apply(self, session, events) -> None:
        super().apply(session, events)
        raise RuntimeError("read model failed after writing")


def test_a_failing_read_model_update_leaves_no_event_behind(campaign: TrackerApp, frozen) -> None:
    frozen(2026, 5, 12, 10, 0)
    events_before = campaign.store.recorder.max_notification_id()
    campaign.store.projector = Exploding()

    with pytest.raises(RuntimeError):
        campaign.projects.submit_report(
            "CJ2026-002", Period.parse("2026-05-H1"), ReportInput(Decimal("1.00"), "甲"), "u"
        )

    campaign.store.projector = Projector()
    assert campaign.store.recorder.max_notification_id() == events_before
    assert campaign.projects.load("CJ2026-002").reports == {}
    row = next(
        r
        for r in campaign.summaries.summary(Period.parse("2026-05-H1")).projects
        if r.code == "CJ2026-002"
    )
    assert row.versions == 0 and row.received_at is None
    # and the next attempt goes through as if nothing happened
    campaign.projects.submit_report(
        "CJ2026-002", Period.parse("2026-05-H1"), ReportInput(Decimal("1.00"), "甲"), "u"
    )
    assert campaign.projects.load("CJ2026-002").version == 2
