"""The one exception the importer raises for bad input."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from bot.i18n import t


class FailureReason(StrEnum):
    """Why a document could not be imported."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    ENCODING = "encoding"
    UNSUPPORTED = "unsupported"
    CORRUPT = "corrupt"
    NO_STRUCTURE = "no_structure"
    NO_MEASURES = "no_measures"
    NO_HEADER = "no_header"


@dataclass(frozen=True, slots=True)
class Term:
    """A message parameter that is itself a catalog text, shown in the message's language."""

    key: str


def translated(key: str, lang: str, params: Mapping[str, object]) -> str:
    """The catalog text ``key`` in ``lang``, its :class:`Term` parameters translated too."""
    values = {
        name: t(value.key, lang) if isinstance(value, Term) else value
        for name, value in params.items()
    }
    return t(key, lang, **values)


def bilingual(key: str, **params: object) -> str:
    """A plan warning in both languages, Chinese first: ``中文 / English``."""
    return f"{translated(key, 'zh', params)} / {translated(key, 'en', params)}"


class PlanImportError(Exception):
    """A document that cannot be turned into a plan, with a message in Chinese and English.

    The message is the catalog text ``key`` (``importer.*`` in ``bot/i18n/catalog/importer.py``)
    with ``params``. Each says what was found and what was expected, so a person can fix the file.
    """

    def __init__(self, reason: FailureReason, key: str, **params: object) -> None:
        self.reason = reason
        self.key = key
        self.params = params
        self.message_zh = self.message_in("zh")
        self.message_en = self.message_in("en")
        super().__init__(f"{self.message_zh}\n{self.message_en}")

    def message_in(self, lang: str) -> str:
        """The message in ``lang``."""
        return translated(self.key, lang, self.params)

    @property
    def message(self) -> str:
        """Both messages, Chinese first, one per line."""
        return f"{self.message_zh}\n{self.message_en}"
