"""Plan import (preview → confirm/cancel, re-import in place) and plan pickers.

A preview is kept in the store (``pending_imports``) until it is confirmed, cancelled or
expires, so the Confirm button still works after a restart.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.ids import new_id
from bot.domain.people import Unit
from bot.domain.plan import Indicator, KeyMark, Measure, PendingImport, Plan
from bot.importer.errors import PlanWarning
from bot.importer.model import Confidence, ParsedPlan
from bot.services.common.actor import Actor
from bot.services.common.base import Deps, Page, paginate
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.common.permissions import Perm, check, require_known
from bot.services.plans.apply import (
    Applied,
    DefaultImporter,
    PlanImporter,
    apply_import,
    to_indicator,
    to_measure,
    to_parsed,
)
from bot.services.plans.pending import decode_plan, diff_ids, ids_elsewhere
from bot.services.plans.reader import PlanReader, ReadPlan, matches_roster

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
        """The measure's (new, else old) name: its key marks and title."""
        measure = self.after or self.before
        return measure.name if measure else ""


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
    warnings: tuple[PlanWarning, ...]  # worded by bot.render.importer
    owned_measures: int
    matched_measures: int
    diff: ImportDiff | None  # None on a first import
    expires_at: datetime
    measures: tuple[Measure, ...] = ()
    unowned: int = 0
    """Measures whose responsible unit the importer did not find."""
    owners_inferred: int = 0
    """Measures whose unit was taken from a heading above or a merged cell: worth a check."""
    undated: int = 0
    """Measures without a stated time limit."""
    deadlines_inferred: int = 0
    """Measures whose time limit was taken from a heading above or a merged cell."""
    legend: tuple[KeyMark, ...] = ()
    """What the plan's note says its key marks (★ ▲) mean."""


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A confirmed import: the plan (new or updated in place) and what changed."""

    plan: Plan
    created: bool
    diff: ImportDiff
    ended_assignments: int  # assignments of removed measures that were ended
    unmatched_leaders: tuple[str, ...] = ()  # 责任领导 names matching no leader (kept as text)


@dataclass(frozen=True, slots=True)
class SectionInfo:
    """A plan section for pickers (index counts from 0)."""

    index: int
    title: str
    measure_count: int


class PlanService:
    """Import plans and list their sections and measures."""

    def __init__(self, deps: Deps, importer: PlanImporter | None = None) -> None:
        self._deps = deps
        self._importer = importer or DefaultImporter()

    def preview(
        self,
        actor: Actor,
        team_id: str,
        data: bytes,
        filename: str,
        *,
        all_parts: bool = False,
    ) -> ImportPreview:
        """Parse a plan file (text/markdown/docx/xlsx/csv) and keep it pending confirmation.
        The parts, for parsing off the event loop: :meth:`admit`, :meth:`reader` and its
        ``read``, then :meth:`keep`."""
        self.admit(actor, team_id, data)
        read = self.reader(team_id).read(data, filename, all_parts=all_parts)
        return self.keep(actor, team_id, filename, read)

    def admit(self, actor: Actor, team_id: str, data: bytes) -> None:
        """Refuse the upload unless the actor may import a plan here and the file is not too
        large (before anything is parsed)."""
        check(actor, Perm.PLAN_IMPORT, team_id)
        self._deps.team(team_id)
        if len(data) > MAX_PLAN_BYTES:
            raise InvalidInput("err.file_too_large", max_kb=MAX_PLAN_BYTES // 1024)

    def reader(self, team_id: str) -> PlanReader:
        """The parser of a plan file for the team, with what it needs from the store read now:
        its ``read`` touches no store, so it may run in a worker thread."""
        plan = self._deps.current_plan(team_id)
        stored = self._deps.store.measures.for_plan(plan.id) if plan else ()
        previous = [m for m in stored if m.source is None]  # instructions are not in the file
        return PlanReader(
            self._importer,
            team_id,
            plan.id if plan else "",
            tuple(to_parsed(m) for m in previous),
            ids_elsewhere(self._deps, team_id),
            tuple(self._deps.store.units.for_team(team_id)),
        )

    def keep(self, actor: Actor, team_id: str, filename: str, read: ReadPlan) -> ImportPreview:
        """Keep a plan file read by :meth:`reader` pending the lead's confirmation; its
        preview (only the store's write is left to do here)."""
        person = check(actor, Perm.PLAN_IMPORT, team_id)
        self._deps.team(team_id)
        now = self._deps.now()
        added, changed, removed = diff_ids(read.diff)
        pending = PendingImport(
            id=new_id("v", 4),
            team_id=team_id,
            filename=filename,
            created_at=now,
            expires_at=now + PREVIEW_TTL,
            plan=read.encoded,  # encode_plan(parsed), done with the parsing
            first=read.diff is None,
            added=added,
            changed=changed,
            removed=removed,
            requested_by=person.id if person else None,
        )
        with self._deps.store.atomic():
            self._expire()
            self._deps.store.pending_imports.save(pending)
        return self._shown(pending, read.parsed, read.measures, read.owned, read.matched)

    def confirm(self, actor: Actor, token: str) -> ImportResult:
        """Create the plan, or update the current one in place (version bumped)."""
        require_known(actor)
        pending, parsed = self._take(actor, token)
        preview = self._preview(pending, parsed)
        with self._deps.store.atomic():
            applied = apply_import(self._deps, actor, pending.team_id, parsed, pending.filename)
            self._deps.store.pending_imports.delete(token)
        return _result(preview, applied)

    async def confirm_off_loop(self, actor: Actor, token: str) -> ImportResult:
        """:meth:`confirm` with the stored preview decoded and its measures built in a worker
        thread (a plan of hundreds of measures); the store is read before and written after,
        on the event loop."""
        require_known(actor)
        pending = self._pending(actor, token)
        plan = self._deps.current_plan(pending.team_id)
        units = self._deps.store.units.for_team(pending.team_id)
        built = await asyncio.to_thread(_built, pending, plan.id if plan else "", units)
        if built is None:
            raise NotFound("err.preview_expired")
        parsed, measures, owned, matched = built
        if self._deps.store.pending_imports.get(token) is None:  # taken meanwhile
            raise NotFound("err.preview_expired")
        preview = self._shown(pending, parsed, measures, owned, matched)
        with self._deps.store.atomic():
            applied = apply_import(
                self._deps, actor, pending.team_id, parsed, pending.filename, measures
            )
            self._deps.store.pending_imports.delete(token)
        return _result(preview, applied)

    def cancel(self, actor: Actor, token: str) -> None:
        """Drop a pending preview."""
        require_known(actor)
        self._take(actor, token)
        self._deps.store.pending_imports.delete(token)

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

    def _preview(self, pending: PendingImport, parsed: ParsedPlan) -> ImportPreview:
        plan = self._deps.current_plan(pending.team_id)
        units = self._deps.store.units.for_team(pending.team_id)
        pid = plan.id if plan else ""
        measures = tuple(to_measure(m, pid, i) for i, m in enumerate(parsed.measures))
        owned = sum(1 for m in measures if m.stated_units)
        matched = sum(1 for m in measures if matches_roster(m, units))
        return self._shown(pending, parsed, measures, owned, matched)

    def _shown(
        self,
        pending: PendingImport,
        parsed: ParsedPlan,
        measures: tuple[Measure, ...],
        owned: int,
        matched: int,
    ) -> ImportPreview:
        plan = self._deps.current_plan(pending.team_id)
        pid = plan.id if plan else ""
        return ImportPreview(
            token=pending.id,
            team_id=pending.team_id,
            plan_title=parsed.title or "",
            sections=tuple(s.title for s in parsed.sections),
            measure_count=len(parsed.measures),
            targets=tuple(to_indicator(t) for t in parsed.targets),
            warnings=parsed.warnings,
            owned_measures=owned,
            matched_measures=matched,
            diff=None if pending.first else self._diff(pid, pending, measures),
            expires_at=pending.expires_at,
            measures=measures,
            unowned=_count(parsed, "owner_confidence", Confidence.NONE),
            owners_inferred=_count(parsed, "owner_confidence", Confidence.INFERRED),
            undated=_count(parsed, "deadline_confidence", Confidence.NONE),
            deadlines_inferred=_count(parsed, "deadline_confidence", Confidence.INFERRED),
            legend=tuple(KeyMark(m.sign, m.meaning) for m in parsed.legend),
        )

    def _diff(
        self, plan_id: str, pending: PendingImport, measures: Sequence[Measure]
    ) -> ImportDiff:
        old = {m.id: m for m in self._deps.store.measures.for_plan(plan_id)}
        new = {m.id: m for m in measures}
        touched = {*pending.added, *pending.changed}
        return ImportDiff(
            added=tuple(MeasureChange(i, None, new[i]) for i in pending.added if i in new),
            changed=tuple(
                MeasureChange(i, old.get(i), new[i]) for i in pending.changed if i in new
            ),
            removed=tuple(
                MeasureChange(i, old.get(i), None)
                for i in pending.removed
                if i not in old or old[i].active
            ),
            unchanged=sum(1 for i in new if i not in touched),
        )

    def _take(self, actor: Actor, token: str) -> tuple[PendingImport, ParsedPlan]:
        pending = self._pending(actor, token)
        try:
            return pending, decode_plan(pending.plan)
        except ValueError as err:
            raise NotFound("err.preview_expired") from err

    def _pending(self, actor: Actor, token: str) -> PendingImport:
        with self._deps.store.atomic():
            self._expire()
        pending = self._deps.store.pending_imports.get(token)
        if pending is None:
            raise NotFound("err.preview_expired")
        check(actor, Perm.PLAN_IMPORT, pending.team_id)
        return pending

    def _expire(self) -> None:
        now = self._deps.now()
        store = self._deps.store.pending_imports
        for token in [p.id for p in store.all() if p.expires_at <= now]:
            store.delete(token)

    def _titles(self, team_id: str) -> list[str]:
        plan = self._deps.current_plan(team_id)
        titles = list(plan.sections) if plan else []
        if any(not m.section for m in self._deps.active_measures(team_id)):
            titles.append("")
        return titles


def _count(parsed: ParsedPlan, field: str, confidence: Confidence) -> int:
    """How many measures hold ``confidence`` in their ``field`` (owner or deadline)."""
    return sum(1 for m in parsed.measures if getattr(m, field) is confidence)


def _built(
    pending: PendingImport, plan_id: str, units: Sequence[Unit]
) -> tuple[ParsedPlan, tuple[Measure, ...], int, int] | None:
    """A stored preview decoded, its measures built and counted (None: it no longer decodes).
    Touches no store: safe in a worker thread."""
    try:
        parsed = decode_plan(pending.plan)
    except ValueError:
        return None
    measures = tuple(to_measure(m, plan_id, i) for i, m in enumerate(parsed.measures))
    owned = sum(1 for m in measures if m.stated_units)
    matched = sum(1 for m in measures if matches_roster(m, units))
    return parsed, measures, owned, matched


def _result(preview: ImportPreview, applied: Applied) -> ImportResult:
    """What a confirmed import did: the plan written, and the preview's changes (for a new
    plan, every measure added)."""
    diff = preview.diff or ImportDiff(
        added=tuple(MeasureChange(m.id, None, m) for m in preview.measures)
    )
    return ImportResult(
        applied.plan, applied.created, diff, applied.ended_assignments, applied.unmatched_leaders
    )
