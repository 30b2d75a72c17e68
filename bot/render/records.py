"""The record views: the private nudge after a vague update, ``/history``, ``/search`` and
``/evidence``.

A listing's first line repeats the command it answers (``🗂 /history 张三 2026-11``), so its page
buttons need no memory: :func:`listing_words` reads the command back from the message shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup

from bot.callbacks import Page as PageData
from bot.callbacks import PageKind
from bot.domain.attachments import Attachment, AttachmentKind
from bot.domain.plan import Measure
from bot.domain.questions import answered
from bot.i18n import t
from bot.render import Message
from bot.render.common import keyboard
from bot.render.html import esc, truncate
from bot.render.paging import nav_row
from bot.render.rhythm.words import fmt_stamp
from bot.render.tasks import history_line
from bot.rhythm.substance import Flag
from bot.services.common.base import Page
from bot.services.reporting.reports import ReportSaved
from bot.services.tasks.records import EvidenceResult, Found, HistoryResult, SearchResult

#: The first line's mark of each listing, before the command it answers.
MARKS = {"history": "🗂", "search": "🔎"}
TEXT_LIMIT = 120


@dataclass(frozen=True, slots=True)
class EvidenceOut:
    """The evidence listing, then its photos as one album (two or more), then each other file;
    every file with its caption."""

    message: Message
    files: tuple[tuple[Attachment, str], ...]  # sent one by one
    album: tuple[tuple[Attachment, str], ...] = ()  # photos sent together


def render_nudge(saved: ReportSaved, flag: Flag, lang: str) -> Message:
    """A polite private tip after a vague or repeated update, with an example for the task."""
    return Message(
        t(
            "nudge.text",
            lang,
            title=esc(saved.measure.name),
            reason=t(f"nudge.reason.{flag}", lang),
            example=esc(nudge_example(saved.measure, lang)),
        )
    )


def nudge_example(measure: Measure, lang: str) -> str:
    """A useful update for this task: from its first indicator with a target, else generic."""
    target = next((i for i in measure.indicators if i.value is not None), None)
    if target is None or target.value is None:
        return t("nudge.example.generic", lang)
    return t(
        "nudge.example.indicator",
        lang,
        name=target.name,
        unit=target.unit or "",
        target=f"{target.value:g}",
    )


def render_evidence_usage(lang: str) -> Message:
    """How ``/evidence`` is written, for one typed without a task."""
    return Message(t("records.evidence.usage", lang))


def render_history(result: HistoryResult, command: str, lang: str) -> Message:
    """``/history``: one line per step (task, when, who, what), newest first, paged."""
    head = _head("history", command)
    start, end = _day(result.query.start), _day(result.query.end, last=True)
    steps = result.steps
    if not steps.total:
        return Message(f"{head}\n" + t("records.history.none", lang, start=start, end=end))
    lines = [head, t("records.history.title", lang, count=steps.total, start=start, end=end)]
    lines += [
        t(
            "records.history.line",
            lang,
            number=step.number or "—",
            title=esc(truncate(step.measure.name, 40)),
            step=history_line(step.item, lang),
        )
        for step in steps.items
    ]
    return Message("\n".join(lines), _nav(steps, "-"))


def render_search(result: SearchResult, command: str, lang: str) -> Message:
    """``/search``: matching tasks, then matching updates newest first, paged."""
    head = _head("search", command)
    if not result.found.total:
        return Message(f"{head}\n" + t("records.search.none", lang))
    lines = [head, t("records.search.title", lang, tasks=result.tasks, updates=result.updates)]
    lines += [_found(found, lang) for found in result.found.items]
    return Message("\n".join(lines), _nav(result.found, "-"))


def render_evidence(result: EvidenceResult, lang: str) -> EvidenceOut:
    """``/evidence``: the list of files (who sent each, when, with what), then the files of
    this page, each captioned the same way."""
    title = esc(result.measure.name)
    files = result.files
    if not files.total:
        return EvidenceOut(Message(t("records.evidence.none", lang, title=title)), ())
    first = files.page * files.page_size + 1
    lines = [t("records.evidence.title", lang, title=title, count=files.total)]
    captions = []
    for n, item in enumerate(files.items, start=first):
        who = item.by.name if item.by is not None else "—"
        args = {
            "n": n,
            "who": who,
            "when": fmt_stamp(item.at),
            "source": t(f"records.evidence.source.{item.source}", lang),
        }
        kind = t(f"records.evidence.kind.{item.attachment.kind}", lang)
        lines.append(t("records.evidence.line", lang, kind=kind, **{**args, "who": esc(who)}))
        captions.append((item.attachment, t("records.evidence.caption", lang, **args)))
    nav = nav_row(files, lambda p: PageData(PageKind.EVIDENCE, p, result.measure.id))
    message = Message("\n".join(lines), keyboard([nav]))
    photos = tuple(c for c in captions if c[0].kind is AttachmentKind.PHOTO)
    if len(photos) < 2:
        return EvidenceOut(message, tuple(captions))
    return EvidenceOut(message, tuple(c for c in captions if c not in photos), photos)


def listing_words(text: str | None) -> tuple[str, list[str]] | None:
    """The command a listing answers and its words, read back from the listing's first line
    (None: not a listing)."""
    first = (text or "").split("\n", 1)[0].split()
    if len(first) < 2 or first[0] not in MARKS.values():
        return None
    command = first[1].lstrip("/").split("@", 1)[0]
    return (command, first[2:]) if command in MARKS else None


def _head(kind: str, command: str) -> str:
    return f"{MARKS[kind]} /{kind} {esc(command)}".rstrip()


def _found(found: Found, lang: str) -> str:
    number, title = found.number or "—", esc(truncate(found.measure.name, 40))
    if found.report is None:
        return t("records.search.task_line", lang, number=number, title=title)
    report = found.report
    words = " ".join(text for _, text in answered(report)).replace("\n", " ")
    return t(
        "records.search.update_line",
        lang,
        when=fmt_stamp(report.created_at),
        who=esc(found.author.name if found.author is not None else report.author_id),
        number=number,
        title=title,
        text=esc(truncate(words, TEXT_LIMIT)),
    )


def _nav(page: Page[Any], arg: str) -> InlineKeyboardMarkup | None:
    return keyboard([nav_row(page, lambda p: PageData(PageKind.RECORDS, p, arg))])


def _day(moment: datetime, *, last: bool = False) -> str:
    day = (moment - timedelta(microseconds=1)).date() if last else moment.date()
    return day.isoformat()
