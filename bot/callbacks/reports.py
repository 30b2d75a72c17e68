"""Buttons of reporting (反馈): task, status, progress, indicators, and the weekly prompt."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.callbacks.codec import ButtonData
from bot.domain.work import ReportStatus


@dataclass(frozen=True, slots=True)
class PickTask(ButtonData):
    """Start a report on this task (shows the status buttons)."""

    PREFIX: ClassVar[str] = "rt"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SetStatus(ButtonData):
    """Report a status for a task: 正常推进 / 已完成 / 滞后 / 受阻."""

    PREFIX: ClassVar[str] = "r"
    measure_id: str
    status: ReportStatus


@dataclass(frozen=True, slots=True)
class SameAsLast(ButtonData):
    """同上周: repeat the latest report on the task in one tap."""

    PREFIX: ClassVar[str] = "rs"
    measure_id: str


@dataclass(frozen=True, slots=True)
class SetProgress(ButtonData):
    """Set the progress percentage on the report just filed for a task."""

    PREFIX: ClassVar[str] = "rp"
    measure_id: str
    report_id: str
    percent: int


@dataclass(frozen=True, slots=True)
class AskProgress(ButtonData):
    """The official wants to type a custom percentage for the report."""

    PREFIX: ClassVar[str] = "rc"
    measure_id: str
    report_id: str


@dataclass(frozen=True, slots=True)
class AskIndicator(ButtonData):
    """The official wants to type the value of the measure's indicator number ``index``."""

    PREFIX: ClassVar[str] = "ri"
    measure_id: str
    report_id: str
    index: int


@dataclass(frozen=True, slots=True)
class FinishReport(ButtonData):
    """The official is done with this report (no more text or evidence)."""

    PREFIX: ClassVar[str] = "rf"
    measure_id: str
    report_id: str


@dataclass(frozen=True, slots=True)
class PromptAnswer(ButtonData):
    """A status button on the weekly prompt: the status is filed as of the time it is pressed."""

    PREFIX: ClassVar[str] = "pa"
    cycle_id: str
    measure_id: str
    status: ReportStatus


@dataclass(frozen=True, slots=True)
class PromptSame(ButtonData):
    """与上周相同 on the weekly prompt: last cycle's answer, carried into this cycle."""

    PREFIX: ClassVar[str] = "pl"
    cycle_id: str
    measure_id: str


@dataclass(frozen=True, slots=True)
class ReplyPick(ButtonData):
    """“Which task?” after a reply to a message listing several: file the reply kept under
    ``key`` (in the user's state) on this task."""

    PREFIX: ClassVar[str] = "rq"
    key: str
    measure_id: str
