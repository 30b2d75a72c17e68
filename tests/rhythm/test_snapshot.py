"""Reading a team from the store port, and what the store says the scheduler has done."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import date

from bot.domain.work import Cycle, CycleKind, ReminderKind
from bot.rhythm.done import done_from, done_from_store
from bot.rhythm.events import EventKind, event_key
from bot.rhythm.snapshot import TeamSnapshot, history_start, load_snapshot
from tests.factories.office import cycle_world, opened_cycle
from tests.factories.snapshots import local, reminder, report, store_with


def _ids(snap: TeamSnapshot, name: str) -> set[str]:
    return {item.id for item in getattr(snap, name)}


def test_load_snapshot_reads_every_entity_of_the_team() -> None:
    """load_snapshot returns what was saved, field by field."""
    original = cycle_world(
        reminders=(
            reminder("p1", ReminderKind.AUTO, local(2024, 10, 11, 13), cycle_id=opened_cycle().id),
        )
    )
    loaded = load_snapshot(store_with(original), "t1")
    assert loaded.settings == original.settings
    assert loaded.team == original.team
    for field in fields(TeamSnapshot):
        if field.name not in ("settings", "team"):
            assert _ids(loaded, field.name) == _ids(original, field.name), field.name


def test_load_snapshot_of_unknown_team_is_empty_with_default_settings() -> None:
    """An unknown team has default settings and nothing else."""
    loaded = load_snapshot(store_with(cycle_world()), "t2")
    assert loaded.settings.team_id == "t2"
    assert (loaded.team, loaded.people, loaded.measures) == (None, (), ())


def test_done_from_store() -> None:
    """Opened, closed and digested cycles and auto reminders are recorded as done."""
    cycle = replace(opened_cycle(), closed_at=local(2024, 10, 11, 17))
    auto = reminder("p1", ReminderKind.AUTO, local(2024, 10, 11, 13), cycle_id=cycle.id)
    manual = reminder("p5", ReminderKind.MANUAL, local(2024, 10, 11, 14), cycle_id=cycle.id)
    done = done_from_store(
        store_with(cycle_world(cycles=(cycle,), reminders=(auto, manual))), "t1"
    )
    assert done == {
        event_key(EventKind.PROMPT, cycle.id): cycle.opened_at,
        event_key(EventKind.CUTOFF, cycle.id): local(2024, 10, 11, 17),
        event_key(EventKind.REMINDER, cycle.id): local(2024, 10, 11, 13),
    }


def test_monthly_cycle_records_the_review() -> None:
    """A monthly cycle with digest_sent_at marks the month's review done (and nothing else)."""
    month = Cycle(
        id="t1.m202410",
        team_id="t1",
        kind=CycleKind.MONTHLY,
        period_start=date(2024, 10, 1),
        opened_at=local(2024, 10, 31, 16),
        cutoff_at=local(2024, 10, 31, 16),
        digest_sent_at=local(2024, 10, 31, 16),
    )
    assert done_from([month], []) == {"review:t1.m202410": local(2024, 10, 31, 16)}
    assert done_from([replace(month, digest_sent_at=None)], []) == {}


def test_the_rhythm_reads_history_from_the_year_before_the_newest_plan() -> None:
    """Reports, cycles and reminders older than 1 January of the year before the plan's are
    left in the store and out of every view; a team without a plan reads everything."""
    world = cycle_world()
    old = report("m1", "p1", local(2022, 12, 30, 10), progress=5)
    kept = report("m1", "p1", local(2023, 1, 2, 10), progress=6)
    old_cycle = replace(opened_cycle(), id="t1.w20221226", opened_at=local(2022, 12, 29, 9))
    store = store_with(
        replace(world, reports=(*world.reports, old, kept), cycles=(*world.cycles, old_cycle))
    )
    loaded = load_snapshot(store, "t1")
    assert history_start(loaded.plans) == local(2023, 1, 1)
    assert kept.id in _ids(loaded, "reports")
    assert old.id not in _ids(loaded, "reports")
    assert old_cycle.id not in _ids(loaded, "cycles")
    assert store.reports.get(old.id) == old  # still in the store
    no_plan = load_snapshot(store_with(replace(world, plans=(), reports=(old,))), "t1")
    assert history_start(no_plan.plans) is None
