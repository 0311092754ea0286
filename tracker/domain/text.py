"""Free text typed by people (reasons, requirements, answers): required, and not too long."""

from __future__ import annotations

from tracker.domain.errors import InvalidValue

MAX_TEXT = 2000
MAX_REASON = 500


def check_text(
    text: str | None, field: str, label: str, limit: int = MAX_TEXT, missing: str = ""
) -> None:
    """Refuse empty or blank text (``missing``, or 请填写<label>) and text over ``limit``."""
    if not text or not text.strip():
        raise InvalidValue(missing or f"请填写{label}", field)
    if len(text) > limit:
        raise InvalidValue(f"{label}过长（最多{limit}字）", field)


def check_reason(reason: str | None, label: str = "原因", missing: str = "") -> None:
    """A reason for a change: required, at most 500 characters."""
    check_text(reason, "reason", label, MAX_REASON, missing)
