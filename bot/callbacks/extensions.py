"""Buttons of a deadline extension (延期申请 → 批准 / 不批准)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.callbacks.decisions import Decision


@dataclass(frozen=True, slots=True)
class RequestExtension:
    """An owner asks for a later deadline on a task (申请延期)."""

    PREFIX: ClassVar[str] = "xq"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SubmitExtension:
    """The request written: submit it (yes) or drop it (no)."""

    PREFIX: ClassVar[str] = "xs"
    measure_id: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class DecideExtension:
    """The lead approves (批准) or refuses (不批准, a reason follows by typing) an extension."""

    PREFIX: ClassVar[str] = "xd"
    extension_id: str
    decision: Decision
