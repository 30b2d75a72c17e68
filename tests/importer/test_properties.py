"""Property tests: the importer fails only with PlanImportError, and bodies stay verbatim."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.importer import PlanImportError, parse_plan
from bot.importer.normalise import normalise_text
from tests.factories.files import workbook

_PIECES = [
    "一、",
    "二、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "3．",
    "（1）",
    "(2)",
    "①",
    "②",
    "第一条",
    "一是",
    "二是",
    "三是",
    "一要",
    "\n",
    "\n",
    "\n",
    "。",
    "，",
    "：",
    "；",
    "“",
    "”",
    "（",
    "）",
    "牵头单位：",
    "责任单位：",
    "配合单位：",
    "责任领导：",
    "负责",
    "牵头",
    "按职责分工负责",
    "、",
    "2024年6月底前",
    "年底前",
    "长期坚持",
    "每季度",
    "第三季度",
    "XXX",
    "亿元",
    "％",
    "个",
    "万株",
    "主要预期目标是：",
    "2023年工作总结",
    "2024年工作计划",
    "##paidbegin##",
    "- 3 -",
    "来源：",
    "县发改局",
    "加快项目建设",
    "推进",
    "　",
    " ",
    "\r\n",
    "\ufeff",
    "#",
    "- ",
    "| 序号 | 任务 |",
    "\t",
    " | ",
    "| --- |",
    "\n序号\n民生实事\n责任单位\n完成时限\n",
    "\n1\n",
    "12月底前",
    "十大重点工作",
    "抓好",
    "要压实责任。",
    "会议要求，",
    "\n2024年1月15日\n",
    "有效期为",
    "至",
    "自2024年1月1日起",
    "（县发改局指导）",
    "，排在第一位的部门为牵头部门，下同）",
    "牽頭",
    "保障措施",
    "组织实施",
    "指导思想",
    "10000.",
    "设为首页",
]
plan_text = st.lists(
    st.one_of(st.sampled_from(_PIECES), st.text(min_size=1, max_size=6)),
    max_size=60,
).map("".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(plan_text, st.booleans())
def test_bodies_are_substrings_of_the_normalised_text(text: str, all_parts: bool) -> None:
    """Any measure's body is an exact substring of the normalised input text."""
    try:
        plan = parse_plan(text.encode("utf-8"), "plan.txt", all_parts=all_parts)
    except PlanImportError:
        return
    normalised = normalise_text(text)
    for measure in plan.measures:
        assert measure.body in normalised
        assert measure.id.isascii()
        assert len(measure.id) <= 7
    assert len({m.id for m in plan.measures}) == len(plan.measures)


@_SETTINGS
@given(
    st.binary(max_size=400),
    st.sampled_from(["a.txt", "a.md", "a.csv", "a.docx", "a.xlsx", "a", "a.pdf"]),
)
def test_arbitrary_bytes_raise_only_plan_import_error(data: bytes, filename: str) -> None:
    """Random bytes under any name either parse or raise PlanImportError."""
    with contextlib.suppress(PlanImportError):
        parse_plan(data, filename)


@_SETTINGS
@given(
    plan_text,
    st.sampled_from(["a.md", "a.csv", "a", "a.txt"]),
    st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_arbitrary_text_raises_only_plan_import_error(
    text: str, filename: str, encoding: str
) -> None:
    """Plan-like text in any format and encoding either parses or raises PlanImportError."""
    with contextlib.suppress(PlanImportError):
        parse_plan(text.encode(encoding, errors="replace"), filename)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(
            st.one_of(st.none(), st.sampled_from(_PIECES), st.integers(0, 9)),
            min_size=1,
            max_size=5,
        ),
        max_size=8,
    )
)
def test_arbitrary_workbooks_raise_only_plan_import_error(rows: list[list[object]]) -> None:
    """Any small workbook either parses or raises PlanImportError."""
    clean = [[c.replace("\r", "") if isinstance(c, str) else c for c in row] for row in rows]
    with contextlib.suppress(PlanImportError):
        parse_plan(workbook(clean), "t.xlsx")
