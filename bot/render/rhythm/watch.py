"""The leads' digest's 领办逾期 and 已提请包联领导关注 blocks."""

from __future__ import annotations

from bot.i18n import t
from bot.render.html import esc
from bot.render.rhythm.words import block, fmt_datetime, fmt_span, sourced
from bot.rhythm.digest import Digest


def watch_blocks(digest: Digest, lang: str) -> str:
    """领办逾期 and 已提请包联领导关注, for the leads only."""
    overdue = block(
        t("digest.claim_overdue", lang),
        (
            t(
                "digest.claim_overdue_line",
                lang,
                task=sourced(c.title, c.source, lang),
                party=esc(c.party),
                assigned=fmt_datetime(c.assigned_at, lang),
                late=fmt_span(c.overdue_by, lang),
            )
            for c in digest.claims_overdue
        ),
    )
    escalated = block(
        t("digest.escalated", lang),
        (
            t(
                "digest.escalated_line",
                lang,
                task=sourced(e.title, e.source, lang),
                leader=esc(e.leader),
                at=fmt_datetime(e.at, lang),
            )
            for e in digest.escalated
        ),
    )
    return "\n\n".join(b for b in (overdue, escalated) if b)
