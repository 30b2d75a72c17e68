"""“Which task?”: the question after a reply to a bot message that lists several tasks."""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import ReplyPick
from bot.domain.plan import Measure
from bot.i18n import t
from bot.render import Message
from bot.render.common import button, keyboard, measure_title, task_tag
from bot.render.html import esc, truncate

BUTTON_TITLE = 24  # characters of a title on a button


def render_which_task(
    measures: Sequence[Measure], key: str, lang: str, *, unasked: bool = False
) -> Message:
    """One button per listed task (numbered as listed); the reply is filed on the one tapped.
    ``unasked``: a message that replied to nothing, so it may be no report at all."""
    question = "reply.which_task_unasked" if unasked else "reply.which_task"
    lines = [t(question, lang), ""]
    lines += [f"{n}. {measure_title(m)} {task_tag(m.id)}" for n, m in enumerate(measures, start=1)]
    rows = [
        [button(f"{n}. {truncate(m.name, BUTTON_TITLE)}", ReplyPick(key, m.id))]
        for n, m in enumerate(measures, start=1)
    ]
    return Message("\n".join(lines), keyboard(rows))


def render_reply_gone(lang: str) -> Message:
    """The reply a "which task?" button was for is no longer kept (e.g. after a restart)."""
    return Message(esc(t("reply.gone", lang)))
