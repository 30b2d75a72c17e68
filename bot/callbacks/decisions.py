"""Buttons that decide something pending: a plan import, a close-out (办结 → 销号 / 退回)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bot.callbacks.codec import ButtonData


class Decision(StrEnum):
    """Yes or no on a pending proposal."""

    YES = "y"
    NO = "n"


@dataclass(frozen=True, slots=True)
class ImportDecision(ButtonData):
    """Confirm or cancel a previewed plan import."""

    PREFIX: ClassVar[str] = "imp"
    preview_id: str
    decision: Decision


@dataclass(frozen=True, slots=True)
class RequestCloseout(ButtonData):
    """The official asks to close a finished task (办结申请)."""

    PREFIX: ClassVar[str] = "cq"
    measure_id: str


@dataclass(frozen=True, slots=True)
class DecideCloseout(ButtonData):
    """The lead approves (销号) or returns (退回, a reason follows by typing) a close-out."""

    PREFIX: ClassVar[str] = "cd"
    closeout_id: str
    decision: Decision

    @property
    def request_id(self) -> str:
        """The request decided (the name every request → decision flow reads)."""
        return self.closeout_id


@dataclass(frozen=True, slots=True)
class SubmitCloseout(ButtonData):
    """The evidence gathered for a close-out is complete: submit it (yes) or drop it (no)."""

    PREFIX: ClassVar[str] = "cs"
    measure_id: str
    decision: Decision
