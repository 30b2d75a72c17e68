"""A person's conversation state (:class:`bot.context.UserData`) as a stored record.

What a user's next message means (a pending "which task?" reply, the question a typed answer
answers, the admin's current team, the kind of the next upload, a close-out, extension or
instruction draft) must survive
a crash and be seen by any bot process. :class:`~bot.intake.DubanApplication` reads the state
fresh from the store before it handles an update of the user and saves it, if it changed, in the
transaction that marks the update handled (:meth:`bot.intake.Intake.finish`): a state and the
update that made it are kept or lost together.

Bounded: one record per user; a record unused for
:data:`~bot.domain.delivery.USER_STATE_TTL_DAYS` days is ignored and deleted (a week-old draft
or question is no longer what the person means).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from typing import Any

from bot.context import Album, Awaiting, Expecting, PendingReply, UserData
from bot.domain.delivery import USER_STATE_TTL_DAYS, UserState
from bot.domain.plan import SourceKind
from bot.domain.ports import Store
from bot.domain.work import Evidence
from bot.services.closeout.evidence import CloseoutDraft
from bot.services.closeout.extensions import ExtensionDraft
from bot.services.plans.instructions import InstructionDraft

TTL = timedelta(days=USER_STATE_TTL_DAYS)


def dump(data: UserData) -> str:
    """The state as JSON text (an empty state is ``{}``)."""
    doc: dict[str, Any] = {}
    if data.pending_replies:
        doc["pending"] = {
            key: [r.text, list(r.files), list(r.source)] for key, r in data.pending_replies.items()
        }
    if data.awaiting is not None:
        a = data.awaiting
        doc["awaiting"] = [a.expecting.value, a.ref, a.detail, a.since]
    if data.album is not None:
        album = data.album
        doc["album"] = [album.id, album.pending, album.report_id, album.confirmation]
    if data.team_id is not None:
        doc["team"] = data.team_id
    if data.upload is not None:
        doc["upload"] = data.upload
    if data.closeout_draft is not None:
        draft = data.closeout_draft
        doc["draft"] = {
            "measure": draft.measure.id,
            "team": draft.team_id,
            "items": [_evidence(item) for item in draft.items],
        }
    if data.extension_draft is not None:
        ext = data.extension_draft
        doc["extension"] = {
            "measure": ext.measure.id,
            "team": ext.team_id,
            "deadline": _day(ext.deadline),
            "reason": ext.reason,
            "items": [_evidence(item) for item in ext.items],
        }
    if data.instruction_draft is not None:
        ins = data.instruction_draft
        doc["instruction"] = {
            **{f.name: getattr(ins, f.name) for f in dataclasses.fields(ins)},
            "kind": ins.kind.value,
            "given_at": _day(ins.given_at),
            "deadline": _day(ins.deadline),
        }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def load(text: str, store: Store) -> UserData:
    """The state a record holds (a draft whose task is gone is dropped)."""
    doc = json.loads(text)
    data = UserData()
    data.pending_replies = {
        key: PendingReply(t, tuple(files), (source[0], source[1]))
        for key, (t, files, source) in doc.get("pending", {}).items()
    }
    if "awaiting" in doc:
        expecting, ref, detail, since = doc["awaiting"]
        data.awaiting = Awaiting(Expecting(expecting), ref, detail, since)
    if "album" in doc:
        album_id, pending, report_id, confirmation = doc["album"]
        data.album = Album(
            album_id, pending, report_id, tuple(confirmation) if confirmation else None
        )
    data.team_id = doc.get("team")
    data.upload = doc.get("upload")
    draft = doc.get("draft")
    measure = store.measures.get(draft["measure"]) if draft else None
    if draft and measure is not None:
        items = tuple(_evidence_of(item) for item in draft["items"])
        data.closeout_draft = CloseoutDraft(measure, draft["team"], items)
    ext = doc.get("extension")
    measure = store.measures.get(ext["measure"]) if ext else None
    if ext and measure is not None:
        data.extension_draft = ExtensionDraft(
            measure,
            ext["team"],
            _day_of(ext["deadline"]),
            ext["reason"],
            tuple(_evidence_of(item) for item in ext["items"]),
        )
    ins = doc.get("instruction")
    if ins:
        data.instruction_draft = InstructionDraft(
            **{
                **ins,
                "kind": SourceKind(ins["kind"]),
                "given_at": _day_of(ins["given_at"]),
                "deadline": _day_of(ins["deadline"]),
            }
        )
    return data


def read(store: Store, user_id: int, now: datetime) -> UserData:
    """The user's stored state, or a fresh one (none kept, or unused too long)."""
    record = store.user_state.get(str(user_id))
    if record is None or record.updated_at < now - TTL:
        return UserData()
    return load(record.data, store)


def record(user_id: int, data: UserData, now: datetime) -> UserState:
    """The record of ``data`` to save."""
    return UserState(str(user_id), user_id, dump(data), now)


def expire(store: Store, now: datetime) -> int:
    """Delete the records unused for longer than the TTL; returns how many."""
    old = store.user_state.updated_before(now - TTL)
    for state in old:
        store.user_state.delete(state.id)
    return len(old)


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _day_of(text: str | None) -> date | None:
    return date.fromisoformat(text) if text is not None else None


def _evidence(item: Evidence) -> dict[str, Any]:
    doc = dataclasses.asdict(item)
    doc["at"] = item.at.isoformat()
    return doc


def _evidence_of(doc: dict[str, Any]) -> Evidence:
    return Evidence(**{**doc, "at": datetime.fromisoformat(doc["at"])})
