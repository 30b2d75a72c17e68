"""Buttons of the chat itself: language, settings, paging and labels."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bot.callbacks.codec import ButtonData


class PageKind(StrEnum):
    """Paged lists whose page buttons are ``pg:<kind>:<page>[:<arg>]``."""

    TASKS = "t"  # /mytasks
    PENDING = "p"  # /pending
    UNASSIGNED = "u"  # /unassigned
    UNACKED = "k"  # /unacked
    ROSTER = "r"  # /roster and invite links
    REPORT_PICK = "rp"  # /report: which task?
    HISTORY = "h"  # /task <id> history, arg = measure id
    EVIDENCE = "e"  # /evidence <id> and /task's 佐证材料 button, arg = measure id
    RECORDS = "hs"  # /history and /search results (the query is read back from the message)


@dataclass(frozen=True, slots=True)
class SetLanguage(ButtonData):
    """/lang: choose the interface language."""

    PREFIX: ClassVar[str] = "lang"
    language: str


@dataclass(frozen=True, slots=True)
class SettingsPick(ButtonData):
    """/settings: show the choices for one item (``menu`` for the overview)."""

    PREFIX: ClassVar[str] = "sp"
    item: str


@dataclass(frozen=True, slots=True)
class SettingsSet(ButtonData):
    """/settings: set one item (e.g. ``prompt_day`` to ``thu``, ``naming`` to ``on``)."""

    PREFIX: ClassVar[str] = "sv"
    item: str
    value: str


@dataclass(frozen=True, slots=True)
class Page(ButtonData):
    """Another page of a paged list; ``arg`` narrows the list (e.g. a measure id)."""

    PREFIX: ClassVar[str] = "pg"
    kind: PageKind
    page: int
    arg: str = "-"


@dataclass(frozen=True, slots=True)
class Noop(ButtonData):
    """A button that only labels (e.g. "2/5" between page arrows)."""

    PREFIX: ClassVar[str] = "nop"
