"""Close-out (办结申请 → 销号 / 退回)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.domain.work import Closeout, CloseoutState
from bot.services.actor import Actor
from bot.services.base import Deps
from bot.services.errors import Conflict, InvalidInput, NotFound
from bot.services.ownership import Ownership
from bot.services.permissions import Perm, check, require_known
from bot.services.report_input import check_attachments, check_text
from bot.services.tasks import TaskService

MAX_EVIDENCE = 4000


@dataclass(frozen=True, slots=True)
class CloseoutResult:
    """A close-out request or decision, who asked, and whom to tell (leads on request;
    requester and assignees on decision)."""

    closeout: Closeout
    measure: Measure
    notify: tuple[Person, ...]
    requester: Person | None = None  # who asked (None only if the person record is gone)
    principal: Person | None = None  # whom a liaison asked for


class CloseoutService:
    """Request, approve and return close-outs."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks
        self._own = Ownership(deps)

    def request(
        self,
        actor: Actor,
        measure_id: str,
        evidence_text: str | None = None,
        attachments: Sequence[str] = (),
        team_id: str | None = None,
    ) -> CloseoutResult:
        """Ask to close a finished task, with evidence (办结申请); the leads are to be told.
        ``measure_id`` may be any task reference (see :meth:`Deps.measure`; a number needs
        ``team_id``)."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, team_id, actor=actor)
        person = self._own.check(actor, Perm.CLOSEOUT_REQUEST, measure.id, plan.team_id)
        assert person is not None
        self._refuse_open(measure)
        closeout = Closeout(
            id=new_id("c"),
            team_id=plan.team_id,
            measure_id=measure.id,
            requested_by=person.id,
            requested_at=self._deps.now(),
            evidence=check_text("evidence", evidence_text),
            attachments=check_attachments((), attachments),
        )
        with self._deps.store.atomic():
            self._deps.store.closeouts.save(closeout)
            self._deps.audit(
                actor, Action.CLOSEOUT_REQUESTED, measure.id, plan.team_id,
                closeout=closeout.id, on_behalf_of=self._principal_id(person),
            )
        return self._result(closeout, measure, self._own.leads(plan.team_id))

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
            closeout, state=state, decided_by=person.id if person else None,
            decided_at=self._deps.now(), reason=reason,
        )
        action = (
            Action.CLOSEOUT_APPROVED if state is CloseoutState.APPROVED
            else Action.CLOSEOUT_RETURNED
        )
        with self._deps.store.atomic():
            self._deps.store.closeouts.save(decided)
            self._deps.audit(
                actor, action, measure.id, closeout.team_id, closeout=closeout.id, reason=reason
            )
        return self._result(decided, measure, self._told_of_decision(decided))

    def _result(
        self, closeout: Closeout, measure: Measure, notify: tuple[Person, ...]
    ) -> CloseoutResult:
        requester = self._deps.store.people.get(closeout.requested_by)
        principal = self._own.principal(requester) if requester is not None else None
        return CloseoutResult(closeout, measure, notify, requester, principal)

    def _told_of_decision(self, closeout: Closeout) -> tuple[Person, ...]:
        requester = self._deps.store.people.get(closeout.requested_by)
        assignees = self._own.recipients(self._own.active(closeout.measure_id))
        found = {p.id: p for p in assignees}
        if requester is not None and requester.joined and requester.active:
            found = {requester.id: requester, **found}
        return tuple(found.values())

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

    def _principal_id(self, person: Person) -> str | None:
        principal = self._own.principal(person)
        return principal.id if principal else None
