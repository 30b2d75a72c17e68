"""What every service shares: the store, the clock, lookups that refuse cleanly, and auditing."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Generic, Protocol, TypeVar

from bot.domain.audit import Action, AuditEntry, AuditValue
from bot.domain.clock import Clock
from bot.domain.ids import new_id
from bot.domain.people import Person, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import Cycle, cycle_at
from bot.services.common.actor import Actor
from bot.services.common.errors import NotFound
from bot.services.common.offload import Offload

T = TypeVar("T")

DEFAULT_INVITE_TTL = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing (pages count from 0)."""

    items: tuple[T, ...]
    page: int
    page_size: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least 1)."""
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        """Whether a later page exists."""
        return self.page + 1 < self.pages

    @property
    def has_prev(self) -> bool:
        """Whether an earlier page exists."""
        return self.page > 0


def paginate(items: list[T] | tuple[T, ...], page: int, page_size: int) -> Page[T]:
    """Cut ``items`` into pages, clamping ``page`` into range."""
    size = max(1, page_size)
    last = max(0, -(-len(items) // size) - 1)
    page = min(max(0, page), last)
    return Page(tuple(items[page * size : (page + 1) * size]), page, size, len(items))


class OffLoop(Protocol):
    """Runs pure, picklable work away from the event loop (see :mod:`bot.offload`)."""

    def __call__(self, work: Callable[..., T], *args: object) -> Awaitable[T]:
        """``work(*args)`` elsewhere, awaited."""
        ...


#: Opens a read-only view of the store (in whatever process calls it); the caller closes it.
StoreReader = Callable[[], Store]


async def in_thread(work: Callable[..., T], *args: object) -> T:
    """:class:`OffLoop` in a worker thread (when no worker process was given)."""
    return await asyncio.to_thread(work, *args)


@dataclass
class Deps:
    """The services' shared dependencies and helpers."""

    store: Store
    clock: Clock
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    invite_ttl: timedelta = DEFAULT_INVITE_TTL
    off_loop: OffLoop = in_thread  # heavy pure work (workbooks, charts); a process in the bot
    offload: Offload = field(default_factory=Offload)  # where heavy reads run
    #: Opens the store read-only in a worker process (picklable; the embedded store's
    #: directory in the bot): what the review and the ledger read there, so the bot never holds
    #: a year's prompts (see :mod:`bot.offload`). None: they are read here and handed over.
    reader: StoreReader | None = None

    def now(self) -> datetime:
        """The current time."""
        return self.clock.now()

    def audit(
        self,
        actor: Actor,
        action: Action,
        subject: str,
        team_id: str | None,
        **detail: AuditValue,
    ) -> AuditEntry:
        """Append an audit row for a state change made by ``actor``."""
        person = actor.person_in(team_id) if team_id else actor.person
        if person is None and actor.is_admin and actor.telegram_id is not None:
            detail.setdefault("admin", actor.telegram_id)
        entry = AuditEntry(
            id=new_id("a"),
            team_id=team_id,
            at=self.now(),
            actor_id=person.id if person else None,
            action=action,
            subject=subject,
            detail=dict(detail),
        )
        self.store.audit.append(entry)
        return entry

    # -- lookups that raise NotFound ----------------------------------------------------------

    def team(self, team_id: str) -> Team:
        """The team, or NotFound."""
        team = self.store.teams.get(team_id)
        if team is None:
            raise NotFound("err.team_not_found", team=team_id)
        return team

    def settings(self, team_id: str) -> TeamSettings:
        """The team's settings (defaults if no row was saved)."""
        return self.store.settings.get(team_id) or TeamSettings(team_id=team_id)

    def visible(self, actor: Actor | None, team_id: str, missing: NotFound) -> None:
        """Raise ``missing`` (the answer to an id that does not exist) when ``actor`` is a member
        of other teams only: another team's ids are answered exactly like unknown ones, so they
        tell nobody what exists there. Strangers are left to the permission check."""
        if actor is None or not actor.known or actor.is_admin or actor.system:
            return
        if actor.person_in(team_id) is None:
            raise missing

    def person(
        self, person_id: str, team_id: str | None = None, *, actor: Actor | None = None
    ) -> Person:
        """The person (in ``team_id`` if given, visible to ``actor`` if given), or NotFound."""
        person = self.store.people.get(person_id)
        missing = NotFound("err.person_not_found", name=person_id)
        if person is None or (team_id is not None and person.team_id != team_id):
            raise missing
        self.visible(actor, person.team_id, missing)
        return person

    def unit(
        self, unit_id: str, team_id: str | None = None, *, actor: Actor | None = None
    ) -> Unit:
        """The unit (in ``team_id`` if given, visible to ``actor`` if given), or NotFound."""
        unit = self.store.units.get(unit_id)
        missing = NotFound("err.unit_not_found", name=unit_id)
        if unit is None or (team_id is not None and unit.team_id != team_id):
            raise missing
        self.visible(actor, unit.team_id, missing)
        return unit

    def current_plan(self, team_id: str) -> Plan | None:
        """The team's plan (the latest, updated in place by re-imports)."""
        plans = self.store.plans.for_team(team_id)
        return plans[-1] if plans else None

    def require_plan(self, team_id: str) -> Plan:
        """The team's plan, or NotFound."""
        plan = self.current_plan(team_id)
        if plan is None:
            raise NotFound("err.no_plan")
        return plan

    def measure(
        self, ref: str, team_id: str | None = None, *, actor: Actor | None = None
    ) -> tuple[Measure, Plan]:
        """A measure by id (case-insensitive, ``#`` allowed) with its plan, or NotFound; with
        ``team_id``, a number (``3``) is the 3rd active measure of that team's plan; with
        ``actor``, another team's measure is NotFound too (:meth:`visible`)."""
        key = ref.strip().lstrip("#")
        if team_id is not None and key.isdigit():
            return self.measure(self.measure_ref(team_id, key).id, actor=actor)
        measure = self._measure_by_id(key)
        plan = self.store.plans.get(measure.plan_id) if measure else None
        missing = NotFound("err.measure_not_found", ref=ref)
        if measure is None or plan is None:
            raise missing
        self.visible(actor, plan.team_id, missing)
        return measure, plan

    def active_measures(self, team_id: str) -> list[Measure]:
        """The current plan's measures still in the plan, in plan order."""
        plan = self.current_plan(team_id)
        if plan is None:
            return []
        return sorted(
            (m for m in self.store.measures.for_plan(plan.id) if m.active),
            key=lambda m: m.position,
        )

    def measure_ref(self, team_id: str, ref: str) -> Measure:
        """A measure of the team by id, or by its 1-based number among the active measures."""
        key = ref.strip().lstrip("#")
        active = self.active_measures(team_id)
        if key.isdigit() and 1 <= int(key) <= len(active):
            return active[int(key) - 1]
        measure = self._measure_by_id(key)
        plan = self.store.plans.get(measure.plan_id) if measure else None
        if measure is None or plan is None or plan.team_id != team_id:
            raise NotFound("err.measure_not_found", ref=ref)
        return measure

    def cycle(self, team_id: str, cycle_id: str | None) -> Cycle | None:
        """The named cycle of the team (NotFound if not), else the weekly cycle a report made
        now belongs to (:func:`bot.domain.work.cycle_at`: the latest opened, even if past its
        cutoff; a report after the cutoff is late)."""
        if cycle_id is not None:
            cycle = self.store.cycles.get(cycle_id)
            if cycle is None or cycle.team_id != team_id:
                raise NotFound("err.cycle_not_found", cycle=cycle_id)
            return cycle
        return cycle_at(self.store.cycles.for_team(team_id), self.now())

    def _measure_by_id(self, ref: str) -> Measure | None:
        """Ids look like ``M3f2a``; users may type them in any case."""
        key = ref.strip()
        for candidate in (key, key[:1].upper() + key[1:].lower(), key.lower()):
            measure = self.store.measures.get(candidate)
            if measure is not None:
                return measure
        return None
