"""``tracker serve`` runs the reminders in the background: APScheduler, one job on an interval.

``max_instances=1`` and ``coalesce`` keep a slow run from overlapping the next or
piling up missed ones; several server processes may each run it, since every
notice and attempt is claimed in the store before it is sent.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from tracker.application.app import TrackerApp
from tracker.config import Settings

ACTOR = "tracker:serve"
FIRST_RUN = timedelta(seconds=10)  # after start-up, so the server answers first
log = logging.getLogger("tracker.reminders")


def start_reminders(tracker: TrackerApp, settings: Settings) -> BackgroundScheduler | None:
    """The background job, started; None with TRACKER_REMINDERS=off."""
    if not settings.reminders:
        return None
    scheduler = BackgroundScheduler(timezone="UTC")
    scheduler.add_job(
        run_reminders,
        "interval",
        minutes=max(1, settings.remind_minutes),
        args=[tracker],
        id="reminders",
        max_instances=1,
        coalesce=True,
        next_run_time=datetime.now(UTC) + FIRST_RUN,
    )
    scheduler.start()
    return scheduler


def run_reminders(tracker: TrackerApp) -> None:
    """One run; a failure is logged and the next run tries again."""
    try:
        run = tracker.reminders.run(actor=ACTOR)
    except Exception:
        log.exception("提醒运行失败")
        return
    if run.raised or run.sent or run.failed:
        log.info("提醒：生成 %d 条，送达 %d 次，失败 %d 次", run.raised, run.sent, len(run.failed))
