"""The weekly prompt (周调度提醒): what each person is asked, delivery marks, one-tap answers.

A prompt row moves PENDING → SENT (with the chat and message id) right after its message went
out, or → UNREACHABLE on a 403; that is what makes an interrupted dispatch resumable without
asking anyone twice. Answers from the prompt's buttons are filed like every report
(:func:`bot.domain.work.cycle_at`, :func:`~bot.domain.work.late_for`): in the latest cycle opened
by then, late after its cutoff, so a tap after the cutoff is late exactly like a typed reply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from bot import metrics
from bot.domain.people import Person, Unreachable
from bot.domain.plan import Measure
from bot.domain.work import Cycle, Prompt, PromptState, Report, ReportStatus
from bot.rhythm.dispatch import prompt_id, responsible_people
from bot.rhythm.figures import answers_in
from bot.rhythm.lights import Light, Verdict, lights_for
from bot.rhythm.parties import covering_party
from bot.rhythm.scoped import cycle_snapshot, prompt_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import standing
from bot.rhythm.units_then import recorded_units
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import Deps
from bot.services.common.errors import NotFound
from bot.services.common.permissions import require_known
from bot.services.people.members import PeopleService
from bot.services.reporting.fields import ReportFields
from bot.services.reporting.reports import ReportSaved, ReportService

FEW_PROMPTS = 20  # up to this many prompts are drawn from their tasks' history alone


@dataclass(frozen=True, slots=True)
class PromptTask:
    """One task in a prompt: its light, deadline, last answer and this cycle's answer."""

    measure: Measure
    light: Light
    expected: int
    progress: int | None
    last: Report | None  # the party's latest report before the cycle, offered as 与上周相同
    answered: Report | None  # the party's answer in this cycle (theirs or a colleague's)
    covered_for: Person | None = None  # the task is a colleague's on leave
    answered_by: Person | None = None  # a colleague who answered for the party this cycle

    @property
    def deadline(self) -> date | None:
        """The task's deadline."""
        return self.measure.deadline


@dataclass(frozen=True, slots=True)
class PromptView:
    """Everything the prompt message shows to one person."""

    prompt: Prompt
    person: Person
    cycle: Cycle
    team_name: str
    tasks: tuple[PromptTask, ...]

    @property
    def open_tasks(self) -> tuple[PromptTask, ...]:
        """Tasks not answered yet in this cycle."""
        return tuple(task for task in self.tasks if task.answered is None)


@dataclass(frozen=True, slots=True)
class PromptAnswered:
    """A status filed from a prompt button, and the prompt as it looks now."""

    saved: ReportSaved
    view: PromptView | None


class PromptService:
    """Prompt contents, delivery marks and one-tap answers."""

    def __init__(self, deps: Deps, people: PeopleService, reports: ReportService) -> None:
        self._deps = deps
        self._people = people
        self._reports = reports

    def views(self, cycle_id: str, prompt_ids: Iterable[str]) -> list[PromptView]:
        """The messages for several prompts of one cycle, from one read of the store."""
        cycle = self._cycle(cycle_id)
        store, now, ids = self._deps.store, self._deps.now(), list(prompt_ids)
        if len(ids) > FEW_PROMPTS:  # a dispatch: the whole team, read once
            snapshot, only = cycle_snapshot(store, cycle.team_id, cycle.id, now), None
        else:  # a press: only the prompts' tasks (their history, not the team's)
            asked = [p for p in map(store.prompts.get, ids) if p is not None]
            only = {m for p in asked for m in p.measure_ids}
            snapshot = prompt_snapshot(store, cycle.team_id, cycle.id, only, now, ids)
        verdicts = lights_for(snapshot, now, only)
        rows = {p.id: p for p in snapshot.prompts_by_cycle.get(cycle.id, [])}
        wanted = [rows[pid] for pid in ids if pid in rows]
        return _views(snapshot, cycle, wanted, verdicts)

    def view(self, cycle_id: str, person_id: str) -> PromptView:
        """One person's prompt in a cycle, as it looks now."""
        found = self.views(cycle_id, [prompt_id(cycle_id, person_id)])
        if not found:
            raise NotFound("err.cycle_not_found", cycle=cycle_id)
        return found[0]

    def pending(self, cycle_id: str) -> list[Prompt]:
        """The cycle's prompts still to send, in the order they were planned."""
        return [
            p
            for p in self._deps.store.prompts.for_cycle(cycle_id)
            if p.state is PromptState.PENDING
        ]

    def mark_sent(self, prompt: Prompt, chat_id: int, message_id: int | None) -> Prompt:
        """Record durably that the prompt went out (right after the send)."""
        sent = replace(
            prompt,
            state=PromptState.SENT,
            sent_at=self._deps.now(),
            chat_id=chat_id,
            message_id=message_id,
        )
        self._deps.store.prompts.save(sent)
        metrics.prompt_sent()
        return sent

    def mark_unreachable(self, prompt: Prompt, why: Unreachable | None = None) -> Person:
        """A 403: the prompt is not retried and the person is marked unreachable, with why."""
        self._deps.store.prompts.save(replace(prompt, state=PromptState.UNREACHABLE))
        metrics.prompt_failed("unreachable")
        return self._people.mark_unreachable(SYSTEM, prompt.person_id, why)

    def answer(
        self, actor: Actor, cycle_id: str, measure_id: str, status: ReportStatus
    ) -> PromptAnswered:
        """File a status for a task in the prompt's cycle (refused like any report)."""
        require_known(actor)
        self._cycle(cycle_id)
        saved = self._reports.submit(
            actor, measure_id, ReportFields(status=status), cycle_id=cycle_id
        )
        return PromptAnswered(saved, self._view_for(actor, saved.report))

    async def answer_off_loop(
        self, actor: Actor, cycle_id: str, measure_id: str, status: ReportStatus
    ) -> PromptAnswered:
        """:meth:`answer` where heavy reads run: the prompt's new look reads the team's
        snapshot, a second of queries over a database (the write is committed before it)."""
        return await self._deps.offload.run(self.answer, actor, cycle_id, measure_id, status)

    def same_as_last(self, actor: Actor, cycle_id: str, measure_id: str) -> PromptAnswered:
        """与上周相同: carry the latest report forward into the prompt's cycle."""
        require_known(actor)
        self._cycle(cycle_id)
        saved = self._reports.same_as_last(actor, measure_id, cycle_id=cycle_id)
        return PromptAnswered(saved, self._view_for(actor, saved.report))

    def _view_for(self, actor: Actor, report: Report) -> PromptView | None:
        """The prompt of the cycle ``report`` was filed in (an old prompt's button files into
        this week's cycle: this week's prompt is the one that changed), if the actor got one."""
        cycle_id = report.cycle_id
        person = actor.person_in(report.team_id)
        if cycle_id is None or person is None:
            return None
        if self._deps.store.prompts.get(prompt_id(cycle_id, person.id)) is None:
            return None
        return self.view(cycle_id, person.id)

    def _cycle(self, cycle_id: str) -> Cycle:
        cycle = self._deps.store.cycles.get(cycle_id)
        if cycle is None:
            raise NotFound("err.cycle_not_found", cycle=cycle_id)
        return cycle


def _views(
    snapshot: TeamSnapshot, cycle: Cycle, prompts: Sequence[Prompt], verdicts: dict[str, Verdict]
) -> list[PromptView]:
    measures = {m.id: m for m in snapshot.measures}
    answers = answers_in(snapshot, cycle)
    views = []
    for prompt in prompts:
        covered = _covered(snapshot, prompt, cycle.opened_at)
        tasks = [
            _task(snapshot, cycle, prompt, measures[mid], verdicts[mid], answers, covered.get(mid))
            for mid in prompt.measure_ids
            if mid in measures and mid in verdicts
        ]
        views.append(
            PromptView(
                prompt=prompt,
                person=snapshot.person_by_id[prompt.person_id],
                cycle=cycle,
                team_name=snapshot.team.name if snapshot.team else snapshot.team_id,
                tasks=tuple(tasks),
            )
        )
    return views


def _task(
    snapshot: TeamSnapshot,
    cycle: Cycle,
    prompt: Prompt,
    measure: Measure,
    verdict: Verdict,
    answers: dict[tuple[str, str], list[Report]],
    covered_for: Person | None,
) -> PromptTask:
    """A task as the person asked sees it: answered once their party answered in the cycle,
    and offering the party's own last answer (never another party's) as 与上周相同."""
    party = covering_party(
        snapshot,
        measure.id,
        prompt.person_id,
        cycle.opened_at.date(),
        cycle.opened_at,
        recorded_units(snapshot, cycle.id),
    )
    mine = answers.get((measure.id, party.key), []) if party else []
    answered = mine[-1] if mine else None
    by = snapshot.person_by_id.get(answered.author_id) if answered else None
    earlier = standing(snapshot, measure.id, until=cycle.opened_at).answers
    last = next((a.report for a in earlier if party and a.party.key == party.key), None)
    return PromptTask(
        measure=measure,
        light=verdict.light,
        expected=verdict.expected,
        progress=verdict.progress,
        last=last,
        answered=answered,
        covered_for=covered_for,
        answered_by=by if by is not None and by.id != prompt.person_id else None,
    )


def _covered(snapshot: TeamSnapshot, prompt: Prompt, at: datetime) -> dict[str, Person]:
    """Tasks in a deputy's prompt that belong to a colleague on leave."""
    own: set[str] | None = None  # found only for a deputy (it walks every task)
    covered: dict[str, Person] = {}
    for leave in snapshot.leaves:
        if leave.deputy_id != prompt.person_id or not leave.covers(at.date()):
            continue
        colleague = snapshot.person_by_id.get(leave.person_id)
        if colleague is None:
            continue
        if own is None:
            own = _own_measures(snapshot, prompt.person_id)
        for measure_id in _own_measures(snapshot, colleague.id):
            if measure_id in prompt.measure_ids and measure_id not in own:
                covered[measure_id] = colleague
    return covered


def _own_measures(snapshot: TeamSnapshot, person_id: str) -> set[str]:
    return {
        m.id for m in snapshot.active_measures if person_id in responsible_people(snapshot, m.id)
    }
