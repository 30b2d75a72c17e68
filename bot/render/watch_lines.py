"""Lines shared by task views and claim notices: durations and a task's 包联领导."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n import t
from bot.render.html import esc
from bot.rhythm.escalation import LeaderRef


def fmt_span(span: timedelta, lang: str) -> str:
    """``1天3小时`` / ``1 d 3 h``: a duration in whole days and hours (at least 1 hour)."""
    hours = max(1, int(span.total_seconds() // 3600))
    days, rest = divmod(hours, 24)
    if days and rest:
        return t("watch.span.days_hours", lang, days=days, hours=rest)
    if days:
        return t("watch.span.days", lang, days=days)
    return t("watch.span.hours", lang, hours=rest)


def leader_text(leader: LeaderRef | None, lang: str) -> str:
    """``包联领导：赵县长（所属板块）``, or that none is set (for ``/task``)."""
    if leader is None:
        return t("leader.none", lang)
    key = "leader.line_section" if leader.via_section else "leader.line"
    text = t(key, lang, name=esc(leader.name))
    if leader.person is None:
        text += t("leader.unmatched", lang)
    return text
