"""The digest, the review and the ledger read the prompts of the cycles they show, not years of
them, and show exactly what they show over the team's whole snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import ManualClock
from bot.domain.work import ReminderKind
from bot.render.rhythm.ledger import build_ledger, ledger_file
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.claims import claim_plans
from bot.rhythm.digest import digest_for, disputes
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.followup import (
    deadline_notices,
    manual_reminder,
    non_responders,
    plan_auto_reminders,
)
from bot.rhythm.lights import lights_for
from bot.rhythm.review import monthly_review
from bot.rhythm.schedule import cycle_for
from bot.rhythm.scoped import (
    cycle_snapshot,
    digest_snapshot,
    latest_opened,
    ledger_snapshot,
    lights_snapshot,
    notices_snapshot,
    reminding_snapshot,
    review_snapshot,
    round_snapshot,
)
from bot.rhythm.snapshot import load_snapshot
from bot.services import Services
from bot.services.rhythm.prompts import _views
from bot.services.rhythm.reminders import _outstanding
from storage.memory import MemoryStore
from tests.factories.history import counting, county
from tests.factories.snapshots import reminder

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 10, 17, 11, 0, tzinfo=TZ)  # a Thursday, after the prompt
MEASURES, PEOPLE = 4, 8
HISTORY = ("prompts", "reports", "reminders", "audit")  # what grows with the years


def _every_week(measure: int, week: int) -> bool:
    """Every task answers every week."""
    return True


def _some_silent(measure: int, week: int) -> bool:
    """Task 0 never answers, task 1 only long ago, the others every other week."""
    return {0: False, 1: week == 3}.get(measure, week % 2 == 0)


def _county(store: MemoryStore, weeks: int, answered: Callable[[int, int], bool]) -> None:
    """A team with ``weeks`` of weekly cycles, a prompt to everyone each week and answers."""
    county(store, NOW, weeks, tasks=MEASURES, people=PEOPLE, answered=answered,
           words=lambda week: f"第{week}周完成前期工作。", digests_sent=True)  # fmt: skip


def _counting(store: MemoryStore) -> Counter[str]:
    """Count every history record read from ``store`` from now on."""
    return counting(store, HISTORY)


def _reads(weeks: int, read: Callable[[Services], object]) -> Counter[str]:
    store = MemoryStore()
    _county(store, weeks, _every_week)
    counts = _counting(store)
    read(Services.build(store, ManualClock(NOW, TZ)))
    return counts


@pytest.mark.parametrize(
    ("read", "cycles"),
    [
        (lambda s: s.digests.digest("t1"), 1),  # the current cycle (answers are all recent)
        (lambda s: s.digests.review("t1", ledger_file), 53),  # the month's, and the ledger's year
    ],
    ids=["digest", "review_and_ledger"],
)
def test_digest_and_review_read_as_much_at_five_years_as_at_two(
    read: Callable[[Services], object], cycles: int
) -> None:
    """At five years of weekly prompts the digest and the review (with its ledger) read no
    more records than at two: the prompts of the cycles they show, the reports since the
    history start (the year before the plan's), no reminders; the whole team's snapshot reads
    every week's prompts."""
    five, two = _reads(5 * 52, read), _reads(2 * 52, read)
    assert five == two
    assert 0 < five["prompts"] <= cycles * PEOPLE
    assert five["reminders"] == five["audit"] == 0
    store = MemoryStore()
    _county(store, 5 * 52, _every_week)
    counts = _counting(store)
    load_snapshot(store, "t1")
    assert counts["prompts"] > 80 * PEOPLE  # every cycle since the history start (88)


@pytest.mark.parametrize("answered", [_every_week, _some_silent], ids=["weekly", "silent"])
def test_views_over_the_shown_cycles_equal_the_views_over_the_whole_team(
    answered: Callable[[int, int], bool],
) -> None:
    """The digest, the monthly review and the ledger over the shown cycles' snapshot equal
    those over the whole team's, with tasks answered weekly, long ago or never."""
    store, calendar = MemoryStore(), WorkCalendar()
    _county(store, 70, answered)
    whole = load_snapshot(store, "t1")
    shown = digest_snapshot(store, "t1", calendar, NOW, None)
    assert digest_for(shown, calendar, NOW) == digest_for(whole, calendar, NOW)
    previous = sorted(whole.weekly_cycles, key=lambda c: c.period_start)[-3].id
    shown = digest_snapshot(store, "t1", calendar, NOW, previous)
    assert digest_for(shown, calendar, NOW, previous) == digest_for(whole, calendar, NOW, previous)
    assert monthly_review(review_snapshot(store, "t1", NOW, False), NOW) == monthly_review(
        whole, NOW
    )
    ledgers = [
        (ledger_snapshot(store, "t1", NOW), None),
        (review_snapshot(store, "t1", NOW, True), None),
        (ledger_snapshot(store, "t1", NOW, 2023), 2023),  # ``/export 2023``: as at its end
    ]
    for snapshot, year in ledgers:
        book, streams = build_ledger(snapshot, NOW, "zh", year)
        book_whole, streams_whole = build_ledger(whole, NOW, "zh", year)
        assert all(stream.rows for stream in streams.values())
        assert [s.parts for s in streams.values()] == [s.parts for s in streams_whole.values()]
        cells = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
        assert cells == [[c.value for c in row] for row in book_whole.worksheets[0].iter_rows()]


@pytest.mark.parametrize("answered", [_every_week, _some_silent], ids=["weekly", "silent"])
def test_the_hourly_watch_over_its_snapshot_equals_the_whole_teams(
    answered: Callable[[int, int], bool],
) -> None:
    """The hourly watch's lights of every task, the claim round's and the deadline round's
    notices over their own snapshots equal those over the whole team's, with tasks answered
    weekly, long ago or never."""
    store = MemoryStore()
    _county(store, 70, answered)
    for n, measure in enumerate(store.measures.all()):  # deadlines a month apart
        store.measures.save(replace(measure, deadline=NOW.date() + timedelta(days=30 * n)))
    first, second = store.assignments.all()[:2]  # unsigned; the first already reminded
    for assignment in (first, second):
        unsigned = replace(assignment, acknowledged_at=None, acknowledged_by=None)
        store.assignments.save(replace(unsigned, assigned_at=NOW - timedelta(hours=30)))
    store.reminders.save(
        reminder(first.person_id or "p1", ReminderKind.CLAIM, NOW, assignment_id=first.id)
    )
    whole = load_snapshot(store, "t1")
    assert lights_for(lights_snapshot(store, "t1", NOW), NOW) == lights_for(whole, NOW)
    notices = notices_snapshot(store, "t1")
    assert claim_plans(notices, NOW) == claim_plans(whole, NOW) != []
    due = [deadline_notices(whole, NOW + timedelta(days=day)) for day in range(0, 150, 10)]
    assert [deadline_notices(notices, NOW + timedelta(days=d)) for d in range(0, 150, 10)] == due
    assert any(due)


def test_the_hourly_watch_reads_as_much_at_five_years_as_at_two() -> None:
    """At five years of weekly prompts the hourly watch (escalations and the claim round) reads
    no more records than at two, and only the prompts of the cycles after the tasks' latest
    reports; the whole team's snapshot it read before was every week's prompts."""

    def watch(services: Services) -> None:
        services.watch.escalations("t1")
        services.watch.claim_round("t1")
        services.reminders.deadline_round("t1")

    five, two = _reads(5 * 52, watch), _reads(2 * 52, watch)
    assert five == two
    assert five["prompts"] <= 2 * PEOPLE


@pytest.mark.parametrize("answered", [_every_week, _some_silent], ids=["weekly", "silent"])
def test_a_cycles_dispatch_reminders_and_cutoff_over_their_snapshots_equal_the_whole_teams(
    answered: Callable[[int, int], bool],
) -> None:
    """Who a dispatch asks about which tasks, the prompts it draws for everyone, the automatic
    reminder round, a lead's 催办 (what is unanswered, the throttle), and who stayed silent and
    who disagreed at the cutoff, over the snapshots they read equal those over the whole
    team's."""
    store = MemoryStore()
    _county(store, 70, answered)
    whole = load_snapshot(store, "t1")
    for at in (NOW, NOW + timedelta(days=7)):
        window = cycle_for(whole.settings, WorkCalendar(), at)
        planned = plan_dispatch(lights_snapshot(store, "t1", window.prompt_at), window)
        assert planned == plan_dispatch(whole, window)
        assert planned.planned
    for cycle in sorted(whole.weekly_cycles, key=lambda c: c.period_start)[-3:]:
        at = max(NOW, cycle.cutoff_at)
        own = cycle_snapshot(store, "t1", cycle.id, at)
        assert non_responders(own, cycle, at) == non_responders(whole, cycle, at)
        assert disputes(own, cycle, at) == disputes(whole, cycle, at)
        rows = whole.prompts_by_cycle[cycle.id]
        assert own.prompts_by_cycle[cycle.id] == rows
        if answered is _every_week:  # nobody silent long: a few cycles' prompts, not 70
            assert len(own.prompts) <= 3 * len(rows) < len(whole.prompts)
        assert lights_for(own, at) == lights_for(whole, at)
        assert _views(own, cycle, rows, lights_for(own, NOW)) == _views(
            whole, cycle, rows, lights_for(whole, NOW)
        )
    current = max(whole.weekly_cycles, key=lambda c: c.period_start)
    reminded = whole.prompts_by_cycle[current.id][0].person_id  # reminded in this round
    store.reminders.save(
        reminder(reminded, ReminderKind.AUTO, current.opened_at, cycle_id=current.id)
    )
    whole = load_snapshot(store, "t1")
    rounds = [
        plan_auto_reminders(snapshot, current, NOW)
        for snapshot in (round_snapshot(store, "t1", current.id, NOW), whole)
    ]
    assert rounds[0] == rounds[1]
    assert rounds[0]
    assert reminded not in {plan.person_id for plan in rounds[0]}
    store.reminders.save(reminder(reminded, ReminderKind.MANUAL, NOW - timedelta(minutes=2)))
    whole = load_snapshot(store, "t1")
    reminding = reminding_snapshot(store, "t1", NOW)
    assert not manual_reminder(reminding, reminded, NOW).allowed  # 催办 two minutes ago
    cycles = (latest_opened(reminding, NOW), latest_opened(whole, NOW))
    assert cycles[0] == cycles[1] == current
    for person in whole.people:
        assert _outstanding(reminding, current, person.id, NOW) == _outstanding(
            whole, current, person.id, NOW
        )
        assert manual_reminder(reminding, person.id, NOW) == manual_reminder(whole, person.id, NOW)
