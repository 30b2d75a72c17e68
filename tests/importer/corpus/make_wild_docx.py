"""Rebuild the Word documents that carry what Word and WPS leave in real files (docs/x34–x38,
x41): tracked changes and comments, multi-level automatic numbering, merged and nested table
cells, text boxes, headers, footers and footnotes, fields and soft line breaks, WPS table rows.

The OOXML is written by hand with zipfile (python-docx cannot write most of these features):
run this file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

DOCS = Path(__file__).parent / "docs"

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PARTS = {
    "styles": ("styles.xml", "styles", "wordprocessingml.styles"),
    "numbering": ("numbering.xml", "numbering", "wordprocessingml.numbering"),
    "comments": ("comments.xml", "comments", "wordprocessingml.comments"),
    "footnotes": ("footnotes.xml", "footnotes", "wordprocessingml.footnotes"),
    "header": ("header1.xml", "header", "wordprocessingml.header"),
    "footer": ("footer1.xml", "footer", "wordprocessingml.footer"),
}
_STYLES = (
    f"<w:styles {_NS}>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
    '<w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/>'
    '</w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>'
    '<w:style w:type="numbering" w:styleId="PlanItems"><w:name w:val="Plan Items"/>'
    '<w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>'
    "</w:styles>"
)


def t(text: str) -> str:
    """A text element that keeps its spaces."""
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def r(text: str, props: str = "") -> str:
    """A run of text."""
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{t(text)}</w:r>"


def p(*parts: str, style: str = "", num: tuple[int, int] | None = None, ppr: str = "") -> str:
    """A paragraph of runs (plain strings become runs)."""
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    body = "".join(part if part.startswith("<") else r(part) for part in parts)
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{body}</w:p>"


def ins(text: str) -> str:
    """A tracked insertion."""
    return f'<w:ins w:id="1" w:author="张三" w:date="2025-02-01T09:00:00Z">{r(text)}</w:ins>'


def dele(text: str) -> str:
    """A tracked deletion: the text is kept as delText."""
    run = f'<w:r><w:delText xml:space="preserve">{escape(text)}</w:delText></w:r>'
    return f'<w:del w:id="2" w:author="张三" w:date="2025-02-01T09:00:00Z">{run}</w:del>'


def cell(*paras: str, props: str = "") -> str:
    """A table cell holding paragraphs (plain strings become paragraphs)."""
    body = "".join(x if x.startswith("<") else p(x) for x in paras)
    if not body.endswith("</w:p>") and not body.endswith("<w:p/>"):
        body += "<w:p/>"  # Word ends every cell with a paragraph, also after a nested table
    return f"<w:tc>{f'<w:tcPr>{props}</w:tcPr>' if props else ''}{body}</w:tc>"


def row(*cells: str, header: bool = False, props: str = "") -> str:
    """A table row; plain strings become cells."""
    trpr = ("<w:tblHeader/>" if header else "") + props
    body = "".join(c if c.startswith("<") else cell(c) for c in cells)
    return f"<w:tr>{f'<w:trPr>{trpr}</w:trPr>' if trpr else ''}{body}</w:tr>"


def table(columns: int, *rows: str) -> str:
    """A table with ``columns`` grid columns."""
    grid = "".join('<w:gridCol w:w="1400"/>' for _ in range(columns))
    props = '<w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def write_docx(name: str, body: str, parts: dict[str, str], sect: str = "") -> None:
    """Write a .docx whose document body is ``body`` with the given extra parts."""
    parts = {"styles": _STYLES, **parts}
    overrides = "".join(
        f'<Override PartName="/word/{_PARTS[k][0]}" ContentType="application/vnd.'
        f'openxmlformats-officedocument.{_PARTS[k][2]}+xml"/>'
        for k in parts
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/{_PARTS[k][1]}" Target="{_PARTS[k][0]}"/>'
        for i, k in enumerate(parts, start=1)
    )
    document = f"<w:document {_NS}><w:body>{body}<w:sectPr>{sect}</w:sectPr></w:body></w:document>"
    with zipfile.ZipFile(DOCS / name, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType'
            '="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"'
            f"/>{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="'
            f'{_REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            f'openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        archive.writestr("word/document.xml", document)
        for key, xml in parts.items():
            archive.writestr(f"word/{_PARTS[key][0]}", xml)


def tracked_changes() -> None:
    """x34: a draft sent back with its revisions and reviewers' comments still in it."""
    comment = (
        f'<w:comments {_NS}><w:comment w:id="0" w:author="李四" w:date="2025-02-02T10:00:00Z">'
        f"{p('建议改由县发展改革局牵头，2025年5月底前完成。')}</w:comment></w:comments>"
    )
    hidden = r("（内部备注：原由县商务局负责，2025年3月底前完成）", "<w:vanish/>")
    deleted_mark = '<w:rPr><w:del w:id="9" w:author="张三" w:date="2025-02-01T09:00:00Z"/></w:rPr>'
    body = "".join(
        [
            p("XX县2025年优化营商环境重点任务"),
            p("为持续优化营商环境，激发市场主体活力，结合我县实际，制定如下重点任务。"),
            p("一、主要任务"),
            p(
                "（一）推行企业开办“一网通办”。",
                ins("全面推行企业开办全程网上办理，"),
                "开办时间压缩至1个工作日以内。（",
                dele("县政务服务中心"),
                ins("县市场监管局"),
                "负责，",
                dele("2025年3月底前"),
                ins("2025年6月底前"),
                "完成）",
            ),
            p(
                "（二）压缩工程建设项目审批时间。",
                '<w:commentRangeStart w:id="0"/>',
                "将一般社会投资项目审批时间压缩至60个工作日以内",
                '<w:commentRangeEnd w:id="0"/>',
                '<w:r><w:commentReference w:id="0"/></w:r>',
                "。（县住房城乡建设局牵头，县自然资源局配合，2025年9月底前完成）",
            ),
            p(
                dele("（三）开展涉企收费专项清理。（县财政局负责，2025年4月底前完成）"),
                ppr=deleted_mark,
            ),
            p(
                "（三）推行“信用+承诺”审批。",
                '<w:moveFrom w:id="3" w:author="张三" w:date="2025-02-01T09:00:00Z">'
                f"{r('对信用良好的企业实行容缺受理。')}</w:moveFrom>",
                "在企业投资项目中推行告知承诺制",
                '<w:moveTo w:id="4" w:author="张三" w:date="2025-02-01T09:00:00Z">'
                f"{r('，对信用良好的企业实行容缺受理')}</w:moveTo>",
                "。",
                hidden,
                "（县发展改革局负责，2025年12月底前完成）",
            ),
            p(
                "（四）提升政务服务“好差评”水平。实现政务服务事项评价全覆盖。",
                ins("（县政务服务中心负责）"),
            ),
            p("二、保障措施"),
            p("（一）加强组织领导。县优化营商环境工作领导小组统筹推进各项任务。"),
            p("（二）强化督查考核。县政府督查室每季度通报任务进展。"),
            p("XX县优化营商环境工作领导小组办公室"),
            p("2025年2月10日"),
        ]
    )
    write_docx("x34_docx_tracked_changes_comments.docx", body, {"comments": comment})


def _lvl(ilvl: int, fmt: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
    )


def auto_numbering() -> None:
    """x35: 一、（一）1. drawn by a multi-level list, a list style, restarts, continuations."""
    numbering = (
        f"<w:numbering {_NS}>"
        '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
        + _lvl(0, "chineseCounting", "%1、", '<w:pStyle w:val="Heading1"/>')
        + _lvl(1, "chineseCounting", "（%2）", '<w:pStyle w:val="Heading2"/>')
        + _lvl(2, "decimal", "%3.")
        + _lvl(3, "decimal", "（%4）")
        + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="PlanItems"/></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="PlanItems"/>'
        + _lvl(0, "chineseCounting", "%1是")
        + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="5"><w:abstractNumId w:val="2"/></w:num>'
        '<w:num w:numId="6"><w:abstractNumId w:val="0"/>'
        '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        "</w:numbering>"
    )
    body = "".join(
        [
            p("XX县2025年农业农村工作要点"),
            p("2025年，全县农业农村工作要坚持稳中求进，重点抓好以下工作。"),
            p("稳定粮食生产", style="Heading1"),
            p("抓好粮食播种面积落实", style="Heading2"),
            p(
                "落实粮食播种面积56万亩，确保粮食总产稳定在22万吨以上。"
                "（县农业农村局负责，2025年10月底前完成）",
                num=(3, 0),
            ),
            p(
                "建设高标准农田3万亩。（县农业农村局牵头，县财政局配合，2025年11月底前完成）",
                num=(3, 0),
            ),
            p("强化农业防灾减灾", style="Heading2"),
            p("完善农业气象灾害监测预警体系。（县气象局负责）", num=(4, 0)),
            p(
                "储备抗旱排涝物资，组建应急抢险队伍。（县应急管理局负责，2025年5月底前完成）",
                num=(4, 0),
            ),
            p("推进乡村建设", num=(2, 0)),
            p("整治农村人居环境", num=(2, 1)),
            p("完成农村户厕改造1200户。（县农业农村局负责，2025年9月底前完成）", num=(2, 2)),
            p(
                "实现农村生活垃圾收运处置体系全覆盖。（县住房城乡建设局负责，2025年底前完成）",
                num=(2, 2),
            ),
            p("提升乡村公共服务", num=(2, 1)),
            p("新改建农村公路60公里。（县交通运输局负责，2025年11月底前完成）", num=(6, 2)),
            p("加强组织保障", num=(2, 0)),
            p("各乡镇、各部门要把农业农村工作摆在重要位置，确保各项任务落到实处。"),
        ]
    )
    write_docx("x35_docx_auto_numbering_multilevel.docx", body, {"numbering": numbering})


_VMERGE = '<w:vMerge w:val="restart"/>'
_CONTINUE = "<w:vMerge/>"
_HEADER = ("序号", "类别", "重点任务", "牵头单位", "配合单位", "完成时限")


def merged_cells() -> None:
    """x36: a 任务分解表 with a 类别 column merged down, owners and deadlines merged down, a
    nested table in a cell, and the table split in two with its header row repeated."""
    nested = table(2, row("指标", "目标值"), row("生活污水治理率", "45%"))
    first = table(
        6,
        row(*_HEADER, header=True),
        row(
            "1",
            cell("城区环境", props=_VMERGE),
            "完成背街小巷路面硬化20条。",
            cell("县住房城乡建设局", props=_VMERGE),
            "各社区",
            cell("2025年6月底前", props=_VMERGE),
        ),
        row(
            "2",
            cell(props=_CONTINUE),
            "规范设置垃圾分类投放点120个。",
            cell(props=_CONTINUE),
            "县城市管理局",
            cell(props=_CONTINUE),
        ),
        row(
            "3",
            cell(props=_CONTINUE),
            "新建口袋公园5个。",
            cell(props=_CONTINUE),
            "县自然资源局",
            "2025年9月底前",
        ),
    )
    second = table(
        6,
        row(*_HEADER, header=True),
        row(
            "4",
            cell("农村环境", props=_VMERGE),
            cell(p("完成12个行政村生活污水治理。"), nested),
            "市生态环境局XX分局",
            cell("各乡镇", props=_VMERGE),
            "2025年11月底前",
        ),
        row(
            "5",
            cell(props=_CONTINUE),
            "开展村庄清洁行动，清理农村生活垃圾和河塘沟渠。",
            "县农业农村局",
            cell(props=_CONTINUE),
            "2025年12月底前",
        ),
    )
    body = "".join(
        [
            p("XX县2025年城乡环境综合整治任务分解表"),
            p("各乡镇人民政府，县直有关单位：现将任务分解如下，请认真抓好落实。"),
            first,
            p('<w:r><w:br w:type="page"/></w:r>'),
            second,
            p("XX县城乡环境综合整治工作领导小组办公室"),
            p("2025年3月5日"),
        ]
    )
    write_docx("x36_docx_merged_nested_table.docx", body, {})


def _field(instruction: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def _textbox(*paras: str) -> str:
    return textbox_run("".join(p(x) for x in paras))


def textbox_run(content: str) -> str:
    """A run holding a floating text box as Word 2010+ writes it: the shape for new readers,
    the same content again in a VML text box for old ones."""
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent>'
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def furniture() -> None:
    """x37: a running header with the issuing office, a 第 N 页 共 M 页 footer, a text box
    with a 联系人 note, and footnotes that name units and dates."""
    header = f"<w:hdr {_NS}>{p('XX县人民政府办公室文件')}{p('县政办发〔2025〕8号')}</w:hdr>"
    footer = (
        f"<w:ftr {_NS}>"
        + p("第 ", _field("PAGE", "1"), " 页 共 ", _field("NUMPAGES", "3"), " 页")
        + "</w:ftr>"
    )
    footnotes = (
        f"<w:footnotes {_NS}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="1">'
        + p("1.“一件事一次办”事项清单由县政务服务中心另行印发，2025年1月底前公布。")
        + '</w:footnote><w:footnote w:id="2">'
        + p("2.数据以县统计局2024年年报为准（县统计局负责解释）。")
        + "</w:footnote></w:footnotes>"
    )
    note = (
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="{}"/></w:r>'
    )
    body = "".join(
        [
            p(
                _textbox(
                    "联系人：王明，电话：1234567",
                    "1.请各单位每月5日前报送进展（县政府督查室负责）",
                )
            ),
            p("XX县2025年政务服务提质增效工作方案"),
            p("为推动政务服务提质增效，现制定如下方案。"),
            p("一、工作任务"),
            p(
                "（一）推进“一件事一次办”。",
                note.format(1),
                "年内实现20个高频事项集成办理。（县政务服务中心负责，2025年12月底前完成）",
            ),
            p(
                "（二）推行帮办代办服务。在各乡镇便民服务中心设立帮办代办窗口。"
                "（各乡镇人民政府负责，2025年6月底前完成）"
            ),
            p(
                "（三）提高“网上办”比例。全程网办事项比例达到85%",
                note.format(2),
                "以上。（县政务服务中心牵头，县直各部门配合）",
            ),
            p("二、工作要求"),
            p("各单位要高度重视，明确专人负责，确保各项任务按期完成。"),
        ]
    )
    sect = (
        '<w:headerReference w:type="default" r:id="rId2"/>'
        '<w:footerReference w:type="default" r:id="rId3"/>'
    )
    write_docx(
        "x37_docx_furniture_textbox_footnotes.docx",
        body,
        {"header": header, "footer": footer, "footnotes": footnotes},
        sect,
    )


def fields_and_breaks() -> None:
    """x38: soft line breaks (Shift+Enter) inside items, hyperlink and REF fields, a PAGE
    field in a — N — line, symbols, non-breaking hyphens and tabs after the number."""
    br = "<w:r><w:br/></w:r>"
    body = "".join(
        [
            p("XX县2025年城镇老旧小区改造", br, "工作安排"),
            p("根据省、市有关部署，现将我县2025年城镇老旧小区改造工作安排如下。"),
            p("一、改造任务"),
            p(
                "（一）\t完成老旧小区改造。全年改造城镇老旧小区15个，",
                br,
                "惠及居民2300户。（县住房城乡建设局负责，",
                br,
                "2025年10月底前完成）",
            ),
            p(
                "（二）\t同步实施管网改造。按照",
                _field('HYPERLINK "http://zjj.example.gov.cn/"', "省住房城乡建设厅技术导则"),
                "改造供水、燃气管网，管网长度见附件",
                _field("REF _Ref1 \\h", "1"),
                "。（县住房城乡建设局牵头，县供水公司、县燃气公司配合，2025年11月底前完成）",
            ),
            p("— ", '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>', " —"),
            p('<w:r><w:br w:type="page"/></w:r>'),
            p(
                "（三）\t加装电梯",
                "<w:r><w:noBreakHyphen/></w:r>",
                "试点。在条件成熟的小区加装电梯10部。",
                br,
                "（县住房城乡建设局负责，2025年12月底前完成）",
            ),
            p(
                '<w:r><w:sym w:font="Wingdings" w:char="F0D8"/></w:r>',
                "（四）\t建立长效管理机制。推动改造后小区引入物业服务或实行自治管理。",
                "（县住房城乡建设局、各社区负责）",
            ),
            p("二、工作要求"),
            p("各单位要按照职责分工，加强协调配合，确保改造任务按期完成。"),
        ]
    )
    write_docx("x38_docx_fields_soft_breaks.docx", body, {})


def wps_rows() -> None:
    """x41: a table as WPS saves it: rows starting after the first grid column (gridBefore),
    old-style horizontal merges (hMerge), cells wrapped in content controls."""
    hmerge = '<w:hMerge w:val="restart"/>'
    hcont = "<w:hMerge/>"
    before = '<w:gridBefore w:val="1"/>'
    sdt = "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>"
    body = "".join(
        [
            p("XX县2025年重点民生实事责任分工"),
            p("现将2025年重点民生实事责任分工印发给你们，请认真组织实施。"),
            table(
                6,
                row("序号", "民生实事", "建设内容", "责任单位", "县级领导", "完成时限"),
                row(cell("一、社会保障", props=hmerge), *(cell(props=hcont) for _ in range(5))),
                row(
                    "1",
                    "城乡居民医保参保",
                    "城乡居民医保参保率稳定在95%以上。",
                    "县医保局",
                    "刘芳",
                    "2025年12月底前",
                ),
                row(
                    "2",
                    "困难群众救助",
                    "及时足额发放城乡低保金。",
                    sdt.format(cell("县民政局")),
                    "刘芳",
                    "2025年12月底前",
                ),
                row(cell("二、教育", props=hmerge), *(cell(props=hcont) for _ in range(5))),
                row(
                    "新建幼儿园",
                    "新建公办幼儿园2所。",
                    "县教育体育局",
                    "王强",
                    "2025年8月底前",
                    props=before,
                ),
                row(
                    "3",
                    "校园食品安全",
                    "实现学校食堂“互联网+明厨亮灶”全覆盖。",
                    "县市场监管局",
                    "王强",
                    "2025年9月底前",
                ),
            ),
            p("XX县人民政府办公室"),
            p("2025年1月20日"),
        ]
    )
    write_docx("x41_docx_wps_table_rows.docx", body, {})


def main() -> None:
    """Write every document of this file."""
    tracked_changes()
    auto_numbering()
    merged_cells()
    furniture()
    fields_and_breaks()
    wps_rows()


if __name__ == "__main__":
    main()
