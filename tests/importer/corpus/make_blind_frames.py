"""Rebuild the written documents x80, x81, x83–x85, x88 and x89 of the corpus: run
``python -m tests.importer.corpus.make_blind_frames``.

- docs/x80_…docx: a task table inside a Word text box (``mc:AlternateContent`` with a
  ``wps:txbx`` choice and a VML ``v:textbox`` fallback), and a text box holding a 联系人 note;
- docs/x81_…odt: a task table inside a frame (``draw:frame``/``draw:text-box``), and a frame
  holding a note;
- docs/x83_…xlsx: a 月度推进计划 with 1月…12月 target columns after 完成时限;
- docs/x84_…pdf: a borderless table, rows set close together (no spacing, small type), some
  完成时限 cells empty, printed from Word to PDF;
- docs/x85_…xlsx: a 责任清单 with 责任领导 / 责任单位 / 责任人 / 联系电话 columns and a 备注 column
  saying 已完成 or 取消;
- docs/x88_…docx: three 督办通知单 forms, each a two-column Word table of labelled rows;
- docs/x89_…xls: a 任务分工 whose 时间安排 column holds ranges (2025年3月—4月, 3月至6月, 全年),
  saved as Excel 97–2003 with LibreOffice.

Needs ``soffice`` on PATH for x84 and x89 (the PDF carries its creation time, so every run
rewrites it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
import openpyxl
from docx.shared import Pt

from tests.importer.corpus.make_converted_docs import SERIF, _font, convert
from tests.importer.corpus.make_wild_docx import cell, p, row, table, textbox_run, write_docx
from tests.importer.corpus.make_wild_sheets import _ODF, _cell, write_odt
from tests.importer.corpus.make_wild_sheets import _p as odf_p

DOCS = Path(__file__).parent / "docs"

X80_ROWS = [
    ("序号", "重点任务", "责任单位", "完成时限"),
    ("1", "建设县级农产品冷链物流集配中心", "县商务局", "2025年10月底前"),
    ("2", "培育市级以上农业产业化龙头企业3家", "县农业农村局", "年底前"),
    ("3", "完成农村供水工程维修养护120处", "县水利局", "2025年6月底前"),
    ("4", "开展农村人居环境整治“村庄清洁行动”", "各乡镇人民政府", "长期坚持"),
    ("5", "新建村级寄递物流综合服务站30个", "县邮政管理局", "2025年9月底前"),
]


def make_x80() -> None:
    """The task table drawn inside a text box anchored in an empty paragraph."""
    grid = table(4, *(row(*values, header=i == 0) for i, values in enumerate(X80_ROWS)))
    body = "".join(
        [
            p("XX县2025年乡村振兴重点任务清单"),
            p("各乡镇人民政府，县直有关单位：现将2025年乡村振兴重点任务清单印发给你们，"),
            p("请对照清单抓好落实，每季度末将进展情况报县乡村振兴局。"),
            p(textbox_run(p("附表") + grid + p(""))),
            p(textbox_run(p("联系人：张XX，联系电话：0000-1234567"))),
            p("XX县乡村振兴局"),
            p("2025年3月10日"),
        ]
    )
    write_docx("x80_docx_table_in_textbox.docx", body, {})


X81_ROWS = [
    ("序号", "创建任务", "牵头单位", "配合单位", "完成时限"),
    ("1", "规范城区农贸市场经营秩序", "县市场监督管理局", "城关镇人民政府", "2025年5月底前"),
    ("2", "整治城区占道经营和流动摊点", "县城市管理局", "县公安局", "2025年6月底前"),
    ("3", "推进公益广告进社区、进小区", "县委宣传部", "县文明办", "2025年4月底前"),
    ("4", "开展志愿服务进社区活动", "县文明办", "团县委", ""),
]
_DRAW = (
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _frame(name: str, content: str) -> str:
    return (
        f'<draw:frame draw:name="{name}" text:anchor-type="paragraph" svg:width="16cm">'
        f"<draw:text-box>{content}</draw:text-box></draw:frame>"
    )


def make_x81() -> None:
    """The task table inside a frame, as LibreOffice keeps a table put in a text frame."""
    rows = "".join(
        "<table:table-row>" + "".join(_cell(x) for x in values) + "</table:table-row>"
        for values in X81_ROWS
    )
    grid = (
        '<table:table table:name="表1"><table:table-column table:number-columns-repeated="5"/>'
        f"{rows}</table:table>"
    )
    body = "".join(
        [
            odf_p("XX县2025年创建全国文明城市重点任务分工"),
            odf_p(
                "县直各有关单位：现将2025年创建全国文明城市重点任务分工印发给你们，请认真落实。"
            ),
            odf_p(_frame("框架1", odf_p("重点任务分工表") + grid)),
            odf_p(_frame("框架2", odf_p("联系人：李XX，联系电话：0000-7654321"))),
            odf_p("XX县创建全国文明城市工作指挥部办公室"),
        ]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF} {_DRAW}>'
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    write_odt("x81_odt_table_in_frame.odt", content)


_MONTHS = [f"{m}月" for m in range(1, 13)]
X83_ROWS: list[tuple[object, ...]] = [
    (
        1,
        "县城污水处理厂提标改造工程",
        "县住房城乡建设局",
        "2025年10月底前",
        *("完成设计", "完成招标", "开工建设", "土建30%", "土建60%", "土建100%"),
        *("设备安装", "设备安装", "调试运行", "竣工验收", "—", "—"),
    ),
    (
        2,
        "XX工业园区标准化厂房建设",
        "县工业园区管委会",
        "2025年12月底前",
        *("征地", "征地", "场地平整", "开工", "基础施工", "主体施工"),
        *("主体施工", "主体封顶", "内部装修", "内部装修", "配套工程", "竣工"),
    ),
    (
        3,
        "县人民医院门诊综合楼建设",
        "县卫生健康局",
        "2026年6月底前",
        *("主体施工",) * 6,
        *("主体封顶", "装修", "装修", "装修", "装修", "设备采购"),
    ),
    (
        4,
        "实施“四好农村路”提质改造",
        "县交通运输局",
        None,
        *("—", "—", "启动", "10公里", "20公里", "30公里"),
        *("40公里", "50公里", "60公里", "70公里", "80公里", "—"),
    ),
    (
        5,
        "城区集中供热管网延伸工程",
        "县城市管理局",
        "2025年11月15日前",
        *("—", "—", "—", "开工", "管网铺设", "管网铺设"),
        *("管网铺设", "管网铺设", "打压试验", "试运行", "投入使用", "—"),
    ),
]


def make_x83() -> None:
    """The 月度推进计划: a merged title, 月度推进计划 merged over the twelve month columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "月度计划"
    sheet.append(["XX县2025年重点项目建设月度推进计划表"])
    sheet.append(["序号", "项目名称", "责任单位", "完成时限", "月度推进计划"])
    sheet.append([None, None, None, None, *_MONTHS])
    for values in X83_ROWS:
        sheet.append(list(values))
    for cells in ("A1:P1", "E2:P2", "A2:A3", "B2:B3", "C2:C3", "D2:D3"):
        sheet.merge_cells(cells)
    book.save(DOCS / "x83_xlsx_month_columns.xlsx")


X84_ROWS = [
    ("序号", "工作任务", "责任单位", "完成时限"),
    (
        "1",
        "开展全县河湖“清四乱”专项行动，对排查发现的问题建立台账、逐一销号",
        "县水利局",
        "2025年6月底前",
    ),
    ("2", "完成县城饮用水水源地规范化建设", "县水利局", ""),
    (
        "3",
        "推进畜禽养殖废弃物资源化利用，综合利用率达到85%以上",
        "县农业农村局",
        "2025年11月底前",
    ),
    ("4", "开展入河排污口排查整治", "市生态环境局XX分局", ""),
    (
        "5",
        "实施XX河生态缓冲带修复工程，修复岸线3.5公里",
        "县林业局",
        "2025年10月底前",
    ),
    ("6", "建立河湖长制工作季度通报制度", "县河长办", "2025年3月底前"),
]


def make_x84(folder: Path) -> Path:
    """The borderless table with rows close together (no paragraph spacing, 10.5 pt type)."""
    document = docx.Document()
    _font(document, SERIF)
    document.add_paragraph("XX县2025年河湖长制重点工作任务")
    document.add_paragraph(
        "为深入推进河湖长制，持续改善河湖生态环境，确定2025年重点工作任务如下。"
    )
    grid = document.add_table(rows=len(X84_ROWS), cols=4)
    widths = (Pt(36), Pt(250), Pt(110), Pt(90))
    for tr, values in zip(grid.rows, X84_ROWS, strict=True):
        for box, value, width in zip(tr.cells, values, widths, strict=True):
            box.width = width
            paragraph = box.paragraphs[0]
            paragraph.paragraph_format.space_before = Pt(0)
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            paragraph.add_run(value).font.size = Pt(10.5)
    document.add_paragraph("XX县河长制办公室")
    path = folder / "x84_pdf_borderless_tight_rows_empty_deadlines.docx"
    document.save(path)
    return path


X85_ROWS: list[tuple[object, ...]] = [
    ("XX县文化广电和旅游体育2025年重点工作责任清单", *([None] * 7)),
    ("序号", "工作任务", "责任领导", "责任单位", "责任人", "联系电话", "完成时限", "备注"),
    (
        1,
        "完成第四次全国文物普查实地调查",
        "王XX",
        "县文化广电和旅游局",
        "李XX",
        "13800001111",
        "2025年6月底前",
        "已完成",
    ),
    (
        2,
        "建设县级非物质文化遗产展示馆",
        "王XX",
        "县文化广电和旅游局",
        "赵XX",
        "13800002222",
        "2025年12月底前",
        None,
    ),
    (
        3,
        "举办第三届乡村文化旅游节",
        "刘XX",
        "县文化广电和旅游局",
        "孙XX",
        "13800003333",
        "2025年9月底前",
        "取消",
    ),
    (
        4,
        "完成县体育馆改造提升",
        "刘XX",
        "县教育体育局",
        "周XX",
        "0371-61234567",
        "2025年8月底前",
        None,
    ),
    (
        5,
        "创建省级全域旅游示范区",
        "王XX",
        "县文化广电和旅游局",
        "吴XX",
        "13800005555",
        "年底前",
        "已取消，并入市级创建",
    ),
    (
        6,
        "开展全民健身赛事活动20场次",
        "刘XX",
        "县教育体育局",
        "郑XX",
        "13800006666",
        "2025年11月底前",
        "已完成12场",
    ),
]


def make_x85() -> None:
    """The 责任清单 with leader, unit, person and phone columns and a 备注 of its state."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "责任清单"
    for values in X85_ROWS:
        sheet.append(list(values))
    sheet.merge_cells("A1:H1")
    book.save(DOCS / "x85_xlsx_duty_list_leader_person_phone.xlsx")


X88_FORMS = [
    (
        "县督〔2025〕15号",
        "2025年3月5日",
        "加快推进城东片区棚户区改造项目征收扫尾工作，确保项目按期开工。",
        "县长办公会议纪要〔2025〕3号",
        ("县住房城乡建设局", "城关镇人民政府"),
        "2025年4月30日前",
    ),
    (
        "县督〔2025〕16号",
        "2025年3月6日",
        "解决XX小区业主反映的供暖不热问题，3月10日前完成入户排查。",
        "12345政务服务便民热线",
        ("县城市管理局", "县热力公司"),
        "2025年3月20日前",
    ),
    (
        "县督〔2025〕17号",
        "2025年3月6日",
        "落实2025年春季植树造林任务，完成造林1.2万亩。",
        "县委常委会会议",
        ("县林业局", "各乡镇人民政府"),
        "2025年4月15日前",
    ),
]
_SPAN3 = '<w:gridSpan w:val="3"/>'


def _form(
    number: str, given: str, task: str, origin: str, units: tuple[str, str], due: str
) -> str:
    rows = [
        row("督办编号", number, "交办日期", given),
        row("督办事项", cell(task, props=_SPAN3)),
        row("事项来源", cell(origin, props=_SPAN3)),
        row("承办单位", units[0], "协办单位", units[1]),
        row("办结时限", cell(due, props=_SPAN3)),
        row("督办要求", cell("请于每月5日前将办理进展书面报县政府督查室。", props=_SPAN3)),
    ]
    return table(4, *rows)


def make_x88() -> None:
    """Three 督办通知单 forms one after another, each under its own title line."""
    parts = [p("XX县人民政府督查室督办通知单")]
    for i, form in enumerate(X88_FORMS, start=1):
        parts += [p(f"督办通知单（{i}）"), _form(*form), p("")]
    parts.append(p("XX县人民政府督查室　2025年3月6日"))
    write_docx("x88_docx_supervision_forms.docx", "".join(parts), {})


X89_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年优化营商环境攻坚行动任务分工", None, None, None, None),
    ("序号", "工作任务", "牵头单位", "配合单位", "时间安排"),
    (1, "开展营商环境问题线索大排查", "县发展改革局", "县直各有关单位", "2025年3月—4月"),
    (2, "清理拖欠民营企业账款", "县工业和信息化局", "县财政局", "2025年3月至6月"),
    (3, "推行“一业一证”改革", "县政务服务中心", "县市场监督管理局", "全年"),
    (4, "开展涉企行政执法检查专项整治", "县司法局", "县直各执法部门", "2025年5月—9月"),
    (5, "建立营商环境监督员制度", "县纪委监委", "县工商联", "2025年4月底前"),
]


def make_x89(folder: Path) -> Path:
    """The 任务分工 with a 时间安排 column of ranges (saved as .xls afterwards)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "任务分工"
    for values in X89_ROWS:
        sheet.append(list(values))
    sheet.merge_cells("A1:E1")
    path = folder / "x89_xls_schedule_ranges.xlsx"
    book.save(path)
    return path


def main() -> None:
    """Write every document of this builder."""
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        pdf = DOCS / "x84_pdf_borderless_tight_rows_empty_deadlines.pdf"
        convert(make_x84(folder), pdf, "pdf")
        convert(make_x89(folder), DOCS / "x89_xls_schedule_ranges.xls", "xls")
    make_x80()
    make_x81()
    make_x83()
    make_x85()
    make_x88()


if __name__ == "__main__":
    main()
