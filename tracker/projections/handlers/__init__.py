"""One module of read-model handlers per aggregate; each handler writes one event's rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tracker.projections.rows import Rows

Handler = Callable[[Rows, Any], None]


class Handlers(dict[type, Handler]):
    """The handlers of one module, by the exact event class they handle."""

    def on(self, *kinds: type) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            for kind in kinds:
                self[kind] = handler
            return handler

        return register


def picked(event: Any, *names: str) -> dict[str, Any]:
    """The event's attributes of those names, as the columns of the same names."""
    return {name: getattr(event, name) for name in names}
