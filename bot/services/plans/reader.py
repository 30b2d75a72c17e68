"""Reading a plan file off the event loop: everything slow about a preview, with no store.

A plan of megabytes takes seconds to parse, reconcile with the current plan and turn into a
preview; done on the event loop, every other user would wait that long. So the plan service
reads what it needs from the store first (:meth:`PlanService.reader`: the current plan's
measures, the ids other teams use, the team's units), :meth:`PlanReader.read` does the slow part
anywhere (``asyncio.to_thread``), and only the write of the pending preview is left for the event
loop (:meth:`PlanService.keep`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.people import Unit
from bot.domain.plan import Measure
from bot.importer import model
from bot.importer.errors import PlanImportError
from bot.services.common import unitmatch
from bot.services.common.errors import InvalidInput
from bot.services.plans.apply import PlanImporter, to_measure
from bot.services.plans.pending import encode_plan, with_free_ids


@dataclass(frozen=True, slots=True)
class ReadPlan:
    """A plan file read: parsed under the ids it will be stored with, its diff with the current
    plan (None on a first import), its stored form and what the preview shows."""

    parsed: model.ParsedPlan
    diff: model.PlanDiff | None
    encoded: str
    measures: tuple[Measure, ...]
    owned: int  # measures naming a responsible unit
    matched: int  # measures whose units match the roster's


@dataclass(frozen=True, slots=True)
class PlanReader:
    """Parsing a plan file for one team, with what it needs from the store read beforehand."""

    importer: PlanImporter
    team_id: str
    plan_id: str  # the current plan's, or ""
    previous: tuple[model.ParsedMeasure, ...]  # the current plan's measures, to keep their ids
    elsewhere: frozenset[str]  # measure ids other teams' plans hold
    units: tuple[Unit, ...]

    def read(self, data: bytes, filename: str, *, all_parts: bool = False) -> ReadPlan:
        """The file read and ready to keep; ``InvalidInput`` for a file that is not a plan.
        Touches no store: safe in a worker thread."""
        try:
            parsed = self.importer.parse(data, filename, all_parts=all_parts)
            diff = None
            if self.previous:
                parsed, diff = self.importer.reconcile(self.previous, parsed)
        except PlanImportError as err:
            raise InvalidInput(
                "err.plan_invalid",
                message=err.notice,
                reason=err.reason.value,
            ) from err
        parsed, diff = with_free_ids(self.elsewhere, self.team_id, parsed, diff)
        measures = tuple(to_measure(m, self.plan_id, i) for i, m in enumerate(parsed.measures))
        return ReadPlan(
            parsed,
            diff,
            encode_plan(parsed),
            measures,
            owned=sum(1 for m in measures if m.stated_units),
            matched=sum(1 for m in measures if matches_roster(m, self.units)),
        )


def matches_roster(measure: Measure, units: Sequence[Unit]) -> bool:
    """Whether a unit the measure names matches one of the roster's."""
    return any(unitmatch.best(n, units)[0] is not None for n in measure.stated_units)
