"""The last step of every parse: ids, the measures kept, sections and warnings."""

from __future__ import annotations

from dataclasses import replace

from bot.importer.assemble import Draft
from bot.importer.errors import FailureReason, Notice, PlanImportError, PlanWarning, Term
from bot.importer.header import Header
from bot.importer.ids import assign_ids
from bot.importer.keymarks import read_legend, with_marks, with_section_marks, without_signs
from bot.importer.model import Indicator, ParsedPlan, PartKind, Section


def finish(
    drafts: list[Draft],
    *,
    header: Header,
    targets: tuple[Indicator, ...],
    all_parts: bool,
    warnings: list[PlanWarning],
    text: str = "",
) -> ParsedPlan:
    """Assign ids, keep the measures asked for, and collect sections and warnings; the key
    marks before the measures are read with the legend in the document's ``text``."""
    if not drafts:
        raise no_structure()
    ids = assign_ids((d.section_key, d.measure.title) for d in drafts)
    kept = [
        (replace(d.measure, id=i), d)
        for i, d in zip(ids, drafts, strict=True)
        if d.kind is PartKind.PLAN or (all_parts and d.kind is PartKind.REVIEW)
    ]
    skipped = _skipped_parts(drafts, all_parts)
    for (part, kind), number in skipped.items():
        key = "skipped_review" if kind is PartKind.REVIEW else "not_measures"
        named = part or Term("importer.unnamed_part")
        warnings.append(Notice.of(f"importer.warning.{key}", part=named, number=number))
    if not kept:
        raise no_measures(skipped)
    if header.year is None and any(m.deadline.raw and m.deadline.date is None for m, _ in kept):
        warnings.append(Notice.of("importer.warning.no_year"))
    legend = read_legend(text)
    marked = with_marks([(d.section_key, m) for m, d in kept], legend)
    marked = with_section_marks(
        marked, [(d.section_key, d.section_marker) for _, d in kept], legend
    )
    kept = list(zip(marked, (d for _, d in kept), strict=True))
    sections: dict[int, Section] = {}
    for measure, draft in kept:
        if draft.section_key is not None and measure.section is not None:
            sections.setdefault(
                draft.section_key,
                Section(
                    draft.section_key,
                    measure.section,
                    measure.part,
                    draft.kind,
                    without_signs(draft.section_marker) if draft.section_marker else None,
                ),
            )
    return ParsedPlan(
        title=header.title,
        year=header.year,
        doc_number=header.doc_number,
        targets=targets,
        measures=tuple(m for m, _ in kept),
        sections=tuple(sections.values()),
        warnings=tuple(warnings),
        legend=legend,
    )


def no_structure() -> PlanImportError:
    """The error for a text in which no numbered item was found."""
    return PlanImportError(FailureReason.NO_STRUCTURE, "importer.no_structure")


def no_measures(skipped: dict[tuple[str | None, PartKind], int]) -> PlanImportError:
    """The error for a document whose items all lie in review or framing parts."""
    parts = "、".join(dict.fromkeys(f"“{p}”" for p, _ in skipped if p))
    return PlanImportError(
        FailureReason.NO_MEASURES, "importer.no_measures", parts=parts or Term("importer.no_parts")
    )


def _skipped_parts(
    drafts: list[Draft],
    all_parts: bool,
) -> dict[tuple[str | None, PartKind], int]:
    counts: dict[tuple[str | None, PartKind], int] = {}
    for draft in drafts:
        if draft.kind is PartKind.PLAN or (all_parts and draft.kind is PartKind.REVIEW):
            continue
        kind = PartKind.REVIEW if draft.kind is PartKind.REVIEW else PartKind.GENERAL
        key = (draft.measure.part, kind)
        counts[key] = counts.get(key, 0) + 1
    return counts
