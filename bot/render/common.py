"""Pieces every renderer shares: buttons, task references, labels, errors and hints."""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import CallbackData, encode
from bot.domain.attachments import count_by_kind
from bot.domain.people import Role
from bot.domain.plan import Measure
from bot.domain.work import Report, ReportStatus
from bot.i18n import fill, t
from bot.importer.errors import Notice
from bot.render import Message
from bot.render.html import esc, truncate, visible_text
from bot.render.importer import render_notice
from bot.services.common.errors import ServiceError

TITLE_IN_LIST = 40  # characters of a measure title shown in lists and on buttons
BUTTON_TEXT = 48
TASK_TAG = re.compile(r"#([A-Za-z][A-Za-z0-9_.\-]{0,39})")
STATUS_ICONS = {
    ReportStatus.ON_TRACK: "🟢",
    ReportStatus.DONE: "✅",
    ReportStatus.BEHIND: "🟡",
    ReportStatus.BLOCKED: "🔴",
}


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    """An inline button with encoded callback data (plain text label, no HTML)."""
    return InlineKeyboardButton(truncate(text, BUTTON_TEXT), callback_data=encode(data))


def keyboard(rows: Sequence[Sequence[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """Buttons in rows; None when there are none."""
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def without_button(
    markup: InlineKeyboardMarkup | None, data: CallbackData
) -> InlineKeyboardMarkup | None:
    """The buttons with the one carrying ``data`` left out (rows left empty dropped)."""
    if markup is None:
        return None
    gone = encode(data)
    rows = [[b for b in row if b.callback_data != gone] for row in markup.inline_keyboard]
    return keyboard(rows)


def task_tag(measure_id: str) -> str:
    """The marker ``#<id>`` in every message about a task: replies to it are mapped back, and
    Telegram makes it a hashtag, so tapping it finds every message about the task."""
    return f"#{measure_id}"


def tag_in_text(text: str | None) -> str | None:
    """The task id in a message about a task, from its ``#<id>`` marker."""
    match = TASK_TAG.search(text or "")
    return match.group(1) if match else None


def measure_title(measure: Measure, limit: int = TITLE_IN_LIST) -> str:
    """The measure's name (its key marks and title), shortened and escaped for a list line."""
    return esc(truncate(measure.name, limit))


def measure_line(measure: Measure, number: int | None = None) -> str:
    """``3. title #id`` as one HTML line."""
    prefix = f"{number}. " if number is not None else ""
    return f"{prefix}{measure_title(measure)} {task_tag(measure.id)}"


def measure_header(measure: Measure, lang: str) -> str:
    """The bold title block that opens a message about one task."""
    section = f"\n<i>{esc(truncate(measure.section, 60))}</i>" if measure.section else ""
    return f"📌 <b>{esc(truncate(measure.name, 300))}</b> {task_tag(measure.id)}{section}"


def attachments_line(stored: Sequence[str], lang: str) -> str:
    """``附件：2 张图片、1 个文件``: the evidence counted by kind."""
    items = t("attachment.sep", lang).join(
        t(f"attachment.{kind.value}", lang, count=count)
        for kind, count in count_by_kind(stored).items()
    )
    return t("report.field.attachment_kinds", lang, items=items)


def role_label(role: Role, lang: str) -> str:
    """督办员 / Lead, ..."""
    return t(f"role.{role.value}", lang)


def status_label(status: ReportStatus | None, lang: str) -> str:
    """🟢 正常推进, ✅ 已完成, ..., or ▫️ 未报状态 when no status was stated."""
    if status is None:
        return f"▫️ {t('status.none', lang)}"
    return f"{STATUS_ICONS[status]} {t(f'status.{status.value}', lang)}"


def answer_label(report: Report, lang: str) -> str:
    """A single answer's status for lists: its status, or 📝 文字说明（未报状态） when it stated
    none (a text reply)."""
    if report.status is None:
        return t("status.text_only", lang)
    return status_label(report.status, lang)


def render_error(err: ServiceError, lang: str) -> Message:
    """A refusal, politely, with its parameters escaped (missing ones render empty). A parameter
    that is the importer's :class:`Notice` is worded in the reader's language."""
    try:
        template = t(err.code, lang)
    except KeyError:
        template = t("common.failed", lang)
    names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    values = {name: esc(_param(err.params.get(name), lang)) for name in names}
    return Message(fill(template, **values))


def _param(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, Notice):
        return truncate(render_notice(value, lang), 200)
    if isinstance(value, (list, tuple)):
        return "、".join(str(item) for item in value)
    return truncate(str(value), 200)


def render_expired(lang: str) -> str:
    """The answer to a button that no longer means anything."""
    return t("common.expired", lang)


def render_hint(lang: str) -> Message:
    """What to do when the bot cannot use a message (a sticker, a voice note...)."""
    return Message(t("common.hint", lang))


def render_stranger(lang: str) -> Message:
    """The answer to someone the bot does not know: ask the office for an invite link."""
    return Message(t("common.stranger", lang))


def render_group_only(lang: str) -> Message:
    """A group command sent in a private chat: send it in the leaders' group."""
    return Message(t("common.group_only", lang))


def render_usage(usage_key: str, lang: str) -> Message:
    """``用法：…``: how a command typed without what it needs is written (``usage_key`` is the
    catalog text of its syntax, e.g. ``cmd.task``)."""
    return Message(t("common.usage", lang, usage=t(usage_key, lang)))


def render_oops(lang: str) -> Message:
    """The user-facing note after an unexpected error."""
    return Message(t("common.oops", lang))


def render_not_recorded(lang: str) -> Message:
    """The user-facing note when the store could not record what they sent."""
    return Message(t("common.not_recorded", lang))


def render_admin_alert(error: BaseException, where: str) -> Message:
    """A brief note to the admins about an unexpected error (details are in the log)."""
    name = type(error).__name__
    detail = esc(truncate(str(error), 300))
    return Message(f"⚠️ <b>{esc(name)}</b> {esc(where)}\n<code>{detail}</code>")


def render_poll_conflict(detail: str, lang: str) -> Message:
    """The admins' notice that another poller (or a webhook) takes this bot's updates."""
    return Message(t("common.poll_conflict", lang, detail=esc(truncate(detail, 200))))


def plain(text_html: str) -> str:
    """An HTML text as plain text (for callback answers, which take no markup)."""
    return truncate(visible_text(text_html), 200)
