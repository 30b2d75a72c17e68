"""What Duban recorded before a digest or review missed while the bot was down was recorded as
not sent, for the migrations of both adapters."""

from __future__ import annotations

from dataclasses import replace

from bot.domain.audit import Action, AuditEntry
from bot.domain.ports import Store
from bot.domain.work import Cycle, CycleKind
from tests.factories import entities as f

MISSED = ("week", "digest", "review")


def missed_as_v1(store: Store) -> dict[str, Cycle]:
    """What v1 recorded for a week the bot was down over (opened ``missed``, "digested"), a
    digest missed on an opened week (``digest_sent_at``, nothing audited), a digest that went
    out (``digest.sent``), one the leaders' group refused, and a review missed (``review.sent``
    with ``missed``) next to one sent."""
    down, back = f.at(10), f.at(11)
    cycles = {
        "week": f.cycle(id="t1.w1", opened_at=back, closed_at=back, digest_sent_at=back),
        "digest": f.cycle(id="t1.w2", closed_at=f.at(2), digest_sent_at=back),
        "sent": f.cycle(id="t1.w3", closed_at=f.at(2), digest_sent_at=f.at(3)),
        "refused": f.cycle(id="t1.w4", closed_at=f.at(2), digest_failed_at=f.at(3)),
        "review": f.cycle(id="t1.m1", kind=CycleKind.MONTHLY, digest_sent_at=back),
        "reviewed": f.cycle(id="t1.m2", kind=CycleKind.MONTHLY, digest_sent_at=down),
    }
    audit = [
        (Action.CYCLE_OPENED, "t1.w1", {"missed": True}),
        (Action.CYCLE_OPENED, "t1.w2", {"prompts": 2}),
        (Action.CYCLE_OPENED, "t1.w3", {"prompts": 2}),
        (Action.DIGEST_SENT, "t1.w3", {}),
        (Action.DIGEST_UNDELIVERED, "t1.w4", {"why": "forbidden"}),
        (Action.REVIEW_SENT, "t1.m1", {"missed": True}),
        (Action.REVIEW_SENT, "t1.m2", {"missed": False}),
    ]
    with store.atomic():
        for cycle in cycles.values():
            store.cycles.save(cycle)
        for number, (action, subject, detail) in enumerate(audit):
            store.audit.append(AuditEntry(f"a{number}", "t1", down, None, action, subject, detail))
    return cycles


def corrected(before: dict[str, Cycle]) -> dict[str, Cycle]:
    """The cycles once migrated: the missed ones not sent (``digest_failed_at``), the missed
    week marked ``missed``; the others unchanged."""
    return {
        name: replace(
            cycle,
            digest_sent_at=None,
            digest_failed_at=cycle.digest_sent_at,
            missed=name == "week",
        )
        if name in MISSED
        else cycle
        for name, cycle in before.items()
    }
