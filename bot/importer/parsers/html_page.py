"""Web pages saved as .html: the page's text, one line per block, table cells tab-separated.

A lead often saves the government web page a plan was published on. Its text reads like the
text files the importer knows once the markup is gone: paragraphs (``<p>``, ``<div>``,
``<br>``, headings, list items) become lines, a table's cells become tab-separated rows (which
:mod:`bot.importer.parsers.text_tables` reads as a responsibility table), entities are
unescaped, and scripts, styles and the ``<head>`` are dropped. Site chrome left in the text
(navigation, 发布时间, 打印本页) is web furniture that normalisation removes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath

from bot.importer.decoding import decode_text, looks_binary
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.model import ParsedPlan
from bot.importer.normalise import normalise_text
from bot.importer.outline import SourceText
from bot.importer.parsers.base import ParseOptions
from bot.importer.parsers.tabular import plan_from_document
from bot.importer.parsers.text_tables import find_text_tables

_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_SNIFF = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_BLOCKS = frozenset(
    re.findall(
        r"\w+",
        "p div br li tr h1 h2 h3 h4 h5 h6 table section article ul ol dd dt blockquote pre hr"
        " header footer nav center form",
    )
)
_CELLS = frozenset({"td", "th"})
_SKIPPED = frozenset({"script", "style", "head", "noscript", "template", "select", "iframe"})


class HtmlParser:
    """Reads saved web pages."""

    name = "html"

    def detect(self, data: bytes, filename: str) -> bool:
        """Files named .html/.htm, or text that opens as an HTML document."""
        if PurePath(filename).suffix.lower() in _SUFFIXES:
            return not looks_binary(data)
        head = data[:1024].lstrip(b"\xef\xbb\xbf")
        return _SNIFF.match(head) is not None

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """The page's text, parsed as a text plan is."""
        text = normalise_text(page_text(decode_text(data)))
        if not text:
            raise PlanImportError(FailureReason.EMPTY, "importer.no_text")
        source = SourceText.plain(text)
        return plan_from_document(source, [], options, text_tables=find_text_tables(source))


def page_text(html: str) -> str:
    """The visible text of an HTML page, a line per block and a tab between table cells."""
    reader = _PageText()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []
        self.cells_in_row = 0
        self.preformatted = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)  # the same element nested: wait for both ends
            return
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag in _CELLS:
            if self.cells_in_row:
                self.parts.append("\t")
            self.cells_in_row += 1
        elif tag in _BLOCKS:
            if tag == "tr":
                self.cells_in_row = 0
            if tag == "pre":
                self.preformatted += 1
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag in _BLOCKS:
            if tag == "pre" and self.preformatted:
                self.preformatted -= 1
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.preformatted:
            # source line breaks are white space; between Chinese characters, none at all
            data = re.sub(r"[ \t]*[\r\n]+[ \t]*", "", data).replace("\t", " ")
        self.parts.append(data.replace("\t", " ") if self.cells_in_row else data)
