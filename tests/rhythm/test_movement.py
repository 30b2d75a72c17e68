"""When a task last really changed (停滞天数), and its latest words' flag (bot.rhythm.movement)."""

from __future__ import annotations

from bot.domain.people import Role
from bot.domain.work import ReportStatus as S
from bot.rhythm.movement import flag_of, movement
from bot.rhythm.substance import Flag
from bot.rhythm.tasks import task_lines
from tests.factories.snapshots import assign, local, measure, person, report, snapshot, unit

M = "m1"


def _world(*reports: object) -> object:
    return snapshot(
        units=(unit("u1", "县发改委"),),
        people=(
            person("p1", "张三", unit_id="u1"),
            person("p2", "李四", unit_id="u1"),
            person("lead", "王督办", Role.LEAD),
        ),
        measures=(measure(M, "建成智慧园区"),),
        assignments=(assign(M, unit_id="u1", assigned_at=local(2024, 10, 1, 9)),),
        reports=tuple(reports),
    )


def test_without_any_report_the_count_starts_at_the_assignment() -> None:
    """交办 on 10-01, nothing since: 20 days on 10-21."""
    moved = movement(_world(), M, local(2024, 10, 21, 9))
    assert (moved.changed_at, moved.days, moved.stale) == (local(2024, 10, 1, 9), 20, True)


def test_an_unassigned_task_has_no_count() -> None:
    """No assignment and no report: nothing to count from."""
    snap = snapshot(measures=(measure(M, "x"),))
    assert movement(snap, M, local(2024, 10, 21)).days is None


def test_repeated_taps_vague_words_and_repeats_do_not_move_a_task() -> None:
    """The same status again, 正在推进 and last week's words again are answers, not changes."""
    first = report(M, "p1", local(2024, 10, 3, 9), S.ON_TRACK, progress_text="完成3个村的摸底")
    snap = _world(
        first,
        report(M, "p1", local(2024, 10, 10, 9), S.ON_TRACK),
        report(M, "p2", local(2024, 10, 11, 9), None, progress_text="正在推进"),
        report(M, "p1", local(2024, 10, 17, 9), None, progress_text="完成3个村的摸底。"),
    )
    moved = movement(snap, M, local(2024, 10, 18, 9))
    assert (moved.changed_at, moved.days) == (first.created_at, 15)
    assert moved.stale
    assert moved.flag is Flag.REPEATED  # the unit's latest words repeat its earlier ones


def test_a_new_status_number_or_concrete_words_move_a_task() -> None:
    """Each of a new status, a new progress and concrete new words is a real change."""
    for change in (
        {"status": S.BEHIND},
        {"status": S.ON_TRACK, "progress": 40},
        {"status": None, "progress_text": "完成5个村的摸底"},
    ):
        late = report(M, "p1", local(2024, 10, 17, 9), **change)  # type: ignore[arg-type]
        snap = _world(report(M, "p1", local(2024, 10, 3, 9), S.ON_TRACK), late)
        moved = movement(snap, M, local(2024, 10, 18, 9))
        assert (moved.changed_at, moved.days, moved.flag) == (late.created_at, 1, None)


def test_a_vague_update_with_a_new_number_is_not_flagged() -> None:
    """正在推进 with a progress of 60% says something: the number."""
    snap = _world(report(M, "p1", local(2024, 10, 3, 9), progress=60, progress_text="正在推进"))
    assert movement(snap, M, local(2024, 10, 4)).flag is None


def test_flag_of_judges_a_report_against_its_own_party_only() -> None:
    """A repeat of another unit's words is not a repeat; of one's own unit's it is."""
    snap = snapshot(
        units=(unit("u1", "县发改委"), unit("u2", "县财政局")),
        people=(
            person("p1", "张三", unit_id="u1"),
            person("p2", "李四", unit_id="u1"),
            person("p3", "王五", unit_id="u2"),
        ),
        measures=(measure(M, "x"),),
        assignments=(assign(M, unit_id="u1"), assign(M, unit_id="u2")),
        reports=(
            report(M, "p3", local(2024, 10, 3), progress_text="完成3个村的摸底"),
            report(M, "p1", local(2024, 10, 4), progress_text="完成3个村的摸底"),
            report(M, "p2", local(2024, 10, 5), progress_text="完成3个村的摸底"),
        ),
    )
    own_first, colleague = snap.reports[1], snap.reports[2]
    assert flag_of(snap, own_first) is None
    assert flag_of(snap, colleague) is Flag.REPEATED


def test_the_task_line_carries_the_movement() -> None:
    """Every view reads the days from the task line."""
    (line,) = task_lines(_world(), local(2024, 10, 21, 9))
    assert (line.still_days, line.stale) == (20, True)
