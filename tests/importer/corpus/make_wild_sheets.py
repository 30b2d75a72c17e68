"""Rebuild docs/x39 (an Excel workbook as offices keep it: a cover sheet, the list under a
title and blank rows, merged owner cells, numbers and real dates, a hidden sheet of an older
version) with openpyxl, and docs/x40 (an OpenDocument text saved by WPS or LibreOffice) with
zipfile: run this file."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl

DOCS = Path(__file__).parent / "docs"

LIST_ROWS: list[tuple[object, ...]] = [
    ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"),
    ("一、产业发展", None, None, None, None, None),
    (
        1,
        "培育壮大特色产业",
        "新培育市级以上农业产业化龙头企业3家。",
        "县农业农村局",
        "县财政局",
        dt.datetime(2025, 10, 31),
    ),
    (
        2,
        "推进园区扩容提质",
        "新建标准化厂房10万平方米。",
        "县经开区管委会",
        "县自然资源局",
        dt.datetime(2025, 11, 30),
    ),
    (
        3,
        "加快数字经济发展",
        "新建5G基站200个。",
        "县工业和信息化局",
        None,
        dt.datetime(2025, 12, 31),
    ),
    ("二、民生保障", None, None, None, None, None),
    (
        4,
        "稳定和扩大就业",
        "城镇新增就业3200人。",
        "县人力资源社会保障局",
        "各乡镇",
        dt.datetime(2025, 12, 31),
    ),
    (
        5,
        "提升养老服务能力",
        "新建农村互助养老服务点12个。",
        "县民政局",
        "各乡镇",
        dt.date(2025, 9, 30),
    ),
]
OLD_ROWS: list[tuple[object, ...]] = [
    ("序号", "重点任务", "具体措施", "牵头单位", "配合单位", "完成时限"),
    (
        1,
        "培育壮大特色产业（旧稿）",
        "新培育龙头企业2家。",
        "县商务局",
        None,
        dt.datetime(2025, 6, 30),
    ),
    (
        2,
        "建设县级物流园区（旧稿）",
        "完成物流园区一期建设。",
        "县商务局",
        None,
        dt.datetime(2025, 8, 31),
    ),
]


def workbook() -> None:
    """x39: 封面 sheet, the 任务清单 sheet, a hidden 旧稿 sheet."""
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover["A1"] = "XX县2025年经济社会发展重点任务清单"
    cover["A3"] = "县发展和改革局 编"
    cover["A4"] = "2025年2月"
    sheet = book.create_sheet("任务清单")
    sheet["A1"] = "XX县2025年经济社会发展重点任务清单"
    sheet.merge_cells("A1:F1")
    sheet["A3"] = "填报单位：县发展和改革局"
    sheet["E3"] = "填报日期："
    sheet["F3"] = dt.datetime(2025, 2, 15)
    for offset, values in enumerate(LIST_ROWS):
        for column, value in enumerate(values, start=1):
            if value is not None:
                target = sheet.cell(row=6 + offset, column=column, value=value)
                if isinstance(value, dt.date):
                    target.number_format = "yyyy年m月d日"
    sheet.merge_cells("A7:F7")
    sheet.merge_cells("A11:F11")
    sheet.merge_cells("E12:E13")  # 各乡镇 over two rows
    old = book.create_sheet("旧稿")
    for values in OLD_ROWS:
        old.append(values)
    old.sheet_state = "hidden"
    book.save(DOCS / "x39_xlsx_cover_hidden_sheet.xlsx")


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"'
)


def _p(text: str, style: str = "P1") -> str:
    return f'<text:p text:style-name="{style}">{text}</text:p>'


def _item(text: str) -> str:
    return f"<text:list-item>{_p(text)}</text:list-item>"


def _cell(text: str, extra: str = "") -> str:
    content = _p(escape(text))
    return f'<table:table-cell office:value-type="string"{extra}>{content}</table:table-cell>'


def odt() -> None:
    """x40: headings, a numbered list whose numbers LibreOffice draws, a table, a tracked
    deletion, a comment and a footnote."""
    styles = (
        '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
        'style:num-suffix="." style:num-format="1"/></text:list-style>'
    )
    body = "".join(
        [
            _p("XX县2025年文化旅游工作要点"),
            _p("2025年，全县文化旅游工作要围绕建设文旅强县目标，重点抓好以下工作。"),
            '<text:h text:outline-level="1">一、提升公共文化服务</text:h>',
            '<text:list text:style-name="L1">',
            _item(
                "推进县图书馆、文化馆总分馆制建设。"
                "<office:annotation><dc:creator>王五</dc:creator>"
                "<text:p>建议由县文化馆牵头，6月底前完成。</text:p></office:annotation>"
                "（县文化广电和旅游局负责，2025年9月底前完成）"
            ),
            _item(
                "开展送戏下乡演出120场。"
                '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                "<text:note-body><text:p>含县剧团演出，由县财政局2025年3月底前拨付经费。</text:p>"
                "</text:note-body></text:note>"
                "（县文化广电和旅游局负责）"
            ),
            "</text:list>",
            '<text:h text:outline-level="1">二、推动文旅融合发展</text:h>',
            '<text:list text:continue-numbering="true" text:style-name="L1">',
            _item(
                '创建国家AAAA级旅游景区1家。<text:change text:change-id="ct1"/>'
                "（县文化广电和旅游局牵头，XX镇人民政府配合，2025年11月底前完成）"
            ),
            "</text:list>",
            _p("主要文旅项目见下表。"),
            '<table:table table:name="表1">'
            '<table:table-column table:number-columns-repeated="4"/>',
            "<table:table-row>"
            + "".join(_cell(x) for x in ("序号", "项目名称", "责任单位", "完成时限"))
            + "</table:table-row>",
            "<table:table-row>"
            + _cell("1")
            + _cell("XX古镇游客服务中心建设")
            + _cell("XX镇人民政府", ' table:number-rows-spanned="2"')
            + _cell("2025年10月底前")
            + "</table:table-row>",
            "<table:table-row>"
            + _cell("2")
            + _cell("古镇夜游亮化工程")
            + "<table:covered-table-cell/>"
            + _cell("2025年12月底前")
            + "</table:table-row>",
            "</table:table>",
            '<text:h text:outline-level="1">三、工作要求</text:h>',
            _p("各单位要加强协作，确保各项任务按期完成。"),
        ]
    )
    tracked = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>张三</dc:creator></office:change-info>"
        "<text:p>（县旅游发展中心负责，2025年6月底前完成）</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF}>'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{tracked}{body}</office:text></office:body>"
        "</office:document-content>"
    )
    write_odt("x40_odt_work_points.odt", content)


def write_odt(name: str, content: str) -> None:
    """An OpenDocument text of one ``content.xml`` in the corpus: its mimetype first and
    uncompressed (as ODF requires), a manifest naming the content."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(DOCS / name, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)


def main() -> None:
    """Write every document of this file."""
    workbook()
    odt()


if __name__ == "__main__":
    main()
