"""What the scheduler has done for a team, as the store records it (the event keys it keeps)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.ports import Store
from bot.domain.work import Cycle, CycleKind, Reminder, ReminderKind
from bot.rhythm.events import EventKind, event_key


def done_from(cycles: Sequence[Cycle], reminders: Sequence[Reminder]) -> dict[str, datetime]:
    """What the scheduler has done, by event key, as the store records it.

    A weekly cycle that exists was opened (its prompts went out or were resumed); ``closed_at``
    marks the cutoff handled; ``digest_sent_at`` the digest (for a monthly cycle: the review), and
    so does ``digest_failed_at`` (its turn came, the leaders' group did not get it); the latest
    automatic reminder saved for the cycle marks the reminder rounds up to its time.
    """
    done: dict[str, datetime] = {}
    for cycle in cycles:
        handled = cycle.digest_sent_at or cycle.digest_failed_at
        if cycle.kind is CycleKind.MONTHLY:
            if handled is not None:
                done[event_key(EventKind.REVIEW, cycle.id)] = handled
            continue
        done[event_key(EventKind.PROMPT, cycle.id)] = cycle.opened_at
        if cycle.closed_at is not None:
            done[event_key(EventKind.CUTOFF, cycle.id)] = cycle.closed_at
        if handled is not None:
            done[event_key(EventKind.DIGEST, cycle.id)] = handled
    for reminder in reminders:
        if reminder.kind is ReminderKind.AUTO and reminder.cycle_id is not None:
            key = event_key(EventKind.REMINDER, reminder.cycle_id)
            done[key] = max(done.get(key, reminder.sent_at), reminder.sent_at)
    return done


def done_from_store(store: Store, team_id: str) -> dict[str, datetime]:
    """:func:`done_from` over the team's cycles and their reminders in the store."""
    cycles = store.cycles.for_team(team_id)
    reminders = [r for c in cycles for r in store.reminders.for_cycle(c.id)]
    return done_from(cycles, reminders)
