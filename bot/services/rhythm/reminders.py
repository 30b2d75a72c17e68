"""Reminders (催办): the automatic round before the cutoff, a lead's ``/remind``, deadline notices.

Every reminder sent (or attempted) is saved as a :class:`~bot.domain.work.Reminder`, which is
what caps them per cycle, throttles a lead's 催办 to once per 5 minutes per person and sends each
deadline notice once. Every reminder (manual, automatic, deadline, overdue) is audited on each
task it names, so ``/task`` shows each 催办 in the task's history, with whom it reminded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.audit import Action
from bot.domain.delivery import Undelivered
from bot.domain.ids import new_id
from bot.domain.people import Person, Role
from bot.domain.plan import Measure
from bot.domain.work import Cycle, PromptState, Reminder, ReminderKind
from bot.rhythm.dispatch import open_tasks, reachable, responsible_people
from bot.rhythm.followup import (
    ReminderPlan,
    deadline_notices,
    manual_reminder,
    plan_auto_reminders,
    progress_of,
)
from bot.rhythm.scoped import (
    latest_opened,
    notices_snapshot,
    reminding_snapshot,
    round_snapshot,
)
from bot.rhythm.snapshot import TeamSnapshot
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import Deps
from bot.services.common.errors import NotFound
from bot.services.common.permissions import Perm, check


class SkipWhy(StrEnum):
    """Why a lead's 催办 did not go to someone."""

    THROTTLED = "throttled"  # reminded less than 5 minutes ago
    NOT_JOINED = "not_joined"
    UNREACHABLE = "unreachable"
    ON_LEAVE = "on_leave"
    ANSWERED = "answered"  # nothing outstanding this cycle


@dataclass(frozen=True, slots=True)
class ReminderOut:
    """A reminder to send: to whom, why, about which tasks."""

    person: Person
    kind: ReminderKind
    measures: tuple[Measure, ...]
    cycle_id: str | None = None
    sent_by: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    """Someone a lead's 催办 skipped, and why."""

    person: Person
    why: SkipWhy
    wait: timedelta = timedelta(0)


@dataclass(frozen=True, slots=True)
class ManualRound:
    """A lead's 催办: who gets it and who was skipped."""

    send: tuple[ReminderOut, ...]
    skipped: tuple[Skip, ...]


@dataclass(frozen=True, slots=True)
class NoticesSent:
    """Who got a round of notices (reminders, claim notices, escalations) and who did not,
    with why."""

    delivered: tuple[Person, ...] = ()
    undelivered: tuple[tuple[Person, Undelivered], ...] = ()


class ReminderService:
    """Plan and record reminders."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def auto_round(
        self, cycle_id: str, now: datetime | None = None, round_at: datetime | None = None
    ) -> list[ReminderOut]:
        """The automatic reminder round scheduled at ``round_at`` of a cycle before its cutoff
        (nobody twice in a round; at most ``reminders_per_cycle`` a cycle)."""
        cycle = self._deps.store.cycles.get(cycle_id)
        if cycle is None:
            return []
        now = now or self._deps.now()
        snapshot = round_snapshot(self._deps.store, cycle.team_id, cycle.id, now)
        plans = plan_auto_reminders(snapshot, cycle, now, round_at)
        return _outs(snapshot, plans)

    def deadline_round(self, team_id: str, now: datetime | None = None) -> list[ReminderOut]:
        """Deadline warnings and overdue notices due now and not sent before."""
        snapshot = notices_snapshot(self._deps.store, team_id)
        plans = deadline_notices(snapshot, now or self._deps.now())
        people = snapshot.person_by_id
        return [
            out
            for out in _outs(snapshot, plans)
            if out.person.id in people and reachable(people[out.person.id])
        ]

    def manual(self, actor: Actor, team_id: str, target: str) -> ManualRound:
        """A lead's 催办 to a person, a unit or ``all`` with something outstanding."""
        lead = check(actor, Perm.REMIND, team_id)
        now = self._deps.now()
        snapshot = reminding_snapshot(self._deps.store, team_id, now)
        cycle = latest_opened(snapshot, now)
        send: list[ReminderOut] = []
        skipped: list[Skip] = []
        targets = _targets(snapshot, target)
        for person in targets:
            outstanding = _outstanding(snapshot, cycle, person.id, now)
            why, wait = _why_not(snapshot, cycle, person, outstanding, now)
            if why is SkipWhy.ANSWERED and len(targets) > 1:
                continue  # a unit or everyone: only those with something outstanding count
            if why is not None:
                skipped.append(Skip(person, why, wait))
                continue
            measures = tuple(m for m in snapshot.active_measures if m.id in outstanding)
            send.append(
                ReminderOut(
                    person,
                    ReminderKind.MANUAL,
                    measures,
                    cycle.id if cycle else None,
                    lead.id if lead else None,
                )
            )
        return ManualRound(tuple(send), tuple(skipped))

    def record(self, out: ReminderOut, team_id: str, delivered: bool) -> Reminder:
        """Save a reminder that was sent (or attempted) and audit it on each task it names, so the
        task's history shows every 催办."""
        reminder = Reminder(
            id=new_id("n"),
            team_id=team_id,
            person_id=out.person.id,
            kind=out.kind,
            sent_at=self._deps.now(),
            cycle_id=out.cycle_id,
            measure_id=out.measures[0].id if len(out.measures) == 1 else None,
            sent_by=out.sent_by,
            delivered=delivered,
        )
        with self._deps.store.atomic():
            self._deps.store.reminders.save(reminder)
            actor = SYSTEM if out.sent_by is None else _actor_for(self._deps, out.sent_by)
            for measure in out.measures:
                self._deps.audit(
                    actor,
                    Action.REMINDED,
                    measure.id,
                    team_id,
                    person=out.person.id,
                    kind=out.kind.value,
                    delivered=delivered,
                )
        return reminder


def _actor_for(deps: Deps, person_id: str) -> Actor:
    person = deps.store.people.get(person_id)
    return Actor(person.telegram_id if person else None, persons=(person,) if person else ())


def _outs(snapshot: TeamSnapshot, plans: list[ReminderPlan]) -> list[ReminderOut]:
    measures = {m.id: m for m in snapshot.measures}
    outs = []
    for plan in plans:
        person = snapshot.person_by_id.get(plan.person_id)
        if person is None:
            continue
        chosen = tuple(measures[m] for m in plan.measure_ids if m in measures)
        outs.append(ReminderOut(person, plan.kind, chosen, plan.cycle_id))
    return outs


def _targets(snapshot: TeamSnapshot, target: str) -> list[Person]:
    wanted = target.strip().replace(" ", "")
    reporters = [
        p for p in snapshot.people if p.active and p.role in (Role.OFFICIAL, Role.LIAISON)
    ]
    if wanted.lower() in ("all", "全部", "所有人"):
        return reporters
    units = [u.id for u in snapshot.units if wanted in (u.name, *u.aliases)]
    if units:
        return [p for p in reporters if p.unit_id in units]
    named = [p for p in snapshot.people if p.active and p.name.replace(" ", "") == wanted]
    if not named:
        raise NotFound("err.person_not_found", name=target)
    return named


def _outstanding(
    snapshot: TeamSnapshot, cycle: Cycle | None, person_id: str, now: datetime
) -> set[str]:
    """The person's unanswered tasks in the cycle (all their open tasks without one)."""
    if cycle is not None:
        for progress in progress_of(snapshot, cycle):
            if progress.prompt.person_id == person_id:
                if progress.prompt.state is PromptState.SKIPPED:
                    return set()
                return set(progress.outstanding)
    return {m for m in open_tasks(snapshot) if person_id in responsible_people(snapshot, m)}


def _why_not(
    snapshot: TeamSnapshot,
    cycle: Cycle | None,
    person: Person,
    outstanding: set[str],
    now: datetime,
) -> tuple[SkipWhy | None, timedelta]:
    if not person.joined:
        return SkipWhy.NOT_JOINED, timedelta(0)
    if person.unreachable_since is not None:
        return SkipWhy.UNREACHABLE, timedelta(0)
    if snapshot.on_leave(person.id, now) is not None:
        return SkipWhy.ON_LEAVE, timedelta(0)
    if not outstanding:
        return SkipWhy.ANSWERED, timedelta(0)
    decision = manual_reminder(snapshot, person.id, now)
    if not decision.allowed:
        return SkipWhy.THROTTLED, decision.retry_after
    return None, timedelta(0)
