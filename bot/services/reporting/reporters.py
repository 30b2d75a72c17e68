"""Who may report on a task, and whose report it is (反馈的归属). Checked here, in the service,
whichever way a report arrives (prompt buttons, ``/report``, a reply, 与上周相同):

- an official reports on their own tasks (assigned to them or to their unit), as themselves;
- a liaison (联络员) on their principal's tasks, attributed to the principal (unless the task is
  also the liaison's own and no attribution is asked for);
- a deputy (代理人), while a colleague's leave naming them lasts, on the colleague's tasks,
  attributed to the colleague; the audit entry is marked ``as_deputy``
  (:mod:`bot.services.tasks.deputies`);
- a lead on any task of the team.
"""

from __future__ import annotations

from dataclasses import replace

from bot.domain.audit import AuditValue
from bot.domain.people import Person, Role
from bot.domain.plan import Measure
from bot.domain.work import Report
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import Conflict, NotAllowed
from bot.services.common.permissions import Perm, check, require_known
from bot.services.tasks.deputies import Deputies
from bot.services.tasks.ownership import Ownership


class Reporters:
    """The report permission and attribution rules above."""

    def __init__(self, deps: Deps, ownership: Ownership) -> None:
        self._deps = deps
        self._own = ownership
        self._deputies = Deputies(deps, ownership)

    def reporter(self, actor: Actor, measure_id: str) -> tuple[Measure, Person]:
        """The task and the actor's person in its team, if the actor may report on it (an
        active task, not closed)."""
        require_known(actor)
        measure, plan = self._deps.measure(measure_id, actor=actor)
        today = self._deps.now().date()

        def may_report(person: Person) -> bool:
            return self._own.owns(person, measure.id) or bool(
                self._deputies.covered_for(person, measure.id, today)
            )

        if not measure.active and actor.person_in(plan.team_id) is not None:
            # before ownership: removing a task ends its assignments, and an old prompt's
            # button should say the task is gone, not that someone else reports on it
            raise Conflict("err.measure_removed", ref=measure.id)
        try:
            person = check(actor, Perm.REPORT, plan.team_id, may_report, ref=measure.id)
        except NotAllowed:
            mine = actor.person_in(plan.team_id)
            if mine is not None and self._own.held(mine, measure.id):  # an old button
                raise Conflict("err.no_longer_assigned", ref=measure.id) from None
            raise
        if person is None:
            raise NotAllowed("err.no_person_in_team")
        if self._own.closed(measure.id):
            raise Conflict("err.measure_closed", ref=measure.id)
        return measure, person

    def attribution(self, person: Person, measure: Measure, wanted: str | None) -> str | None:
        """Whom ``person``'s report on ``measure`` is for (None: themselves); ``wanted`` names
        someone explicitly, refused unless it is the one the rules give."""
        covered = self._deputies.covered_for(person, measure.id, self._deps.now().date())
        if covered is not None:  # a deputy reports for the colleague on leave
            if wanted not in (None, covered.id):
                raise NotAllowed("err.not_allowed", action="report.on_behalf_of")
            return covered.id
        principal = self._own.principal(person)
        if wanted not in (None, person.id) and (principal is None or wanted != principal.id):
            raise NotAllowed("err.not_allowed", action="report.on_behalf_of")
        if principal is None or person.role is not Role.LIAISON:
            return None
        own_rows = self._own.covering(replace(person, on_behalf_of=None), measure.id)
        return None if own_rows and wanted is None else principal.id

    def audit_detail(self, report: Report) -> dict[str, AuditValue]:
        """``as_deputy`` when the report was filed by a deputy for a colleague on leave."""
        author = self._deps.store.people.get(report.author_id)
        if author is None or report.on_behalf_of is None:
            return {}
        day = report.created_at.date()
        covered = self._deputies.covered_for(author, report.measure_id, day)
        return {"as_deputy": True} if covered and covered.id == report.on_behalf_of else {}
