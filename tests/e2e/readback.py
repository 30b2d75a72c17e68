"""Reading back what leaders receive: the weekly digest and the monthly review as Telegram
delivers them (every part, the text without its HTML) and the ledger workbook (.xlsx), parsed
into figures, in Chinese or English.

Written from the delivered text, never by calling the renderers: its words are its own, so a
renderer that drifts from what it means to say makes the reading fail or disagree. A line is
read by the heading it stands under (the headings are recognised by their words); lines under a
heading the reader does not know are skipped, so a message split anywhere reads the same.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from tests.e2e.readback_words import (
    CLOSEOUT_WORDS,
    DATE,
    FLAGS,
    HEADINGS,
    ICONS,
    ITEM_COLUMNS,
    ITEM_WORDS,
    LIGHT_WORDS,
    MARKS,
    NEW_TASKS,
    NO_NUMBER,
    NO_SECTION,
    PATTERNS,
    REPORT_COLUMNS,
    SEP,
    SHEETS,
    SOURCE_WORDS,
    STALE_HEADING,
    STATUS_WORDS,
    TASK_COLUMNS,
)

# -- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """Answers owed and how they went, as a summary line states them."""

    expected: int
    on_time: int
    late: int
    missing: int
    rate: str
    unreachable: int = 0


@dataclass(frozen=True)
class Section:
    """A section's line: its tasks, their average progress (over ``with_progress``), 序时进度,
    and (in the digest) its lights."""

    tasks: int
    progress: int | None
    with_progress: int
    expected: int
    lights: dict[str, int] = field(default_factory=dict)
    owed: int | None = None  # the review's: answers owed over the month, and given
    answered: int | None = None


@dataclass(frozen=True)
class TaskSaid:
    """A task as a list line states it: its light, and (where stated) progress and 序时进度."""

    light: str
    owners: str
    reasons: str = ""
    progress: int | None = None
    expected: int | None = None


@dataclass
class DigestRead:
    """What a delivered digest states."""

    tasks: int = 0
    lights: dict[str, int] = field(default_factory=dict)
    counts: Counts | None = None
    on_leave: int = 0
    units: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # owed, given, late
    sections: dict[str, Section] = field(default_factory=dict)
    troubled: dict[str, TaskSaid] = field(default_factory=dict)
    overdue: set[str] = field(default_factory=set)
    awaiting: set[str] = field(default_factory=set)
    stale: dict[str, int] = field(default_factory=dict)  # title -> days without real change
    claims: set[tuple[str, str]] = field(default_factory=set)  # (title, party) 领办逾期
    late: list[tuple[str, str]] = field(default_factory=list)  # (author, title)
    missing: dict[str, int] = field(default_factory=dict)  # party -> items (leads' version)
    missing_hidden: int | None = None  # the group's version: how many parties, unnamed
    #: 同一单位反馈不一致: (title, party) -> {member: status}
    disputed: dict[tuple[str, str], dict[str, str | None]] = field(default_factory=dict)
    extensions: dict[str, tuple[date, date]] = field(default_factory=dict)  # (now, asked)
    vague: dict[str, tuple[str, str]] = field(default_factory=dict)  # title -> (flag, words)


@dataclass
class ReviewRead:
    """What a delivered monthly review states."""

    tasks: int = 0
    lights: dict[str, int] = field(default_factory=dict)
    cycles: int = 0
    counts: Counts | None = None
    progress: int | None = None
    with_progress: int = 0
    sections: dict[str, Section] = field(default_factory=dict)
    units: dict[str, dict[str, Any]] = field(default_factory=dict)
    red: dict[str, TaskSaid] = field(default_factory=dict)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)  # title -> lights
    #: the tasks with no colour at the month's start, and the wording that counts them
    new_tasks: int = 0
    new_words: str = ""
    #: 会议决定事项落实情况: title -> (its mark's source, light, status, progress)
    decisions: dict[str, tuple[str | None, str, str | None, int | None]] = field(
        default_factory=dict
    )


@dataclass
class LedgerRead:
    """The ledger's task rows and answers owed, by the reader's own column names."""

    tasks: list[dict[str, Any]]
    items: list[dict[str, Any]]
    reports: list[dict[str, Any]] = field(default_factory=list)  # the 反馈记录 sheet

    def by_title(self) -> dict[str, dict[str, Any]]:
        """The task rows by title."""
        return {row["title"]: row for row in self.tasks}


def _number(text: str) -> int | None:
    """``45%`` as 45; the "not filled" word as None."""
    return None if text in NO_NUMBER.values() else int(text.rstrip("%"))


def _lights(text: str, lang: str) -> dict[str, int]:
    """``🔴红灯 1 项，🟡黄灯 2 项`` as ``{"red": 1, "yellow": 2}``; the mark and word agree."""
    found: dict[str, int] = {}
    for match in PATTERNS[lang]["lights"].finditer(text):
        light = ICONS[match["icon"]]
        assert LIGHT_WORDS[lang][match["word"].strip()] == light, match.group(0)
        found[light] = int(match["count"])
    return found


def _light(text: str, lang: str) -> str:
    """``🔴红灯`` as ``red``; the mark and the word agree."""
    light = ICONS[text[0]]
    assert LIGHT_WORDS[lang][text[1:]] == light, text
    return light


def _said(match: re.Match[str], lang: str) -> TaskSaid:
    light = ICONS[match["icon"]]
    assert LIGHT_WORDS[lang][match["word"].strip()] == light, match.group(0)
    groups = match.groupdict()
    progress = _number(groups["progress"]) if groups.get("progress") else None
    expected = int(groups["expected"]) if groups.get("expected") else None
    return TaskSaid(light, match["owners"], match["reasons"].strip(), progress, expected)


def _lines(parts: Sequence[str]) -> list[str]:
    """The parts' lines in order, blank ones dropped (a part may end anywhere)."""
    return [line for part in parts for line in part.splitlines() if line.strip()]


def read_digest(parts: Sequence[str], lang: str) -> DigestRead:
    """The figures a digest's delivered parts state."""
    read, heading = DigestRead(), ""
    patterns = PATTERNS[lang]
    for marked in _lines(parts):
        line, _ = _unmark(marked, lang)
        if line.startswith(("　问题：", "  Problems: ")):
            continue
        if match := patterns["digest_totals"].match(line):
            read.tasks, read.lights = int(match["tasks"]), _lights(match["lights"], lang)
        elif match := patterns["counts"].match(line):
            read.counts = _counts(match)
        elif match := patterns["on_leave"].match(line):
            read.on_leave = int(match["count"])
        elif match := patterns["missing"].match(line):
            for name in match["names"].split(SEP[lang]):
                named = patterns["missing_name"].match(name)
                assert named is not None, name
                read.missing[named["name"]] = int(named["count"])
        elif match := patterns["missing_hidden"].match(line):
            read.missing_hidden = int(match["count"])
        elif line.startswith("• ") or line[:1] in ICONS:
            _digest_line(read, heading, line, lang)
        else:
            heading = HEADINGS[lang].get(line, "stale" if STALE_HEADING[lang].match(line) else "")
    return read


def _digest_line(read: DigestRead, heading: str, line: str, lang: str) -> None:
    patterns = PATTERNS[lang]
    if heading == "units":
        match = _must(patterns["unit"], line)
        _once(read.units, match["unit"], line)
        read.units[match["unit"]] = (
            int(match["expected"]),
            int(match["answered"]),
            int(match["late"]),
        )
    elif heading == "sections":
        match = _must(patterns["section"], line)
        _once(read.sections, match["name"], line)
        read.sections[match["name"]] = Section(
            int(match["tasks"]),
            _number(match["progress"]),
            int(match["with"]),
            int(match["expected"]),
            _lights(match["lights"], lang),
        )
    elif heading == "troubled":
        match = _must(patterns["troubled"], line)
        _once(read.troubled, match["title"], line)
        read.troubled[match["title"]] = _said(match, lang)
    elif heading == "overdue":
        title = _must(patterns["deadline"], line)["title"]
        _once(read.overdue, title, line)
        read.overdue.add(title)
    elif heading == "awaiting":
        title = _must(patterns["plain"], line)["title"]
        _once(read.awaiting, title, line)
        read.awaiting.add(title)
    elif heading == "stale":
        match = _must(patterns["stale"], line)
        _once(read.stale, match["title"], line)
        read.stale[match["title"]] = int(match["days"])
    elif heading == "claims":
        match = _must(patterns["claim"], line)
        _once(read.claims, (match["title"], match["party"]), line)
        read.claims.add((match["title"], match["party"]))
    elif heading == "late":
        match = _must(patterns["late"], line)
        _once(read.late, (match["author"], match["title"]), line)
        read.late.append((match["author"], match["title"]))
    elif heading == "disputed":
        match = _must(patterns["disputed"], line)
        answers = {}
        for answer in match["answers"].split(SEP[lang]):
            said = _must(patterns["disputed_answer"], answer)
            answers[said["name"]] = STATUS_WORDS[lang][said["status"]]
        _once(read.disputed, (match["title"], match["party"]), line)
        read.disputed[(match["title"], match["party"])] = answers
    elif heading == "vague":
        match = _must(patterns["vague"], line)
        _once(read.vague, match["title"], line)
        read.vague[match["title"]] = (FLAGS[match["flag"]], match["words"])
    elif heading == "extensions":
        match = _must(patterns["extension"], line)
        _once(read.extensions, match["title"], line)
        read.extensions[match["title"]] = (
            _date(match["current"], lang),
            _date(match["asked"], lang),
        )


def _once(seen: Collection[object], key: object, line: str) -> None:
    """A list line is read once: a line doubled (at a split between messages) fails."""
    assert key not in seen, f"read twice: {line!r}"


def _date(text: str, lang: str) -> date:
    """A date as the digest writes it."""
    match = _must(DATE[lang], text)
    return date(int(match["year"]), int(match["month"]), int(match["day"]))


def read_review(parts: Sequence[str], lang: str) -> ReviewRead:
    """The figures a monthly review's delivered parts state."""
    read, heading = ReviewRead(), ""
    patterns = PATTERNS[lang]
    for marked in _lines(parts):
        line, source = _unmark(marked, lang)
        if match := patterns["review_totals"].match(line):
            read.tasks, read.lights = int(match["tasks"]), _lights(match["lights"], lang)
        elif match := patterns["review_counts"].match(line):
            read.cycles, read.counts = int(match["cycles"]), _counts(match)
        elif match := patterns["review_progress"].match(line):
            read.progress, read.with_progress = _number(match["progress"]), int(match["with"])
            assert int(match["tasks"]) == read.tasks, line
        elif line.startswith("• ") or line[:1] in ICONS:
            _review_line(read, heading, line, lang, source)
        elif said := next((k for k in NEW_TASKS if patterns[k].match(line)), None):
            read.new_tasks, read.new_words = int(_must(patterns[said], line)["count"]), said
        else:
            heading = HEADINGS[lang].get(line, "")
    return read


def _unmark(line: str, lang: str) -> tuple[str, str | None]:
    """A list line with the mark before its task's title (【会议】…) taken out, and the source
    the mark says (None: no mark)."""
    for mark, source in MARKS[lang].items():
        for before in ("• ", "｜", " | "):
            if before + mark in line:
                return line.replace(before + mark, before, 1), source
    return line, None


def _review_line(
    read: ReviewRead, heading: str, line: str, lang: str, source: str | None = None
) -> None:
    patterns = PATTERNS[lang]
    if heading == "review_sections":
        match = _must(patterns["review_section"], line)
        read.sections[match["name"]] = Section(
            int(match["tasks"]),
            _number(match["progress"]),
            int(match["with"]),
            int(match["expected"]),
            owed=int(match["owed"]),
            answered=int(match["answered"]),
        )
    elif heading == "review_units":
        match = _must(patterns["review_unit"], line)
        read.units[match["unit"]] = {
            "tasks": int(match["tasks"]),
            "shared": int(match["shared"] or 0),
            "co": int(match["co"]),
            "owed": int(match["owed"]),
            "answered": int(match["answered"]),
            "progress": _number(match["progress"]),
        }
    elif heading == "red":
        match = _must(patterns["red"], line)
        read.red[match["title"]] = _said(match, lang)
    elif heading == "changes":
        match = _must(patterns["change"], line)
        lights = (_light(match["before"], lang), _light(match["after"], lang))
        read.changes[match["title"]] = lights
    elif heading == "decisions":
        match = _must(patterns["decision"], line)
        status = STATUS_WORDS[lang][match["status"]]
        progress = _number(match["progress"])
        read.decisions[match["title"]] = (source, _light(match["icon"] + match["word"], lang),
                                          status, progress)  # fmt: skip


def read_ledger(data: bytes, lang: str) -> LedgerRead:
    """The ledger workbook's task rows and answers owed, values in the reader's terms (lights,
    statuses, states as keys; blank cells as None)."""
    book = load_workbook(BytesIO(data))
    tasks_sheet, items_sheet, reports_sheet = (book[title] for title in SHEETS[lang])
    tasks = [_task_row(row, lang) for row in _rows(tasks_sheet, TASK_COLUMNS[lang])]
    reports = []
    for row in _rows(reports_sheet, REPORT_COLUMNS[lang]):
        row["status"] = STATUS_WORDS[lang][row["status"]]
        reports.append(row)
    items = []
    for row in _rows(items_sheet, ITEM_COLUMNS[lang]):
        row["state"] = ITEM_WORDS[lang][row["state"]]
        row["cycle"] = _day(row["cycle"])
        items.append(row)
    return LedgerRead(tasks, items, reports)


def _rows(sheet: Any, columns: dict[str, str]) -> list[dict[str, Any]]:
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = values[0]
    missing = [name for name in columns if name not in header]
    assert not missing, f"{sheet.title}: no column {missing} in {header}"
    at = {columns[name]: header.index(name) for name in columns}
    return [{key: row[index] for key, index in at.items()} for row in values[1:]]


def _task_row(row: dict[str, Any], lang: str) -> dict[str, Any]:
    row["light"] = LIGHT_WORDS[lang][row["light"]]
    row["status"] = STATUS_WORDS[lang][row["status"]]
    row["closeout"] = CLOSEOUT_WORDS[lang][row["closeout"] or None]
    row["section"] = row["section"] or NO_SECTION[lang]
    row["lead_units"] = tuple(row["lead_units"].split(SEP[lang])) if row["lead_units"] else ()
    row["co_units"] = tuple(row["co_units"].split(SEP[lang])) if row["co_units"] else ()
    row["deadline"] = _day(row["deadline"])
    row["original"] = _day(row["original"])
    row["changed"] = _day(row["changed"])
    row["claims"] = tuple(row["claims"].splitlines()) if row["claims"] else ()
    row["source"] = SOURCE_WORDS[lang][row["source"]]
    return row


def _day(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _counts(match: re.Match[str]) -> Counts:
    return Counts(
        int(match["expected"]),
        int(match["on_time"]),
        int(match["late"]),
        int(match["missing"]),
        match["rate"],
        int(match.groupdict().get("unreachable") or 0),
    )


def _must(pattern: re.Pattern[str], line: str) -> re.Match[str]:
    match = pattern.match(line)
    assert match is not None, f"unread line: {line!r}"
    return match
