"""The weekly rhythm's bookkeeping (周调度): opening, topping up and closing cycles.

The store is the truth: a cycle row means its prompts were planned (PENDING rows written for
everyone at once; ``missed``: its prompt time passed while the bot was down, none were),
``closed_at`` means the cutoff was handled, ``digest_sent_at`` that the digest went out and
``digest_failed_at`` that its turn came and it did not (the leaders' group refused it, or the bot
was down); a monthly cycle's ``digest_sent_at``/``digest_failed_at`` say the same of the review.
The job layer asks :meth:`RhythmService.due` what to do, does it and records it here, so running
anything twice does nothing new. What is due and when is in :mod:`bot.services.rhythm.times`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from bot.domain.audit import Action
from bot.domain.clock import zone_of
from bot.domain.delivery import Undelivered
from bot.domain.people import Person, Role
from bot.domain.work import Cycle, CycleKind, Prompt, PromptState
from bot.rhythm.calendar import WorkCalendar
from bot.rhythm.digest import Disputed, disputes
from bot.rhythm.dispatch import plan_dispatch
from bot.rhythm.events import Event, EventKind
from bot.rhythm.followup import non_responders
from bot.rhythm.schedule import CycleWindow, cycle_for, next_cycle, window_of
from bot.rhythm.scoped import cycle_snapshot, lights_snapshot
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import Deps
from bot.services.common.locks import SharedLock
from bot.services.common.permissions import Perm, check
from bot.services.rhythm.times import RhythmTimes


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
    disputed: tuple[Disputed, ...] = ()  # conflicting answers within a unit, to check


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


#: The audit's ``why`` of a digest or review whose time passed while the bot was down.
MISSED = "missed"


class RhythmService(RhythmTimes):
    """Cycles of every team: opening, topping up, closing, recording what was missed; what is
    due and when comes from :class:`~bot.services.rhythm.times.RhythmTimes`."""

    def __init__(self, deps: Deps, calendar: WorkCalendar | None = None) -> None:
        super().__init__(deps, calendar)
        self._locks: dict[str, SharedLock] = {}

    def lock(self, team_id: str) -> SharedLock:
        """One lock per team, across every process serving the store: a dispatch, a catch-up
        and a lead's "now" never run at once."""
        if team_id not in self._locks:
            self._locks[team_id] = SharedLock(self._deps.store.leases, f"team:{team_id}")
        return self._locks[team_id]

    def team_ids(self) -> list[str]:
        """Every team's id."""
        return [team.id for team in self._deps.store.teams.all()]

    def window_to_open(self, actor: Actor, team_id: str) -> CycleWindow:
        """The cycle a lead's ``/dispatch`` is about: the cycle open for answers now, if any
        (its prompts are sent again to whoever has not got one); else this week's, if still
        before its cutoff and not yet opened; else the next one (opened early)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        now = self._deps.now()
        settings = self._deps.settings(team_id)
        running = self.open_now(team_id, now)
        if running is not None:
            window = window_of(settings, self.calendar, running.period_start, zone_of(now))
            return replace(window, cutoff_at=running.cutoff_at)
        current = cycle_for(settings, self.calendar, now)
        if now < current.cutoff_at and self._deps.store.cycles.get(current.cycle_id) is None:
            return current
        return next_cycle(settings, self.calendar, now)

    def open_now(self, team_id: str, now: datetime | None = None) -> Cycle | None:
        """The weekly cycle open for answers now (opened, before its cutoff, not closed)."""
        now = now or self._deps.now()
        running = [
            c
            for c in self._deps.store.cycles.for_team(team_id)
            if c.kind is CycleKind.WEEKLY
            and c.closed_at is None
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
        snapshot = lights_snapshot(store, window.team_id, window.prompt_at)
        plan = plan_dispatch(snapshot, window)
        cycle = _weekly_cycle(window, now)
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
        snapshot = lights_snapshot(store, cycle.team_id, now)
        plan = plan_dispatch(snapshot, replace(window, cycle_id=cycle.id, prompt_at=now))
        have = {p.id: p for p in store.prompts.for_cycle(cycle.id)}
        fresh: list[Prompt] = []
        for row in plan.prompts(now):
            old = have.get(row.id)
            if old is None and row.state is not PromptState.SKIPPED:
                fresh.append(row)
            elif (
                old is not None
                and old.state is PromptState.UNREACHABLE
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
        at = max(now, cycle.cutoff_at)
        snapshot = cycle_snapshot(self._deps.store, cycle.team_id, cycle.id, at)
        silent = non_responders(snapshot, cycle, at)
        closed = replace(cycle, closed_at=now)
        with self._deps.store.atomic():
            self._deps.store.cycles.save(closed)
            self._deps.audit(
                SYSTEM, Action.CYCLE_CLOSED, cycle.id, cycle.team_id, non_responders=len(silent)
            )
        people = tuple(p for p in (snapshot.person_by_id.get(i) for i in silent) if p)
        return CutoffResult(closed, people, disputes(snapshot, cycle, at))

    def record_missed(self, event: Event) -> None:
        """Record an event missed while the bot was down as handled, without doing it: a missed
        week is closed with no prompts and its digest not sent; a missed digest or review is
        recorded as not sent (``digest_failed_at``, audited with the reason ``missed``), never
        as sent. A lead's /digest sends the digest on request."""
        store, now = self._deps.store, self._deps.now()
        if event.kind is EventKind.PROMPT and event.window is not None:
            window = event.window
            if store.cycles.get(window.cycle_id) is None:
                cycle = _weekly_cycle(window, now, missed=True)
                with store.atomic():
                    store.cycles.save(cycle)
                    self._deps.audit(
                        SYSTEM,
                        Action.CYCLE_OPENED,
                        cycle.id,
                        cycle.team_id,
                        missed=True,
                        due=cycle.opened_at.isoformat(),  # recorded now, due then
                    )
                    self._deps.audit(
                        SYSTEM, Action.DIGEST_UNDELIVERED, cycle.id, cycle.team_id, why=MISSED
                    )
        elif event.kind is EventKind.DIGEST:
            found = store.cycles.get(event.cycle_id)
            handled = found is None or found.digest_sent_at or found.digest_failed_at
            if found is not None and not handled:
                with store.atomic():
                    store.cycles.save(replace(found, digest_failed_at=now))
                    self._deps.audit(
                        SYSTEM, Action.DIGEST_UNDELIVERED, found.id, found.team_id, why=MISSED
                    )
        elif event.kind is EventKind.REVIEW and event.review is not None:
            self.record_review(event.review.cycle_id, event.review.month_start, now, missed=True)

    def record_review(
        self,
        cycle_id: str,
        month_start: date,
        now: datetime,
        *,
        missed: bool = False,
        undelivered: Undelivered | None = None,
    ) -> None:
        """Mark a month's review as sent (a monthly cycle with ``digest_sent_at``), or, when
        the leaders' group did not get it or the bot was down at its time (``missed``), as
        handled and not sent (``digest_failed_at``, audited with why)."""
        store = self._deps.store
        if store.cycles.get(cycle_id) is not None:
            return
        team_id = cycle_id.rsplit(".m", 1)[0]
        why = MISSED if missed else undelivered.value if undelivered is not None else None
        cycle = Cycle(
            id=cycle_id,
            team_id=team_id,
            kind=CycleKind.MONTHLY,
            period_start=month_start,
            opened_at=now,
            cutoff_at=now,
            closed_at=now,
            digest_sent_at=now if why is None else None,
            digest_failed_at=None if why is None else now,
        )
        with store.atomic():
            store.cycles.save(cycle)
            if why is not None:
                self._deps.audit(SYSTEM, Action.REVIEW_UNDELIVERED, cycle_id, team_id, why=why)
            else:
                self._deps.audit(SYSTEM, Action.REVIEW_SENT, cycle_id, team_id)

    def leads(self, team_id: str) -> tuple[Person, ...]:
        """The team's joined, active leads (who are told about the rhythm)."""
        return tuple(
            p
            for p in self._deps.store.people.for_team(team_id)
            if p.role is Role.LEAD and p.active and p.joined
        )


def _weekly_cycle(window: CycleWindow, now: datetime, *, missed: bool = False) -> Cycle:
    """The row of the cycle in ``window``, opened now. A missed one opened at its scheduled
    prompt time (the week it stands for, not the moment the bot came back: every view places it
    in its own week and month), is closed at once and its digest's turn recorded as over and not
    sent (nothing went out; a lead's /digest sends it); the audit's ``cycle.opened`` of it is
    dated when it was recorded, with ``missed``."""
    done = now if missed else None
    return Cycle(
        id=window.cycle_id,
        team_id=window.team_id,
        kind=CycleKind.WEEKLY,
        period_start=window.period_start,
        opened_at=window.prompt_at if missed else now,
        cutoff_at=window.cutoff_at,
        closed_at=done,
        digest_failed_at=done,
        missed=missed,
    )
