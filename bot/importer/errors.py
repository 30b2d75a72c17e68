"""The one exception the importer raises for bad input."""

from __future__ import annotations

from enum import StrEnum


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


class PlanImportError(Exception):
    """A document that cannot be turned into a plan, with a message in Chinese and English.

    Each message says what was found and what was expected, so a person can fix the file.
    """

    def __init__(self, reason: FailureReason, zh: str, en: str) -> None:
        super().__init__(f"{zh}\n{en}")
        self.reason = reason
        self.message_zh = zh
        self.message_en = en

    @property
    def message(self) -> str:
        """Both messages, Chinese first, one per line."""
        return f"{self.message_zh}\n{self.message_en}"
