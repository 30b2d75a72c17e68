"""The ledger (台账): the year's xlsx workbook (年度督办台账, :mod:`bot.rhythm.annual`) with one
row per task as of the moment it shows, a sheet of the year's reports and a sheet of the year's
answers owed (the raw data of the response figures, :mod:`bot.rhythm.figures`). Each task row is
the digest's and the review's :class:`~bot.rhythm.tasks.TaskLine`.

Headers are bold and frozen, dates are real Excel dates, and column widths count Chinese
characters as two. Times are written in the deployment's local time (Excel has no time zones).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import lru_cache
from itertools import zip_longest
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.plan import marks_meaning
from bot.domain.ports import Store
from bot.domain.questions import TEXT_QUESTIONS
from bot.domain.work import Report
from bot.i18n import t
from bot.render.rhythm.ledger_print import CELL_BORDER, apply_print_layout
from bot.render.rhythm.words import fmt_date, fmt_span
from bot.render.xlsx_rows import (
    Cell,
    RowStream,
    SharedStrings,
    Styled,
    display_width,
    save_with_rows,
    style_id,
    styles_for,
)
from bot.rhythm.annual import LedgerYear, issue_numbers, ledger_year
from bot.rhythm.claims import ClaimState, claim_overdue
from bot.rhythm.escalation import leader_of
from bot.rhythm.figures import Item, ItemState, cycle_items
from bot.rhythm.heap import no_collection
from bot.rhythm.lights import Light
from bot.rhythm.parties import parties, party_of_report
from bot.rhythm.plan_then import measure_then
from bot.rhythm.scoped import ledger_snapshot
from bot.rhythm.snapshot import TeamSnapshot
from bot.rhythm.tasks import TaskLine, task_lines

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
# Widths in Excel's units (a Chinese character is two). A text wider than MAX_WIDTH wraps in its
# cell and a header wraps past HEADER_WIDTH (English ones at a word's end), so the ledger's two
# dozen columns fit the A4 landscape page at a size that can be read (see ledger_print).
MAX_WIDTH = 30
MIN_WIDTH = 6
HEADER_WIDTH = 8
FILLS = {
    Light.RED: PatternFill("solid", fgColor="F4B6B6"),
    Light.YELLOW: PatternFill("solid", fgColor="FCE8A6"),
    Light.GREEN: PatternFill("solid", fgColor="C6E8C3"),
    Light.CLOSED: PatternFill("solid", fgColor="D9D9D9"),
    Light.UNASSIGNED: PatternFill("solid", fgColor="FFFFFF"),
}
Value = str | int | float | date | datetime | None
_WRAP = Alignment(vertical="center", wrap_text=True)
_LINE = Alignment(vertical="center")  # a row grown by wrapped text keeps its cells level
_HEADER = Alignment(vertical="center", wrap_text=True)


def build_ledger(
    snapshot: TeamSnapshot, now: datetime, lang: str = "zh", year: int | None = None
) -> tuple[Workbook, dict[str, RowStream]]:
    """The ledger of ``year`` (default: ``now``'s) drawn up at ``now``: the workbook with the
    headers of the ledger sheet, the year's reports and its answers owed, and their rows (a
    county's tens of thousands) as streams by sheet title (see :mod:`bot.render.xlsx_rows`;
    :func:`ledger_bytes` puts them together)."""
    chosen = ledger_year(now, year)
    now = chosen.as_of  # an earlier year's ledger shows its tasks as they stood at its end
    book = Workbook()
    tasks = book.active
    assert tasks is not None  # a new workbook has one sheet
    tasks.title = t("rhythm.ledger.sheet_tasks", lang)
    strings = SharedStrings()  # the sheets' texts, once each
    streams = {tasks.title: _stream(tasks, strings)}
    lights = {
        light: style_id(tasks, CELL_BORDER, fill=fill, alignment=_LINE)
        for light, fill in FILLS.items()
    }
    column = _light_column()
    for line in task_lines(snapshot, now):
        values = [
            *_task_row(snapshot, line, now, lang),
            *_watch_cells(snapshot, line, now, lang),
            _marks_cell(snapshot, line),
        ]
        row: list[Cell] = [*values]
        row[column] = Styled(values[column], lights[line.light])  # filled with its colour
        streams[tasks.title].add(row)
    _fill_stream(tasks, tasks_header(lang), streams[tasks.title], filters=False, key_columns=3)
    reports = book.create_sheet(t("rhythm.ledger.sheet_reports", lang))
    streams[reports.title] = _stream(reports, strings)
    for report in sorted(_year_reports(snapshot, chosen), key=lambda r: r.created_at):
        # user text never becomes a formula: the stream guards it
        streams[reports.title].add(_report_row(snapshot, report, now, lang))
    _fill_stream(reports, reports_header(lang), streams[reports.title], key_columns=2)
    owed = book.create_sheet(t("rhythm.ledger.sheet_items", lang))
    streams[owed.title] = _stream(owed, strings)
    _add_items(streams[owed.title], snapshot, chosen, lang)
    items_header = t("rhythm.ledger.items_header", lang).split("|")
    _fill_stream(owed, items_header, streams[owed.title], key_columns=3)
    apply_print_layout(book, ledger_title(snapshot, now, lang, chosen.year), lang)
    return book, streams


def _year_reports(snapshot: TeamSnapshot, chosen: LedgerYear) -> list[Report]:
    """The reports made in the ledger's year (local time) up to the moment it shows."""
    zone = chosen.as_of.tzinfo
    return [
        r
        for r in snapshot.reports
        if r.created_at <= chosen.as_of and r.created_at.astimezone(zone).year == chosen.year
    ]


def _stream(sheet: Worksheet, strings: SharedStrings) -> RowStream:
    """Rows for a long sheet, styled as :func:`_format` and the print layout style cells."""
    styles = styles_for(sheet, CELL_BORDER, DATE_FORMAT, DATETIME_FORMAT, _WRAP, _LINE)
    return RowStream(styles, display_width, MAX_WIDTH, strings=strings)


def reports_header(lang: str) -> list[str]:
    """The 反馈记录 sheet's columns: one per question answered in words, in their order."""
    words = [t(f"report.column.{question.field}", lang) for question in TEXT_QUESTIONS]
    return [
        *t("rhythm.ledger.reports_header", lang).split("|"),
        *words,
        *t("rhythm.ledger.reports_tail", lang).split("|"),
    ]


def tasks_header(lang: str) -> list[str]:
    """The ledger sheet's columns: the task line's, then the record's (停滞天数…), then the
    deadline's history and the task's source (原定时限, 延期次数, 来源), the watch's (包联领导 …)
    and the plan's key marks (标注)."""
    extra = t("records.ledger.tasks_extra", lang).split("|")
    sources = t("extensions.ledger.tasks_extra", lang).split("|")
    watch = t("watch.ledger_header", lang).split("|")  # 包联领导 … 领办逾期
    marks = t("rhythm.ledger.tasks_marks", lang)
    return [*t("rhythm.ledger.tasks_header", lang).split("|"), *extra, *sources, *watch, marks]


def ledger_title(
    snapshot: TeamSnapshot, now: datetime, lang: str = "zh", year: int | None = None
) -> str:
    """The printed title: the team, the ledger's year and the day it is dated."""
    team = snapshot.team.name if snapshot.team is not None else ""
    chosen = ledger_year(now, year)
    day = fmt_date(chosen.dated, lang)
    return t("rhythm.ledger.print_title", lang, team=team, year=chosen.year, date=day)


def ledger_bytes(
    snapshot: TeamSnapshot, now: datetime, lang: str = "zh", year: int | None = None
) -> bytes:
    """The ledger of ``year`` (default: ``now``'s) as bytes, e.g. to send as a document."""
    with no_collection():
        book, streams = build_ledger(snapshot, now, lang, year)
        return save_with_rows(book, streams)


def write_ledger(path: Path, snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> Path:
    """Write the workbook to ``path`` and return it."""
    path.write_bytes(ledger_bytes(snapshot, now, lang))
    return path


def export_ledger(
    store: Store, team_id: str, now: datetime, lang: str = "zh", year: int | None = None
) -> bytes:
    """The team's ledger of ``year`` as bytes, read from the store (what it shows: that year's
    prompts, not every prompt)."""
    return ledger_bytes(ledger_snapshot(store, team_id, now, year), now, lang, year)


def ledger_file(
    snapshot: TeamSnapshot, now: datetime, lang: str = "zh", year: int | None = None
) -> tuple[bytes, str]:
    """The workbook as bytes and its file name: what ``/export`` and the review send."""
    team = snapshot.team.name if snapshot.team else snapshot.team_id
    dated = ledger_year(now, year).dated
    return ledger_bytes(snapshot, now, lang, year), ledger_filename(team, dated, lang)


def ledger_filename(team_name: str, day: date, lang: str = "zh") -> str:
    """A file name such as ``台账-县督查室-20241031.xlsx`` (the day the ledger is dated)."""
    safe = "".join(c for c in team_name if c.isalnum() or c in "-_") or "team"
    return f"{t('rhythm.ledger.sheet_tasks', lang)}-{safe}-{day:%Y%m%d}.xlsx"


def ledger_year_refused(team_name: str, year: int, years: tuple[int, int], lang: str) -> str:
    """Why the team has no ledger of ``year`` and which years it has (plain text: the CLI's)."""
    first, last = years
    return f"{team_name}: " + t("err.ledger_year_cli", lang, year=year, first=first, last=last)


def _task_row(snapshot: TeamSnapshot, line: TaskLine, now: datetime, lang: str) -> list[Value]:
    reports = snapshot.reports_on(line.measure_id, now)  # an earlier year's: to its end
    latest = reports[-1] if reports else None
    closeout = snapshot.closeout_state(line.measure_id, now)
    return [
        line.number,
        line.section or "",
        line.name,
        _join(line.lead_units, lang),
        _join(line.co_units, lang),
        _join(line.people, lang),
        _join(line.suggested, lang) if not line.assigned else "",
        line.deadline or line.deadline_raw or "",
        t(f"rhythm.status.{line.status_key}", lang),
        _local(latest.created_at, now).date() if latest else None,
        line.progress,
        line.expected,
        t(f"rhythm.light.{line.light}", lang),
        t(f"rhythm.closeout.{closeout or 'none'}", lang),
        line.problems or "",
        *_still(line, now),
        line.original_deadline if line.extensions else None,
        line.extensions,
        t(f"source.{line.source or 'plan'}", lang),
    ]


def _marks_cell(snapshot: TeamSnapshot, line: TaskLine) -> str:
    """标注: the task's key marks with what the plan's legend says they mean."""
    measure = snapshot.measure_by_id.get(line.measure_id)
    plan = snapshot.plan_by_id.get(measure.plan_id) if measure is not None else None
    return marks_meaning(line.marks, plan.legend if plan is not None else ())


def _still(line: TaskLine, now: datetime) -> list[Value]:
    """最近实质进展日期 and 停滞天数 (blank for closed or unassigned tasks)."""
    moved = line.movement
    if line.still_days is None or moved is None or moved.changed_at is None:
        return [None, None]
    return [_local(moved.changed_at, now).date(), line.still_days]


def _watch_cells(snapshot: TeamSnapshot, line: TaskLine, now: datetime, lang: str) -> list[Value]:
    """包联领导, 交办时间 (the first), 签收时间 per party (and who signed), 领办逾期 per party."""
    measure = snapshot.measure_by_id.get(line.measure_id)
    leader = leader_of(snapshot, measure) if measure is not None else None
    states = _claims_then(snapshot, line.measure_id, now)
    signed, overdue = [], []
    for state in states:
        row = state.assignment
        if row.acknowledged_at is not None:
            at = f"{_local(row.acknowledged_at, now):%Y-%m-%d %H:%M}"
            by = t("watch.ledger_by", lang, name=state.signed_by) if state.signed_by else ""
            signed.append(f"{state.party} {at}{by}")
        elif state.overdue_by is not None:
            late = fmt_span(state.overdue_by, lang)
            overdue.append(t("watch.ledger_overdue", lang, party=state.party, late=late))
    first = min((s.assignment.assigned_at for s in states), default=None)
    return [
        leader.name if leader is not None else "",
        _local(first, now) if first is not None else None,
        "\n".join(signed),
        "\n".join(overdue),
    ]


def _claims_then(snapshot: TeamSnapshot, measure_id: str, now: datetime) -> list[ClaimState]:
    """:func:`~bot.rhythm.claims.claim_states` of the parties in force at ``now``, as they
    stood then (:func:`~bot.rhythm.parties.parties`): an earlier year's ledger shows neither
    later assignments nor later signatures (this year's: the same as the claim states)."""
    hours, states = snapshot.settings.claim_hours, []
    for party in parties(snapshot, measure_id, now):
        row = party.assignment
        signer = snapshot.person_by_id.get(row.acknowledged_by or "")
        late = claim_overdue(row, hours, now)
        states.append(ClaimState(party.name, row, signer.name if signer else None, late))
    return states


def _add_items(stream: RowStream, snapshot: TeamSnapshot, chosen: LedgerYear, lang: str) -> None:
    """Every answer owed in the year's weekly cycles, one row each (the figures' raw data): the
    cycle's period start and issue number (blank while its digest had not gone out by the
    ledger's moment), the task and party (title, party, role, unit) and the state as of the
    ledger's moment, each run of cells made once (:meth:`~bot.render.xlsx_rows.RowStream.run`)."""
    numbers = issue_numbers(snapshot.weekly_cycles, chosen.as_of)
    states: dict[ItemState, str] = {}
    owed: dict[tuple[str, str, str], str] = {}  # by task, party and its role
    for cycle in snapshot.weekly_cycles:
        if not chosen.shows_cycle(cycle):
            continue
        when = ""
        for item in cycle_items(snapshot, cycle, chosen.as_of):
            if not when:
                when = stream.run(_WHEN, (cycle.period_start, numbers.get(cycle.id)))
            key = (item.measure_id, item.party.key, item.party.role)
            who = owed.get(key)
            if who is None:
                who = owed[key] = stream.run(_WHO, _item_task(snapshot, item, chosen.as_of, lang))
            state = states.get(item.state)
            if state is None:
                term = _term(f"rhythm.item.{item.state}", lang)
                state = states[item.state] = stream.run(_STATE, (term,))
            stream.add_made(when, who, state)


#: Where the answers owed sheet's runs of cells start (its columns: 调度周期 期数 | 任务 责任方
#: 分工 单位 | 报送情况)
_WHEN, _WHO, _STATE = 0, 2, 6


def _item_task(
    snapshot: TeamSnapshot, item: Item, as_of: datetime, lang: str
) -> tuple[Value, ...]:
    """An answer owed's task and party cells: 任务 (as worded at ``as_of``), 责任方, 分工, 单位."""
    measure = measure_then(snapshot, item.measure_id, as_of)
    unit = snapshot.unit_by_id.get(item.party.unit_id or "")
    return (
        measure.name if measure else item.measure_id,
        item.party.name,
        _term(f"rhythm.role.{item.party.role}", lang),
        unit.name if unit else "",
    )


def _report_row(snapshot: TeamSnapshot, report: Report, now: datetime, lang: str) -> list[Value]:
    measure = measure_then(snapshot, report.measure_id, now)  # as worded at the ledger's moment
    author = snapshot.person_by_id.get(report.author_id)
    principal = snapshot.person_by_id.get(report.on_behalf_of or "")
    indicators = "; ".join(f"{name}={value:g}" for name, value in report.indicator_values)
    party = party_of_report(snapshot, report, now)
    return [
        _local(report.created_at, now),
        measure.name if measure else report.measure_id,
        author.name if author else report.author_id,
        principal.name if principal else (report.on_behalf_of or ""),
        party.name if party else "",
        _term(f"rhythm.status.{report.status or 'unstated'}", lang),
        report.progress,
        indicators,
        *(getattr(report, question.field) or "" for question in TEXT_QUESTIONS),
        _term("rhythm.ledger.late_yes" if report.late else "rhythm.ledger.late_no", lang),
        len(report.attachments),
    ]


@lru_cache(maxsize=256)
def _term(key: str, lang: str) -> str:
    """A catalog term without parameters, looked up once (rows repeat a handful of them)."""
    return t(key, lang)


def _join(names: Iterable[str], lang: str) -> str:
    return t("rhythm.list_sep", lang).join(names)


def _local(moment: datetime, now: datetime) -> datetime:
    """A naive local time for Excel, in the zone of ``now`` (the deployment's)."""
    return moment.astimezone(now.tzinfo).replace(tzinfo=None)


def _fill_stream(
    sheet: Worksheet,
    header: Sequence[str],
    stream: RowStream,
    filters: bool = True,
    key_columns: int = 1,
) -> None:
    """The header row of a sheet whose rows are in ``stream``, with the widths of its header
    and rows, filters on its columns (a long sheet's: 未报…) and its ``key_columns`` frozen."""
    _header(sheet, header, key_columns)
    if filters and stream.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{stream.rows + 1}"
    widths = [_header_width(name) for name in header]
    columns = [max(pair) for pair in zip_longest(widths, stream.widths, fillvalue=0)]
    _widths(sheet, header, columns)
    lines = max(
        math.ceil(display_width(name) / max(_column_width(width) - 2, 1))
        for name, width in zip(header, columns, strict=False)
    )
    if lines > 1:  # the titles wrap: a row as tall as the longest (no program fits it)
        sheet.row_dimensions[1].height = lines * stream.line_height


def _header_width(name: str) -> int:
    """The width a column title asks for: wrapped past HEADER_WIDTH, never inside a word of an
    English title (``序时进度（%）`` takes two lines, ``Substantive`` keeps its width)."""
    word = max((display_width(part) for part in name.split()), default=0) if name.isascii() else 0
    return min(display_width(name), max(HEADER_WIDTH, word))


def _header(sheet: Worksheet, header: Sequence[str], key_columns: int) -> None:
    """The bold header row, frozen with the ``key_columns`` that name a row (through its task),
    so they stay in view while scrolling across."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = _HEADER
    sheet.freeze_panes = f"{get_column_letter(key_columns + 1)}2"


def _widths(sheet: Worksheet, header: Sequence[str], widths: Sequence[int]) -> None:
    for index, width in enumerate(widths[: len(header)], start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _column_width(width)


def _column_width(width: int) -> int:
    """A column's width for its widest value: a margin, bounded."""
    return min(max(width + 2, MIN_WIDTH), MAX_WIDTH)


def _light_column() -> int:
    """Where the ledger sheet's 灯色 is (0-based)."""
    return t("rhythm.ledger.tasks_header", "zh").split("|").index("灯色")
