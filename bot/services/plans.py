"""Plan import (preview → confirm/cancel, re-import in place) and plan pickers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.plan import Indicator, Measure, Plan
from bot.services.actor import Actor
from bot.services.base import Deps, Page, paginate
from bot.services.permissions import Perm, check

MAX_PLAN_BYTES = 5 * 1024 * 1024
PREVIEW_TTL = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class MeasureChange:
    """A measure in the import diff (``before`` is None when added, ``after`` when removed)."""

    id: str
    before: Measure | None
    after: Measure | None

    @property
    def title(self) -> str:
        """The measure's (new, else old) title."""
        measure = self.after or self.before
        return measure.title if measure else ""


@dataclass(frozen=True, slots=True)
class ImportDiff:
    """How a re-import changes the current plan (empty ``unchanged`` on a first import)."""

    added: tuple[MeasureChange, ...] = ()
    changed: tuple[MeasureChange, ...] = ()
    removed: tuple[MeasureChange, ...] = ()
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        """Nothing added, changed or removed."""
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class ImportPreview:
    """A parsed plan awaiting the lead's confirmation (by ``token``, until ``expires_at``).

    ``owned_measures`` counts measures whose text names at least one responsible unit;
    ``matched_measures`` those whose named units match a roster unit (auto-assignable).
    """

    token: str
    team_id: str
    plan_title: str
    sections: tuple[str, ...]
    measure_count: int
    targets: tuple[Indicator, ...]
    warnings: tuple[str, ...]
    owned_measures: int
    matched_measures: int
    diff: ImportDiff | None  # None on a first import
    expires_at: datetime
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A confirmed import: the plan (new or updated in place) and what changed."""

    plan: Plan
    created: bool
    diff: ImportDiff
    ended_assignments: int  # assignments of removed measures that were ended


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """A plan section for pickers (index counts from 0)."""

    index: int
    title: str
    measure_count: int


class PlanService:
    """Import plans and list their sections and measures."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def preview(
        self,
        actor: Actor,
        team_id: str,
        data: bytes,
        filename: str,
        *,
        all_parts: bool = False,
    ) -> ImportPreview:
        """Parse a plan file (text/markdown/docx/xlsx/csv) and keep it pending confirmation."""
        raise NotImplementedError

    def confirm(self, actor: Actor, token: str) -> ImportResult:
        """Create the plan, or update the current one in place (version bumped)."""
        raise NotImplementedError

    def cancel(self, actor: Actor, token: str) -> None:
        """Drop a pending preview."""
        raise NotImplementedError

    def current(self, actor: Actor, team_id: str) -> Plan | None:
        """The team's plan, if imported."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return self._deps.current_plan(team_id)

    def sections(self, actor: Actor, team_id: str) -> tuple[SectionInfo, ...]:
        """The plan's sections with their active measure counts."""
        raise NotImplementedError

    def measures_in_section(
        self, actor: Actor, team_id: str, section_index: int, page: int = 0, page_size: int = 8
    ) -> Page[Measure]:
        """Active measures of one section, in plan order, one page."""
        raise NotImplementedError

    def measures(
        self, actor: Actor, team_id: str, page: int = 0, page_size: int = 8
    ) -> Page[Measure]:
        """Every active measure, in plan order, one page."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return paginate(self._deps.active_measures(team_id), page, page_size)

    def measure(self, actor: Actor, team_id: str, ref: str) -> Measure:
        """A measure of the team's plan by id, or by its 1-based number in the plan."""
        raise NotImplementedError
