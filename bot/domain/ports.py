"""Repository protocols: what the services need from a store, in domain types.

Adapters live in ``storage/`` (TinyDB and in-memory) and pass one contract test suite.

Rules every adapter keeps:
- ``save`` inserts or replaces by ``id``; entities are immutable values.
- A write is durable when the call returns, or, inside ``Store.atomic()``, when the ``with``
  block exits; if the block raises, none of its writes happen.
- List queries return entities in insertion order unless stated otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from datetime import datetime
from typing import Protocol, TypeVar

from bot.domain.audit import AuditEntry
from bot.domain.delivery import Claim, Effect, Inbound, SentRecord, UserState
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

T = TypeVar("T")


class Repository(Protocol[T]):
    """A keyed collection of one entity type."""

    def get(self, key: str) -> T | None:
        """The entity with this id, or None."""
        ...

    def save(self, item: T) -> None:
        """Insert or replace the entity with the same id."""
        ...

    def all(self) -> Sequence[T]:
        """Every entity, in insertion order."""
        ...


class TeamRepo(Repository[Team], Protocol):
    """Teams (supervision offices)."""


class SettingsRepo(Repository[TeamSettings], Protocol):
    """Per-team settings, keyed by team id."""


class UnitRepo(Repository[Unit], Protocol):
    """Units of a team."""

    def for_team(self, team_id: str) -> Sequence[Unit]:
        """The team's units."""
        ...


class PersonRepo(Repository[Person], Protocol):
    """People of all teams."""

    def for_team(self, team_id: str) -> Sequence[Person]:
        """The team's people."""
        ...

    def by_telegram_id(self, telegram_id: int) -> Sequence[Person]:
        """People bound to this Telegram account (one per team at most)."""
        ...


class InviteRepo(Repository[Invite], Protocol):
    """Invite tokens, keyed by token."""

    def for_person(self, person_id: str) -> Sequence[Invite]:
        """Every invite ever made for the person."""
        ...


class LeaveRepo(Repository[Leave], Protocol):
    """Leave periods."""

    def for_person(self, person_id: str) -> Sequence[Leave]:
        """The person's leave periods."""
        ...

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Leave]:
        """``for_person`` of each id in turn (ids without repeats), in one query."""
        ...

    def delete(self, key: str) -> None:
        """Remove a leave period (cancelled leave)."""
        ...


class PlanRepo(Repository[Plan], Protocol):
    """Imported plans."""

    def for_team(self, team_id: str) -> Sequence[Plan]:
        """The team's plans, oldest first."""
        ...


class MeasureRepo(Repository[Measure], Protocol):
    """Measures (tasks), keyed by the importer's stable id."""

    def for_plan(self, plan_id: str) -> Sequence[Measure]:
        """The plan's measures, removed ones included, in insertion order."""
        ...


class PendingImportRepo(Repository[PendingImport], Protocol):
    """Import previews awaiting Confirm / Cancel, keyed by their token (a few at a time)."""

    def delete(self, key: str) -> None:
        """Remove a preview (confirmed, cancelled or expired); unknown tokens are ignored."""
        ...


class AssignmentRepo(Repository[Assignment], Protocol):
    """Assignments of measures to people and units, ended ones included."""

    def for_measure(self, measure_id: str) -> Sequence[Assignment]:
        """Every assignment of the measure."""
        ...

    def for_measures(self, measure_ids: Sequence[str]) -> Sequence[Assignment]:
        """``for_measure`` of each id in turn (ids without repeats), in one query."""
        ...

    def for_person(self, person_id: str) -> Sequence[Assignment]:
        """Every assignment naming the person."""
        ...

    def for_unit(self, unit_id: str) -> Sequence[Assignment]:
        """Every assignment naming the unit."""
        ...


class CycleRepo(Repository[Cycle], Protocol):
    """Dispatch cycles."""

    def for_team(self, team_id: str) -> Sequence[Cycle]:
        """The team's cycles, ordered by period start."""
        ...


class PromptRepo(Repository[Prompt], Protocol):
    """Prompts sent in cycles, keyed ``<cycle id>:<person id>``."""

    def for_cycle(self, cycle_id: str) -> Sequence[Prompt]:
        """The cycle's prompts."""
        ...

    def for_cycles(self, cycle_ids: Sequence[str]) -> Sequence[Prompt]:
        """``for_cycle`` of each id in turn (ids without repeats), in one query."""
        ...


class ReportRepo(Repository[Report], Protocol):
    """Reports: the year's record. Must not scan all history for the queries below."""

    def for_measure(self, measure_id: str, since: datetime | None = None) -> Sequence[Report]:
        """The measure's reports, oldest first; with ``since``, only those created at or after
        it (reading none of the older history)."""
        ...

    def for_cycle(self, cycle_id: str) -> Sequence[Report]:
        """The reports filed in a cycle."""
        ...

    def for_author(self, person_id: str) -> Sequence[Report]:
        """Reports written by the person or on their behalf, oldest first."""
        ...

    def latest_for_measure(self, measure_id: str) -> Report | None:
        """The newest report on the measure."""
        ...

    def by_source_message(self, chat_id: int, message_id: int) -> Report | None:
        """The report created from this chat message, for edits."""
        ...

    def between(self, team_id: str, start: datetime, end: datetime) -> Sequence[Report]:
        """The team's reports created in ``[start, end)``, oldest first."""
        ...


class ReminderRepo(Repository[Reminder], Protocol):
    """Reminders (催办)."""

    def for_person(self, person_id: str) -> Sequence[Reminder]:
        """The person's reminders, oldest first."""
        ...

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Reminder]:
        """``for_person`` of each id in turn (ids without repeats), in one query."""
        ...

    def for_cycle(self, cycle_id: str) -> Sequence[Reminder]:
        """The cycle's reminders."""
        ...


class CloseoutRepo(Repository[Closeout], Protocol):
    """Close-out requests (办结申请) and decisions (销号 / 退回)."""

    def for_measure(self, measure_id: str) -> Sequence[Closeout]:
        """The measure's close-out requests, oldest first."""
        ...

    def for_team(self, team_id: str) -> Sequence[Closeout]:
        """The team's close-out requests, oldest first."""
        ...


class ExtensionRepo(Repository[Extension], Protocol):
    """Deadline extension requests (延期申请) and decisions (批准 / 不批准)."""

    def for_measure(self, measure_id: str) -> Sequence[Extension]:
        """The measure's extension requests, oldest first."""
        ...

    def for_team(self, team_id: str) -> Sequence[Extension]:
        """The team's extension requests, oldest first."""
        ...


class LeaderLinkRepo(Repository[LeaderLink], Protocol):
    """包联领导 of tasks and sections, keyed by :func:`~bot.domain.leaders.link_id`."""

    def for_team(self, team_id: str) -> Sequence[LeaderLink]:
        """The team's links, in insertion order."""
        ...

    def delete(self, key: str) -> None:
        """Remove a link (cleared by a lead); unknown ids are ignored."""
        ...


class EscalationRepo(Repository[Escalation], Protocol):
    """Each task's escalation state, keyed by the measure id."""

    def for_team(self, team_id: str) -> Sequence[Escalation]:
        """The team's escalation states, in insertion order."""
        ...


class InboundRepo(Repository[Inbound], Protocol):
    """The intake journal: updates from Telegram, keyed by :func:`~bot.domain.delivery.inbound_id`.

    The bot saves an update here (``payload`` set) before Telegram is told it was received, and
    saves it again as handled (``payload`` None, ``handled_at`` set) once its handlers ran; both
    writes must be durable when ``save`` returns. Handled entries are deleted oldest first to
    keep the journal bounded (:data:`~bot.domain.delivery.KEEP_HANDLED`).
    """

    def pending(self) -> Sequence[Inbound]:
        """Updates journaled and not yet handled, by update id (the order to replay them)."""
        ...

    def handled(self) -> Sequence[Inbound]:
        """Handled updates still remembered, by update id (oldest first)."""
        ...

    def delete(self, key: str) -> None:
        """Forget an entry; unknown ids are ignored."""
        ...

    def add(self, entry: Inbound) -> bool:
        """Journal a new entry unless one with its id exists (then nothing changes: a second
        delivery never turns a handled entry back into a pending one); whether it was added."""
        ...

    def claim(self, key: str, owner: str, lease_seconds: float) -> Claim:
        """Take a pending entry for handling by ``owner`` for ``lease_seconds``, atomically.

        ``BUSY`` when another owner's claim has not expired, or an earlier update (lower
        ``update_id``) of the same ``user_id`` is still pending: one person's updates are handled
        in order. An adapter serving a single process may grant every pending entry.
        """
        ...

    def renew(self, owner: str, lease_seconds: float) -> int:
        """Extend every pending claim of ``owner`` by ``lease_seconds`` from now; how many."""
        ...

    def pending_for_user(self, user_id: int) -> Sequence[Inbound]:
        """The user's pending entries, by update id (the next one to hand over)."""
        ...


class SentRepo(Repository[SentRecord], Protocol):
    """The outbox's record of confirmed sends, keyed by the send's idempotency key.

    A record is saved right after Telegram confirmed the message (durable when ``save``
    returns); a send whose key is recorded is not repeated. Records are deleted when the work
    they belong to is done (an update handled) or when they are old (a week), unless their
    digest or review is still owed.
    """

    def sent_before(self, when: datetime) -> Sequence[SentRecord]:
        """Records of messages sent before ``when``, oldest first."""
        ...

    def delete(self, key: str) -> None:
        """Forget a record; unknown keys are ignored."""
        ...


class EffectRepo(Repository[Effect], Protocol):
    """The writes made by updates in flight, with the records before and after each
    (:mod:`bot.effects`). ``image``/``restore`` convert a record of a collection to and from the
    text an :class:`~bot.domain.delivery.Effect` keeps (the store's own encoding)."""

    def for_update(self, update_id: int) -> Sequence[Effect]:
        """The update's writes, in the order they were made."""
        ...

    def delete(self, key: str) -> None:
        """Forget an effect; unknown ids are ignored."""
        ...

    def image(self, collection: str, item: object | None) -> str | None:
        """A record of ``collection`` as the text an effect keeps (None stays None)."""
        ...

    def restore(self, collection: str, image: str | None) -> object | None:
        """The record an image holds (None stays None)."""
        ...

    def discard(self, collection: str, key: str) -> None:
        """Delete a record of any collection that an interrupted update created (the undo of
        :mod:`bot.effects` only; the audit log excepted)."""
        ...


class UserStateRepo(Repository[UserState], Protocol):
    """People's conversation state, keyed by Telegram user id (as text)."""

    def updated_before(self, when: datetime) -> Sequence[UserState]:
        """States last changed before ``when``, oldest first (to expire them)."""
        ...

    def delete(self, key: str) -> None:
        """Forget a state; unknown ids are ignored."""
        ...


class AuditLog(Protocol):
    """The append-only audit log. Entries are never changed or removed."""

    def append(self, entry: AuditEntry) -> None:
        """Record one state change."""
        ...

    def get(self, key: str) -> AuditEntry | None:
        """The entry with this id, or None."""
        ...

    def for_subject(self, subject: str) -> Sequence[AuditEntry]:
        """Entries about one subject (e.g. a measure id), oldest first."""
        ...

    def for_team(self, team_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        """The team's entries (at or after ``since``), oldest first."""
        ...

    def __iter__(self) -> Iterator[AuditEntry]:
        """Every entry, oldest first."""
        ...


class StoreUnavailable(RuntimeError):
    """The store cannot be read or written now (database unreachable, disk full): nothing of
    the operation was saved, and the user is told so, to send it again later."""


class Held(Protocol):
    """A lock taken through :class:`Leases`, until released or lost."""

    def alive(self) -> bool:
        """Whether it is still held (a shared lock is lost with its database connection)."""
        ...

    def release(self) -> None:
        """Give it up (a lost lock is released already)."""
        ...


class Leases(Protocol):
    """Named locks shared by every process serving one store: the rhythm's leader lease and
    each team's lock. A lock is released when its holder releases it or dies."""

    shared: bool  # whether other processes may serve the same store

    def try_hold(self, name: str) -> Held | None:
        """Take the lock now, or None if another process holds it (never waits). Within one
        process, callers keep their own exclusion (an adapter may grant a name twice)."""
        ...


class Store(Protocol):
    """Every repository, plus atomic multi-write transactions."""

    teams: TeamRepo
    settings: SettingsRepo
    units: UnitRepo
    people: PersonRepo
    invites: InviteRepo
    leaves: LeaveRepo
    plans: PlanRepo
    measures: MeasureRepo
    pending_imports: PendingImportRepo
    assignments: AssignmentRepo
    cycles: CycleRepo
    prompts: PromptRepo
    reports: ReportRepo
    reminders: ReminderRepo
    closeouts: CloseoutRepo
    extensions: ExtensionRepo
    audit: AuditLog
    inbound: InboundRepo
    sent: SentRepo
    leases: Leases
    effects: EffectRepo
    user_state: UserStateRepo
    leader_links: LeaderLinkRepo
    escalations: EscalationRepo

    def atomic(self) -> AbstractContextManager[None]:
        """Group writes: all are durable together when the block exits, none if it raises."""
        ...

    def lazily(self) -> AbstractContextManager[None]:
        """Inside the block (in this task only), a write returns once the store has it, not
        once it is durable: a killed process loses none of them, a power cut may lose those
        not yet synced; :meth:`sync` makes them durable."""
        ...

    def sync(self) -> None:
        """Make every write made so far durable (the lazy ones included)."""
        ...

    def atomic_async(self) -> AbstractAsyncContextManager[None]:
        """As :meth:`atomic`, but the task awaits durability after the block (which itself
        must not await): the event loop runs meanwhile, and commits made at once share one
        flush to disk where the store can."""
        ...

    async def synced(self) -> None:
        """Return once every write made so far is durable, without blocking the event loop."""
        ...

    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        ...
