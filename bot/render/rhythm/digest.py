"""The weekly digest as Telegram HTML, in Chinese or English, split under the message limit.

Every text from users or documents (team, unit and person names, task titles, problems) is
escaped with :func:`bot.render.html.esc`, as everywhere in the renderers. Non-responders are
named only in the leads' version, or in the group's when the team has turned on public naming
(通报).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from bot.i18n import t
from bot.render.html import esc
from bot.render.rhythm.watch import watch_blocks
from bot.render.rhythm.words import (
    block,
    fmt_date,
    fmt_datetime,
    light_counts,
    owners_text,
    percent_or_blank,
    reasons_text,
    section_args,
    sourced,
    tally_args,
    task_args,
    task_title,
    unit_args,
)
from bot.rhythm.digest import Digest, Disputed, SectionProgress, TaskLine
from bot.rhythm.figures import Tally
from bot.rhythm.movement import STALE_WEEKS, update_words
from bot.text.split import MAX_MESSAGE, split_html

Audience = Literal["leads", "group"]
_Line = Callable[[TaskLine, str], str]
PROBLEM_LIMIT = 300


def render_digest(
    digest: Digest, lang: str = "zh", audience: Audience = "leads", limit: int = MAX_MESSAGE
) -> list[str]:
    """The digest as one or more HTML messages, split between sections."""
    blocks = [_head(digest, lang)]
    if digest.paused and digest.opened:
        blocks.append(t("rhythm.digest.paused", lang))
    if digest.opened:
        blocks += [_responses(digest, lang), _units(digest.units, lang)]
    blocks += [
        _overall(digest, lang),
        _sections(digest.sections, lang),
        _task_block(lang, "rhythm.digest.troubled", digest.troubled, _troubled_line),
        _raised(digest, lang),
        _task_block(lang, "rhythm.digest.overdue", digest.overdue, _deadline_line),
        _task_block(lang, "rhythm.digest.awaiting", digest.awaiting_closeout, _plain_line),
        _disputed(digest, lang) if audience == "leads" else "",
        _stale(digest, lang) if audience == "leads" else "",
        _vague(digest, lang) if audience == "leads" else "",
        _extensions(digest, lang) if audience == "leads" else "",
        watch_blocks(digest, lang) if audience == "leads" else "",
        _late(digest, lang),
        _names(digest, lang, audience),
    ]
    return split_html("\n\n".join(block for block in blocks if block), limit)


def _head(digest: Digest, lang: str) -> str:
    team, day = esc(digest.team_name), fmt_date(digest.generated_at.date(), lang)
    masthead = (
        t("rhythm.digest.masthead", lang, issue=digest.issue, team=team, date=day)
        if digest.issue is not None
        else t("rhythm.digest.masthead_no_issue", lang, team=team, date=day)
    )
    lines = [
        t("rhythm.digest.title", lang),
        masthead,
        t(
            "rhythm.digest.period",
            lang,
            start=fmt_date(digest.period_start, lang),
            cutoff=fmt_datetime(digest.cutoff_at, lang),
        ),
    ]
    if digest.not_opened is not None:
        lines.append(t(f"rhythm.digest.not_opened.{digest.not_opened}", lang))
    return "\n".join(lines)


def _responses(digest: Digest, lang: str) -> str:
    counts = digest.responses
    unreachable = (
        t("rhythm.digest.unreachable", lang, count=counts.unreachable)
        if counts.unreachable
        else ""
    )
    lines = [
        t("rhythm.digest.responses", lang),
        t(
            "rhythm.digest.counts",
            lang,
            unreachable=unreachable,
            **tally_args(counts, lang),
        ),
    ]
    if counts.on_leave:
        lines.append(t("rhythm.digest.on_leave", lang, count=counts.on_leave))
    if digest.nobody_reported:
        lines.append(t("rhythm.digest.nobody", lang))
    return "\n".join(lines)


def _units(units: tuple[tuple[str | None, Tally], ...], lang: str) -> str:
    return block(
        t("rhythm.digest.units", lang),
        (
            t(
                "rhythm.digest.unit_line",
                lang,
                **unit_args(name, counts, lang),
                expected=counts.expected,
                late=counts.late,
            )
            for name, counts in units
        ),
    )


def _overall(digest: Digest, lang: str) -> str:
    if not digest.tasks:
        return ""
    totals = t(
        "rhythm.digest.totals", lang, tasks=digest.tasks, lights=light_counts(digest.lights, lang)
    )
    return f"{t('rhythm.digest.overall', lang)}\n{totals}"


def _sections(sections: tuple[SectionProgress, ...], lang: str) -> str:
    return block(
        t("rhythm.digest.sections", lang),
        (
            t(
                "rhythm.digest.section_line",
                lang,
                **section_args(
                    s.section,
                    s.tasks,
                    s.average_progress,
                    s.with_progress,
                    s.average_expected,
                    lang,
                ),
                lights=light_counts(s.lights, lang, short=True),
            )
            for s in sections
        ),
    )


def _task_block(lang: str, title_key: str, tasks: tuple[TaskLine, ...], line: _Line) -> str:
    return block(t(title_key, lang), (line(task, lang) for task in tasks))


def _troubled_line(task: TaskLine, lang: str) -> str:
    line = t(
        "rhythm.digest.task_line",
        lang,
        **task_args(task, lang),
        reasons=reasons_text(task, lang),
        progress=percent_or_blank(task.progress, lang),
        expected=task.expected,
    )
    if task.problems and task.problems.strip():
        problems = _shorten(task.problems.strip(), PROBLEM_LIMIT)
        line += "\n" + t("rhythm.digest.problems", lang, problems=esc(problems))
    return line


def _raised(digest: Digest, lang: str) -> str:
    """One block per question the digest lists (see :mod:`bot.domain.questions`): each task
    whose current answers raise it, with the words."""
    blocks = []
    for field in dict.fromkeys(r.question for r in digest.raised):
        lines = [t(f"report.digest.{field}", lang)]
        lines += [
            t(
                "rhythm.digest.raised_line",
                lang,
                title=task_title(r.task, lang),
                owners=owners_text(r.task, lang),
                text=esc(_shorten(t("rhythm.owners.sep", lang).join(r.texts), PROBLEM_LIMIT)),
            )
            for r in digest.raised
            if r.question == field
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _deadline_line(task: TaskLine, lang: str) -> str:
    deadline = fmt_date(task.deadline, lang) if task.deadline else ""
    return t(
        "rhythm.digest.deadline_line",
        lang,
        title=task_title(task, lang),
        owners=owners_text(task, lang),
        deadline=deadline,
    )


def _plain_line(task: TaskLine, lang: str) -> str:
    return t(
        "rhythm.digest.plain_line",
        lang,
        title=task_title(task, lang),
        owners=owners_text(task, lang),
    )


def _extensions(digest: Digest, lang: str) -> str:
    """Extension requests awaiting the lead (leads only): the deadline now and the one asked."""
    if not digest.extension_requests:
        return ""
    lines = [t("digest.extensions", lang)]
    for task in digest.extension_requests:
        raw = esc(task.deadline_raw or "")
        current = fmt_date(task.deadline, lang) if task.deadline else raw
        asked = fmt_date(task.extension_asked, lang) if task.extension_asked else ""
        lines.append(
            t("digest.extension_line", lang, title=task_title(task, lang),
              owners=owners_text(task, lang), current=current, asked=asked)
        )  # fmt: skip
    return "\n".join(lines)


def _disputed(digest: Digest, lang: str) -> str:
    return disputed_block(digest.disputed, lang) if digest.disputed else ""


def disputed_block(disputed: Sequence[Disputed], lang: str) -> str:
    """同一单位反馈不一致: each task and party with its members' statuses, oldest first."""
    lines = [t("rhythm.digest.disputed", lang)]
    for item in disputed:
        answers = t("rhythm.list_sep", lang).join(
            t(
                "rhythm.digest.disputed_answer",
                lang,
                name=esc(name),
                status=t(f"rhythm.status.{status or 'unstated'}", lang),
            )
            for name, status in item.answers
        )
        lines.append(
            t(
                "rhythm.digest.disputed_line",
                lang,
                title=sourced(item.measure_title, item.source, lang),
                party=esc(item.party),
                answers=answers,
            )
        )
    return "\n".join(lines)


def _stale(digest: Digest, lang: str) -> str:
    """长期无实质进展: each task with its days and the day it last really changed."""
    lines = [
        t(
            "rhythm.digest.stale_line",
            lang,
            title=task_title(task, lang),
            owners=owners_text(task, lang),
            days=task.still_days,
            since=fmt_date(task.movement.changed_at.date(), lang),
        )
        for task in digest.stale
        if task.movement is not None and task.movement.changed_at is not None
    ]
    return block(t("rhythm.digest.stale", lang, weeks=STALE_WEEKS), lines)


def _vague(digest: Digest, lang: str) -> str:
    """反馈内容空泛/与上期重复: each task with the words and who wrote them."""
    lines = []
    for task in digest.vague:
        report = task.movement.flagged if task.movement is not None else None
        if report is None or task.movement is None or task.movement.flag is None:
            continue
        words = _shorten((update_words(report) or "").replace("\n", " "), 60)
        lines.append(
            t(
                "rhythm.digest.vague_line",
                lang,
                title=task_title(task, lang),
                owners=owners_text(task, lang),
                flag=t(f"rhythm.flag.{task.movement.flag}", lang),
                words=esc(words),
            )
        )
    return block(t("rhythm.digest.vague", lang), lines)


def _late(digest: Digest, lang: str) -> str:
    return block(
        t("rhythm.digest.late", lang),
        (
            t(
                "rhythm.digest.late_line",
                lang,
                author=esc(reply.author),
                title=sourced(reply.measure_title, reply.source, lang),
                at=fmt_datetime(reply.created_at, lang),
            )
            for reply in digest.late_replies
        ),
    )


def _names(digest: Digest, lang: str, audience: Audience) -> str:
    if not digest.missing:
        return ""
    if audience == "leads" or digest.public_naming:
        names = t("rhythm.list_sep", lang).join(
            t("rhythm.digest.missing_name", lang, name=esc(name), count=count)
            for name, count in digest.missing
        )
        return t("rhythm.digest.non_responders", lang, names=names)
    return t("rhythm.digest.non_responders_hidden", lang, count=len(digest.missing))


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
