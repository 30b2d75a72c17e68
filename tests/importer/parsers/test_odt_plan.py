"""OpenDocument text (.odt): headings, drawn list numbers, tables, and what is not read."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.odt_plan import OdtParser
from bot.importer.parsers.registry import pick_parser

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
_STYLES = (
    '<text:list-style style:name="L1"><text:list-level-style-number text:level="1" '
    'style:num-format="一" style:num-suffix="、"/><text:list-level-style-number text:level="2" '
    'style:num-format="1" style:num-suffix="."/></text:list-style>'
)


_OUTLINE = (
    '<text:outline-style style:name="Outline"><text:outline-level-style text:level="1" '
    'style:num-format="一, 二, 三, ..." style:num-suffix="、"/><text:outline-level-style '
    'text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" '
    'style:num-suffix="）"/>'
    "</text:outline-style>"
)
_HIDDEN = (
    '<style:style style:name="T9" style:family="text">'
    '<style:text-properties text:display="none"/></style:style>'
)


def _odt(body: str, *, mimetype: bool = True, named_styles: bool = False) -> bytes:
    styles = _HIDDEN if named_styles else _STYLES + _HIDDEN
    content = (
        f"<office:document-content {_NS}><office:automatic-styles>{styles}"
        f"</office:automatic-styles><office:body><office:text>{body}</office:text>"
        "</office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
        if named_styles:
            archive.writestr(
                "styles.xml",
                f"<office:document-styles {_NS}><office:styles>{_STYLES}{_OUTLINE}"
                "</office:styles>"
                "</office:document-styles>",
            )
    return out.getvalue()


def _p(text: str) -> str:
    return f"<text:p>{text}</text:p>"


def _item(*content: str) -> str:
    return f"<text:list-item>{''.join(content)}</text:list-item>"


def test_list_numbers_are_drawn_from_the_list_style() -> None:
    """Nested list items get the numbers the editor shows (一、 over 1.), and a list that
    continues numbering goes on from the one before."""
    body = (
        _p("XX县2025年工作要点")
        + '<text:list text:style-name="L1">'
        + _item(
            _p("产业发展"),
            "<text:list><text:list-item><text:p>新增规上企业10家。（县工信局负责）</text:p>"
            "</text:list-item>" + _item(_p("建成产业园一期。（县发改局负责）")) + "</text:list>",
        )
        + "</text:list>"
        + _p("各单位要抓好落实。")
        + '<text:list text:style-name="L1" text:continue-numbering="true">'
        + _item(
            _p("民生保障"),
            "<text:list>" + _item(_p("新建幼儿园3所。（县教育局负责）")) + "</text:list>",
        )
        + "</text:list>"
    )
    plan = parse_plan(_odt(body), "要点.odt")
    assert [(m.section, m.marker, m.title) for m in plan.measures] == [
        ("产业发展", "1.", "新增规上企业10家"),
        ("产业发展", "2.", "建成产业园一期"),
        ("民生保障", "1.", "新建幼儿园3所"),
    ]
    assert [s.marker for s in plan.sections] == ["一、", "二、"]


def test_a_named_list_style_in_styles_xml_numbers_the_list() -> None:
    """A list style kept in styles.xml (a named style, not an automatic one) draws numbers."""
    body = (
        '<text:list text:style-name="L1">'
        + _item(_p("产业发展"), "<text:list>" + _item(_p("新增规上企业10家。")) + "</text:list>")
        + "</text:list>"
    )
    (measure,) = parse_plan(_odt(body, named_styles=True), "要点.odt").measures
    assert (measure.section, measure.marker) == ("产业发展", "1.")


def test_headings_get_the_chapter_numbers_of_the_outline_style() -> None:
    """Headings numbered by the outline style (chapter numbering) read 一、 and （一） as drawn."""
    body = (
        '<text:h text:outline-level="1">产业发展</text:h>'
        '<text:h text:outline-level="2">壮大工业</text:h>'
        "<text:p>1.新增规上企业10家。（县工信局负责）</text:p>"
        '<text:h text:outline-level="1">民生保障</text:h>'
        '<text:h text:outline-level="2">办好实事</text:h>'
        "<text:p>1.新建幼儿园3所。（县教育局负责）</text:p>"
    )
    plan = parse_plan(_odt(body, named_styles=True), "要点.odt")
    assert [(s.marker, s.title) for s in plan.sections] == [
        ("（一）", "壮大工业"),
        ("（一）", "办好实事"),
    ]


def test_a_list_drawn_as_the_outline_carries_on_the_headings_numbers() -> None:
    """After styled headings, a list whose first level draws 一、 as the outline does (Word's
    list linked to Heading 1, saved by LibreOffice) goes on at 二、 and its items are headings:
    a bare closing part (组织保障) is no measure."""
    body = (
        '<text:h text:outline-level="1">产业发展</text:h>'
        '<text:h text:outline-level="2">壮大工业</text:h>'
        "<text:p>1.新增规上企业10家。（县工信局负责）</text:p>"
        '<text:list text:style-name="L1">'
        + _item(
            _p("民生保障"),
            f"<text:list>{_item(_p('新建幼儿园3所。（县教育局负责）'))}</text:list>",
        )
        + _item(_p("组织保障"))
        + "</text:list>"
        + _p("各单位要抓好落实。")
    )
    plan = parse_plan(_odt(body, named_styles=True), "要点.odt")
    assert [(m.marker, m.title, m.section) for m in plan.measures] == [
        ("1.", "新增规上企业10家", "壮大工业"),
        ("1.", "新建幼儿园3所", "民生保障"),
    ]
    assert ("二、", "民生保障") in [(s.marker, s.title) for s in plan.sections]


def test_a_one_column_layout_table_is_read_as_the_documents_text() -> None:
    """A plan framed in a one-cell table (as office systems export it) is read as text."""
    body = (
        "<table:table><table:table-row><table:table-cell>"
        + _p("XX县2025年工作要点")
        + _p("一、重点任务")
        + _p("（一）建设产业园。（县发改局负责，6月底前完成）")
        + "</table:table-cell></table:table-row></table:table>"
    )
    (measure,) = parse_plan(_odt(body), "要点.odt").measures
    assert (measure.title, measure.lead_units) == ("建设产业园", ("县发改局",))


def test_hidden_text_is_not_read() -> None:
    """A span in a style that hides its text (a drafter's note) names no owner."""
    body = _p("一、重点任务") + _p(
        '（一）建设产业园。<text:span text:style-name="T9">（原由县商务局负责）</text:span>'
        "（县发改局负责）"
    )
    (measure,) = parse_plan(_odt(body), "要点.odt").measures
    assert measure.lead_units == ("县发改局",)
    assert "县商务局" not in measure.body


def test_comments_notes_and_tracked_deletions_are_not_read() -> None:
    """Comment, footnote and deleted text name no owner or deadline of the item."""
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>（县旅游中心负责，6月底前完成）</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
        '<text:h text:outline-level="1">一、重点任务</text:h>'
        "<text:p>（一）创建AAAA级景区。"
        "<office:annotation><text:p>建议县文化馆牵头</text:p></office:annotation>"
        '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
        "<text:note-body><text:p>由县财政局3月底前拨付。</text:p></text:note-body></text:note>"
        '<text:change text:change-id="c1"/>（县文旅局负责，<text:s text:c="2"/>11月底前完成）'
        "</text:p>"
    )
    (measure,) = parse_plan(_odt(body), "要点.odt").measures
    assert measure.lead_units == ("县文旅局",)
    assert measure.deadline.raw == "11月底前"
    assert "县财政局" not in measure.body
    assert "县文化馆" not in measure.body


def test_table_cells_spanning_rows_fill_the_rows_they_cover() -> None:
    """A 责任单位 cell spanning two rows gives both rows its unit."""
    cell = "<table:table-cell{}><text:p>{}</text:p></table:table-cell>"
    rows = [
        ["序号", "项目名称", "责任单位", "完成时限"],
        ["1", "游客服务中心建设", "XX镇人民政府", "2025年10月底前"],
        ["2", "古镇夜游亮化工程", None, "2025年12月底前"],
    ]
    xml = ""
    for r, row in enumerate(rows):
        cells = "".join(
            "<table:covered-table-cell/>"
            if text is None
            else cell.format(' table:number-rows-spanned="2"' if (r, c) == (1, 2) else "", text)
            for c, text in enumerate(row)
        )
        xml += f"<table:table-row>{cells}</table:table-row>"
    body = _p("XX县文旅项目清单") + f"<table:table>{xml}</table:table>"
    measures = parse_plan(_odt(body), "清单.odt").measures
    assert [(m.title, m.lead_units or m.units) for m in measures] == [
        ("游客服务中心建设", ("XX镇人民政府",)),
        ("古镇夜游亮化工程", ("XX镇人民政府",)),
    ]


def test_an_odt_is_picked_by_name_or_by_its_mimetype() -> None:
    """A .odt is read by the OpenDocument parser, also when uploaded without its extension."""
    data = _odt(_p("一、重点任务"))
    assert pick_parser(data, "要点.odt").name == "odt"
    assert pick_parser(data, "upload").name == "odt"
    assert not OdtParser().detect(_odt(_p("x"), mimetype=False), "upload")


def _central_directory_moved(data: bytes) -> bytes:
    """``data`` whose end record puts the central directory 1 GiB past where it is, so every
    member's offset works out negative."""
    damaged = bytearray(data)
    end = damaged.rindex(b"PK\x05\x06")
    offset = struct.unpack_from("<I", damaged, end + 16)[0]
    struct.pack_into("<I", damaged, end + 16, offset + 0x40000000)
    return bytes(damaged)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04 not a zip",
        _odt("<text:p>", mimetype=True),
        _central_directory_moved(_odt(_p("一、重点任务"))),
    ],
)
def test_a_damaged_odt_is_reported(data: bytes) -> None:
    """A file named .odt that does not open, whose members cannot be found, or whose content
    is not XML, is CORRUPT."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data, "要点.odt")
    assert caught.value.reason is FailureReason.CORRUPT


def test_a_table_in_a_frame_is_read_and_a_framed_note_is_not() -> None:
    """A task table put in a text frame is the plan's; a frame holding only a note is not."""
    cell = "<table:table-cell><text:p>{}</text:p></table:table-cell>"
    rows = "".join(
        "<table:table-row>" + "".join(cell.format(x) for x in row) + "</table:table-row>"
        for row in (("序号", "创建任务", "牵头单位"), ("1", "规范农贸市场秩序", "县市场监管局"))
    )
    frame = (
        '<draw:frame xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0">'
        "<draw:text-box>{}</draw:text-box></draw:frame>"
    )
    body = (
        _p("XX县创建任务分工")
        + _p(frame.format(f"<table:table>{rows}</table:table>"))
        + _p(frame.format(_p("一、联系人：县文明办李XX")))
    )
    measures = parse_plan(_odt(body), "分工.odt").measures
    assert [(m.title, m.lead_units) for m in measures] == [("规范农贸市场秩序", ("县市场监管局",))]
