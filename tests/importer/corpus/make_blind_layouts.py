"""Rebuild the written documents x70–x72, x74 and x76–x78 of the corpus: run
``python -m tests.importer.corpus.make_blind_layouts``.

- docs/x70_…pdf: a 任务分工 table with no drawn rules and no 序号 column, printed from Word to PDF;
- docs/x71_…docx: a 责任清单 with 主要责任 / 直接责任 / 分管领导 columns;
- docs/x72_…docx: a Word table typed with tabs (one paragraph a row, tabs repeated to line up);
- docs/x74_…xlsx: a 任务分解 with a 时间节点 header merged over 一季度–四季度 target columns;
- docs/x76_…xlsx: one sheet per department, each under its own title row with the same header;
- docs/x77_…xlsx: a 台账 whose 进展情况 / 完成情况 columns are already filled;
- docs/x78_…odt: a Word table with tables nested in two 重点任务 cells, saved as .odt.

Needs ``soffice`` on PATH for x70 and x78 (the PDF carries its creation time, so every run
rewrites it).
"""

import tempfile
from pathlib import Path

import docx
import openpyxl

from tests.importer.corpus.make_converted_docs import SERIF, _font, convert

DOCS = Path(__file__).parent / "docs"

X70_ROWS = [
    ("重点任务", "牵头单位", "配合单位", "完成时限"),
    (
        "实施城区老旧小区改造，完成12个小区水电气路等基础设施改造",
        "县住房城乡建设局",
        "城关镇人民政府",
        "2025年11月底前",
    ),
    (
        "推进城市生命线安全工程建设，完成燃气、供水管网监测设备安装",
        "县住房城乡建设局",
        "县应急管理局",
        "2025年10月底前",
    ),
    (
        "建设城区智慧停车系统，新增公共停车泊位800个",
        "县城市管理局",
        "县公安局交警大队、县城投公司",
        "2025年9月底前",
    ),
    ("开展背街小巷环境整治", "县城市管理局", "城关镇人民政府", "2025年6月底前"),
    (
        "完成县城第二水厂扩建工程，新增日供水能力3万吨",
        "县水务集团",
        "县水利局",
        "年底前",
    ),
]


def _table(
    document: docx.document.Document, rows: list[tuple[str, ...]], *, grid: bool = True
) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    if grid:
        table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return table


def make_x70(folder: Path) -> Path:
    """The borderless 任务分工 table (the default table style draws no rules)."""
    document = docx.Document()
    _font(document, SERIF)
    document.add_paragraph("XX县2025年城市更新重点任务分工")
    document.add_paragraph("各有关单位：现将2025年城市更新重点任务分工印发给你们，请抓好落实。")
    _table(document, X70_ROWS, grid=False)
    document.add_paragraph("XX县城市更新工作领导小组办公室")
    document.add_paragraph("2025年3月3日")
    path = folder / "x70_pdf_borderless_table_no_numbers.docx"
    document.save(path)
    return path


X71_ROWS = [
    ("序号", "工作任务", "主要责任", "直接责任", "分管领导", "完成时限"),
    ("1", "开展医疗机构依法执业专项检查", "县卫生健康局", "医政医管股", "李XX", "2025年6月底前"),
    (
        "2",
        "打击欺诈骗保，完成定点医药机构现场检查全覆盖",
        "县医疗保障局",
        "基金监管股",
        "赵XX",
        "2025年9月底前",
    ),
    (
        "3",
        "开展农村集体聚餐食品安全指导",
        "县市场监督管理局",
        "食品经营监管股",
        "钱XX",
        "长期坚持",
    ),
    (
        "4",
        "完成二级以上医院智慧医院建设评估",
        "县卫生健康局",
        "规划信息股",
        "李XX",
        "2025年12月31日",
    ),
    (
        "5",
        "推进药品集中带量采购结果落地",
        "县医疗保障局",
        "医药价格和招标采购股",
        "赵XX",
        "每季度",
    ),
]


def make_x71() -> None:
    """The 责任清单: which body answers (主要责任), which office does it, which leader."""
    document = docx.Document()
    document.add_paragraph("XX县2025年医疗卫生领域重点工作责任清单")
    document.add_paragraph(
        "按照“主要责任单位负总责、直接责任股室具体抓、分管领导督促落实”的要求，制定本清单。"
    )
    _table(document, X71_ROWS)
    document.add_paragraph("XX县人民政府办公室")
    document.add_paragraph("2025年2月20日")
    document.save(DOCS / "x71_docx_duty_list_main_direct_leader.docx")


X72_LINES = [
    "XX县2025年优化营商环境重点任务分工",
    "为持续打造市场化、法治化、国际化一流营商环境，现将2025年重点任务分工如下。",
    "序号\t重点任务\t\t\t\t责任单位\t\t完成时限",
    "一、提升政务服务效能",
    "1\t推行“高效办成一件事”集成服务，年内上线重点事项13个\t县政务服务中心\t2025年6月底前",
    "2\t开展“办不成事”反映窗口规范化建设\t\t县政务服务中心\t2025年5月底前",
    "二、优化市场环境",
    "3\t清理妨碍统一市场和公平竞争的政策措施\t县市场监督管理局\t2025年9月底前",
    "4\t开展拖欠企业账款清理专项行动\t\t\t县工业和信息化局、县财政局\t2025年10月底前",
    "5\t建立常态化政企沟通机制，每季度召开一次企业家座谈会\t县工商联\t\t长期坚持",
    "XX县优化营商环境工作领导小组办公室",
    "2025年2月28日",
]


def make_x72() -> None:
    """The table typed with tabs: one paragraph a row, tabs repeated to line the columns up."""
    document = docx.Document()
    for line in X72_LINES:
        document.add_paragraph(line)
    document.save(DOCS / "x72_docx_tab_typed_table.docx")


X74_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年民生重点任务分解表", None, None, None, None, None, None, None),
    ("序号", "重点任务", "责任单位", "时间节点", None, None, None, "完成时限"),
    (None, None, None, "一季度", "二季度", "三季度", "四季度", None),
    (
        1,
        "建设县级综合养老服务中心",
        "县民政局",
        "完成项目立项",
        "主体开工",
        "主体封顶",
        "竣工验收",
        "2025年12月底前",
    ),
    (
        2,
        "新增城镇就业3500人",
        "县人力资源社会保障局",
        "900人",
        "1800人",
        "2700人",
        "3500人",
        "年底前",
    ),
    (
        3,
        "完成农村公路提质改造60公里",
        "县交通运输局",
        "启动招标",
        "完成20公里",
        "完成45公里",
        "完成60公里",
        "2025年11月底前",
    ),
    (
        4,
        "实施义务教育薄弱环节改善项目",
        "县教育体育局",
        "完成设计",
        "开工建设",
        "6所学校完工",
        "—",
        "2025年9月底前",
    ),
    (
        5,
        "开展城乡居民免费健康体检",
        "县卫生健康局",
        "制定方案",
        "完成40%",
        "完成80%",
        "全面完成",
        None,
    ),
]


def make_x74() -> None:
    """The 任务分解 with quarter target columns under a merged 时间节点 header."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "任务分解"
    for row in X74_ROWS:
        sheet.append(list(row))
    for cells in ("A1:H1", "D2:G2", "A2:A3", "B2:B3", "C2:C3", "H2:H3"):
        sheet.merge_cells(cells)
    workbook.save(DOCS / "x74_xlsx_quarter_targets.xlsx")


X76_SHEETS: dict[str, list[tuple[object, ...]]] = {
    "县发展改革局": [
        (1, "编制2026年重点项目投资计划", "投资股", "2025年12月底前"),
        (2, "开展县域经济运行季度分析", "综合股", "每季度"),
        (3, "争取超长期特别国债项目资金", "投资股", "2025年9月底前"),
    ],
    "县工业和信息化局": [
        (1, "推动规上工业企业数字化改造20家", "企业股", "2025年11月底前"),
        (2, "新增规上工业企业15家", "运行股", "年底前"),
    ],
    "县商务局": [
        (1, "举办县域特色产品直播电商节", "电商股", "2025年10月"),
        (2, "完成县城一刻钟便民生活圈建设", "流通股", "2025年8月底前"),
    ],
}


def make_x76() -> None:
    """One sheet per department, each with its title row and the same header."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, rows in X76_SHEETS.items():
        sheet = workbook.create_sheet(name)
        sheet.append([f"{name}2025年重点工作任务清单"])
        sheet.append(["序号", "工作任务", "责任股室", "完成时限"])
        for row in rows:
            sheet.append(list(row))
        sheet.merge_cells("A1:D1")
    workbook.save(DOCS / "x76_xlsx_sheet_per_department.xlsx")


X77_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年为民办实事项目推进台账（截至6月30日）", None, None, None, None, None, None),
    ("序号", "实事项目", "责任单位", "完成时限", "进展情况", "完成情况", "备注"),
    (
        1,
        "新建城区公办幼儿园2所",
        "县教育体育局",
        "2025年8月底前",
        "城东幼儿园主体已封顶，城西幼儿园完成地基工程，计划7月底前完成装修。",
        "推进中",
        None,
    ),
    (
        2,
        "改造城区老旧供水管网15公里",
        "县水务集团",
        "2025年10月底前",
        "已完成改造9.6公里，占年度任务的64%。",
        "推进中",
        None,
    ),
    (
        3,
        "为60岁以上老年人免费接种流感疫苗",
        "县卫生健康局",
        "2025年12月底前",
        "疫苗采购已完成招标，10月起集中接种。",
        "未启动",
        "季节性工作",
    ),
    (
        4,
        "新增城区公共充电桩200个",
        "县发展改革局",
        "2025年6月底前",
        "已建成投用212个。",
        "已完成",
        "超额完成",
    ),
    (
        5,
        "建设农村客运候车亭50个",
        "县交通运输局",
        "2025年9月底前",
        "已完成选址32个，6月15日开工建设。",
        "推进中",
        None,
    ),
]


def make_x77() -> None:
    """The 台账 with its progress columns filled in."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "推进台账"
    for row in X77_ROWS:
        sheet.append(list(row))
    sheet.merge_cells("A1:G1")
    workbook.save(DOCS / "x77_xlsx_ledger_progress_filled.xlsx")


X78_ROWS = [
    ("序号", "重点任务", "牵头单位", "完成时限"),
    ("1", "建设城市口袋公园6个", "县城市管理局", "2025年9月底前"),
    ("2", "实施城区主干道提升改造", "县住房城乡建设局", "2025年10月底前"),
    ("3", "完成县城燃气管道老化更新改造8公里", "县住房城乡建设局", "2025年11月底前"),
    ("4", "推进农村饮水安全巩固提升", "县水利局", "年底前"),
    ("5", "开展城乡环境卫生整洁行动", "县爱卫办", "长期坚持"),
]
X78_NESTED = {
    2: [
        ("路段", "改造内容", "长度"),
        ("人民路", "沥青罩面", "2.1公里"),
        ("建设路", "雨污分流改造", "1.6公里"),
    ],
    4: [("乡镇", "工程内容"), ("XX镇", "新建水厂1座"), ("XX乡", "管网延伸12公里")],
}


def make_x78(folder: Path) -> Path:
    """The Word table with tables nested in 重点任务 cells (saved as .odt afterwards)."""
    document = docx.Document()
    document.add_paragraph("XX县2025年城乡建设重点任务清单")
    document.add_paragraph("现将2025年城乡建设重点任务印发给你们，请认真抓好落实。")
    table = _table(document, X78_ROWS)
    for row, nested in X78_NESTED.items():
        cell = table.cell(row, 1)
        inner = cell.add_table(rows=len(nested), cols=len(nested[0]))
        inner.style = "Table Grid"
        for inner_row, values in zip(inner.rows, nested, strict=True):
            for inner_cell, value in zip(inner_row.cells, values, strict=True):
                inner_cell.text = value
    document.add_paragraph("XX县住房和城乡建设局")
    path = folder / "x78_odt_nested_table_in_cell.docx"
    document.save(path)
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as work:
        convert(make_x70(Path(work)), DOCS / "x70_pdf_borderless_table_no_numbers.pdf", "pdf")
        convert(make_x78(Path(work)), DOCS / "x78_odt_nested_table_in_cell.odt", "odt")
    make_x71()
    make_x72()
    make_x74()
    make_x76()
    make_x77()
