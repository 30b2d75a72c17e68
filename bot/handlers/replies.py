"""Which task a reply is about, read from the bot message it replies to.

Every bot message about a task carries the task's ``#<id>`` marker in its text, and usually
buttons whose callback data names the task. Both come back inside the reply itself, so the
mapping needs no memory and survives restarts.
"""

from __future__ import annotations

from telegram import Message

from bot.callbacks import decode
from bot.render.common import TASK_TAG, tag_in_text


def task_replied_to(message: Message) -> str | None:
    """The task id of the bot message ``message`` replies to, if it is about one task."""
    original = message.reply_to_message
    if original is None or original.from_user is None or not original.from_user.is_bot:
        return None
    named: set[str] = set()
    if original.reply_markup is not None:
        for row in original.reply_markup.inline_keyboard:
            for button in row:
                measure_id = getattr(decode(button.callback_data), "measure_id", None)
                if isinstance(measure_id, str):
                    named.add(measure_id)
    if len(named) > 1:
        return None  # a list of tasks: which one is meant is unclear
    if named:
        return named.pop()
    return tag_in_text(original.text or original.caption)


def tasks_listed_in(message: Message) -> tuple[str, ...]:
    """Every task the bot message ``message`` replies to names, in the order it lists them: the
    ``#<id>`` markers of its text (answered tasks keep theirs), then any task only a button
    names."""
    original = message.reply_to_message
    if original is None or original.from_user is None or not original.from_user.is_bot:
        return ()
    named: list[str] = TASK_TAG.findall(original.text or original.caption or "")
    if original.reply_markup is not None:
        for row in original.reply_markup.inline_keyboard:
            for button in row:
                measure_id = getattr(decode(button.callback_data), "measure_id", None)
                if isinstance(measure_id, str):
                    named.append(measure_id)
    return tuple(dict.fromkeys(named))
