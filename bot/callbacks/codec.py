"""The codec core: what a button kind is, and ``<prefix>:<field>:<field>...`` both ways.

A kind is a frozen dataclass deriving from :class:`ButtonData`, with a ``PREFIX`` (unique) and
fields of type ``str`` (an id), ``int`` (a small count) or a ``StrEnum``. Deriving registers it:
the codec reads the fields' type hints, so a new kind needs no code here.
"""

from __future__ import annotations

import re
from dataclasses import fields
from enum import StrEnum
from typing import Any, ClassVar, TypeAlias, get_type_hints

MAX_BYTES = 64
SEPARATOR = ":"
_ID = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
_INT = re.compile(r"0|[1-9][0-9]{0,5}")
_PREFIX = re.compile(r"[a-z]{1,8}")


class ButtonData:
    """What a button of one kind carries. Subclasses are frozen dataclasses naming a ``PREFIX``;
    defining one registers it with the codec."""

    __slots__ = ()
    PREFIX: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _register(cls)


CallbackData: TypeAlias = ButtonData

#: prefix → kind, in the order the kinds were defined.
_KINDS: dict[str, type[ButtonData]] = {}


def _register(kind: type[ButtonData]) -> None:
    prefix = kind.__dict__.get("PREFIX")
    if not isinstance(prefix, str) or not _PREFIX.fullmatch(prefix):
        raise TypeError(f"{kind.__qualname__} needs a PREFIX of 1-8 lowercase letters")
    known = _KINDS.get(prefix)
    same = known is not None and (known.__module__, known.__qualname__) == (
        kind.__module__,
        kind.__qualname__,
    )  # ``dataclass(slots=True)`` makes the class again
    if known is not None and not same:
        raise TypeError(f"prefix {prefix!r} of {kind.__qualname__} is {known.__qualname__}'s")
    _KINDS[prefix] = kind


def kinds() -> tuple[type[ButtonData], ...]:
    """Every registered kind, in the order they were defined."""
    return tuple(_KINDS.values())


_FIELDS: dict[str, tuple[tuple[str, type], ...]] = {}  # prefix → (name, hint), read on first use


def _fields_of(kind: type[ButtonData]) -> tuple[tuple[str, type], ...]:
    found = _FIELDS.get(kind.PREFIX)
    if found is None:
        hints = get_type_hints(kind)
        found = tuple((item.name, hints[item.name]) for item in fields(kind))  # type: ignore[arg-type]
        _FIELDS[kind.PREFIX] = found
    return found


def encode(data: ButtonData) -> str:
    """The callback data string for ``data``; ValueError if a field is malformed or too long."""
    parts = [data.PREFIX]
    for name, hint in _fields_of(type(data)):
        value = getattr(data, name)
        text = str(value.value if isinstance(value, StrEnum) else value)
        if _parse(hint, text) is None:
            raise ValueError(f"{type(data).__name__}.{name}={text!r} cannot be encoded")
        parts.append(text)
    encoded = SEPARATOR.join(parts)
    if len(encoded.encode()) > MAX_BYTES:
        raise ValueError(f"callback data longer than {MAX_BYTES} bytes: {encoded!r}")
    return encoded


def decode(raw: str | object | None) -> ButtonData | None:
    """The button's meaning, or None for anything unknown or malformed."""
    if not isinstance(raw, str) or len(raw.encode()) > MAX_BYTES:
        return None
    prefix, *values = raw.split(SEPARATOR)
    kind = _KINDS.get(prefix)
    if kind is None:
        return None
    spec = _fields_of(kind)
    if len(values) != len(spec):
        return None
    parsed: list[Any] = [_parse(hint, text) for (_, hint), text in zip(spec, values, strict=True)]
    if any(value is None for value in parsed):
        return None
    make: Any = kind
    data: ButtonData = make(*parsed)
    return data


def pattern(kind: type[ButtonData]) -> str:
    """A regex matching this kind's data (for tests and tools; the bot dispatches by prefix)."""
    return rf"^{re.escape(kind.PREFIX)}(:|$)"


def _parse(hint: type, text: str) -> object | None:
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        try:
            return hint(text)
        except ValueError:
            return None
    if hint is int:
        return int(text) if _INT.fullmatch(text) else None
    return text if _ID.fullmatch(text) else None
