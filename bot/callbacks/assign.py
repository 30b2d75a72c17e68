"""Buttons of assigning (交办): the picker, suggestions, and 签收 on the notice."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from bot.callbacks.codec import ButtonData


class AssigneeKind(StrEnum):
    """Whom a picker lists or assigns: units or people."""

    UNIT = "u"
    PERSON = "p"


@dataclass(frozen=True, slots=True)
class Acknowledge(ButtonData):
    """签收: the official acknowledges an assigned task."""

    PREFIX: ClassVar[str] = "ack"
    measure_id: str


@dataclass(frozen=True, slots=True)
class AcknowledgeListed(ButtonData):
    """签收 on a message listing tasks (the welcome, ``/mytasks``, ``/task``): the message
    stays, only this button goes."""

    PREFIX: ClassVar[str] = "akl"
    measure_id: str


@dataclass(frozen=True, slots=True)
class AcknowledgeBatch(ButtonData):
    """签收全部 on the one list of many new tasks: signs the tasks that list showed (the
    assignments of batch ``batch_id`` the presser answers for), as a 签收 each.

    The first form (``akb:<team>:<since>:<until>``, a time window) no longer decodes: such a
    button is answered "this button has expired", as every old button is."""

    PREFIX: ClassVar[str] = "akb"
    team_id: str
    batch_id: str


@dataclass(frozen=True, slots=True)
class PickSection(ButtonData):
    """Assignment picker, step 1: a page of the plan's sections."""

    PREFIX: ClassVar[str] = "as"
    page: int


@dataclass(frozen=True, slots=True)
class PickMeasure(ButtonData):
    """Assignment picker, step 2: a page of the measures of one section (by index)."""

    PREFIX: ClassVar[str] = "am"
    section: int
    page: int


@dataclass(frozen=True, slots=True)
class PickAssignee(ButtonData):
    """Assignment picker, step 3: a page of units or of people for a measure."""

    PREFIX: ClassVar[str] = "ao"
    measure_id: str
    kind: AssigneeKind
    page: int


@dataclass(frozen=True, slots=True)
class Assign(ButtonData):
    """Assignment picker, last step: assign the measure to a unit or person (by id)."""

    PREFIX: ClassVar[str] = "ax"
    measure_id: str
    kind: AssigneeKind
    assignee_id: str


@dataclass(frozen=True, slots=True)
class AutoAssign(ButtonData):
    """Suggested assignments: show them (``list``), accept all (``all``) or accept one."""

    PREFIX: ClassVar[str] = "aa"
    proposal_id: str

    ALL: ClassVar[str] = "all"
    LIST: ClassVar[str] = "list"
