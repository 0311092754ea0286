"""Damage is reported, not a crash: a record whose stored events are missing, out of order or
unreadable raises ``DamagedRecord`` with a Chinese message that points to ``tracker audit verify``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eventsourcing.domain import OriginatorVersionError
from eventsourcing.utils import TopicError

from tracker.domain.catalog import event_label
from tracker.domain.errors import DamagedRecord

AUDIT = "请管理员运行 tracker audit verify 查明"
#: what decoding a damaged stored event raises (eventsourcing's mapper errors are ValueErrors)
UNREADABLE = (ValueError, TopicError, KeyError, TypeError)
#: what replaying a damaged aggregate raises
BROKEN = (OriginatorVersionError, *UNREADABLE)


def subject_of(missing: str) -> str:
    """``项目“CJ2026-004”不存在`` → ``项目“CJ2026-004”``: what a load's message is about."""
    return missing.removesuffix("不存在") or "该记录"


def damaged(subject: str, problem: str, consequence: str = "无法完整载入") -> DamagedRecord:
    return DamagedRecord(f"{subject}的事件记录已损坏（{problem}），{consequence}；{AUDIT}")


def unreplayable(subject: str, error: Exception) -> DamagedRecord:
    """The aggregate could not be rebuilt from its events."""
    if isinstance(error, OriginatorVersionError):
        problem = "版本不连续：有事件缺失或顺序错乱"
    else:
        problem = "有事件无法读取"
    return damaged(subject, problem, "无法载入，也不能再修改")


def unreadable(stored: Any) -> DamagedRecord:
    """One stored event cannot be decoded (its state, topic or fields were altered)."""
    kind = event_label(str(stored.topic).rpartition(":")[2])
    where = f"第 {stored.id} 号事件" if hasattr(stored, "id") else "一个事件"
    return DamagedRecord(
        f"事件日志已损坏：{where}（{kind}，第 {stored.originator_version} 版）无法读取，"
        f"无法完整显示；{AUDIT}"
    )


def decoded(mapper: Any, stored: Iterable[Any]) -> list[Any]:
    """The domain events of ``stored``; an undecodable one raises DamagedRecord."""
    events = []
    for record in stored:
        try:
            events.append(mapper.to_domain_event(record))
        except UNREADABLE as error:
            raise unreadable(record) from error
    return events


def whole(events: list[Any], subject: str) -> list[Any]:
    """``events`` of one aggregate if their versions run 1, 2, 3 … without a gap."""
    for expected, event in enumerate(events, start=1):
        if event.originator_version != expected:
            gap = event.originator_version > expected
            problem = f"缺少第 {expected} 版事件" if gap else "版本重复或顺序错乱"
            raise damaged(subject, problem, "无法完整显示")
    return events
