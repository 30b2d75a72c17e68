"""What the importer has to say, as codes: the one exception it raises for bad input, and the
warnings it leaves on a plan. Both are :class:`Notice` values (a catalog key, ``importer.*`` in
``bot/i18n/catalog/importer.py``, with its parameters); :mod:`bot.render.importer` words them in
the reader's language, or in both on the command line."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


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


@dataclass(frozen=True, slots=True)
class Notice:
    """A refusal or a plan warning: the catalog text ``key`` and its parameters (text, numbers,
    or a :class:`Term`)."""

    key: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, key: str, **params: object) -> Notice:
        """The notice ``key`` with ``params``."""
        return cls(key, tuple(params.items()))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form kept with a stored plan (a :class:`Term` as ``{"term": key}``)."""
        params = {
            name: {"term": value.key} if isinstance(value, Term) else value
            for name, value in self.params
        }
        return {"key": self.key, "params": params}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Notice:
        """A notice back from :meth:`to_dict`."""
        params = {
            name: Term(str(value["term"])) if isinstance(value, Mapping) else value
            for name, value in dict(data.get("params") or {}).items()
        }
        return cls.of(str(data["key"]), **params)


#: A plan warning: a :class:`Notice`, or the text an older version stored (shown as it is).
PlanWarning = Notice | str


def warning_to_stored(warning: PlanWarning) -> object:
    """The JSON form of a plan warning: a notice's dict, or an older version's text."""
    return warning if isinstance(warning, str) else warning.to_dict()


def warning_from_stored(item: object) -> PlanWarning:
    """A plan warning back from :func:`warning_to_stored` (text stored by an older version stays
    text)."""
    return Notice.from_dict(item) if isinstance(item, Mapping) else str(item)


class PlanImportError(Exception):
    """A document that cannot be turned into a plan: why (``reason``), and the catalog text
    (``key`` with ``params``) that says what was found and what was expected, so a person can
    fix the file."""

    def __init__(self, reason: FailureReason, key: str, **params: object) -> None:
        super().__init__(key, params)
        self.reason = reason
        self.key = key
        self.params = params

    @property
    def notice(self) -> Notice:
        """The refusal as a notice, for :mod:`bot.render.importer` to word."""
        return Notice.of(self.key, **self.params)

    def __str__(self) -> str:
        extra = ", ".join(f"{name}={value!r}" for name, value in self.params.items())
        return f"{self.reason.value}: {self.key}({extra})"
