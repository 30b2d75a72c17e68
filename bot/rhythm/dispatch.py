"""Who is asked this cycle and about what (周调度), as pure decisions over a snapshot.

Who reports on a task: each party of it (:mod:`bot.rhythm.parties`) is asked once. A person
assignment goes to that person when they are an official or a liaison, otherwise (a leader) to
the liaisons who report on their behalf; a unit assignment goes to the unit's reporter (填报人)
only: the other members may add, but are not asked. Inactive people are never asked. Someone
on leave on the prompt day is skipped (the digest counts them as 请假), and their deputy, if set,
gets their tasks as well, with buttons: the deputy's answers are filed for them.
Closed tasks (销号 approved) are not asked about. Tasks are ordered most urgent first: red, then
yellow lights, then by deadline, then in plan order. The wiring sends what the plan says and
stores a :class:`~bot.domain.work.Prompt` per person (see :meth:`DispatchPlan.prompts`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from bot.domain.people import Person
from bot.domain.work import CloseoutState, Prompt, PromptState, Report
from bot.rhythm.lights import SEVERITY, lights_for
from bot.rhythm.parties import answerers, parties
from bot.rhythm.schedule import CycleWindow
from bot.rhythm.snapshot import TeamSnapshot


class SkipReason(StrEnum):
    """Why someone responsible gets no prompt this cycle."""

    ON_LEAVE = "on_leave"  # a deputy, if set, is asked instead


def prompt_id(cycle_id: str, person_id: str) -> str:
    """The id of a person's prompt in a cycle."""
    return f"{cycle_id}:{person_id}"


def reachable(person: Person) -> bool:
    """Whether a message can be sent: joined and not known to have blocked the bot."""
    return person.joined and person.unreachable_since is None


@dataclass(frozen=True, slots=True)
class PlannedPrompt:
    """One person's prompt: the tasks in order and last cycle's answers to carry forward."""

    person_id: str
    measure_ids: tuple[str, ...]
    covering_for: tuple[str, ...] = ()  # people on leave whose tasks are included
    last_answers: tuple[Report, ...] = ()  # the latest earlier report per task, if any
    reachable: bool = True
    unit_id: str | None = None  # the person's unit now (the prompt records it)

    def last_answer(self, measure_id: str) -> Report | None:
        """The report to offer as "与上周相同" for a task."""
        return next((r for r in self.last_answers if r.measure_id == measure_id), None)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Someone responsible who is not asked this cycle."""

    person_id: str
    reason: SkipReason
    measure_ids: tuple[str, ...]
    unit_id: str | None = None  # the person's unit now (the prompt records it)


@dataclass(frozen=True, slots=True)
class DispatchPlan:
    """Everything to send when a cycle opens."""

    cycle_id: str
    planned: tuple[PlannedPrompt, ...]
    skipped: tuple[Skipped, ...]

    def prompts(self, now: datetime) -> list[Prompt]:
        """The prompts to store before sending: pending, unreachable or skipped."""
        rows = [
            Prompt(
                id=prompt_id(self.cycle_id, p.person_id),
                cycle_id=self.cycle_id,
                person_id=p.person_id,
                state=PromptState.PENDING if p.reachable else PromptState.UNREACHABLE,
                created_at=now,
                measure_ids=p.measure_ids,
                unit_id=p.unit_id,
            )
            for p in self.planned
        ]
        rows += [
            Prompt(
                id=prompt_id(self.cycle_id, s.person_id),
                cycle_id=self.cycle_id,
                person_id=s.person_id,
                state=PromptState.SKIPPED,
                created_at=now,
                measure_ids=s.measure_ids,
                unit_id=s.unit_id,
            )
            for s in self.skipped
        ]
        return rows


def responsible_people(snapshot: TeamSnapshot, measure_id: str) -> list[str]:
    """The ids of the people asked about a task, before leave is considered: each party's
    answerers (:func:`bot.rhythm.parties.answerers`)."""
    people: list[str] = []
    for party in parties(snapshot, measure_id):
        people += answerers(snapshot, party)
    return list(dict.fromkeys(people))


def open_tasks(snapshot: TeamSnapshot) -> list[str]:
    """Active measures not closed by 销号, in plan order."""
    return [
        m.id
        for m in snapshot.active_measures
        if snapshot.closeout_state(m.id) is not CloseoutState.APPROVED
    ]


def plan_dispatch(snapshot: TeamSnapshot, window: CycleWindow) -> DispatchPlan:
    """Who gets a prompt when ``window`` opens, with which tasks (see the module docstring)."""
    order = _urgency_order(snapshot, window.prompt_at)
    tasks: dict[str, list[str]] = defaultdict(list)
    for measure_id in order:
        for person_id in responsible_people(snapshot, measure_id):
            tasks[person_id].append(measure_id)
    recipients, covering, skipped = _apply_leave(snapshot, tasks, window.prompt_at.date())
    planned = tuple(
        PlannedPrompt(
            person_id=person_id,
            measure_ids=tuple(m for m in order if m in measure_ids),
            covering_for=tuple(covering.get(person_id, ())),
            last_answers=_last_answers(snapshot, measure_ids, window.prompt_at),
            reachable=reachable(snapshot.person_by_id[person_id]),
            unit_id=snapshot.person_by_id[person_id].unit_id,
        )
        for person_id, measure_ids in recipients.items()
    )
    return DispatchPlan(window.cycle_id, planned, tuple(skipped))


def _apply_leave(
    snapshot: TeamSnapshot, tasks: dict[str, list[str]], day: date
) -> tuple[dict[str, set[str]], dict[str, list[str]], list[Skipped]]:
    recipients: dict[str, set[str]] = defaultdict(set)
    covering: dict[str, list[str]] = defaultdict(list)
    skipped: list[Skipped] = []
    for person_id, measure_ids in tasks.items():
        leave = next(
            (lv for lv in snapshot.leaves if lv.person_id == person_id and lv.covers(day)), None
        )
        deputy = snapshot.person_by_id.get(leave.deputy_id) if leave and leave.deputy_id else None
        if leave is None:
            recipients[person_id].update(measure_ids)
            continue
        unit_id = snapshot.person_by_id[person_id].unit_id
        skipped.append(Skipped(person_id, SkipReason.ON_LEAVE, tuple(measure_ids), unit_id))
        if deputy is not None and deputy.active:
            recipients[deputy.id].update(measure_ids)
            covering[deputy.id].append(person_id)
    return recipients, covering, skipped


def _urgency_order(snapshot: TeamSnapshot, now: datetime) -> list[str]:
    verdicts = lights_for(snapshot, now)
    measures = {m.id: m for m in snapshot.active_measures}

    def key(measure_id: str) -> tuple[int, date, int]:
        measure = measures[measure_id]
        light = SEVERITY[verdicts[measure_id].light]
        return light, measure.deadline or date.max, measure.position

    return sorted(open_tasks(snapshot), key=key)


def _last_answers(
    snapshot: TeamSnapshot, measure_ids: set[str], before: datetime
) -> tuple[Report, ...]:
    answers = []
    for measure_id in sorted(measure_ids):
        earlier = snapshot.reports_on(measure_id, until=before)
        if earlier:
            answers.append(earlier[-1])
    return tuple(answers)
