"""The ledger (台账): an xlsx workbook with one row per task, a sheet of every report and a sheet
of this year's answers owed (the raw data of the response figures, :mod:`bot.rhythm.figures`).
Each task row is the digest's and the review's :class:`~bot.rhythm.tasks.TaskLine`.

Headers are bold and frozen, dates are real Excel dates, and column widths count Chinese
characters as two. Times are written in the deployment's local time (Excel has no time zones).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.ports import Store
from bot.domain.questions import TEXT_QUESTIONS
from bot.domain.work import Report
from bot.i18n import t
from bot.render.rhythm.ledger_print import apply_print_layout
from bot.render.rhythm.words import fmt_date, fmt_span
from bot.rhythm.claims import claim_states
from bot.rhythm.escalation import leader_of
from bot.rhythm.figures import cycle_items
from bot.rhythm.lights import Light
from bot.rhythm.parties import party_of_report
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.rhythm.tasks import TaskLine, task_lines
from bot.text.cells import safe_row

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
MIN_WIDTH = 6
FILLS = {
    Light.RED: PatternFill("solid", fgColor="F4B6B6"),
    Light.YELLOW: PatternFill("solid", fgColor="FCE8A6"),
    Light.GREEN: PatternFill("solid", fgColor="C6E8C3"),
    Light.CLOSED: PatternFill("solid", fgColor="D9D9D9"),
    Light.UNASSIGNED: PatternFill("solid", fgColor="FFFFFF"),
}
Value = str | int | float | date | datetime | None
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER = Alignment(vertical="center", wrap_text=True)


def build_ledger(snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> Workbook:
    """The workbook: the ledger sheet, the reports sheet and this year's answers owed."""
    book = Workbook()
    tasks = book.active
    assert tasks is not None  # a new workbook has one sheet
    tasks.title = t("rhythm.ledger.sheet_tasks", lang)
    lines = task_lines(snapshot, now)
    _fill(
        tasks,
        tasks_header(lang),
        [
            _task_row(snapshot, line, now, lang) + _watch_cells(snapshot, line, now, lang)
            for line in lines
        ],
    )
    _colour_lights(tasks, [line.light for line in lines])
    reports = book.create_sheet(t("rhythm.ledger.sheet_reports", lang))
    ordered = sorted(snapshot.reports, key=lambda r: r.created_at)
    _fill(
        reports,
        reports_header(lang),
        [_report_row(snapshot, r, now, lang) for r in ordered],
    )
    owed = book.create_sheet(t("rhythm.ledger.sheet_items", lang))
    _fill(owed, t("rhythm.ledger.items_header", lang).split("|"), _item_rows(snapshot, now, lang))
    apply_print_layout(book, ledger_title(snapshot, now, lang), lang)
    return book


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
    deadline's history and the task's source (原定时限, 延期次数, 来源)."""
    extra = t("records.ledger.tasks_extra", lang).split("|")
    sources = t("extensions.ledger.tasks_extra", lang).split("|")
    watch = t("watch.ledger_header", lang).split("|")  # 包联领导 … 领办逾期
    return [*t("rhythm.ledger.tasks_header", lang).split("|"), *extra, *sources, *watch]


def ledger_title(snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> str:
    """The printed title: the team and the day the ledger was drawn up."""
    team = snapshot.team.name if snapshot.team is not None else ""
    return t("rhythm.ledger.print_title", lang, team=team, date=fmt_date(now.date(), lang))


def ledger_bytes(snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> bytes:
    """The workbook as bytes, e.g. to send as a document."""
    buffer = BytesIO()
    build_ledger(snapshot, now, lang).save(buffer)
    return buffer.getvalue()


def write_ledger(path: Path, snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> Path:
    """Write the workbook to ``path`` and return it."""
    path.write_bytes(ledger_bytes(snapshot, now, lang))
    return path


def export_ledger(store: Store, team_id: str, now: datetime, lang: str = "zh") -> bytes:
    """The team's workbook as bytes, read from the store."""
    return ledger_bytes(load_snapshot(store, team_id), now, lang)


def ledger_file(snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> tuple[bytes, str]:
    """The workbook as bytes and its file name: what ``/export`` and the review send."""
    team = snapshot.team.name if snapshot.team else snapshot.team_id
    return ledger_bytes(snapshot, now, lang), ledger_filename(team, now, lang)


def ledger_filename(team_name: str, now: datetime, lang: str = "zh") -> str:
    """A file name such as ``台账-县督查室-20241031.xlsx``."""
    safe = "".join(c for c in team_name if c.isalnum() or c in "-_") or "team"
    return f"{t('rhythm.ledger.sheet_tasks', lang)}-{safe}-{now:%Y%m%d}.xlsx"


def _task_row(snapshot: TeamSnapshot, line: TaskLine, now: datetime, lang: str) -> list[Value]:
    reports = snapshot.reports_on(line.measure_id)
    latest = reports[-1] if reports else None
    closeout = snapshot.closeout_state(line.measure_id)
    return [
        line.number,
        line.section or "",
        line.title,
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
    states = claim_states(snapshot, line.measure_id, now)
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


def _item_rows(snapshot: TeamSnapshot, now: datetime, lang: str) -> list[list[Value]]:
    """Every answer owed in this year's weekly cycles: the figures' raw data."""
    rows: list[list[Value]] = []
    numbered = list(enumerate(snapshot.weekly_cycles, start=1))
    for issue, cycle in numbered:
        if cycle.period_start.year != now.year or cycle.opened_at >= now:
            continue
        for item in cycle_items(snapshot, cycle):
            measure = snapshot.measure_by_id.get(item.measure_id)
            unit = snapshot.unit_by_id.get(item.party.unit_id or "")
            rows.append(
                [
                    cycle.period_start,
                    issue,
                    measure.title if measure else item.measure_id,
                    item.party.name,
                    t(f"rhythm.role.{item.party.role}", lang),
                    unit.name if unit else "",
                    t(f"rhythm.item.{item.state}", lang),
                ]
            )
    return rows


def _report_row(snapshot: TeamSnapshot, report: Report, now: datetime, lang: str) -> list[Value]:
    measure = snapshot.measure_by_id.get(report.measure_id)
    author = snapshot.person_by_id.get(report.author_id)
    principal = snapshot.person_by_id.get(report.on_behalf_of or "")
    indicators = "; ".join(f"{name}={value:g}" for name, value in report.indicator_values)
    party = party_of_report(snapshot, report, now)
    return [
        _local(report.created_at, now),
        measure.title if measure else report.measure_id,
        author.name if author else report.author_id,
        principal.name if principal else (report.on_behalf_of or ""),
        party.name if party else "",
        t(f"rhythm.status.{report.status or 'unstated'}", lang),
        report.progress,
        indicators,
        *(getattr(report, question.field) or "" for question in TEXT_QUESTIONS),
        t("rhythm.ledger.late_yes" if report.late else "rhythm.ledger.late_no", lang),
        len(report.attachments),
    ]


def _join(names: Iterable[str], lang: str) -> str:
    return t("rhythm.list_sep", lang).join(names)


def _local(moment: datetime, now: datetime) -> datetime:
    """A naive local time for Excel, in the zone of ``now`` (the deployment's)."""
    return moment.astimezone(now.tzinfo).replace(tzinfo=None)


def _fill(sheet: Worksheet, header: Sequence[str], rows: Sequence[Sequence[Value]]) -> None:
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = _HEADER
    for row in rows:
        sheet.append(safe_row(list(row)))  # user text never becomes a formula
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            _format(cell)
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        values = [name, *(row[index - 1] for row in rows)]
        width = max(display_width(_shown(v)) for v in values) + 2
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH)


def _format(cell: Cell) -> None:
    """Date formats, and wrapping for long or multi-line text (few cells: styles are slow)."""
    value = cell.value
    if isinstance(value, datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and ("\n" in value or display_width(value) > MAX_WIDTH):
        cell.alignment = _WRAP


def _colour_lights(sheet: Worksheet, lights: Sequence[Light]) -> None:
    column = t("rhythm.ledger.tasks_header", "zh").split("|").index("灯色") + 1
    for row, light in enumerate(lights, start=2):
        sheet.cell(row=row, column=column).fill = FILLS[light]


def _shown(value: Value) -> str:
    if isinstance(value, datetime):
        return "2024-01-01 00:00"
    if isinstance(value, date):
        return "2024-01-01"
    return "" if value is None else str(value)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a sheet: wide (CJK) characters count two; the longest line."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            for line in text.splitlines() or [""]
        ),
        default=0,
    )
