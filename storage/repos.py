"""The repositories of ``bot.domain.ports``, as indexed collections."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from operator import attrgetter

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
from storage import schema
from storage.collection import Collection, WriteHost
from storage.effects import RecordImages


class Teams(Collection[Team]):
    """Teams (supervision offices)."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.TEAMS, host)


class Settings(Collection[TeamSettings]):
    """Per-team settings, keyed by team id."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.SETTINGS, host)


class Units(Collection[Unit]):
    """Units of a team."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.UNITS, host)
        self._by_team = self._index(lambda u: (u.team_id,))

    def for_team(self, team_id: str) -> Sequence[Unit]:
        """The team's units."""
        return self._find(self._by_team, team_id)


class People(Collection[Person]):
    """People of all teams."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.PEOPLE, host)
        self._by_team = self._index(lambda p: (p.team_id,))
        self._by_telegram = self._index(lambda p: (p.telegram_id,))

    def for_team(self, team_id: str) -> Sequence[Person]:
        """The team's people."""
        return self._find(self._by_team, team_id)

    def by_telegram_id(self, telegram_id: int) -> Sequence[Person]:
        """People bound to this Telegram account."""
        return self._find(self._by_telegram, telegram_id)


class Invites(Collection[Invite]):
    """Invite tokens, keyed by token."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.INVITES, host)
        self._by_person = self._index(lambda i: (i.person_id,))

    def for_person(self, person_id: str) -> Sequence[Invite]:
        """Every invite ever made for the person."""
        return self._find(self._by_person, person_id)


class Leaves(Collection[Leave]):
    """Leave periods."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.LEAVES, host)
        self._by_person = self._index(lambda leave: (leave.person_id,))

    def for_person(self, person_id: str) -> Sequence[Leave]:
        """The person's leave periods."""
        return self._find(self._by_person, person_id)

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Leave]:
        """``for_person`` of each id in turn."""
        return tuple(leave for key in person_ids for leave in self.for_person(key))

    def delete(self, key: str) -> None:
        """Remove a leave period (cancelled leave); unknown ids are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class Plans(Collection[Plan]):
    """Imported plans."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.PLANS, host)
        self._by_team = self._index(lambda p: (p.team_id,), order=attrgetter("imported_at"))

    def for_team(self, team_id: str) -> Sequence[Plan]:
        """The team's plans, oldest first."""
        return self._find(self._by_team, team_id)


class Measures(Collection[Measure]):
    """Measures (tasks)."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.MEASURES, host)
        self._by_plan = self._index(lambda m: (m.plan_id,))

    def for_plan(self, plan_id: str) -> Sequence[Measure]:
        """The plan's measures, removed ones included, in insertion order."""
        return self._find(self._by_plan, plan_id)


class PendingImports(Collection[PendingImport]):
    """Import previews awaiting Confirm / Cancel (working state, a few at a time)."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.PENDING_IMPORTS, host)

    def delete(self, key: str) -> None:
        """Remove a preview; unknown tokens are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class Assignments(Collection[Assignment]):
    """Assignments of measures to people and units, ended ones included."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.ASSIGNMENTS, host)
        self._by_measure = self._index(lambda a: (a.measure_id,))
        self._by_person = self._index(lambda a: (a.person_id,))
        self._by_unit = self._index(lambda a: (a.unit_id,))

    def for_measure(self, measure_id: str) -> Sequence[Assignment]:
        """Every assignment of the measure."""
        return self._find(self._by_measure, measure_id)

    def for_measures(self, measure_ids: Sequence[str]) -> Sequence[Assignment]:
        """``for_measure`` of each id in turn."""
        return tuple(a for key in measure_ids for a in self.for_measure(key))

    def for_person(self, person_id: str) -> Sequence[Assignment]:
        """Every assignment naming the person."""
        return self._find(self._by_person, person_id)

    def for_unit(self, unit_id: str) -> Sequence[Assignment]:
        """Every assignment naming the unit."""
        return self._find(self._by_unit, unit_id)


class Cycles(Collection[Cycle]):
    """Dispatch cycles."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.CYCLES, host)
        self._by_team = self._index(lambda c: (c.team_id,), order=attrgetter("period_start"))

    def for_team(self, team_id: str) -> Sequence[Cycle]:
        """The team's cycles, ordered by period start."""
        return self._find(self._by_team, team_id)


class Prompts(Collection[Prompt]):
    """Prompts sent in cycles."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.PROMPTS, host)
        self._by_cycle = self._index(lambda p: (p.cycle_id,))

    def for_cycle(self, cycle_id: str) -> Sequence[Prompt]:
        """The cycle's prompts."""
        return self._find(self._by_cycle, cycle_id)

    def for_cycles(self, cycle_ids: Sequence[str]) -> Sequence[Prompt]:
        """``for_cycle`` of each id in turn."""
        return tuple(prompt for key in cycle_ids for prompt in self.for_cycle(key))


# Order functions are attribute getters (C): an index calls its order at every comparison.
_created: Callable[[Report], datetime] = attrgetter("created_at")


class Reports(Collection[Report]):
    """Reports, indexed for every query so none scans history."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.REPORTS, host)
        self._by_measure = self._index(lambda r: (r.measure_id,), order=_created)
        self._by_cycle = self._index(lambda r: (r.cycle_id,))
        self._by_author = self._index(lambda r: (r.author_id, r.on_behalf_of), order=_created)
        self._by_team = self._index(lambda r: (r.team_id,), order=_created)
        self._by_source = self._index(_source_of)

    def for_measure(self, measure_id: str, since: datetime | None = None) -> Sequence[Report]:
        """The measure's reports, oldest first; with ``since``, those created from it on (the
        index is ordered by creation time, so older months are not read)."""
        if since is None:
            return self._find(self._by_measure, measure_id)
        return self._find_between(self._by_measure, measure_id, since, None)

    def for_cycle(self, cycle_id: str) -> Sequence[Report]:
        """The reports filed in a cycle."""
        return self._find(self._by_cycle, cycle_id)

    def for_author(self, person_id: str) -> Sequence[Report]:
        """Reports written by the person or on their behalf, oldest first."""
        return self._find(self._by_author, person_id)

    def latest_for_measure(self, measure_id: str) -> Report | None:
        """The newest report on the measure."""
        return self._find_last(self._by_measure, measure_id)

    def by_source_message(self, chat_id: int, message_id: int) -> Report | None:
        """The (latest) report created from this chat message."""
        return self._find_last(self._by_source, (chat_id, message_id))

    def between(self, team_id: str, start: datetime, end: datetime) -> Sequence[Report]:
        """The team's reports created in ``[start, end)``, oldest first."""
        return self._find_between(self._by_team, team_id, start, end)


def _source_of(report: Report) -> tuple[tuple[int, int] | None]:
    if report.source_chat_id is None or report.source_message_id is None:
        return (None,)
    return ((report.source_chat_id, report.source_message_id),)


class Reminders(Collection[Reminder]):
    """Reminders (催办)."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.REMINDERS, host)
        self._by_person = self._index(lambda r: (r.person_id,), order=attrgetter("sent_at"))
        self._by_cycle = self._index(lambda r: (r.cycle_id,))

    def for_person(self, person_id: str) -> Sequence[Reminder]:
        """The person's reminders, oldest first."""
        return self._find(self._by_person, person_id)

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Reminder]:
        """``for_person`` of each id in turn."""
        return tuple(reminder for key in person_ids for reminder in self.for_person(key))

    def for_cycle(self, cycle_id: str) -> Sequence[Reminder]:
        """The cycle's reminders."""
        return self._find(self._by_cycle, cycle_id)


_requested: Callable[[Closeout], datetime] = attrgetter("requested_at")


class Closeouts(Collection[Closeout]):
    """Close-out requests and decisions."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.CLOSEOUTS, host)
        self._by_measure = self._index(lambda c: (c.measure_id,), order=_requested)
        self._by_team = self._index(lambda c: (c.team_id,), order=_requested)

    def for_measure(self, measure_id: str) -> Sequence[Closeout]:
        """The measure's close-out requests, oldest first."""
        return self._find(self._by_measure, measure_id)

    def for_team(self, team_id: str) -> Sequence[Closeout]:
        """The team's close-out requests, oldest first."""
        return self._find(self._by_team, team_id)


_asked: Callable[[Extension], datetime] = attrgetter("requested_at")


class Extensions(Collection[Extension]):
    """Deadline extension requests and decisions."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.EXTENSIONS, host)
        self._by_measure = self._index(lambda e: (e.measure_id,), order=_asked)
        self._by_team = self._index(lambda e: (e.team_id,), order=_asked)

    def for_measure(self, measure_id: str) -> Sequence[Extension]:
        """The measure's extension requests, oldest first."""
        return self._find(self._by_measure, measure_id)

    def for_team(self, team_id: str) -> Sequence[Extension]:
        """The team's extension requests, oldest first."""
        return self._find(self._by_team, team_id)


_at: Callable[[AuditEntry], datetime] = attrgetter("at")


class Audit(Collection[AuditEntry]):
    """The append-only audit log: no replace, no delete."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.AUDIT, host)
        self._by_time = self._index(lambda e: (True,), order=_at)
        self._by_subject = self._index(lambda e: (e.subject,), order=_at)
        self._by_team = self._index(lambda e: (e.team_id,), order=_at)

    def append(self, entry: AuditEntry) -> None:
        """Record one state change; an entry with the same id is refused."""
        if self.contains(entry.id):
            raise ValueError(f"audit entry {entry.id} exists; the audit log is append-only")
        super().save(entry)

    def save(self, item: AuditEntry) -> None:
        """Appending is the only write (kept for symmetry with the other collections)."""
        self.append(item)

    def for_subject(self, subject: str) -> Sequence[AuditEntry]:
        """Entries about one subject, oldest first."""
        return self._find(self._by_subject, subject)

    def for_team(self, team_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        """The team's entries (at or after ``since``), oldest first."""
        return self._find_between(self._by_team, team_id, since, None)

    def __iter__(self) -> Iterator[AuditEntry]:
        """Every entry, oldest first."""
        return iter(self._find(self._by_time, True))


class InboundUpdates(Collection[Inbound]):
    """The intake journal: pending and recently handled updates, by update id."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.INBOUND, host)
        self._by_state = self._index(lambda i: (i.handled,), order=attrgetter("update_id"))

    def pending(self) -> Sequence[Inbound]:
        """Journaled and not yet handled, by update id."""
        return self._find(self._by_state, False)

    def handled(self) -> Sequence[Inbound]:
        """Handled updates still remembered, by update id."""
        return self._find(self._by_state, True)

    def delete(self, key: str) -> None:
        """Forget an entry; unknown ids are ignored."""
        if key in self._items:
            self._host.write(self, key, None)

    def add(self, entry: Inbound) -> bool:
        """Journal a new entry unless one with its id exists; whether it was added."""
        if entry.id in self._items:
            return False
        self.save(entry)
        return True

    def claim(self, key: str, owner: str, lease_seconds: float) -> Claim:
        """One process serves this store and handles one update at a time: every pending
        entry is granted (the intake keeps its own set of updates under way)."""
        entry = self.get(key)
        return Claim.TAKEN if entry is not None and not entry.handled else Claim.HANDLED

    def renew(self, owner: str, lease_seconds: float) -> int:
        """Nothing to extend: claims of a single-process store are not recorded."""
        return 0

    def pending_for_user(self, user_id: int) -> Sequence[Inbound]:
        """The user's pending entries, by update id."""
        return tuple(entry for entry in self.pending() if entry.user_id == user_id)


class SentRecords(Collection[SentRecord]):
    """The outbox's confirmed sends, by key."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.SENT, host)
        self._by_time = self._index(lambda r: (True,), order=attrgetter("sent_at"))

    def sent_before(self, when: datetime) -> Sequence[SentRecord]:
        """Records of messages sent before ``when``, oldest first."""
        return self._find_between(self._by_time, True, None, when)

    def delete(self, key: str) -> None:
        """Forget a record; unknown keys are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class Effects(RecordImages, Collection[Effect]):
    """The writes of updates in flight, by update and order."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.EFFECTS, host)
        self._by_update = self._index(lambda e: (e.update_id,), order=attrgetter("id"))

    def for_update(self, update_id: int) -> Sequence[Effect]:
        """The update's writes, in the order they were made."""
        return self._find(self._by_update, update_id)

    def discard(self, collection: str, key: str) -> None:
        """Delete a record an interrupted update created."""
        target = self._host.collections[collection]  # type: ignore[attr-defined]
        if collection == schema.AUDIT.name:
            raise ValueError("the audit log is append-only")
        if target.contains(key):
            self._host.write(target, key, None)

    def delete(self, key: str) -> None:
        """Forget an effect; unknown ids are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class UserStates(Collection[UserState]):
    """People's conversation state, by Telegram user id."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.USER_STATE, host)
        self._by_time = self._index(lambda s: (True,), order=attrgetter("updated_at"))

    def updated_before(self, when: datetime) -> Sequence[UserState]:
        """States last changed before ``when``, oldest first."""
        return self._find_between(self._by_time, True, None, when)

    def delete(self, key: str) -> None:
        """Forget a state; unknown ids are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class LeaderLinks(Collection[LeaderLink]):
    """包联领导 of tasks and sections."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.LEADER_LINKS, host)
        self._by_team = self._index(lambda link: (link.team_id,))

    def for_team(self, team_id: str) -> Sequence[LeaderLink]:
        """The team's links."""
        return self._find(self._by_team, team_id)

    def delete(self, key: str) -> None:
        """Remove a link; unknown ids are ignored."""
        if key in self._items:
            self._host.write(self, key, None)


class Escalations(Collection[Escalation]):
    """Each task's escalation state."""

    def __init__(self, host: WriteHost) -> None:
        super().__init__(schema.ESCALATIONS, host)
        self._by_team = self._index(lambda e: (e.team_id,))

    def for_team(self, team_id: str) -> Sequence[Escalation]:
        """The team's escalation states."""
        return self._find(self._by_team, team_id)
