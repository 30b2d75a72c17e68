"""Plan import: the preview with Confirm/Cancel, the re-import diff, and the outcome."""

from __future__ import annotations

from bot.callbacks import AutoAssign, Decision, ImportDecision, PickSection
from bot.domain.plan import Indicator, Measure
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_line
from bot.render.html import esc, truncate
from bot.render.importer import render_plan_warning
from bot.services.plans.imports import ImportDiff, ImportPreview, ImportResult, MeasureChange

MAX_SECTIONS = 20
MAX_TARGETS = 15
MAX_WARNINGS = 10
MAX_MEASURES = 25
MAX_CHANGES = 15


def _indicator(indicator: Indicator, lang: str) -> str:
    if indicator.placeholder or indicator.value is None:
        value = t("plan.value_missing", lang)
    else:
        value = f"{indicator.value:g}"
    unit = esc(indicator.unit or "")
    return f"• {esc(truncate(indicator.name, 60))}：{value}{unit}"


def _owners(measure: Measure, lang: str) -> str:
    names = "、".join(esc(name) for name in measure.stated_units[:4])
    if len(measure.stated_units) > 4:
        names += "…"
    return names or t("plan.no_owner", lang)


def render_preview(preview: ImportPreview, lang: str) -> Message:
    """What the plan file holds, what changes on re-import, and Confirm / Cancel buttons."""
    lines = [
        t("plan.preview_title", lang, title=esc(truncate(preview.plan_title, 120))),
        t(
            "plan.preview_counts",
            lang,
            sections=len(preview.sections),
            measures=preview.measure_count,
            owned=preview.owned_measures,
            matched=preview.matched_measures,
        ),
    ]
    lines += _block(t("plan.sections", lang), [esc(s) for s in preview.sections], MAX_SECTIONS)
    targets = [_indicator(i, lang) for i in preview.targets]
    lines += _block(t("plan.targets", lang), targets, MAX_TARGETS)
    measures = [
        f"{measure_line(m, n)}\n   → {_owners(m, lang)}" for n, m in enumerate(preview.measures, 1)
    ]
    lines += _block(t("plan.measures", lang), measures, MAX_MEASURES)
    lines += _block(t("plan.marks", lang), _marks(preview, lang), MAX_SECTIONS)
    lines += _block(t("plan.check", lang), _checks(preview, lang), MAX_WARNINGS)
    warnings = [f"⚠️ {esc(truncate(render_plan_warning(w, lang), 200))}" for w in preview.warnings]
    lines += _block(t("plan.warnings", lang), warnings, MAX_WARNINGS)
    if preview.diff is not None:
        lines += _diff_lines(preview.diff, lang)
    lines.append("")
    lines.append(t("plan.confirm_question", lang))
    buttons = [
        button(t("plan.confirm", lang), ImportDecision(preview.token, Decision.YES)),
        button(t("plan.cancel", lang), ImportDecision(preview.token, Decision.NO)),
    ]
    return Message("\n".join(lines), keyboard([buttons]))


def _marks(preview: ImportPreview, lang: str) -> list[str]:
    """Each key mark the plan uses: what its legend says it means, and on how many tasks."""
    counts: dict[str, int] = {}
    for measure in preview.measures:
        for sign in measure.marks:
            counts[sign] = counts.get(sign, 0) + 1
    meanings = {mark.sign: mark.meaning for mark in preview.legend}
    unexplained = t("plan.marks_unexplained", lang)
    return [
        t("plan.marks_line", lang, sign=esc(sign), meaning=esc(meanings.get(sign, unexplained)),
          count=count)
        for sign, count in counts.items()
    ]  # fmt: skip


def _checks(preview: ImportPreview, lang: str) -> list[str]:
    """What the lead should check before confirming: owners and deadlines not stated."""
    counts = (
        ("plan.check_unowned", preview.unowned),
        ("plan.check_owner_inferred", preview.owners_inferred),
        ("plan.check_undated", preview.undated),
        ("plan.check_deadline_inferred", preview.deadlines_inferred),
    )
    return [f"🔎 {t(key, lang, count=count)}" for key, count in counts if count]


def _block(title: str, items: list[str], limit: int) -> list[str]:
    if not items:
        return []
    lines = ["", f"<b>{title}</b>", *items[:limit]]
    if len(items) > limit:
        lines.append(f"… (+{len(items) - limit})")
    return lines


def _diff_lines(diff: ImportDiff, lang: str) -> list[str]:
    if diff.empty:
        return ["", t("plan.diff_none", lang)]
    lines = [
        "",
        t(
            "plan.diff_title",
            lang,
            added=len(diff.added),
            changed=len(diff.changed),
            removed=len(diff.removed),
            unchanged=diff.unchanged,
        ),
    ]
    for sign, changes in (("➕", diff.added), ("✏️", diff.changed), ("➖", diff.removed)):
        lines += [_change(sign, change) for change in changes[:MAX_CHANGES]]
        if len(changes) > MAX_CHANGES:
            lines.append(f"{sign} … (+{len(changes) - MAX_CHANGES})")
    return lines


def _change(sign: str, change: MeasureChange) -> str:
    return f"{sign} {esc(truncate(change.title, 50))} #{change.id}"


def render_import_done(result: ImportResult, lang: str) -> Message:
    """After Confirm: the plan is in; next steps are assigning (by suggestion or picker)."""
    key = "plan.imported" if result.created else "plan.updated"
    lines = [t(key, lang, title=esc(result.plan.title), version=result.plan.version)]
    if not result.created:
        lines += _diff_lines(result.diff, lang)
        if result.ended_assignments:
            lines.append(t("plan.ended_assignments", lang, count=result.ended_assignments))
    if result.unmatched_leaders:
        names = "、".join(esc(n) for n in result.unmatched_leaders)
        lines.append(t("leader.unmatched_import", lang, names=names))
    lines.append("")
    lines.append(t("plan.next", lang))
    buttons = [
        button(t("assign.suggest_button", lang), AutoAssign(AutoAssign.LIST)),
        button(t("assign.picker_button", lang), PickSection(0)),
    ]
    return Message("\n".join(lines), keyboard([buttons]))


def render_import_cancelled(lang: str) -> Message:
    """After Cancel."""
    return Message(t("plan.cancelled", lang))
