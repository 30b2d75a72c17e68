"""Key-item marks: the signs a plan puts before some of its items (★ 重点督办, ▲ 考核事项),
and the note that explains them (``标★的为县政府重点督办事项，标▲的为纳入年度绩效考核事项``).

A sign counts as a mark only when the plan picks items out with it: the legend names it, or
it stands before some items of a list and not the others. A sign before every item of a list
is a bullet (``◆ 年内培训…`` / ``◆ 建立…``), not a mark; so is a numbered item's own marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from bot.importer.model import KeyMark, ParsedMeasure

SIGNS = "★☆▲△◆◎※"
_SPACE = " \t\u3000"
_NOTE = re.compile(r"^[（(【\[]?\s*(?:注|说明|备注|附注)\s*\d*\s*[：:]")
_LEGEND = re.compile(
    rf"(?P<lead>标注?有?|带有?|加注?|注有|打)?\s*[“\"'‘「]?(?P<sign>[{SIGNS}])[”\"'’」]?\s*"
    r"(?:号|符号|标记|标识)?\s*(?:的|者)?\s*(?:事项|任务|项目|工作|内容)?\s*"
    r"(?:为|是|系|表示|代表|指|：|:|—+|－)\s*(?P<meaning>[^，,；;。\n（）()]{2,40})"
)
_CLAUSES = re.compile(r"[，,；;。]")
_BRACKETS = "（）()【】[] \t\u3000"
_KEY_WORDS = re.compile(r"事项|任务|项目|督办|考核|重点|指标")
"""What a legend's meaning speaks of; a bare ``★为…`` line is a legend only when it does."""


def leading_signs(text: str) -> str:
    """The signs opening ``text`` (white space between them skipped), each once, in order."""
    found: list[str] = []
    for ch in text.lstrip(_SPACE):
        if ch in SIGNS:
            found.append(ch)
        elif ch not in _SPACE:
            break
    return "".join(dict.fromkeys(found))


def without_signs(text: str) -> str:
    """``text`` without the signs (and the white space) before it."""
    return text.lstrip(SIGNS + _SPACE)


def read_legend(text: str) -> tuple[KeyMark, ...]:
    """The plan's legend, sign by sign, from its note lines: a line opening with 注：/说明：/
    备注：, a sign introduced by 标/带/加 (``标★的为…``), or a line made of nothing but
    ``★为…`` clauses. The first meaning given a sign is kept."""
    found: dict[str, str] = {}
    for line in text.split("\n"):
        line = line.strip(_SPACE)
        if not any(sign in line for sign in SIGNS):
            continue
        note = _NOTE.match(line) is not None or _only_legend(line)
        for match in _LEGEND.finditer(line):
            if note or match.group("lead"):
                meaning = match.group("meaning").strip(_BRACKETS + "的")
                found.setdefault(match.group("sign"), meaning)
    return tuple(KeyMark(sign, meaning) for sign, meaning in found.items())


def _only_legend(line: str) -> bool:
    clauses = [c.strip(_BRACKETS) for c in _CLAUSES.split(line)]
    clauses = [c for c in clauses if c]
    matches = [_LEGEND.fullmatch(c) for c in clauses]
    return bool(matches) and all(
        m is not None and _KEY_WORDS.search(m.group("meaning")) for m in matches
    )


def counted_signs(
    groups: Iterable[Sequence[str]], legend: Sequence[KeyMark] = ()
) -> frozenset[str]:
    """The signs that are marks: those the legend explains, and those that stand before some
    items of a group (the items of one list, each given as its signs) and not the others."""
    counted = {mark.sign for mark in legend}
    for group in groups:
        for sign in set("".join(group)):
            if any(sign not in signs for signs in group):
                counted.add(sign)
    return frozenset(counted)


def marks_of(signs: str, counted: frozenset[str]) -> str:
    """The marks among an item's ``signs``."""
    return "".join(sign for sign in signs if sign in counted)


def with_marks(
    measures: Sequence[tuple[int | None, ParsedMeasure]], legend: Sequence[KeyMark]
) -> list[ParsedMeasure]:
    """Each measure (given with the key of the list it is in) with its marks, and its marker
    without the signs written before the number (``★1.``)."""
    signs = [_signs(measure) for _, measure in measures]
    groups: dict[int | None, list[str]] = {}
    for (key, _), found in zip(measures, signs, strict=True):
        groups.setdefault(key, []).append(found)
    counted = counted_signs(groups.values(), legend)
    return [
        replace(
            measure,
            marks=marks_of(found, counted),
            marker=without_signs(measure.marker) if found and measure.marker else measure.marker,
        )
        for (_, measure), found in zip(measures, signs, strict=True)
    ]


def _signs(measure: ParsedMeasure) -> str:
    """The signs before a measure's number and before its text."""
    return "".join(dict.fromkeys(_marker_signs(measure.marker) + leading_signs(measure.body)))


def _marker_signs(marker: str | None) -> str:
    """The signs written before a number (``★1.``, ``★一、``); a marker that is a sign alone
    (``◆`` as a bullet) is the item's marker, not a mark."""
    return leading_signs(marker) if marker and without_signs(marker) else ""


def with_section_marks(
    measures: Sequence[ParsedMeasure],
    sections: Sequence[tuple[int | None, str | None]],
    legend: Sequence[KeyMark],
) -> list[ParsedMeasure]:
    """Each measure with the marks of the section it is in (``★一、扩大投资``: every task under
    it is marked), after its own. ``sections`` gives each measure's section key and marker as
    written; a section's sign counts as a mark when the legend explains it or when it stands
    before some sections and not the others."""
    signs_of: dict[int, str] = {}
    for key, marker in sections:
        if key is not None and key not in signs_of:
            signs_of[key] = _marker_signs(marker)
    counted = counted_signs([list(signs_of.values())], legend)
    marked = []
    for measure, (key, _) in zip(measures, sections, strict=True):
        inherited = marks_of(signs_of.get(key, ""), counted) if key is not None else ""
        if inherited:
            measure = replace(measure, marks="".join(dict.fromkeys(measure.marks + inherited)))
        marked.append(measure)
    return marked
