"""Deputies (代理人): while a colleague is on leave, the deputy named for that leave reports on
the colleague's tasks.

A deputy covers a task on a day when a leave covering that day names them as deputy and the
task belongs to the person on leave (directly, by unit, or as a liaison's principal). Outside
the leave window nothing is covered, so the permission lapses by itself. A report filed this way
is the colleague's (``on_behalf_of``), and its audit entry says it came from their deputy.
"""

from __future__ import annotations

from datetime import date

from bot.domain.people import Person
from bot.services.common.base import Deps
from bot.services.tasks.ownership import Ownership


class Deputies:
    """Who covers for whom, on which tasks, on a given day (from the leave records)."""

    def __init__(self, deps: Deps, ownership: Ownership) -> None:
        self._deps = deps
        self._own = ownership

    def covered_for(self, deputy: Person, measure_id: str, day: date) -> Person | None:
        """The colleague on leave whose task ``measure_id`` is ``deputy``'s to report on, if any;
        None when it is the deputy's own task (they report as themselves)."""
        if self._own.owns(deputy, measure_id):
            return None
        return next(
            (c for c in self.colleagues(deputy, day) if self._own.owns(c, measure_id)), None
        )

    def covered_tasks(self, deputy: Person, day: date) -> list[tuple[Person, str]]:
        """Every (colleague on leave, measure id) ``deputy`` covers on ``day``."""
        return [
            (colleague, measure_id)
            for colleague in self.colleagues(deputy, day)
            for measure_id in self._own.measure_ids_of(colleague)
            if not self._own.owns(deputy, measure_id)
        ]

    def colleagues(self, deputy: Person, day: date) -> list[Person]:
        """The people on leave on ``day`` who named ``deputy`` as their deputy."""
        people = [p for p in self._deps.store.people.for_team(deputy.team_id) if p.id != deputy.id]
        covered = {
            leave.person_id
            for leave in self._deps.store.leaves.for_people([p.id for p in people])
            if leave.deputy_id == deputy.id and leave.covers(day)
        }
        return [person for person in people if person.id in covered]
