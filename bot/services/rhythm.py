"""The weekly rhythm's bookkeeping (周调度): what is due, opening and closing cycles, notices.

The store is the truth: a cycle row means its prompts were planned (PENDING rows written for
everyone at once), ``closed_at`` means the cutoff was handled, ``digest_sent_at`` the digest;
a monthly cycle with ``digest_sent_at`` means the review went out. The job layer asks
:meth:`RhythmService.due` what to do, does it and records it here, so running anything twice
does nothing new. Times come from the pure :mod:`bot.rhythm.schedule` and the work calendar.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo

from bot.domain.audit import Action
from bot.domain.people import Person, Role
from bot.domain.work import Cycle, CycleKind, Prompt, PromptState
from bot.rhythm.calendar import CalendarNotice, WorkCalendar
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.events import Event, EventKind, Grace, due_events
from bot.rhythm.followup import non_responders
from bot.rhythm.schedule import (
    CycleWindow,
    cycle_for,
    cycle_window,
    next_cycle,
    next_review,
)
from bot.rhythm.snapshot import done_from_store, load_snapshot
from bot.services.actor import SYSTEM, Actor
from bot.services.base import Deps
from bot.services.permissions import Perm, check

#: How far ahead the leads are told that a coming year's holidays are guessed.
NOTICE_HORIZON = timedelta(days=45)


@dataclass(frozen=True, slots=True)
class OpenedCycle:
    """A cycle as opened (or found already open): its row and every prompt row."""

    cycle: Cycle
    prompts: tuple[Prompt, ...]
    created: bool

    @property
    def pending(self) -> tuple[Prompt, ...]:
        """Prompts still to send."""
        return tuple(p for p in self.prompts if p.state is PromptState.PENDING)


@dataclass(frozen=True, slots=True)
class CutoffResult:
    """A cycle closed at its cutoff, with who did not answer (for the leads)."""

    cycle: Cycle
    non_responders: tuple[Person, ...]


@dataclass(frozen=True, slots=True)
class DispatchSummary:
    """How a dispatch (or its resumption) went, for the lead."""

    cycle_id: str
    period_start: date
    cutoff_at: datetime
    created: bool
    sent: int = 0
    unreachable: tuple[str, ...] = ()  # names of people a 403 stopped
    failed: int = 0


class RhythmService:
    """Due events, cycles and one-time notices of every team."""

    def __init__(self, deps: Deps, calendar: WorkCalendar | None = None) -> None:
        self._deps = deps
        self.calendar = calendar or WorkCalendar()
        self.grace = Grace()
        self._locks: dict[str, asyncio.Lock] = {}

    def use_calendar(self, calendar: WorkCalendar) -> None:
        """Use the deployment's calendar (with its holiday file), set at start-up."""
        self.calendar = calendar

    def lock(self, team_id: str) -> asyncio.Lock:
        """One lock per team: a dispatch, a catch-up and a lead's "now" never run at once."""
        return self._locks.setdefault(team_id, asyncio.Lock())

    def team_ids(self) -> list[str]:
        """Every team's id."""
        return [team.id for team in self._deps.store.teams.all()]

    # -- what is due ---------------------------------------------------------------------------

    def due(self, team_id: str, now: datetime | None = None) -> list[Event]:
        """Events due (or missed) now and not yet done, in order; nothing before the team."""
        now = now or self._deps.now()
        team = self._deps.team(team_id)
        settings = self._deps.settings(team_id)
        done = done_from_store(self._deps.store, team_id)
        return due_events(settings, self.calendar, done, now, self.grace, team.created_at)

    def window_to_open(self, actor: Actor, team_id: str) -> CycleWindow:
        """The cycle a lead's ``/dispatch`` is about: the cycle open for answers now, if any
        (its prompts are sent again to whoever has not got one); else this week's, if still
        before its cutoff and not yet opened; else the next one (opened early)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        now = self._deps.now()
        settings = self._deps.settings(team_id)
        running = self.open_now(team_id, now)
        if running is not None:
            window = cycle_window(settings, self.calendar, running.period_start, _zone(now))
            return replace(window, cutoff_at=running.cutoff_at)
        current = cycle_for(settings, self.calendar, now)
        if now < current.cutoff_at and self._deps.store.cycles.get(current.cycle_id) is None:
            return current
        return next_cycle(settings, self.calendar, now)

    def open_now(self, team_id: str, now: datetime | None = None) -> Cycle | None:
        """The weekly cycle open for answers now (opened, before its cutoff, not closed)."""
        now = now or self._deps.now()
        running = [
            c for c in self._deps.store.cycles.for_team(team_id)
            if c.kind is CycleKind.WEEKLY and c.closed_at is None
            and c.opened_at <= now < c.cutoff_at
        ]
        return max(running, key=lambda c: c.opened_at) if running else None

    def resumable(self, team_id: str, now: datetime | None = None) -> list[Cycle]:
        """Opened cycles with prompts still PENDING and answers still due (a resumed dispatch)."""
        now = now or self._deps.now()
        return [
            cycle
            for cycle in self._deps.store.cycles.for_team(team_id)
            if cycle.kind is CycleKind.WEEKLY
            and cycle.closed_at is None
            and now < cycle.cutoff_at
            and any(
                p.state is PromptState.PENDING
                for p in self._deps.store.prompts.for_cycle(cycle.id)
            )
        ]

    # -- opening and closing -------------------------------------------------------------------

    def open_cycle(self, window: CycleWindow) -> OpenedCycle:
        """Write the cycle and every prompt row (PENDING, UNREACHABLE or SKIPPED) at once.

        Idempotent: an existing cycle is returned with its rows, so a resumed dispatch sends
        only what is still PENDING and nobody is asked twice; while it is open for answers,
        people who became responsible since it opened get a PENDING row, and people who were
        unreachable and have come back get theirs back to PENDING (:meth:`top_up`).
        """
        store = self._deps.store
        existing = store.cycles.get(window.cycle_id)
        if existing is not None:
            self.top_up(existing, window)
            return OpenedCycle(existing, tuple(store.prompts.for_cycle(existing.id)), False)
        now = self._deps.now()
        snapshot = load_snapshot(store, window.team_id)
        plan = plan_dispatch(snapshot, window)
        cycle = Cycle(
            id=window.cycle_id,
            team_id=window.team_id,
            kind=CycleKind.WEEKLY,
            period_start=window.period_start,
            opened_at=now,
            cutoff_at=window.cutoff_at,
        )
        prompts = tuple(plan.prompts(now))
        with store.atomic():
            store.cycles.save(cycle)
            for prompt in prompts:
                store.prompts.save(prompt)
            self._deps.audit(
                SYSTEM,
                Action.CYCLE_OPENED,
                cycle.id,
                cycle.team_id,
                prompts=len(prompts),
                skipped=len(plan.skipped),
            )
        return OpenedCycle(cycle, prompts, True)

    def top_up(self, cycle: Cycle, window: CycleWindow) -> tuple[Prompt, ...]:
        """Prompt rows for whoever has not got this open cycle's prompt: newly responsible
        people (new rows) and those unreachable before who are reachable now. Nobody who was
        sent the prompt (or skipped, on leave) gets another. Returns the rows made PENDING."""
        now = self._deps.now()
        if cycle.closed_at is not None or now >= cycle.cutoff_at:
            return ()
        store = self._deps.store
        snapshot = load_snapshot(store, cycle.team_id)
        plan = plan_dispatch(snapshot, replace(window, cycle_id=cycle.id, prompt_at=now))
        have = {p.id: p for p in store.prompts.for_cycle(cycle.id)}
        fresh: list[Prompt] = []
        for row in plan.prompts(now):
            old = have.get(row.id)
            if old is None and row.state is not PromptState.SKIPPED:
                fresh.append(row)
            elif (
                old is not None and old.state is PromptState.UNREACHABLE
                and row.state is PromptState.PENDING
            ):
                fresh.append(replace(old, state=PromptState.PENDING, measure_ids=row.measure_ids))
        if fresh:
            with store.atomic():
                for prompt in fresh:
                    store.prompts.save(prompt)
        return tuple(p for p in fresh if p.state is PromptState.PENDING)

    def close_cycle(self, cycle_id: str, now: datetime | None = None) -> CutoffResult | None:
        """Close a cycle at its cutoff (once); who was prompted and answered nothing."""
        now = now or self._deps.now()
        cycle = self._deps.store.cycles.get(cycle_id)
        if cycle is None or cycle.closed_at is not None:
            return None
        snapshot = load_snapshot(self._deps.store, cycle.team_id)
        silent = non_responders(snapshot, cycle, max(now, cycle.cutoff_at))
        closed = replace(cycle, closed_at=now)
        with self._deps.store.atomic():
            self._deps.store.cycles.save(closed)
            self._deps.audit(
                SYSTEM, Action.CYCLE_CLOSED, cycle.id, cycle.team_id, non_responders=len(silent)
            )
        people = tuple(p for p in (snapshot.person_by_id.get(i) for i in silent) if p)
        return CutoffResult(closed, people)

    def record_missed(self, event: Event) -> None:
        """Record an event missed while the bot was down as done, without doing it."""
        store, now = self._deps.store, self._deps.now()
        if event.kind is EventKind.PROMPT and event.window is not None:
            window = event.window
            if store.cycles.get(window.cycle_id) is None:
                cycle = Cycle(
                    id=window.cycle_id,
                    team_id=window.team_id,
                    kind=CycleKind.WEEKLY,
                    period_start=window.period_start,
                    opened_at=now,
                    cutoff_at=window.cutoff_at,
                    closed_at=now,
                    digest_sent_at=now,
                )
                with store.atomic():
                    store.cycles.save(cycle)
                    self._deps.audit(
                        SYSTEM, Action.CYCLE_OPENED, cycle.id, cycle.team_id, missed=True
                    )
        elif event.kind is EventKind.DIGEST:
            found = store.cycles.get(event.cycle_id)
            if found is not None and found.digest_sent_at is None:
                store.cycles.save(replace(found, digest_sent_at=now))
        elif event.kind is EventKind.REVIEW and event.review is not None:
            self.record_review(event.review.cycle_id, event.review.month_start, now, missed=True)

    def record_review(
        self, cycle_id: str, month_start: date, now: datetime, *, missed: bool = False
    ) -> None:
        """Mark a month's review as sent (a monthly cycle with ``digest_sent_at``)."""
        store = self._deps.store
        if store.cycles.get(cycle_id) is not None:
            return
        team_id = cycle_id.rsplit(".m", 1)[0]
        cycle = Cycle(
            id=cycle_id,
            team_id=team_id,
            kind=CycleKind.MONTHLY,
            period_start=month_start,
            opened_at=now,
            cutoff_at=now,
            closed_at=now,
            digest_sent_at=now,
        )
        with store.atomic():
            store.cycles.save(cycle)
            self._deps.audit(SYSTEM, Action.REVIEW_SENT, cycle_id, team_id, missed=missed)

    # -- schedule and notices ------------------------------------------------------------------

    def next_times(self, team_id: str, now: datetime | None = None) -> dict[EventKind, datetime]:
        """When each kind of event next happens after ``now`` (for the job queue)."""
        now = now or self._deps.now()
        settings = self._deps.settings(team_id)
        current = cycle_for(settings, self.calendar, now)
        coming = next_cycle(settings, self.calendar, now)
        times: dict[EventKind, datetime] = {EventKind.PROMPT: coming.prompt_at}
        rounds = [at for at in (*current.reminder_times, *coming.reminder_times) if at > now]
        if rounds:
            times[EventKind.REMINDER] = min(rounds)
        for kind, attr in (
            (EventKind.CUTOFF, "cutoff_at"),
            (EventKind.DIGEST, "digest_at"),
        ):
            mine: datetime = getattr(current, attr)
            times[kind] = mine if mine > now else getattr(coming, attr)
        times[EventKind.REVIEW] = next_review(settings, self.calendar, now).review_at
        return times

    def next_deadline_check(self, team_id: str, now: datetime | None = None) -> datetime:
        """When the team's deadline notices next go out: its ``deadline_check_time`` on the
        next workday (today's, if still to come)."""
        now = now or self._deps.now()
        check = self._deps.settings(team_id).deadline_check_time
        day = self.calendar.next_workday(now.date())
        if datetime.combine(day, check, tzinfo=now.tzinfo) <= now:
            day = self.calendar.next_workday(day + timedelta(days=1))
        return datetime.combine(day, check, tzinfo=now.tzinfo)

    def deadline_check_due(self, team_id: str, now: datetime | None = None) -> bool:
        """Whether deadline notices may go out now: a workday, at or after the check time
        (each notice still goes once per person and task)."""
        now = now or self._deps.now()
        check = self._deps.settings(team_id).deadline_check_time
        moment = datetime.combine(now.date(), check, tzinfo=now.tzinfo)
        return self.calendar.is_workday(now.date()) and now >= moment

    def calendar_notices(self, team_id: str, now: datetime | None = None) -> list[CalendarNotice]:
        """Years whose holidays are guessed and not yet told to this team's leads."""
        now = now or self._deps.now()
        for moment in (now, now + NOTICE_HORIZON):
            self.calendar.check_year(moment.year)
        told = {
            entry.subject
            for entry in self._deps.store.audit.for_team(team_id)
            if entry.action is Action.NOTICE_SENT
        }
        years = sorted(y for y in self.calendar.fallback_years if y <= (now + NOTICE_HORIZON).year)
        return [self.calendar.notice(y) for y in years if _notice_subject(y) not in told]

    def record_notice(self, team_id: str, notice: CalendarNotice, delivered: int) -> None:
        """Remember that the leads were told (so it is told once, across restarts)."""
        self._deps.audit(
            SYSTEM,
            Action.NOTICE_SENT,
            _notice_subject(notice.year),
            team_id,
            kind="calendar_fallback",
            delivered=delivered,
        )

    def leads(self, team_id: str) -> tuple[Person, ...]:
        """The team's joined, active leads (who are told about the rhythm)."""
        return tuple(
            p
            for p in self._deps.store.people.for_team(team_id)
            if p.role is Role.LEAD and p.active and p.joined
        )


def _zone(now: datetime) -> tzinfo:
    assert now.tzinfo is not None  # the clock gives aware times
    return now.tzinfo


def _notice_subject(year: int) -> str:
    return f"calendar:{year}"
