"""The « 2/5 » button row that moves between pages of a list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from telegram import InlineKeyboardButton

from bot.callbacks import CallbackData, Noop, encode

PAGE_SIZE = 10


class Paged(Protocol):
    """A page of a listing (``bot.services.common.base.Page`` is one)."""

    @property
    def page(self) -> int:
        """The page number, from 0."""
        ...

    @property
    def pages(self) -> int:
        """How many pages there are."""
        ...


def nav_row(current: Paged, to_page: Callable[[int], CallbackData]) -> list[InlineKeyboardButton]:
    """« previous, page x/y, next » buttons (empty when everything fits on one page)."""
    if current.pages <= 1:
        return []
    row: list[InlineKeyboardButton] = []
    if current.page > 0:
        row.append(InlineKeyboardButton("«", callback_data=encode(to_page(current.page - 1))))
    label = f"{current.page + 1}/{current.pages}"
    row.append(InlineKeyboardButton(label, callback_data=encode(Noop())))
    if current.page < current.pages - 1:
        row.append(InlineKeyboardButton("»", callback_data=encode(to_page(current.page + 1))))
    return row
