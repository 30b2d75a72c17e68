"""What every handler shares: reading the pressed button's data."""

from __future__ import annotations

import pytest
from telegram import CallbackQuery, Update, User

from bot.callbacks import Acknowledge, Page, PageKind, encode
from bot.handlers.common import pressed

USER = User(id=42, first_name="李娜", is_bot=False)


def _press(data: str | None) -> Update:
    return Update(1, callback_query=CallbackQuery("q1", USER, "ci", data=data))


def test_pressed_gives_the_data_of_the_expected_kind() -> None:
    """A button of the asked-for kind decodes to its typed data."""
    update = _press(encode(Page(PageKind.TASKS, 3)))
    assert pressed(update, Page) == Page(PageKind.TASKS, 3)


@pytest.mark.parametrize(
    "update",
    [
        _press(encode(Acknowledge("M3f2a"))),  # another kind of button
        _press("forged:%%"),  # data no codec wrote
        _press(None),  # a game button carries no data
        Update(2),  # no button press at all
    ],
)
def test_pressed_gives_none_for_anything_else(update: Update) -> None:
    """Another kind, forged data, no data or no press at all: None, never an exception."""
    assert pressed(update, Page) is None
