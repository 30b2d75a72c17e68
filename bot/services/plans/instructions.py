"""Tasks made from a leader's instruction (批示) or a meeting decision (会议决定事项).

A lead writes or forwards the instruction (its text, who gave it and when, the meeting's name
for a decision, a deadline, optionally a photo of the signed page) into an
:class:`InstructionDraft`, in as many messages as needed; :meth:`InstructionService.create`
files it as a measure of the team's plan carrying a :class:`~bot.domain.plan.TaskSource`, after
the plan's own measures. From then on it is a task like any other: assigned through the usual
flow, prompted, reported, lit, digested, reviewed and in the ledger, marked by its source. A
re-imported plan keeps such tasks.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.plan import Measure, SourceKind, TaskSource
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.common.permissions import Perm, check, require_known
from bot.services.common.typed import check_text
from bot.services.plans.instruction_input import SourceFields, parse_source, title_of

#: The section such tasks are filed under (the plan's documents are Chinese).
SECTIONS = {SourceKind.INSTRUCTION: "领导批示事项", SourceKind.MEETING: "会议决定事项"}


@dataclass(frozen=True, slots=True)
class InstructionDraft:
    """An instruction or decision being written, before it becomes a task."""

    team_id: str
    kind: SourceKind
    text: str | None = None
    given_by: str | None = None
    given_at: date | None = None
    meeting: str | None = None
    deadline: date | None = None
    deadline_raw: str | None = None
    title: str | None = None
    attachment: str | None = None  # the signed page: ``photo:<file id>``

    @property
    def ready(self) -> bool:
        """Whether it has a text (everything else is optional)."""
        return bool(self.text)


class InstructionService:
    """Write an instruction or a meeting decision and make it a task."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def start(
        self, actor: Actor, team_id: str, kind: SourceKind, text: str | None = None
    ) -> InstructionDraft:
        """A new draft (refused now unless the actor may create tasks in the team)."""
        check(actor, Perm.INSTRUCTION_CREATE, team_id)
        self._deps.require_plan(team_id)
        draft = InstructionDraft(team_id, kind)
        return self.add(actor, draft, text) if text and text.strip() else draft

    def add(
        self,
        actor: Actor,
        draft: InstructionDraft,
        text: str | None,
        attachment: str | None = None,
        origin: str | None = None,
        origin_date: date | None = None,
    ) -> InstructionDraft:
        """The draft with one more message: its labelled fields and text, a photo of the
        signed page, and (forwarded) its origin's name and date where none is given."""
        require_known(actor)
        check(actor, Perm.INSTRUCTION_CREATE, draft.team_id)
        body = check_text("instruction", text)
        fields = parse_source(body, self._deps.now().date()) if body else SourceFields()
        joined = "\n".join(x for x in (draft.text, fields.text) if x) or None
        return replace(
            draft,
            text=joined,
            given_by=fields.given_by or draft.given_by or origin,
            given_at=fields.given_at or draft.given_at or origin_date,
            meeting=fields.meeting or draft.meeting,
            deadline=fields.deadline or draft.deadline,
            deadline_raw=fields.deadline_raw or draft.deadline_raw,
            title=fields.title or draft.title,
            attachment=attachment or draft.attachment,
        )

    def draft_on(self, actor: Actor, draft: InstructionDraft | None) -> InstructionDraft:
        """The draft being written; NotFound once it is gone (a restart, or cancelled)."""
        require_known(actor)
        team_id = draft.team_id if draft is not None else actor.team_id
        if team_id is not None:  # refuse those who may not before saying it is gone
            check(actor, Perm.INSTRUCTION_CREATE, team_id)
        if draft is None:
            raise NotFound("err.instruction_draft_gone")
        return draft

    def create(self, actor: Actor, draft: InstructionDraft) -> Measure:
        """The task, filed in the team's plan after its measures, with its source."""
        require_known(actor)
        person = check(actor, Perm.INSTRUCTION_CREATE, draft.team_id)
        if not draft.ready or draft.text is None:
            raise InvalidInput("err.instruction_text")
        plan = self._deps.require_plan(draft.team_id)
        now = self._deps.now()
        measures = self._deps.store.measures.for_plan(plan.id)
        source = TaskSource(
            kind=draft.kind, text=draft.text, given_by=draft.given_by, given_at=draft.given_at,
            meeting=draft.meeting, attachment=draft.attachment,
            recorded_by=person.id if person else None, recorded_at=now,
        )  # fmt: skip
        measure = Measure(
            id=self._free_id(),
            plan_id=plan.id,
            title=draft.title or title_of(draft.text),
            body=draft.text,
            section=SECTIONS[draft.kind],
            position=1 + max((m.position for m in measures), default=0),
            lead_leader=draft.given_by,
            deadline_raw=draft.deadline_raw,
            deadline=draft.deadline,
            source=source,
            created_at=now,
        )
        with self._deps.store.atomic():
            self._deps.store.measures.save(measure)
            self._deps.audit(
                actor, Action.INSTRUCTION_CREATED, measure.id, draft.team_id,
                kind=draft.kind.value, given_by=draft.given_by, meeting=draft.meeting,
            )  # fmt: skip
        return measure

    def _free_id(self) -> str:
        """A task id shaped like the importer's (``M`` and a few characters), not yet taken."""
        while True:
            candidate = new_id("M", 3)
            if self._deps.store.measures.get(candidate) is None:
                return candidate
