"""Text PDFs: LibreOffice prints of Word plans (tests/importer/corpus/make_converted_docs.py)."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.pdf_plan import check_text_layer, pdf_text, tables_as_rows
from bot.importer.parsers.pdf_rules import ROW_RULE, horizontal_rules
from bot.render.importer import render_import_error
from tests.importer.scoring import CORPUS

MULTIPAGE = CORPUS / "x30_pdf_county_plan_multipage.pdf"
TABLE = CORPUS / "x31_pdf_duty_table.pdf"
UNNUMBERED = CORPUS / "x42_pdf_table_without_numbers.pdf"


def test_a_three_page_plan_reads_its_items_across_page_breaks() -> None:
    """Items, owner notes and deadlines are read; one broken over a page break stays whole."""
    plan = parse_plan(MULTIPAGE.read_bytes(), "方案.pdf")
    assert plan.title == "XX县2025年城乡供水保障三年行动实施方案"
    assert plan.year == 2025
    third = next(m for m in plan.measures if m.marker == "（三）")
    assert third.lead_units == ("县住房城乡建设局",)
    assert third.deadline is not None
    assert third.deadline.raw == "2025年10月底前"
    assert "管网漏损率控制在10%以内" in third.body


def test_running_headers_and_page_numbers_are_no_text_of_any_measure() -> None:
    """The header line printed on every page and the — N — footers are dropped."""
    text = pdf_text(MULTIPAGE.read_bytes())
    assert "人民政府办公室文件" not in text
    assert "—2—" not in text.replace(" ", "")
    plan = parse_plan(MULTIPAGE.read_bytes(), "方案.pdf", all_parts=True)
    assert all("文件" not in m.body and "—" not in m.body for m in plan.measures)


def test_spaces_set_around_digits_inside_chinese_are_removed() -> None:
    """Layout puts a space between 2025 and 年; the text reads 2025年11月底前 again."""
    text = pdf_text(MULTIPAGE.read_bytes())
    assert "完成时限：2025年11月底前" in text
    assert "2025 年" not in text


def test_a_table_over_two_pages_becomes_one_row_per_task() -> None:
    """Cells wrapped over lines join, the repeated header row is skipped, every row is a task."""
    plan = parse_plan(TABLE.read_bytes(), "清单.pdf")
    assert len(plan.measures) == 13
    first = plan.measures[0]
    assert first.title == "开展河湖“清四乱”常态化规范化整治"
    assert first.lead_units == ("县水利局",)
    assert first.co_units == ("各乡镇人民政府",)
    third = plan.measures[2]
    assert third.co_units == ("县水利局", "县住房城乡建设局")
    assert [m.marker for m in plan.measures] == [str(i) for i in range(1, 14)]


def test_an_annexed_table_row_carried_onto_the_next_page_is_one_row() -> None:
    """A row cut by the page break, under the header printed again, joins its first part."""
    lines = pdf_text(MULTIPAGE.read_bytes()).splitlines()
    rows = [line.split("\t") for line in lines if "\t" in line]
    assert rows[0] == ["序号", "工程名称", "建设内容", "责任单位", "完成时限"]
    assert rows[1] == [
        "1",
        "东山镇水厂扩建工程",
        "新增日供水能力5000吨",
        "东山镇人民政府",
        "2025年8月底前",
    ]
    assert len(rows) == 4


def test_a_signature_under_a_table_does_not_join_its_last_row() -> None:
    """A line wider than its column, or crossing the next one, ends the table."""
    lines = [
        "序号   工作任务     责任单位     完成时限",
        "1      修订应急预   县应急管理   2025年6月",
        "       案           局           底前",
        "                          XX县安全生产委员会办公室",
    ]
    assert tables_as_rows(lines) == [
        "序号\t工作任务\t责任单位\t完成时限",
        "1\t修订应急预案\t县应急管理局\t2025年6月底前",
        "                          XX县安全生产委员会办公室",
    ]


def _laid_out(*cells: str) -> str:
    """A table line as layout text sets it: each cell at its column, 14 positions apart."""
    return "".join(cell.ljust(14) for cell in cells).rstrip()


def test_rules_between_rows_open_the_rows_of_a_table_without_numbers() -> None:
    """Without a 序号 column, a line under a drawn rule opens a row, the lines under it add to
    its cells, and a line under the closing rule with no first-column cell ends the table."""
    lines = [
        _laid_out("重点工作", "具体措施", "责任单位", "完成时限"),
        ROW_RULE,
        _laid_out("开展隐患排", "建立隐患清", "县应急管理", "2025年6月底"),
        _laid_out("查整治", "单", "局", "前"),
        ROW_RULE,
        _laid_out("提升消防安", "改造消防设", "县消防救援", "2025年12月"),
        _laid_out("全水平", "施20处", "大队", "底前"),
        ROW_RULE,
        "                          XX县安全生产委员会办公室",
    ]
    assert tables_as_rows(lines) == [
        "重点工作\t具体措施\t责任单位\t完成时限",
        "开展隐患排查整治\t建立隐患清单\t县应急管理局\t2025年6月底前",
        "提升消防安全水平\t改造消防设施20处\t县消防救援大队\t2025年12月底前",
        "                          XX县安全生产委员会办公室",
    ]


def test_gaps_between_rows_open_the_rows_of_a_table_without_numbers_or_rules() -> None:
    """A borderless table without a 序号 column: a line after a blank line opens a row, the
    lines right under it add to its cells, and a wide line under the table ends it."""
    lines = [
        _laid_out("重点任务", "牵头单位", "完成时限"),
        "",
        _laid_out("实施老旧小", "县住房城乡", "2025年11月"),
        _laid_out("区改造", "建设局", "底前"),
        "",
        _laid_out("开展背街小", "县城市管理", "2025年6月底"),
        _laid_out("巷环境整治", "局", "前"),
        "",
        "XX县城市更新工作领导小组办公室",
    ]
    assert tables_as_rows(lines) == [
        "重点任务\t牵头单位\t完成时限",
        "实施老旧小区改造\t县住房城乡建设局\t2025年11月底前",
        "开展背街小巷环境整治\t县城市管理局\t2025年6月底前",
        "XX县城市更新工作领导小组办公室",
    ]


def test_a_new_time_limit_opens_a_row_set_close_without_numbers_or_rules() -> None:
    """With no gap between rows, a line starting a time limit under a whole one (年底前 under
    2025年11月底前) opens a row; 底前 finishing a limit goes on the row above."""
    lines = [
        _laid_out("重点任务", "牵头单位", "完成时限"),
        _laid_out("实施老旧小", "县住房城乡", "2025年11月"),
        _laid_out("区改造", "建设局", "底前"),
        _laid_out("开展背街小", "县城市管理", "年底前"),
        _laid_out("巷环境整治", "局"),
        "XX县城市更新工作领导小组办公室",
    ]
    assert tables_as_rows(lines) == [
        "重点任务\t牵头单位\t完成时限",
        "实施老旧小区改造\t县住房城乡建设局\t2025年11月底前",
        "开展背街小巷环境整治\t县城市管理局\t年底前",
        "XX县城市更新工作领导小组办公室",
    ]


def test_rules_leave_a_numbered_table_to_its_numbers() -> None:
    """In a table with a 序号 column the numbers open rows, whatever rules are drawn."""
    lines = [
        "序号   工作任务     责任单位",
        ROW_RULE,
        "1      修订应急预   县应急管理",
        ROW_RULE,
        "       案           局",
    ]
    assert tables_as_rows(lines) == ["序号\t工作任务\t责任单位", "1\t修订应急预案\t县应急管理局"]


class _Contents:
    def __init__(self, operations: list[tuple[list[float], bytes]]) -> None:
        self.operations = operations


def test_horizontal_rules_come_from_stroked_lines_and_thin_bars() -> None:
    """Stroked horizontal lines and filled thin bars are rules, moved by the matrix; vertical
    lines, short strokes and clipping paths are not."""
    contents = _Contents(
        [
            ([0, 0, 612, 792], b"re"),
            ([], b"n"),  # the page clip
            ([], b"q"),
            ([1, 0, 0, 1, 0, 100], b"cm"),
            ([80, 500], b"m"),
            ([500, 500], b"l"),
            ([], b"S"),  # at 600 once moved
            ([], b"Q"),
            ([80, 400, 420, 0.5], b"re"),
            ([], b"f"),  # a bar at 400.25
            ([90, 300], b"m"),
            ([90, 100], b"l"),
            ([100, 200], b"m"),
            ([105, 200], b"l"),
            ([], b"S"),  # vertical, then too short
        ]
    )
    assert horizontal_rules(contents) == [400.2, 600.0]


def test_a_pdf_table_without_numbers_reads_one_measure_per_ruled_row() -> None:
    """A table printed without a 序号 column gives one measure per row, wrapped cells whole."""
    measures = parse_plan(UNNUMBERED.read_bytes(), "分工.pdf").measures
    assert [m.title for m in measures][:2] == [
        "开展重大事故隐患排查整治",
        "加强危险化学品安全监管",
    ]
    assert measures[1].units == ("县应急管理局", "县工业和信息化局")
    assert [m.deadline.raw for m in measures][-1] == "2025年12月底前"
    assert len(measures) == 5


def test_a_scanned_pdf_is_refused_politely(read_fixture: Callable[[str], bytes]) -> None:
    """A PDF of page images asks for the Word original or a text version; no OCR is tried."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(read_fixture("scanned_plan.pdf"), "扫描件.pdf")
    assert caught.value.reason is FailureReason.UNSUPPORTED
    assert "扫描件" in render_import_error(caught.value, "zh")
    assert "Word" in render_import_error(caught.value, "zh")
    assert "scan" in render_import_error(caught.value, "en")


def test_a_password_protected_pdf_is_refused() -> None:
    """A PDF that needs a password to open is refused and says so."""
    writer = PdfWriter(clone_from=PdfReader(TABLE))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(PlanImportError) as caught:
        parse_plan(out.getvalue(), "清单.pdf")
    assert caught.value.reason is FailureReason.UNSUPPORTED
    assert "密码" in render_import_error(caught.value, "zh")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%%EOF", b"%PDF-1.4\n" + bytes(range(256)) * 8])
def test_a_damaged_pdf_is_refused_as_corrupt(data: bytes) -> None:
    """A file that starts like a PDF but does not open says it cannot be opened."""
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data, "plan.pdf")
    assert caught.value.reason is FailureReason.CORRUPT
    assert "PDF" in render_import_error(caught.value, "en")


def test_a_pdf_is_recognised_whatever_its_name() -> None:
    """A PDF uploaded as .bin or without an extension is still read as a PDF."""
    plan = parse_plan(TABLE.read_bytes(), "upload")
    assert len(plan.measures) == 13


def test_a_cid_font_pdf_with_lines_broken_at_the_page_width_reads_whole_items() -> None:
    """Identity-H CID fonts read through their ToUnicode map; broken lines join back."""
    plan = parse_plan((CORPUS / "x33_pdf_cid_font_wrapped.pdf").read_bytes(), "要点.pdf")
    assert [m.marker for m in plan.measures] == ["1、", "2、", "3、", "4、", "5、"]
    first = plan.measures[0]
    assert first.title == "推进紧密型县域医共体建设"
    assert first.units + first.lead_units == ("医政医管股",)
    fourth = plan.measures[3]
    assert fourth.deadline is not None
    assert fourth.deadline.raw == "年底前"  # its 年底 and 前 are on two pages


@pytest.mark.parametrize(
    ("pages", "key"),
    [
        (["", " \n "], "importer.pdf_scanned"),
        (["\ue000\ue001\ue002" * 40], "importer.pdf_garbled"),
    ],
)
def test_pages_without_readable_text_are_refused(pages: list[str], key: str) -> None:
    """No text at all is a scan; text of unmapped glyph codes cannot be read either."""
    with pytest.raises(PlanImportError) as caught:
        check_text_layer(pages)
    assert caught.value.key == key
    assert "Word" in render_import_error(caught.value, "zh")


def test_pages_of_a_real_plan_pass_the_text_layer_check() -> None:
    """A page of Chinese plan text with digits and punctuation is readable."""
    check_text_layer(["一、重点任务\n1.推进项目建设，2025年6月底前完成。（县发改局负责）"])


@pytest.mark.parametrize("share", [0.3, 0.6, 0.9, 0.99])
def test_a_cut_off_pdf_is_refused_as_corrupt(share: float) -> None:
    """A PDF cut short in transfer (no cross-reference table at its end) cannot be opened."""
    data = MULTIPAGE.read_bytes()
    with pytest.raises(PlanImportError) as caught:
        parse_plan(data[: int(len(data) * share)], "方案.pdf")
    assert caught.value.reason is FailureReason.CORRUPT


def test_category_rows_merged_across_a_table_stay_rows_of_it() -> None:
    """A lone 一、… line under the header is a category row, not the end of the table."""
    lines = [
        "序号        整治任务      责任单位      完成时限",
        "一、重点行业领域",
        "1         开展危险化学    县应急管理局    2025年6月底",
        "          品企业安全风              前",
        "二、人员密集场所",
        "2         开展大型商业    县消防救援大    长期坚持",
        "          综合体检查      队",
    ]
    assert tables_as_rows(lines) == [
        "序号\t整治任务\t责任单位\t完成时限",
        "一、重点行业领域\t\t\t",
        "1\t开展危险化学品企业安全风\t县应急管理局\t2025年6月底前",
        "二、人员密集场所\t\t\t",
        "2\t开展大型商业综合体检查\t县消防救援大队\t长期坚持",
    ]


_LAYOUT_PIECES = [
    "序号",
    "工作任务",
    "责任单位",
    "完成时限",
    "1",
    "12",
    "一、",
    "县水利局",
    "推进",
    "2025年",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(
            st.tuples(st.integers(0, 4), st.sampled_from(_LAYOUT_PIECES)), min_size=1, max_size=5
        ),
        max_size=12,
    )
)
def test_table_rebuilding_only_moves_text_and_drops_spaces(
    rows: list[list[tuple[int, str]]],
) -> None:
    """Whatever the laid-out lines, nothing is invented and every character other than white
    space is kept, but for a line repeating an earlier one (a header row printed again)."""
    lines = ["".join(" " * gap + piece for gap, piece in row) for row in rows]
    out = tables_as_rows(lines)

    def glyphs(texts: list[str]) -> Counter[str]:
        return Counter(ch for text in texts for ch in text if not ch.isspace())

    seen: set[tuple[str, ...]] = set()
    first_seen: list[str] = []
    for line in lines:
        key = tuple(line.split())
        if key not in seen:
            first_seen.append(line)
        seen.add(key)
    assert glyphs(first_seen) <= glyphs(out) <= glyphs(lines)


def _one_line_pdf(to_unicode: bytes, shown: bytes) -> bytes:
    """A one-page PDF showing ``shown`` in a font whose ToUnicode map holds ``to_unicode``."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
        b"1 begincodespacerange <00> <FF> endcodespacerange "
        + to_unicode
        + b" endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    content = b"BT /F1 12 Tf 72 700 Td (" + shown + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n%b\nendstream" % (len(cmap), cmap),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def test_a_font_map_giving_half_a_surrogate_pair_is_no_crash() -> None:
    """A damaged ToUnicode map that maps a glyph to a lone surrogate (D800) gives a plan or a
    polite refusal, not an encoding error."""
    to_unicode = b"1 beginbfrange <41> <5A> <4E00> endbfrange 1 beginbfchar <21> <D800> endbfchar"
    data = _one_line_pdf(to_unicode, b"ABCDEFGHIJKLMNOPQRST!ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    with contextlib.suppress(PlanImportError):
        parse_plan(data, "计划.pdf")
