"""Pure suggestions: the units a measure's text names, matched to the roster's units."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people import Unit
from bot.domain.plan import Measure
from bot.domain.work import AssigneeRole
from bot.services.common import unitmatch


@dataclass(frozen=True, slots=True)
class Proposal:
    """A suggested assignment from the plan's unit names (``id`` is stable and short)."""

    id: str
    measure: Measure
    unit: Unit
    role: AssigneeRole
    stated_name: str  # the name as the plan writes it
    score: float  # 1.0 exact .. 0.6 fuzzy


def proposal_id(measure_id: str, unit_id: str) -> str:
    """A stable, short id for the suggestion (fits in callback data)."""
    return f"{measure_id}.{unit_id}"


def for_measure(measure: Measure, units: Sequence[Unit]) -> tuple[list[Proposal], list[str]]:
    """Proposals for one measure (one lead unit at most) and the names matching no unit."""
    proposals: list[Proposal] = []
    missing: list[str] = []
    seen: set[str] = set()
    for name, wanted in _stated(measure):
        unit, found, _ = unitmatch.best(name, units)
        if unit is None:
            missing.append(name)
            continue
        if unit.id in seen:
            continue
        seen.add(unit.id)
        has_lead = any(p.role is AssigneeRole.LEAD for p in proposals)
        role = AssigneeRole.CO if has_lead or wanted is AssigneeRole.CO else AssigneeRole.LEAD
        proposals.append(
            Proposal(proposal_id(measure.id, unit.id), measure, unit, role, name, found)
        )
    return proposals, missing


def _stated(measure: Measure) -> list[tuple[str, AssigneeRole | None]]:
    """Named units in order: lead units, plain units (first leads if no lead), co-units."""
    return [
        *((n, AssigneeRole.LEAD) for n in measure.lead_units),
        *((n, None) for n in measure.units),
        *((n, AssigneeRole.CO) for n in measure.co_units),
    ]
