"""A file a lead sends without a task in view: is it a roster or a plan? Then take it.

The content decides when it can: a table (.xlsx/.csv/.tsv/.txt) whose header row has a name
column (姓名/name) and a unit column (单位/unit) is a roster, whatever it is called. Otherwise
the lead's words decide: right after ``/roster``, or when the caption or file name says so
(名单, 花名册, roster…), a table is read as a roster (so its problems are reported as roster
problems); anything else is a plan to preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.services.actor import Actor
from bot.services.errors import InvalidInput, NotAllowed
from bot.services.people import PeopleService, RosterResult
from bot.services.permissions import Perm, require_known, scope_of
from bot.services.plans import MAX_PLAN_BYTES, ImportPreview, PlanService
from bot.services.roster import looks_like_roster, table_file

#: The largest file taken (plans are the larger kind); Telegram lets bots fetch up to 20 MB.
MAX_UPLOAD_BYTES = MAX_PLAN_BYTES
ROSTER_WORDS = ("名单", "花名册", "通讯录", "人员表", "roster", "people")


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
        require_known(actor)
        if scope_of(actor, Perm.PLAN_IMPORT, team_id) is None:
            raise NotAllowed("err.upload_not_allowed")
        if len(data) > MAX_UPLOAD_BYTES:
            raise InvalidInput("err.file_too_large", max_kb=MAX_UPLOAD_BYTES // 1024)
        if classify(data, filename, caption, roster_asked) is UploadKind.ROSTER:
            roster = self._people.import_roster(actor, team_id, data, filename)
            return Upload(UploadKind.ROSTER, roster=roster)
        preview = self._plans.preview(actor, team_id, data, filename)
        return Upload(UploadKind.PLAN, preview=preview)
