"""Documents made of tables, or of text and tables: picks the table when it is a 责任清单."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.importer.assemble import Assembler, Draft, finish
from bot.importer.errors import FailureReason, PlanImportError
from bot.importer.header import Header, year_from_text
from bot.importer.model import Indicator, ParsedPlan
from bot.importer.outline import SourceText, build_outline
from bot.importer.owners import first_listed_leads
from bot.importer.parsers.base import ParseOptions, source_header
from bot.importer.parsers.columns import find_header
from bot.importer.parsers.tables import Grid, read_table


def plan_from_document(
    source: SourceText, grids: Sequence[Grid], options: ParseOptions, *,
    infer_merges: bool = False,
) -> ParsedPlan:
    """Parse a document's responsibility tables, or its numbered text when it has none."""
    header = source_header(source, options)
    first_leads = first_listed_leads(source.text)
    drafts: list[Draft] = []
    table_title: str | None = None
    for grid in grids:
        found = find_header(grid.rows)
        if found is None:
            continue
        title = grid.title(found.row)
        table_title = table_title or title
        year = header.year or year_from_text(title or "") or year_from_text(options.filename)
        result = read_table(grid, year=year, first_leads=first_leads, infer_merges=infer_merges)
        if result is not None:
            drafts.extend(_offset(result.drafts, len({d.section_key for d in drafts})))
    if drafts:
        year = header.year or year_from_text(table_title or "") or year_from_text(options.filename)
        header = replace(header, title=header.title or table_title, year=year)
        return finish(drafts, header=header, targets=_targets(source, header),
                      all_parts=options.all_parts, warnings=[])
    return _text_plan(source, header, options, has_tables=bool(grids))


def _text_plan(source: SourceText, header: Header, options: ParseOptions, *,
               has_tables: bool) -> ParsedPlan:
    root = build_outline(source, title_lines=header.title_lines)
    assembler = Assembler(source.text, header)
    try:
        return finish(assembler.drafts(root), header=header, targets=assembler.targets(root),
                      all_parts=options.all_parts, warnings=[])
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
    return [replace(d, section_key=None if d.section_key is None else d.section_key + offset)
            for d in drafts]


def no_header() -> PlanImportError:
    """The error for a table whose header row names no task column."""
    return PlanImportError(
        FailureReason.NO_HEADER,
        "表格中未找到表头行。责任清单应有一行表头，含“工作任务/重点任务/具体措施”等任务列，以及“牵头单位/"
        "责任单位/完成时限”等列；也未找到“一、”“1.”等编号条目。",
        "No header row was found in the table. A responsibility table needs a header row with "
        "a task column (工作任务, 重点任务, 具体措施) and columns such as "
        "牵头单位, 责任单位, 完成时限; "
        "no numbered items (一、, 1.) were found either.",
    )
