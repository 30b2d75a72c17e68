"""Document furniture before the first item: title, document number, issue date, plan year."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.importer.numerals import cn_to_int

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{0,12}[〔\[［【（(]\s*(\d{4})\s*[〕\]］】）)]\s*第?\s*\d{1,4}\s*[号期]"
)
"""``X政发〔2025〕3号``, and the issue number of minutes or bulletins: ``〔2025〕第3期``."""
_TRAILING_DATE = re.compile(r"[ \t\u3000]{2,}(\S{8,16}日)$")
"""A date set off at the end of an issuer line (``XX县人民政府办公室　　2025年3月14日``)."""
_DATE_LINE = re.compile(
    r"^([\d〇零一二三四五六七八九○Ｏ]{4})\s*年\s*([\d一二三四五六七八九十]{1,3})\s*月"
    r"\s*([\d一二三四五六七八九十]{1,3})\s*日(?:印发|发布|签发)?$"
)
_SKIP_LINE = re.compile(r"^(?:[（(]?此件.{0,8}[）)]?|.{0,20}文件|密级.*|签发人.*|[★]?\d*)$")
_DOC_TYPES = (
    "通知",
    "方案",
    "计划",
    "要点",
    "意见",
    "办法",
    "清单",
    "规划",
    "安排",
    "总结",
    "报告",
    "细则",
    "措施",
    "分工",
    "任务",
    "目标",
    "打算",
    "责任书",
    "台账",
)
_PLAN_YEAR = re.compile(
    r"(\d{4})\s*年度?[^\d，。；]{0,15}?(?:计划|要点|安排|打算|任务|方案|清单|目标|台账|责任)"
)
_ANY_YEAR = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(?!\d)")
_TITLE_MAX = 80
_ISSUING_NOTICE = re.compile(r"关于(?:印发|转发|下达)(.{4,60}?)的通知$")


@dataclass(frozen=True, slots=True)
class Header:
    """What the document says about itself."""

    title: str | None
    title_lines: frozenset[int]
    doc_number: str | None
    issued: dt.date | None
    year: int | None


def read_header(lines: Sequence[str], first_item: int, *, year: int | None = None) -> Header:
    """Read the header from the document's lines; ``first_item`` indexes the first item line."""
    preamble = list(enumerate(lines[: max(first_item, 0)] if first_item >= 0 else lines[:12]))
    title, title_lines = _title(preamble)
    title = enclosed_title(title)
    doc_number = _doc_number(preamble or list(enumerate(lines[:15])))
    issued = next((d for line in lines if (d := parse_date_line(line)) is not None), None)
    if issued is None:
        issued = next(
            (
                d
                for _, line in preamble
                if (found := _TRAILING_DATE.search(line))
                and (d := parse_date_line(found.group(1))) is not None
            ),
            None,
        )
    plan_year = year or infer_year(title, lines, issued, doc_number)
    return Header(title, title_lines, doc_number, issued, plan_year)


def enclosed_title(title: str | None) -> str | None:
    """The plan's own name for a cover notice: ``…关于印发X的通知`` → ``X``."""
    match = _ISSUING_NOTICE.search(title or "")
    return match.group(1).strip("《》〈〉") if match else title


def parse_date_line(line: str) -> dt.date | None:
    """The date of a line that is only a date (2024年1月15日, 二〇二四年一月十五日)."""
    match = _DATE_LINE.match(line.replace(" ", ""))
    if match is None:
        return None
    year_text = match.group(1).translate(str.maketrans("○Ｏ", "〇〇"))
    year, month, day = (cn_to_int(year_text), cn_to_int(match.group(2)), cn_to_int(match.group(3)))
    if year is None or month is None or day is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def infer_year(
    title: str | None,
    lines: Sequence[str],
    issued: dt.date | None,
    doc_number: str | None,
) -> int | None:
    """The year a plan is for: from its title, its part headings, its issue date or number."""
    for text in (title or "", *lines[:60]):
        match = _PLAN_YEAR.search(text)
        if match and (text is title or len(text) <= 40):
            return int(match.group(1))
    if title:
        years = [int(y) for y in _ANY_YEAR.findall(title)]
        if years:
            return max(years)
    if issued is not None:
        return issued.year
    if doc_number:
        match = _DOC_NUMBER.search(doc_number)
        return int(match.group(1)) if match else None
    return None


def year_from_text(text: str) -> int | None:
    """The plan year named in a free text such as a file name or a table's title row."""
    match = _PLAN_YEAR.search(text)
    if match:
        return int(match.group(1))
    years = [int(y) for y in _ANY_YEAR.findall(text)]
    return max(years) if years else None


def _doc_number(preamble: list[tuple[int, str]]) -> str | None:
    for _, line in preamble:
        match = _DOC_NUMBER.search(line)
        if match and len(line) <= len(match.group(0)) + 6:
            return match.group(0).replace(" ", "")
    return None


def _title(preamble: list[tuple[int, str]]) -> tuple[str | None, frozenset[int]]:
    candidates = [
        (i, line)
        for i, line in preamble
        if not (_SKIP_LINE.match(line) or _DOC_NUMBER.fullmatch(line) or parse_date_line(line))
    ]
    if not candidates:
        return None, frozenset()
    index, first = candidates[0]
    if not _title_like(first):
        return None, frozenset()
    if len(candidates) > 1:
        next_index, second = candidates[1]
        if (
            next_index == index + 1
            and _title_like(second)
            and not first.endswith(_DOC_TYPES)
            and second.endswith(_DOC_TYPES)
            and len(first + second) <= _TITLE_MAX
        ):
            return first + second, frozenset({index, next_index})
    return first, frozenset({index})


def _title_like(line: str) -> bool:
    return (
        len(line) <= _TITLE_MAX
        and not line.endswith(("：", ":", "，", "、"))
        and not any(ch in line for ch in "。；;")
    )
