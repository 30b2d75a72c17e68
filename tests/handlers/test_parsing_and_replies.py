"""Command arguments and the mapping of replies back to the task they answer."""

from __future__ import annotations

from datetime import datetime

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, User

from bot.handlers.parsing import first_arg, page_number, split_args
from bot.handlers.replies import task_replied_to

BOT = User(7, "Duban", is_bot=True)
PERSON = User(1, "张三", is_bot=False)
CHAT = Chat(1, Chat.PRIVATE)


def _reply_to(original: Message) -> Message:
    return Message(
        2, datetime(2024, 1, 1), CHAT, from_user=PERSON, text="x", reply_to_message=original
    )


def _bot_message(text: str, *data: str) -> Message:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d)] for d in data])
    return Message(
        1,
        datetime(2024, 1, 1),
        CHAT,
        from_user=BOT,
        text=text,
        reply_markup=markup if data else None,
    )


def test_split_args() -> None:
    """The last field takes the rest of the words; missing fields are None."""
    assert split_args(["张三", "县", "发改委"], 2) == ["张三", "县 发改委"]
    assert split_args(["张三"], 2) == ["张三", None]
    assert split_args(None, 3) == [None, None, None]
    assert first_arg(["a", "b"]) == "a"
    assert first_arg([]) is None


def test_page_number_defaults_to_zero() -> None:
    """Anything but a small number is page 0."""
    assert page_number("3") == 3
    assert page_number("x") == 0
    assert page_number(None) == 0


def test_reply_to_a_task_message_names_the_task_from_its_buttons() -> None:
    """Buttons about one task identify it."""
    original = _bot_message("📌 任务 #M1", "ack:M1")
    assert task_replied_to(_reply_to(original)) == "M1"


def test_reply_to_a_message_without_buttons_uses_the_tag() -> None:
    """After its buttons are gone, the #id marker still identifies the task."""
    original = _bot_message("✅ 已记录反馈：\n📌 园区建设 #M7cfa\n状态：滞后")
    assert task_replied_to(_reply_to(original)) == "M7cfa"


def test_reply_to_a_list_of_tasks_is_not_a_report() -> None:
    """A list names several tasks: which one is meant is unclear."""
    original = _bot_message("1. a #M1\n2. b #M2", "rt:M1", "rt:M2")
    assert task_replied_to(_reply_to(original)) is None


def test_reply_to_a_person_is_not_a_report() -> None:
    """Only replies to the bot's own messages count."""
    original = Message(1, datetime(2024, 1, 1), CHAT, from_user=PERSON, text="#M1")
    assert task_replied_to(_reply_to(original)) is None
