"""Assigning measures (交办) to people and units, suggestions from the plan text, 签收."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.domain.people import Person, Unit
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole, Assignment
from bot.services.actor import Actor
from bot.services.base import Deps
from bot.services.tasks import TaskService, TaskSummary


@dataclass(frozen=True, slots=True)
class Target:
    """One assignee to be: a person or a unit, and its role (None: decide by default rules).

    Default rules: a unit leads (牵头) if the measure has no lead unit yet, else supports
    (配合); a person leads.
    """

    person_id: str | None = None
    unit_id: str | None = None
    role: AssigneeRole | None = None

    @staticmethod
    def person(person_id: str, role: AssigneeRole | None = None) -> Target:
        """A person target."""
        return Target(person_id=person_id, role=role)

    @staticmethod
    def unit(unit_id: str, role: AssigneeRole | None = None) -> Target:
        """A unit target."""
        return Target(unit_id=unit_id, role=role)


@dataclass(frozen=True, slots=True)
class AssignResult:
    """What an assignment changed and whom to tell."""

    measure: Measure
    added: tuple[Assignment, ...]
    ended: tuple[Assignment, ...]
    active: tuple[Assignment, ...]  # every assignment in force afterwards
    notify: tuple[Person, ...]  # joined people to tell (direct, unit officials, liaisons)
    not_joined: tuple[Person, ...]  # assigned people who cannot be told yet


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested assignment from the plan's unit names (``id`` is stable and short)."""

    id: str
    measure: Measure
    unit: Unit
    role: AssigneeRole
    stated_name: str  # the name as the plan writes it
    score: float  # 1.0 exact .. 0.6 fuzzy


@dataclass(frozen=True, slots=True)
class Suggestions:
    """Proposals for unassigned measures, and plan unit names matching no roster unit."""

    proposals: tuple[Proposal, ...]
    unmatched_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AutoApplied:
    """The result of applying suggestions."""

    results: tuple[AssignResult, ...]
    skipped: tuple[str, ...]  # proposal ids no longer applicable


@dataclass(frozen=True, slots=True)
class AckResult:
    """A task signed for (签收)."""

    measure: Measure
    acknowledged_at: datetime
    already: bool  # it had been acknowledged before (idempotent)


class AssignmentService:
    """交办 and 签收."""

    def __init__(self, deps: Deps, tasks: TaskService) -> None:
        self._deps = deps
        self._tasks = tasks

    def parse_targets(
        self, actor: Actor, team_id: str, args: Sequence[str] | str
    ) -> tuple[Target, ...]:
        """Resolve ``/assign`` arguments (names of people or units, unit aliases) to targets.

        ``牵头:``/``lead:`` and ``配合:``/``co:`` prefixes set the role of the names after them
        (also written as separate words); the first unit leads by default.
        """
        raise NotImplementedError

    def assign(
        self, actor: Actor, measure_id: str, targets: Sequence[Target]
    ) -> AssignResult:
        """Add assignees (already active ones keep their row unless the role changes)."""
        raise NotImplementedError

    def assign_from_args(
        self, actor: Actor, team_id: str, measure_ref: str, args: Sequence[str] | str
    ) -> AssignResult:
        """``/assign <measure> <person or unit>…`` in one call: parse, then assign."""
        raise NotImplementedError

    def reassign(
        self, actor: Actor, measure_id: str, targets: Sequence[Target]
    ) -> AssignResult:
        """Replace the assignees: rows not among ``targets`` end, new ones are added."""
        raise NotImplementedError

    def unassign(
        self, actor: Actor, measure_id: str, target: Target | None = None
    ) -> AssignResult:
        """End one assignee's row (matching person/unit), or all with ``target=None``."""
        raise NotImplementedError

    def auto_suggest(self, actor: Actor, team_id: str) -> Suggestions:
        """Match unit names the plan states for unassigned measures to roster units."""
        raise NotImplementedError

    def auto_apply(
        self, actor: Actor, team_id: str, proposal_ids: Sequence[str] | None = None
    ) -> AutoApplied:
        """Apply the given suggestions (all current ones with None)."""
        raise NotImplementedError

    def unassigned(self, actor: Actor, team_id: str) -> tuple[Measure, ...]:
        """Active measures with no assignee."""
        raise NotImplementedError

    def unacknowledged(self, actor: Actor, team_id: str) -> tuple[TaskSummary, ...]:
        """Assigned, open tasks nobody has signed for."""
        raise NotImplementedError

    def acknowledge(self, actor: Actor, measure_id: str) -> AckResult:
        """Sign for a task (签收) as its assignee; idempotent."""
        raise NotImplementedError
