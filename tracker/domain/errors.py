"""Domain errors. Every message is Chinese and meant to be shown to the user."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error the tracker raises on purpose.

    ``field`` names the input the message is about, when there is one.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        from tracker.domain.catalog import FIELD_LABELS

        if not self.field:
            return self.message
        return f"{FIELD_LABELS.get(self.field, self.field)}：{self.message}"


class InvalidValue(TrackerError):
    """An input value is malformed or out of range."""


class RuleViolation(TrackerError):
    """A well-formed request breaks a rule of DESIGN §3."""


class NotFound(TrackerError):
    """The thing asked for does not exist (or may not be seen)."""


class Conflict(TrackerError):
    """Someone else changed the same thing first, or it already exists."""


class PermissionDenied(TrackerError):
    """The actor's role does not allow this."""


class DamagedRecord(TrackerError):
    """The stored record is damaged (events missing, out of order, unreadable): audit verify."""
