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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

#: Each light's mark and its word, per language.
ICONS = {"🔴": "red", "🟡": "yellow", "🟢": "green", "✅": "closed", "⚪": "unassigned"}
LIGHT_WORDS = {
    "zh": {
        "红灯": "red",
        "黄灯": "yellow",
        "绿灯": "green",
        "已销号": "closed",
        "未交办": "unassigned",
    },
    "en": {
        "red": "red",
        "yellow": "yellow",
        "green": "green",
        "closed": "closed",
        "not assigned": "unassigned",
    },
}
STATUS_WORDS = {
    "zh": {
        "正常推进": "on_track",
        "已完成": "done",
        "滞后": "behind",
        "受阻": "blocked",
        "未报状态": None,
        "已销号": "closed",
    },
    "en": {
        "on track": "on_track",
        "done": "done",
        "behind": "behind",
        "blocked": "blocked",
        "no status stated": None,
        "closed": "closed",
    },
}
ITEM_WORDS = {
    "zh": {
        "按时报送": "on_time",
        "逾时报送": "late",
        "未报": "missing",
        "未报（无法送达）": "unreachable",
        "请假": "on_leave",
    },
    "en": {
        "on time": "on_time",
        "late": "late",
        "missing": "missing",
        "missing (unreachable)": "unreachable",
        "on leave": "on_leave",
    },
}
CLOSEOUT_WORDS = {
    "zh": {"待销号": "pending", "已销号": "approved", "已退回": "returned", None: None},
    "en": {
        "awaiting close-out": "pending",
        "closed": "approved",
        "returned": "returned",
        None: None,
    },
}
#: The ledger sheets' titles and the columns read, by their header, per language.
SHEETS = {"zh": ("台账", "应报事项"), "en": ("Ledger", "Answers owed")}
TASK_COLUMNS = {
    "zh": {
        "序号": "number",
        "板块": "section",
        "任务": "title",
        "牵头单位": "lead_units",
        "配合单位": "co_units",
        "完成时限": "deadline",
        "状态": "status",
        "进度（%）": "progress",
        "序时进度（%）": "expected",
        "灯色": "light",
        "销号状态": "closeout",
        "最近实质进展日期": "changed",
        "停滞天数": "still",
        "领办逾期": "claims",
    },
    "en": {
        "No.": "number",
        "Section": "section",
        "Task": "title",
        "Lead": "lead_units",
        "Support": "co_units",
        "Deadline": "deadline",
        "Status": "status",
        "Progress (%)": "progress",
        "Expected (%)": "expected",
        "Light": "light",
        "Close-out": "closeout",
        "Last real change": "changed",
        "Days without real change": "still",
        "Claim overdue": "claims",
    },
}
ITEM_COLUMNS = {
    "zh": {
        "调度周期": "cycle",
        "任务": "title",
        "责任方": "party",
        "单位": "unit",
        "报送情况": "state",
    },
    "en": {"Cycle": "cycle", "Task": "title", "Party": "party", "Unit": "unit", "Answer": "state"},
}
SEP = {"zh": "、", "en": ", "}
NO_NUMBER = {"zh": "未填", "en": "n/a"}
NO_SECTION = {"zh": "其他", "en": "Other"}


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


@dataclass
class LedgerRead:
    """The ledger's task rows and answers owed, by the reader's own column names."""

    tasks: list[dict[str, Any]]
    items: list[dict[str, Any]]

    def by_title(self) -> dict[str, dict[str, Any]]:
        """The task rows by title."""
        return {row["title"]: row for row in self.tasks}


# -- the texts' patterns ---------------------------------------------------------------------

_LIGHT = "(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^｜|]+?)"
_P = r"(?P<progress>\d+%|未填|n/a)"
PATTERNS: dict[str, dict[str, re.Pattern[str]]] = {
    "zh": {
        "digest_totals": re.compile(r"^共 (?P<tasks>\d+) 项：(?P<lights>.*)。$"),
        "review_totals": re.compile(r"^共 (?P<tasks>\d+) 项任务：(?P<lights>.*)。$"),
        "counts": re.compile(
            r"^应报 (?P<expected>\d+) 项：按时报送 (?P<on_time>\d+) 项，"
            r"逾时报送 (?P<late>\d+) 项，未报 (?P<missing>\d+) 项"
            r"(?:（其中无法送达 (?P<unreachable>\d+) 项）)?；"
            r"反馈率 (?P<rate>\S+?)。$"
        ),
        "review_counts": re.compile(
            r"^本月 (?P<cycles>\d+) 个调度周期，应报 (?P<expected>\d+) 项："
            r"按时报送 (?P<on_time>\d+) 项，逾时报送 (?P<late>\d+) 项，"
            r"未报 (?P<missing>\d+) 项；反馈率 (?P<rate>\S+?)。"
        ),
        "review_progress": re.compile(
            rf"^平均进度 {_P}（(?P<tasks>\d+) 项中 (?P<with>\d+) 项已报进度）。$"
        ),
        "on_leave": re.compile(r"^另有请假 (?P<count>\d+) 项，不计入应报。$"),
        "unit": re.compile(
            r"^• (?P<unit>.+?)：应报 (?P<expected>\d+) 项，已报 (?P<answered>\d+) 项"
            r"（逾时 (?P<late>\d+) 项），反馈率 \S+$"
        ),
        "section": re.compile(
            rf"^• (?P<name>.+?)（(?P<tasks>\d+) 项）：平均进度 {_P}（(?P<with>\d+) 项已报进度），"
            r"序时进度 (?P<expected>\d+)%；(?P<lights>.*)$"
        ),
        "review_section": re.compile(
            rf"^• (?P<name>.+?)（(?P<tasks>\d+) 项）：平均进度 {_P}（(?P<with>\d+) 项已报进度，"
            r"较月初 [^）]+），序时进度 (?P<expected>\d+)%；应报 (?P<owed>\d+) 项，"
            r"已报 (?P<answered>\d+) 项，反馈率 \S+$"
        ),
        "review_unit": re.compile(
            r"^• (?P<unit>.+?)：牵头 (?P<tasks>\d+) 项"
            r"(?:（其中 (?P<shared>\d+) 项与其他单位共同牵头）)?、"
            r"配合 (?P<co>\d+) 项；应报 (?P<owed>\d+) 项，已报 (?P<answered>\d+) 项，反馈率 \S+；"
            rf"牵头任务平均进度 {_P}（较月初 [^）]+）$"
        ),
        "troubled": re.compile(
            rf"^{_LIGHT}｜(?P<title>.+?)（(?P<owners>[^（）]*)）(?P<reasons>[^；]*)；"
            rf"进度 {_P}，序时进度 (?P<expected>\d+)%$"
        ),
        "red": re.compile(rf"^{_LIGHT}｜(?P<title>.+?)（(?P<owners>[^（）]*)）(?P<reasons>.*)$"),
        "change": re.compile(r"^• (?P<title>.+)：(?P<before>\S+) → (?P<after>\S+)$"),
        "deadline": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)；完成时限 (?P<deadline>.+)）$"
        ),
        "plain": re.compile(r"^• (?P<title>.+?)（(?P<owners>[^（）]*)）$"),
        "stale": re.compile(
            r"^• (?P<title>.+?)（(?P<owners>[^（）]*)）："
            r"(?P<days>\d+) 天无实质进展（最近一次：.+）$"
        ),
        "claim": re.compile(r"^• (?P<title>.+?)（(?P<party>[^（）]*)）交办于 .+，已超时限 .+$"),
        "late": re.compile(r"^• (?P<author>.+?)：(?P<title>.+)（(?P<at>[^（）]+)）$"),
        "missing": re.compile(r"^未报单位和人员：(?P<names>.+)$"),
        "missing_name": re.compile(r"^(?P<name>.+)（(?P<count>\d+) 项）$"),
        "missing_hidden": re.compile(r"^未报 (?P<count>\d+) 个单位和人员，名单已报督办员。$"),
        "lights": re.compile(r"(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^，\d]+?) (?P<count>\d+)(?: 项)?"),
    },
    "en": {
        "digest_totals": re.compile(r"^(?P<tasks>\d+) tasks?: (?P<lights>.*)\.$"),
        "review_totals": re.compile(r"^(?P<tasks>\d+) tasks?: (?P<lights>.*)\.$"),
        "counts": re.compile(
            r"^(?P<expected>\d+) answers? owed: (?P<on_time>\d+) on time, (?P<late>\d+) late, "
            r"(?P<missing>\d+) missing(?: \((?P<unreachable>\d+) unreachable\))?; "
            r"response rate (?P<rate>\S+?)\.$"
        ),
        "review_counts": re.compile(
            r"^(?P<cycles>\d+) weekly cycles? this month, (?P<expected>\d+) answers? owed: "
            r"(?P<on_time>\d+) on time, (?P<late>\d+) late, (?P<missing>\d+) missing; "
            r"response rate (?P<rate>\S+?)\."
        ),
        "review_progress": re.compile(
            rf"^Average progress {_P} \((?P<with>\d+) of (?P<tasks>\d+) tasks? with a number\)\.$"
        ),
        "on_leave": re.compile(r"^(?P<count>\d+) more on leave, not owed\.$"),
        "unit": re.compile(
            r"^• (?P<unit>.+?): (?P<expected>\d+) owed, (?P<answered>\d+) answered "
            r"\((?P<late>\d+) late\), response rate \S+$"
        ),
        "section": re.compile(
            rf"^• (?P<name>.+?) \((?P<tasks>\d+) tasks?\): average progress {_P} "
            r"\((?P<with>\d+) with a number\), expected (?P<expected>\d+)%; (?P<lights>.*)$"
        ),
        "review_section": re.compile(
            rf"^• (?P<name>.+?) \((?P<tasks>\d+) tasks?\): average progress {_P} "
            r"\((?P<with>\d+) with a number, \S+ since the month began\), "
            r"expected (?P<expected>\d+)%; (?P<owed>\d+) owed, (?P<answered>\d+) answered, "
            r"response rate \S+$"
        ),
        "review_unit": re.compile(
            r"^• (?P<unit>.+?): leads (?P<tasks>\d+)(?: \((?P<shared>\d+) led jointly with "
            r"another unit\))?, supports (?P<co>\d+); (?P<owed>\d+) owed, "
            rf"(?P<answered>\d+) answered, response rate \S+; its tasks' progress {_P} \(\S+\)$"
        ),
        "troubled": re.compile(
            rf"^{_LIGHT} \| (?P<title>.+?) \((?P<owners>[^()]*)\) (?P<reasons>[^;]*); "
            rf"progress {_P}, expected (?P<expected>\d+)%$"
        ),
        "red": re.compile(rf"^{_LIGHT} \| (?P<title>.+?) \((?P<owners>[^()]*)\) (?P<reasons>.*)$"),
        "change": re.compile(r"^• (?P<title>.+): (?P<before>[🔴🟡🟢✅⚪].*?) → (?P<after>.+)$"),
        "deadline": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*); deadline (?P<deadline>.+)\)$"
        ),
        "plain": re.compile(r"^• (?P<title>.+?) \((?P<owners>[^()]*)\)$"),
        "stale": re.compile(
            r"^• (?P<title>.+?) \((?P<owners>[^()]*)\): no real progress for (?P<days>\d+) days? "
            r"\(last: .+\)$"
        ),
        "claim": re.compile(
            r"^• (?P<title>.+?) \((?P<party>[^()]*)\) assigned .+, .+ past the limit$"
        ),
        "late": re.compile(r"^• (?P<author>.+?): (?P<title>.+) \((?P<at>[^()]+)\)$"),
        "missing": re.compile(r"^Units and people with answers missing: (?P<names>.+)$"),
        "missing_name": re.compile(r"^(?P<name>.+) \((?P<count>\d+)\)$"),
        "missing_hidden": re.compile(
            r"^(?P<count>\d+) units and people have answers missing; the leads have the names\.$"
        ),
        "lights": re.compile(r"(?P<icon>[🔴🟡🟢✅⚪])(?P<word>[^,\d]+?) (?P<count>\d+)"),
    },
}
#: The headings whose lines the reader reads, per language.
HEADINGS = {
    "zh": {
        "各单位反馈": "units",
        "各板块进度": "sections",
        "三、受阻、滞后事项": "troubled",
        "逾期未完成": "overdue",
        "待销号": "awaiting",
        "逾时报送（上一周期）": "late",
        "领办逾期（交办后经提醒仍未签收）": "claims",
        "二、各板块": "review_sections",
        "三、各单位": "review_units",
        "五、红灯事项": "red",
        "四、灯色变化（较月初）": "changes",
    },
    "en": {
        "Answers by unit": "units",
        "Progress by section": "sections",
        "3. Blocked or behind": "troubled",
        "Overdue": "overdue",
        "Awaiting close-out": "awaiting",
        "Late answers (previous cycle)": "late",
        "Claim overdue (not acknowledged after a reminder)": "claims",
        "2. Sections": "review_sections",
        "3. Units": "review_units",
        "5. Red tasks": "red",
        "4. Colour changes since the month began": "changes",
    },
}
_STALE_HEADING = {
    "zh": re.compile(r"^长期无实质进展（\d+周以上）$"),
    "en": re.compile(r"^No real progress for \d+ weeks? or more$"),
}


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
    for line in _lines(parts):
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
            heading = HEADINGS[lang].get(line, "stale" if _STALE_HEADING[lang].match(line) else "")
    return read


def _digest_line(read: DigestRead, heading: str, line: str, lang: str) -> None:
    patterns = PATTERNS[lang]
    if heading == "units":
        match = _must(patterns["unit"], line)
        read.units[match["unit"]] = (
            int(match["expected"]),
            int(match["answered"]),
            int(match["late"]),
        )
    elif heading == "sections":
        match = _must(patterns["section"], line)
        read.sections[match["name"]] = Section(
            int(match["tasks"]),
            _number(match["progress"]),
            int(match["with"]),
            int(match["expected"]),
            _lights(match["lights"], lang),
        )
    elif heading == "troubled":
        match = _must(patterns["troubled"], line)
        read.troubled[match["title"]] = _said(match, lang)
    elif heading == "overdue":
        read.overdue.add(_must(patterns["deadline"], line)["title"])
    elif heading == "awaiting":
        read.awaiting.add(_must(patterns["plain"], line)["title"])
    elif heading == "stale":
        match = _must(patterns["stale"], line)
        read.stale[match["title"]] = int(match["days"])
    elif heading == "claims":
        match = _must(patterns["claim"], line)
        read.claims.add((match["title"], match["party"]))
    elif heading == "late":
        match = _must(patterns["late"], line)
        read.late.append((match["author"], match["title"]))


def read_review(parts: Sequence[str], lang: str) -> ReviewRead:
    """The figures a monthly review's delivered parts state."""
    read, heading = ReviewRead(), ""
    patterns = PATTERNS[lang]
    for line in _lines(parts):
        if match := patterns["review_totals"].match(line):
            read.tasks, read.lights = int(match["tasks"]), _lights(match["lights"], lang)
        elif match := patterns["review_counts"].match(line):
            read.cycles, read.counts = int(match["cycles"]), _counts(match)
        elif match := patterns["review_progress"].match(line):
            read.progress, read.with_progress = _number(match["progress"]), int(match["with"])
            assert int(match["tasks"]) == read.tasks, line
        elif line.startswith("• ") or line[:1] in ICONS:
            _review_line(read, heading, line, lang)
        else:
            heading = HEADINGS[lang].get(line, "")
    return read


def _review_line(read: ReviewRead, heading: str, line: str, lang: str) -> None:
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


def read_ledger(data: bytes, lang: str) -> LedgerRead:
    """The ledger workbook's task rows and answers owed, values in the reader's terms (lights,
    statuses, states as keys; blank cells as None)."""
    book = load_workbook(BytesIO(data))
    tasks_sheet, items_sheet = (book[title] for title in SHEETS[lang])
    tasks = [_task_row(row, lang) for row in _rows(tasks_sheet, TASK_COLUMNS[lang])]
    items = []
    for row in _rows(items_sheet, ITEM_COLUMNS[lang]):
        row["state"] = ITEM_WORDS[lang][row["state"]]
        row["cycle"] = _day(row["cycle"])
        items.append(row)
    return LedgerRead(tasks, items)


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
    row["changed"] = _day(row["changed"])
    row["claims"] = tuple(row["claims"].splitlines()) if row["claims"] else ()
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
