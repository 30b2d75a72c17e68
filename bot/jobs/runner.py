"""The rhythm's one entry point: :meth:`RhythmRunner.run_due` does whatever is due, once.

Jobs, the start-up catch-up and tests call the same method. For each team (under the team's lock)
it tells the leads once about guessed holidays, then runs every due event in order — opening a
cycle and sending its prompts, the automatic reminder round, the cutoff (the leads get the
non-responders), the digest, the monthly review — resumes any half-sent dispatch, and sends
deadline notices (on workdays, from the team's ``deadline_check_time``). Missed events (the bot
was down past their grace, however long) are recorded as done and the leads are told once, in
one message. Everything is recorded in the store, so a second call does nothing new.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from typing import Protocol, TypeVar

from bot import metrics
from bot.domain.delivery import Undelivered
from bot.domain.people import Person
from bot.domain.work import Cycle, Prompt
from bot.outbox import Outbox, Outgoing, Render, Sent
from bot.render import Message
from bot.render.prompt import render_prompt
from bot.render.rhythm.files import ledger_file, render_review_chart
from bot.render.rhythm.messages import (
    render_calendar_notice,
    render_cutoff,
    render_digest_messages,
    render_group_missed,
    render_missed,
    render_reminder,
    render_review_messages,
    render_to_admins,
    render_unreachable_people,
)
from bot.render.watch import render_claim, render_escalation
from bot.rhythm.events import Event, EventKind
from bot.rhythm.schedule import CycleWindow
from bot.services import SYSTEM, Services
from bot.services.rhythm.cycles import DispatchSummary
from bot.services.rhythm.digests import Delivered, OwedReview
from bot.services.rhythm.reminders import NoticesSent, ReminderOut

log = logging.getLogger(__name__)


class _ToPerson(Protocol):
    @property
    def person(self) -> Person: ...


_Notice = TypeVar("_Notice", bound=_ToPerson)  # a reminder, a claim notice, an escalation


def digest_key(cycle_id: str) -> str:
    """The key of a cycle's digest sends (``digest:<cycle>:<chat>:<n>`` for each message)."""
    return f"digest:{cycle_id}"


def review_key(cycle_id: str) -> str:
    """The key of a month's review sends (``review:<cycle>:<chat>:chart``, ``...:text:<n>``,
    ``...:ledger``)."""
    return f"review:{cycle_id}"


@dataclass
class _Tally:
    sent: int = 0
    unreachable: list[Person] = field(default_factory=list)  # as marked, with why
    failed: int = 0

    def summary(self, cycle: Cycle, created: bool) -> DispatchSummary:
        return DispatchSummary(
            cycle.id,
            cycle.period_start,
            cycle.cutoff_at,
            created,
            self.sent,
            tuple(p.name for p in self.unreachable),
            self.failed,
        )


class RhythmRunner:
    """Does the due rhythm events of every team, through the services and the outbox."""

    def __init__(self, outbox: Outbox, services: Services, language: str = "zh") -> None:
        self.outbox = outbox
        self.services = services
        self.language = language
        #: The calls that read a team's snapshot (planning, views, follow-up, digest, review)
        #: run here: in worker threads over a database store, so sends and updates go on.
        self._off = services.offload.run

    def owed_keys(self) -> list[str]:
        """The keys of every team's digest and monthly review still owed (their turn passed and
        the leaders' group did not get them all): the outbox keeps their parts' records however
        old, so a lead's ``/digest`` or ``/review`` weeks later sends only what is missing."""
        digests = self.services.digests
        keys: list[str] = []
        for team in self.services.rhythm.team_ids():
            digest = digests.owed(team)
            if digest is not None:
                keys.append(digest_key(digest))
            review = digests.owed_review(team)
            if review is not None:
                keys.append(review_key(review.cycle_id))
        return keys

    async def run_due(self, team_id: str | None = None) -> list[Event]:
        """Do everything due now for one team (or all); returns the events handled."""
        handled: list[Event] = []
        for team in [team_id] if team_id else self.services.rhythm.team_ids():
            async with self.services.rhythm.lock(team):
                handled += await self._run_team(team)
        return handled

    async def _run_team(self, team_id: str) -> list[Event]:
        await self._calendar_notices(team_id)
        events = await self._off(self.services.rhythm.due, team_id)
        await self._record_missed(team_id, [e for e in events if e.missed])
        for event in (e for e in events if not e.missed):
            try:
                await self._run_event(team_id, event)
            except Exception:  # one event's failure must not stop the others
                log.exception("rhythm event %s:%s failed", event.kind, event.cycle_id)
        for cycle in await self._off(self.services.rhythm.resumable, team_id):
            await self._send_prompts(cycle, created=False)
        if self.services.rhythm.deadline_check_due(team_id):
            await self.deadlines(team_id)
        await self.watch(team_id)
        return events

    # -- 签收时限 and escalation (bot.services.rhythm.watch) ----------------------------------

    async def watch(self, team_id: str) -> None:
        """Claim notices (in office hours) and escalations to 包联领导 due now, each once."""
        try:
            if self.services.watch.office_open(team_id):
                await self.claims(team_id)
            await self.escalate(team_id)
        except asyncio.CancelledError:
            raise
        except Exception:  # the rhythm's events must not depend on it
            log.exception("watching team %s failed", team_id)

    async def claims(self, team_id: str) -> int:
        """Claim reminders to holders and 领办逾期 notices to the leads (each recorded)."""
        outs = self.services.watch.claim_round(team_id)
        sent = await self._send_each(
            outs,
            render_claim,
            lambda out, ok: self.services.watch.record_claim(out, team_id, ok),
            key=lambda out: out.key,
        )
        return len(sent.delivered)

    async def escalate(self, team_id: str, only: Collection[str] | None = None) -> int:
        """Tell each red task's 包联领导 once per turn to red (claimed before sending); ``only``:
        check just these tasks (a report changed their light)."""
        outs = self.services.watch.escalations(team_id, measure_ids=only)
        sent = await self._send_each(
            outs, render_escalation, self.services.watch.mark_escalated, key=lambda out: out.key
        )
        return len(sent.delivered)

    async def _record_missed(self, team_id: str, missed: list[Event]) -> None:
        """Record what was missed while the bot was down as done; tell the leads once, in one
        message, however long the outage was (the admins, when not one lead could be told)."""
        recorded = []
        for event in missed:
            try:
                self.services.rhythm.record_missed(event)
                recorded.append(event)
            except Exception:
                log.exception("recording missed %s:%s failed", event.kind, event.cycle_id)
        if not recorded:
            return

        def render(lang: str) -> list[Message]:
            return [render_missed(recorded, lang)]

        if not await self._tell_leads(team_id, render):
            await self._tell_admins(team_id, render, f"admins:{recorded[0].key}")

    async def _run_event(self, team_id: str, event: Event) -> None:
        if event.kind is EventKind.PROMPT and event.window is not None:
            await self.dispatch(event.window)
        elif event.kind is EventKind.REMINDER:
            await self.remind_round(event.cycle_id, event.at)
        elif event.kind is EventKind.CUTOFF:
            await self.cutoff(team_id, event.cycle_id)
        elif event.kind is EventKind.DIGEST:
            delivered = await self.digest(team_id, event.cycle_id)
            await self._tell_group_missed(team_id, "digest", delivered, event.cycle_id)
        elif event.kind is EventKind.REVIEW and event.review is not None:
            delivered = await self.review(team_id, key=review_key(event.review.cycle_id))
            self.services.rhythm.record_review(
                event.review.cycle_id,
                event.review.month_start,
                self.services.clock.now(),
                undelivered=delivered.why,
            )
            await self._tell_group_missed(team_id, "review", delivered, event.review.cycle_id)

    # -- prompts -------------------------------------------------------------------------------

    async def dispatch(self, window: CycleWindow) -> DispatchSummary:
        """Open the cycle (every prompt row at once) and send what is still PENDING."""
        opened = await self._off(self.services.rhythm.open_cycle, window)
        return await self._send_prompts(opened.cycle, created=opened.created)

    async def _send_prompts(self, cycle: Cycle, *, created: bool) -> DispatchSummary:
        result = _Tally()
        pending = self.services.prompts.pending(cycle.id)
        if not pending:
            return result.summary(cycle, created)
        views = await self._off(self.services.prompts.views, cycle.id, [p.id for p in pending])
        items = [
            Outgoing(
                v.person.telegram_id,
                render_prompt(v, self._lang(v.person.language)),
                v.prompt,
                key=f"prompt:{v.prompt.id}",
            )
            for v in views
            if v.person.telegram_id is not None
        ]

        async def done(item: Outgoing[Prompt], delivery: Sent) -> None:
            if delivery.ok and delivery.last is not None:
                self.services.prompts.mark_sent(item.tag, item.chat_id, delivery.last)
                result.sent += 1
            elif delivery.forbidden:
                marked = self.services.prompts.mark_unreachable(item.tag, delivery.person_why)
                result.unreachable.append(marked)
            else:
                result.failed += 1
                metrics.prompt_failed("failed")

        await self.outbox.run(items, done)
        if result.unreachable:
            marked = tuple(result.unreachable)
            await self._tell_leads(
                cycle.team_id, lambda lang: [render_unreachable_people(marked, lang)]
            )
        log.info(
            "cycle %s: %d prompts sent, %d unreachable, %d failed",
            cycle.id,
            result.sent,
            len(result.unreachable),
            result.failed,
        )
        return result.summary(cycle, created)

    # -- reminders -----------------------------------------------------------------------------

    async def remind_round(self, cycle_id: str, round_at: datetime | None = None) -> int:
        """An automatic reminder round (scheduled at ``round_at``) before the cutoff."""
        cycle = self.services.store.cycles.get(cycle_id)
        if cycle is None:
            return 0
        outs = await self._off(self.services.reminders.auto_round, cycle_id, round_at=round_at)
        return len((await self.send_reminders(cycle.team_id, outs)).delivered)

    async def deadlines(self, team_id: str) -> int:
        """Deadline warnings and overdue notices (each once per person and task)."""
        outs = await self._off(self.services.reminders.deadline_round, team_id)
        return len((await self.send_reminders(team_id, outs)).delivered)

    async def send_reminders(self, team_id: str, outs: list[ReminderOut]) -> NoticesSent:
        """Send reminders through the paced queue and record each (delivered or not); returns
        who got one and who did not, with why."""
        return await self._send_each(
            outs,
            render_reminder,
            lambda out, ok: self.services.reminders.record(out, team_id, ok),
        )

    async def _send_each(
        self,
        outs: Sequence[_Notice],
        render: Callable[[_Notice, str], Message],
        record: Callable[[_Notice, bool], object],
        *,
        key: Callable[[_Notice], str] | None = None,
    ) -> NoticesSent:
        """Send each notice to its person through the paced queue, record it (delivered or
        not), and mark whoever blocked the bot unreachable; returns who got it and who not."""
        items = [
            Outgoing(
                o.person.telegram_id,
                render(o, self._lang(o.person.language)),
                o,
                key=key(o) if key is not None else None,
            )
            for o in outs
            if o.person.telegram_id is not None
        ]
        delivered: list[Person] = []
        undelivered: list[tuple[Person, Undelivered]] = []

        async def done(item: Outgoing[_Notice], delivery: Sent) -> None:
            record(item.tag, delivery.ok)
            person = item.tag.person
            if delivery.forbidden:  # marked with why, which the lead's answer names
                person = self.services.people.mark_unreachable(
                    SYSTEM, person.id, delivery.person_why
                )
            if delivery.ok:
                delivered.append(person)
            else:
                undelivered.append((person, delivery.why or Undelivered.NETWORK))

        await self.outbox.run(items, done)
        return NoticesSent(tuple(delivered), tuple(undelivered))

    async def cutoff(self, team_id: str, cycle_id: str) -> None:
        """Close the cycle; the leads get the list of non-responders."""
        closed = await self._off(self.services.rhythm.close_cycle, cycle_id)
        if closed is None:
            return
        names = tuple(p.name for p in closed.non_responders)
        await self._tell_leads(
            team_id, lambda lang: [render_cutoff(closed.cycle, names, lang, closed.disputed)]
        )

    async def digest(
        self, team_id: str, cycle_id: str | None = None, *, record: bool = True
    ) -> Delivered:
        """The weekly digest: the group's version to the leaders' group (in its topic), the
        leads' privately. Recorded as sent only if the group got it (or none is set); else as
        not delivered, with why (the caller tells the leads)."""
        out = await self._off(self.services.digests.digest, team_id, cycle_id)
        audience = out.audience
        lang = audience.language
        # keyed only when recorded: a digest sent again after a crash skips what went out
        key = digest_key(out.digest.cycle_id) if record and out.final else None
        group_why: Undelivered | None = None
        if audience.group_chat_id is not None:
            sent = await self.outbox.post(
                audience.group_chat_id,
                render_digest_messages(out.digest, lang, "group"),
                key=key and f"{key}:{audience.group_chat_id}",
                thread=audience.group_thread_id,
            )
            group_why = sent.why
        # the issue is the group's: a copy of a digest the group did not get carries no number
        digest = out.digest if group_why is None else replace(out.digest, issue=None)
        leads_got = await self.outbox.tell_people(
            audience.leads,
            lambda language: render_digest_messages(digest, language, "leads"),
            lang,
            key=key,
        )
        if audience.group_chat_id is None and not leads_got:
            group_why = Undelivered.NOBODY  # no group, and not one lead got it
        delivered = Delivered(
            audience.group_chat_id is not None,
            group_why,
            period_start=digest.period_start,
            issue=digest.issue,
        )
        if record and out.final:
            if delivered.why is None:
                self.services.digests.mark_digest_sent(
                    out.digest.cycle_id, out.digest.generated_at
                )
            else:
                self.services.digests.mark_digest_undelivered(out.digest.cycle_id, delivered.why)
        return delivered

    async def review_on_request(self, team_id: str, owed: OwedReview | None) -> Delivered:
        """A lead's ``/review``: the owed month's review (its turn passed and nothing went out:
        :meth:`~bot.services.rhythm.digests.DigestService.owed_review`), recorded as sent once
        the leaders' group got it (or none is set), else audited as not delivered again; with
        none owed, this month's review so far, recorded nowhere."""
        if owed is None:
            return await self.review(team_id)
        # keyed as its scheduled run: what went out then (the chart, say) is not sent again
        delivered = await self.review(team_id, key=review_key(owed.cycle_id), at=owed.at)
        if delivered.why is None:
            self.services.digests.mark_review_sent(owed.cycle_id)
        else:
            self.services.digests.mark_review_undelivered(owed.cycle_id, delivered.why)
        return delivered

    async def review(
        self, team_id: str, *, key: str | None = None, at: datetime | None = None
    ) -> Delivered:
        """月研判: the chart and the review to the leads and the leaders' group (in its topic)
        first, then the ledger once its workbook is written (``key``: the scheduled review's, so
        one run again after a crash skips what went out). If the workbook fails, what was sent
        stays sent and this raises: a scheduled review is then not recorded, and its next run
        (the catch-up) sends only the ledger. ``at``: the moment an owed month's review reads
        as of (default now). Returns whether the group got it all, and why not."""
        out = await self.services.digests.review_off_loop(team_id, at)  # off the loop
        audience = out.audience
        group = audience.group_chat_id
        chats = [p.telegram_id for p in audience.leads if p.telegram_id is not None]
        if group is not None:
            chats.append(group)
        lang = audience.language
        chart = await self.services.deps.off_loop(render_review_chart, out.review, lang)
        messages = render_review_messages(out.review, lang)
        already = self._review_parts_sent(key, group)
        missed: dict[int, Undelivered] = {}  # the chats that did not get a part, and why
        for chat_id in chats:
            chat_key = key and f"{key}:{chat_id}"
            thread = audience.group_thread_id if chat_id == group else None
            for sent in (
                await self.outbox.upload_photo(
                    chat_id, chart, key=chat_key and f"{chat_key}:chart", thread=thread
                ),
                await self.outbox.post(
                    chat_id, messages, key=chat_key and f"{chat_key}:text", thread=thread
                ),
            ):
                if sent.why is not None:
                    missed.setdefault(chat_id, sent.why)
        month = date(out.review.year, out.review.month, 1)
        if not chats:
            return Delivered(False, Undelivered.NOBODY, period_start=month)
        ledger = await self.services.digests.review_ledger_off_loop(team_id, out, ledger_file)
        for chat_id in chats:
            chat_key = key and f"{key}:{chat_id}"
            sent = await self.outbox.upload_document(
                chat_id,
                ledger.data,
                ledger.filename,
                key=chat_key and f"{chat_key}:ledger",
                thread=audience.group_thread_id if chat_id == group else None,
            )
            if sent.why is not None:
                missed.setdefault(chat_id, sent.why)
        if group is not None:
            return Delivered(True, missed.get(group), period_start=month, already=already)
        # no group: sent if at least one lead got it all
        reached = any(chat_id not in missed for chat_id in chats)
        return Delivered(False, None if reached else Undelivered.NOBODY, period_start=month)

    def _review_parts_sent(self, key: str | None, group: int | None) -> tuple[str, ...]:
        """The parts of a keyed review (chart, text, ledger) the leaders' group got before: a
        run again sends only the others."""
        if key is None or group is None:
            return ()
        parts = {"chart": "chart", "text": "text:0", "ledger": "ledger"}  # a post's first part
        return tuple(p for p, k in parts.items() if self.outbox.confirmed(f"{key}:{group}:{k}"))

    # -- notices -------------------------------------------------------------------------------

    async def _calendar_notices(self, team_id: str) -> None:
        for notice in self.services.rhythm.calendar_notices(team_id):
            text = partial(render_calendar_notice, notice)
            told = await self._tell_leads(team_id, lambda lang: [text(lang)])  # noqa: B023
            self.services.rhythm.record_notice(team_id, notice, told)

    async def _tell_group_missed(
        self, team_id: str, what: str, delivered: Delivered, cycle_id: str
    ) -> None:
        """The leads hear that a scheduled digest or review did not reach the leaders' group,
        why, and what to do; when not one lead could be told either, the admins hear it, once
        for a spell of them (the first not sent since the last that went out)."""
        why = delivered.why
        if why is None:
            return

        def render(lang: str) -> list[Message]:
            return [render_group_missed(what, why, lang)]

        told = await self._tell_leads(team_id, render)
        if not told and self.services.digests.first_unsent(cycle_id):
            await self._tell_admins(team_id, render, f"admins:{what}:{cycle_id}")

    async def _tell_admins(self, team_id: str, render: Render, key: str) -> None:
        """What no lead of the team could be told, to each admin, under a line naming the team
        (in the team's language; keyed, so a run again after a crash does not repeat it)."""
        team = self.services.deps.team(team_id)
        lang = self.services.deps.settings(team_id).language or self.language
        messages = render_to_admins(team.name, render(lang), lang)
        for admin in sorted(self.services.deps.admin_ids):
            await self.outbox.tell_chat(admin, messages, key=f"{key}:{admin}")

    async def _tell_leads(self, team_id: str, render: Render) -> int:
        leads = self.services.rhythm.leads(team_id)
        return await self.outbox.tell_people(leads, render, self.language)

    def _lang(self, language: str | None) -> str:
        return language or self.language
