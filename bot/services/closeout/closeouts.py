"""Close-out (办结申请 → 销号 / 退回).

Evidence may take several messages (texts, photos, files): :meth:`CloseoutService.start` opens
a :class:`CloseoutDraft` (checked at once, so a refusal comes before anything is gathered),
:meth:`~CloseoutService.add` takes each message, :meth:`~CloseoutService.revise` re-reads an
edited one, and :meth:`~CloseoutService.submit` files the request when the person confirms.
Every piece is kept with who sent it and when (:class:`~bot.domain.work.Evidence`), so the lead
sees all of it. A draft lives with the chat (it is what the person is still writing); the
request, once submitted, is in the store, and an edited message still re-reads its text there
while the request waits for the lead (:meth:`~CloseoutService.amend`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import Closeout, CloseoutState, Evidence
from bot.services.closeout.evidence import CloseoutDraft, joined, retexted
from bot.services.closeout.parties import Parties
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.services.common.permissions import Perm, check, require_known, scope_of
from bot.services.common.typed import check_attachments, check_text
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.views import TaskService

MAX_EVIDENCE = 4000
MAX_ITEMS = 40  # evidence messages in one request

__all__ = ["CloseoutDraft", "CloseoutResult", "CloseoutService"]


@dataclass(frozen=True, slots=True)
class CloseoutResult:
    """A close-out request or decision, who asked, and whom to tell (leads on request;
    requester and assignees on decision)."""

    closeout: Closeout
    measure: Measure
    notify: tuple[Person, ...]
    requester: Person | None = None  # who asked (None only if the person record is gone)
    principal: Person | None = None  # whom a liaison asked for
    senders: Mapping[str, Person] = field(default_factory=dict)  # who sent each evidence item


class CloseoutService:
    """Request, approve and return close-outs."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks
        self._own = Ownership(deps)
        self._parties = Parties(deps, self._own, Perm.CLOSEOUT_REQUEST)

    def request(
        self,
        actor: Actor,
        measure_id: str,
        evidence_text: str | None = None,
        attachments: Sequence[str] = (),
        team_id: str | None = None,
    ) -> CloseoutResult:
        """Ask to close a finished task with this evidence at once (办结申请); the leads are
        to be told. ``measure_id`` may be any task reference (see :meth:`Deps.measure`; a
        number needs ``team_id``)."""
        draft = self.start(actor, measure_id, team_id)
        return self.submit(actor, self.add(actor, draft, evidence_text, attachments))

    def start(
        self,
        actor: Actor,
        measure_ref: str,
        team_id: str | None = None,
        text: str | None = None,
        source_message_id: int | None = None,
    ) -> CloseoutDraft:
        """Open a draft request on a task the actor may ask to close (refused now if not, or
        if the task is closed or already awaiting a decision), with the command's text."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_ref, team_id, actor=actor)
        self._parties.requester(actor, measure.id, plan.team_id)
        self._refuse_open(measure)
        draft = CloseoutDraft(measure, plan.team_id)
        return self.add(actor, draft, text, (), source_message_id) if text else draft

    def add(
        self,
        actor: Actor,
        draft: CloseoutDraft,
        text: str | None,
        attachments: Sequence[str] = (),
        source_message_id: int | None = None,
    ) -> CloseoutDraft:
        """The draft with one more message of evidence: its text and its files."""
        require_known(actor)
        person = self._parties.requester(actor, draft.measure.id, draft.team_id)
        body = check_text("evidence", text)
        files = check_attachments(draft.files, attachments)[len(draft.files) :]
        now = self._deps.now()
        new = [Evidence(now, person.id, body, None, source_message_id)] if body else []
        new += [Evidence(now, person.id, None, f, source_message_id) for f in files]
        if len(draft.items) + len(new) > MAX_ITEMS:
            raise InvalidInput("err.too_many_attachments", max=MAX_ITEMS)
        return replace(draft, items=draft.items + tuple(new))

    def revise(
        self, actor: Actor, draft: CloseoutDraft, source_message_id: int, text: str | None
    ) -> CloseoutDraft:
        """The draft with the text of an edited message re-read (added if it had none)."""
        require_known(actor)
        person = self._parties.requester(actor, draft.measure.id, draft.team_id)
        body = check_text("evidence", text)
        items = retexted(draft.items, source_message_id, body, person.id, self._deps.now())
        return replace(draft, items=items)

    def reread(
        self,
        actor: Actor,
        draft: CloseoutDraft,
        measure_ref: str,
        team_id: str | None,
        source_message_id: int,
        text: str | None,
    ) -> CloseoutDraft:
        """An edited ``/closeout`` that started ``draft``: its text re-read, or, if it now names
        another task, a fresh draft on that task with its text."""
        require_known(actor)
        measure, _ = self._deps.measure(measure_ref, team_id, actor=actor)
        if measure.id == draft.measure.id:
            return self.revise(actor, draft, source_message_id, text)
        return self.start(actor, measure.id, team_id, text, source_message_id)

    def draft_on(
        self, actor: Actor, draft: CloseoutDraft | None, measure_id: str | None = None
    ) -> CloseoutDraft:
        """The draft being gathered (on ``measure_id`` if given); NotFound once it is gone
        (a restart, or another request started since)."""
        require_known(actor)
        if draft is None or (measure_id is not None and draft.measure.id != measure_id):
            raise NotFound("err.closeout_draft_gone")
        return draft

    def submit(self, actor: Actor, draft: CloseoutDraft) -> CloseoutResult:
        """File the draft as the request (办结申请); the leads are to be told."""
        require_known(actor)
        measure, team_id = draft.measure, draft.team_id
        person = self._parties.requester(actor, measure.id, team_id)
        if not draft.items:
            raise InvalidInput("err.evidence_required")
        self._refuse_open(self._deps.measure(measure.id)[0])
        closeout = Closeout(
            id=new_id("c"),
            team_id=team_id,
            measure_id=measure.id,
            requested_by=person.id,
            requested_at=self._deps.now(),
            evidence=joined(draft.items),
            attachments=draft.files,
            items=draft.items,
            source_chat_id=actor.telegram_id,
        )
        with self._deps.store.atomic():
            self._deps.store.closeouts.save(closeout)
            self._deps.audit(
                actor,
                Action.CLOSEOUT_REQUESTED,
                measure.id,
                team_id,
                closeout=closeout.id,
                on_behalf_of=self._parties.principal_id(person),
            )
        return self._result(closeout, measure, self._own.leads(team_id))

    def amend(
        self, actor: Actor, chat_id: int, message_id: int, text: str | None
    ) -> CloseoutResult:
        """Re-read an edited evidence message of a request still awaiting the lead; the leads
        are to be told. NotFound if no request of the actor came from that message."""
        require_known(actor)
        found = self._sourced(actor, chat_id, message_id)
        if found is None:
            raise NotFound("err.closeout_not_found")
        if found.state is not CloseoutState.PENDING:
            raise Conflict("err.closeout_decided", state=found.state.value)
        person = self._parties.requester(actor, found.measure_id, found.team_id)
        body = check_text("evidence", text)
        items = retexted(found.items, message_id, body, person.id, self._deps.now())
        amended = replace(found, items=items, evidence=joined(items))
        measure, _ = self._deps.measure(found.measure_id)
        with self._deps.store.atomic():
            self._deps.store.closeouts.save(amended)
            self._deps.audit(
                actor,
                Action.CLOSEOUT_REQUESTED,
                measure.id,
                found.team_id,
                closeout=found.id,
                amended=True,
                on_behalf_of=self._parties.principal_id(person),
            )
        return self._result(amended, measure, self._own.leads(found.team_id))

    def approve(self, actor: Actor, closeout_id: str) -> CloseoutResult:
        """Approve a pending request: the task is closed (销号)."""
        require_known(actor)
        return self._decide(actor, closeout_id, CloseoutState.APPROVED, None)

    def return_(self, actor: Actor, closeout_id: str, reason: str) -> CloseoutResult:
        """Return a pending request with a reason (退回)."""
        require_known(actor)
        text = check_text("reason", reason)
        if text is None:
            raise InvalidInput("err.reason_required")
        return self._decide(actor, closeout_id, CloseoutState.RETURNED, text)

    def refuse(self, actor: Actor, closeout_id: str, reason: str) -> CloseoutResult:
        """:meth:`return_` under the name every request → decision flow uses."""
        return self.return_(actor, closeout_id, reason)

    def may_decide(self, actor: Actor, closeout_id: str) -> CloseoutResult:
        """A request the actor may see and decide (checked before a return reason is asked)."""
        result = self.get(actor, closeout_id)
        if scope_of(actor, Perm.CLOSEOUT_DECIDE, result.closeout.team_id) is None:
            raise NotAllowed("err.not_allowed", action=Perm.CLOSEOUT_DECIDE.value)
        return result

    def pending(self, actor: Actor, team_id: str) -> tuple[CloseoutResult, ...]:
        """The team's requests awaiting a decision, oldest first (``notify`` empty)."""
        check(actor, Perm.CLOSEOUT_DECIDE, team_id)
        return tuple(
            self._result(c, self._deps.measure(c.measure_id)[0], ())
            for c in self._deps.store.closeouts.for_team(team_id)
            if c.state is CloseoutState.PENDING
        )

    def get(self, actor: Actor, closeout_id: str) -> CloseoutResult:
        """One request (for the decision buttons); leads, or the task's own assignees."""
        require_known(actor)
        closeout = self._closeout(actor, closeout_id)
        measure, _ = self._deps.measure(closeout.measure_id)
        self._own.check(actor, Perm.TASK_VIEW, measure.id, closeout.team_id)
        return self._result(closeout, measure, ())

    # -- internals ----------------------------------------------------------------------------

    def _decide(
        self, actor: Actor, closeout_id: str, state: CloseoutState, reason: str | None
    ) -> CloseoutResult:
        closeout = self._closeout(actor, closeout_id)
        person = check(actor, Perm.CLOSEOUT_DECIDE, closeout.team_id)
        if closeout.state is not CloseoutState.PENDING:
            raise Conflict("err.closeout_decided", state=closeout.state.value)
        measure, _ = self._deps.measure(closeout.measure_id)
        decided = replace(
            closeout,
            state=state,
            decided_by=person.id if person else None,
            decided_at=self._deps.now(),
            reason=reason,
        )
        action = (
            Action.CLOSEOUT_APPROVED
            if state is CloseoutState.APPROVED
            else Action.CLOSEOUT_RETURNED
        )
        with self._deps.store.atomic():
            self._deps.store.closeouts.save(decided)
            self._deps.audit(
                actor, action, measure.id, closeout.team_id, closeout=closeout.id, reason=reason
            )
        return self._result(decided, measure, self._parties.told_of_decision(decided))

    def _result(
        self, closeout: Closeout, measure: Measure, notify: tuple[Person, ...]
    ) -> CloseoutResult:
        asked = self._parties.asked(closeout)
        return CloseoutResult(
            closeout, measure, notify, asked.requester, asked.principal, asked.senders
        )

    def _sourced(self, actor: Actor, chat_id: int, message_id: int) -> Closeout | None:
        """The actor's latest request with evidence from that message, if any."""
        mine = {p.id for p in actor.persons}
        found = [
            c
            for person in actor.persons
            for c in self._deps.store.closeouts.for_team(person.team_id)
            if c.requested_by in mine
            and c.source_chat_id == chat_id
            and any(i.source_message_id == message_id for i in c.items)
        ]
        return max(found, key=lambda c: c.requested_at) if found else None

    def _refuse_open(self, measure: Measure) -> None:
        if not measure.active:
            raise Conflict("err.measure_removed", ref=measure.id)
        for existing in self._deps.store.closeouts.for_measure(measure.id):
            if existing.state is CloseoutState.APPROVED:
                raise Conflict("err.measure_closed", ref=measure.id)
            if existing.state is CloseoutState.PENDING:
                raise Conflict("err.closeout_pending", ref=measure.id)

    def _closeout(self, actor: Actor, closeout_id: str) -> Closeout:
        closeout = self._deps.store.closeouts.get(closeout_id)
        if closeout is None:
            raise NotFound("err.closeout_not_found")
        self._deps.visible(actor, closeout.team_id, NotFound("err.closeout_not_found"))
        return closeout
