"""Word's automatic numbering: the ``一、`` or ``1.`` that Word draws but does not store as text.

python-docx returns paragraph text without list numbers. Plans drafted with Word's
numbering would lose their structure, so this module replays the numbering definitions
(``numbering.xml``) and renders each numbered paragraph's label.
"""

from __future__ import annotations

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


class Numbering:
    """Tracks list counters through a document and renders labels such as ``（一）``."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no or unreadable numbering part: nothing is auto-numbered
            return
        abstract = {
            node.get(qn("w:abstractNumId")): _levels(node)
            for node in root.findall(qn("w:abstractNum"))
        }
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and ref.get(qn("w:val")) in abstract:
                self.levels[str(num.get(qn("w:numId")))] = abstract[ref.get(qn("w:val"))]

    def label(self, paragraph: Any) -> str | None:
        """The label Word shows before ``paragraph`` (None if unnumbered); advances counters."""
        found = _num_pr(paragraph)
        if found is None or found[0] not in self.levels:
            return None
        num_id, level = found
        levels = self.levels[num_id]
        counters = self.counters.setdefault(
            num_id, [levels.get(i, ("decimal", "", 1))[2] - 1 for i in range(_MAX_LEVELS)]
        )
        counters[level] += 1
        for deeper in range(level + 1, _MAX_LEVELS):
            counters[deeper] = levels.get(deeper, ("decimal", "", 1))[2] - 1
        fmt, text, _ = levels.get(level, ("decimal", f"%{level + 1}.", 1))
        if fmt == "bullet":
            return "●"
        for index in range(level, -1, -1):
            text = text.replace(
                f"%{index + 1}", _format(counters[index], levels.get(index, ("decimal", "", 1))[0])
            )
        return _with_separator(text)


def _levels(node: Any) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for lvl in node.findall(qn("w:lvl")):
        fmt, text, start = (
            lvl.find(qn("w:numFmt")),
            lvl.find(qn("w:lvlText")),
            lvl.find(qn("w:start")),
        )
        levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
            fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
            text.get(qn("w:val"), "") if text is not None else "",
            int(start.get(qn("w:val"), "1")) if start is not None else 1,
        )
    return levels


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    for holder in (paragraph._p, getattr(paragraph.style, "element", None)):
        ppr = holder.pPr if holder is not None else None
        num_pr = ppr.numPr if ppr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), min(int(level), _MAX_LEVELS - 1)
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
    if label and (label[-1].isdigit() or label[-1] in "一二三四五六七八九十"):
        return label + ("." if label[-1].isdigit() else "、")
    return label
