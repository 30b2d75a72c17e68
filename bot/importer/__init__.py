"""Plan importer: turns a work plan (工作计划/工作要点/责任清单) into measures.

Public API — everything else in this package is an implementation detail::

    parse_plan(data: bytes, filename: str, *, all_parts: bool = False,
               year: int | None = None) -> ParsedPlan
    reconcile(previous: Sequence[ParsedMeasure], new: ParsedPlan) -> tuple[ParsedPlan, PlanDiff]
    load_sample_plan() -> bytes
    plan_to_dict(plan) / measure_to_dict(measure) / measure_from_dict(data)

Value objects (frozen dataclasses): :class:`ParsedPlan` (title, year, doc_number, targets,
measures, sections, warnings), :class:`ParsedMeasure` (id, part, section, marker, title,
body, lead_leader, lead_units, units, co_units, deadline, indicators, owner_confidence,
deadline_confidence: :class:`Confidence` stated / inferred / none), :class:`Deadline`
(raw, date), :class:`Indicator` (name, value, unit, placeholder), :class:`Section`,
:class:`PlanDiff` (added, changed, removed, unchanged) and :class:`PartKind`.

Bad input raises :class:`PlanImportError` (``reason``: :class:`FailureReason`; ``notice``:
what to say, as a catalog key with parameters), never anything else. Warnings are such
:class:`Notice` values too; :mod:`bot.render.importer` words both.

Formats: .txt (UTF-8, GBK/GB18030, UTF-16 or Big5), .md, .docx, text PDFs (.pdf; a scan
is refused), .xlsx, old Excel (.xls), .csv and saved web pages (.html). Measure ids look
like ``M3f2a`` (ASCII, at most 7 bytes) and are unique within a plan.
"""

from bot.importer.api import load_sample_plan, parse_plan
from bot.importer.errors import FailureReason, Notice, PlanImportError
from bot.importer.model import (
    Confidence,
    Deadline,
    Indicator,
    ParsedMeasure,
    ParsedPlan,
    PartKind,
    PlanDiff,
    Section,
)
from bot.importer.reconcile import reconcile
from bot.importer.serialise import measure_from_dict, measure_to_dict, plan_to_dict

__all__ = [
    "Confidence",
    "Deadline",
    "FailureReason",
    "Indicator",
    "Notice",
    "ParsedMeasure",
    "ParsedPlan",
    "PartKind",
    "PlanDiff",
    "PlanImportError",
    "Section",
    "load_sample_plan",
    "measure_from_dict",
    "measure_to_dict",
    "parse_plan",
    "plan_to_dict",
    "reconcile",
]
