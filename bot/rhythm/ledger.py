"""The ledger (台账): an xlsx workbook with one row per task and a sheet of every report.

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

from bot.domain.plan import Measure
from bot.domain.ports import Store
from bot.domain.work import Report
from bot.i18n import t
from bot.rhythm.ledger_print import apply_print_layout
from bot.rhythm.lights import Light, Verdict, lights_for
from bot.rhythm.render import fmt_date
from bot.rhythm.snapshot import TeamSnapshot, load_snapshot
from bot.rhythm.standing import standing

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 60
MIN_WIDTH = 6
FILLS = {
    Light.RED: PatternFill("solid", fgColor="F4B6B6"),
    Light.YELLOW: PatternFill("solid", fgColor="FCE8A6"),
    Light.GREEN: PatternFill("solid", fgColor="C6E8C3"),
    Light.CLOSED: PatternFill("solid", fgColor="D9D9D9"),
}
Value = str | int | float | date | datetime | None
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADER = Alignment(vertical="center", wrap_text=True)


def build_ledger(snapshot: TeamSnapshot, now: datetime, lang: str = "zh") -> Workbook:
    """The workbook: the ledger sheet and the reports sheet."""
    book = Workbook()
    tasks = book.active
    assert tasks is not None  # a new workbook has one sheet
    tasks.title = t("rhythm.ledger.sheet_tasks", lang)
    verdicts = lights_for(snapshot, now)
    rows = [
        _task_row(snapshot, number, m, verdicts[m.id], now, lang)
        for number, m in enumerate(snapshot.active_measures, start=1)
    ]
    _fill(tasks, t("rhythm.ledger.tasks_header", lang).split("|"), rows)
    _colour_lights(tasks, [verdicts[m.id].light for m in snapshot.active_measures])
    reports = book.create_sheet(t("rhythm.ledger.sheet_reports", lang))
    ordered = sorted(snapshot.reports, key=lambda r: r.created_at)
    _fill(
        reports,
        t("rhythm.ledger.reports_header", lang).split("|"),
        [_report_row(snapshot, r, now, lang) for r in ordered],
    )
    apply_print_layout(book, ledger_title(snapshot, now, lang), lang)
    return book


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


def ledger_filename(team_name: str, now: datetime, lang: str = "zh") -> str:
    """A file name such as ``台账-县督查室-20241031.xlsx``."""
    safe = "".join(c for c in team_name if c.isalnum() or c in "-_") or "team"
    return f"{t('rhythm.ledger.sheet_tasks', lang)}-{safe}-{now:%Y%m%d}.xlsx"


def _task_row(
    snapshot: TeamSnapshot,
    number: int,
    measure: Measure,
    verdict: Verdict,
    now: datetime,
    lang: str,
) -> list[Value]:
    reports = snapshot.reports_on(measure.id)
    latest = reports[-1] if reports else None
    closeout = snapshot.closeout_state(measure.id)
    return [
        number,
        measure.section or "",
        measure.title,
        _join(measure.lead_units or measure.units, lang),
        _join(measure.co_units, lang),
        _join(_people(snapshot, measure.id), lang),
        measure.deadline or measure.deadline_raw or "",
        t(f"rhythm.status.{standing(reports).status or 'none'}", lang),
        _local(latest.created_at, now).date() if latest else None,
        verdict.progress,
        verdict.expected,
        t(f"rhythm.light.{verdict.light}", lang),
        t(f"rhythm.closeout.{closeout or 'none'}", lang),
    ]


def _people(snapshot: TeamSnapshot, measure_id: str) -> list[str]:
    assignments = sorted(
        snapshot.assignments_by_measure.get(measure_id, []), key=lambda a: a.role != "lead"
    )
    people = (snapshot.person_by_id.get(a.person_id or "") for a in assignments)
    return list(dict.fromkeys(p.name for p in people if p is not None))


def _report_row(snapshot: TeamSnapshot, report: Report, now: datetime, lang: str) -> list[Value]:
    measure = snapshot.measure_by_id.get(report.measure_id)
    author = snapshot.person_by_id.get(report.author_id)
    principal = snapshot.person_by_id.get(report.on_behalf_of or "")
    indicators = "; ".join(f"{name}={value:g}" for name, value in report.indicator_values)
    return [
        _local(report.created_at, now),
        measure.title if measure else report.measure_id,
        author.name if author else report.author_id,
        principal.name if principal else (report.on_behalf_of or ""),
        t(f"rhythm.status.{report.status}", lang),
        report.progress,
        indicators,
        report.progress_text or "",
        report.problems or "",
        report.next_steps or "",
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
        sheet.append(list(row))
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
