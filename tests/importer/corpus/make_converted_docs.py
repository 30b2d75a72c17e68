"""Rebuild the converted documents of the corpus and the scanned-PDF fixture.

- docs/x30_…pdf, docs/x31_…pdf: Word files written with python-docx (running header, page-number
  footer, a table, a CJK font) printed to PDF by LibreOffice, which embeds subsets of the font
  with ToUnicode maps;
- docs/x32_…xls: a workbook written with openpyxl, saved as Excel 97–2003 by LibreOffice Calc;
- docs/x33_…pdf: x29's text typeset by matplotlib with a CID TrueType font (Identity-H);
- docs/x42_…pdf: a 责任分工 table without a 序号 column, cells wrapped, printed to PDF;
- fixtures/scanned_plan.pdf: a page image and no text;
- fixtures/hidden_sheet.xls: docs/x39's workbook (a hidden 旧稿 sheet) saved as Excel 97–2003;
- docs/x43_…ods: a 责任清单 workbook saved by LibreOffice Calc as OpenDocument (.ods): merged
  title and category rows, an owner merged down, date and number cells, a hidden row and a
  hidden 旧稿 sheet;
- fixtures/hidden_row.xls: x43's workbook (a hidden row, a hidden sheet) saved as Excel 97–2003;
- docs/x44_…rtf: a Word 工作要点 with owner notes and a 附件 table saved as rich text by
  LibreOffice Writer (Chinese as ``\\uN`` with fallback bytes);
- docs/x45_…rtf: a 责任分工 table written by hand as WPS writes rich text: ``\\ansicpg936``,
  Chinese as ``\\'hh`` GBK bytes, a font table, a stylesheet, an info group and a picture;
- docs/x46_…odt: docs/x35 (a Word list linked to Heading 1/2) opened and saved as .odt by
  LibreOffice Writer: the first part as outline headings, the second as list items of a list
  style drawn like the outline but not linked to it.
- docs/x60_…doc … docs/x68_…doc: corpus documents saved as Word 97–2003 (.doc) by LibreOffice
  Writer (:data:`WORD_BINARY`): Word tables with category rows merged across and owners merged
  down, a nested table, a WPS table, running header, footnotes, text box and fields, soft
  breaks, typed outline numbers from plain text, list numbers Word draws; docs/x69_…wps is
  x60's file named as WPS Office names its documents. Each one's annotation is its source's
  (:func:`copy_annotation`), so the scorer must give both the same figures.

Needs ``soffice`` (LibreOffice Writer and Calc) on PATH: run this file, commit what it writes
(PDFs carry their creation time, so every run rewrites them).
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DOCS = Path(__file__).parent / "docs"
FIXTURES = Path(__file__).parent.parent / "fixtures"
BUNDLED_FONT = Path(__file__).parents[3] / "bot" / "render" / "rhythm" / "fonts"
SERIF = "Noto Serif CJK SC"  # a CFF font: embedded as Type 1 subsets with ToUnicode maps
SANS = "Duban Sans SC"  # TrueType: embedded as a CID font (Identity-H) with a ToUnicode map

X30_TITLE = "XX县2025年城乡供水保障三年行动实施方案"
X30_INTRO = (
    "为进一步提升城乡供水保障能力，加快推进城乡供水一体化，让全县群众喝上放心水、安全水，"
    "根据省、市关于农村供水保障工作的部署要求，结合我县实际，制定本实施方案。"
)
X30_FRAMING = [
    ("一、总体要求", None),
    (
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，"
        "坚持以人民为中心的发展思想，统筹城乡供水基础设施建设和运行管护，"
        "着力补齐农村供水短板，不断增强人民群众的获得感、幸福感、安全感。",
        None,
    ),
    (
        "（二）工作目标。到2025年底，全县农村自来水普及率达到98%以上，规模化供水工程覆盖农村人口"
        "比例达到85%以上，城乡供水水质达标率稳步提升，基本建成从水源到水龙头的全链条供水保障体系。",
        None,
    ),
]
X30_ITEMS = [
    (
        "（一）实施水源保障工程。新建县城第二水源地引水工程，完成取水口、输水管线和调蓄池建设，"
        "形成双水源供水格局，提高县城供水安全保障水平。",
        "县水利局",
        "县自然资源局、县生态环境局",
        "2025年11月底前",
    ),
    (
        "（二）推进城乡供水一体化。以县城水厂为依托，向周边乡镇延伸供水管网，"
        "实施12个乡镇供水管网联通工程，逐步实现城乡供水同网、同质、同价。",
        "县水利局",
        "各乡镇人民政府、县城投公司",
        "2025年12月底前",
    ),
    (
        "（三）改造老旧供水管网。对县城建成区使用年限超过30年的供水管网进行更新改造，"
        "完成改造管网45公里，管网漏损率控制在10%以内。",
        "县住房城乡建设局",
        "县自来水公司",
        "2025年10月底前",
    ),
    (
        "（四）加强水质监测能力建设。完善县级水质检测中心设备配置，"
        "实现对千吨万人以上供水工程水质检测全覆盖，定期向社会公开水质信息。",
        "县卫生健康局",
        "县水利局、县疾控中心",
        "2025年9月底前",
    ),
    (
        "（五）健全工程运行管护机制。全面落实农村供水工程县级统管责任，"
        "推行专业化管护，建立健全水价形成和水费收缴机制。",
        "县水利局",
        "县发展改革局、县财政局",
        "长期坚持",
    ),
    (
        "（六）开展农村饮水安全排查。每季度组织一次农村饮水安全大排查，"
        "对排查发现的问题建立台账、限期整改、逐一销号。",
        "县水利局",
        "各乡镇人民政府",
        "每季度",
    ),
]
X30_GUARANTEE = [
    "三、保障措施",
    "（一）加强组织领导。成立由县政府分管副县长任组长的城乡供水保障工作领导小组，"
    "统筹推进各项工作，研究解决重大问题。",
    "（二）强化资金保障。积极争取中央和省级专项资金，统筹整合涉农资金，"
    "鼓励社会资本参与城乡供水工程建设和运营。",
    "（三）严格督查考核。将城乡供水保障工作纳入乡镇和县直部门年度目标考核，"
    "县政府督查室定期开展专项督查，对工作推进不力的予以通报。",
]
X30_TABLE = [
    ("序号", "工程名称", "建设内容", "责任单位", "完成时限"),
    ("1", "东山镇水厂扩建工程", "新增日供水能力5000吨", "东山镇人民政府", "2025年8月底前"),
    ("2", "西河片区集中供水工程", "新建加压泵站2座、配水管网26公里", "县水利局", "2025年11月底前"),
    ("3", "县城应急备用水源工程", "新建应急备用水源井6眼", "县住房城乡建设局", "2025年12月底前"),
]

X31_TITLE = "XX县2025年度河湖长制工作责任清单"
X31_HEADER = ("序号", "工作任务", "责任单位", "配合单位", "完成时限")
X31_ROWS = [
    ("1", "开展河湖“清四乱”常态化规范化整治", "县水利局", "各乡镇人民政府", "2025年12月底前"),
    ("2", "完成县级河湖健康评价报告编制", "县水利局", "县生态环境局", "2025年9月底前"),
    (
        "3",
        "推进入河排污口排查整治",
        "县生态环境局",
        "县水利局、县住房城乡建设局",
        "2025年10月底前",
    ),
    ("4", "实施农业面源污染防治", "县农业农村局", "各乡镇人民政府", "2025年11月底前"),
    ("5", "加强河道采砂管理", "县水利局", "县公安局、县自然资源局", "长期坚持"),
    ("6", "开展水土流失综合治理", "县水利局", "县林业局", "2025年12月底前"),
    ("7", "推进美丽幸福河湖建设", "县水利局", "县文化和旅游局", "2025年11月底前"),
    ("8", "完善河湖长巡河履职考核办法", "县河长制办公室", "县委组织部", "2025年6月底前"),
    (
        "9",
        "开展饮用水水源地保护区规范化建设",
        "县生态环境局",
        "县水利局、县卫生健康局",
        "2025年10月底前",
    ),
    ("10", "推进智慧河湖监管平台建设", "县水利局", "县大数据中心", "2025年12月底前"),
    ("11", "组织开展“河湖长护河”志愿服务活动", "团县委", "县水利局、县妇联", "每季度"),
    ("12", "完成小型水库安全鉴定和除险加固", "县水利局", "县财政局", "2025年8月底前"),
    ("13", "清理整治河道沿岸违法建筑", "县城市管理局", "县水利局、县自然资源局", "2025年9月底前"),
]


def _font(document: docx.document.Document, font: str) -> None:
    style = document.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), font)


def _page_field(paragraph: docx.text.paragraph.Paragraph) -> None:
    """Append a PAGE field, written as Word writes it."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        if kind == "separate":
            paragraph.add_run("1")


def _furniture(document: docx.document.Document, header: str, before: str, after: str) -> None:
    """A running header line and a centred page-number footer (``— N —``) on every page."""
    section = document.sections[0]
    section.header.paragraphs[0].text = header
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{before} ")
    _page_field(paragraph)
    paragraph.add_run(f" {after}")


def _table(document: docx.document.Document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)


def make_x30(out: Path) -> Path:
    """A three-page 实施方案: running header, page numbers, owner notes, a table in 附件."""
    document = docx.Document()
    _font(document, SANS)
    _furniture(document, "XX县人民政府办公室文件", "—", "—")
    document.add_paragraph(X30_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(X30_INTRO)
    for text, _ in X30_FRAMING:
        document.add_paragraph(text)
    document.add_paragraph("二、重点任务")
    for text, lead, co, limit in X30_ITEMS:
        document.add_paragraph(f"{text}（牵头单位：{lead}；配合单位：{co}；完成时限：{limit}）")
    for text in X30_GUARANTEE:
        document.add_paragraph(text)
    document.add_paragraph("附件：2025年城乡供水重点工程清单")
    _table(document, X30_TABLE)
    document.add_paragraph("XX县人民政府办公室").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("2025年3月20日").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = out / "x30_pdf_county_plan_multipage.docx"
    document.save(path)
    return path


def make_x31(out: Path) -> Path:
    """A landscape 责任清单 table over two pages, its header row repeated, page numbers."""
    document = docx.Document()
    _font(document, SERIF)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    _furniture(document, "XX县河长制办公室", "第", "页")
    document.add_paragraph(X31_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    _table(document, [X31_HEADER, *X31_ROWS])
    document.add_paragraph("XX县河长制办公室").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = out / "x31_pdf_duty_table.docx"
    document.save(path)
    return path


X42_TITLE = "XX县2025年安全生产重点工作责任分工"
X42_HEADER = ("重点工作", "具体措施", "责任单位", "完成时限")
X42_ROWS = [
    (
        "开展重大事故隐患排查整治",
        "建立重大事故隐患清单，实行挂牌督办、销号管理",
        "县应急管理局",
        "2025年6月底前",
    ),
    (
        "加强危险化学品安全监管",
        "完成危险化学品企业安全风险评估全覆盖",
        "县应急管理局、县工业和信息化局",
        "2025年9月底前",
    ),
    (
        "整治道路交通安全隐患",
        "整治农村公路急弯陡坡、临水临崖等隐患路段30处",
        "县交通运输局",
        "2025年10月底前",
    ),
    ("强化建筑施工安全管理", "开展建筑起重机械专项检查", "县住房城乡建设局", "2025年8月底前"),
    ("提升消防安全水平", "完成老旧小区消防设施改造20个", "县消防救援大队", "2025年12月底前"),
]


def make_x42(out: Path) -> Path:
    """A portrait 责任分工 table with no 序号 column, long cells wrapped over lines."""
    document = docx.Document()
    _font(document, SERIF)
    _furniture(document, "XX县安全生产委员会办公室", "—", "—")
    document.add_paragraph(X42_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("各乡镇人民政府，县安委会各成员单位：现将重点工作责任分工如下。")
    _table(document, [X42_HEADER, *X42_ROWS])
    document.add_paragraph("XX县安全生产委员会办公室").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = out / "x42_pdf_table_without_numbers.docx"
    document.save(path)
    return path


def make_scanned(out: Path) -> Path:
    """A PDF with a page image and no text layer, as a scanner makes."""
    from PIL import Image

    image = out / "scanned_plan.png"
    Image.new("L", (400, 560), 255).save(image)
    document = docx.Document()
    document.add_picture(str(image), width=Cm(14))
    path = out / "scanned_plan.docx"
    document.save(path)
    return path


X32_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年安全生产“大排查大整治”责任清单", None, None, None, None),
    ("序号", "整治任务", "责任单位", "县级责任领导", "完成时限"),
    ("一、重点行业领域", None, None, None, None),
    (1, "开展危险化学品企业安全风险隐患排查", "县应急管理局", "陈XX", dt.date(2025, 6, 30)),
    (2, "开展自建房安全专项整治", "县住房城乡建设局", "陈XX", dt.date(2025, 9, 30)),
    (3, "开展农村公路安全隐患整治", "县交通运输局", "周XX", "2025年10月底前"),
    ("二、人员密集场所", None, None, None, None),
    (4, "开展大型商业综合体消防安全检查", "县消防救援大队", "周XX", "长期坚持"),
    (5, "开展校园及周边安全隐患排查", "县教育体育局", "周XX", dt.date(2025, 8, 31)),
]


def make_x32(out: Path) -> Path:
    """A 责任清单 workbook: a title row, category rows merged across, the leader merged down,
    real date cells beside written deadlines."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "责任清单"
    for row in X32_ROWS:
        sheet.append(list(row))
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A3:E3")
    sheet.merge_cells("A7:E7")
    sheet.merge_cells("D4:D5")
    sheet.merge_cells("D8:D9")
    for cell in ("E4", "E5", "E9"):
        sheet[cell].number_format = "yyyy年m月d日"
    path = out / "x32_duty_list_xls.xlsx"
    book.save(path)
    return path


X43_ROWS: list[tuple[object, ...]] = [
    ("XX县2025年优化营商环境重点任务责任清单", None, None, None, None),
    ("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
    ("一、政务服务", None, None, None, None),
    (1, "推行企业开办“一网通办”", "县行政审批局", "县市场监管局", dt.date(2025, 6, 30)),
    (2, "推进工程建设项目审批提速", "县行政审批局", "县住房城乡建设局", "2025年9月底前"),
    (3, "（已取消）开展证明事项清理", "县司法局", "", "2025年3月底前"),
    ("二、要素保障", None, None, None, None),
    (4, "开展涉企收费专项检查", "县市场监管局", "县发展改革局", dt.date(2025, 10, 31)),
    (5, "落实中小企业融资风险补偿", "县财政局", "县金融服务中心", "长期坚持"),
    (6, "推进“标准地”出让改革", "县自然资源局", "县发展改革局", dt.date(2025, 12, 31)),
]


def make_x43(out: Path) -> Path:
    """A 责任清单 workbook: merged title and category rows, 配合单位 merged down, date and number
    cells, a hidden row (a cancelled task) and a hidden 旧稿 sheet; saved as .ods."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "责任清单"
    for row in X43_ROWS:
        sheet.append(list(row))
    for merged in ("A1:E1", "A3:E3", "A7:E7", "D8:D9"):
        sheet.merge_cells(merged)
    sheet.row_dimensions[6].hidden = True
    for cell in ("E4", "E8", "E10"):
        sheet[cell].number_format = "yyyy年m月d日"
    old = book.create_sheet("旧稿")
    old.append(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
    old.append([1, "编制营商环境评价报告", "县发展改革局", "", "2024年12月底前"])
    old.sheet_state = "hidden"
    path = out / "x43_ods_duty_list.xlsx"
    book.save(path)
    return path


X44_TITLE = "XX县2025年农村人居环境整治工作要点"
X44_INTRO = "为持续改善农村人居环境，建设宜居宜业和美乡村，现将2025年工作要点印发如下。"
X44_BODY = [
    "一、重点任务",
    "（一）推进农村厕所革命。新改建农村户用卫生厕所1200户，同步建立管护机制。"
    "（牵头单位：县农业农村局；完成时限：2025年10月底前）",
    "（二）治理农村生活污水。完成15个行政村生活污水治理，治理率达到45%以上。"
    "（牵头单位：县生态环境局；完成时限：2025年11月底前）",
    "（三）提升村容村貌。开展村庄清洁行动，清理乱堆乱放、残垣断壁。"
    "（牵头单位：县住房城乡建设局；完成时限：长期坚持）",
    "二、工作要求",
    "各乡镇、各有关部门要高度重视，明确专人负责，每月25日前报送工作进展情况。",
    "附件：2025年农村人居环境整治重点项目清单",
]
X44_TABLE = [
    ("序号", "整治项目", "责任单位", "完成时限"),
    ("1", "东山村污水处理设施建设", "东山镇人民政府", "2025年9月底前"),
    ("2", "西河村户厕改造", "西河乡人民政府", "2025年8月底前"),
]


def make_x44(out: Path) -> Path:
    """A 工作要点: items with （牵头单位：X；完成时限：Y） notes, a 工作要求 part, a 附件 table;
    LibreOffice saves it as rich text (.rtf)."""
    document = docx.Document()
    _font(document, SERIF)
    document.add_paragraph(X44_TITLE).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(X44_INTRO)
    for text in X44_BODY:
        document.add_paragraph(text)
    _table(document, X44_TABLE)
    document.add_paragraph("XX县农业农村局").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    path = out / "x44_rtf_work_points.docx"
    document.save(path)
    return path


X45_TITLE = "XX县2025年“双拥”工作责任分工"
X45_ROWS = [
    ("序号", "工作任务", "责任单位", "完成时限"),
    ("1", "开展走访慰问驻县部队和优抚对象活动", "县退役军人事务局", "2025年2月底前"),
    ("2", "落实随军家属就业安置政策", "县人力资源社会保障局", "2025年6月30日前"),
    ("3", "做好军人子女入学入托优待工作", "县教育体育局", "2025年8月底前"),
    ("4", "推进双拥主题公园建设", "县住房城乡建设局", "2025年12月底前"),
]


def _gbk(text: str) -> str:
    """Text as WPS writes it in rich text: ASCII as is, the rest as GBK bytes ``\\'hh``."""
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        else:
            out.extend(f"\\'{byte:02x}" for byte in char.encode("gbk"))
    return "".join(out)


def make_x45() -> bytes:
    """A 责任分工 table as WPS writes rich text: code page 936, GBK escapes, font table with a
    Chinese font name, colour table, stylesheet, info and generator groups, a picture (a
    letterhead logo) before the title, table rows of ``\\cell`` … ``\\row``."""
    head = (
        "{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052"
        f"{{\\fonttbl{{\\f0\\fnil\\fcharset134 {_gbk('宋体')};}}"
        f"{{\\f1\\fnil\\fcharset134 {_gbk('仿宋_GB2312')};}}}}"
        "{\\colortbl;\\red0\\green0\\blue0;\\red255\\green0\\blue0;}"
        f"{{\\stylesheet{{\\s0\\qj\\f1\\fs32 {_gbk('正文')};}}"
        f"{{\\s1\\qc\\b\\f0\\fs44 {_gbk('标题 1')};}}}}"
        f"{{\\info{{\\title {_gbk('责任分工')}}}{{\\author {_gbk('县双拥办')}}}}}"
        "{\\*\\generator WPS Office;}"
        "\\paperw11906\\paperh16838\\margl1800\\margr1800\\viewkind1\\uc2\n"
    )
    picture = "{\\pict\\pngblip\\picw16\\pich16 " + "89504e470d0a1a0a" * 8 + "}\n"
    title = f"\\pard\\s1\\qc\\b\\f0\\fs44 {_gbk(X45_TITLE)}\\b0\\par\n"
    intro = (
        f"\\pard\\s0\\qj\\f1\\fs32 {_gbk('各乡镇人民政府，县直各有关单位：')}\\par\n"
        f"{_gbk('现将2025年双拥工作责任分工印发给你们，请认真抓好落实。')}\\par\n"
    )
    rows = []
    for row in X45_ROWS:
        cells = "".join(f"\\cellx{1500 * (i + 1)}" for i in range(len(row)))
        body = "".join(f"\\pard\\intbl {_gbk(cell)}\\cell " for cell in row)
        rows.append(f"\\trowd\\trgaph108{cells}\n{body}\\row\n")
    tail = f"\\pard\\qr {_gbk('XX县双拥工作领导小组办公室')}\\par\n}}"
    return (head + picture + title + intro + "".join(rows) + tail).encode("ascii")


X33_SOURCE = DOCS / "x29_arabic_dun_circled.txt"
X33_WIDTH = 28
"""Characters per printed line: every line is broken there, inside sentences and notes."""
X33_LINES_PER_PAGE = 12


def make_x33(target: Path) -> None:
    """x29's text typeset by matplotlib into a two-page PDF whose font is a CID font (Type 0,
    Identity-H, TrueType outlines, a ToUnicode map), as Word and WPS embed Chinese fonts: lines
    broken at the page width, a running header with a left and a right part, 第 N 页 共 M 页."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.font_manager import FontProperties

    matplotlib.rcParams["pdf.fonttype"] = 42
    font = FontProperties(fname=str(BUNDLED_FONT / "DubanSansSC-Regular.ttf"), size=12)
    lines: list[str] = []
    for paragraph in X33_SOURCE.read_text(encoding="utf-8").splitlines():
        paragraph = paragraph.strip()
        while len(paragraph) > X33_WIDTH:
            lines.append(paragraph[:X33_WIDTH])
            paragraph = paragraph[X33_WIDTH:]
        if paragraph:
            lines.append(paragraph)
    pages = [lines[i : i + X33_LINES_PER_PAGE] for i in range(0, len(lines), X33_LINES_PER_PAGE)]
    with PdfPages(target, metadata={"Creator": "Duban corpus", "CreationDate": None}) as pdf:
        for number, page in enumerate(pages, start=1):
            figure = pyplot.figure(figsize=(8.27, 11.69))
            figure.text(0.1, 0.95, "XX县卫生健康局", fontproperties=font)
            figure.text(0.72, 0.95, "2025年第2期", fontproperties=font)
            for row, line in enumerate(page):
                figure.text(0.1, 0.88 - row * 0.04, line, fontproperties=font)
            footer = f"第 {number} 页 共 {len(pages)} 页"
            figure.text(0.45, 0.04, footer, fontproperties=font)
            pdf.savefig(figure)
            pyplot.close(figure)


WORD_BINARY = (
    ("x12_county_projects_docx.docx", "x60_doc_county_projects.doc"),
    ("x36_docx_merged_nested_table.docx", "x61_doc_merged_nested_table.doc"),
    ("x41_docx_wps_table_rows.docx", "x62_doc_wps_table_rows.doc"),
    ("x37_docx_furniture_textbox_footnotes.docx", "x63_doc_furniture_footnotes.doc"),
    ("x38_docx_fields_soft_breaks.docx", "x64_doc_fields_soft_breaks.doc"),
    ("x07_work_points_deep_nesting.txt", "x65_doc_typed_deep_nesting.doc"),
    ("x26_decimal_outline.txt", "x66_doc_typed_decimal_outline.doc"),
    ("x24_owner_closing_lines.txt", "x67_doc_typed_owner_closing_lines.doc"),
    ("x40_odt_work_points.odt", "x68_doc_list_numbers_merged_cell.doc"),
)
WPS_COPY = ("x60_doc_county_projects.doc", "x69_wps_county_projects.wps")


def copy_annotation(source: str, target: str) -> None:
    """Write ``target``'s annotation: ``source``'s measures and notes, its origin said."""
    stem = source.rsplit(".", 1)[0]
    data = json.loads((DOCS / f"{stem}.expected.json").read_text(encoding="utf-8"))
    data["source"] = (
        f"{source} saved as {'a WPS .wps' if target.endswith('.wps') else 'Word 97–2003 .doc'} "
        f"by LibreOffice Writer (make_converted_docs.py); its annotation: {data['source']}"
    )
    path = DOCS / f"{target.rsplit('.', 1)[0]}.expected.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_word_binary(folder: Path) -> None:
    """Save each of :data:`WORD_BINARY` as .doc (plain text read as UTF-8), and x60 as .wps."""
    for source, target in WORD_BINARY:
        copy = folder / f"{target.rsplit('.', 1)[0]}{Path(source).suffix}"
        shutil.copy(DOCS / source, copy)
        text = "Text (encoded):UTF8" if source.endswith(".txt") else None
        convert(copy, DOCS / target, "doc", infilter=text)
        copy_annotation(source, target)
    shutil.copy(DOCS / WPS_COPY[0], DOCS / WPS_COPY[1])
    copy_annotation(WORD_BINARY[0][0], WPS_COPY[1])


def to_pdf(source: Path, target: Path) -> None:
    """Print ``source`` to ``target`` with LibreOffice."""
    convert(source, target, "pdf")


def convert(source: Path, target: Path, kind: str, *, infilter: str | None = None) -> None:
    """Convert ``source`` to ``target`` (of LibreOffice filter ``kind``), read with
    ``infilter`` if given."""
    with tempfile.TemporaryDirectory() as profile:
        config = Path(profile) / "fonts.conf"
        config.write_text(
            '<?xml version="1.0"?><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            f"<dir>{BUNDLED_FONT}</dir><cachedir>{profile}/cache</cachedir></fontconfig>"
        )
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                *([f"--infilter={infilter}"] if infilter else []),
                "--convert-to",
                kind,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "FONTCONFIG_FILE": str(config)},
        )
    shutil.move(source.with_suffix(f".{kind}"), target)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        to_pdf(make_x30(folder), DOCS / "x30_pdf_county_plan_multipage.pdf")
        to_pdf(make_x31(folder), DOCS / "x31_pdf_duty_table.pdf")
        to_pdf(make_scanned(folder), FIXTURES / "scanned_plan.pdf")
        convert(make_x32(folder), DOCS / "x32_duty_list_xls.xls", "xls")
        to_pdf(make_x42(folder), DOCS / "x42_pdf_table_without_numbers.pdf")
        workbook = folder / "hidden_sheet.xlsx"
        shutil.copy(DOCS / "x39_xlsx_cover_hidden_sheet.xlsx", workbook)
        convert(workbook, FIXTURES / "hidden_sheet.xls", "xls")
        convert(make_x43(folder), DOCS / "x43_ods_duty_list.ods", "ods")
        convert(make_x43(folder), FIXTURES / "hidden_row.xls", "xls")
        convert(make_x44(folder), DOCS / "x44_rtf_work_points.rtf", "rtf")
        word = folder / "x46_odt_mixed_headings_lists.docx"
        shutil.copy(DOCS / "x35_docx_auto_numbering_multilevel.docx", word)
        convert(word, DOCS / "x46_odt_mixed_headings_lists.odt", "odt")
        make_word_binary(folder)
    (DOCS / "x45_rtf_wps_gbk_table.rtf").write_bytes(make_x45())
    make_x33(DOCS / "x33_pdf_cid_font_wrapped.pdf")
