"""Make ``import storage`` mean the project's package in these tests.

``tests/rhythm`` is a package under ``tests/``, so pytest puts ``tests/`` on ``sys.path``; the test
folder ``tests/storage`` (no ``__init__.py``) then shadows the real ``storage`` package as an empty
namespace package. Import the real one first, with ``tests/`` out of the way.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

_TESTS = Path(__file__).resolve().parent.parent


def _import_real_storage() -> None:
    current = sys.modules.get("storage")
    if current is not None and getattr(current, "__file__", None):
        return
    sys.modules.pop("storage", None)
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _TESTS]
    try:
        importlib.import_module("storage")
    finally:
        sys.path[:] = saved


_import_real_storage()
