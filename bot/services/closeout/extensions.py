"""Deadline extensions (延期申请 → 批准 / 不批准).

An owner (the same people who may ask to close a task) asks for a new deadline with a reason,
and may add photos or files as evidence before submitting: :meth:`ExtensionService.start`
opens an :class:`ExtensionDraft` (checked at once), :meth:`~ExtensionService.add` takes each
message, :meth:`~ExtensionService.submit` files the request. One request per task waits at a
time. A lead approves (the task's deadline moves; its first deadline is kept as
``original_deadline``; the 序时进度 baseline, computed from the deadline, follows) or refuses
with a reason. Every step is an audit entry, so the task's history shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import CloseoutState, Evidence, Extension, ExtensionState
from bot.services.closeout.extension_input import parse_ask
from bot.services.closeout.parties import Parties
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, InvalidInput, NotFound
from bot.services.common.permissions import Perm, check, require_known
from bot.services.common.typed import check_attachments, check_text
from bot.services.tasks.ownership import Ownership

MAX_ITEMS = 20  # evidence messages in one request

__all__ = ["ExtensionDraft", "ExtensionResult", "ExtensionService"]


@dataclass(frozen=True, slots=True)
class ExtensionDraft:
    """A request being written: the deadline and reason once typed, and any evidence."""

    measure: Measure
    team_id: str
    deadline: date | None = None
    reason: str | None = None
    items: tuple[Evidence, ...] = ()

    @property
    def ready(self) -> bool:
        """Whether the new deadline and the reason are both in."""
        return self.deadline is not None and bool(self.reason)

    @property
    def files(self) -> tuple[str, ...]:
        """The evidence files, in order."""
        return tuple(i.attachment for i in self.items if i.attachment)


@dataclass(frozen=True, slots=True)
class ExtensionResult:
    """A request or a decision, who asked, and whom to tell (leads on request; requester and
    assignees on decision)."""

    extension: Extension
    measure: Measure
    notify: tuple[Person, ...]
    requester: Person | None = None
    principal: Person | None = None  # whom a liaison asked for
    senders: Mapping[str, Person] = field(default_factory=dict)
    decider: Person | None = None


class ExtensionService:
    """Ask for, approve and refuse deadline extensions."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)
        self._parties = Parties(deps, self._own, Perm.EXTENSION_REQUEST)

    def start(
        self, actor: Actor, measure_ref: str, team_id: str | None = None, text: str | None = None
    ) -> ExtensionDraft:
        """Open a request on a task the actor may ask for (refused now if not, if the task is
        closed or already has a request waiting), with the command's date and reason if any."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_ref, team_id, actor=actor)
        self._parties.requester(actor, measure.id, plan.team_id)
        self._refuse_open(measure)
        draft = ExtensionDraft(measure, plan.team_id)
        return self.add(actor, draft, text) if text and text.strip() else draft

    def add(
        self,
        actor: Actor,
        draft: ExtensionDraft,
        text: str | None,
        attachments: Sequence[str] = (),
        source_message_id: int | None = None,
    ) -> ExtensionDraft:
        """The draft with one more message: the date and reason while they are missing (or a
        text starting with a date, which replaces them), else a text of evidence; and files."""
        require_known(actor)
        person = self._parties.requester(actor, draft.measure.id, draft.team_id)
        body = check_text("reason", text)
        now = self._deps.now()
        new: list[Evidence] = []
        if body is not None:
            try:
                ask = parse_ask(body, now.date())
            except InvalidInput:
                if not draft.ready:
                    raise
                new.append(Evidence(now, person.id, body, None, source_message_id))
            else:
                draft = replace(draft, deadline=ask.deadline, reason=ask.reason)
        files = check_attachments(draft.files, attachments)[len(draft.files) :]
        new += [Evidence(now, person.id, None, f, source_message_id) for f in files]
        if len(draft.items) + len(new) > MAX_ITEMS:
            raise InvalidInput("err.too_many_attachments", max=MAX_ITEMS)
        return replace(draft, items=draft.items + tuple(new))

    def draft_on(
        self, actor: Actor, draft: ExtensionDraft | None, measure_id: str | None = None
    ) -> ExtensionDraft:
        """The draft being written (on ``measure_id`` if given); NotFound once it is gone."""
        require_known(actor)
        if draft is None or (measure_id is not None and draft.measure.id != measure_id):
            raise NotFound("err.extension_draft_gone")
        return draft

    def submit(self, actor: Actor, draft: ExtensionDraft) -> ExtensionResult:
        """File the request (延期申请); the leads are to be told."""
        require_known(actor)
        person = self._parties.requester(actor, draft.measure.id, draft.team_id)
        if not draft.ready or draft.reason is None:
            raise InvalidInput("err.extension_reason")
        measure = self._deps.measure(draft.measure.id)[0]
        self._refuse_open(measure)
        new_deadline = draft.deadline
        assert new_deadline is not None  # ready
        if new_deadline <= self._deps.now().date() or (
            measure.deadline is not None and new_deadline <= measure.deadline
        ):
            raise InvalidInput("err.extension_not_later")
        extension = Extension(
            id=new_id("x"),
            team_id=draft.team_id,
            measure_id=measure.id,
            requested_by=person.id,
            requested_at=self._deps.now(),
            new_deadline=new_deadline,
            reason=draft.reason,
            old_deadline=measure.deadline,
            items=draft.items,
            source_chat_id=actor.telegram_id,
        )
        with self._deps.store.atomic():
            self._deps.store.extensions.save(extension)
            self._deps.audit(
                actor, Action.EXTENSION_REQUESTED, measure.id, draft.team_id,
                extension=extension.id, deadline=new_deadline.isoformat(),
                reason=draft.reason, on_behalf_of=self._parties.principal_id(person),
            )  # fmt: skip
        return self._result(extension, measure, self._own.leads(draft.team_id))

    def approve(self, actor: Actor, extension_id: str) -> ExtensionResult:
        """Approve a waiting request: the task's deadline becomes the one asked for."""
        require_known(actor)
        return self._decide(actor, extension_id, ExtensionState.APPROVED, None)

    def refuse(self, actor: Actor, extension_id: str, reason: str) -> ExtensionResult:
        """Refuse a waiting request with a reason (不批准)."""
        require_known(actor)
        text = check_text("reason", reason)
        if text is None:
            raise InvalidInput("err.reason_required")
        return self._decide(actor, extension_id, ExtensionState.REFUSED, text)

    def may_decide(self, actor: Actor, extension_id: str) -> ExtensionResult:
        """A waiting request the actor may decide (checked before a refusal reason is asked)."""
        require_known(actor)
        extension = self._extension(actor, extension_id)
        check(actor, Perm.EXTENSION_DECIDE, extension.team_id)
        if extension.state is not ExtensionState.PENDING:
            raise Conflict("err.extension_decided")
        return self._result(extension, self._deps.measure(extension.measure_id)[0], ())

    def pending(self, actor: Actor, team_id: str) -> tuple[ExtensionResult, ...]:
        """The team's requests awaiting a decision, oldest first (``notify`` empty)."""
        check(actor, Perm.EXTENSION_DECIDE, team_id)
        return tuple(
            self._result(x, self._deps.measure(x.measure_id)[0], ())
            for x in self._deps.store.extensions.for_team(team_id)
            if x.state is ExtensionState.PENDING
        )

    # -- internals ----------------------------------------------------------------------------

    def _decide(
        self, actor: Actor, extension_id: str, state: ExtensionState, reason: str | None
    ) -> ExtensionResult:
        extension = self._extension(actor, extension_id)
        person = check(actor, Perm.EXTENSION_DECIDE, extension.team_id)
        if extension.state is not ExtensionState.PENDING:
            raise Conflict("err.extension_decided")
        measure = self._deps.measure(extension.measure_id)[0]
        decided = replace(
            extension, state=state, decided_by=person.id if person else None,
            decided_at=self._deps.now(), decision_reason=reason,
        )  # fmt: skip
        approved = state is ExtensionState.APPROVED
        with self._deps.store.atomic():
            self._deps.store.extensions.save(decided)
            if approved:
                measure = _extended(measure, extension.new_deadline)
                self._deps.store.measures.save(measure)
            self._deps.audit(
                actor,
                Action.EXTENSION_APPROVED if approved else Action.EXTENSION_REFUSED,
                measure.id, extension.team_id, extension=extension.id,
                deadline=extension.new_deadline.isoformat(), reason=reason,
            )  # fmt: skip
        told = (
            self._parties.told_of_decision(decided)
            if approved
            else self._parties.requester_only(decided)
        )
        return replace(self._result(decided, measure, told), decider=person)

    def _result(
        self, extension: Extension, measure: Measure, notify: tuple[Person, ...]
    ) -> ExtensionResult:
        asked = self._parties.asked(extension)
        return ExtensionResult(
            extension, measure, notify, asked.requester, asked.principal, asked.senders
        )

    def _refuse_open(self, measure: Measure) -> None:
        if not measure.active:
            raise Conflict("err.measure_removed", ref=measure.id)
        closeouts = self._deps.store.closeouts.for_measure(measure.id)
        if any(c.state is CloseoutState.APPROVED for c in closeouts):
            raise Conflict("err.measure_closed", ref=measure.id)
        for existing in self._deps.store.extensions.for_measure(measure.id):
            if existing.state is ExtensionState.PENDING:
                raise Conflict("err.extension_pending", ref=measure.id)

    def _extension(self, actor: Actor, extension_id: str) -> Extension:
        extension = self._deps.store.extensions.get(extension_id)
        if extension is None:
            raise NotFound("err.extension_not_found")
        self._deps.visible(actor, extension.team_id, NotFound("err.extension_not_found"))
        return extension


def _extended(measure: Measure, deadline: date) -> Measure:
    """The measure with its deadline moved; its first deadline is kept, never overwritten."""
    original = measure.original_deadline if measure.extensions else measure.deadline
    return replace(
        measure, deadline=deadline, original_deadline=original, extensions=measure.extensions + 1
    )
