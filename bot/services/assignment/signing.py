"""签收 of assigned tasks: one at a time, and 签收全部 on the list of many new tasks.

Who may sign and what one signature covers is decided in one place,
:class:`bot.services.tasks.signing.Signing`; this service writes the signatures, audits each
and says whom to tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.audit import Action
from bot.domain.people import Person, Role
from bot.domain.plan import Measure
from bot.domain.work import Assignment
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.permissions import Perm, check, require_known
from bot.services.tasks.ownership import Ownership
from bot.services.tasks.signing import Signature, Signing

__all__ = ["AckResult", "BatchAck", "SigningService"]


@dataclass(frozen=True, slots=True)
class AckResult:
    """A task signed for (签收): when, what was signed before (by whom), and whom to tell.

    ``already``: nothing was left to sign; ``earlier`` says who signed and when (a colleague
    for the unit, a liaison for the leader, or the person themselves).
    """

    measure: Measure
    acknowledged_at: datetime
    already: bool
    earlier: tuple[Signature, ...] = ()  # what the person answers for that was signed before
    signed: tuple[Signature, ...] = ()  # what this 签收 signed (as colleagues read it)
    notify: tuple[Person, ...] = ()  # colleagues of the unit, the leader: told once


@dataclass(frozen=True, slots=True)
class BatchAck:
    """签收全部: the listed tasks it signed (each a 签收 of its own), each colleague to tell with
    the tasks of theirs that were signed, and the listed tasks it left (signed before, or
    skipped)."""

    signed: tuple[AckResult, ...]
    at: datetime
    notify: tuple[tuple[Person, tuple[AckResult, ...]], ...] = ()
    already: tuple[AckResult, ...] = ()  # listed tasks found signed (by a colleague, one by one)
    reassigned: tuple[Measure, ...] = ()  # listed tasks their holder no longer holds: skipped
    removed: tuple[Measure, ...] = ()  # listed tasks taken out of the plan: skipped


class SigningService:
    """签收 and 签收全部."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._own = Ownership(deps)
        self._signing = Signing(deps)

    def acknowledge(self, actor: Actor, measure_id: str) -> AckResult:
        """Sign for a task (签收) as one who answers for it: one member signs for the unit, a
        liaison for their leader. Idempotent; the others who answer for what was signed are
        to be told once."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, actor=actor)
        person = self._signing.check(actor, measure.id, plan.team_id)
        return self._sign(actor, person, measure, plan.team_id)

    def acknowledge_batch(self, actor: Actor, team_id: str, batch_id: str) -> BatchAck:
        """签收全部 on the list of many new tasks: the tasks that list showed (those of batch
        ``batch_id`` the actor answers for), each signed as a single 签收 is (audited each), in
        one transaction. Tasks signed meanwhile stay as they are (``already``); a listed
        assignment ended by a change of role (牵头 ↔ 配合) is signed in the row now in force for
        the same holder, as a single 签收 would; a task no longer held by the holder the list
        named (reassigned away) or removed from the plan is skipped."""
        found: dict[str, dict[str, list[Assignment]]] = {}

        def listed(holder: Person) -> dict[str, list[Assignment]]:  # read once, checked and used
            if holder.id not in found:
                found[holder.id] = self._listed(holder, batch_id)
            return found[holder.id]

        person = check(actor, Perm.ACKNOWLEDGE_BATCH, team_id, lambda p: bool(listed(p)))
        assert person is not None  # every role granted the action has a person
        results: list[AckResult] = []
        reassigned: list[Measure] = []
        removed: list[Measure] = []
        with self._deps.store.atomic():
            for measure_id, rows in listed(person).items():
                measure = self._deps.store.measures.get(measure_id)
                if measure is None:  # pragma: no cover - measures are removed, never deleted
                    continue
                if not measure.active:
                    removed.append(measure)
                elif not self._still_held(rows):
                    reassigned.append(measure)
                elif self._signing.may_sign(actor, measure_id, team_id):
                    results.append(self._sign(actor, person, measure, team_id, batch_id))
        signed = tuple(r for r in results if not r.already)
        told: dict[str, tuple[Person, list[AckResult]]] = {}
        for result in signed:
            for colleague in result.notify:
                told.setdefault(colleague.id, (colleague, []))[1].append(result)
        notify = tuple((p, tuple(rs)) for p, rs in told.values())
        already = tuple(r for r in results if r.already)
        return BatchAck(
            signed, self._deps.now(), notify, already, tuple(reassigned), tuple(removed)
        )

    def _listed(self, person: Person, batch_id: str) -> dict[str, list[Assignment]]:
        """The batch's assignments (ended ones included) the person answers for, by measure in
        the order they were made: what the batch's list showed them."""
        listed: dict[str, list[Assignment]] = {}
        for row in sorted(self._own.rows_of(person), key=lambda a: a.assigned_at):
            if row.batch_id == batch_id:
                listed.setdefault(row.measure_id, []).append(row)
        return listed

    def _still_held(self, listed: Sequence[Assignment]) -> bool:
        """Whether a holder the listed assignments of one task named (the person, their unit,
        the leader they act for) holds the task still: in the listed row, or in the row that
        replaced it when the lead changed the holder's role."""
        holders = {(row.person_id, row.unit_id) for row in listed}
        active = self._own.active(listed[0].measure_id)
        return any((row.person_id, row.unit_id) in holders for row in active)

    def _sign(
        self,
        actor: Actor,
        person: Person,
        measure: Measure,
        team_id: str,
        batch_id: str | None = None,
    ) -> AckResult:
        """签收 of the task by ``person``: every unsigned assignment their signature covers (the
        audit names the batch when 签收全部 on its list signed it)."""
        rows = self._signing.rows(person, measure.id)
        earlier = tuple(
            self._signing.signature(a, person) for a in rows if a.acknowledged_at is not None
        )
        fresh = [a for a in rows if a.acknowledged_at is None]
        if not fresh:
            return AckResult(measure, min(s.at for s in earlier), True, earlier)
        now = self._deps.now()
        signed = [replace(row, acknowledged_at=now, acknowledged_by=person.id) for row in fresh]
        with self._deps.store.atomic():
            for row in signed:
                self._deps.store.assignments.save(row)
            self._deps.audit(
                actor,
                Action.ACKNOWLEDGED,
                measure.id,
                team_id,
                on_behalf_of=_principal_of(person),
                **({"batch": batch_id} if batch_id else {}),
            )
        told = tuple(p for p in self._own.recipients(signed) if p.id != person.id)
        signatures = tuple(self._signing.signature(row) for row in signed)
        return AckResult(measure, now, False, earlier, signatures, told)


def _principal_of(person: Person) -> str | None:
    return person.on_behalf_of if person.role is Role.LIAISON else None
