"""Recognising the numbering markers that open items."""

from __future__ import annotations

import pytest

from bot.importer.markers import MarkerKind, find_inline_items, line_starts_inline, match_marker


@pytest.mark.parametrize(
    ("line", "kind", "text", "number"),
    [
        ("一、2023年重点工作情况", MarkerKind.CN_COMMA, "一、", 1),
        ("十二．附则", MarkerKind.CN_COMMA, "十二．", 12),
        ("（三）着力乡村振兴", MarkerKind.CN_PAREN, "（三）", 3),
        ("(三) 着力乡村振兴", MarkerKind.CN_PAREN, "(三)", 3),
        ("1.加快建设", MarkerKind.ARABIC_DOT, "1.", 1),
        ("2、加快建设", MarkerKind.ARABIC_DOT, "2、", 2),
        ("3．加快建设", MarkerKind.ARABIC_DOT, "3．", 3),
        ("⒋加快建设", MarkerKind.ARABIC_DOT, "⒋", 4),
        ("1.2 加快建设", MarkerKind.DOTTED, "1.2", 2),
        ("（1）加快建设", MarkerKind.ARABIC_PAREN, "（1）", 1),
        ("(12)加快建设", MarkerKind.ARABIC_PAREN, "(12)", 12),
        ("⑴加快建设", MarkerKind.ARABIC_PAREN, "⑴", 1),
        ("1）加快建设", MarkerKind.ARABIC_HALF, "1）", 1),
        ("②加快建设", MarkerKind.CIRCLED, "②", 2),
        ("第一条　为了规范管理", MarkerKind.ARTICLE, "第一条", 1),
        ("第二章 重点任务", MarkerKind.CHAPTER, "第二章", 2),
        ("第一部分　总体要求", MarkerKind.CHAPTER, "第一部分", 1),
        ("第三节 保障", MarkerKind.SECTION, "第三节", 3),
        ("- 加快建设", MarkerKind.BULLET, "-", None),
        ("●加快建设", MarkerKind.BULLET, "●", None),
        ("★1.加快建设", MarkerKind.ARABIC_DOT, "★1.", 1),
        ("▲ （二）加快建设", MarkerKind.CN_PAREN, "▲（二）", 2),
    ],
)
def test_line_markers(line: str, kind: MarkerKind, text: str, number: int | None) -> None:
    """Each written form of numbering is recognised with its kind, text and number."""
    marker = match_marker(line)
    assert marker is not None
    assert (marker.kind, marker.text, marker.number) == (kind, text, number)
    assert line[marker.content :]
    assert not line[marker.content].isspace()


@pytest.mark.parametrize(
    "line",
    [
        "2024年重点工作",
        "1.5亿元的项目已开工",
        "2.5万人次",
        "1.25亿元",
        "2.1项重点改革",
        "一是加快建设",
        "第一季度完成",
        "1.",
        "",
        "-3-",
        "统一思想",
        "★抓好重大项目",
        "★●抓好重大项目",
    ],
)
def test_plain_lines_have_no_marker(line: str) -> None:
    """Numbers that are values, dates or inline items do not open a line item."""
    assert match_marker(line) is None


def test_a_bare_chapter_heading_is_a_marker() -> None:
    """第一章 on a line of its own opens a chapter whose title follows on the next line."""
    marker = match_marker("第一章")
    assert marker is not None
    assert marker.kind is MarkerKind.CHAPTER


def test_inline_items_need_sequence_and_boundaries() -> None:
    """一是…二是… split at sentence boundaries only, in order; 统一是 is not a marker."""
    text = "加快发展。一是做强工业。思想统一是前提；二是做优农业；四是跳号；三是做精服务。"
    found = find_inline_items(text, 0, len(text))
    assert [marker for _, _, marker in found] == ["一是", "二是", "三是"]
    assert text[found[0][1] : found[1][0]] == "做强工业。思想统一是前提；"


def test_a_single_inline_marker_is_not_a_list() -> None:
    """One 一是 without a 二是 does not split the paragraph."""
    text = "主要有两点考虑。一是时间紧。"
    assert find_inline_items(text, 0, len(text)) == []


def test_inline_yao_markers_and_line_starts() -> None:
    """一要…二要… work like 一是…二是…, and a line may start with one."""
    text = "一要提高认识；二要压实责任。"
    assert len(find_inline_items(text, 0, len(text))) == 2
    assert line_starts_inline("二是做优农业")
    assert not line_starts_inline("二是")


def test_five_digit_numbers_open_items() -> None:
    """Items numbered 10000. and beyond are items, not text continuing item 9999."""
    marker = match_marker("10000.第二项工作。")
    assert marker is not None
    assert (marker.kind, marker.number) == (MarkerKind.ARABIC_DOT, 10000)


def test_ordinal_comma_items_are_inline_items() -> None:
    """第一，…第二，… at sentence starts split a paragraph like 一是…二是…."""
    text = "会议要求：第一，要提高站位。第二，要压实责任。坚持第一，不是口号。"
    found = find_inline_items(text, 0, len(text))
    assert [marker for _, _, marker in found] == ["第一", "第二"]
    assert text[found[0][1] :].startswith("要提高站位")


@pytest.mark.parametrize(
    ("line", "content"), [("1.3月底前完成", "3月底前完成"), ("2.2025年底前", "2025年底前")]
)
def test_a_number_followed_by_a_date_is_a_marker(line: str, content: str) -> None:
    """``1.3月底前`` is item 1 opening with a month, not the decimal 1.3."""
    marker = match_marker(line)
    assert marker is not None
    assert (marker.text, line[marker.content :]) == (line[:2], content)


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("——新建改建社区多功能运动场3个", MarkerKind.BULLET, "——"),
        ("1 总体目标", MarkerKind.DOTTED, "1"),
        ("3　保障措施", MarkerKind.DOTTED, "3"),
    ],
)
def test_dash_bullets_and_decimal_outline_heads_open_items(
    line: str, kind: MarkerKind, text: str
) -> None:
    """``——`` opens a bullet; ``1 总体目标`` is the top of a 1 / 1.1 / 1.1.1 outline."""
    marker = match_marker(line)
    assert marker is not None
    assert (marker.kind, marker.text, marker.depth) == (kind, text, 0)


@pytest.mark.parametrize(
    "line",
    [
        "12 个乡镇完成改造",
        "2 县水利局 2025年6月底前",
        "1 加快推进重点项目建设，年底前完成",
        "——",
        "——2024年1月10日在XX县第十八届人民代表大会第四次会议上",
    ],
)
def test_numbers_before_text_or_rows_are_no_outline_heads(line: str) -> None:
    """A count, a row or a sentence after a bare number is no heading; a dateline no bullet."""
    assert match_marker(line) is None


@pytest.mark.parametrize(
    ("line", "number", "text"),
    [
        ("督办事项一：加快棚户区改造征收工作。", 1, "督办事项一："),
        ("事项3: 制定公交线网优化方案", 3, "事项3:"),
        ("重点任务二：推进高标准农田建设", 2, "重点任务二："),
        ("整改问题十二：村级财务公开不及时", 12, "整改问题十二："),
    ],
)
def test_a_numbered_label_with_a_colon_opens_an_item(line: str, number: int, text: str) -> None:
    """``督办事项一：`` / ``任务二：`` / ``问题3：`` open items of their own kind."""
    marker = match_marker(line)
    assert marker is not None
    assert (marker.kind, marker.number, marker.text) == (MarkerKind.LABELLED, number, text)


@pytest.mark.parametrize(
    "line",
    [
        "督办事项：加快棚户区改造",
        "主要任务：推进项目建设",
        "关于进一步加强督办事项一体化管理的通知",
    ],
)
def test_a_label_without_a_number_or_colon_opens_no_item(line: str) -> None:
    """A label with no number, or a number not followed by a colon, is plain text."""
    assert match_marker(line) is None


@pytest.mark.parametrize(
    ("line", "kind", "content"),
    [
        ("★1.深化登记便利化改革", MarkerKind.ARABIC_DOT, "深化登记便利化改革"),
        ("▲ 3、开展专项整治", MarkerKind.ARABIC_DOT, "开展专项整治"),
        ("◎（二）推进综合查一次改革", MarkerKind.CN_PAREN, "推进综合查一次改革"),
    ],
)
def test_a_flag_before_the_number_opens_the_numbered_item(
    line: str, kind: MarkerKind, content: str
) -> None:
    """★/▲/◎ put before an item's number leave the number as its marker."""
    marker = match_marker(line)
    assert marker is not None
    assert marker.kind is kind
    assert line[marker.content :] == content


def test_a_flag_before_plain_text_opens_no_item() -> None:
    """A flagged line without a number (a legend, a note) is no item."""
    assert match_marker("★为县委县政府重点督办事项") is None
