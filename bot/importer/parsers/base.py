"""The parser protocol and the pipeline shared by the text-like formats."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.importer.assemble import Assembler, Draft
from bot.importer.finish import finish
from bot.importer.header import Header, read_header
from bot.importer.model import ParsedPlan
from bot.importer.outline import SourceText, build_outline, first_item_line


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """What the caller asks of a parse."""

    filename: str = ""
    all_parts: bool = False
    year: int | None = None


class PlanParser(Protocol):
    """A reader for one input format."""

    name: str

    def detect(self, data: bytes, filename: str) -> bool:
        """Whether this parser reads ``data`` (cheap: extension and magic bytes only)."""
        ...

    def parse(self, data: bytes, options: ParseOptions) -> ParsedPlan:
        """Parse ``data``; raise :class:`~bot.importer.errors.PlanImportError` on bad input."""
        ...


def source_header(source: SourceText, options: ParseOptions) -> Header:
    """The header of a text-like document."""
    return read_header(source.line_texts(), first_item_line(source), year=options.year)


def text_drafts(source: SourceText, header: Header) -> tuple[list[Draft], Assembler]:
    """Measures found in the numbered text of a document, with the assembler that found them."""
    root = build_outline(source, title_lines=header.title_lines)
    assembler = Assembler(source.text, header)
    return assembler.drafts(root), assembler


def plan_from_source(source: SourceText, options: ParseOptions) -> ParsedPlan:
    """The shared pipeline: header, outline, measures, targets, ids."""
    header = source_header(source, options)
    root = build_outline(source, title_lines=header.title_lines)
    assembler = Assembler(source.text, header)
    return finish(
        assembler.drafts(root),
        header=header,
        targets=assembler.targets(root),
        all_parts=options.all_parts,
        warnings=[],
        text=source.text,
    )
