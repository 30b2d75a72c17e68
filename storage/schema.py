"""The collections a store holds: their names, entity types and history partitioning.

Both adapters build their repositories from this one table. Collections with a ``stamp`` are
history: the TinyDB adapter files their documents by the month of that timestamp, so a
checkpoint rewrites only the months that changed and old months are never touched again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from bot.domain.audit import AuditEntry
from bot.domain.delivery import Effect, Inbound, SentRecord, UserState
from bot.domain.leaders import Escalation, LeaderLink
from bot.domain.people import Invite, Leave, Person, Team, Unit
from bot.domain.plan import Measure, PendingImport, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    Assignment,
    Closeout,
    Cycle,
    Extension,
    Prompt,
    Reminder,
    Report,
)


@dataclass(frozen=True, slots=True)
class CollectionSpec:
    """One collection: its name on disk, its entity type and, for history, its timestamp."""

    name: str
    entity: type
    stamp: str | None = None  # the datetime field whose local month files a history document
    # the last (item, partition) computed: a write asks for its entity's partition three times
    # (warming, indexing, marking the month dirty); one tuple, replaced whole (threads)
    _last: list[tuple[object, str] | None] = field(
        default_factory=lambda: [None], init=False, repr=False, compare=False, hash=False
    )

    @property
    def history(self) -> bool:
        """Whether documents are partitioned by month."""
        return self.stamp is not None

    def partition_of(self, item: object) -> str | None:
        """The month partition (``YYYY-MM``) an item is filed in, or None for working state."""
        if self.stamp is None:
            return None
        last = self._last[0]
        if last is not None and last[0] is item:
            return last[1]
        stamp: datetime = getattr(item, self.stamp)
        partition = _month(stamp.year, stamp.month)
        self._last[0] = (item, partition)
        return partition

    def partition_of_doc(self, doc: dict[str, Any]) -> str | None:
        """The partition of an encoded document (its ISO timestamp's month)."""
        if self.stamp is None:
            return None
        return str(doc[self.stamp])[:7]


@cache
def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


TEAMS = CollectionSpec("teams", Team)
SETTINGS = CollectionSpec("settings", TeamSettings)
UNITS = CollectionSpec("units", Unit)
PEOPLE = CollectionSpec("people", Person)
INVITES = CollectionSpec("invites", Invite)
LEAVES = CollectionSpec("leaves", Leave)
PLANS = CollectionSpec("plans", Plan)
MEASURES = CollectionSpec("measures", Measure)
PENDING_IMPORTS = CollectionSpec("pending_imports", PendingImport)
ASSIGNMENTS = CollectionSpec("assignments", Assignment)
CYCLES = CollectionSpec("cycles", Cycle)
CLOSEOUTS = CollectionSpec("closeouts", Closeout)
EXTENSIONS = CollectionSpec("extensions", Extension)
PROMPTS = CollectionSpec("prompts", Prompt, "created_at")
REPORTS = CollectionSpec("reports", Report, "created_at")
REMINDERS = CollectionSpec("reminders", Reminder, "sent_at")
AUDIT = CollectionSpec("audit", AuditEntry, "at")
INBOUND = CollectionSpec("inbound", Inbound)  # working state: bounded, see bot.intake
SENT = CollectionSpec("sent", SentRecord)  # working state: bounded, see bot.outbox
EFFECTS = CollectionSpec("effects", Effect)  # working state: updates in flight, see bot.effects
USER_STATE = CollectionSpec("user_state", UserState)  # working state: expires, see bot.userstate
LEADER_LINKS = CollectionSpec("leader_links", LeaderLink)
ESCALATIONS = CollectionSpec("escalations", Escalation)

SPECS: tuple[CollectionSpec, ...] = (
    TEAMS, SETTINGS, UNITS, PEOPLE, INVITES, LEAVES, PLANS, MEASURES, ASSIGNMENTS, CYCLES,
    CLOSEOUTS, PROMPTS, REPORTS, REMINDERS, AUDIT, PENDING_IMPORTS, INBOUND, SENT, EXTENSIONS,
    EFFECTS, USER_STATE, LEADER_LINKS, ESCALATIONS,
)  # fmt: skip
SPEC_BY_NAME: dict[str, CollectionSpec] = {spec.name: spec for spec in SPECS}
