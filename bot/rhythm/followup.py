"""Following up a cycle: who answered, who is reminded (催办), and deadline notices.

- A prompt's task counts as answered when its party (:mod:`bot.rhythm.parties`) answered it in
  the cycle (:func:`bot.rhythm.figures.in_cycle`): the prompted person, someone they act for,
  or a colleague answering for their unit.
- After the cutoff, a non-responder is someone prompted (sent) who answered none of their tasks.
- An automatic reminder round (up to ``reminders_per_cycle`` a cycle, times in
  :mod:`bot.rhythm.schedule`) goes, before the cutoff, to people with unanswered tasks who are
  not on leave and reachable, have had fewer than ``reminders_per_cycle`` automatic reminders in
  the cycle and none since the round's time (so running a round twice sends nothing new).
- A lead's manual 催办 does not count against the automatic ones; it reaches one person at most
  once per 5 minutes.
- Deadline warnings (``deadline_warning_days`` before) and overdue notices go once per person and
  task, for tasks neither done nor closed, to the people responsible (or their deputies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.work import CloseoutState, Cycle, Prompt, PromptState, ReminderKind
from bot.domain.work import ReportStatus as Status
from bot.rhythm.dispatch import reachable, responsible_people
from bot.rhythm.figures import answers_in, cycle_reports
from bot.rhythm.parties import covering_party
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import standing
from bot.rhythm.units_then import recorded_units

MANUAL_THROTTLE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class PromptProgress:
    """How far one person's prompt in a cycle has been answered."""

    prompt: Prompt
    answered: tuple[str, ...]
    outstanding: tuple[str, ...]
    late: bool  # some task's only answers came after the cutoff

    @property
    def responded(self) -> bool:
        """Answered at least one task."""
        return bool(self.answered)


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """A reminder to send: to whom, of which kind, about which tasks."""

    person_id: str
    kind: ReminderKind
    measure_ids: tuple[str, ...]
    cycle_id: str | None = None


@dataclass(frozen=True, slots=True)
class ManualDecision:
    """Whether a lead's 催办 may go now, and if not, how long to wait."""

    allowed: bool
    retry_after: timedelta = timedelta(0)


def progress_of(snapshot: TeamSnapshot, cycle: Cycle) -> list[PromptProgress]:
    """Every prompt of the cycle with what has been answered: a task counts as answered for
    the person asked when their party answered it in the cycle (a colleague's answer for the
    unit included, :mod:`bot.rhythm.figures`)."""
    answers = answers_in(snapshot, cycle)
    reports = cycle_reports(snapshot, cycle)
    day = cycle.opened_at.date()
    result = []
    prompts = snapshot.prompts_by_cycle.get(cycle.id, [])
    units = recorded_units(snapshot, cycle.id)
    for prompt in prompts:
        answered: list[str] = []
        late = False
        for measure_id in prompt.measure_ids:
            party = covering_party(
                snapshot, measure_id, prompt.person_id, day, cycle.opened_at, units
            )
            mine = (
                answers.get((measure_id, party.key), [])
                if party
                else [
                    r
                    for r in reports
                    if r.measure_id == measure_id
                    and prompt.person_id in (r.author_id, r.on_behalf_of)
                ]
            )
            if mine:
                answered.append(measure_id)
                late = late or all(r.late for r in mine)
        result.append(
            PromptProgress(
                prompt=prompt,
                answered=tuple(answered),
                outstanding=tuple(m for m in prompt.measure_ids if m not in answered),
                late=late,
            )
        )
    return result


def non_responders(snapshot: TeamSnapshot, cycle: Cycle, now: datetime) -> list[str]:
    """After the cutoff: people who were sent a prompt and answered nothing."""
    if now < cycle.cutoff_at:
        return []
    return [
        p.prompt.person_id
        for p in progress_of(snapshot, cycle)
        if p.prompt.state is PromptState.SENT and not p.responded
    ]


def plan_auto_reminders(
    snapshot: TeamSnapshot, cycle: Cycle, now: datetime, round_at: datetime | None = None
) -> list[ReminderPlan]:
    """The automatic reminder round of ``cycle`` scheduled at ``round_at`` (default: the
    cycle's opening, i.e. one automatic reminder at most), run at ``now``; empty after the
    cutoff."""
    if now >= cycle.cutoff_at or cycle.closed_at is not None:
        return []
    cap = snapshot.settings.reminders_per_cycle
    since = round_at or cycle.opened_at
    plans = []
    for progress in progress_of(snapshot, cycle):
        person_id = progress.prompt.person_id
        person = snapshot.person_by_id.get(person_id)
        auto = [
            r
            for r in snapshot.reminders
            if r.person_id == person_id and r.cycle_id == cycle.id and r.kind is ReminderKind.AUTO
        ]
        if (
            progress.prompt.state is not PromptState.SENT
            or not progress.outstanding
            or person is None
            or not reachable(person)
            or snapshot.on_leave(person_id, now) is not None
            or len(auto) >= cap
            or any(r.sent_at >= since for r in auto)
        ):
            continue
        plans.append(ReminderPlan(person_id, ReminderKind.AUTO, progress.outstanding, cycle.id))
    return plans


def manual_reminder(
    snapshot: TeamSnapshot, person_id: str, now: datetime, throttle: timedelta = MANUAL_THROTTLE
) -> ManualDecision:
    """Whether a manual 催办 to ``person_id`` may be sent now."""
    times = [
        r.sent_at
        for r in snapshot.reminders
        if r.person_id == person_id and r.kind is ReminderKind.MANUAL
    ]
    if not times or now - max(times) >= throttle:
        return ManualDecision(True)
    return ManualDecision(False, max(times) + throttle - now)


def deadline_notices(snapshot: TeamSnapshot, now: datetime) -> list[ReminderPlan]:
    """Deadline warnings and overdue notices due at ``now`` and not sent before."""
    today = now.date()
    warning = timedelta(days=snapshot.settings.deadline_warning_days)
    already = {(r.person_id, r.measure_id, r.kind) for r in snapshot.reminders}
    plans = []
    for measure in snapshot.active_measures:
        deadline = measure.deadline
        if deadline is None or _finished(snapshot, measure.id):
            continue
        if today > deadline:
            kind = ReminderKind.OVERDUE
        elif today >= deadline - warning:
            kind = ReminderKind.DEADLINE
        else:
            continue
        for person_id in _recipients(snapshot, measure.id, now):
            if (person_id, measure.id, kind) not in already:
                plans.append(ReminderPlan(person_id, kind, (measure.id,)))
    return plans


def _finished(snapshot: TeamSnapshot, measure_id: str) -> bool:
    closeout = snapshot.closeout_state(measure_id)
    done = standing(snapshot, measure_id).status is Status.DONE
    return done or closeout in (CloseoutState.APPROVED, CloseoutState.PENDING)


def _recipients(snapshot: TeamSnapshot, measure_id: str, now: datetime) -> list[str]:
    people = []
    for person_id in responsible_people(snapshot, measure_id):
        leave = snapshot.on_leave(person_id, now)
        if leave is None:
            people.append(person_id)
        elif leave.deputy_id is not None:
            people.append(leave.deputy_id)
    return list(dict.fromkeys(people))
