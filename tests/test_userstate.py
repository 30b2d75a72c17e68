"""Conversation state as a stored record: every part survives the round trip, a state unused
for a week is forgotten, and a draft whose task is gone is dropped."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot import userstate
from bot.context import Album, Awaiting, Expecting, PendingReply, UserData
from bot.domain.plan import Measure, SourceKind
from bot.domain.work import Evidence
from bot.services.closeout.evidence import CloseoutDraft
from bot.services.closeout.extensions import ExtensionDraft
from bot.services.plans.instructions import InstructionDraft
from storage.memory import MemoryStore

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2025, 3, 6, 9, 0, tzinfo=TZ)
MEASURE = Measure(id="M1", plan_id="P1", title="加快园区建设", body="建成标准化厂房")


def full_state() -> UserData:
    """A state with every part set."""
    data = UserData()
    data.pending_replies = {"qabc": PendingReply("进展：开工", ("photo:F1",), (5, 12))}
    data.awaiting = Awaiting(Expecting.REPORT_TEXT, "M1", "r1", since=1000.5)
    data.album = Album("1300", report_id="r1", confirmation=(5, 14))
    data.team_id = "t1"
    data.upload = "roster"
    evidence = (Evidence(NOW, "p1", "验收报告", None, 12), Evidence(NOW, "p1", None, "doc:F2"))
    data.closeout_draft = CloseoutDraft(MEASURE, "t1", evidence)
    data.extension_draft = ExtensionDraft(MEASURE, "t1", date(2025, 9, 30), "到货推迟", evidence)
    data.instruction_draft = InstructionDraft(
        "t1",
        SourceKind.INSTRUCTION,
        "请抓紧推进",
        "王县长",
        date(2025, 3, 1),
        None,
        date(2025, 4, 30),
        "4月底前",
        "园区建设",
        "photo:F3",
    )
    return data


def test_the_full_state_sets_every_part() -> None:
    """Every attribute of the state differs from a fresh one's, so a part added to
    :class:`UserData` without being stored fails the round trip below."""
    fresh, full = vars(UserData()), vars(full_state())
    assert [name for name in fresh if fresh[name] == full[name]] == []


def test_every_part_of_the_state_survives_the_round_trip() -> None:
    """Pending replies, the awaited answer, team, upload kind and the close-out, extension and
    instruction drafts (tasks read back from the store) come back equal."""
    store = MemoryStore()
    store.measures.save(MEASURE)
    data = full_state()
    store.user_state.save(userstate.record(5, data, NOW))
    back = userstate.read(store, 5, NOW + timedelta(days=6))
    assert vars(back) == vars(data)


def test_a_state_unused_for_a_week_is_forgotten_and_expired() -> None:
    """After the TTL the state reads as empty, and expiry deletes it."""
    store = MemoryStore()
    store.measures.save(MEASURE)
    store.user_state.save(userstate.record(5, full_state(), NOW))
    later = NOW + userstate.TTL + timedelta(minutes=1)
    assert vars(userstate.read(store, 5, later)) == vars(UserData())
    assert userstate.expire(store, later) == 1
    assert store.user_state.all() == ()


def test_a_draft_whose_task_is_gone_is_dropped_and_the_rest_kept() -> None:
    """The task of a close-out draft no longer exists: no draft, the team is still known."""
    store = MemoryStore()
    store.user_state.save(userstate.record(5, full_state(), NOW))
    back = userstate.read(store, 5, NOW)
    assert back.closeout_draft is None
    assert back.team_id == "t1"
