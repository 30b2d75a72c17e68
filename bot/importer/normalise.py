"""Text normalisation: the one canonical form every parser reads.

:func:`normalise_text` defines "the normalised input": measure bodies produced by the
text and Markdown parsers are always exact substrings of it. It only

* turns every line ending into ``\\n`` and drops BOMs, zero-width and control characters;
* removes page artifacts: paywall markers such as ``##paidbegin##``, page numbers
  (``- 3 -``, ``第3页 共10页``) and web-page furniture (``来源：``, ``发布时间：``,
  ``浏览次数``, ``字号：大 中 小``, ``打印本页`` ...);
* reads OCR look-alikes in numbers as digits (``2〇25年l2月`` → ``2025年12月``);
* strips each line's surrounding white space (including full-width spaces) and drops
  blank lines;
* joins the lines of a text copied out of a PDF, broken at the page width inside sentences,
  back into their paragraphs (:func:`unwrap`).

Nothing else inside a line is rewritten, so full-width punctuation stays as written; only the
digits of a scanned page's dates that OCR read as look-alikes (``2〇25年l2月``) are read as meant
(:func:`ocr_digits`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

_INLINE_ARTIFACTS = re.compile(r"##[A-Za-z_]{2,20}##")
_INVISIBLE = re.compile(r"[\ufeff\u200b\u200c\u200d\u2060\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0c\x85]")
_SYMBOL_BULLET = re.compile(r"^[\ue000-\uf8ff]+")
"""Private-use glyphs opening a line: a bullet drawn from a symbol font (Wingdings Ø, §),
which Word and WPS save as such a code point; never part of the text."""
_SPACE = " \t\u3000\u00a0\u2002\u2003\u2009\u202f"
_WEB_PREFIXES = (
    "来源：",
    "来源:",
    "信息来源",
    "发布时间",
    "发布日期",
    "发布机构",
    "浏览次数",
    "阅读次数",
    "点击数",
    "点击次数",
    "访问次数",
    "字号",
    "【字体",
    "打印本页",
    "关闭窗口",
    "【打印",
    "【关闭",
    "分享到",
    "扫一扫",
    "责任编辑",
    "索引号",
    "主题分类",
    "【我要纠错",
    "当前位置",
    "您当前的位置",
    "（责任编辑",
    "(责任编辑",
    "扫描二维码",
    "相关链接",
    "上一篇",
    "下一篇",
    "附件下载",
    "【纠错",
)
_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–－─]\s*\d{1,4}\s*[-—–－─]
      | 第\s*\d{1,4}\s*页(?:\s*[，,/、]?\s*共\s*\d{1,4}\s*页)?
      | 共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页
      | \d{1,4}\s*/\s*\d{1,4}
      | (?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?
    )$""",
    re.VERBOSE,
)
_BRACKET_CHROME = re.compile(r"^(?:[【\[][^】\]]{1,12}[】\]]\s*){1,8}$")
_SITE_CHROME = re.compile(
    r"^[-*•·|]?\s*(?:设为首页|加入收藏|无障碍(?:阅读|浏览)?|长者版|关怀版|适老化|网站地图|繁體|简体"
    r"|English|登录|注册|首页|返回顶部|返回首页|打印|关闭|分享)"
    r"(?:\s*[|｜/丨]\s*(?:设为首页|加入收藏|无障碍(?:阅读|浏览)?|长者版|关怀版|网站地图|繁體|简体"
    r"|English|登录|注册|首页|打印|关闭))*\s*$"
)


def is_artifact_line(line: str) -> bool:
    """Whether a stripped line is page or web furniture rather than document text."""
    if _PAGE_NUMBER.match(line) or _BRACKET_CHROME.match(line) or _SITE_CHROME.match(line):
        return True
    if line.startswith(_WEB_PREFIXES) and len(line) < 120:
        return True
    return "大 中 小" in line or ("大中小" in line and "字" in line)


def clean_line(line: str) -> str:
    """Remove inline artifacts, a symbol-font bullet and surrounding white space from one
    line, and read the digits of its dates as a scan meant them (:func:`ocr_digits`)."""
    line = _INLINE_ARTIFACTS.sub("", line).strip(_SPACE)
    return ocr_digits(_SYMBOL_BULLET.sub("", line).lstrip(_SPACE))


_OCR_DIGITS = str.maketrans("〇OolI", "00011")
_ZERO_IN_NUMBER = re.compile(r"(?<=\d)〇|〇(?=\d)")
_DATE_NUMBER = re.compile(r"(?<![A-Za-z0-9〇])([0-9OolI〇]{1,4})(?=[年月日号])")


def ocr_digits(line: str) -> str:
    """A scanned page's digits as meant where OCR read them as look-alikes: 〇 beside an Arabic
    digit (``2〇25``, ``5〇0``) is 0, and in a number before 年/月/日/号 that holds a digit or
    follows 年/月 (``2O25年``, ``1O月``, ``l2月``, ``2025年ll月``) O/o are 0 and l/I are 1.
    Words in Latin letters and Chinese numerals (``二〇二五年``) stay as written."""
    line = _ZERO_IN_NUMBER.sub("0", line)
    return _DATE_NUMBER.sub(_date_number, line)


def _date_number(match: re.Match[str]) -> str:
    number = match.group(1)
    before = match.string[match.start() - 1] if match.start() else ""
    if number.isdigit() or not (any(ch.isdigit() for ch in number) or before in "年月"):
        return number
    return number.translate(_OCR_DIGITS)


def split_lines(text: str) -> list[str]:
    """Split raw text into lines after line-ending normalisation and invisible-char removal."""
    return _LINE_BREAKS.sub("\n", _INVISIBLE.sub("", text)).split("\n")


def normalise_text(text: str) -> str:
    """Return the canonical form of a plan text (see the module docstring)."""
    kept: list[tuple[str, str]] = []
    for raw in split_lines(text):
        line = clean_line(raw)
        if line and not is_artifact_line(line):
            kept.append((raw.rstrip(_SPACE), line))
    return "\n".join(unwrap(kept))


_WRAP_MIN = 40
"""Narrowest page width (in columns, a Chinese character two) taken for a wrapped copy."""
_WRAP_SLACK = 4
"""How much shorter than the page width a full line may be (a half-width digit, a 避头 shift)."""
_WRAP_SHARE = 0.3
_WRAP_LINES = 5
_SENTENCE_END = tuple("。！？；：!?;:")
_MID_SENTENCE = tuple("，、")
"""A line ending here breaks a sentence (a ``<br>`` in a web page, a hand-broken line)."""


def columns(text: str) -> int:
    """The width of ``text`` in columns: two for a full-width character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(widths: Sequence[int]) -> int | None:
    """The page width a text copied out of a PDF was broken at, or None when its lines are
    whole paragraphs: a width that many lines reach, and none of the longer ones exceed much."""
    long = Counter(width for width in widths if width >= _WRAP_MIN // 2)
    best: tuple[int, int] | None = None
    for width in long:
        if width < _WRAP_MIN:
            continue
        full = sum(long[w] for w in range(width - _WRAP_SLACK, width + 1))
        if best is None or (full, width) > best:
            best = (full, width)
    if best is None or best[0] < max(_WRAP_LINES, _WRAP_SHARE * long.total()):
        return None
    over = sum(count for w, count in long.items() if w > best[1] + _WRAP_SLACK)
    return best[1] if over <= best[0] // 4 else None


def unwrap(lines: Sequence[tuple[str, str]]) -> list[str]:
    """Cleaned lines with the lines of a hard-wrapped copy joined into their paragraphs.

    ``lines`` are (raw line, cleaned line). Text copied out of a PDF breaks every line at the
    page width, inside sentences, unit names and owner brackets. When most long lines end at
    one width, a full line that does not end a sentence runs on into the next one; so does any
    line ending in ，or 、. Never into a line that is indented or opens with a marker (a new
    paragraph or item), nor to or from a table row.
    """
    width = wrap_width([columns(raw) for raw, _ in lines])
    out: list[str] = []
    joining = False
    for raw, line in lines:
        if joining and not _starts_paragraph(raw, line):
            out[-1] += line  # Chinese runs on without a space, as do numbers cut in two
        else:
            out.append(line)
        table_row = "\t" in raw or "|" in raw
        full = width is not None and columns(raw) >= width - _WRAP_SLACK
        joining = not table_row and (
            out[-1].endswith(_MID_SENTENCE) or (full and not out[-1].endswith(_SENTENCE_END))
        )
    return out


def _starts_paragraph(raw: str, line: str) -> bool:
    from bot.importer.markers import match_marker  # markers import nothing from here

    return raw[:1] in _SPACE or "\t" in raw or "|" in raw or match_marker(line) is not None
