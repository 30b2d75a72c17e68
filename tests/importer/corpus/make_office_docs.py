"""Rebuild the written Word and Excel documents of the corpus (docs/x12_…docx, docs/x13_…xlsx,
docs/x17_…xlsx) with python-docx and openpyxl: run this file."""

import datetime as dt
from pathlib import Path

import docx
import openpyxl
from openpyxl.styles import Alignment

DOCS = Path(__file__).parent / "docs"

DOCX_BEFORE = [
    "XX县2025年重点民生工程任务分解",
    "各乡镇人民政府，县直各部门：",
    "经县政府研究同意，现将2025年重点民生工程任务分解如下，请各牵头单位会同责任单位制定推进计划，"
    "确保按期完成。",
]
DOCX_HEADER = ("序号", "工程名称", "建设内容及目标", "牵头单位", "县级责任领导", "完成时限")
DOCX_ROWS = [
    DOCX_HEADER,
    ("一、教育卫生", "", "", "", "", ""),
    (
        "1",
        "县第二实验小学建设工程",
        "新建教学楼1栋，新增学位1080个。",
        "县教育体育局",
        "刘芳",
        "2025年8月底前",
    ),
    (
        "2",
        "乡镇卫生院提升工程",
        "改造提升乡镇卫生院5所，配齐DR等设备。",
        "县卫生健康局",
        "刘芳",
        "2025年8月底前",
    ),
    (
        "3",
        "县域医共体信息化建设",
        "建成县域医共体信息平台，实现检查结果互认。",
        "县卫生健康局",
        "刘芳",
        "2025年12月底前",
    ),
    ("二、城乡建设", "", "", "", "", ""),
    (
        "4",
        "城区雨污分流改造工程",
        "完成城区主干道雨污分流管网改造12公里。",
        "县住房城乡建设局",
        "王强",
        "2025年11月底前",
    ),
    (
        "5",
        "农村危房改造",
        "完成农村低收入群体危房改造120户。",
        "县住房城乡建设局",
        "王强",
        "2025年10月底前",
    ),
]
DOCX_AFTER = [
    "各牵头单位每月5日前将上月工作进展报县政府督查室。",
    "XX县人民政府办公室",
    "2025年1月22日",
]


def make_docx() -> None:
    """The Word document: category rows merged across, 牵头单位/领导/时限 merged down."""
    document = docx.Document()
    for text in DOCX_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_ROWS), cols=len(DOCX_HEADER))
    table.style = "Table Grid"
    for row, values in zip(table.rows, DOCX_ROWS, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(1, 5)).text = "一、教育卫生"
    table.cell(5, 0).merge(table.cell(5, 5)).text = "二、城乡建设"
    table.cell(3, 3).merge(table.cell(4, 3)).text = "县卫生健康局"
    table.cell(2, 4).merge(table.cell(4, 4)).text = "刘芳"
    table.cell(2, 5).merge(table.cell(3, 5)).text = "2025年8月底前"
    table.cell(6, 3).merge(table.cell(7, 3)).text = "县住房城乡建设局"
    table.cell(6, 4).merge(table.cell(7, 4)).text = "王强"
    # a cell written as two paragraphs, as people type them
    cell = table.cell(4, 2)
    cell.text = "建成县域医共体信息平台，"
    cell.add_paragraph("实现检查结果互认。")
    for text in DOCX_AFTER:
        document.add_paragraph(text)
    document.save(DOCS / "x12_county_projects_docx.docx")


XLSX_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年重点项目建设推进台账", None, None, None, None, None, None, None),
    ("填报单位：县发展和改革局", None, None, None, None, None, "单位：万元", None),
    ("序号", "项目名称", "年度计划投资", "年度建设目标", "责任主体", None, "完成时限", "进展情况"),
    (None, None, None, None, "牵头单位", "配合单位", None, None),
    ("产业项目", None, None, None, None, None, None, None),
    (
        1,
        "XX经开区标准化厂房三期",
        12000,
        "完成主体工程及配套设施建设",
        "县经开区管委会",
        "县自然资源局",
        "2025年10月底前",
        "已完成桩基施工",
    ),
    (
        2,
        "年产5万吨农产品精深加工项目",
        8500,
        "建成投产",
        "县农业农村局",
        "XX镇人民政府",
        "2025年9月底前",
        "设备安装中",
    ),
    ("基础设施", None, None, None, None, None, None, None),
    (
        3,
        "县城至XX镇二级公路改建工程",
        26000,
        "完成路基工程18公里",
        "县交通运输局",
        "沿线各乡镇",
        "2025年12月底前",
        "前期手续办理中",
    ),
    (
        4,
        "城区供水管网延伸工程",
        3200,
        "新建供水管网25公里",
        "县水利局",
        None,
        "2025年6月30日前",
        None,
    ),
    (
        5,
        "XX水库除险加固",
        4600,
        "完成大坝防渗及溢洪道改造",
        "县水利局",
        "XX镇人民政府",
        "汛期前",
        "已开工",
    ),
    ("合计", None, 54300, None, None, None, None, None),
]


def make_xlsx() -> None:
    """The Excel ledger: a title row, a two-row header with 责任主体 over two columns."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "重点项目台账"
    for row in XLSX_ROWS:
        sheet.append(list(row))
    sheet.merge_cells("A1:H1")
    sheet.merge_cells("A2:F2")
    sheet.merge_cells("G2:H2")
    for column in "ABCDGH":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:F3")
    sheet.merge_cells("A5:H5")
    sheet.merge_cells("A8:H8")
    sheet.merge_cells("A12:B12")
    sheet["A1"].alignment = Alignment(horizontal="center")
    workbook.save(DOCS / "x13_ledger_xlsx.xlsx")


X17_NOTES = [
    ["填报说明"],
    ["1．本表由各责任单位每月25日前更新“进展情况”列，报县政府督查室。"],
    ["2．完成时间以表中所列为准，确需调整的须书面说明理由。"],
]
X17_ROWS: list[tuple[object, ...]] = [
    ("序号", "任务类别", "工作任务", "责任单位及责任人", "完成时间", "备注"),
    (
        1,
        "项目建设",
        "推进城东污水处理厂提标改造",
        "县住房城乡建设局\n李建华",
        dt.datetime(2025, 6, 30),
        None,
    ),
    (2, None, "完成国道G345线县城过境段改线工程", "县交通运输局（王勇）", "2025.9", None),
    (3, None, "建成县智慧停车管理平台", "县城市管理局  赵磊", "2025-10-31", "续建"),
    (4, "民生保障", "完成城乡低保提标工作", "县民政局\n孙丽", dt.datetime(2025, 3, 31), None),
    (5, None, "实施农村订单定向医学生培养", "县卫生健康局\n周涛", "秋季开学前", None),
]


def make_x17() -> None:
    """An Excel list whose first sheet is filling instructions; dates as real date cells; one
    column for the unit and the person together; the category merged down."""
    workbook = openpyxl.Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "填报说明"
    for row in X17_NOTES:
        notes.append(row)
    sheet = workbook.create_sheet("任务清单")
    for row in X17_ROWS:
        sheet.append(list(row))
    sheet.merge_cells("B2:B4")
    sheet.merge_cells("B5:B6")
    for cell in ("E2", "E5"):
        sheet[cell].number_format = "yyyy年m月d日"
    workbook.save(DOCS / "x17_list_dates_and_persons.xlsx")


X21_PARTS = [
    (
        "一、全面推进河湖长制",
        [
            "落实河湖长巡河制度，县级河长每季度巡河不少于1次。（县水利局负责）",
            "开展河湖“清四乱”专项行动，6月底前完成问题整改。（县水利局牵头，各乡镇配合）",
        ],
    ),
    (
        "二、加强水污染防治",
        [
            "推进城镇污水处理提质增效，年底前城市生活污水集中收集率达到70%。"
            "（县住房城乡建设局负责）",
            "开展入河排污口排查整治，9月底前完成溯源。（市生态环境局XX分局负责）",
        ],
    ),
]


def make_x21() -> None:
    """A Word plan whose headings use the Heading 2 style and whose items are numbered by
    Word (List Number): the labels 1. 2. are drawn, not typed; the whole plan sits in a
    one-cell layout table as documents exported from an office system do."""
    document = docx.Document()
    document.add_paragraph("XX县2025年水生态环境保护工作要点", style="Title")
    document.add_paragraph("为持续改善全县水生态环境质量，制定本要点。")
    layout = document.add_table(rows=1, cols=1)
    cell = layout.cell(0, 0)
    cell.paragraphs[0].text = "各乡镇、县直有关部门要对照要点抓好落实。"
    for heading, items in X21_PARTS:
        cell.add_paragraph(heading, style="Heading 2")
        for item in items:
            cell.add_paragraph(item, style="List Number")
    document.add_paragraph("XX县生态环境保护委员会办公室")
    document.add_paragraph("2025年2月20日")
    document.save(DOCS / "x21_word_numbering_in_layout_table.docx")


if __name__ == "__main__":
    make_docx()
    make_xlsx()
    make_x17()
    make_x21()
