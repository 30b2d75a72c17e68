"""The parsed plan as a terminal table (``duban plan parse``): a short summary, one row a
measure cut to CJK-aware column widths, then the importer's warnings in both languages (the
operator may read either)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wcwidth import wcswidth, wcwidth

from bot.domain.plan import named
from bot.render.importer import render_plan_warning_both

if TYPE_CHECKING:
    from bot.importer import ParsedMeasure, ParsedPlan

#: The table's columns: header and width in terminal cells.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("编号", 6),
    ("章节", 18),
    ("标题", 34),
    ("责任", 24),
    ("时限", 14),
)


def plan_table(plan: ParsedPlan) -> str:
    """The plan as a terminal table with a short summary above it."""
    placeholders = sum(1 for t in plan.targets if t.placeholder)
    lines = [
        f"标题 Title: {plan.title or '—'}",
        f"年份 Year: {plan.year or '—'}    文号 No.: {plan.doc_number or '—'}",
        f"目标 Targets: {len(plan.targets)}（待填 {placeholders}）    "
        f"措施 Measures: {len(plan.measures)}    章节 Sections: {len(plan.sections)}",
        "",
        _row([name for name, _ in COLUMNS]),
        _row(["-" * width for _, width in COLUMNS]),
    ]
    lines.extend(_row(_cells(measure)) for measure in plan.measures)
    lines.extend(f"! {render_plan_warning_both(warning)}" for warning in plan.warnings)
    return "\n".join(lines)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns (with … when cut) and padded with spaces."""
    text = text.replace("\n", " ")
    if wcswidth(text) > width:
        out, used = [], 0
        for ch in text:
            size = max(wcwidth(ch), 0)
            if used + size > width - 1:
                break
            out.append(ch)
            used += size
        text = "".join(out) + "…"
    return text + " " * max(width - max(wcswidth(text), 0), 0)


def _cells(measure: ParsedMeasure) -> list[str]:
    owners = "、".join((*measure.lead_units, *measure.units))
    if measure.lead_leader:
        owners = f"{owners}｜{measure.lead_leader}" if owners else measure.lead_leader
    deadline = (
        measure.deadline.date.isoformat() if measure.deadline.date else measure.deadline.raw or ""
    )
    return [
        measure.id,
        measure.section or "",
        named(measure.title, measure.marks),
        owners,
        deadline,
    ]


def _row(cells: list[str]) -> str:
    cells = [fit(cell, width) for cell, (_, width) in zip(cells, COLUMNS, strict=True)]
    return "  ".join(cells).rstrip()
