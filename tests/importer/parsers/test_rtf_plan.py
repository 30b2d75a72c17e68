"""Rich text (.rtf): LibreOffice's and WPS's saves (corpus x44, x45) and the reader's syntax."""

from __future__ import annotations

import pytest

from bot.importer import FailureReason, PlanImportError, parse_plan
from bot.importer.parsers.registry import pick_parser
from bot.importer.parsers.rtf_plan import MAX_DEPTH, read_rtf
from bot.importer.parsers.tables import Grid
from tests.importer.scoring import CORPUS

X44 = CORPUS / "x44_rtf_work_points.rtf"
X45 = CORPUS / "x45_rtf_wps_gbk_table.rtf"


def _gbk(text: str) -> str:
    return "".join(f"\\'{byte:02x}" for byte in text.encode("gbk"))


def _texts(rtf: str) -> list[str]:
    return [b for b in read_rtf(rtf.encode("ascii")).blocks if isinstance(b, str)]


def test_a_libreoffice_rtf_reads_items_owners_and_its_annexed_table() -> None:
    """x44: the three items with their owner notes and the two rows of the 附件 table."""
    plan = parse_plan(X44.read_bytes(), "工作要点.rtf")
    assert plan.title == "XX县2025年农村人居环境整治工作要点"
    assert [m.title for m in plan.measures] == [
        "推进农村厕所革命",
        "治理农村生活污水",
        "提升村容村貌",
        "东山村污水处理设施建设",
        "西河村户厕改造",
    ]
    assert plan.measures[0].lead_units == ("县农业农村局",)
    assert plan.measures[3].lead_units == ("东山镇人民政府",)


def test_a_wps_rtf_in_gbk_reads_its_table_and_nothing_of_its_tables_of_fonts_and_styles() -> None:
    """x45: GBK escapes decoded; font, style and info names and the picture are not text."""
    document = read_rtf(X45.read_bytes())
    text = "\n".join(b if isinstance(b, str) else b.text() for b in document.blocks)
    for name in ("宋体", "正文", "县双拥办"):
        assert name not in text
    assert "89504e47" not in text
    plan = parse_plan(X45.read_bytes(), "责任分工.rtf")
    assert [m.lead_units for m in plan.measures][1] == ("县人力资源社会保障局",)
    assert len(plan.measures) == 4


def test_unicode_escapes_give_their_character_and_skip_their_fallback() -> None:
    """\\uN skips one fallback character (or \\ucN of them), negative values and surrogate
    pairs read as the characters Word meant."""
    assert _texts(r"{\rtf1\ansi \u21439?\u23450?\par}") == ["县定"]
    assert _texts(r"{\rtf1\ansi\uc2 \u21439\'cf\'d8\u-28440\'b2\'bf end\par}") == ["县部 end"]
    assert _texts(r"{\rtf1\ansi \u-10176?\u-9216?\par}") == ["\U00020000"]


def test_hex_bytes_are_read_in_the_code_page_or_the_fonts_character_set() -> None:
    """\\ansicpg936 makes \\'hh GBK; a font of \\fcharset134 does so under code page 1252."""
    assert _texts(r"{\rtf1\ansi\ansicpg936 " + _gbk("县政府") + r"\par}") == ["县政府"]
    font = r"{\fonttbl{\f0\fswiss Arial;}{\f1\fnil\fcharset134 SimSun;}}"
    rtf = r"{\rtf1\ansi\ansicpg1252" + font + r"\f1 " + _gbk("牵头") + r"\f0 caf\'e9\par}"
    assert _texts(rtf) == ["牵头café"]


def test_destinations_that_are_no_text_are_skipped_and_field_results_kept() -> None:
    """Tables of fonts, colours and styles, info, \\* groups, pictures, headers, footnotes and
    field instructions are left out; a field's result is read."""
    rtf = (
        r"{\rtf1\ansi{\fonttbl{\f0 Font;}}{\colortbl;\red0;}{\stylesheet{\s0 Normal;}}"
        r"{\info{\title T}}{\*\generator G;}{\header Header\par}{\pict\pngblip 8950}"
        r"A{\footnote Note}B{\field{\*\fldinst PAGE}{\fldrslt 7}}\par}"
    )
    assert _texts(rtf) == ["AB7"]


def test_hidden_text_and_tracked_deletions_are_not_read() -> None:
    """Text under \\v (hidden) or \\deleted (a tracked deletion) is left out until it is
    switched off, its group ends or \\plain resets the character formatting."""
    rtf = (
        r"{\rtf1\ansi\ansicpg936 A{\v " + _gbk("备注") + r"}B\deleted C\deleted0 D"
        r"\v E\plain F{\deleted G}H\par}"
    )
    assert _texts(rtf) == ["ABDFH"]


def test_paragraphs_lines_and_escaped_symbols() -> None:
    """\\par ends a paragraph, \\line breaks a line, \\{ \\} \\\\ and \\~ are characters."""
    assert _texts(r"{\rtf1 one\line two\par \{x\}\\y\~z\tab w\par}") == [
        "one\ntwo",
        "{x}\\y z\tw",
    ]


def test_table_rows_become_a_grid_with_vertical_merges_filled() -> None:
    """\\cell … \\row make rows; a \\clvmrg cell takes the text of the cell above."""
    rtf = (
        r"{\rtf1 Title\par "
        r"\trowd\clvmgf\cellx1000\cellx2000 \pard\intbl a\cell\pard\intbl X\cell\row "
        r"\trowd\clvmrg\cellx1000\cellx2000 \pard\intbl \cell\pard\intbl Y\cell\row "
        r"\pard after\par}"
    )
    blocks = read_rtf(rtf.encode()).blocks
    assert (blocks[0], blocks[2]) == ("Title", "after")
    grid = blocks[1]
    assert isinstance(grid, Grid)
    assert grid.rows == (("a", "X"), ("a", "Y"))
    assert grid.spans[(1, 0)] == (0, 0, 1, 0)


def test_hostile_input_costs_linear_work() -> None:
    """Groups nested far beyond MAX_DEPTH are skipped whole, a huge hex run and \\bin data
    are read through, a missing closing brace loses nothing before it."""
    deep = "{" * (MAX_DEPTH * 200) + "hidden" + "}" * (MAX_DEPTH * 200)
    assert _texts(r"{\rtf1 before\par " + deep + r"after\par}") == ["before", "after"]
    hexes = r"{\*\blob " + r"\'ff" * 200_000 + "}"
    assert _texts(r"{\rtf1 " + hexes + r"x\par}") == ["x"]
    binary = b"{\\rtf1 a\\bin5 {{{{{b\\par}"
    assert read_rtf(binary).blocks == ["ab"]
    assert _texts(r"{\rtf1 cut off") == ["cut off"]


def test_an_rtf_is_recognised_by_its_signature_whatever_its_name() -> None:
    """{\\rtf opens a rich text file under any name; a file named .rtf without it is refused
    as damaged, not read as plain text."""
    assert pick_parser(X45.read_bytes(), "upload.txt").name == "rtf"
    with pytest.raises(PlanImportError) as caught:
        parse_plan("一、加强领导（县政府办负责）".encode(), "计划.rtf")
    assert caught.value.reason is FailureReason.CORRUPT
