"""Checks Bot API calls against the official description (``sandbox/botapi/api-10.1.json``).

A call conforms when its method exists, every required field is present, no unknown field is
sent, and each value is plausible for its declared types: Integer, String, Boolean, Float,
arrays, InputFile (a multipart upload or ``attach://``) and JSON-serialised objects, checked
field by field down to nested objects and their subtypes.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox.params import Params

SPEC_FILE_NAME = "api-10.1.json"
SPEC_ENV_VAR = "DUBAN_BOTAPI_SPEC"
#: The description shipped with the project (MIT, see ``botapi/LICENSE.txt``).
BUNDLED_SPEC = Path(__file__).with_name("botapi") / SPEC_FILE_NAME
_MAX_DEPTH = 12
_INTEGER = re.compile(r"-?\d+")
_BOOLEANS = {"true", "false", "1", "0"}


@dataclass(frozen=True)
class Violation:
    """A call that does not conform to the Bot API description."""

    method: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.method}: " + "; ".join(self.problems)


@dataclass(frozen=True)
class _Field:
    name: str
    types: tuple[str, ...]
    required: bool


def locate_spec() -> Path | None:
    """The spec: ``$DUBAN_BOTAPI_SPEC`` when set (None if no such file), else the bundled one."""
    configured = os.environ.get(SPEC_ENV_VAR)
    if configured:
        path = Path(configured)
        return path if path.is_file() else None
    return BUNDLED_SPEC


class BotApiSpec:
    """The methods and types of one Bot API version, and the checks built on them."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = str(data.get("version", "?"))
        self._methods = {
            name.lower(): (name, _fields(method)) for name, method in data["methods"].items()
        }
        self._returns = {
            name.lower(): tuple(method.get("returns", ()))
            for name, method in data["methods"].items()
        }
        self._types = {name: _fields(kind) for name, kind in data["types"].items()}
        self._subtypes = {
            name: tuple(kind["subtypes"])
            for name, kind in data["types"].items()
            if kind.get("subtypes")
        }

    @classmethod
    def load(cls, path: Path) -> BotApiSpec:
        """Read a spec file."""
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def find(cls) -> BotApiSpec | None:
        """Load the spec found by :func:`locate_spec`, or ``None`` when it is absent."""
        path = locate_spec()
        return cls.load(path) if path else None

    def method_name(self, name: str) -> str | None:
        """The method's official spelling (names are case-insensitive), or ``None``."""
        entry = self._methods.get(name.lower())
        return entry[0] if entry else None

    def check_call(self, method: str, params: Params) -> list[str]:
        """Problems with a call; empty when it conforms."""
        entry = self._methods.get(method.lower())
        if entry is None:
            return [f"method {method!r} is not in Bot API {self.version}"]
        fields = {item.name: item for item in entry[1]}
        problems: list[str] = []
        attached = _attach_targets(params)
        for name in sorted(params.names()):
            if name not in fields and name not in attached:
                problems.append(f"unknown parameter {name!r}")
        for item in fields.values():
            if not params.has(item.name):
                if item.required:
                    problems.append(f"missing required parameter {item.name!r}")
                continue
            if item.name in params.uploads:
                if "InputFile" not in item.types:
                    problems.append(f"{item.name}: a file was uploaded but it takes {item.types}")
                continue
            value = params.values[item.name]
            problems += self._check_value(item.types, value, item.name, params, 0, top=True)
        return problems

    def check_result(self, method: str, result: Any) -> list[str]:
        """Problems with a method's result compared with what the method returns."""
        types = self._returns.get(method.lower())
        if not types:
            return [f"method {method!r} is not in Bot API {self.version}"]
        return self._check_value(types, result, f"{method} result", None, 0, top=False)

    def check_object(self, type_name: str, value: Any, path: str = "") -> list[str]:
        """Problems with an object claimed to be of ``type_name`` (e.g. a returned Message)."""
        return self._check_value((type_name,), value, path or type_name, None, 0, top=False)

    def _check_value(
        self,
        types: Sequence[str],
        value: Any,
        path: str,
        params: Params | None,
        depth: int,
        top: bool,
    ) -> list[str]:
        failures = []
        for kind in types:
            problems = self._check_type(kind, value, path, params, depth, top)
            if not problems:
                return []
            failures.append(problems)
        if len(failures) == 1:
            return failures[0]
        closest = min(failures, key=len)
        return [f"{path}: expected {' or '.join(types)}, got {_describe(value)}", *closest]

    def _check_type(
        self, kind: str, value: Any, path: str, params: Params | None, depth: int, top: bool
    ) -> list[str]:
        if depth > _MAX_DEPTH:
            return []
        if kind.startswith("Array of "):
            return self._check_array(kind[len("Array of ") :], value, path, params, depth, top)
        scalar = _check_scalar(kind, value, top, params)
        if scalar is not None:
            return [] if scalar else [f"{path}: expected {kind}, got {_describe(value)}"]
        if top and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return [f"{path}: expected a JSON-serialised {kind}, got {_describe(value)}"]
        if kind in self._subtypes:
            return self._check_union(kind, value, path, params, depth)
        if kind not in self._types:
            return []
        return self._check_fields(kind, value, path, params, depth)

    def _check_array(
        self, item: str, value: Any, path: str, params: Params | None, depth: int, top: bool
    ) -> list[str]:
        if top and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return [f"{path}: expected a JSON-serialised array, got {_describe(value)}"]
        if not isinstance(value, list):
            return [f"{path}: expected Array of {item}, got {_describe(value)}"]
        problems: list[str] = []
        for index, element in enumerate(value):
            where = f"{path}[{index}]"
            problems += self._check_value((item,), element, where, params, depth + 1, top=False)
        return problems

    def _check_union(
        self, kind: str, value: Any, path: str, params: Params | None, depth: int
    ) -> list[str]:
        best: list[str] | None = None
        for subtype in self._subtypes[kind]:
            problems = self._check_value((subtype,), value, path, params, depth + 1, top=False)
            if not problems:
                return []
            if best is None or len(problems) < len(best):
                best = problems
        return [f"{path}: matches no kind of {kind}", *(best or [])]

    def _check_fields(
        self, kind: str, value: Any, path: str, params: Params | None, depth: int
    ) -> list[str]:
        if not isinstance(value, dict):
            return [f"{path}: expected {kind} object, got {_describe(value)}"]
        fields = {item.name: item for item in self._types[kind]}
        problems = [
            f"{path}.{name}: unknown field of {kind}" for name in value if name not in fields
        ]
        for item in fields.values():
            where = f"{path}.{item.name}"
            if value.get(item.name) is None:
                if item.required:
                    problems.append(f"{where}: missing required field of {kind}")
                continue
            problems += self._check_value(
                item.types, value[item.name], where, params, depth + 1, top=False
            )
        return problems


def _fields(entry: dict[str, Any]) -> tuple[_Field, ...]:
    return tuple(
        _Field(item["name"], tuple(item["types"]), bool(item.get("required")))
        for item in entry.get("fields", ())
    )


def _check_scalar(kind: str, value: Any, top: bool, params: Params | None) -> bool | None:
    """``True``/``False`` for a scalar type; ``None`` if ``kind`` is not a scalar."""
    is_text = isinstance(value, str)
    if kind == "String":
        return is_text
    if kind == "Integer":
        if isinstance(value, bool):
            return False
        return isinstance(value, int) or (top and is_text and bool(_INTEGER.fullmatch(value)))
    if kind == "Float":
        if isinstance(value, bool):
            return False
        return isinstance(value, int | float) or (top and is_text and _is_float(value))
    if kind in ("Boolean", "True"):
        return isinstance(value, bool) or (top and is_text and value.lower() in _BOOLEANS)
    if kind == "InputFile":
        return bool(
            is_text
            and params is not None
            and value.startswith("attach://")
            and value[len("attach://") :] in params.uploads
        )
    return None


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _attach_targets(params: Params) -> set[str]:
    """Names of uploaded parts referenced as ``attach://name`` anywhere in the call."""
    blob = json.dumps(params.values, default=str)
    return {name for name in params.uploads if f"attach://{name}" in blob}


def _describe(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
