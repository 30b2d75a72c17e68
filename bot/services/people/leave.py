"""Leave (请假): no prompts or reminders meanwhile; a deputy may get the prompts instead.

``/leave 2024-03-04 2024-03-08`` (or ``3月4日 3月8日``) by the official themselves;
``/leave 张三 3月4日 3月8日 [李四]`` by a lead for a person, with an optional deputy;
``/leave cancel [张三]`` ends the current and coming leave. The digest shows people on leave as
请假 because their prompt rows are SKIPPED.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.people import Leave, Person
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotAllowed, NotFound
from bot.services.common.permissions import Perm, check, require_known
from bot.services.common.typed import parse_date
from bot.services.people.onboarding import named

MAX_LEAVE = timedelta(days=366)
_CANCEL = frozenset({"cancel", "取消", "销假"})


@dataclass(frozen=True, slots=True)
class LeaveRequest:
    """What ``/leave`` asked for, parsed."""

    cancel: bool
    person: str | None = None  # a name (a lead acting for someone)
    start: date | None = None
    end: date | None = None
    deputy: str | None = None


@dataclass(frozen=True, slots=True)
class LeaveResult:
    """Leave set or cancelled, for the confirmation."""

    person: Person
    leave: Leave | None  # None when cancelled
    deputy: Person | None = None
    cancelled: int = 0


def parse_leave_args(words: list[str], today: date) -> LeaveRequest:
    """The forms of ``/leave`` (see the module docstring)."""
    if words and words[0].lower() in _CANCEL:
        return LeaveRequest(cancel=True, person=" ".join(words[1:]) or None)
    if len(words) == 2:
        return LeaveRequest(False, None, parse_date(words[0], today), parse_date(words[1], today))
    if len(words) in (3, 4):
        deputy = words[3] if len(words) == 4 else None
        start, end = parse_date(words[1], today), parse_date(words[2], today)
        return LeaveRequest(False, words[0], start, end, deputy)
    raise InvalidInput("err.date_invalid", text=" ".join(words))


class LeaveService:
    """Set, cancel and list leave."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def request(self, actor: Actor, team_id: str, words: list[str]) -> LeaveResult:
        """Carry out ``/leave <words…>``."""
        require_known(actor)
        parsed = parse_leave_args(words, self._deps.now().date())
        person = self._subject(actor, team_id, parsed.person)
        if parsed.cancel:
            return self.cancel(actor, person)
        assert parsed.start is not None
        assert parsed.end is not None
        deputy = self._person(team_id, parsed.deputy) if parsed.deputy else None
        return self.set(actor, person, parsed.start, parsed.end, deputy)

    def set(
        self, actor: Actor, person: Person, start: date, end: date, deputy: Person | None = None
    ) -> LeaveResult:
        """Record leave from ``start`` to ``end`` inclusive."""
        self._may_manage(actor, person)
        if end < start or end - start > MAX_LEAVE:
            raise InvalidInput("err.leave_range")
        if deputy is not None and deputy.id == person.id:
            raise InvalidInput("err.leave_range")
        leave = Leave(
            id=new_id("l"),
            person_id=person.id,
            start=start,
            end=end,
            deputy_id=deputy.id if deputy else None,
            created_by=actor.person_id,
        )
        with self._deps.store.atomic():
            self._deps.store.leaves.save(leave)
            self._deps.audit(
                actor,
                Action.LEAVE_SET,
                person.id,
                person.team_id,
                start=start.isoformat(),
                end=end.isoformat(),
                deputy=leave.deputy_id,
            )
        return LeaveResult(person, leave, deputy)

    def cancel(self, actor: Actor, person: Person) -> LeaveResult:
        """End the person's current and coming leave."""
        self._may_manage(actor, person)
        today = self._deps.now().date()
        ending = [lv for lv in self._deps.store.leaves.for_person(person.id) if lv.end >= today]
        if not ending:
            raise NotFound("err.no_leave")
        with self._deps.store.atomic():
            for leave in ending:
                self._deps.store.leaves.delete(leave.id)
            self._deps.audit(
                actor, Action.LEAVE_CLEARED, person.id, person.team_id, count=len(ending)
            )
        return LeaveResult(person, None, cancelled=len(ending))

    def current(self, person_id: str, day: date) -> Leave | None:
        """The person's leave covering ``day``."""
        return next(
            (lv for lv in self._deps.store.leaves.for_person(person_id) if lv.covers(day)), None
        )

    def _subject(self, actor: Actor, team_id: str, name: str | None) -> Person:
        if name is None:
            person = actor.person_in(team_id)
            if person is None:
                raise NotAllowed("err.no_person_in_team")
            return person
        return self._person(team_id, name)

    def _person(self, team_id: str, name: str) -> Person:
        found = named(self._deps.store.people.for_team(team_id), name)
        if not found:
            raise NotFound("err.person_not_found", name=name)
        if len(found) > 1:
            raise InvalidInput("err.person_ambiguous", name=name, count=len(found))
        return found[0]

    def _may_manage(self, actor: Actor, person: Person) -> None:
        if person not in actor.persons:
            check(actor, Perm.PEOPLE_MANAGE, person.team_id)
