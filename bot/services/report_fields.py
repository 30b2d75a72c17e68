"""Pure: the field changes a report call asks for, validated (for ``dataclasses.replace``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.plan import Indicator
from bot.domain.work import Report
from bot.services import report_input as rin
from bot.services.report_input import IndicatorInput

#: Field name -> new value, for ``dataclasses.replace`` on a report.
Changes = dict[str, Any]


def changes(
    report: Report,
    known: Sequence[Indicator],
    *,
    progress: int | None,
    indicator_values: Sequence[IndicatorInput],
    progress_text: str | None,
    problems: str | None,
    next_steps: str | None,
    attachments: Sequence[str],
) -> Changes:
    """Validated replacements; indicator values merge, attachments append."""
    out: Changes = {}
    if progress is not None:
        out["progress"] = rin.check_progress(progress)
    if indicator_values:
        merged = dict(report.indicator_values)
        merged.update(rin.indicator_values(known, indicator_values))
        out["indicator_values"] = tuple(merged.items())
    texts = (progress_text, problems, next_steps)
    for field, value in zip(rin.TEXT_FIELDS, texts, strict=True):
        if value is not None and value.strip():
            out[field] = rin.check_text(field, value)
    if attachments:
        out["attachments"] = rin.check_attachments(report.attachments, attachments)
    return out


def appended_text(report: Report, text: str | None) -> Changes:
    """Labelled free text split into fields, each appended to what the report has."""
    if text is None or not text.strip():
        return {}
    out: Changes = {}
    for field, part in rin.split_labelled(text).items():
        before = getattr(report, field)
        out[field] = rin.check_text(field, f"{before}\n{part}" if before else part)
    return out
