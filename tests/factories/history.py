"""A team with weeks of history in a store, and a count of what reads decode: for the tests
that a view reads the same at five years as at two, and shows the same as the whole team's.

- :func:`weekly_windows`: the weekly windows before ``now``'s and its own, oldest first.
- :func:`county`: team ``t1`` with tasks ``M0…``, officials ``p0…`` (``p<n>`` leads
  ``M<n>``; the rest support ``M<n mod tasks>``), a weekly cycle, a prompt to everyone each week
  and the answers a rule picks.
- :func:`counting`: wrap a store's history repositories so that every record a read returns is
  counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from bot.domain.people import Leave, Person, Role, Team, Unit
from bot.domain.plan import Measure, Plan
from bot.domain.ports import Store
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
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.dispatch import prompt_id
from bot.rhythm.schedule import CycleWindow, cycle_for, window_of

#: Which task answers in which week (both counted from 0 and 1): ``answered(task, week)``.
Answered = Callable[[int, int], bool]


def weekly_windows(now: datetime, weeks: int) -> tuple[list[CycleWindow], CycleWindow]:
    """The windows of the ``weeks`` weeks before ``now``'s and of its own, oldest first, each
    once (a week merged into the next one after a long holiday is listed once), and ``now``'s."""
    settings, calendar = TeamSettings("t1"), WorkCalendar()
    current = cycle_for(settings, calendar, now)
    assert now.tzinfo is not None
    windows: list[CycleWindow] = []
    for back in range(weeks, -1, -1):
        start = current.period_start - timedelta(weeks=back)
        window = window_of(settings, calendar, start, now.tzinfo) if back else current
        if window.cycle_id not in {w.cycle_id for w in windows}:
            windows.append(window)
    return windows, current


def county(
    store: Store,
    now: datetime,
    weeks: int,
    *,
    tasks: int,
    people: int,
    answered: Answered,
    answers_this_week: bool = False,
    words: Callable[[int], str] | None = None,
    digests_sent: bool = False,
    leaves: Iterable[Leave] = (),
) -> str:
    """Team ``t1`` with ``weeks`` of weekly cycles before ``now``'s (see the module): each week
    a prompt to everyone and a report on task ``m`` by ``p<m>`` when ``answered(m, week)``
    (in the open cycle only with ``answers_this_week``), 正常推进 and 滞后 in turn, with
    ``words(week)`` as progress text. The open cycle's id."""
    created = now - timedelta(weeks=weeks + 2)
    windows, current = weekly_windows(now, weeks)
    with store.atomic():
        store.teams.save(Team("t1", "县委督查室", created))
        store.settings.save(TeamSettings("t1"))
        store.units.save(Unit("u1", "t1", "县发改委"))
        store.plans.save(Plan("plan", "t1", "2024年重点工作", created, year=2024))
        for m in range(tasks):
            store.measures.save(Measure(f"M{m}", "plan", f"任务{m}", "推进。", position=m))
        for n in range(people):
            store.people.save(Person(f"p{n}", "t1", f"官员{n}", Role.OFFICIAL, "u1",
                                     telegram_id=100 + n, joined_at=created))  # fmt: skip
            role = AssigneeRole.LEAD if n < tasks else AssigneeRole.CO
            store.assignments.save(Assignment(f"a{n}", "t1", f"M{n % tasks}", role, created,
                                              person_id=f"p{n}"))  # fmt: skip
        for leave in leaves:
            store.leaves.save(leave)
    for week, window in enumerate(windows, start=1):
        done = window is not current
        with store.atomic():
            store.cycles.save(Cycle(window.cycle_id, "t1", CycleKind.WEEKLY, window.period_start,
                                    window.prompt_at, window.cutoff_at,
                                    closed_at=window.cutoff_at if done else None,
                                    digest_sent_at=window.digest_at if done and digests_sent
                                    else None))  # fmt: skip
            for n in range(people):
                store.prompts.save(Prompt(prompt_id(window.cycle_id, f"p{n}"), window.cycle_id,
                                          f"p{n}", PromptState.SENT, window.prompt_at,
                                          (f"M{n % tasks}",)))  # fmt: skip
            for m in range(tasks):
                if (done or answers_this_week) and answered(m, week):
                    status = (ReportStatus.ON_TRACK, ReportStatus.BEHIND)[week % 2]
                    at = window.prompt_at + timedelta(minutes=5 + m)
                    text = words(week) if words else None
                    store.reports.save(Report(f"r{week}.{m}", "t1", f"M{m}", f"p{m}", status, at,
                                              window.cycle_id, progress=week % 100,
                                              progress_text=text))  # fmt: skip
    return current.cycle_id


class _Counted:
    """A repository whose reads count the records they return (writes pass through)."""

    def __init__(self, repo: Any, key: Callable[[object], str | None], tally: Counter[str]):
        self._repo, self._key, self._tally = repo, key, tally

    def __getattr__(self, attr: str) -> Any:
        found = getattr(self._repo, attr)
        if attr in ("save", "append", "add", "delete") or not callable(found):
            return found

        def read(*args: Any, **kwargs: Any) -> Any:
            result = found(*args, **kwargs)
            for item in result if isinstance(result, (list, tuple)) else [result]:
                key = self._key(item) if item is not None else None
                if key is not None:
                    self._tally[key] += 1
            return result

        return read


def counting(
    store: Store, names: Iterable[str], key: Callable[[str, object], str | None] | None = None
) -> Counter[str]:
    """From now on, count every record the reads of ``store``'s repositories ``names`` return:
    under the repository's name, or under ``key(name, record)`` (None: not counted)."""
    tally: Counter[str] = Counter()
    for name in names:
        setattr(store, name, _Counted(getattr(store, name), _keyed(name, key), tally))
    return tally


def _keyed(
    name: str, key: Callable[[str, object], str | None] | None
) -> Callable[[object], str | None]:
    """The key a record read from repository ``name`` is counted under."""
    if key is None:
        return lambda _: name
    return lambda item: key(name, item)
