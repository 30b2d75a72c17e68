"""The ledger (台账) workbook, checked cell by cell."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from bot.domain.plan import KeyMark
from bot.domain.work import ReportStatus
from bot.render.rhythm.ledger import (
    FILLS,
    display_width,
    export_ledger,
    ledger_bytes,
    ledger_filename,
    write_ledger,
)
from bot.rhythm.lights import Light
from bot.rhythm.snapshot import TeamSnapshot
from tests.factories.office import cycle_world
from tests.factories.snapshots import TEAM, local, report, store_with

NOW = local(2024, 10, 14, 9)
TASK_HEADER = [
    "序号",
    "板块",
    "任务",
    "牵头单位",
    "配合单位",
    "责任人",
    "计划所列单位",
    "完成时限",
    "状态",
    "最新反馈日期",
    "进度（%）",
    "序时进度（%）",
    "灯色",
    "销号状态",
    "存在问题",
    "最近实质进展日期",
    "停滞天数",
    "原定时限",
    "延期次数",
    "来源",
    "包联领导",
    "交办时间",
    "签收时间（签收人）",
    "领办逾期",
    "标注",
]
REPORT_HEADER = [
    "日期",
    "任务",
    "填报人",
    "代报对象",
    "责任方",
    "状态",
    "进度（%）",
    "指标",
    "进展",
    "问题",
    "下步打算",
    "需协调事项",
    "逾时",
    "附件数",
]


def _snapshot() -> TeamSnapshot:
    snap = cycle_world()
    liaison = report(
        "m3",
        "p5",
        local(2024, 10, 12, 9, 30),
        ReportStatus.BEHIND,
        on_behalf_of="p4",
        progress=20,
        indicator_values=(("化解金额（亿元）", 1.5),),
        progress_text="已化解一批",
        problems="资金紧张\n需省级支持",
        next_steps="争取专项债",
        late=True,
        attachments=("file-1", "file-2"),
    )
    return replace(snap, reports=(*snap.reports, liaison))


def _sheets(lang: str = "zh") -> tuple[Worksheet, Worksheet]:
    tasks, reports, _ = _book(lang).worksheets
    return tasks, reports


def _book(lang: str = "zh") -> Workbook:
    return load_workbook(BytesIO(ledger_bytes(_snapshot(), NOW, lang)))


def _row(sheet: Worksheet, number: int) -> list[object]:
    return [cell.value for cell in sheet[number]]


def test_sheet_names_and_headers() -> None:
    """Three sheets with bold headers, frozen with the columns that name a row (through the
    task)."""
    tasks, reports, owed = _book().worksheets
    assert (tasks.title, reports.title, owed.title) == ("台账", "反馈记录", "应报事项")
    assert _row(tasks, 1) == TASK_HEADER
    assert _row(reports, 1) == REPORT_HEADER
    assert _row(owed, 1) == ["调度周期", "期数", "任务", "责任方", "分工", "单位", "报送情况"]
    for sheet, frozen in ((tasks, "D2"), (reports, "C2"), (owed, "D2")):
        assert sheet.freeze_panes == frozen
        key = sheet.cell(1, ord(frozen[0]) - ord("A")).value
        assert key == "任务"
        assert all(cell.font.bold for cell in sheet[1])


def test_task_rows_cell_by_cell() -> None:
    """One row per active measure in plan order: owners from the assignment, real dates."""
    tasks, _ = _sheets()
    assert tasks.max_row == 1 + 8  # m6 was removed from the plan
    assert _row(tasks, 2) == [
        1,
        "一、产业",
        "建成智慧园区一期",
        "县发改委",
        None,
        "张三",
        None,  # assigned: the plan's own units are no longer shown
        datetime(2024, 10, 15),
        "正常推进",
        datetime(2024, 10, 10),
        80,
        100,
        "黄灯",
        None,
        None,
        datetime(2024, 10, 10),  # 最近实质进展: its last report stated a status and a number
        4,  # 停滞天数 to NOW
        None,  # never extended: no 原定时限
        0,
        "工作计划",
        None,  # no 包联领导
        datetime(2024, 1, 10),  # 交办时间
        None,  # not signed
        "张三：超时限 277天9小时 未签收",  # 24 h after 交办, to 2024-10-14 09:00
        None,  # no key mark (标注)
    ]
    assert tasks["H2"].number_format == "yyyy-mm-dd"
    assert tasks["J2"].number_format == "yyyy-mm-dd"
    m2 = _row(tasks, 3)  # a unit task: its reporter (填报人) is named, nothing invented
    assert m2[:9] == [
        2,
        "二、财政",
        "盘活存量资金",
        "县财政局",
        None,
        "王五",
        None,
        None,
        "未报状态",
    ]
    m4 = _row(tasks, 5)  # after 销号 the status is 已销号, never the last answer
    assert (m4[2], m4[8], m4[10], m4[12], m4[13]) == (
        "完成招商签约",
        "已销号",
        100,
        "已销号",
        "已销号",
    )
    assert (m4[15], m4[16]) == (None, None)  # a closed task is not stale
    m3 = _row(tasks, 4)
    assert (m3[5], m3[8], m3[10], m3[14]) == ("赵局长", "滞后", 20, "资金紧张\n需省级支持")


def test_a_marked_task_is_named_with_its_marks_and_the_legend_explains_them() -> None:
    """A task the plan marked ★▲ is named ``★▲ title`` in every sheet, and 标注 gives each
    sign with its legend's meaning (a sign the legend leaves out stands alone)."""
    snap = _snapshot()
    legend = (KeyMark("★", "县政府重点督办事项"),)
    plans = tuple(replace(p, legend=legend) for p in snap.plans)
    measures = tuple(replace(m, marks="★▲") if m.id == "m3" else m for m in snap.measures)
    book = load_workbook(BytesIO(ledger_bytes(replace(snap, plans=plans, measures=measures), NOW)))
    tasks, reports, owed = book.worksheets
    m3 = _row(tasks, 4)
    assert (m3[2], m3[-1]) == ("★▲ 化解债务风险", "★ 县政府重点督办事项；▲")
    assert _row(tasks, 2)[-1] is None
    assert "★▲ 化解债务风险" in {row[1] for row in reports.iter_rows(values_only=True)}
    assert "★▲ 化解债务风险" in {row[2] for row in owed.iter_rows(values_only=True)}


def test_light_cells_are_coloured() -> None:
    """The light column is filled with its colour."""
    tasks, _ = _sheets()
    by_light = {row[12].value: row[12].fill.fgColor.rgb for row in tasks.iter_rows(min_row=2)}
    assert by_light["黄灯"].endswith(FILLS[Light.YELLOW].fgColor.rgb[-6:])
    assert by_light["已销号"].endswith(FILLS[Light.CLOSED].fgColor.rgb[-6:])
    assert by_light["红灯"].endswith(FILLS[Light.RED].fgColor.rgb[-6:])


def test_report_rows_cell_by_cell() -> None:
    """Every report, oldest first, with author, principal, indicators, texts (one column per
    question answered in words) and late flag."""
    _, reports = _sheets()
    assert reports.max_row == 1 + 7
    assert _row(reports, 2) == [
        datetime(2024, 9, 1, 10, 0),
        "完成招商签约",
        "张三",
        None,
        "张三",
        "已完成",
        100,
        None,
        None,
        None,
        None,
        None,
        "否",
        0,
    ]
    assert reports["A2"].number_format == "yyyy-mm-dd hh:mm"
    assert _row(reports, 8) == [
        datetime(2024, 10, 12, 9, 30),
        "化解债务风险",
        "小刘",
        "赵局长",
        "赵局长",
        "滞后",
        20,
        "化解金额（亿元）=1.5",
        "已化解一批",
        "资金紧张\n需省级支持",
        "争取专项债",
        None,
        "是",
        2,
    ]
    assert reports["J8"].alignment.wrap_text is True


def test_column_widths_count_cjk_as_two() -> None:
    """Widths fit the longest value, counting Chinese characters as two columns."""
    tasks, reports = _sheets()
    assert tasks.column_dimensions["C"].width == display_width("建成智慧园区一期") + 2 == 18
    assert tasks.column_dimensions["A"].width == 6  # 序号 is narrow but not below the minimum
    assert reports.column_dimensions["J"].width == display_width("需省级支持") + 2 == 12


@pytest.mark.parametrize(
    ("text", "width"),
    [("abc", 3), ("台账", 4), ("A股（2）", 8), ("第一行\n第二行更长", 10), ("", 0)],
)
def test_display_width(text: str, width: int) -> None:
    """Wide characters count two, and the longest line counts."""
    assert display_width(text) == width


def test_english_headers() -> None:
    """The workbook can be made in English."""
    tasks, reports = _sheets("en")
    assert (tasks.title, reports.title) == ("Ledger", "Reports")
    assert tasks["A1"].value == "No."
    assert tasks["M2"].value == "yellow"
    assert reports["M8"].value == "yes"


def test_write_and_export(tmp_path: Path) -> None:
    """The workbook is written to a path, and exported straight from a store."""
    path = write_ledger(tmp_path / "ledger.xlsx", _snapshot(), NOW)
    assert load_workbook(path).sheetnames == ["台账", "反馈记录", "应报事项"]
    exported = load_workbook(BytesIO(export_ledger(store_with(_snapshot()), TEAM, NOW)))
    assert exported.worksheets[0].max_row == 9


def test_filename() -> None:
    """File names carry the team and the date, without unsafe characters."""
    assert ledger_filename("县督查室/一组", NOW) == "台账-县督查室一组-20241014.xlsx"
    assert ledger_filename("../", NOW, "en") == "Ledger-team-20241014.xlsx"


def test_empty_team() -> None:
    """A team with no plan yet gives headers only."""
    snap = replace(_snapshot(), measures=(), reports=(), cycles=())
    book = load_workbook(BytesIO(ledger_bytes(snap, NOW)))
    assert [sheet.max_row for sheet in book.worksheets] == [1, 1, 1]


def test_user_text_never_becomes_a_formula_in_the_ledger() -> None:
    """An official's `=HYPERLINK(…)` (and + - @ starts, a tab) read back with openpyxl is a
    neutralised string, never a live formula (regression: it became a link in the leaders'
    ledger)."""
    attack = '=HYPERLINK("http://example.invalid/x","点击查看详情")'
    snap = _snapshot()
    hostile = report(
        "m1",
        "p1",
        local(2024, 10, 13, 9),
        progress_text=attack,
        problems="+1+1",
        next_steps="@SUM(A1:A3)",
    )
    measures = tuple(replace(m, title="-2+3") if m.id == "m2" else m for m in snap.measures)
    snap = replace(snap, reports=(*snap.reports, hostile), measures=measures)
    book = load_workbook(BytesIO(ledger_bytes(snap, NOW)))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + attack, "'+1+1", "'@SUM(A1:A3)", "'-2+3"} <= texts


def _across_new_year() -> TeamSnapshot:
    """The test team with a report late in 2023 and one 30 minutes into 2024 (local time)."""
    snap = _snapshot()
    old = report("m1", "p1", local(2023, 12, 20, 10), ReportStatus.ON_TRACK, progress=40)
    new_year = report("m2", "p1", local(2024, 1, 1, 0, 30), ReportStatus.BEHIND, progress=10)
    return replace(snap, reports=(*snap.reports, old, new_year))


def test_the_reports_sheet_holds_the_ledgers_year() -> None:
    """This year's ledger lists this year's reports (local time: 00:30 on 1 January is in);
    the 2023 ledger lists 2023's only, shows its tasks as they stood at that year's end and
    is dated 31 December."""
    snap = _across_new_year()
    this_year = load_workbook(BytesIO(ledger_bytes(snap, NOW))).worksheets[1]
    dates = [row[0] for row in this_year.iter_rows(min_row=2, values_only=True)]
    assert datetime(2024, 1, 1, 0, 30) in dates
    assert all(isinstance(day, datetime) and day.year == 2024 for day in dates)
    assert len(dates) == 8
    tasks, reports, owed = load_workbook(BytesIO(ledger_bytes(snap, NOW, "zh", 2023))).worksheets
    assert [row[0] for row in reports.iter_rows(min_row=2, values_only=True)] == [
        datetime(2023, 12, 20, 10, 0)
    ]
    assert owed.max_row == 1  # no cycle of 2023
    latest = {row[2]: row[9] for row in tasks.iter_rows(min_row=2, values_only=True)}
    assert latest["建成智慧园区一期"] == datetime(2023, 12, 20)
    assert {day for title, day in latest.items() if title != "建成智慧园区一期"} == {None}
    assert "2023年12月31日" in tasks.oddHeader.center.text


def test_the_long_sheets_have_filters() -> None:
    """The reports and answers-owed sheets carry filters over their columns (a lead filters
    报送情况 for 未报); the task sheet, short, has none."""
    tasks, reports, owed = _book().worksheets
    assert tasks.auto_filter.ref is None
    assert reports.auto_filter.ref == f"A1:N{reports.max_row}"
    assert owed.auto_filter.ref == f"A1:G{owed.max_row}"


def test_an_earlier_years_ledger_shows_assignments_and_signatures_as_they_stood() -> None:
    """In the 2023 ledger a task assigned in December 2023 and signed in January 2024 shows
    its 交办时间 and no 签收 yet; tasks assigned in 2024 show none; this year's shows the
    signature."""
    snap = _across_new_year()
    first = snap.assignments[0]
    early = replace(
        first,
        assigned_at=local(2023, 12, 1, 9),
        acknowledged_at=local(2024, 1, 5, 9),
        acknowledged_by=first.person_id,
    )
    snap = replace(snap, assignments=(early, *snap.assignments[1:]))
    title = next(m.title for m in snap.measures if m.id == early.measure_id)
    assigned, signed = TASK_HEADER.index("交办时间"), TASK_HEADER.index("签收时间（签收人）")

    def rows(year: int | None) -> dict[object, tuple[object, ...]]:
        tasks = load_workbook(BytesIO(ledger_bytes(snap, NOW, "zh", year))).worksheets[0]
        return {row[2]: row for row in tasks.iter_rows(min_row=2, values_only=True)}

    then, now = rows(2023), rows(None)
    assert then[title][assigned] == datetime(2023, 12, 1, 9, 0)
    assert then[title][signed] is None
    assert {row[assigned] for key, row in then.items() if key != title} == {None}
    assert "2024-01-05 09:00" in str(now[title][signed])


@pytest.mark.parametrize("collecting", [True, False])
def test_drawing_up_the_ledger_leaves_the_collector_as_it_found_it(collecting: bool) -> None:
    """The cyclic garbage collector, paused while the ledger is drawn up, is on again afterwards
    if it was on before, and stays off if it was off."""
    was = gc.isenabled()
    try:
        if collecting:
            gc.enable()
        else:
            gc.disable()
        ledger_bytes(_snapshot(), NOW)
        assert gc.isenabled() is collecting
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
