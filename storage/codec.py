"""A generic codec between the domain's frozen dataclasses and JSON-ready documents.

Driven by each dataclass's fields and type hints, so new entities and fields need no code here.
Supported: str, int, float, bool, None, unions with None, enums, ``date``, ``time``,
``datetime`` (aware; a ``ZoneInfo`` zone is kept by name, e.g. ``...+08:00[Asia/Shanghai]``),
``tuple[X, ...]`` and fixed tuples, nested dataclasses and ``dict[str, scalar]``.
Converters are compiled once per class; fields holding plain JSON values are copied as is.
Decoding, what reading years of history costs per record, runs one straight-line function
generated per class (as ``dataclasses`` generates ``__init__``): each field read once from the
document, converted, and passed to the constructor; enum values are looked up in a table and
zone-aware stamps that repeat are parsed once (a bounded cache). Anything it does not expect
(an unknown field, a bad value) goes to the generic decoder, which names the problem.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from collections.abc import Callable
from datetime import date, datetime, time, tzinfo
from enum import Enum
from functools import cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import attrgetter
from typing import Any, Union, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo

Convert = Callable[[Any], Any]
_SCALARS = (str, int, bool, type(None))
_INTERN_MAX = 40


class CodecError(ValueError):
    """A document does not fit the entity it is decoded as."""


def encode(item: object) -> dict[str, Any]:
    """The JSON-ready document of a dataclass instance."""
    return _encoder(type(item))(item)  # type: ignore[no-any-return]


def encode_json(item: object) -> str:
    """The compact JSON text of ``encode(item)``, exactly as ``JSON.encode`` writes it (the log's
    records are built of these), made by one generated function per class without the dict."""
    return _json_encoder(type(item))(item)  # type: ignore[no-any-return]


def decode(cls: type[Any], doc: dict[str, Any]) -> Any:
    """The instance of ``cls`` described by ``doc`` (missing fields take their defaults)."""
    return _decoder(cls)(doc)


def decoder(cls: type[Any]) -> Callable[[dict[str, Any]], Any]:
    """``decode`` of ``cls`` as one function (for decoding many documents)."""
    return _decoder(cls)


def _encode_datetime(value: datetime) -> str:
    text = value.isoformat()
    zone = value.tzinfo
    return f"{text}[{zone.key}]" if isinstance(zone, ZoneInfo) and zone.key else text


def _parse_datetime(text: str) -> datetime:
    if not text.endswith("]"):
        return datetime.fromisoformat(text)
    stamp, _, zone = text[:-1].partition("[")
    return datetime.fromisoformat(stamp).astimezone(_zone(zone))


_STAMPS: dict[str, datetime] = {}  # parsed stamps (immutable values, shared)
_STAMPS_MAX = 8192


def _decode_datetime(text: str) -> datetime:
    """A stored stamp, parsed once while it stays in the cache (a cycle's prompts, a
    dispatch's records share theirs); the cache is emptied when full."""
    found = _STAMPS.get(text)
    if found is None:
        found = _parse_datetime(text)
        if len(_STAMPS) >= _STAMPS_MAX:
            _STAMPS.clear()
        _STAMPS[text] = found
    return found


@cache
def _zone(name: str) -> tzinfo:
    return ZoneInfo(name)


def _isoformat(value: date | time) -> str:
    return value.isoformat()


def _float(value: Any) -> float:
    return float(value)


def _field_types(cls: type[Any]) -> list[tuple[str, Any]]:
    hints = get_type_hints(cls)
    return [(field.name, hints[field.name]) for field in dataclasses.fields(cls)]


_ENCODERS: dict[type[Any], Convert] = {}
_DECODERS: dict[type[Any], Convert] = {}


def _encoder(cls: type[Any]) -> Convert:
    if cls not in _ENCODERS:
        _ENCODERS[cls] = _compile_encoder(cls)
    return _ENCODERS[cls]


def _decoder(cls: type[Any]) -> Convert:
    if cls not in _DECODERS:
        _DECODERS[cls] = _compile_decoder(cls)
    return _DECODERS[cls]


def _compile_encoder(cls: type[Any]) -> Convert:
    plan = [(name, _encode_of(hint)) for name, hint in _field_types(cls)]
    names = [name for name, _ in plan]
    converts = [(name, convert) for name, convert in plan if convert is not None]
    if len(names) > 1:
        values_of: Callable[[Any], Any] = attrgetter(*names)
    else:
        values_of = lambda item: tuple(getattr(item, name) for name in names)  # noqa: E731

    def encode_one(item: Any) -> dict[str, Any]:
        doc = dict(zip(names, values_of(item), strict=True))  # every field, in order, in C
        for name, convert in converts:
            value = doc[name]
            if value is not None:
                doc[name] = convert(value)
        return doc

    return encode_one


def quote(text: str) -> str:
    """A string's JSON text (as ``JSON`` writes it)."""
    text_of: str = encode_basestring(text)
    return text_of


#: The JSON encoder of the log and of ``encode_json``: compact, non-ASCII kept as is.
JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
_JSON_ENCODERS: dict[type[Any], Convert] = {}


def _json_encoder(cls: type[Any]) -> Convert:
    if cls not in _JSON_ENCODERS:
        _JSON_ENCODERS[cls] = _compile_json_encoder(cls)
    return _JSON_ENCODERS[cls]


def _compile_json_encoder(cls: type[Any]) -> Convert:
    """The generated ``encode_json`` of ``cls``: each field read once and turned into its JSON
    text, the common types (text, integers, flags, stamps, enums, empty tuples) inline when the
    value is exactly of that type; anything else through ``encode``'s converter and ``JSON``."""
    scope: dict[str, Any] = {"q": encode_basestring, "stamp": _encode_datetime,
                             "datetime": datetime, "str": str, "int": int, "bool": bool,
                             "tuple": tuple}  # fmt: skip
    body = ["def encode_one(item):"]
    parts = []
    for n, (name, hint) in enumerate(_field_types(cls)):
        plain = _strip_optional(hint)
        scope[f"f{n}"] = _json_fallback(_encode_of(hint))
        inline = _INLINE.get(plain)
        if isinstance(plain, type) and issubclass(plain, Enum):
            scope[f"e{n}"], scope[f"m{n}"] = plain, _enum_texts(plain)
            inline = ("m{n}[v]", "e{n}")
        elif get_origin(plain) is tuple:
            inline = ("'[]'", "tuple and not v")
        body.append(f"    v = item.{name}")
        if inline is None:
            body.append(f"    t{n} = f{n}(v)")
        else:
            text, kind = (part.format(n=n) for part in inline)
            body.append(f"    t{n} = {text} if v.__class__ is {kind} else f{n}(v)")
        if inline is None or plain is not hint:  # (an optional field: None inline too)
            body[-1] = body[-1].replace(" = ", " = 'null' if v is None else ", 1)
        parts.append(f"{encode_basestring(name)}:{{t{n}}}")  # (a field name is an identifier)
    body.append(f"    return f'{{{{{','.join(parts)}}}}}'")
    exec("\n".join(body), scope)  # the code is built from the class's own field names
    encode_one: Convert = scope["encode_one"]
    return encode_one


#: A field type's JSON text inline (when the value is exactly of the type): (text, type).
_INLINE: dict[Any, tuple[str, str]] = {
    str: ("q(v)", "str"),
    int: ("int.__repr__(v)", "int"),
    bool: ("('true' if v else 'false')", "bool"),
    datetime: ("q(stamp(v))", "datetime"),
}


def _json_text_function() -> Callable[[Any], str]:
    """``JSON.encode`` without making its C encoder anew per call: one C encoder made once,
    if this Python's takes the arguments expected and gives the same text on a probe."""
    encode_text: Callable[[Any], str] = JSON.encode
    try:
        made = c_make_encoder(None, JSON.default, encode_basestring, None, ":", ",",
                              False, False, True)  # fmt: skip

        def reused(value: Any) -> str:
            return "".join(made(value, 0))

        probe = [{"a": [1, 2.5, -0.0, 1e300, None, True, False, '文\n"x"'], "b": {}}, [], "", 7]
        if all(reused(value) == encode_text(value) for value in (probe, *probe)):
            return reused
    except Exception:  # another Python's C encoder: JSON.encode as it is
        return encode_text
    return encode_text


_json_text = _json_text_function()


def _json_fallback(convert: Convert | None) -> Convert:
    """A field's JSON text as ``encode`` and ``JSON`` make it (None: null, unconverted)."""
    encode_text = _json_text
    if convert is None:
        return encode_text
    return lambda value: "null" if value is None else encode_text(convert(value))


def _enum_texts(hint: type[Enum]) -> dict[Enum, str]:
    """Each member's JSON text (what ``encode`` and ``JSON`` make of it)."""
    return {member: JSON.encode(member.value) for member in hint}


def _compile_decoder(cls: type[Any]) -> Convert:
    """The generated decoder of ``cls``, falling back to the generic one on any surprise."""
    generic = _generic_decoder(cls)
    fields = dataclasses.fields(cls)
    if any(not field.init for field in fields):
        return generic
    hints = get_type_hints(cls)
    known = frozenset(field.name for field in fields)
    names = [field.name for field in fields]
    scope: dict[str, Any] = {
        "cls": cls, "known": known, "generic": generic, "intern": sys.intern, "NAMES": names,
        "MISSING": dataclasses.MISSING, "LIMIT": _INTERN_MAX, "str": str, "len": len,
    }  # fmt: skip
    values = [f"v{number}" for number in range(len(fields))]
    body = ["def decode_one(doc):", "    try:",
            "        if list(doc) == NAMES:  # every field, in the order encode writes them",
            f"            {', '.join(values)}, = doc.values()",
            "        else:", "            if not known.issuperset(doc):",
            "                return generic(doc)", "            get = doc.get"]  # fmt: skip
    after: list[str] = []
    args = []
    for number, field in enumerate(fields):
        name, hint, value = field.name, hints[field.name], values[number]
        if field.default is not dataclasses.MISSING:
            scope[f"d{number}"] = field.default
            body.append(f"            {value} = get({name!r}, d{number})")
        elif field.default_factory is not dataclasses.MISSING:
            scope[f"f{number}"] = field.default_factory
            body.append(f"            {value} = get({name!r}, MISSING)")
            body.append(f"            if {value} is MISSING: {value} = f{number}()")
        else:
            body.append(f"            {value} = doc[{name!r}]")
        if _shared_text(name, hint):
            after.append(f"        if {value}.__class__ is str and len({value}) <= LIMIT:")
            after.append(f"            {value} = intern({value})")
        convert = _decode_of(hint)
        if convert is not None:
            table = _enum_table(hint)
            if table is not None:
                scope[f"t{number}"] = table
                after.append(f"        if {value} is not None: {value} = t{number}[{value}]")
            else:
                scope[f"c{number}"] = convert
                after.append(f"        if {value} is not None: {value} = c{number}({value})")
        args.append((name, value))
    body += after
    slots = _slot_setters(cls, [name for name, _ in args])
    if slots is None:
        body.append(f"        return cls({', '.join(f'{name}={value}' for name, value in args)})")
    else:  # the fields' slots set directly: what the generated __init__ does, without its cost
        scope.update(new=object.__new__, **{f"s{n}": setter for n, setter in enumerate(slots)})
        body.append("        item = new(cls)")
        body += [f"        s{n}(item, {value})" for n, (_, value) in enumerate(args)]
        body.append("        return item")
    body.append("    except Exception:")
    body.append("        return generic(doc)")
    exec("\n".join(body), scope)  # the code is built from the class's own field names
    decode_one: Convert = scope["decode_one"]
    return decode_one


def _slot_setters(cls: type[Any], names: list[str]) -> list[Callable[[Any, Any], None]] | None:
    """The ``__set__`` of each field's slot when the dataclass's own ``__init__`` does nothing
    but set them (slots, no ``__post_init__``), else None (the decoder calls the class)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.init or hasattr(cls, "__post_init__"):
        return None
    code = getattr(cls.__init__, "__code__", None)
    if code is None or code.co_filename != "<string>":  # an __init__ of the class's own
        return None
    slots: list[Any] = [cls.__dict__.get(name) for name in names]
    if not all(type(slot).__name__ == "member_descriptor" for slot in slots):
        return None
    return [slot.__set__ for slot in slots]


def _enum_table(hint: Any) -> dict[Any, Enum] | None:
    """An enum's members by value (a dict lookup instead of the enum's call), if ``hint``
    is an enum whose members are all found by value."""
    hint = _strip_optional(hint)
    if not (isinstance(hint, type) and issubclass(hint, Enum)):
        return None
    try:
        return {member.value: member for member in hint}
    except TypeError:  # an unhashable value
        return None


def _generic_decoder(cls: type[Any]) -> Convert:
    fields = _field_types(cls)
    shared = [name for name, hint in fields if _shared_text(name, hint)]
    converts = [(name, convert) for name, hint in fields if (convert := _decode_of(hint))]
    intern = sys.intern

    def decode_one(doc: dict[str, Any]) -> Any:
        values = dict(doc)
        try:
            for name in shared:
                value = values.get(name)
                if value.__class__ is str and len(value) <= _INTERN_MAX:
                    values[name] = intern(value)
            for name, convert in converts:
                value = values.get(name)
                if value is not None:
                    values[name] = convert(value)
            return cls(**values)
        except (TypeError, ValueError, KeyError) as error:  # unknown fields are a TypeError
            raise CodecError(f"cannot decode {cls.__name__} from {doc!r}: {error}") from error

    return decode_one


def _shared_text(name: str, hint: Any) -> bool:
    """Text fields other than the id repeat across documents (team, measure, author ids):
    decoding interns their short values, keeping one copy in memory instead of one per document.
    """
    return name != "id" and _strip_optional(hint) is str


def _strip_optional(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in get_args(hint) if arg is not type(None)]
        return args[0] if len(args) == 1 else Union[tuple(args)]  # noqa: UP007
    return hint


def _encode_of(hint: Any) -> Convert | None:
    hint = _strip_optional(hint)
    origin = get_origin(hint)
    if origin is tuple:
        return _tuple_of(hint, _encode_of, list)
    if origin in (Union, types.UnionType) or origin is dict or hint in (*_SCALARS, float):
        return None  # plain JSON values: scalars, unions of them, dict[str, scalar]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_value
    if hint is datetime:
        return _encode_datetime
    if hint in (date, time):
        return _isoformat
    if dataclasses.is_dataclass(hint):
        return _encoder(hint)  # type: ignore[arg-type]
    raise TypeError(f"the codec does not support {hint!r}")


def _decode_of(hint: Any) -> Convert | None:
    hint = _strip_optional(hint)
    origin = get_origin(hint)
    if origin is tuple:
        return _tuple_of(hint, _decode_of, tuple)
    if origin in (Union, types.UnionType) or origin is dict or hint in _SCALARS:
        return None
    if hint is float:
        return _float
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if hint is datetime:
        return _decode_datetime
    if hint is date:
        return date.fromisoformat
    if hint is time:
        return time.fromisoformat
    if dataclasses.is_dataclass(hint):
        return _decoder(hint)  # type: ignore[arg-type]
    raise TypeError(f"the codec does not support {hint!r}")


def _enum_value(value: Enum) -> Any:
    return value.value


def _tuple_of(hint: Any, element: Callable[[Any], Convert | None], build: type) -> Convert:
    """Tuples are JSON lists: ``tuple[X, ...]`` converts each item, fixed tuples by position."""
    args = get_args(hint)
    if len(args) == 2 and args[1] is Ellipsis:
        convert = element(args[0])
        if convert is None:
            return build
        return lambda values: build(convert(value) for value in values) if values else build()
    converts = [element(arg) for arg in args]
    return lambda values: build(
        value if convert is None or value is None else convert(value)
        for convert, value in zip(converts, values, strict=True)
    )
