"""One read of a team's data through the ``Store`` port, as plain immutable values.

Aggregations (lights, dispatch, digest, review, ledger) take a :class:`TeamSnapshot`, so they are
pure and their tests build snapshots from lists; :func:`load_snapshot` is the only function here
that touches the store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from operator import attrgetter
from typing import Any, Protocol, TypeVar

from bot.domain.leaders import Escalation, LeaderLink
from bot.domain.people import Leave, Person, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    Assignment,
    Closeout,
    CloseoutState,
    Cycle,
    CycleKind,
    Extension,
    Prompt,
    Reminder,
    Report,
)

_T = TypeVar("_T")
_K = TypeVar("_K")
_CREATED, _MEASURE, _CYCLE = (
    attrgetter("created_at"),
    attrgetter("measure_id"),
    attrgetter("cycle_id"),
)


@dataclass(frozen=True)
class TeamSnapshot:
    """Everything the rhythm needs about one team, with indexed look-ups."""

    settings: TeamSettings
    team: Team | None = None
    units: tuple[Unit, ...] = ()
    people: tuple[Person, ...] = ()
    leaves: tuple[Leave, ...] = ()
    plans: tuple[Plan, ...] = ()
    measures: tuple[Measure, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    cycles: tuple[Cycle, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    reports: tuple[Report, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    closeouts: tuple[Closeout, ...] = field(default=())
    extensions: tuple[Extension, ...] = ()  # deadline extension requests (延期申请)
    leader_links: tuple[LeaderLink, ...] = ()
    escalations: tuple[Escalation, ...] = ()

    @cached_property
    def memo(self) -> dict[str, dict[Any, Any]]:
        """Results pure functions of this snapshot worked out once (by function, then key)."""
        return {}

    @property
    def team_id(self) -> str:
        """The team's id."""
        return self.settings.team_id

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """People by id."""
        return {person.id: person for person in self.people}

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        """Units by id."""
        return {unit.id: unit for unit in self.units}

    @cached_property
    def plan_by_id(self) -> dict[str, Plan]:
        """Plans by id."""
        return {plan.id: plan for plan in self.plans}

    @cached_property
    def measure_by_id(self) -> dict[str, Measure]:
        """Measures (removed ones included) by id."""
        return {measure.id: measure for measure in self.measures}

    @cached_property
    def active_measures(self) -> tuple[Measure, ...]:
        """Measures still in the plan, in plan order."""
        live = [m for m in self.measures if m.active]
        return tuple(sorted(live, key=lambda m: (m.plan_id, m.position)))

    @cached_property
    def reports_in_order(self) -> list[Report]:
        """Every report, oldest first (sorted once for the indexes by measure and cycle)."""
        return sorted(self.reports, key=_CREATED)

    @cached_property
    def reports_by_measure(self) -> dict[str, list[Report]]:
        """Each measure's reports, oldest first."""
        return _group(self.reports_in_order, _MEASURE)

    @cached_property
    def assignments_by_measure(self) -> dict[str, list[Assignment]]:
        """Each measure's assignments in force."""
        return _group((a for a in self.assignments if a.active), lambda a: a.measure_id)

    @cached_property
    def reports_by_cycle(self) -> dict[str | None, list[Report]]:
        """Reports by the cycle they were filed in (None: filed outside any), oldest first."""
        return _group(self.reports_in_order, _CYCLE)

    @cached_property
    def all_assignments_by_measure(self) -> dict[str, list[Assignment]]:
        """Each measure's assignments, ended ones included (for views as of a past moment)."""
        return _group(self.assignments, lambda a: a.measure_id)

    def assignments_of(self, measure_id: str) -> list[Assignment]:
        """The measure's assignments, ended ones included."""
        return self.all_assignments_by_measure.get(measure_id, [])

    @cached_property
    def people_by_unit(self) -> dict[str, list[Person]]:
        """Each unit's members (active or not), in roster order."""
        return _group((p for p in self.people if p.unit_id), lambda p: p.unit_id or "")

    def members_of(self, unit_id: str) -> list[Person]:
        """The unit's members, in roster order."""
        return self.people_by_unit.get(unit_id, [])

    @cached_property
    def prompts_by_cycle(self) -> dict[str, list[Prompt]]:
        """Each cycle's prompts."""
        return _group(self.prompts, lambda p: p.cycle_id)

    @cached_property
    def asked_by_cycle(self) -> dict[str, frozenset[str]]:
        """The tasks each cycle's prompts asked about."""
        return {
            cycle_id: frozenset(m for p in prompts for m in p.measure_ids)
            for cycle_id, prompts in self.prompts_by_cycle.items()
        }

    @cached_property
    def weekly_cycles(self) -> tuple[Cycle, ...]:
        """Weekly cycles by period start."""
        weekly = (c for c in self.cycles if c.kind is CycleKind.WEEKLY)
        return tuple(sorted(weekly, key=lambda c: c.period_start))

    @cached_property
    def weekly_cycles_asking(self) -> dict[str, list[Cycle]]:
        """The weekly cycles whose prompts asked about each task, by period start."""
        asking: dict[str, list[Cycle]] = defaultdict(list)
        for cycle in self.weekly_cycles:
            for measure_id in self.asked_by_cycle.get(cycle.id, ()):
                asking[measure_id].append(cycle)
        return dict(asking)

    def reports_on(self, measure_id: str, until: datetime | None = None) -> list[Report]:
        """The measure's reports made up to ``until`` included (all when None), oldest first:
        a view as of a moment counts what was recorded at that moment."""
        reports = self.reports_by_measure.get(measure_id, [])
        if until is None or not reports or reports[-1].created_at <= until:
            return reports
        return reports[: bisect_right(reports, until, key=_CREATED)]

    @cached_property
    def closeouts_by_measure(self) -> dict[str, list[Closeout]]:
        """Each measure's close-out requests (every task's state is asked for, often)."""
        return _group(self.closeouts, lambda c: c.measure_id)

    def closeout_state(
        self, measure_id: str, until: datetime | None = None
    ) -> CloseoutState | None:
        """The state of the measure's latest close-out request as of ``until``."""
        found = self.closeouts_by_measure.get(measure_id, [])
        requests = [c for c in found if until is None or c.requested_at <= until]
        if not requests:
            return None
        latest = max(requests, key=lambda c: c.requested_at)
        if until is not None and latest.decided_at is not None and latest.decided_at > until:
            return CloseoutState.PENDING
        return latest.state

    @cached_property
    def extensions_by_measure(self) -> dict[str, list[Extension]]:
        """Each measure's extension requests (every task's deadline then is asked for)."""
        return _group(self.extensions, lambda x: x.measure_id)

    def on_leave(self, person_id: str, day: datetime) -> Leave | None:
        """The person's leave covering ``day``'s date, if any."""
        return next(
            (lv for lv in self.leaves if lv.person_id == person_id and lv.covers(day.date())),
            None,
        )


def _group(items: Iterable[_T], key_of: Callable[[_T], _K]) -> dict[_K, list[_T]]:
    groups: dict[_K, list[_T]] = defaultdict(list)
    for item in items:
        groups[key_of(item)].append(item)
    return dict(groups)


def history_start(plans: Sequence[Plan]) -> datetime | None:
    """Where the rhythm's reading of a team's history begins: 1 January of the year before its
    newest plan's (a plan is a year's work; the year before it covers a carried-over task and a
    January review). Older records stay in the store, in backups and exports of the store, but
    no digest, review, ledger or light reads them. None (everything) for a team with no plan."""
    if not plans:
        return None
    newest = max(plans, key=lambda p: (p.year or p.imported_at.year, p.imported_at))
    year = newest.year or newest.imported_at.year
    return datetime(year - 1, 1, 1, tzinfo=newest.imported_at.tzinfo)


#: Which cycles' prompts a reading needs, given the snapshot without prompts and reminders.
PromptChoice = Callable[[TeamSnapshot], Iterable[str]]


def load_snapshot(
    store: Store, team_id: str, prompts_of: PromptChoice | None = None
) -> TeamSnapshot:
    """Read one team from the store: everything it has, with its history (cycles, prompts,
    reports, reminders) from :func:`history_start` on.

    With ``prompts_of`` (see :mod:`bot.rhythm.scoped`), only the prompts of the cycles it picks
    are read, and no reminders: what the digest, the review and the ledger need, without the
    prompts of every past week (2,000 a week for a county)."""
    people = tuple(store.people.for_team(team_id))
    plans = tuple(store.plans.for_team(team_id))
    measures = tuple(m for plan in plans for m in store.measures.for_plan(plan.id))
    since = history_start(plans)
    cycles = tuple(
        c for c in store.cycles.for_team(team_id) if since is None or c.opened_at >= since
    )
    ids = {m.id for m in measures}
    reports = (
        (r for m in measures for r in store.reports.for_measure(m.id))
        if since is None
        else (r for r in store.reports.between(team_id, since, _END) if r.measure_id in ids)
    )
    person_ids = [p.id for p in people]
    base = TeamSnapshot(
        settings=store.settings.get(team_id) or TeamSettings(team_id=team_id),
        team=store.teams.get(team_id),
        units=tuple(store.units.for_team(team_id)),
        people=people,
        leaves=tuple(store.leaves.for_people(person_ids)),
        plans=plans,
        measures=measures,
        assignments=_unique(store.assignments.for_measures([m.id for m in measures])),
        cycles=cycles,
        reports=_unique(reports),
        closeouts=tuple(store.closeouts.for_team(team_id)),
        extensions=tuple(store.extensions.for_team(team_id)),
        leader_links=tuple(store.leader_links.for_team(team_id)),
        escalations=tuple(store.escalations.for_team(team_id)),
    )
    if prompts_of is not None:
        wanted = set(prompts_of(base))
        picked = [c.id for c in cycles if c.id in wanted]
        return with_records(base, prompts=tuple(store.prompts.for_cycles(picked)))
    return with_records(
        base,
        prompts=tuple(store.prompts.for_cycles([c.id for c in cycles])),
        reminders=reminders_since(store, people, since),
    )


def reminders_since(
    store: Store, people: Sequence[Person], since: datetime | None
) -> tuple[Reminder, ...]:
    """The reminders sent to ``people`` from ``since`` on (every one when None), each once."""
    sent = store.reminders.for_people([p.id for p in people])
    return _unique(r for r in sent if since is None or r.sent_at >= since)


#: What a snapshot works out from its reports and measures alone (sorted and grouped once).
_FROM_REPORTS = ("reports_in_order", "reports_by_measure", "active_measures")


def with_records(
    base: TeamSnapshot, *, prompts: tuple[Prompt, ...], reminders: tuple[Reminder, ...] = ()
) -> TeamSnapshot:
    """``base`` with these prompts and reminders, keeping what it worked out from its reports
    (a choice of prompts may have sorted them: 34,400 at five years)."""
    snapshot = replace(base, prompts=prompts, reminders=reminders)
    for name in _FROM_REPORTS:
        if name in base.__dict__:
            snapshot.__dict__[name] = base.__dict__[name]  # (what cached_property does)
    return snapshot


#: The end of every history window (no record is dated later).
_END = datetime(9999, 1, 1, tzinfo=UTC)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_I = TypeVar("_I", bound=_HasId)


def _unique(items: Iterable[_I]) -> tuple[_I, ...]:
    return tuple({item.id: item for item in items}.values())
