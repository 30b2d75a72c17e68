"""Fonts for charts, so that Chinese labels render on any machine (never as empty boxes).

A full CJK font installed on the system (Noto Sans CJK SC, Source Han Sans, WenQuanYi, …) is
preferred, since it covers rare characters too; the bundled *Duban Sans SC* (a GB 2312 subset of
Noto Sans CJK SC, see ``README.md`` here) is always there as the fallback, and DejaVu Sans (shipped
with matplotlib) last. :func:`printable` replaces the few characters none of them has.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from matplotlib import font_manager

BUNDLED = Path(__file__).with_name("DubanSansSC-Regular.ttf")
BUNDLED_FAMILY = "Duban Sans SC"
LAST_RESORT = "DejaVu Sans"
SYSTEM_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "SimHei",
)
MISSING = "?"


@cache
def chart_fonts() -> tuple[tuple[str, Path], ...]:
    """The (family, file) pairs to draw with, best first; registers the bundled font."""
    font_manager.fontManager.addfont(str(BUNDLED))
    installed = {entry.name: Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    system = tuple((name, installed[name]) for name in SYSTEM_FAMILIES if name in installed)
    last = installed.get(LAST_RESORT)
    fallback = ((LAST_RESORT, last),) if last else ()
    return (*system, (BUNDLED_FAMILY, BUNDLED), *fallback)


def families() -> list[str]:
    """Family names for matplotlib's ``font.family`` (it falls back glyph by glyph)."""
    return [family for family, _ in chart_fonts()]


@cache
def _characters(path: Path) -> frozenset[int]:
    font = TTFont(str(path), fontNumber=0, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@cache
def covered() -> frozenset[int]:
    """Every code point some chart font can draw."""
    points: set[int] = set()
    for _, path in chart_fonts():
        points |= _characters(path)
    return frozenset(points)


def printable(text: str) -> str:
    """``text`` with characters no chart font has replaced by ``?`` (whitespace kept)."""
    have = covered()
    return "".join(c if c.isspace() or ord(c) in have else MISSING for c in text)


def bundled_characters() -> frozenset[int]:
    """The code points of the bundled font (for tests and diagnostics)."""
    return _characters(BUNDLED)
