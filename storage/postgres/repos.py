"""The repositories of ``bot.domain.ports`` as SQL over one table per collection.

Each query uses an index on its key columns and orders as the port says: by the stated time,
then by insertion (``seq``); "insertion order" is ``seq`` alone. Entities go through the codec
shared with the TinyDB adapter, so both store exactly the same documents.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

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
from storage.codec import decode, encode
from storage.collection import key_of
from storage.effects import RecordImages
from storage.postgres.tables import TABLE_BY_NAME, Table

T = TypeVar("T")


class Host(Protocol):
    """The store side of a repository: runs statements in the right transaction."""

    def write(self, query: str, params: Sequence[Any], *, idempotent: bool = True) -> int:
        """Run a writing statement; the number of rows it touched (``idempotent``: it may be
        tried again if the connection breaks)."""
        ...

    def read(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query."""
        ...


def dumps(doc: dict[str, Any]) -> str:
    """A document as the JSON text stored in ``data`` (compact, Unicode kept)."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


class TableRepo(Generic[T]):
    """get / save / all over one collection's table."""

    def __init__(self, name: str, host: Host) -> None:
        self.table: Table = TABLE_BY_NAME[name]
        self._host = host
        self._entity: type[Any] = self.table.spec.entity
        columns = ("id", "data", *self.table.keys)
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join(["%s"] * len(columns))
        updates = ", ".join(f'"{column}" = EXCLUDED."{column}"' for column in columns[1:])
        self._insert = f"INSERT INTO {name} ({names}) VALUES ({marks})"
        self._upsert = f"{self._insert} ON CONFLICT (id) DO UPDATE SET {updates}"

    @property
    def name(self) -> str:
        """The collection's name."""
        return self.table.name

    def _row(self, item: object) -> tuple[Any, ...]:
        if not isinstance(item, self._entity):
            raise TypeError(f"{self.name} stores {self._entity.__name__}, not {item!r}")
        return (key_of(item), dumps(encode(item)), *self.table.key_values(item))

    def _select(
        self, where: str = "TRUE", params: Sequence[Any] = (), order: str = ""
    ) -> tuple[T, ...]:
        order_by = f"{order}, seq" if order else "seq"
        rows = self._host.read(
            f"SELECT data FROM {self.name} WHERE {where} ORDER BY {order_by}", params
        )
        entity = self._entity
        return tuple(decode(entity, row[0]) for row in rows)

    def _select_many(self, column: str, keys: Sequence[str], order: str = "") -> tuple[T, ...]:
        """The rows whose ``column`` is one of ``keys``, grouped by key in the keys' order and
        each group as the one-key query orders it: one query on the column's index."""
        if not keys:
            return ()
        by_key = f"array_position(%s::text[], {column})"
        return self._select(
            f"{column} = ANY(%s)", (list(keys), list(keys)),
            f"{by_key}, {order}" if order else by_key,
        )  # fmt: skip

    def _last(self, where: str, params: Sequence[Any], order: str = "") -> T | None:
        order_by = f"{order} DESC, seq DESC" if order else "seq DESC"
        query = f"SELECT data FROM {self.name} WHERE {where} ORDER BY {order_by} LIMIT 1"
        rows = self._host.read(query, params)
        return decode(self._entity, rows[0][0]) if rows else None

    def get(self, key: str) -> T | None:
        """The entity with this id, or None."""
        rows = self._host.read(f"SELECT data FROM {self.name} WHERE id = %s", (key,))
        return decode(self._entity, rows[0][0]) if rows else None

    def save(self, item: T) -> None:
        """Insert or replace the entity with the same id (keeping its place in ``all()``)."""
        self._host.write(self._upsert, self._row(item))

    def all(self) -> tuple[T, ...]:
        """Every entity, in insertion order."""
        return self._select()

    def _delete(self, key: str) -> None:
        self._host.write(f"DELETE FROM {self.name} WHERE id = %s", (key,))


class Teams(TableRepo[Team]):
    """Teams (supervision offices)."""

    def __init__(self, host: Host) -> None:
        super().__init__("teams", host)


class Settings(TableRepo[TeamSettings]):
    """Per-team settings, keyed by team id."""

    def __init__(self, host: Host) -> None:
        super().__init__("settings", host)


class Units(TableRepo[Unit]):
    """Units of a team."""

    def __init__(self, host: Host) -> None:
        super().__init__("units", host)

    def for_team(self, team_id: str) -> Sequence[Unit]:
        """The team's units."""
        return self._select("team_id = %s", (team_id,))


class People(TableRepo[Person]):
    """People of all teams."""

    def __init__(self, host: Host) -> None:
        super().__init__("people", host)

    def for_team(self, team_id: str) -> Sequence[Person]:
        """The team's people."""
        return self._select("team_id = %s", (team_id,))

    def by_telegram_id(self, telegram_id: int) -> Sequence[Person]:
        """People bound to this Telegram account."""
        return self._select("telegram_id = %s", (telegram_id,))


class Invites(TableRepo[Invite]):
    """Invite tokens, keyed by token."""

    def __init__(self, host: Host) -> None:
        super().__init__("invites", host)

    def for_person(self, person_id: str) -> Sequence[Invite]:
        """Every invite ever made for the person."""
        return self._select("person_id = %s", (person_id,))


class Leaves(TableRepo[Leave]):
    """Leave periods."""

    def __init__(self, host: Host) -> None:
        super().__init__("leaves", host)

    def for_person(self, person_id: str) -> Sequence[Leave]:
        """The person's leave periods."""
        return self._select("person_id = %s", (person_id,))

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Leave]:
        """``for_person`` of each id in turn."""
        return self._select_many("person_id", person_ids)

    def delete(self, key: str) -> None:
        """Remove a leave period (cancelled leave); unknown ids are ignored."""
        self._delete(key)


class Plans(TableRepo[Plan]):
    """Imported plans."""

    def __init__(self, host: Host) -> None:
        super().__init__("plans", host)

    def for_team(self, team_id: str) -> Sequence[Plan]:
        """The team's plans, oldest first."""
        return self._select("team_id = %s", (team_id,), "imported_at")


class Measures(TableRepo[Measure]):
    """Measures (tasks)."""

    def __init__(self, host: Host) -> None:
        super().__init__("measures", host)

    def for_plan(self, plan_id: str) -> Sequence[Measure]:
        """The plan's measures, removed ones included, in insertion order."""
        return self._select("plan_id = %s", (plan_id,))


class PendingImports(TableRepo[PendingImport]):
    """Import previews awaiting Confirm / Cancel."""

    def __init__(self, host: Host) -> None:
        super().__init__("pending_imports", host)

    def delete(self, key: str) -> None:
        """Remove a preview; unknown tokens are ignored."""
        self._delete(key)


class Assignments(TableRepo[Assignment]):
    """Assignments of measures to people and units, ended ones included."""

    def __init__(self, host: Host) -> None:
        super().__init__("assignments", host)

    def for_measure(self, measure_id: str) -> Sequence[Assignment]:
        """Every assignment of the measure."""
        return self._select("measure_id = %s", (measure_id,))

    def for_measures(self, measure_ids: Sequence[str]) -> Sequence[Assignment]:
        """``for_measure`` of each id in turn."""
        return self._select_many("measure_id", measure_ids)

    def for_person(self, person_id: str) -> Sequence[Assignment]:
        """Every assignment naming the person."""
        return self._select("person_id = %s", (person_id,))

    def for_unit(self, unit_id: str) -> Sequence[Assignment]:
        """Every assignment naming the unit."""
        return self._select("unit_id = %s", (unit_id,))


class Cycles(TableRepo[Cycle]):
    """Dispatch cycles."""

    def __init__(self, host: Host) -> None:
        super().__init__("cycles", host)

    def for_team(self, team_id: str) -> Sequence[Cycle]:
        """The team's cycles, ordered by period start."""
        return self._select("team_id = %s", (team_id,), "period_start")


class Prompts(TableRepo[Prompt]):
    """Prompts sent in cycles."""

    def __init__(self, host: Host) -> None:
        super().__init__("prompts", host)

    def for_cycle(self, cycle_id: str) -> Sequence[Prompt]:
        """The cycle's prompts."""
        return self._select("cycle_id = %s", (cycle_id,))

    def for_cycles(self, cycle_ids: Sequence[str]) -> Sequence[Prompt]:
        """``for_cycle`` of each id in turn."""
        return self._select_many("cycle_id", cycle_ids)


class Reports(TableRepo[Report]):
    """Reports, each query on its own index."""

    def __init__(self, host: Host) -> None:
        super().__init__("reports", host)

    def for_measure(self, measure_id: str, since: datetime | None = None) -> Sequence[Report]:
        """The measure's reports, oldest first; with ``since``, those created from it on (a
        range on the ``reports_measure`` index)."""
        if since is None:
            return self._select("measure_id = %s", (measure_id,), "created_at")
        where = "measure_id = %s AND created_at >= %s"
        return self._select(where, (measure_id, since), "created_at")

    def for_cycle(self, cycle_id: str) -> Sequence[Report]:
        """The reports filed in a cycle."""
        return self._select("cycle_id = %s", (cycle_id,))

    def for_author(self, person_id: str) -> Sequence[Report]:
        """Reports written by the person or on their behalf, oldest first."""
        where = "(author_id = %s OR on_behalf_of = %s)"
        return self._select(where, (person_id, person_id), "created_at")

    def latest_for_measure(self, measure_id: str) -> Report | None:
        """The newest report on the measure."""
        return self._last("measure_id = %s", (measure_id,), "created_at")

    def by_source_message(self, chat_id: int, message_id: int) -> Report | None:
        """The (latest) report created from this chat message."""
        where = "source_chat_id = %s AND source_message_id = %s"
        return self._last(where, (chat_id, message_id))

    def between(self, team_id: str, start: datetime, end: datetime) -> Sequence[Report]:
        """The team's reports created in ``[start, end)``, oldest first."""
        where = "team_id = %s AND created_at >= %s AND created_at < %s"
        return self._select(where, (team_id, start, end), "created_at")


class Reminders(TableRepo[Reminder]):
    """Reminders (催办)."""

    def __init__(self, host: Host) -> None:
        super().__init__("reminders", host)

    def for_person(self, person_id: str) -> Sequence[Reminder]:
        """The person's reminders, oldest first."""
        return self._select("person_id = %s", (person_id,), "sent_at")

    def for_people(self, person_ids: Sequence[str]) -> Sequence[Reminder]:
        """``for_person`` of each id in turn."""
        return self._select_many("person_id", person_ids, "sent_at")

    def for_cycle(self, cycle_id: str) -> Sequence[Reminder]:
        """The cycle's reminders."""
        return self._select("cycle_id = %s", (cycle_id,))


class Closeouts(TableRepo[Closeout]):
    """Close-out requests and decisions."""

    def __init__(self, host: Host) -> None:
        super().__init__("closeouts", host)

    def for_measure(self, measure_id: str) -> Sequence[Closeout]:
        """The measure's close-out requests, oldest first."""
        return self._select("measure_id = %s", (measure_id,), "requested_at")

    def for_team(self, team_id: str) -> Sequence[Closeout]:
        """The team's close-out requests, oldest first."""
        return self._select("team_id = %s", (team_id,), "requested_at")


class Extensions(TableRepo[Extension]):
    """Deadline extension requests and decisions."""

    def __init__(self, host: Host) -> None:
        super().__init__("extensions", host)

    def for_measure(self, measure_id: str) -> Sequence[Extension]:
        """The measure's extension requests, oldest first."""
        return self._select("measure_id = %s", (measure_id,), "requested_at")

    def for_team(self, team_id: str) -> Sequence[Extension]:
        """The team's extension requests, oldest first."""
        return self._select("team_id = %s", (team_id,), "requested_at")


class Audit(TableRepo[AuditEntry]):
    """The append-only audit log: no replace, no delete."""

    def __init__(self, host: Host) -> None:
        super().__init__("audit", host)

    def append(self, entry: AuditEntry) -> None:
        """Record one state change; an entry with the same id is refused."""
        query = f"{self._insert} ON CONFLICT (id) DO NOTHING"
        if not self._host.write(query, self._row(entry), idempotent=False):
            raise ValueError(f"audit entry {entry.id} exists; the audit log is append-only")

    def save(self, item: AuditEntry) -> None:
        """Appending is the only write (kept for symmetry with the other collections)."""
        self.append(item)

    def for_subject(self, subject: str) -> Sequence[AuditEntry]:
        """Entries about one subject, oldest first."""
        return self._select("subject = %s", (subject,), '"at"')

    def for_team(self, team_id: str, since: datetime | None = None) -> Sequence[AuditEntry]:
        """The team's entries (at or after ``since``), oldest first."""
        if since is None:
            return self._select("team_id = %s", (team_id,), '"at"')
        where = 'team_id = %s AND "at" >= %s'
        return self._select(where, (team_id, since), '"at"')

    def __iter__(self) -> Iterator[AuditEntry]:
        """Every entry, oldest first."""
        return iter(self._select(order='"at"'))


class InboundUpdates(TableRepo[Inbound]):
    """The intake journal: pending and recently handled updates, by update id."""

    def __init__(self, host: Host) -> None:
        super().__init__("inbound", host)

    def pending(self) -> Sequence[Inbound]:
        """Journaled and not yet handled, by update id."""
        return self._select("handled_at IS NULL", (), "update_id")

    def handled(self) -> Sequence[Inbound]:
        """Handled updates still remembered, by update id."""
        return self._select("handled_at IS NOT NULL", (), "update_id")

    def delete(self, key: str) -> None:
        """Forget an entry; unknown ids are ignored."""
        self._delete(key)

    def add(self, entry: Inbound) -> bool:
        """Journal a new entry unless one with its id exists (one statement, so two processes
        receiving the same update never turn a handled entry back into a pending one)."""
        return bool(self._host.write(f"{self._insert} ON CONFLICT (id) DO NOTHING",
                                     self._row(entry)))  # fmt: skip

    def claim(self, key: str, owner: str, lease_seconds: float) -> Claim:
        """Take the entry for ``owner`` in one conditional ``UPDATE`` (see the port)."""
        if self._host.write(_CLAIM, (owner, lease_seconds, key, owner)):
            return Claim.TAKEN
        rows = self._host.read("SELECT handled_at IS NOT NULL FROM inbound WHERE id = %s", (key,))
        return Claim.HANDLED if not rows or rows[0][0] else Claim.BUSY

    def renew(self, owner: str, lease_seconds: float) -> int:
        """Extend the owner's pending claims from the database's now."""
        return self._host.write(_RENEW, (lease_seconds, owner))

    def pending_for_user(self, user_id: int) -> Sequence[Inbound]:
        """The user's pending entries, by update id."""
        return self._select("user_id = %s AND handled_at IS NULL", (user_id,), "update_id")


# Times are the database's: processes on several hosts agree on when a claim expires.
_CLAIM = """UPDATE inbound SET claimed_by = %s,
  claimed_until = now() + make_interval(secs => %s)
WHERE id = %s AND handled_at IS NULL
  AND (claimed_until IS NULL OR claimed_until < now() OR claimed_by = %s)
  AND NOT EXISTS (SELECT 1 FROM inbound AS earlier
                  WHERE earlier.user_id = inbound.user_id AND earlier.handled_at IS NULL
                    AND earlier.update_id < inbound.update_id)"""
_RENEW = """UPDATE inbound SET claimed_until = now() + make_interval(secs => %s)
WHERE claimed_by = %s AND handled_at IS NULL"""


class SentRecords(TableRepo[SentRecord]):
    """The outbox's confirmed sends, by key."""

    def __init__(self, host: Host) -> None:
        super().__init__("sent", host)

    def sent_before(self, when: datetime) -> Sequence[SentRecord]:
        """Records of messages sent before ``when``, oldest first."""
        return self._select("sent_at < %s", (when,), "sent_at")

    def delete(self, key: str) -> None:
        """Forget a record; unknown keys are ignored."""
        self._delete(key)


class Effects(RecordImages, TableRepo[Effect]):
    """The writes of updates in flight, by update and order."""

    def __init__(self, host: Host) -> None:
        super().__init__("effects", host)

    def for_update(self, update_id: int) -> Sequence[Effect]:
        """The update's writes, in the order they were made."""
        return self._select("update_id = %s", (update_id,), "id")

    def discard(self, collection: str, key: str) -> None:
        """Delete a record an interrupted update created."""
        table = TABLE_BY_NAME[collection].name  # a known table, never user text
        if table == "audit":
            raise ValueError("the audit log is append-only")
        self._host.write(f"DELETE FROM {table} WHERE id = %s", (key,))

    def delete(self, key: str) -> None:
        """Forget an effect; unknown ids are ignored."""
        self._delete(key)


class UserStates(TableRepo[UserState]):
    """People's conversation state, by Telegram user id."""

    def __init__(self, host: Host) -> None:
        super().__init__("user_state", host)

    def updated_before(self, when: datetime) -> Sequence[UserState]:
        """States last changed before ``when``, oldest first."""
        return self._select("updated_at < %s", (when,), "updated_at")

    def delete(self, key: str) -> None:
        """Forget a state; unknown ids are ignored."""
        self._delete(key)


class LeaderLinks(TableRepo[LeaderLink]):
    """包联领导 of tasks and sections."""

    def __init__(self, host: Host) -> None:
        super().__init__("leader_links", host)

    def for_team(self, team_id: str) -> Sequence[LeaderLink]:
        """The team's links."""
        return self._select("team_id = %s", (team_id,))

    def delete(self, key: str) -> None:
        """Remove a link; unknown ids are ignored."""
        self._delete(key)


class Escalations(TableRepo[Escalation]):
    """Each task's escalation state."""

    def __init__(self, host: Host) -> None:
        super().__init__("escalations", host)

    def for_team(self, team_id: str) -> Sequence[Escalation]:
        """The team's escalation states."""
        return self._select("team_id = %s", (team_id,))
