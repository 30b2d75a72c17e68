"""Writing a parsed plan into the store: create, or update in place keeping measure ids."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from bot.domain.audit import Action
from bot.domain.ids import new_id
from bot.domain.plan import Indicator, KeyMark, Measure, Plan, Revision
from bot.importer import model
from bot.services.assignment.leaders import link_imported
from bot.services.common.actor import Actor
from bot.services.common.base import Deps


class PlanImporter(Protocol):
    """The importer as the plan service uses it (``bot.importer`` behind it)."""

    def parse(self, data: bytes, filename: str, *, all_parts: bool) -> model.ParsedPlan:
        """Parse a document; raises ``PlanImportError``."""
        ...

    def reconcile(
        self, previous: Sequence[model.ParsedMeasure], new: model.ParsedPlan
    ) -> tuple[model.ParsedPlan, model.PlanDiff]:
        """Reuse the ids of ``previous`` measures in ``new``, and tell what changed."""
        ...


class DefaultImporter:
    """``bot.importer.parse_plan`` and ``reconcile``."""

    def parse(self, data: bytes, filename: str, *, all_parts: bool) -> model.ParsedPlan:
        """Parse a document; raises ``PlanImportError``."""
        from bot.importer import parse_plan

        return parse_plan(data, filename, all_parts=all_parts)

    def reconcile(
        self, previous: Sequence[model.ParsedMeasure], new: model.ParsedPlan
    ) -> tuple[model.ParsedPlan, model.PlanDiff]:
        """Reuse the ids of ``previous`` measures in ``new``, and tell what changed."""
        from bot.importer import reconcile

        return reconcile(previous, new)


@dataclass(frozen=True, slots=True)
class Applied:
    """What writing a plan did."""

    plan: Plan
    created: bool
    ended_assignments: int
    removed_ids: tuple[str, ...]
    unmatched_leaders: tuple[str, ...] = ()  # 责任领导 names matching no leader of the team


def apply_import(
    deps: Deps,
    actor: Actor,
    team_id: str,
    parsed: model.ParsedPlan,
    filename: str,
    built: Sequence[Measure] | None = None,
) -> Applied:
    """Create the team's plan or update it in place; removed measures keep their history.
    ``built``: the parsed measures already converted by :func:`to_measure` (off the event
    loop, under any plan id)."""  # fmt: skip
    now = deps.now()
    existing = deps.current_plan(team_id)
    plan = _plan(existing, team_id, parsed, filename, now)
    deps.store.plans.save(plan)
    kept_ids: set[str] = set()
    saved: list[Measure] = []
    if built is None:
        built = [to_measure(m, plan.id, position) for position, m in enumerate(parsed.measures)]
    for measure in built:
        wanted = free_id(deps, measure.id, team_id, kept_ids)
        measure = replace(measure, id=wanted, plan_id=plan.id)
        before = deps.store.measures.get(measure.id)
        measure = _revised(before, _carried(before, _since(before, measure, now)), now)
        deps.store.measures.save(measure)
        kept_ids.add(measure.id)
        saved.append(measure)
    unmatched = link_imported(deps, actor, team_id, saved)
    kept_ids |= _sourced(deps, plan, len(parsed.measures))
    removed, ended = _remove_missing(deps, actor, plan, kept_ids)
    action = Action.PLAN_IMPORTED if existing is None else Action.PLAN_UPDATED
    deps.audit(
        actor,
        action,
        plan.id,
        team_id,
        version=plan.version,
        measures=len(kept_ids),
        removed=len(removed),
        source=filename,
    )
    return Applied(plan, existing is None, ended, removed, unmatched)


def _carried(before: Measure | None, measure: Measure) -> Measure:
    """A re-imported measure keeps the deadline an approved extension gave it (the plan's
    text still states the first one, kept as ``original_deadline``)."""
    if before is None or not before.extensions:
        return measure
    return replace(
        measure, deadline=before.deadline, original_deadline=before.original_deadline,
        extensions=before.extensions,
    )  # fmt: skip


#: what a re-import may rewrite and a view of an earlier moment reads as it was
_WORDING = (
    "title", "body", "section", "part", "deadline_raw", "deadline", "indicators", "marks",
)  # fmt: skip


def _revised(before: Measure | None, measure: Measure, now: datetime) -> Measure:
    """A measure the re-import rewrote keeps the wording it replaced (a :class:`Revision`
    read until now), after those it had; one unchanged keeps its revisions as they were."""
    if before is None:
        return measure
    if all(getattr(before, name) == getattr(measure, name) for name in _WORDING):
        return replace(measure, revisions=before.revisions)
    was = Revision(now, **{name: getattr(before, name) for name in _WORDING})
    return replace(measure, revisions=(*before.revisions, was))


def _since(before: Measure | None, measure: Measure, now: datetime) -> Measure:
    """A measure new to the plan entered it now; one already there keeps the moment it came
    (unknown, None, for one stored before the moment was kept)."""
    return replace(measure, created_at=before.created_at if before is not None else now)


def _sourced(deps: Deps, plan: Plan, after: int) -> set[str]:
    """Tasks made from instructions and meeting decisions are not in the plan's file: a
    re-import keeps them, after the plan's measures, in their order."""
    sourced = sorted(
        (m for m in deps.store.measures.for_plan(plan.id) if m.source is not None and m.active),
        key=lambda m: m.position,
    )
    for offset, measure in enumerate(sourced):
        deps.store.measures.save(replace(measure, position=after + offset))
    return {m.id for m in sourced}


def _plan(
    existing: Plan | None, team_id: str, parsed: model.ParsedPlan, filename: str, now: object
) -> Plan:
    fields = {
        "title": parsed.title or filename,
        "year": parsed.year,
        "doc_number": parsed.doc_number,
        "source_name": filename,
        "targets": tuple(to_indicator(t) for t in parsed.targets),
        "sections": tuple(dict.fromkeys(s.title for s in parsed.sections)),
        "legend": tuple(KeyMark(m.sign, m.meaning) for m in parsed.legend),
        "imported_at": now,
    }
    if existing is None:
        return Plan(id=new_id("P"), team_id=team_id, **fields)  # type: ignore[arg-type]
    return replace(existing, version=existing.version + 1, **fields)  # type: ignore[arg-type]


def _remove_missing(
    deps: Deps, actor: Actor, plan: Plan, kept: set[str]
) -> tuple[tuple[str, ...], int]:
    removed: list[str] = []
    ended = 0
    for measure in deps.store.measures.for_plan(plan.id):
        if measure.id in kept or not measure.active:
            continue
        deps.store.measures.save(replace(measure, removed_at=deps.now()))
        removed.append(measure.id)
        for row in deps.store.assignments.for_measure(measure.id):
            if row.active:
                deps.store.assignments.save(replace(row, ended_at=deps.now()))
                deps.audit(
                    actor,
                    Action.UNASSIGNED,
                    measure.id,
                    plan.team_id,
                    person=row.person_id,
                    unit=row.unit_id,
                    assignment=row.id,
                    reason="removed_from_plan",
                )
                ended += 1
    return tuple(removed), ended


def free_id(deps: Deps, wanted: str, team_id: str, taken: Collection[str] = ()) -> str:
    """The importer's id (``M3f2a``), unless another team's measure has it or it is ``taken``
    in this import: then the id with the end of the team's id (``M3f2a7kq``), numbered if
    need be. Deterministic, so a preview shows the ids its import will store; a re-import
    keeps them because the importer reuses the stored ids of unchanged measures."""
    return free_id_in(wanted, team_id, taken, lambda found: _elsewhere(deps, found, team_id))


def free_id_in(
    wanted: str, team_id: str, taken: Collection[str], elsewhere: Callable[[str], bool]
) -> str:
    """:func:`free_id` with ``elsewhere(id)`` telling whether another team's plan has the id
    (pure, for parsing off the event loop)."""
    suffix = team_id[-3:].lower()
    candidate, attempt = wanted, 0
    while candidate in taken or elsewhere(candidate):
        attempt += 1
        candidate = f"{wanted}{suffix}{attempt if attempt > 1 else ''}"
    return candidate


def _elsewhere(deps: Deps, measure_id: str, team_id: str) -> bool:
    """Whether another team's plan holds a measure with this id."""
    measure = deps.store.measures.get(measure_id)
    if measure is None:
        return False
    plan = deps.store.plans.get(measure.plan_id)
    return plan is None or plan.team_id != team_id


def to_indicator(indicator: model.Indicator) -> Indicator:
    """The domain indicator for an importer indicator."""
    return Indicator(indicator.name, indicator.unit, indicator.value, indicator.placeholder)


def to_measure(parsed: model.ParsedMeasure, plan_id: str, position: int = 0) -> Measure:
    """The domain measure for an importer measure."""
    return Measure(
        id=parsed.id,
        plan_id=plan_id,
        title=parsed.title,
        body=parsed.body,
        section=parsed.section,
        part=parsed.part,
        marker=parsed.marker,
        position=position,
        lead_leader=parsed.lead_leader,
        lead_units=parsed.lead_units,
        units=parsed.units,
        co_units=parsed.co_units,
        deadline_raw=parsed.deadline.raw,
        deadline=parsed.deadline.date,
        indicators=tuple(to_indicator(i) for i in parsed.indicators),
        marks=parsed.marks,
    )


def to_parsed(measure: Measure) -> model.ParsedMeasure:
    """The importer's view of a stored measure, for reconciling a re-import."""
    return model.ParsedMeasure(
        id=measure.id,
        part=measure.part,
        section=measure.section,
        marker=measure.marker,
        title=measure.title,
        body=measure.body,
        lead_leader=measure.lead_leader,
        lead_units=measure.lead_units,
        units=measure.units,
        co_units=measure.co_units,
        deadline=model.Deadline(measure.deadline_raw, measure.deadline),
        indicators=tuple(
            model.Indicator(i.name, i.value, i.unit, i.placeholder) for i in measure.indicators
        ),
        marks=measure.marks,
    )
