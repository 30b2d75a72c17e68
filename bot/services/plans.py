"""Plan import (preview → confirm/cancel, re-import in place) and plan pickers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.ids import new_id
from bot.domain.people import Unit
from bot.domain.plan import Indicator, Measure, Plan
from bot.importer.errors import PlanImportError
from bot.importer.model import ParsedPlan, PlanDiff
from bot.services import unitmatch
from bot.services.actor import Actor
from bot.services.base import Deps, Page, paginate
from bot.services.errors import InvalidInput, NotFound
from bot.services.permissions import Perm, check
from bot.services.plan_apply import (
    DefaultImporter,
    PlanImporter,
    apply_import,
    to_indicator,
    to_measure,
    to_parsed,
)

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


@dataclass(frozen=True, slots=True)
class _Pending:
    """A parsed plan waiting for confirmation."""

    preview: ImportPreview
    parsed: ParsedPlan
    filename: str


class PlanService:
    """Import plans and list their sections and measures."""

    def __init__(self, deps: Deps, importer: PlanImporter | None = None) -> None:
        self._deps = deps
        self._importer = importer or DefaultImporter()
        self._pending: dict[str, _Pending] = {}

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
        check(actor, Perm.PLAN_IMPORT, team_id)
        self._deps.team(team_id)
        if len(data) > MAX_PLAN_BYTES:
            raise InvalidInput("err.file_too_large", max_kb=MAX_PLAN_BYTES // 1024)
        parsed, diff = self._parse(team_id, data, filename, all_parts)
        self._expire()
        token = new_id("v", 4)
        preview = self._preview(token, team_id, parsed, diff)
        self._pending[token] = _Pending(preview, parsed, filename)
        return preview

    def confirm(self, actor: Actor, token: str) -> ImportResult:
        """Create the plan, or update the current one in place (version bumped)."""
        pending = self._take(actor, token)
        with self._deps.store.atomic():
            applied = apply_import(
                self._deps, actor, pending.preview.team_id, pending.parsed, pending.filename
            )
        self._pending.pop(token, None)
        diff = pending.preview.diff or ImportDiff(
            added=tuple(MeasureChange(m.id, None, m) for m in pending.preview.measures)
        )
        return ImportResult(applied.plan, applied.created, diff, applied.ended_assignments)

    def cancel(self, actor: Actor, token: str) -> None:
        """Drop a pending preview."""
        self._take(actor, token)
        self._pending.pop(token, None)

    def current(self, actor: Actor, team_id: str) -> Plan | None:
        """The team's plan, if imported."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return self._deps.current_plan(team_id)

    def sections(self, actor: Actor, team_id: str) -> tuple[SectionInfo, ...]:
        """The plan's sections with their active measure counts (empty ones left out)."""
        check(actor, Perm.PLAN_VIEW, team_id)
        titles = self._titles(team_id)
        measures = self._deps.active_measures(team_id)
        infos = (
            SectionInfo(i, title, sum(1 for m in measures if (m.section or "") == title))
            for i, title in enumerate(titles)
        )
        return tuple(info for info in infos if info.measure_count)

    def measures_in_section(
        self, actor: Actor, team_id: str, section_index: int, page: int = 0, page_size: int = 8
    ) -> Page[Measure]:
        """Active measures of one section, in plan order, one page."""
        check(actor, Perm.PLAN_VIEW, team_id)
        titles = self._titles(team_id)
        if not 0 <= section_index < len(titles):
            raise NotFound("err.section_not_found", index=section_index)
        title = titles[section_index]
        measures = [m for m in self._deps.active_measures(team_id) if (m.section or "") == title]
        return paginate(measures, page, page_size)

    def measures(
        self, actor: Actor, team_id: str, page: int = 0, page_size: int = 8
    ) -> Page[Measure]:
        """Every active measure, in plan order, one page."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return paginate(self._deps.active_measures(team_id), page, page_size)

    def measure(self, actor: Actor, team_id: str, ref: str) -> Measure:
        """A measure of the team's plan by id, or by its 1-based number in the plan."""
        check(actor, Perm.PLAN_VIEW, team_id)
        return self._deps.measure_ref(team_id, ref)

    # -- internals ----------------------------------------------------------------------------

    def _parse(
        self, team_id: str, data: bytes, filename: str, all_parts: bool
    ) -> tuple[ParsedPlan, PlanDiff | None]:
        plan = self._deps.current_plan(team_id)
        previous = self._deps.store.measures.for_plan(plan.id) if plan else ()
        try:
            parsed = self._importer.parse(data, filename, all_parts=all_parts)
            if not previous:
                return parsed, None
            return self._importer.reconcile([to_parsed(m) for m in previous], parsed)
        except PlanImportError as err:
            raise InvalidInput(
                "err.plan_invalid", message=err.message_zh, message_en=err.message_en,
                reason=err.reason.value,
            ) from err

    def _preview(
        self, token: str, team_id: str, parsed: ParsedPlan, diff: PlanDiff | None
    ) -> ImportPreview:
        plan = self._deps.current_plan(team_id)
        units = self._deps.store.units.for_team(team_id)
        pid = plan.id if plan else ""
        measures = tuple(to_measure(m, pid, i) for i, m in enumerate(parsed.measures))
        return ImportPreview(
            token=token,
            team_id=team_id,
            plan_title=parsed.title or "",
            sections=tuple(s.title for s in parsed.sections),
            measure_count=len(parsed.measures),
            targets=tuple(to_indicator(t) for t in parsed.targets),
            warnings=parsed.warnings,
            owned_measures=sum(1 for m in measures if m.stated_units),
            matched_measures=sum(1 for m in measures if _matches_roster(m, units)),
            diff=self._diff(team_id, diff) if diff is not None else None,
            expires_at=self._deps.now() + PREVIEW_TTL,
            measures=measures,
        )

    def _diff(self, team_id: str, diff: PlanDiff) -> ImportDiff:
        plan = self._deps.current_plan(team_id)
        pid = plan.id if plan else ""
        old = {m.id: m for m in self._deps.store.measures.for_plan(pid)}
        return ImportDiff(
            added=tuple(MeasureChange(m.id, None, to_measure(m, pid)) for m in diff.added),
            changed=tuple(
                MeasureChange(m.id, old.get(m.id), to_measure(m, pid)) for m in diff.changed
            ),
            removed=tuple(
                MeasureChange(m.id, old.get(m.id), None)
                for m in diff.removed
                if old.get(m.id) is None or old[m.id].active
            ),
            unchanged=len(diff.unchanged),
        )

    def _take(self, actor: Actor, token: str) -> _Pending:
        self._expire()
        pending = self._pending.get(token)
        if pending is None:
            raise NotFound("err.preview_expired")
        check(actor, Perm.PLAN_IMPORT, pending.preview.team_id)
        return pending

    def _expire(self) -> None:
        now = self._deps.now()
        for token in [t for t, p in self._pending.items() if p.preview.expires_at <= now]:
            del self._pending[token]

    def _titles(self, team_id: str) -> list[str]:
        plan = self._deps.current_plan(team_id)
        titles = list(plan.sections) if plan else []
        if any(not m.section for m in self._deps.active_measures(team_id)):
            titles.append("")
        return titles


def _matches_roster(measure: Measure, units: Sequence[Unit]) -> bool:
    return any(unitmatch.best(n, units)[0] is not None for n in measure.stated_units)
