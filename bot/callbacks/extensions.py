"""Buttons of a deadline extension (延期申请 → 批准 / 不批准) and of a task made from an
instruction or a meeting decision (批示 / 会议决定事项 → 立项)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.callbacks.codec import ButtonData
from bot.callbacks.decisions import Decision
from bot.domain.plan import SourceKind


@dataclass(frozen=True, slots=True)
class RequestExtension(ButtonData):
    """An owner asks for a later deadline on a task (申请延期)."""

    PREFIX: ClassVar[str] = "xq"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SubmitExtension(ButtonData):
    """The request written: submit it (yes) or drop it (no)."""

    PREFIX: ClassVar[str] = "xs"
    measure_id: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class DecideExtension(ButtonData):
    """The lead approves (批准) or refuses (不批准, a reason follows by typing) an extension."""

    PREFIX: ClassVar[str] = "xd"
    extension_id: str
    decision: Decision

    @property
    def request_id(self) -> str:
        """The request decided (the name every request → decision flow reads)."""
        return self.extension_id


@dataclass(frozen=True, slots=True)
class SubmitInstruction(ButtonData):
    """The instruction or decision written: make it a task (yes) or drop it (no)."""

    PREFIX: ClassVar[str] = "ic"
    kind: SourceKind
    decision: Decision
