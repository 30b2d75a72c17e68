"""Entities as rows of plain values (for ``marshal``), and back, exactly.

A row is a tuple of an entity's field values in field order, each a value ``marshal`` keeps
as it is: text, numbers, booleans, None, tuples and dicts of those. Enums are kept by value
(read back from a table), datetimes as their wall-clock fields with ``fold`` and the zone
(``ZoneInfo`` key, fixed offset in microseconds, or None), dates as ordinals. What comes back
equals the entity that went in, field by field and type by type (a property test checks it).

Decoding is one straight-line function generated per class, like the codec's: the row unpacked
once, each converted field converted, the slots set directly. A class with a field of any other
kind (a nested dataclass, an enum inside a tuple) has no row codec: ``row_codec`` returns None
and its documents are read as JSON only.
"""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone, tzinfo
from enum import Enum
from typing import Any, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

from storage.codec import _enum_table, _slot_setters, _strip_optional, _zone

_PLAIN = (str, int, float, bool, type(None))
Row = tuple[Any, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class RowCodec:
    """An entity class's rows: ``encode`` an entity, ``decode`` a row."""

    fields: tuple[str, ...]
    shape: tuple[str, ...]  # each field's name and type: rows of another shape are not read
    encode: Callable[[Any], Row]
    decode: Callable[[Row], Any]


_CODECS: dict[type[Any], RowCodec | None] = {}


def row_codec(cls: type[Any]) -> RowCodec | None:
    """The row codec of ``cls`` (worked out once), or None if a field cannot be a row value."""
    if cls not in _CODECS:
        _CODECS[cls] = _compile(cls)
    return _CODECS[cls]


def _kind(hint: Any) -> str | None:
    """How a field travels in a row: 'plain', 'enum', 'stamp', 'day', or None (it cannot)."""
    hint = _strip_optional(hint)
    if hint in _PLAIN:
        return "plain"
    if isinstance(hint, type) and issubclass(hint, Enum):
        return "enum"
    if hint is datetime:
        return "stamp"
    if hint is date:
        return "day"
    origin = get_origin(hint)
    args = get_args(hint)
    if origin in (Union, types.UnionType) or origin is tuple:
        inner = [arg for arg in args if arg is not Ellipsis]
        return "plain" if all(_kind(arg) == "plain" for arg in inner) else None
    if origin is dict and len(args) == 2 and args[0] is str and _kind(args[1]) == "plain":
        return "plain"
    return None


def _compile(cls: type[Any]) -> RowCodec | None:
    if not dataclasses.is_dataclass(cls):
        return None
    hints = get_type_hints(cls)
    fields = [field for field in dataclasses.fields(cls) if field.init]
    if len(fields) != len(dataclasses.fields(cls)):
        return None
    kinds = [_kind(hints[field.name]) for field in fields]
    if None in kinds:
        return None
    names = tuple(field.name for field in fields)
    values = [f"v{number}" for number in range(len(names))]
    scope: dict[str, Any] = {"cls": cls, "STAMPS": _STAMPS, "stamp": _stamp,
                             "day": date.fromordinal, "stamp_row": _stamp_row,
                             "intern": sys.intern}  # fmt: skip
    encode = ["def encode_row(item):", f"    {', '.join(values)}, = getter(item)"]
    decode = ["def decode_row(row):", f"    {', '.join(values)}, = row"]
    for number, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        value = values[number]
        hint = _strip_optional(hints[name])
        if kind == "enum":
            table = _enum_table(hint)
            if table is None:  # (a member whose value cannot be a key)
                return None
            scope[f"t{number}"] = table
            encode.append(f"    if {value} is not None: {value} = {value}.value")
            decode.append(f"    if {value} is not None: {value} = t{number}[{value}]")
        elif kind == "stamp":
            encode.append(f"    if {value} is not None: {value} = stamp_row({value})")
            decode.append(f"    if {value} is not None:")
            decode.append(f"        {value} = STAMPS.get({value}) or stamp({value})")
        elif kind == "day":
            encode.append(f"    if {value} is not None: {value} = {value}.toordinal()")
            decode.append(f"    if {value} is not None: {value} = day({value})")
        elif hint is str and name != "id":  # shared texts stay shared (marshal keeps them so)
            encode.append(f"    if {value}.__class__ is str: {value} = intern({value})")
    encode.append(f"    return ({', '.join(values)},)")
    scope["getter"] = _getter(names)
    twin = _twin(cls, names)
    slots = _slot_setters(cls, list(names))
    if twin is not None:  # slots set by plain stores on a twin, which then becomes a cls
        scope.update(new=object.__new__, Twin=twin)
        decode.append("    item = new(Twin)")
        decode += [f"    item.{name} = {value}" for name, value in zip(names, values, strict=True)]
        decode.append("    item.__class__ = cls")
        decode.append("    return item")
    elif slots is None:
        named = (f"{name}={value}" for name, value in zip(names, values, strict=True))
        decode.append(f"    return cls({', '.join(named)})")
    else:
        scope.update(new=object.__new__, **{f"s{n}": setter for n, setter in enumerate(slots)})
        decode.append("    item = new(cls)")
        decode += [f"    s{n}(item, {value})" for n, value in enumerate(values)]
        decode.append("    return item")
    exec("\n".join(encode + decode), scope)  # built from the class's own field names
    shape = tuple(f"{name}: {hints[name]!r}" for name in names)
    return RowCodec(names, shape, scope["encode_row"], scope["decode_row"])


def _twin(cls: type[Any], names: tuple[str, ...]) -> type[Any] | None:
    """A plain class with the same slots as ``cls``, if ``cls``'s own ``__init__`` only sets
    its slots (a frozen dataclass's sets each through ``object.__setattr__``): an instance of
    the twin, its slots stored as any object's, may become a ``cls`` (same layout), which
    costs half of calling each slot's setter. None if ``cls`` is not such a class."""
    if _slot_setters(cls, list(names)) is None or cls.__bases__ != (object,):
        return None
    if tuple(getattr(cls, "__slots__", ())) != names:
        return None
    twin = type(f"_{cls.__name__}Row", (), {"__slots__": names})
    try:
        trial: Any = object.__new__(twin)
        trial.__class__ = cls
    except TypeError:  # the layouts differ after all
        return None
    return twin


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    from operator import attrgetter

    if len(names) > 1:
        return attrgetter(*names)
    return lambda item: (getattr(item, names[0]),)


#: Stamps repeat (a cycle's 2,000 prompts share theirs): each is made once while it stays here,
#: so a row's stamp is one object, written once by marshal, and one datetime once read back.
_STAMP_ROWS: dict[tuple[datetime, int, str | int | None], tuple[Any, ...]] = {}
_STAMPS: dict[tuple[Any, ...], datetime] = {}
_STAMPS_MAX = 8192


def _stamp_row(value: datetime) -> tuple[Any, ...]:
    """A datetime as (year, month, day, hour, minute, second, microsecond, fold, zone)."""
    place = _place(value)
    key = (value, value.fold, place)  # (equal datetimes may differ in zone or fold)
    found = _STAMP_ROWS.get(key)
    if found is None:
        found = (value.year, value.month, value.day, value.hour, value.minute, value.second,
                 value.microsecond, value.fold, place)  # fmt: skip
        if len(_STAMP_ROWS) >= _STAMPS_MAX:
            _STAMP_ROWS.clear()
        _STAMP_ROWS[key] = found
    return found


def _stamp(row: tuple[Any, ...]) -> datetime:
    """The datetime of a row's stamp (kept for the rows that share it)."""
    year, month, day, hour, minute, second, micro, fold, place = row
    value = datetime(year, month, day, hour, minute, second, micro, _ZONES[place])
    if fold:
        value = value.replace(fold=1)
    if len(_STAMPS) >= _STAMPS_MAX:
        _STAMPS.clear()
    _STAMPS[row] = value
    return value


def _place(value: datetime) -> str | int | None:
    """Where a stamp's wall-clock time is read: its ``ZoneInfo`` key, its fixed offset in
    microseconds, or None (naive)."""
    zone = value.tzinfo
    if zone is None:
        place: str | int | None = None
    elif isinstance(zone, ZoneInfo) and zone.key:
        place = zone.key
    elif type(zone) is timezone:
        offset = zone.utcoffset(None)
        place = offset // timedelta(microseconds=1)
    else:
        raise TypeError(f"a row cannot hold the zone {zone!r}")
    return place


class _Zones(dict[str | int | None, tzinfo | None]):
    """A row stamp's zone by what the row names: a ``ZoneInfo`` key, a fixed offset in
    microseconds, or None (naive); each worked out once."""

    def __missing__(self, place: str | int | None) -> tzinfo | None:
        if isinstance(place, str):
            zone: tzinfo | None = _zone(place)
        elif place is None:
            zone = None
        else:
            zone = timezone(timedelta(microseconds=place))
        self[place] = zone
        return zone


_ZONES = _Zones()
