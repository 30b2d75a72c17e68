"""Messages of the weekly rhythm besides the prompt: reminders, the cutoff list, notices, the
digest and review as messages, run-now results, 催办 results, leave and export confirmations.

Pure: results in, :class:`~bot.render.Message` out; names and titles are escaped here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from telegram import BotCommand

from bot.domain.delivery import Undelivered
from bot.domain.people import Person
from bot.domain.work import Cycle, ReminderKind
from bot.i18n import catalog_keys, t
from bot.render import Message
from bot.render.common import measure_title, task_tag
from bot.render.html import esc
from bot.render.people import unreachable_why
from bot.render.rhythm import review as review_text
from bot.render.rhythm.digest import Audience, disputed_block, render_digest
from bot.render.rhythm.words import fmt_date, fmt_datetime
from bot.rhythm.calendar import CalendarNotice
from bot.rhythm.digest import Digest, Disputed
from bot.rhythm.events import Event, EventKind
from bot.rhythm.review import MonthlyReview
from bot.services.people.leave import LeaveResult
from bot.services.rhythm.cycles import DispatchSummary
from bot.services.rhythm.digests import Delivered
from bot.services.rhythm.reminders import ManualRound, NoticesSent, ReminderOut

SEP = "、"

#: Rhythm commands added to each role's private menu (after the role's own commands).
RHYTHM_COMMANDS: dict[str, tuple[str, ...]] = {
    "lead": ("settings", "dispatch", "remind", "digest", "review", "export", "leave"),
    "admin": ("settings", "dispatch", "remind", "digest", "review", "export"),
    "official": ("leave",),
    "liaison": ("leave",),
    "leader": ("digest",),
}


#: The record's commands (/history, /search, /evidence) in each role's menu, after the rhythm's.
RECORD_COMMANDS: dict[str, tuple[str, ...]] = {
    "lead": ("history", "search", "evidence"),
    "admin": ("history", "search", "evidence"),
    "leader": ("history", "search", "evidence"),
    "official": ("history", "search", "evidence"),
    "liaison": ("history", "search", "evidence"),
}


def render_rhythm_commands(menu: str, lang: str) -> list[BotCommand]:
    """The rhythm's commands for a role's menu (none for roles not listed); a role may word a
    command its own way (``cmd.<name>.<role>``, e.g. a leader's /digest only shows it)."""
    keys = catalog_keys(lang)
    return [
        BotCommand(
            name, t(f"cmd.{name}.{menu}" if f"cmd.{name}.{menu}" in keys else f"cmd.{name}", lang)
        )
        for name in (*RHYTHM_COMMANDS.get(menu, ()), *RECORD_COMMANDS.get(menu, ()))
    ]


def render_reminder(out: ReminderOut, lang: str) -> Message:
    """A reminder to one person: before the cutoff, a lead's 催办, a deadline or overdue."""
    key = {
        ReminderKind.AUTO: "remind.auto",
        ReminderKind.MANUAL: "remind.manual",
        ReminderKind.DEADLINE: "remind.deadline",
        ReminderKind.OVERDUE: "remind.overdue",
    }[out.kind]
    lines = [t(key, lang, name=esc(out.person.name), count=len(out.measures))]
    for number, measure in enumerate(out.measures, start=1):
        line = f"{number}. {measure_title(measure)} {task_tag(measure.id)}"
        if measure.deadline is not None:
            line += " · " + t("prompt.deadline", lang, date=fmt_date(measure.deadline, lang))
        lines.append(line)
    lines += ["", t("remind.hint", lang)]
    return Message("\n".join(lines))


def render_cutoff(
    cycle: Cycle, names: Sequence[str], lang: str, disputed: Sequence[Disputed] = ()
) -> Message:
    """To the leads at the cutoff: who answered nothing, and the answers to check (members of
    one unit who stated different statuses)."""
    when = fmt_datetime(cycle.cutoff_at, lang)
    if not names:
        text = t("cutoff.all_answered", lang, cutoff=when)
    else:
        listed = SEP.join(esc(n) for n in names)
        text = t("cutoff.silent", lang, cutoff=when, count=len(names), names=listed)
        text += "\n" + t("cutoff.hint", lang)
    if disputed:
        text += "\n\n" + disputed_block(disputed, lang)
    return Message(text)


def render_unreachable_people(people: Sequence[Person], lang: str) -> Message:
    """To the leads after a dispatch: who could not be reached, grouped by why (blocked,
    account deleted, chat not found, never started)."""
    by_why: dict[str, list[str]] = {}
    for person in people:
        by_why.setdefault(unreachable_why(person, lang), []).append(esc(person.name))
    groups = [
        t("dispatch.unreachable.why", lang, names=SEP.join(names), why=why)
        for why, names in by_why.items()
    ]
    return Message(
        t("dispatch.unreachable", lang, names=t("dispatch.unreachable.sep", lang).join(groups))
    )


def render_settings_unusable(team_name: str, problem: str, lang: str) -> Message:
    """To the leads and the admins, at start-up: the team's rhythm is not running (its stored
    settings cannot be scheduled), the other teams' is; how to mend it."""
    reason = t(f"dispatch.unusable.{problem.removeprefix('err.settings_')}", lang)
    return Message(t("dispatch.settings_unusable", lang, team=esc(team_name), reason=reason))


def render_calendar_notice(notice: CalendarNotice, lang: str) -> Message:
    """To the leads, once: a year's holidays are guessed."""
    return Message(
        t("rhythm.notice.calendar_fallback", lang, year=notice.year, days=notice.override_days)
    )


def render_missed(events: Sequence[Event], lang: str) -> Message:
    """To the leads, once: what was missed while the bot was down, oldest first; the digest of
    a missed week or a missed digest was not sent, and /digest sends it; a missed monthly
    review was not sent, and /review sends it."""
    if len(events) == 1:
        lines = [t("rhythm.notice.missed", lang, **_missed_args(events[0], lang))]
    else:
        lines = [t("rhythm.notice.missed_many", lang, count=len(events))]
        ordered = sorted(events, key=lambda e: e.at)
        lines += [t("rhythm.notice.missed_line", lang, **_missed_args(e, lang)) for e in ordered]
    if any(e.kind in (EventKind.PROMPT, EventKind.DIGEST) for e in events):
        lines.append(t("rhythm.notice.missed_digest", lang))
    if any(e.kind is EventKind.REVIEW for e in events):
        lines.append(t("rhythm.notice.missed_review", lang))
    return Message("\n".join(lines))


def _missed_args(event: Event, lang: str) -> dict[str, str]:
    what = t(f"rhythm.event.{event.kind}", lang)
    return {"what": what, "at": fmt_datetime(event.at, lang)}


def render_digest_messages(digest: Digest, lang: str, audience: Audience) -> list[Message]:
    """The digest for the group or the leads, already split under the limit."""
    return [Message(part) for part in render_digest(digest, lang, audience)]


def render_review_messages(review: MonthlyReview, lang: str) -> list[Message]:
    """The monthly review's text, split under the limit (the chart goes first, as a photo)."""
    return [Message(part) for part in review_text.render_monthly_review(review, lang)]


def render_dispatch(summary: DispatchSummary, lang: str) -> Message:
    """To the lead after ``/dispatch``: how the dispatch went (the unreachable are told to every
    lead by the dispatch itself)."""
    key = "dispatch.done" if summary.created else "dispatch.resumed"
    lines = [
        t(
            key,
            lang,
            period=fmt_date(summary.period_start, lang),
            sent=summary.sent,
            cutoff=fmt_datetime(summary.cutoff_at, lang),
        )
    ]
    if summary.failed:
        lines.append(t("dispatch.failed", lang, count=summary.failed))
    return Message("\n".join(lines))


def render_manual_round(result: ManualRound, sent: NoticesSent, lang: str) -> Message:
    """To the lead after ``/remind``: who was reminded (only those Telegram took it for), who
    could not be and why, who was skipped and why."""
    lines = [t("remind.sent", lang, count=len(sent.delivered))]
    if sent.delivered:
        lines.append(SEP.join(esc(p.name) for p in sent.delivered))
    if sent.undelivered:
        lines.append(t("remind.undelivered", lang))
        for person, failed in sent.undelivered:
            reason = t(f"remind.undelivered.{failed.value}", lang)
            if person.unreachable_since is not None:  # marked just now: say why, as Telegram did
                reason = t("remind.why.unreachable", lang, why=unreachable_why(person, lang))
            lines.append(f"· {esc(person.name)}：{reason}")
    if result.skipped:
        lines.append(t("remind.skipped", lang))
        for skip in result.skipped:
            minutes = max(1, -(-int(skip.wait.total_seconds()) // 60))
            cause = unreachable_why(skip.person, lang)
            why = t(f"remind.why.{skip.why.value}", lang, minutes=minutes, why=cause)
            lines.append(f"· {esc(skip.person.name)}：{why}")
    return Message("\n".join(lines))


def render_leave(result: LeaveResult, lang: str) -> Message:
    """The confirmation of ``/leave``."""
    name = esc(result.person.name)
    if result.leave is None:
        return Message(t("leave.cancelled", lang, name=name, count=result.cancelled))
    text = t(
        "leave.set",
        lang,
        name=name,
        start=fmt_date(result.leave.start, lang),
        end=fmt_date(result.leave.end, lang),
    )
    if result.deputy is not None:
        text += "\n" + t("leave.deputy", lang, deputy=esc(result.deputy.name))
    return Message(text)


def render_run_now(what: str, delivered: Delivered, lang: str) -> Message:
    """To the lead after ``/digest`` or ``/review``: it went out, or the leaders' group did
    not get it (why, and what to do)."""
    if delivered.why is not None:
        return render_group_missed(what, delivered.why, lang)
    start = delivered.period_start
    if start is None:
        return Message(t(f"runnow.{what}", lang))
    if what == "review":
        text = t("runnow.review.month", lang, year=start.year, month=start.month)
        had, rest = _parts(delivered.already, lang)
        if had and rest:  # the group had part of it: only the rest went out now
            text += "\n" + t("runnow.review.rest", lang, had=had, rest=rest)
        return Message(text)
    if delivered.issue is not None:
        return Message(
            t("runnow.digest.issue", lang, issue=delivered.issue, start=fmt_date(start, lang))
        )
    return Message(t("runnow.digest.week", lang, start=fmt_date(start, lang)))


#: The monthly review's parts, in the order they go out.
_REVIEW_PARTS = ("chart", "text", "ledger")


def _parts(already: Sequence[str], lang: str) -> tuple[str, str]:
    """The review's parts the group had, and those sent now, named in the lead's words."""
    sep = t("runnow.review.part_sep", lang)
    had = [t(f"runnow.review.part.{p}", lang) for p in _REVIEW_PARTS if p in already]
    rest = [t(f"runnow.review.part.{p}", lang) for p in _REVIEW_PARTS if p not in already]
    return sep.join(had), sep.join(rest)


#: What the lead can do when the leaders' group did not get a message, by why.
_REMEDY = {
    Undelivered.FORBIDDEN: "rejoin",
    Undelivered.CHAT_NOT_FOUND: "rejoin",
    Undelivered.NO_RIGHTS: "grant",
    Undelivered.SLOW: "unslow",
    Undelivered.REFUSED: "later",
    Undelivered.NETWORK: "later",
    Undelivered.NOBODY: "setup",
}


def render_group_missed(what: str, why: Undelivered, lang: str) -> Message:
    """To the leads: the digest or review (``what``) did not reach the leaders' group, why in
    plain words, and what to do (add the bot back and /setgroup, or send it again later)."""
    todo = t(f"rhythm.group_missed.{_REMEDY[why]}", lang, command=what)
    return Message(
        t(
            "rhythm.nobody_reached" if why is Undelivered.NOBODY else "rhythm.group_missed",
            lang,
            what=t(f"rhythm.event.{what}", lang),
            why=t(f"rhythm.group_missed.{why.value}", lang),
            todo=todo,
        )
    )


def render_to_admins(team_name: str, messages: Sequence[Message], lang: str) -> list[Message]:
    """To the admins, when no lead of a team could be told: what the leads would have heard,
    under a line naming the team and saying why the admins hear it."""
    head = t("rhythm.to_admins", lang, team=esc(team_name))
    first, *rest = messages
    return [replace(first, text=f"{head}\n{first.text}"), *rest]


def render_export_caption(tasks: int, lang: str) -> str:
    """The caption of the ``/export`` workbook: 📒 台账（N 项任务）."""
    return t("export.caption", lang, count=tasks)
