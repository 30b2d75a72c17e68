"""What the rhythm reports upwards: the weekly digest, the monthly review (月研判) and the ledger.

Aggregation lives in :mod:`bot.rhythm` (pure); this service reads the store once, says who gets
what (the leaders' group, the leads privately) and records that it went out. The ledger workbook
is written by the renderer the caller hands in (a :data:`LedgerWriter`,
:func:`bot.render.rhythm.ledger.ledger_file`), so no text is worded here.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.domain.audit import Action
from bot.domain.delivery import Undelivered
from bot.domain.people import Person, Role
from bot.domain.work import Cycle, CycleKind
from bot.rhythm.annual import issue_numbers, ledger_years, parse_year
from bot.rhythm.digest import Digest, digest_for
from bot.rhythm.review import MonthlyReview, monthly_review
from bot.rhythm.scoped import digest_snapshot, ledger_snapshot, review_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.services.common.actor import SYSTEM, Actor
from bot.services.common.base import Deps, StoreReader
from bot.services.common.errors import ServiceError
from bot.services.common.permissions import Perm, check
from bot.services.rhythm.cycles import RhythmService

#: Writes a team's ledger workbook of a year (:mod:`bot.rhythm.annual`) drawn up at a moment, in
#: a language: its bytes and its file name.
LedgerWriter = Callable[[TeamSnapshot, datetime, str, int], tuple[bytes, str]]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is told: the leaders' group (if set) and the leads privately, in the team language."""

    group_chat_id: int | None
    leads: tuple[Person, ...]
    language: str
    group_thread_id: int | None = None  # the group's forum topic for them (None: General)


@dataclass(frozen=True, slots=True)
class Delivered:
    """Where a digest or review went: whether the leaders' group got it, and why not."""

    group_set: bool  # the team has a leaders' group
    why: Undelivered | None = None  # why it counts as not sent (None: the group, or with
    # none set at least one lead, got it)
    period_start: date | None = None  # the week's or month's first day it covers
    issue: int | None = None  # the digest's issue number (期), if numbered
    already: tuple[str, ...] = ()  # the review's parts the group got before (chart, text, ledger)

    @property
    def group_missed(self) -> bool:
        """The team has a leaders' group and it did not get the message."""
        return self.why is not None


@dataclass(frozen=True, slots=True)
class DigestOut:
    """A weekly digest and its audience."""

    digest: Digest
    audience: Audience
    final: bool  # after the cutoff: sending it counts as the week's digest


@dataclass(frozen=True, slots=True)
class ReviewOut:
    """A monthly review, its audience and the ledger to attach."""

    review: MonthlyReview
    audience: Audience
    ledger: bytes
    ledger_name: str


@dataclass(frozen=True, slots=True)
class ReviewText:
    """A monthly review drawn up at ``at`` and its audience; its ledger comes after
    (:meth:`DigestService.review_ledger_off_loop`)."""

    review: MonthlyReview
    audience: Audience
    at: datetime


@dataclass(frozen=True, slots=True)
class OwedReview:
    """A month whose review's turn is over and nothing went out: its cycle, and the moment the
    review sent on request reads as of."""

    cycle_id: str
    month_start: date
    at: datetime


@dataclass(frozen=True, slots=True)
class Export:
    """The ledger workbook for ``/export``."""

    data: bytes
    filename: str
    tasks: int = 0  # how many tasks the ledger lists (for the caption)


class DigestService:
    """Build the digest, the review and the ledger, and record what went out."""

    def __init__(self, deps: Deps, rhythm: RhythmService) -> None:
        self._deps = deps
        self._rhythm = rhythm

    def digest(self, team_id: str, cycle_id: str | None = None) -> DigestOut:
        """The digest of a cycle (default: the latest whose prompt time has come)."""
        now = self._deps.now()
        snapshot = digest_snapshot(self._deps.store, team_id, self._rhythm.calendar, now, cycle_id)
        digest = digest_for(snapshot, self._rhythm.calendar, now, cycle_id)
        return DigestOut(digest, audience_of(snapshot), now >= digest.cutoff_at)

    def digest_now(self, actor: Actor, team_id: str) -> DigestOut:
        """A lead's ``/digest``: this week's digest, now."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        return self.digest(team_id)

    def latest(self, actor: Actor, team_id: str) -> DigestOut:
        """A leader's (or lead's) ``/digest`` for themselves: the latest digest that went out
        (the current cycle's as of now if none has)."""
        check(actor, Perm.DIGEST_VIEW, team_id)
        sent = [
            c
            for c in self._deps.store.cycles.for_team(team_id)
            if c.kind is CycleKind.WEEKLY and c.digest_sent_at is not None
        ]
        latest = max(sent, key=lambda c: (c.digest_sent_at, c.period_start)) if sent else None
        return self.digest(team_id, latest.id if latest else None)

    def owed(self, team_id: str) -> str | None:
        """The cycle whose digest a lead's ``/digest`` sends instead of this week's: the latest
        digest turn, when it is over and nothing went out (the leaders' group did not get it, or
        the bot was down at its time); None when that digest went out (or none has come)."""
        latest = self._unsent_turn(team_id, CycleKind.WEEKLY)
        return latest.id if latest is not None else None

    def _unsent_turn(self, team_id: str, kind: CycleKind) -> Cycle | None:
        """The team's latest cycle of ``kind`` whose digest (or review) turn is over, if
        nothing went out at it (None when it went out, or no turn has come)."""
        turns = [
            c
            for c in self._deps.store.cycles.for_team(team_id)
            if c.kind is kind and (c.digest_sent_at or c.digest_failed_at)
        ]
        latest = max(turns, key=lambda c: c.period_start) if turns else None
        return latest if latest is not None and latest.digest_sent_at is None else None

    def first_unsent(self, cycle_id: str) -> bool:
        """Whether the cycle's digest (or a month's review) is the first of its kind whose turn
        passed without it going out since the last one that went out: the admins hear of a
        spell of digests that reached nobody once, at its start, not every week."""
        store = self._deps.store
        cycle = store.cycles.get(cycle_id)
        if cycle is None:
            return True
        earlier = [
            c
            for c in store.cycles.for_team(cycle.team_id)
            if c.kind is cycle.kind
            and c.period_start < cycle.period_start
            and (c.digest_sent_at or c.digest_failed_at)
        ]
        latest = max(earlier, key=lambda c: c.period_start) if earlier else None
        return latest is None or latest.digest_sent_at is not None

    def mark_digest_sent(self, cycle_id: str) -> None:
        """Record the cycle's digest as sent (a late reply after this shows in the next one);
        the audit names the issue number it took (:func:`~bot.rhythm.annual.issue_numbers`)."""
        self._mark_sent(cycle_id, Action.DIGEST_SENT)

    def _mark_sent(self, cycle_id: str, action: Action) -> None:
        """Record a cycle's digest (or review) as sent now, audited as ``action`` (a digest with
        its issue number); nothing if it already was."""
        store = self._deps.store
        cycle = store.cycles.get(cycle_id)
        if cycle is None or cycle.digest_sent_at is not None:
            return
        with store.atomic():
            sent = replace(cycle, digest_sent_at=self._deps.now())
            store.cycles.save(sent)
            if cycle.kind is CycleKind.WEEKLY:
                weekly = [
                    c
                    for c in store.cycles.for_team(cycle.team_id)
                    if c.kind is CycleKind.WEEKLY and c.id != cycle.id
                ]
                issue = issue_numbers([*weekly, sent])[cycle.id]
                self._deps.audit(SYSTEM, action, cycle.id, cycle.team_id, issue=issue)
            else:
                self._deps.audit(SYSTEM, action, cycle.id, cycle.team_id)

    def mark_digest_undelivered(self, cycle_id: str, why: Undelivered) -> None:
        """Record that the cycle's digest did not reach the leaders' group: its turn is over
        (the rhythm does not send it again by itself; a lead's /digest does), nothing is
        recorded as sent, and the audit says why."""
        cycle = self._deps.store.cycles.get(cycle_id)
        if cycle is None or cycle.digest_sent_at is not None:
            return
        with self._deps.store.atomic():
            if cycle.digest_failed_at is None:
                self._deps.store.cycles.save(replace(cycle, digest_failed_at=self._deps.now()))
            self._deps.audit(
                SYSTEM, Action.DIGEST_UNDELIVERED, cycle.id, cycle.team_id, why=why.value
            )

    def owed_review(self, team_id: str) -> OwedReview | None:
        """The month whose review a lead's ``/review`` sends instead of this month's so far: the
        latest review turn, when it is over and nothing went out (the leaders' group did not get
        it, or the bot was down at its time); None when that review went out (or none has come).
        The review reads as of now while still in that month, else as of its last moment."""
        latest = self._unsent_turn(team_id, CycleKind.MONTHLY)
        if latest is None:
            return None
        now = self._deps.now()
        return OwedReview(latest.id, latest.period_start, _month_end(latest.period_start, now))

    def mark_review_sent(self, cycle_id: str) -> None:
        """Record an owed month's review as sent now (``review.sent``; nothing if it already
        was)."""
        self._mark_sent(cycle_id, Action.REVIEW_SENT)

    def mark_review_undelivered(self, cycle_id: str, why: Undelivered) -> None:
        """Record that an owed month's review sent again still did not reach the leaders'
        group: it stays not sent, and the audit says why."""
        cycle = self._deps.store.cycles.get(cycle_id)
        if cycle is None or cycle.digest_sent_at is not None:
            return
        self._deps.audit(SYSTEM, Action.REVIEW_UNDELIVERED, cycle.id, cycle.team_id, why=why.value)

    def review(self, team_id: str, ledger: LedgerWriter) -> ReviewOut:
        """The month's review (as of now) and the ledger ``ledger`` writes."""
        now = self._deps.now()
        snapshot = review_snapshot(self._deps.store, team_id, now, ledger=True)
        audience = audience_of(snapshot)
        data, name = ledger(snapshot, now, audience.language, now.year)
        return ReviewOut(monthly_review(snapshot, now), audience, data, name)

    def may_run_now(self, actor: Actor, team_id: str) -> None:
        """Refuse anyone but the team's leads a ``/digest`` sent now (checked
        before the rhythm builds it once, for everyone)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)

    async def review_off_loop(self, team_id: str, at: datetime | None = None) -> ReviewText:
        """The month's review as of now (or ``at``: an owed month's), computed off the loop (a
        worker process in the bot), without its ledger, so it can go out before the workbook is
        built. In the bot the worker reads the store itself (:attr:`Deps.reader`); otherwise the
        store is read first, where heavy reads run, and the snapshot handed over."""
        now = at or self._deps.now()
        reader = self._deps.reader
        if reader is not None:
            review, audience = await self._deps.off_loop(_review_read, reader, team_id, now)
            return ReviewText(review, audience, now)
        store = self._deps.store
        snapshot = await self._deps.offload.run(review_snapshot, store, team_id, now, False)
        review = await self._deps.off_loop(monthly_review, snapshot, now)
        return ReviewText(review, audience_of(snapshot), now)

    async def review_ledger_off_loop(
        self, team_id: str, text: ReviewText, ledger: LedgerWriter
    ) -> Export:
        """The ledger workbook sent with a review: this year's, drawn up at the review's
        moment, in the team's language, written off the loop (as :meth:`export_off_loop`)."""
        at = text.at
        language = text.audience.language
        return await self._ledger_off_loop(team_id, at, language, ledger, at.year)

    def may_review(self, actor: Actor, team_id: str) -> None:
        """Refuse a ``/review`` by anyone but the team's leads (and admins)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)

    def review_now(self, actor: Actor, team_id: str, ledger: LedgerWriter) -> ReviewOut:
        """A lead's ``/review``: the month so far, now."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        return self.review(team_id, ledger)

    def export(
        self, actor: Actor, team_id: str, ledger: LedgerWriter, year: str | None = None
    ) -> Export:
        """A lead's ``/export [year]``: the ledger workbook of the year (default: this year's)
        ``ledger`` writes."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        now = self._deps.now()
        chosen = self._year(team_id, now, year)
        snapshot = ledger_snapshot(self._deps.store, team_id, now, chosen)
        return _export(snapshot, now, actor.language, ledger, chosen)

    async def export_off_loop(
        self, actor: Actor, team_id: str, ledger: LedgerWriter, year: str | None = None
    ) -> Export:
        """:meth:`export` with the workbook written off the loop (a worker process in the bot: a
        year of a county's reports takes openpyxl a while); the store is read first, where heavy
        reads run."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        now = self._deps.now()
        chosen = self._year(team_id, now, year)
        return await self._ledger_off_loop(team_id, now, actor.language, ledger, chosen)

    async def _ledger_off_loop(
        self, team_id: str, now: datetime, language: str, ledger: LedgerWriter, year: int
    ) -> Export:
        """A ledger workbook written off the loop: in the bot the worker reads the year itself
        (:attr:`Deps.reader`), so its prompts never enter this process; otherwise the store is
        read here, where heavy reads run, and the snapshot handed over."""
        reader = self._deps.reader
        if reader is not None:
            work = _export_read
            return await self._deps.off_loop(work, reader, team_id, now, language, ledger, year)
        store = self._deps.store
        snapshot = await self._deps.offload.run(ledger_snapshot, store, team_id, now, year)
        return await self._deps.off_loop(_export, snapshot, now, language, ledger, year)

    def _year(self, team_id: str, now: datetime, text: str | None) -> int:
        """The ledger's year as typed (default: this year); refused outside the team's history."""
        first, last = ledger_years(tuple(self._deps.store.plans.for_team(team_id)), now)
        if text is None:
            return last
        year = parse_year(text)
        if year is None or not first <= year <= last:
            raise ServiceError("err.ledger_year", year=text.strip(), first=first, last=last)
        return year


def audience_of(snapshot: TeamSnapshot) -> Audience:
    """Who is told of a team's digest or review: its reachable leads and its leaders' group."""
    leads = tuple(
        p
        for p in snapshot.people
        if p.role is Role.LEAD and p.active and p.joined and p.unreachable_since is None
    )
    team = snapshot.team
    group = team.group_chat_id if team else None
    thread = team.group_thread_id if team and group is not None else None
    return Audience(group, leads, snapshot.settings.language, thread)


def _month_end(month_start: date, now: datetime) -> datetime:
    """``now`` while still in the month of ``month_start`` (in ``now``'s zone), else that
    month's last moment."""
    if (now.year, now.month) == (month_start.year, month_start.month):
        return now
    year, month = month_start.year + month_start.month // 12, month_start.month % 12 + 1
    return datetime(year, month, 1, tzinfo=now.tzinfo) - timedelta(microseconds=1)


def _review_read(
    reader: StoreReader, team_id: str, now: datetime
) -> tuple[MonthlyReview, Audience]:
    """The month's review and its audience, read through ``reader`` (in the worker)."""
    with closing(reader()) as store:
        snapshot = review_snapshot(store, team_id, now, False)
    return monthly_review(snapshot, now), audience_of(snapshot)


def _export_read(
    reader: StoreReader, team_id: str, now: datetime, lang: str, ledger: LedgerWriter, year: int
) -> Export:
    """The ledger workbook of ``year``, its snapshot read through ``reader`` (in the worker)."""
    with closing(reader()) as store:
        snapshot = ledger_snapshot(store, team_id, now, year)
    return _export(snapshot, now, lang, ledger, year)


def _export(
    snapshot: TeamSnapshot, now: datetime, lang: str, ledger: LedgerWriter, year: int
) -> Export:
    data, name = ledger(snapshot, now, lang, year)
    return Export(data, name, len(snapshot.active_measures))
