"""A file a lead sends without a task in view: is it a roster or a plan? Then take it.

The content decides when it can: a table (.xlsx/.xls/.ods/.csv/.tsv/.txt) whose header row has a
name column (姓名/name) and a unit column (单位/unit) is a roster, whatever it is called. Otherwise
the lead's words decide: right after ``/roster``, or when the caption or file name says so
(名单, 花名册, roster…), a table is read as a roster (so its problems are reported as roster
problems); anything else is a plan to preview.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from enum import StrEnum

from bot.services.common.actor import Actor
from bot.services.common.errors import InvalidInput, NotAllowed, ServiceError
from bot.services.common.permissions import Perm, require_known, scope_of
from bot.services.people.members import PeopleService, RosterResult
from bot.services.people.roster import (
    RosterError,
    RosterRow,
    looks_like_roster,
    parse_roster,
    table_file,
)
from bot.services.plans.imports import MAX_PLAN_BYTES, ImportPreview, PlanService
from bot.services.plans.reader import PlanReader, ReadPlan

#: The largest file taken (plans are the larger kind); Telegram lets bots fetch up to 20 MB.
MAX_UPLOAD_BYTES = MAX_PLAN_BYTES
ROSTER_WORDS = ("名单", "花名册", "通讯录", "人员表", "roster", "people")


class NotFetched(ServiceError):
    """The file never reached the bot: Telegram's getFile, or the download after it, failed (a
    network failure or Telegram's refusal, no bug of the bot): the sender is asked to send it
    again."""

    def __init__(self) -> None:
        super().__init__("err.file_not_fetched")


class UploadKind(StrEnum):
    """What an uploaded file was taken as."""

    ROSTER = "roster"
    PLAN = "plan"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file taken: the roster it added, or the plan preview awaiting Confirm."""

    kind: UploadKind
    roster: RosterResult | None = None
    preview: ImportPreview | None = None


def classify(data: bytes, filename: str, caption: str | None, roster_asked: bool) -> UploadKind:
    """Roster or plan, by content first, then by the command, caption and file name."""
    if not table_file(filename):
        return UploadKind.ROSTER if roster_asked else UploadKind.PLAN
    if looks_like_roster(data, filename):
        return UploadKind.ROSTER
    words = f"{filename} {caption or ''}".casefold()
    if roster_asked or any(word in words for word in ROSTER_WORDS):
        return UploadKind.ROSTER
    return UploadKind.PLAN


@dataclass(frozen=True, slots=True)
class ReadFile:
    """A file read (the slow part, off the event loop): its kind and parsed content."""

    kind: UploadKind
    roster: tuple[list[RosterRow], list[RosterError]] = ([], [])
    plan: ReadPlan | None = None


def read_file(
    reader: PlanReader, data: bytes, filename: str, caption: str | None, roster_asked: bool
) -> ReadFile:
    """Classify and parse a file; touches no store, so it may run in a worker thread."""
    if classify(data, filename, caption, roster_asked) is UploadKind.ROSTER:
        return ReadFile(UploadKind.ROSTER, roster=parse_roster(data, filename))
    return ReadFile(UploadKind.PLAN, plan=reader.read(data, filename))


class UploadService:
    """Take a lead's file as a roster or a plan (one call from the chat)."""

    def __init__(self, people: PeopleService, plans: PlanService) -> None:
        self._people = people
        self._plans = plans

    def receive(
        self,
        actor: Actor,
        team_id: str,
        data: bytes,
        filename: str,
        *,
        caption: str | None = None,
        roster_asked: bool = False,
    ) -> Upload:
        """Import the roster, or preview the plan; leads and admins only."""
        reader = self._admit(actor, team_id, data)
        read = read_file(reader, data, filename, caption, roster_asked)
        return self._take(actor, team_id, filename, read)

    async def receive_off_loop(
        self,
        actor: Actor,
        team_id: str,
        data: bytes,
        filename: str,
        *,
        caption: str | None = None,
        roster_asked: bool = False,
    ) -> Upload:
        """:meth:`receive`, with the file parsed in a worker thread: the bot keeps answering
        everyone else meanwhile (a plan of megabytes takes seconds to parse). The store is
        read before and written after, on the event loop."""
        reader = self._admit(actor, team_id, data)
        read = await asyncio.to_thread(read_file, reader, data, filename, caption, roster_asked)
        return self._take(actor, team_id, filename, read)

    def _admit(self, actor: Actor, team_id: str, data: bytes) -> PlanReader:
        require_known(actor)
        if scope_of(actor, Perm.PLAN_IMPORT, team_id) is None:
            raise NotAllowed("err.upload_not_allowed")
        if len(data) > MAX_UPLOAD_BYTES:
            raise InvalidInput("err.file_too_large", max_kb=MAX_UPLOAD_BYTES // 1024)
        return self._plans.reader(team_id)

    def _take(self, actor: Actor, team_id: str, filename: str, read: ReadFile) -> Upload:
        if read.plan is None:
            roster = self._people.take_roster(actor, team_id, *read.roster)
            return Upload(UploadKind.ROSTER, roster=roster)
        preview = self._plans.keep(actor, team_id, filename, read.plan)
        return Upload(UploadKind.PLAN, preview=preview)
