"""The public API against the bundled sample plan (the issue's acceptance case)."""

from __future__ import annotations

import json

import pytest

import bot.importer as importer
from bot.importer import (
    FailureReason,
    Indicator,
    PartKind,
    PlanImportError,
    load_sample_plan,
    parse_plan,
    plan_to_dict,
)
from bot.importer.normalise import normalise_text
from bot.render.importer import render_import_error, render_plan_warning_both

SAMPLE_SECTIONS = [
    "产业发展壮大升级",
    "项目建设快马加鞭",
    "城镇融合增量提质",
    "社会治理科学高效",
    "从严治党毫不松懈",
]
SAMPLE_TITLES = [
    "一产转型升级",
    "二产创新驱动",
    "三产特色发展",
    "更大力度招商引资",
    "全力以赴攻坚项目",
    "创新推动转型升级",
    "精致规划科学布局",
    "精心建设提升品质",
    "精细管理扮靓颜值",
    "提升生态治理“战斗力”",
    "打好信访化解“组合拳”",
    "拧紧辖区安全“责任阀”",
    "织密民生事业“保障网”",
    "抓好党的政治建设",
    "抓好党员干部管理",
    "抓好廉政作风建设",
]


@pytest.fixture(scope="module")
def sample() -> importer.ParsedPlan:
    """The sample plan parsed with default options."""
    return parse_plan(load_sample_plan(), "sample-plan.txt")


def test_sample_has_sixteen_measures_in_five_sections(sample: importer.ParsedPlan) -> None:
    """The 2024 part yields 16 measures grouped under its 5 （一）…（五） sections."""
    assert [m.title for m in sample.measures] == SAMPLE_TITLES
    assert [s.title for s in sample.sections] == SAMPLE_SECTIONS
    assert {m.section for m in sample.measures} == set(SAMPLE_SECTIONS)
    assert all(s.kind is PartKind.PLAN for s in sample.sections)


def test_sample_measure_fields(sample: importer.ParsedPlan) -> None:
    """A measure keeps its marker, part, and verbatim body starting with its title."""
    first = sample.measures[0]
    assert first.marker == "一是"
    assert first.part == "2024年重点工作安排"
    assert first.section == "产业发展壮大升级"
    assert first.body.startswith("一产转型升级。紧紧围绕“一共三种三养”")
    assert first.body.endswith("实现常规育苗向工厂化、专业化、规模化转变。")
    assert sample.measures[10].marker == "二是"


def test_sample_bodies_are_substrings_of_the_normalised_input(sample: importer.ParsedPlan) -> None:
    """Every body is an exact slice of the normalised text, free of page artifacts."""
    text = normalise_text(load_sample_plan().decode("utf-8"))
    for measure in sample.measures:
        assert measure.body in text
        assert "##paid" not in measure.body


def test_sample_has_eight_targets_seven_placeholders(sample: importer.ParsedPlan) -> None:
    """The 主要预期目标 paragraph gives 8 targets; the income target has no number."""
    assert len(sample.targets) == 8
    assert sum(t.placeholder for t in sample.targets) == 7
    assert sample.targets[0] == Indicator("地区生产总值同比增长", None, "%", True)
    assert sample.targets[2] == Indicator("招商引资到位资金", None, "亿元", True)
    assert sample.targets[-1] == Indicator("城乡常住居民人均可支配收入稳步增长", None, None, False)


def test_sample_header(sample: importer.ParsedPlan) -> None:
    """Title and plan year come from the first line; the review part is reported as skipped."""
    assert sample.title == "XX县2023年工作总结及2024年工作计划"
    assert sample.year == 2024
    assert sample.doc_number is None
    worded = [render_plan_warning_both(w) for w in sample.warnings]
    assert any("2023年重点工作情况" in w and "15" in w for w in worded)


def test_warnings_read_in_both_languages_from_the_catalog(sample: importer.ParsedPlan) -> None:
    """The skipped review part is named in Chinese, then in English, as the catalog words it."""
    worded = [render_plan_warning_both(w) for w in sample.warnings]
    [skipped] = [w for w in worded if "2023年重点工作情况" in w]
    assert skipped == (
        "已跳过回顾部分“2023年重点工作情况”中的 15 项（可用 --all-parts 包含） / "
        "Skipped 15 items of the review part “2023年重点工作情况” (use --all-parts)"
    )


def test_sample_json_has_no_page_artifacts(sample: importer.ParsedPlan) -> None:
    """The JSON output contains no ##paidbegin/##paidend markers anywhere."""
    assert "##paid" not in json.dumps(plan_to_dict(sample), ensure_ascii=False)


def test_all_parts_adds_the_review_measures() -> None:
    """With all_parts the 2023 review part contributes its 15 measures first."""
    plan = parse_plan(load_sample_plan(), "sample-plan.txt", all_parts=True)
    assert len(plan.measures) == 31
    review = [m for m in plan.measures if m.part == "2023年重点工作情况"]
    assert len(review) == 15
    assert review[0].title == "经济指标齐头并进"
    assert review[0].section == "狠抓经济发展，持续注入新动能"
    assert plan.sections[0].kind is PartKind.REVIEW
    assert not plan.warnings


def test_ids_do_not_depend_on_all_parts() -> None:
    """A measure has the same id whether or not review parts are included."""
    default = parse_plan(load_sample_plan(), "sample-plan.txt")
    everything = parse_plan(load_sample_plan(), "sample-plan.txt", all_parts=True)
    ids = {m.title: m.id for m in everything.measures}
    assert all(ids[m.title] == m.id for m in default.measures)


def test_ids_are_short_unique_ascii(sample: importer.ParsedPlan) -> None:
    """Ids are unique, ASCII and short enough for callback data."""
    ids = [m.id for m in sample.measures]
    assert len(set(ids)) == len(ids)
    assert all(i.isascii() and i.startswith("M") and len(i) <= 7 for i in ids)


def test_explicit_year_overrides_the_title() -> None:
    """The year argument replaces the year read from the title."""
    assert parse_plan(load_sample_plan(), "plan.txt", year=2030).year == 2030


def test_review_only_document_explains_all_parts() -> None:
    """A document with only a review part raises NO_MEASURES mentioning --all-parts."""
    text = (
        "XX镇2023年工作总结\n一、2023年主要工作情况\n（一）经济运行平稳。全年增长6%。\n"
        "（二）项目加快推进。实施项目12个。\n"
    )
    with pytest.raises(PlanImportError) as caught:
        parse_plan(text.encode(), "summary.txt")
    assert caught.value.reason is FailureReason.NO_MEASURES
    assert "--all-parts" in render_import_error(caught.value, "zh")
    assert len(parse_plan(text.encode(), "summary.txt", all_parts=True).measures) == 2
