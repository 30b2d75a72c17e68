"""Documents made of tables, or of text and tables: picks the table when it is a 责任清单."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import PurePath

from bot.importer.assemble import Assembler, Draft
from bot.importer.errors import FailureReason, Notice, PlanImportError
from bot.importer.finish import finish
from bot.importer.header import Header, year_from_text
from bot.importer.ids import normalise_title
from bot.importer.model import Indicator, ParsedPlan, PartKind
from bot.importer.outline import SourceText, build_outline
from bot.importer.owners import first_listed_leads
from bot.importer.parsers.base import ParseOptions, source_header
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, form_as_table, read_table
from bot.importer.parsers.text_tables import TextTable, find_text_tables

_TABLE_WORDS = re.compile(r"清单|一览表|分解表|任务表|台账|附件|附表|[^。]表$")
_TABLE_HEADING_MAX = 30
_CANCELLED_NAMED = 5  # the called-off rows a warning names (then ……)


def typed_tables(source: SourceText, grids: Sequence[Grid], options: ParseOptions) -> ParsedPlan:
    """A word processor's document: its real tables, and tables typed into its paragraphs with
    tabs (one paragraph a row), which Word users make as often as real ones."""
    return plan_from_document(source, grids, options, text_tables=find_text_tables(source))


def plan_from_document(
    source: SourceText,
    grids: Sequence[Grid],
    options: ParseOptions,
    *,
    infer_merges: bool = False,
    text_tables: Sequence[TextTable] = (),
    text_beside_tables: bool = True,
) -> ParsedPlan:
    """Parse a document's responsibility tables and the numbered text beside them.

    ``grids`` are real tables (Word, Excel, CSV, Markdown pipes); ``text_tables`` were found
    in the text itself and are left out of its outline. With ``text_beside_tables`` (documents
    whose text is prose, not the cells of the tables) numbered text outside the tables gives
    measures too, except those a table repeats.
    """
    header = source_header(source, options)
    first_leads = first_listed_leads(source.text)
    table_drafts: list[Draft] = []
    cancelled: list[str] = []
    next_key = 0
    table_title: str | None = None
    grids = [_as_table(grid) for grid in grids]
    tables = [(grid, None) for grid in grids] + [(t.grid, t) for t in text_tables]
    for grid, text_table in tables:
        found = find_header(grid.rows)
        if found is None:
            continue
        title = grid.title(found.row)
        table_title = table_title or title
        year = header.year or year_from_text(title or "") or year_from_text(options.filename)
        result = read_table(grid, year=year, first_leads=first_leads, infer_merges=infer_merges)
        if result is None:
            continue
        drafts = result.drafts
        cancelled.extend(result.cancelled)
        if text_table is not None:
            drafts = [_with_source_body(d, text_table, source.text) for d in drafts]
        table_drafts.extend(_offset(drafts, next_key))
        next_key = max(next_key, _next_key(table_drafts[-len(drafts) :]) if drafts else next_key)
    if not table_drafts:
        return _text_plan(
            _without(source, text_tables),
            header,
            options,
            has_tables=bool(grids) or bool(text_tables),
        )
    year = header.year or year_from_text(table_title or "") or year_from_text(options.filename)
    title = (
        (header.title or table_title)
        if text_beside_tables
        else (table_title or _named_after(options.filename))
    )
    header = replace(header, title=title, year=year)
    text_drafts: list[Draft] = []
    if text_beside_tables:
        text_drafts = _text_drafts(_without(source, text_tables), header)
    drafts = _merge(text_drafts, table_drafts)
    return finish(
        drafts,
        header=header,
        targets=_targets(source, header),
        all_parts=options.all_parts,
        warnings=[_cancelled(cancelled)] if cancelled else [],
        text=source.text,
    )


def _cancelled(tasks: Sequence[str]) -> Notice:
    """The warning that rows a 备注 cell calls off (取消, 撤销) were left out, naming them."""
    named = [task for task in tasks if task][:_CANCELLED_NAMED]
    more = len(tasks) > len(named)
    return Notice.of(
        "importer.warning.cancelled",
        number=len(tasks),
        tasks="、".join(named) + ("……" if more else ""),
    )


def _as_table(grid: Grid) -> Grid:
    """A table as a responsibility table: a form of label, value rows becomes one row."""
    if find_header(grid.rows) is not None:
        return grid
    return form_as_table(grid) or grid


def _named_after(filename: str) -> str | None:
    """A table file's own name as the plan title, when it is words (重点任务清单.csv)."""
    stem = PurePath(filename).stem.strip()
    return stem if re.search(r"[\u4e00-\u9fff]", stem) else None


def _with_source_body(draft: Draft, table: TextTable, text: str) -> Draft:
    """A text table's measure keeps its row as written in the text."""
    if draft.row is None or draft.row >= len(table.row_spans):
        return draft
    span = table.row_spans[draft.row]
    if span is None:
        return draft
    return replace(draft, measure=replace(draft.measure, body=text[span[0] : span[1]]))


def _without(source: SourceText, tables: Sequence[TextTable]) -> SourceText:
    """The source without the lines of its text tables (offsets unchanged)."""
    skipped = frozenset().union(*(t.lines for t in tables)) if tables else frozenset()
    if not skipped:
        return source
    return SourceText(
        source.text, tuple(line for index, line in enumerate(source.lines) if index not in skipped)
    )


def _text_drafts(source: SourceText, header: Header) -> list[Draft]:
    if not source.lines:
        return []
    root = build_outline(source, title_lines=header.title_lines)
    return Assembler(source.text, header).drafts(root)


def _merge(text_drafts: list[Draft], table_drafts: list[Draft]) -> list[Draft]:
    """Text measures, then table measures.

    A text measure a table repeats is dropped, and so is a bare heading that names a table
    (``三、任务清单``, ``附件：责任分解表``): its rows are the measures.
    """
    titles = {normalise_title(d.measure.title) for d in table_drafts}
    kept = [
        d
        for d in text_drafts
        if d.kind is not PartKind.PLAN
        or not (normalise_title(d.measure.title) in titles or _names_table(d))
    ]
    return [*kept, *_offset(table_drafts, _next_key(kept))]


def _names_table(draft: Draft) -> bool:
    body = draft.measure.body
    return (
        len(body) <= _TABLE_HEADING_MAX
        and "。" not in body
        and _TABLE_WORDS.search(body) is not None
    )


def _next_key(drafts: Sequence[Draft]) -> int:
    keys = [d.section_key for d in drafts if d.section_key is not None]
    return max(keys) + 1 if keys else 0


def _text_plan(
    source: SourceText, header: Header, options: ParseOptions, *, has_tables: bool
) -> ParsedPlan:
    root = build_outline(source, title_lines=header.title_lines)
    assembler = Assembler(source.text, header)
    try:
        return finish(
            assembler.drafts(root),
            header=header,
            targets=assembler.targets(root),
            all_parts=options.all_parts,
            warnings=[],
            text=source.text,
        )
    except PlanImportError as error:
        if error.reason is FailureReason.NO_STRUCTURE and has_tables:
            raise no_header() from error
        raise


def _targets(source: SourceText, header: Header) -> tuple[Indicator, ...]:
    if not source.lines:
        return ()
    root = build_outline(source, title_lines=header.title_lines)
    return Assembler(source.text, header).targets(root)


def _offset(drafts: list[Draft], offset: int) -> list[Draft]:
    return [
        replace(d, section_key=None if d.section_key is None else d.section_key + offset)
        for d in drafts
    ]


def no_header() -> PlanImportError:
    """The error for a table whose header row names no task column."""
    return PlanImportError(FailureReason.NO_HEADER, "importer.no_header")
