"""Tasks from a leader's instruction (批示) or a meeting decision (会议决定事项): the draft
with 立项 / 取消, the new task with its assignment buttons, and the source lines of ``/task``."""

from __future__ import annotations

from datetime import date

from bot.callbacks import AssigneeKind, Decision, PickAssignee, SubmitInstruction
from bot.domain.attachments import Attachment
from bot.domain.plan import Measure, SourceKind
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_header
from bot.render.html import esc, truncate
from bot.render.rhythm.words import fmt_date
from bot.services.plans.instruction_input import title_of
from bot.services.plans.instructions import InstructionDraft


def render_draft(draft: InstructionDraft, lang: str) -> Message:
    """What the instruction says so far, what is missing, and 立项 / 取消."""
    kind = draft.kind.value
    no = button(t("instruction.cancel", lang), SubmitInstruction(draft.kind, Decision.NO))
    if not draft.ready or draft.text is None:
        return Message(t(f"instruction.ask.{kind}", lang), keyboard([[no]]))
    lines = [t(f"instruction.draft.{kind}", lang)]
    title = draft.title or title_of(draft.text)
    lines.append(t("instruction.title", lang, title=esc(title)))
    lines += _fields(draft.kind, draft.given_by, draft.given_at, draft.meeting, lang)
    deadline = _deadline(draft.deadline, draft.deadline_raw, lang)
    lines.append(t("instruction.deadline", lang, deadline=deadline))
    if draft.attachment is not None:
        lines.append(t("instruction.photo", lang))
    lines.append(t("instruction.text", lang, text=esc(truncate(draft.text, 1500))))
    lines += ["", t("instruction.more_or_create", lang)]
    yes = button(t("instruction.create", lang), SubmitInstruction(draft.kind, Decision.YES))
    return Message("\n".join(lines), keyboard([[yes, no]]))


def render_dropped(lang: str) -> Message:
    """The lead cancelled the instruction being written."""
    return Message(t("instruction.cancelled", lang))


def render_created(measure: Measure, lang: str) -> Message:
    """The new task, and the buttons to assign it (交办) through the usual picker."""
    kind = measure.source.kind.value if measure.source else SourceKind.INSTRUCTION.value
    lines = [t(f"instruction.created.{kind}", lang), measure_header(measure, lang)]
    lines += source_lines(measure, lang)
    lines += [t("instruction.followed", lang), t("instruction.assign_hint", lang, id=measure.id)]
    rows = [
        [
            button(t("assign.switch_u", lang), PickAssignee(measure.id, AssigneeKind.UNIT, 0)),
            button(t("assign.switch_p", lang), PickAssignee(measure.id, AssigneeKind.PERSON, 0)),
        ]
    ]
    signed = measure.source.attachment if measure.source else None
    files = (Attachment.parse(signed),) if signed else ()
    return Message("\n".join(lines), keyboard(rows), files=files)


def source_lines(measure: Measure, lang: str) -> list[str]:
    """``来源：领导批示（李书记，3月5日）`` and the instruction's text, for ``/task``."""
    source = measure.source
    if source is None:
        return []
    lines = [t("instruction.source", lang, source=t(f"source.{source.kind}", lang))]
    lines += _fields(source.kind, source.given_by, source.given_at, source.meeting, lang)
    if source.text != measure.body:
        lines.append(t("instruction.text", lang, text=esc(truncate(source.text, 600))))
    return lines


def _fields(
    kind: SourceKind, by: str | None, at: date | None, meeting: str | None, lang: str
) -> list[str]:
    lines = []
    if kind is SourceKind.MEETING and meeting:
        lines.append(t("instruction.meeting", lang, meeting=esc(meeting)))
    if by:
        lines.append(t(f"instruction.given_by.{kind.value}", lang, name=esc(by)))
    if at is not None:
        lines.append(t(f"instruction.given_at.{kind.value}", lang, date=fmt_date(at, lang)))
    return lines


def _deadline(deadline: date | None, raw: str | None, lang: str) -> str:
    if deadline is not None:
        return fmt_date(deadline, lang)
    return esc(raw) if raw else t("instruction.no_deadline", lang)
