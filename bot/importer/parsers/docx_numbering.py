"""Word's automatic numbering: the ``一、`` or ``1.`` that Word draws but does not store as text.

python-docx returns paragraph text without list numbers. Plans drafted with Word's
numbering would lose their structure, so this module replays the numbering definitions
(``numbering.xml``) and renders each numbered paragraph's label as Word does: counters belong
to the list definition (``w:abstractNum``), so two ``w:num`` of one list continue each other
unless one restarts a level (``w:lvlOverride/w:startOverride``); a list style's definition
(``w:numStyleLink``) is found through the style; a level may be redefined by an override.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from bot.importer.numerals import int_to_cn

_CHINESE_FORMATS = frozenset(
    {
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "ideographTraditional",
        "taiwaneseCounting",
        "japaneseCounting",
    }
)
_MAX_LEVELS = 9
_OUTLINE_NUMBER = re.compile(r"\d+(?:\.\d+)+")
_VAL = qn("w:val")


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list: number format, label template, first value, legal numbering."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False
    style: str | None = None


_DEFAULT = Level()


@dataclass(slots=True)
class _List:
    """One ``w:abstractNum``: its levels and the counters its instances share."""

    levels: dict[int, Level]
    counters: list[int | None] = field(default_factory=lambda: [None] * _MAX_LEVELS)


@dataclass(frozen=True, slots=True)
class _Instance:
    """One ``w:num``: the list it draws from and its overrides."""

    abstract: str
    starts: dict[int, int]
    levels: dict[int, Level]


class Numbering:
    """Tracks list counters through a document and renders labels such as ``（一）``."""

    def __init__(self, document: Any) -> None:
        self.lists: dict[str, _List] = {}
        self.instances: dict[str, _Instance] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except Exception:  # no or unreadable numbering part: nothing is auto-numbered
            return
        links: dict[str, str] = {}
        for node in root.findall(qn("w:abstractNum")):
            key = str(node.get(qn("w:abstractNumId")))
            self.lists[key] = _List(_levels(node))
            link = node.find(qn("w:numStyleLink"))
            if link is not None:
                links[key] = str(link.get(_VAL))
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and ref.get(_VAL) in self.lists:
                self.instances[str(num.get(qn("w:numId")))] = _instance(num, str(ref.get(_VAL)))
        for key, style in links.items():  # a list style's list lives behind the style
            target = self._style_list(document, style)
            if target is not None:
                self.lists[key] = self.lists[target]

    def _style_list(self, document: Any, style_id: str) -> str | None:
        try:
            styles = document.styles.element
        except Exception:  # no styles part: the link leads nowhere
            return None
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:styleId")) == style_id:
                num_id = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
                key = str(num_id.get(_VAL)) if num_id is not None else ""
                return self.instances[key].abstract if key in self.instances else None
        return None

    def label(self, paragraph: Any) -> str | None:
        """The label Word shows before ``paragraph`` (None if unnumbered); advances counters."""
        return self.number(paragraph)[0]

    def number(self, paragraph: Any) -> tuple[str | None, str | None]:
        """The label before ``paragraph`` and the style its list level is linked to (a list
        linked to the heading styles numbers headings), or Nones; advances counters."""
        found = _num_pr(paragraph)
        if found is None or found[0] not in self.instances:
            return None, None
        num_id, level_or_none, style_id = found
        instance = self.instances[num_id]
        shared = self.lists[instance.abstract]
        levels = {**shared.levels, **instance.levels}
        level = level_or_none if level_or_none is not None else _styled_level(levels, style_id)
        counters = shared.counters
        if num_id not in self.started:
            self.started.add(num_id)
            for index, start in instance.starts.items():
                counters[index] = start - 1
        current = counters[level]
        counters[level] = (current if current is not None else _start(levels, level) - 1) + 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = None
        definition = levels.get(level, Level(text=f"%{level + 1}."))
        return self._render(definition, levels, counters, level), definition.style

    @staticmethod
    def _render(
        definition: Level, levels: dict[int, Level], counters: list[int | None], level: int
    ) -> str | None:
        if definition.fmt == "bullet":
            return "●"
        if definition.fmt == "none":
            return definition.text or None
        text = definition.text
        for index in range(level, -1, -1):
            value = counters[index]
            fmt = "decimal" if definition.legal else levels.get(index, _DEFAULT).fmt
            shown = value if value is not None else _start(levels, index)
            text = text.replace(f"%{index + 1}", _format(shown, fmt))
        return _with_separator(text)


def _start(levels: dict[int, Level], level: int) -> int:
    return levels.get(level, _DEFAULT).start


def _styled_level(levels: dict[int, Level], style_id: str | None) -> int:
    """The level a style's numbering draws (a level names its style), else the first."""
    return next((i for i, lvl in levels.items() if style_id and lvl.style == style_id), 0)


def _instance(num: Any, abstract: str) -> _Instance:
    starts: dict[int, int] = {}
    levels: dict[int, Level] = {}
    for override in num.findall(qn("w:lvlOverride")):
        index = min(int(override.get(qn("w:ilvl"), "0")), _MAX_LEVELS - 1)
        start = override.find(qn("w:startOverride"))
        if start is not None:
            starts[index] = int(start.get(_VAL, "1"))
        lvl = override.find(qn("w:lvl"))
        if lvl is not None:
            levels[index] = _level(lvl)
    return _Instance(abstract, starts, levels)


def _levels(node: Any) -> dict[int, Level]:
    return {
        min(int(lvl.get(qn("w:ilvl"), "0")), _MAX_LEVELS - 1): _level(lvl)
        for lvl in node.findall(qn("w:lvl"))
    }


def _level(lvl: Any) -> Level:
    def value(name: str, default: str) -> str:
        node = lvl.find(qn(name))
        return str(node.get(_VAL, default)) if node is not None else default

    legal = lvl.find(qn("w:isLgl"))
    style = lvl.find(qn("w:pStyle"))
    return Level(
        fmt=value("w:numFmt", "decimal"),
        text=value("w:lvlText", ""),
        start=int(value("w:start", "1")),
        legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false"),
        style=str(style.get(_VAL)) if style is not None else None,
    )


def _num_pr(paragraph: Any) -> tuple[str, int | None, str | None] | None:
    """The paragraph's list and level: its own, else its style's or a base style's."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
        return str(num_pr.numId.val), min(int(level), _MAX_LEVELS - 1), None
    style = paragraph.style
    while style is not None:
        ppr = style.element.pPr
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            level = min(int(num_pr.ilvl.val), _MAX_LEVELS - 1) if num_pr.ilvl is not None else None
            return str(num_pr.numId.val), level, paragraph.style.style_id
        style = style.base_style
    return None


def _format(value: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS:
        return int_to_cn(value) if 0 < value < 100 else str(value)
    if fmt.startswith("decimalEnclosedCircle") and 0 < value <= 20:
        return chr(0x2460 + value - 1)
    if fmt in ("lowerLetter", "upperLetter") and 0 < value <= 26:
        letter = chr(ord("a") + value - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


def _with_separator(label: str) -> str:
    """A label Word draws with no separator gets one, so the text does not run into it; a
    decimal outline number (``1.1``) is followed by a space, as such outlines are typed."""
    if _OUTLINE_NUMBER.fullmatch(label):
        return label + " "
    if label and (label[-1].isdigit() or label[-1] in "一二三四五六七八九十"):
        return label + ("." if label[-1].isdigit() else "、")
    return label
