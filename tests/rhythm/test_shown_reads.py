"""The digest, the review and the ledger read the prompts of the cycles they show, not years of
them, and show exactly what they show over the team's whole snapshot."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.domain.clock import ManualClock
from bot.domain.people import Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.settings import TeamSettings
from bot.domain.work import (
    AssigneeRole,
    Assignment,
    Cycle,
    CycleKind,
    Prompt,
    PromptState,
    Report,
    ReportStatus,
)
from bot.render.rhythm.ledger import build_ledger, ledger_file
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import digest_for
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.review import monthly_review
from bot.rhythm.schedule import cycle_for, window_of
from bot.rhythm.scoped import digest_snapshot, ledger_snapshot, review_snapshot
from bot.rhythm.snapshot import load_snapshot
from bot.services import Services
from storage.memory import MemoryStore

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
    settings, calendar = TeamSettings("t1"), WorkCalendar()
    created = NOW - timedelta(weeks=weeks + 2)
    current = cycle_for(settings, calendar, NOW)
    with store.atomic():
        store.teams.save(Team("t1", "县委督查室", created))
        store.settings.save(settings)
        store.units.save(Unit("u1", "t1", "县发改委"))
        store.plans.save(Plan("plan", "t1", "2024年重点工作", created, year=2024))
        for m in range(MEASURES):
            store.measures.save(Measure(f"M{m}", "plan", f"任务{m}", "推进。", position=m))
        for n in range(PEOPLE):
            store.people.save(
                Person(f"p{n}", "t1", f"官员{n}", Role.OFFICIAL, "u1", 100 + n, joined_at=created)
            )
            role = AssigneeRole.LEAD if n < MEASURES else AssigneeRole.CO
            store.assignments.save(
                Assignment(f"a{n}", "t1", f"M{n % MEASURES}", role, created, person_id=f"p{n}")
            )
    windows, seen = [], set()
    for back in range(weeks, -1, -1):
        start = current.period_start - timedelta(weeks=back)
        window = window_of(settings, calendar, start, TZ) if back else current
        if window.cycle_id not in seen:
            seen.add(window.cycle_id)
            windows.append(window)
    for week, window in enumerate(windows, start=1):
        with store.atomic():
            _week(store, window, week, answered, done=window is not current)


def _week(
    store: MemoryStore, window: Any, week: int, answered: Callable[[int, int], bool], done: bool
) -> None:
    store.cycles.save(
        Cycle(
            window.cycle_id,
            "t1",
            CycleKind.WEEKLY,
            window.period_start,
            window.prompt_at,
            window.cutoff_at,
            closed_at=window.cutoff_at if done else None,
            digest_sent_at=window.digest_at if done else None,
        )
    )
    for n in range(PEOPLE):
        store.prompts.save(
            Prompt(
                prompt_id(window.cycle_id, f"p{n}"),
                window.cycle_id,
                f"p{n}",
                PromptState.SENT,
                window.prompt_at,
                (f"M{n % MEASURES}",),
            )
        )
    for m in range(MEASURES):
        if done and answered(m, week):
            status = (ReportStatus.ON_TRACK, ReportStatus.BEHIND)[week % 2]
            at = window.prompt_at + timedelta(minutes=5 + m)
            store.reports.save(
                Report(
                    f"r{week}.{m}",
                    "t1",
                    f"M{m}",
                    f"p{m}",
                    status,
                    at,
                    window.cycle_id,
                    progress=week % 100,
                    progress_text=f"第{week}周完成前期工作。",
                )
            )


class _Counted:
    """A repository whose reads count the records they return."""

    def __init__(self, repo: Any, name: str, counts: Counter[str]) -> None:
        self._repo, self._name, self._counts = repo, name, counts

    def __getattr__(self, attr: str) -> Any:
        found = getattr(self._repo, attr)
        if attr in ("save", "append", "delete") or not callable(found):
            return found

        def read(*args: Any, **kwargs: Any) -> Any:
            result = found(*args, **kwargs)
            many = isinstance(result, (list, tuple))
            self._counts[self._name] += len(result) if many else int(result is not None)
            return result

        return read


def _counting(store: MemoryStore) -> Counter[str]:
    """Count every history record read from ``store`` from now on."""
    counts: Counter[str] = Counter()
    for name in HISTORY:
        setattr(store, name, _Counted(getattr(store, name), name, counts))
    return counts


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
    for snapshot in (ledger_snapshot(store, "t1", NOW), review_snapshot(store, "t1", NOW, True)):
        book, streams = build_ledger(snapshot, NOW)
        book_whole, streams_whole = build_ledger(whole, NOW)
        assert [s.parts for s in streams.values()] == [s.parts for s in streams_whole.values()]
        cells = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
        assert cells == [[c.value for c in row] for row in book_whole.worksheets[0].iter_rows()]
