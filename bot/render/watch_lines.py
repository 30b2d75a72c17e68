"""Lines shared by task views and claim notices: durations and a task's 包联领导."""

from __future__ import annotations

from bot.i18n import t
from bot.render.html import esc
from bot.render.rhythm.words import fmt_span
from bot.rhythm.escalation import LeaderRef

__all__ = ["fmt_span", "leader_text"]


def leader_text(leader: LeaderRef | None, lang: str) -> str:
    """``包联领导：赵县长（所属板块）``, or that none is set (for ``/task``)."""
    if leader is None:
        return t("leader.none", lang)
    key = "leader.line_section" if leader.via_section else "leader.line"
    text = t(key, lang, name=esc(leader.name))
    if leader.person is None:
        text += t("leader.unmatched", lang)
    return text
