"""The leads' digest's 领办逾期 and 已提请包联领导关注 blocks."""

from __future__ import annotations

from bot.i18n import t
from bot.render.html import esc
from bot.render.rhythm.words import fmt_datetime, fmt_span
from bot.rhythm.digest import Digest


def watch_blocks(digest: Digest, lang: str) -> str:
    """领办逾期 and 已提请包联领导关注, for the leads only."""
    blocks = []
    if digest.claims_overdue:
        lines = [t("digest.claim_overdue", lang)]
        lines += [
            t(
                "digest.claim_overdue_line",
                lang,
                task=esc(c.title),
                party=esc(c.party),
                assigned=fmt_datetime(c.assigned_at, lang),
                late=fmt_span(c.overdue_by, lang),
            )
            for c in digest.claims_overdue
        ]
        blocks.append("\n".join(lines))
    if digest.escalated:
        lines = [t("digest.escalated", lang)]
        lines += [
            t(
                "digest.escalated_line",
                lang,
                task=esc(e.title),
                leader=esc(e.leader),
                at=fmt_datetime(e.at, lang),
            )
            for e in digest.escalated
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
