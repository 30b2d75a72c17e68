"""Pages of long lists, and the « 2/5 » button row that moves between them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from telegram import InlineKeyboardButton

from bot.callbacks import CallbackData, Noop, encode

T = TypeVar("T")

PAGE_SIZE = 10


@dataclass(frozen=True, slots=True)
class PageSlice(Generic[T]):
    """The items on one page, which page it is (0-based) and how many pages there are."""

    items: Sequence[T]
    page: int
    pages: int
    offset: int

    @property
    def has_prev(self) -> bool:
        """Whether a previous page exists."""
        return self.page > 0

    @property
    def has_next(self) -> bool:
        """Whether a next page exists."""
        return self.page < self.pages - 1


def paginate(items: Sequence[T], page: int, size: int = PAGE_SIZE) -> PageSlice[T]:
    """Page ``page`` of ``items``; a page past the end (a stale button) shows the last one."""
    pages = max((len(items) + size - 1) // size, 1)
    page = min(max(page, 0), pages - 1)
    offset = page * size
    return PageSlice(items=items[offset : offset + size], page=page, pages=pages, offset=offset)


def nav_row(
    current: PageSlice[T], to_page: Callable[[int], CallbackData]
) -> list[InlineKeyboardButton]:
    """« previous, page x/y, next » buttons (empty when everything fits on one page)."""
    if current.pages <= 1:
        return []
    row: list[InlineKeyboardButton] = []
    if current.has_prev:
        row.append(InlineKeyboardButton("«", callback_data=encode(to_page(current.page - 1))))
    label = f"{current.page + 1}/{current.pages}"
    row.append(InlineKeyboardButton(label, callback_data=encode(Noop())))
    if current.has_next:
        row.append(InlineKeyboardButton("»", callback_data=encode(to_page(current.page + 1))))
    return row

