"""Word 97–2003 (.doc) and WPS (.wps) documents: LibreOffice's saves of corpus documents
(x60–x69) and each mechanism of the binary format on documents built by ``doc_builder``."""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.doc_plan import DocDocument, read_doc
from bot.importer.parsers.registry import pick_parser
from bot.importer.parsers.tables import Grid
from bot.render.importer import render_import_error
from tests.importer.parsers.doc_builder import (
    DELETED,
    HIDDEN,
    IN_TABLE,
    INNER_CELL,
    INNER_ROW_END,
    ROW_END,
    TITLE_STYLE,
    ListLevel,
    Para,
    build_doc,
    compound,
    depth,
    numbered,
    row,
)
from tests.importer.scoring import CORPUS, score_document

BINARY = sorted(p for p in CORPUS.glob("x6*") if p.suffix in (".doc", ".wps"))
X60 = CORPUS / "x60_doc_county_projects.doc"
STRESS = os.environ.get("DUBAN_STRESS") == "1"


def _texts(document: DocDocument | None) -> list[str]:
    assert document is not None
    return [b[0] for b in document.blocks if not isinstance(b, Grid)]


def _grids(document: DocDocument | None) -> list[Grid]:
    assert document is not None
    return document.grids


def _source(path: Path) -> Path:
    annotation = CORPUS / f"{path.stem}.expected.json"
    origin = json.loads(annotation.read_text(encoding="utf-8"))["source"]
    return CORPUS / origin.split(" saved as ")[0]


def test_the_binary_corpus_holds_word_and_wps_saves() -> None:
    """Nine .doc files and one .wps are in the corpus, each with its annotation."""
    assert [p.suffix for p in BINARY].count(".doc") == 9
    assert [p.suffix for p in BINARY].count(".wps") == 1
    assert all((CORPUS / f"{p.stem}.expected.json").exists() for p in BINARY)


@pytest.mark.parametrize("path", BINARY, ids=[p.name for p in BINARY])
def test_a_saved_document_scores_as_its_source(path: Path) -> None:
    """Measures, titles, owners and deadlines read from the .doc are those of the .docx, .odt
    or .txt it was saved from, against the same annotation."""
    annotation = CORPUS / f"{path.stem}.expected.json"
    source = score_document(_source(path), annotation)
    saved = score_document(path, annotation)
    assert saved.error is None
    assert (saved.expected, saved.predicted, saved.matched) == (
        source.expected,
        source.predicted,
        source.matched,
    )
    assert (saved.owners, saved.deadlines, saved.extra_deadlines) == (
        source.owners,
        source.deadlines,
        source.extra_deadlines,
    )


def test_a_word_table_keeps_category_rows_and_merged_owners() -> None:
    """x60: the category rows span the table, a leader merged down over three rows is read in
    each, and the fifth project keeps its owner."""
    plan = parse_plan(X60.read_bytes(), "任务分解.doc")
    assert [m.title for m in plan.measures][:2] == ["县第二实验小学建设工程", "乡镇卫生院提升工程"]
    assert {m.lead_leader for m in plan.measures[:3]} == {"刘芳"}
    assert plan.measures[4].lead_units == ("县住房城乡建设局",)
    grid = _grids(read_doc(X60.read_bytes()))[0]
    assert grid.rows[1] == ("一、教育卫生",) * 6
    assert grid.spans[(1, 0)] == (1, 0, 1, 5)


def test_a_wps_file_is_told_by_its_stream_not_its_name() -> None:
    """The .wps copy, the same bytes without a name, and the same bytes named .xls (no
    workbook inside) are all read as Word documents."""
    data = (CORPUS / "x69_wps_county_projects.wps").read_bytes()
    assert {pick_parser(data, name).name for name in ("计划.wps", "upload", "计划.xls")} == {"doc"}


def test_a_workbook_holding_a_word_object_is_read_as_the_workbook() -> None:
    """A compound file whose Word stream is not at the top (an object kept inside a workbook)
    but which holds a workbook is read as that workbook."""
    from xlrd.compdoc import CompDoc

    xls = (CORPUS / "x32_duty_list_xls.xls").read_bytes()
    workbook = CompDoc(xls, logfile=io.StringIO()).get_named_stream("Workbook")
    data = compound({"Workbook": workbook, "WordDocumentObject": bytes(64)})
    assert pick_parser(data, "upload").name == "doc"
    plan = parse_plan(data, "upload")
    assert [m.title for m in plan.measures] == [
        m.title for m in parse_plan(xls, "责任清单.xls").measures
    ]
    assert len(plan.measures) == 5


def test_pieces_compressed_and_in_utf16_read_in_document_order() -> None:
    """8-bit pieces (cp1252) and UTF-16 pieces (the Chinese text), stored in reverse order in
    the stream, read in the order of the piece table."""
    paragraphs = [Para("Plan 2025 – draft\r"), Para("一、重点任务\r"), Para("Owner: county\r")]
    for compress in (True, False):
        texts = _texts(read_doc(build_doc(paragraphs, compress=compress)))
        assert texts == ["Plan 2025 – draft", "一、重点任务", "Owner: county"]


def test_only_the_main_text_is_read() -> None:
    """Text after ``ccpText`` (footnotes, headers, text boxes) is not part of the plan."""
    data = build_doc([Para("一、正文\r")], after=[Para("脚注：县财政局\r"), Para("页眉\r")])
    assert _texts(read_doc(data)) == ["一、正文"]


def test_field_codes_are_dropped_and_their_results_kept() -> None:
    """A hyperlink's code is dropped and its shown text kept; a field nested in a code is
    dropped with it, one nested in a result is read."""
    text = (
        '见\x13 HYPERLINK "http://x" \x14附件1\x15，'
        "\x13 IF \x13 PAGE \x141\x15 = 1 \x14第一页\x15，"
        "\x13 REF a \x14共\x13 NUMPAGES \x142\x15页\x15\r"
    )
    assert _texts(read_doc(build_doc([Para(text)]))) == ["见附件1，第一页，共2页"]


def test_breaks_pictures_and_symbols() -> None:
    """A soft break and a page break end a line, pictures, objects and note marks leave
    nothing, a non-breaking hyphen reads as one, a symbol font's private character is dropped."""
    text = "一、建设\x0b项目\x01\x08\x02\x0c（一）2025\x1e2027年\x1f\uf0d8\r"
    assert _texts(read_doc(build_doc([Para(text)]))) == ["一、建设\n项目\n（一）2025-2027年"]


def test_headings_come_from_heading_styles() -> None:
    """Paragraphs in Heading 1 and 2 and in Title carry their levels; body text none."""
    data = build_doc(
        [
            Para("工作要点\r", style=TITLE_STYLE),
            Para("一、总体要求\r", style=1),
            Para("（一）目标\r", style=2),
            Para("正文\r"),
        ]
    )
    document = read_doc(data)
    assert document is not None
    assert [b[1] for b in document.blocks if not isinstance(b, Grid)] == [0, 1, 2, None]


def test_deleted_and_hidden_text_is_not_read() -> None:
    """A tracked deletion (an owner struck out) and hidden text are left out; a deleted
    paragraph mark joins its paragraph to the next."""
    paragraphs = [
        Para("一、建设项目（县交通局负责）\r", chars=((6, 14, DELETED),)),
        Para("内部备注\r", chars=((0, 4, HIDDEN),)),
        Para("（一）推进\r", chars=((5, 6, DELETED),)),
        Para("道路建设\r"),
    ]
    assert _texts(read_doc(build_doc(paragraphs))) == ["一、建设项目", "", "（一）推进道路建设"]


CELL = IN_TABLE
EDGES = [0, 600, 3000, 4500]


def _row(cells: list[str], merges: dict[int, int] | None = None) -> list[Para]:
    """A table row: a paragraph per cell and the row-end mark with the cell edges."""
    paras = [Para(f"{text}\x07", CELL) for text in cells]
    return [*paras, Para("\x07", CELL + ROW_END + row(EDGES, merges))]


def test_table_rows_keep_empty_cells_and_read_merged_ones_from_above() -> None:
    """Rows are told by their row-end marks, not guessed: an empty cell stays empty, a cell
    merged into the one above takes its text and the range is recorded."""
    rows = [
        *_row(["序号", "重点任务", "责任单位"]),
        *_row(["1", "修建道路", "县交通运输局"], {2: 3}),
        *_row(["2", "", ""], {2: 1}),
        *_row(["", "整治河道", ""]),
    ]
    grid = _grids(read_doc(build_doc([Para("附表\r"), *rows, Para("说明\r")])))[0]
    assert grid.rows == (
        ("序号", "重点任务", "责任单位"),
        ("1", "修建道路", "县交通运输局"),
        ("2", "", "县交通运输局"),
        ("", "整治河道", ""),
    )
    assert grid.spans[(2, 2)] == (1, 2, 2, 2)
    assert (3, 2) not in grid.spans


def test_a_wide_cell_spans_the_grid_columns_under_it() -> None:
    """A category row of one cell as wide as the table fills every column; a row starting a
    column late leaves the first empty."""
    rows = [
        *_row(["序号", "重点任务", "责任单位"]),
        Para("一、交通\x07", CELL),
        Para("\x07", CELL + ROW_END + row([0, 4500])),
        Para("修建道路\x07", CELL),
        Para("县交通运输局\x07", CELL),
        Para("\x07", CELL + ROW_END + row([600, 3000, 4500])),
    ]
    grid = _grids(read_doc(build_doc(rows)))[0]
    assert grid.rows[1] == ("一、交通",) * 3
    assert grid.spans[(1, 1)] == (1, 0, 1, 2)
    assert grid.rows[2] == ("", "修建道路", "县交通运输局")


def test_a_table_in_a_cell_is_read_as_lines_of_that_cell() -> None:
    """A nested table's cells (inner cell and row marks at depth 2) become lines of the outer
    cell; the outer row keeps its three cells."""
    inner = depth(2)
    rows = [
        *_row(["序号", "重点任务", "责任单位"]),
        Para("1\x07", CELL),
        Para("治理污水\r", CELL),
        Para("指标\r", inner + INNER_CELL),
        Para("45%\r", inner + INNER_CELL),
        Para("\r", inner + INNER_ROW_END),
        Para("\x07", CELL),
        Para("县生态环境局\x07", CELL),
        Para("\x07", CELL + ROW_END + row(EDGES)),
    ]
    grid = _grids(read_doc(build_doc(rows)))[0]
    assert grid.rows[1] == ("1", "治理污水\n指标\n45%", "县生态环境局")


def test_a_doc_table_gives_owners_as_a_docx_table_does() -> None:
    """A 责任清单 of a .doc imports its rows with their owners and deadlines."""
    header = ["序号", "重点任务", "责任单位", "完成时限"]
    edges = [0, 600, 3000, 4500, 6000]

    def line(cells: list[str], merges: dict[int, int] | None = None) -> list[Para]:
        paras = [Para(f"{text}\x07", CELL) for text in cells]
        return [*paras, Para("\x07", CELL + ROW_END + row(edges, merges))]

    data = build_doc(
        [
            Para("XX县2025年交通建设任务清单\r"),
            *line(header),
            *line(["1", "修建农村公路30公里", "县交通运输局", "2025年10月底前"], {2: 3}),
            *line(["2", "改造危桥5座", "", "2025年12月底前"], {2: 1}),
        ]
    )
    plan = parse_plan(data, "清单.doc")
    assert [(m.title, m.lead_units) for m in plan.measures] == [
        ("修建农村公路30公里", ("县交通运输局",)),
        ("改造危桥5座", ("县交通运输局",)),
    ]
    assert plan.measures[1].deadline is not None
    assert plan.measures[1].deadline.raw == "2025年12月底前"


CHINESE = 39


def test_automatic_list_numbers_are_drawn_as_word_draws_them() -> None:
    """Numbers Word draws (not in the text): 一、 and （一） of one list, continued by a second
    entry of the same list, restarted by a third that restarts level 1."""
    levels = [ListLevel("\x00、", CHINESE), ListLevel("（\x01）", CHINESE), ListLevel("\x02.")]
    data = build_doc(
        [
            Para("稳定粮食生产\r", numbered(1, 0)),
            Para("抓好播种\r", numbered(1, 1)),
            Para("强化防灾\r", numbered(1, 1)),
            Para("落实面积\r", numbered(1, 2)),
            Para("推进乡村建设\r", numbered(2, 0)),
            Para("整治环境\r", numbered(2, 1)),
            Para("另一部分\r", numbered(3, 0)),
            Para("正文\r"),
        ],
        lists=[(7, levels)],
        list_entries=[(7, {}), (7, {}), (7, {0: 1})],
    )
    assert _texts(read_doc(data)) == [
        "一、稳定粮食生产",
        "（一）抓好播种",
        "（二）强化防灾",
        "1.落实面积",
        "二、推进乡村建设",
        "（一）整治环境",
        "一、另一部分",
        "正文",
    ]


def test_headings_numbered_by_their_style_carry_the_style_s_list() -> None:
    """Heading 1 and 2 whose styles name a list (Word's multilevel list linked to the heading
    styles) are numbered 一、 and （一） without a list of their own, and keep their levels."""
    levels = [ListLevel("\x00、", CHINESE), ListLevel("（\x01）", CHINESE)]
    data = build_doc(
        [
            Para("稳定粮食生产\r", style=1),
            Para("抓好播种\r", style=2),
            Para("落实面积56万亩。\r"),
            Para("推进乡村建设\r", style=1),
        ],
        lists=[(3, levels)],
        list_entries=[(3, {})],
        styles={1: numbered(1, 0), 2: numbered(1, 1)},
    )
    document = read_doc(data)
    assert document is not None
    assert [b for b in document.blocks if not isinstance(b, Grid)] == [
        ("一、稳定粮食生产", 1, 0),
        ("（一）抓好播种", 2, 0),
        ("落实面积56万亩。", None, 0),
        ("二、推进乡村建设", 1, 0),
    ]


def test_an_encrypted_document_is_refused_politely() -> None:
    """A password-protected .doc says so in both languages; so does an encrypted .docx, which
    arrives as a compound file too."""
    for data, name in (
        (build_doc([Para("一、任务\r")], encrypted=True), "计划.doc"),
        (compound({"EncryptionInfo": bytes(64), "EncryptedPackage": bytes(64)}), "计划.docx"),
    ):
        with pytest.raises(PlanImportError) as caught:
            parse_plan(data, name)
        assert caught.value.key == "importer.office_encrypted"
        assert "密码" in render_import_error(caught.value, "zh")
        assert "password" in render_import_error(caught.value, "en")


def test_word_95_and_other_compound_files_are_refused_with_what_to_do() -> None:
    """A Word 95 document, and a compound file with neither a Word document nor a workbook (a
    presentation), are told to save again as .docx."""
    word95 = build_doc([Para("一、任务\r")], n_fib=0x65)
    with pytest.raises(PlanImportError) as caught:
        parse_plan(word95, "旧计划.doc")
    assert caught.value.key == "importer.word95"
    slides = compound({"PowerPoint Document": bytes(64), "Current User": bytes(16)})
    with pytest.raises(PlanImportError) as caught:
        parse_plan(slides, "汇报.ppt")
    assert caught.value.key == "importer.legacy_office"
    assert "另存为”.docx" in render_import_error(caught.value, "zh")


def test_a_document_without_its_table_stream_is_refused_as_damaged() -> None:
    """A Word stream whose table stream is missing cannot be read: the Word file is damaged."""
    good = build_doc([Para("一、任务\r")])
    broken = good.replace("1Table".encode("utf-16-le"), "9Table".encode("utf-16-le"))
    with pytest.raises(PlanImportError) as caught:
        parse_plan(broken, "计划.doc")
    assert caught.value.reason is FailureReason.CORRUPT
    assert "Word" in render_import_error(caught.value, "en")


FUZZ_CASES = 3000 if STRESS else 300


def _mutations(seed: int, data: bytes, count: int) -> list[bytes]:
    """Truncations and bit flips of ``data``: a few flips each, in the compound file's header,
    in the Word stream's FIB, or anywhere."""
    rng = random.Random(seed)
    fib = next(at for at in range(512, len(data), 512) if data[at : at + 2] == b"\xec\xa5")
    regions = [(0, 512), (fib, fib + 0x400), (0, len(data))]
    out: list[bytes] = []
    for index in range(count):
        if index % 4 == 0:
            out.append(data[: rng.randrange(8, len(data))])
            continue
        start, end = regions[index % 4 - 1]
        damaged = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(start, end)] ^= 1 << rng.randrange(8)
        out.append(bytes(damaged))
    return out


@pytest.mark.parametrize("source", ["x60", "built"])
def test_damaged_documents_give_a_plan_or_a_polite_refusal(source: str) -> None:
    """Hundreds of truncated and bit-flipped .doc files (thousands under DUBAN_STRESS=1) each
    give a plan or a PlanImportError, never another exception."""
    if source == "x60":
        data = X60.read_bytes()
    else:
        data = build_doc(
            [Para("XX县计划\r"), *_row(["序号", "重点任务", "责任单位"])],
            lists=[(1, [ListLevel("\x00、", CHINESE)])],
            list_entries=[(1, {0: 1})],
        )
    refused = 0
    for damaged in _mutations(7 if source == "x60" else 11, data, FUZZ_CASES // 2):
        try:
            parse_plan(damaged, "计划.doc")
        except PlanImportError:
            refused += 1
    assert refused  # truncated files at least are refused
