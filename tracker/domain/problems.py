"""A project's problems: each raised in a report is tracked until it is resolved."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tracker.domain.errors import InvalidValue


class Problems(dict[int, dict[str, Any]]):
    """Problems by number within the project; a problem never silently disappears."""

    def next_id(self) -> int:
        return len(self) + 1

    def raised(self, problem_id: int, text: str, period: str | None, at: datetime, by: str) -> None:
        self[problem_id] = {
            "id": problem_id,
            "text": text,
            "period": period,
            "raised_at": at,
            "raised_by": by,
            "resolved_at": None,
        }

    def resolved(self, problem_id: int, resolution: str, at: datetime, by: str) -> None:
        self[problem_id].update(resolved_at=at, resolution=resolution, resolved_by=by)

    def check_open(self, problem_id: int) -> None:
        problem = self.get(problem_id)
        if problem is None:
            raise InvalidValue(f"问题编号 {problem_id} 不存在", "resolved")
        if problem["resolved_at"] is not None:
            raise InvalidValue(f"问题编号 {problem_id} 已经解决", "resolved")

    def new_texts(self, texts: tuple[str, ...]) -> list[str]:
        """The texts not already open: a correction repeating its problems tracks none twice."""
        open_texts = {p["text"] for p in self.values() if p["resolved_at"] is None}
        return [text for text in dict.fromkeys(t.strip() for t in texts) if text not in open_texts]
