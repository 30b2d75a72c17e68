"""How sure the importer is of each measure's owner and deadline."""

from __future__ import annotations

from bot.importer import Confidence, parse_plan

TEXT = """XX县2024年重点工作安排
一、产业发展（县发改局牵头）
1.壮大主导产业。2024年6月底前完成规划编制。（县工信局负责）
2.培育市场主体。新增市场主体500户。
二、社会事业
3.办好民生实事。长期坚持。
""".encode()


def test_owner_confidence_tells_stated_from_inherited_and_missing() -> None:
    """An item's own note is stated, a heading's note inherited, nothing at all none."""
    first, second, third = parse_plan(TEXT, "plan.txt").measures
    assert (first.units or first.lead_units, first.owner_confidence) == (
        ("县工信局",),
        Confidence.STATED,
    )
    assert (second.lead_units, second.owner_confidence) == (("县发改局",), Confidence.INFERRED)
    assert third.owner_confidence is Confidence.NONE


def test_deadline_confidence_and_no_date_for_standing_work() -> None:
    """A stated date is stated; 长期坚持 is stated with no date; nothing is none."""
    first, second, third = parse_plan(TEXT, "plan.txt").measures
    assert first.deadline_confidence is Confidence.STATED
    assert second.deadline_confidence is Confidence.NONE
    assert (third.deadline.raw, third.deadline.date) == ("长期坚持", None)
    assert third.deadline_confidence is Confidence.STATED


def test_merged_owner_cell_is_inferred() -> None:
    """A row whose owner cell is merged down from the row above has an inferred owner."""
    text = (
        "序号\n民生实事\n责任单位\n完成时限\n1\n开工建设县老年养护楼。\n县民政局\n"
        "5月底前动工\n开工建设老年大学。\n12月底前\n2\n新建2座人行天桥。\n县住建局\n"
        "9月投入使用\n"
    )
    measures = parse_plan(text.encode(), "table.txt").measures
    assert [m.title for m in measures] == [
        "开工建设县老年养护楼",
        "开工建设老年大学",
        "新建2座人行天桥",
    ]
    assert [m.owner_confidence for m in measures] == [
        Confidence.STATED,
        Confidence.INFERRED,
        Confidence.STATED,
    ]
    assert measures[1].lead_units == ("县民政局",)
