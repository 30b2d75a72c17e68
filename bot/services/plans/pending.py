"""Import previews kept in the store until Confirm / Cancel, so a restart loses none.

The parsed plan is kept as JSON: the importer's contract form (``plan_to_dict``) plus the
year, document number and sections it leaves out. Before a preview is kept, its measures get
the ids they will be stored under (:func:`with_free_ids`), so the preview shows the real ids.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from bot.importer.errors import warning_from_stored
from bot.importer.model import ParsedPlan, PartKind, PlanDiff, Section
from bot.importer.serialise import (
    indicator_from_dict,
    legend_from_list,
    measure_from_dict,
    plan_to_dict,
)
from bot.services.common.base import Deps
from bot.services.plans.apply import free_id_in


def encode_plan(parsed: ParsedPlan) -> str:
    """The whole parsed plan as JSON text."""
    document = plan_to_dict(parsed)
    document["year"] = parsed.year
    document["doc_number"] = parsed.doc_number
    document["sections"] = [
        {"ordinal": s.ordinal, "title": s.title, "part": s.part, "kind": s.kind.value,
         "marker": s.marker}
        for s in parsed.sections
    ]  # fmt: skip
    return json.dumps(document, ensure_ascii=False)


def decode_plan(text: str) -> ParsedPlan:
    """The parsed plan back from :func:`encode_plan`; ValueError if the text is not one."""
    try:
        document: dict[str, Any] = json.loads(text)
        return ParsedPlan(
            title=document.get("title"),
            year=document.get("year"),
            doc_number=document.get("doc_number"),
            targets=tuple(indicator_from_dict(t) for t in document.get("targets", ())),
            measures=tuple(measure_from_dict(m) for m in document.get("measures", ())),
            sections=tuple(_section(s) for s in document.get("sections", ())),
            warnings=tuple(warning_from_stored(w) for w in document.get("warnings", ())),
            legend=legend_from_list(document.get("legend", [])),
        )
    except (KeyError, TypeError, AttributeError) as err:
        raise ValueError(f"not a stored plan: {err}") from err


def _section(data: dict[str, Any]) -> Section:
    return Section(
        ordinal=int(data["ordinal"]),
        title=str(data["title"]),
        part=data.get("part"),
        kind=PartKind(data.get("kind", PartKind.PLAN.value)),
        marker=data.get("marker"),
    )


def ids_elsewhere(deps: Deps, team_id: str) -> frozenset[str]:
    """The measure ids other teams' plans hold (read before parsing, off the event loop)."""
    return frozenset(
        m.id
        for plan in deps.store.plans.all()
        if plan.team_id != team_id
        for m in deps.store.measures.for_plan(plan.id)
    )


def with_free_ids(
    elsewhere: Collection[str], team_id: str, parsed: ParsedPlan, diff: PlanDiff | None
) -> tuple[ParsedPlan, PlanDiff | None]:
    """The plan (and diff) with each measure under the id it will be stored with: the
    importer's, unless another team's plan already uses it (``elsewhere``; see
    :func:`~bot.services.plans.apply.free_id`)."""
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for measure in parsed.measures:
        ids[measure.id] = free_id_in(measure.id, team_id, taken, elsewhere.__contains__)
        taken.add(ids[measure.id])
    if all(old == new for old, new in ids.items()):
        return parsed, diff
    measures = tuple(replace(m, id=ids[m.id]) for m in parsed.measures)
    if diff is not None:
        diff = replace(
            diff,
            added=tuple(replace(m, id=ids.get(m.id, m.id)) for m in diff.added),
            changed=tuple(replace(m, id=ids.get(m.id, m.id)) for m in diff.changed),
        )
    return replace(parsed, measures=measures), diff


def diff_ids(diff: PlanDiff | None) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The ids a re-import adds, changes and removes, kept with its preview (none for a first
    import)."""
    if diff is None:
        return (), (), ()
    return (
        tuple(m.id for m in diff.added),
        tuple(m.id for m in diff.changed),
        tuple(m.id for m in diff.removed),
    )
