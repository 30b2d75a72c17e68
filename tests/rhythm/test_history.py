"""Standing and movement read backwards from a moment (bot.rhythm.history) equal the rules
applied report by report from the oldest (tests/rhythm/forward.py), on generated histories."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.people import Role
from bot.domain.work import AssigneeRole, Report
from bot.domain.work import ReportStatus as S
from bot.rhythm.movement import movement
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.standing import standing
from bot.rhythm.substance import Flag
from tests.factories.snapshots import assign, local, measure, person, report, snapshot, unit
from tests.rhythm.forward import forward_movement, forward_standing

M = "m1"
START = local(2024, 3, 1, 9)
#: Who writes: two colleagues of the 牵头 unit, one of the 配合 unit, a leader's liaison (for
#: the leader assigned by name), a lead (in no party: remarks) and a deputy-like outsider.
AUTHORS = ("p1", "p2", "p3", "p5", "lead", "p6")
WORDS = (
    None,
    "   ",
    "正在推进",
    "完成3个村的摸底",
    "完成3个村的摸底。",
    "签约两家企业",
    "本周召开推进会，协调用地问题",
    "本周召开推进会,协调用地问题!",
    "本周召开推进会，协调用地问题等",
    "in progress",
)

#: Attachments as stored: by earlier versions (``photo:a``, no unique id), and with their
#: unique id, the same photo (``A``) and file (``C``) sent again under a new file id.
FILES = (
    (),
    (),
    ("photo:a",),
    ("photo:b", "document:c"),
    ("photo:a1:A",),
    ("photo:a2:A",),
    ("photo:a3:A", "document:c1:C"),
    ("document:c2:C",),
)

_report = st.fixed_dictionaries(
    {
        "author": st.sampled_from(AUTHORS),
        "hours": st.integers(0, 24 * 70).map(lambda h: h - h % 6),  # ties happen
        "status": st.sampled_from((None, S.ON_TRACK, S.BEHIND, S.BLOCKED, S.DONE)),
        "progress": st.sampled_from((None, None, 20, 50, 100)),
        "values": st.sampled_from(((), (("投资", 1.0),), (("投资", 2.0), ("签约", 1.0)))),
        "progress_text": st.sampled_from(WORDS),
        "next_steps": st.sampled_from((None, None, "下周开工", "继续推进")),
        "problems": st.sampled_from((None, None, "资金未到位", "  ")),
        "cycle": st.sampled_from(("c1", "c2", "c3", None)),
        "files": st.sampled_from(FILES),
    }
)


def _world(rows: list[dict[str, object]], reassigned: bool) -> TeamSnapshot:
    """A task with a 牵头 unit, a 配合 unit and a 配合 leader; with ``reassigned``, the 配合
    unit's assignment ends half-way and the leader leads from then on."""
    half = START + timedelta(days=35)
    co_unit = assign(M, unit_id="u2", role=AssigneeRole.CO, assigned_at=START)
    leader = assign(M, person_id="p4", role=AssigneeRole.CO, assigned_at=START)
    assignments = [assign(M, unit_id="u1", assigned_at=START), co_unit, leader]
    if reassigned:
        assignments[1:] = [
            assign(M, unit_id="u2", role=AssigneeRole.CO, assigned_at=START, ended_at=half),
            assign(M, person_id="p4", role=AssigneeRole.CO, assigned_at=START, ended_at=half),
            assign(M, person_id="p4", assigned_at=half),
        ]
    reports: list[Report] = []
    for row in rows:
        author = str(row["author"])
        reports.append(
            report(
                M,
                author,
                START + timedelta(hours=int(str(row["hours"]))),
                row["status"],  # type: ignore[arg-type]
                progress=row["progress"],
                indicator_values=row["values"],
                progress_text=row["progress_text"],
                next_steps=row["next_steps"],
                problems=row["problems"],
                cycle_id=row["cycle"],
                on_behalf_of="p4" if author == "p5" else None,
                attachments=row["files"],  # type: ignore[arg-type]
            )
        )
    return snapshot(
        units=(unit("u1", "县发改委"), unit("u2", "县财政局")),
        people=(
            person("p1", "张三", unit_id="u1"),
            person("p2", "李四", unit_id="u1"),
            person("p3", "王五", unit_id="u2"),
            person("p4", "赵县长", Role.LEADER),
            person("p5", "钱秘书", Role.LIAISON, on_behalf_of="p4"),
            person("p6", "孙六"),
            person("lead", "王督办", Role.LEAD),
        ),
        measures=(measure(M, "建成智慧园区"),),
        assignments=tuple(assignments),
        reports=tuple(reports),
    )


def _moments(snap: TeamSnapshot, extra: list[int]) -> list[datetime]:
    """Each report's own moment (ties included), a few others, before and after everything."""
    found = {r.created_at for r in snap.reports} | {START + timedelta(hours=h) for h in extra}
    return sorted(found | {START - timedelta(days=1), START + timedelta(days=90)})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(_report, max_size=24),
    extra=st.lists(st.integers(0, 24 * 70), max_size=4),
    reassigned=st.booleans(),
)
def test_backward_readings_equal_the_forward_rules(
    rows: list[dict[str, object]], extra: list[int], reassigned: bool
) -> None:
    """At every moment, one snapshot answers standing and movement as the forward walk does."""
    snap = _world(rows, reassigned)
    oracle = replace(snap)  # its own caches: nothing worked out is shared between the two
    for moment in _moments(snap, extra):
        assert standing(snap, M, until=moment) == forward_standing(oracle, M, until=moment)
        assert movement(snap, M, moment) == forward_movement(oracle, M, moment)
    assert standing(snap, M) == forward_standing(oracle, M)


def test_a_long_silent_task_counts_from_its_last_real_change() -> None:
    """Three years of the same tap and words: the days run from the first, read back to it."""
    first = local(2021, 3, 1, 9)
    rows = [
        report(M, "p1", first + timedelta(weeks=w), S.ON_TRACK, progress_text="完成3个村的摸底")
        for w in range(156)
    ]
    snap = snapshot(
        units=(unit("u1", "县发改委"),),
        people=(person("p1", "张三", unit_id="u1"),),
        measures=(measure(M, "x"),),
        assignments=(assign(M, unit_id="u1", assigned_at=first),),
        reports=tuple(rows),
    )
    moment = first + timedelta(weeks=160)
    moved = movement(snap, M, moment)
    assert moved == forward_movement(snap, M, moment)
    assert (moved.changed_at, moved.stale) == (first, True)


def test_a_task_never_answered_counts_from_its_assignment() -> None:
    """No report at all: standing has no answer and the days run from 交办."""
    snap = _world([], reassigned=False)
    moment = START + timedelta(days=20)
    assert movement(snap, M, moment) == forward_movement(snap, M, moment)
    assert movement(snap, M, moment).days == 20
    assert standing(snap, M, until=moment).answers == ()


def _written(rows: list[dict[str, object]]) -> TeamSnapshot:
    """The task's world with ``rows`` written by hand (what a row leaves out: none, nothing)."""
    empty = dict.fromkeys(("status", "progress", "next_steps", "problems", "cycle"))
    return _world([{**empty, "values": (), "files": (), **row} for row in rows], reassigned=False)


def test_words_like_ones_said_weeks_ago_are_a_repeat() -> None:
    """Near the words of three weeks ago, not last week's: repeated, and no real change."""
    rows = [
        {"author": "p1", "hours": 24 * 7 * week, "progress_text": text}
        for week, text in enumerate(
            ("本周召开推进会，协调用地问题", "签约两家企业", "本周召开推进会，协调用地问题等")
        )
    ]
    snap = _written(rows)
    moment = START + timedelta(weeks=3)
    moved = movement(snap, M, moment)
    assert moved == forward_movement(replace(snap), M, moment)
    assert (moved.flag, moved.changed_at) == (Flag.REPEATED, START + timedelta(weeks=1))


def test_a_photo_with_a_short_caption_is_evidence_not_vague_words() -> None:
    """A photo with a short caption is a real change, unflagged; the same photo again is not."""
    rows = [
        {"author": "p1", "hours": 0, "progress_text": "完成3个村的摸底"},
        {"author": "p1", "hours": 24 * 7, "progress_text": "施工现场", "files": ("photo:a",)},
        {"author": "p1", "hours": 24 * 14, "progress_text": "施工现场", "files": ("photo:a",)},
    ]
    snap = _written(rows)
    first_photo = START + timedelta(weeks=1)
    moved = movement(snap, M, first_photo)
    assert (moved.flag, moved.changed_at) == (None, first_photo)
    again = movement(replace(snap), M, START + timedelta(weeks=2))
    assert (again.flag, again.changed_at) == (Flag.REPEATED, first_photo)
    for moment in (first_photo, START + timedelta(weeks=2)):
        assert movement(replace(snap), M, moment) == forward_movement(replace(snap), M, moment)


def test_the_same_photo_sent_again_under_a_new_file_id_is_no_evidence() -> None:
    """Telegram's new file id for a photo sent again does not make it new: its unique id is
    the same, so the repeat is no real change and its caption is judged."""
    rows = [
        {"author": "p1", "hours": 0, "progress_text": "完成3个村的摸底"},
        {"author": "p1", "hours": 24 * 7, "progress_text": "施工现场", "files": ("photo:f1:U",)},
        {"author": "p1", "hours": 24 * 14, "progress_text": "施工现场", "files": ("photo:f2:U",)},
        {"author": "p1", "hours": 24 * 21, "progress_text": "施工现场", "files": ("photo:f3:V",)},
    ]
    snap = _written(rows)
    first_photo = START + timedelta(weeks=1)
    again = movement(snap, M, START + timedelta(weeks=2))
    assert (again.flag, again.changed_at) == (Flag.REPEATED, first_photo)
    other = START + timedelta(weeks=3)
    assert (movement(replace(snap), M, other).changed_at) == other  # another photo is new


def test_files_stored_without_a_unique_id_are_known_by_their_file_id() -> None:
    """Older reports' ``photo:<file id>``: the same id again is no evidence, another id is."""
    rows = [
        {"author": "p1", "hours": 0, "progress_text": "施工现场", "files": ("photo:a",)},
        {"author": "p1", "hours": 24 * 7, "progress_text": "施工现场", "files": ("a",)},
        {"author": "p1", "hours": 24 * 14, "progress_text": "施工现场", "files": ("photo:b",)},
    ]
    snap = _written(rows)
    assert movement(snap, M, START + timedelta(weeks=1)).changed_at == START
    later = START + timedelta(weeks=2)
    assert movement(replace(snap), M, later).changed_at == later
