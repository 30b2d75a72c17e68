"""Reusing ids when an edited plan is parsed again."""

from __future__ import annotations

from dataclasses import replace

from bot.importer import load_sample_plan, parse_plan, reconcile


def _edited(text: str) -> bytes:
    return text.encode("utf-8")


def test_unchanged_plan_keeps_every_id() -> None:
    """Re-parsing the same plan matches every measure and reports nothing changed."""
    plan = parse_plan(load_sample_plan(), "plan.txt")
    again, diff = reconcile(plan.measures, parse_plan(load_sample_plan(), "plan.txt"))
    assert [m.id for m in again.measures] == [m.id for m in plan.measures]
    assert len(diff.unchanged) == 16
    assert not (diff.added)
    assert not (diff.changed)
    assert not (diff.removed)


def test_light_edits_keep_ids_and_report_changes() -> None:
    """A retitled, a rewritten, a removed and an added measure are told apart."""
    text = load_sample_plan().decode("utf-8")
    edited = (
        text.replace("一是一产转型升级。", "一是一产加快转型升级。")
        .replace("二是二产创新驱动。主动融入高新区建设", "二是二产创新驱动。积极融入高新区建设")
        .replace("三是三产特色发展。", "三是三产融合发展。")
        .replace(
            "三是精细管理扮靓颜值。以绣花功夫抓常态管理，狠抓集镇容貌、环境卫生、户外广告、"
            "违法建设等治理，加强背街小巷改造建设管理，提升“智慧城管”水平。",
            "",
        )
        .replace(
            "巩固风清气正的政治生态。",
            "巩固风清气正的政治生态。四是加强意识形态工作。落实意识形态工作责任制。",
        )
    )
    old = parse_plan(load_sample_plan(), "plan.txt")
    new, diff = reconcile(old.measures, parse_plan(_edited(edited), "plan.txt"))
    ids = {m.title: m.id for m in old.measures}
    by_title = {m.title: m for m in new.measures}
    assert by_title["一产加快转型升级"].id == ids["一产转型升级"]
    assert by_title["三产融合发展"].id == ids["三产特色发展"]
    assert by_title["二产创新驱动"].id == ids["二产创新驱动"]
    assert [m.title for m in diff.removed] == ["精细管理扮靓颜值"]
    assert {m.title for m in diff.changed} == {"一产加快转型升级", "二产创新驱动", "三产融合发展"}
    assert [m.title for m in diff.added] == ["加强意识形态工作"]
    assert diff.added[0].id not in ids.values()
    assert len({m.id for m in new.measures}) == len(new.measures)


def test_rewritten_title_with_same_body_keeps_its_id() -> None:
    """A measure whose title changed completely but whose body is the same keeps its id."""
    old = parse_plan(load_sample_plan(), "plan.txt")
    target = old.measures[5]
    renamed = replace(target, title="全新的名称", id="")
    new_plan = replace(old, measures=(*old.measures[:5], renamed, *old.measures[6:]))
    result, diff = reconcile(old.measures, new_plan)
    assert result.measures[5].id == target.id
    assert diff.changed == (result.measures[5],)


def test_moved_measure_prefers_its_section() -> None:
    """With the same title in two sections, each previous measure matches its own section."""
    text = "（一）甲\n1.加强组织领导。\n（二）乙\n1.加强组织领导。\n"
    plan = parse_plan(text.encode(), "p.txt")
    assert len({m.id for m in plan.measures}) == 2
    again, _ = reconcile(plan.measures, parse_plan(text.encode(), "p.txt"))
    assert [m.id for m in again.measures] == [m.id for m in plan.measures]
