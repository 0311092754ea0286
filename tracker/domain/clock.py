"""The one clock: event times, receipt times and deadlines all come from here.

Tests freeze it; the demo loader moves it to lay down a past history.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime


class Clock:
    """Tells the current time, or a fixed time while frozen."""

    def __init__(self) -> None:
        self._fixed: datetime | None = None

    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""
        if self._fixed is not None:
            return self._fixed
        return datetime.now(UTC)

    def set(self, moment: datetime | None) -> None:
        """Freeze the clock at ``moment`` (aware), or unfreeze it with None."""
        if moment is not None and moment.tzinfo is None:
            raise ValueError("clock needs an aware datetime")
        self._fixed = moment.astimezone(UTC) if moment else None

    @contextmanager
    def frozen(self, moment: datetime) -> Iterator[None]:
        """Freeze the clock for the duration of a ``with`` block."""
        before = self._fixed
        self.set(moment)
        try:
            yield
        finally:
            self._fixed = before


clock = Clock()
