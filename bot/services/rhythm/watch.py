"""Watching between the rhythm's events: 签收时限 and escalation on red (提请包联领导关注).

Claim notices (:mod:`bot.rhythm.claims`) and escalations (:mod:`bot.rhythm.escalation`) go out
in office hours only: on workdays, from the team's ``deadline_check_time`` until 18:00, like the
deadline notices; outside them they wait for the next opening. Each claim notice is saved as a
:class:`~bot.domain.work.Reminder` once sent (or attempted); each escalation is claimed in the
store *before* its notice goes out (the state's ``spell`` keys the send, so a notice claimed and
not confirmed is sent again under the same key, which the outbox skips if it went out), so a
task staying red is never told twice, across restarts and processes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.leaders import Escalation
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import Assignment, Reminder, ReminderKind
from bot.rhythm.claims import ClaimPlan, claim_plans
from bot.rhythm.escalation import RED, Decision, Step, decide
from bot.rhythm.lights import Verdict, lights_for
from bot.rhythm.parties import parties
from bot.rhythm.scoped import lights_snapshot, notices_snapshot, tasks_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import Answer, standing
from bot.services.common.actor import SYSTEM
from bot.services.common.base import Deps
from bot.services.rhythm.cycles import RhythmService

OFFICE_CLOSE = time(18, 0)


@dataclass(frozen=True, slots=True)
class ClaimItem:
    """One unsigned assignment as a claim notice names it."""

    assignment: Assignment
    measure: Measure
    party: str  # the unit's or the person's name
    overdue_by: timedelta


@dataclass(frozen=True, slots=True)
class ClaimOut:
    """A claim notice to one person: a reminder to sign (CLAIM) or 领办逾期 to a lead."""

    person: Person
    kind: ReminderKind
    items: tuple[ClaimItem, ...]

    @property
    def key(self) -> str:
        """The outbox key: a notice sent but not yet recorded (a crash) is not sent again."""
        rows = "+".join(item.assignment.id for item in self.items)
        return f"claim:{self.kind.value}:{self.person.id}:{rows}"


@dataclass(frozen=True, slots=True)
class EscalationOut:
    """A notice to a task's 包联领导 (or their deputy): the task turned red, and why."""

    person: Person
    leader: str  # the 包联领导's name
    measure: Measure
    verdict: Verdict
    answers: tuple[Answer, ...]
    state: Escalation

    @property
    def key(self) -> str:
        """The outbox key of this red spell's notice."""
        return f"escalate:{self.measure.id}:{self.state.spell}"


class WatchService:
    """Plans and records claim notices and escalations."""

    def __init__(self, deps: Deps, rhythm: RhythmService) -> None:
        self._deps = deps
        self._rhythm = rhythm

    def office_open(self, team_id: str, now: datetime | None = None) -> bool:
        """Whether notices may go out now: a workday, from the check time until 18:00."""
        now = now or self._deps.now()
        start = self._deps.settings(team_id).deadline_check_time
        workday = self._rhythm.calendar.is_workday(now.date())
        return workday and start <= now.time() < OFFICE_CLOSE

    def next_watch(self, team_id: str, now: datetime | None = None) -> datetime:
        """When to look again: the next full hour in office hours, else the next opening."""
        now = now or self._deps.now()
        hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        if self.office_open(team_id, hour):
            return hour
        return self._rhythm.next_deadline_check(team_id, now)

    # -- 签收时限 -------------------------------------------------------------------------------

    def claim_round(self, team_id: str, now: datetime | None = None) -> list[ClaimOut]:
        """The claim reminders and 领办逾期 notices due now, one message per person and kind."""
        now = now or self._deps.now()
        snapshot = notices_snapshot(self._deps.store, team_id)
        by_person: dict[tuple[str, ReminderKind], list[ClaimItem]] = {}
        for plan in claim_plans(snapshot, now):
            item = _item(snapshot, plan)
            if item is None:
                continue
            for person_id in plan.person_ids:
                by_person.setdefault((person_id, plan.kind), []).append(item)
        people = snapshot.person_by_id
        return [
            ClaimOut(people[person_id], kind, tuple(items))
            for (person_id, kind), items in by_person.items()
        ]

    def record_claim(self, out: ClaimOut, team_id: str, delivered: bool) -> None:
        """Save each assignment's notice to the person, audited on its task."""
        with self._deps.store.atomic():
            for item in out.items:
                self._deps.store.reminders.save(
                    Reminder(
                        new_id("n"),
                        team_id,
                        out.person.id,
                        out.kind,
                        self._deps.now(),
                        measure_id=item.measure.id,
                        delivered=delivered,
                        assignment_id=item.assignment.id,
                    )
                )
                self._deps.audit(
                    SYSTEM,
                    Action.REMINDED,
                    item.measure.id,
                    team_id,
                    person=out.person.id,
                    kind=out.kind.value,
                    delivered=delivered,
                )

    # -- escalation ----------------------------------------------------------------------------

    def escalations(
        self,
        team_id: str,
        now: datetime | None = None,
        *,
        measure_ids: Collection[str] | None = None,
    ) -> list[EscalationOut]:
        """Reset the tasks that left red, claim the red ones to tell, and return the notices to
        send (none outside office hours: they wait, nothing is claimed). ``measure_ids``: only
        those tasks, read from their own history (after a report), not the team's."""
        now = now or self._deps.now()
        as_of, store = now + timedelta(microseconds=1), self._deps.store
        if measure_ids is None:
            snapshot = lights_snapshot(store, team_id, as_of)
        else:
            scoped = tasks_snapshot(store, team_id, measure_ids, as_of)
            snapshot = replace(
                scoped,
                leader_links=tuple(store.leader_links.for_team(team_id)),
                escalations=tuple(store.escalations.for_team(team_id)),
            )
        verdicts = lights_for(snapshot, as_of, measure_ids)
        open_now = self.office_open(team_id, now)
        outs = []
        for decision in decide(snapshot, verdicts, now):
            if decision.step is Step.RESET:
                self._reset(decision, now)
            elif open_now:
                claimed = self._claim(team_id, decision, now)
                if claimed is not None:
                    outs.append(_escalation_out(snapshot, decision, claimed))
        return outs

    def mark_escalated(self, out: EscalationOut, delivered: bool) -> None:
        """The notice went out (or could not): confirm the claim and audit it on the task."""
        with self._deps.store.atomic():
            self._deps.store.escalations.save(
                replace(out.state, notified_at=self._deps.now(), delivered=delivered)
            )
            self._deps.audit(
                SYSTEM,
                Action.ESCALATED,
                out.measure.id,
                out.state.team_id,
                person=out.person.id,
                spell=out.state.spell,
                delivered=delivered,
                reasons=",".join(r.value for r in out.verdict.reasons),
            )

    def escalated_since(self, team_id: str, since: datetime) -> list[Escalation]:
        """The team's escalations told since ``since`` (the leads' digest lists them)."""
        return [
            e
            for e in self._deps.store.escalations.for_team(team_id)
            if e.notified_at is not None and e.notified_at >= since and e.light == RED
        ]

    def _reset(self, decision: Decision, now: datetime) -> None:
        assert decision.state is not None
        light = decision.verdict.light.value
        self._deps.store.escalations.save(replace(decision.state, light=light, changed_at=now))

    def _claim(self, team_id: str, decision: Decision, now: datetime) -> Escalation | None:
        """Write the red state before telling; None if another run claimed it meanwhile."""
        assert decision.recipient is not None
        with self._deps.store.atomic():
            current = self._deps.store.escalations.get(decision.measure.id)
            if decision.step is Step.RESEND:
                return current if current is not None and current.notified_at is None else None
            if current is not None and current.light == RED:
                return None
            state = Escalation(
                decision.measure.id,
                team_id,
                RED,
                now,
                spell=(current.spell if current else 0) + 1,
                leader_id=decision.recipient.id,
                reasons=tuple(r.value for r in decision.verdict.reasons),
            )
            self._deps.store.escalations.save(state)
            return state


def _item(snapshot: TeamSnapshot, plan: ClaimPlan) -> ClaimItem | None:
    measure = snapshot.measure_by_id.get(plan.assignment.measure_id)
    if measure is None:
        return None
    row = plan.assignment
    name = next((p.name for p in parties(snapshot, measure.id) if p.assignment.id == row.id), "")
    return ClaimItem(row, measure, name, plan.overdue_by)


def _escalation_out(
    snapshot: TeamSnapshot, decision: Decision, state: Escalation
) -> EscalationOut:
    assert decision.recipient is not None
    assert decision.leader is not None
    answers = standing(snapshot, decision.measure.id).answers
    return EscalationOut(
        decision.recipient,
        decision.leader.name,
        decision.measure,
        decision.verdict,
        tuple(answers),
        state,
    )
