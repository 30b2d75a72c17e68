"""Key marks through the plan service: kept on import, changed by a re-import, read as of then."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.plan import KeyMark
from bot.rhythm.plan_then import as_then
from bot.services.plans.pending import decode_plan, encode_plan
from tests.factories.service_world import World
from tests.services.test_plans import PLAN, _team_with_lead

MARKED = (
    PLAN.replace("1. 推进园区建设", "1. ★推进园区建设")
    + "注：标★的为县政府重点督办事项，标▲的为纳入年度绩效考核事项。\n"
)
REMARKED = MARKED.replace("1. ★推进园区建设", "1. 推进园区建设").replace(
    "2. 招商引资攻坚", "2. ▲招商引资攻坚"
)


def _import(world: World, text: str) -> tuple[str, str]:
    team_id, lead = _team_with_lead(world)
    preview = world.services.plans.preview(lead, team_id, text.encode(), "plan.txt")
    world.services.plans.confirm(lead, preview.token)
    plan = world.services.deps.current_plan(team_id)
    assert plan is not None
    return team_id, plan.id


def test_an_import_stores_the_marks_and_the_legend(world: World) -> None:
    """The stored measures carry their marks and the plan its legend; titles stay plain."""
    _, plan_id = _import(world, MARKED)
    measures = world.store.measures.for_plan(plan_id)
    assert [(m.marks, m.title) for m in measures[:2]] == [
        ("★", "推进园区建设"),
        ("", "招商引资攻坚"),
    ]
    assert measures[0].name == "★ 推进园区建设"
    plan = world.store.plans.get(plan_id)
    assert plan is not None
    assert plan.legend == (
        KeyMark("★", "县政府重点督办事项"),
        KeyMark("▲", "纳入年度绩效考核事项"),
    )


def test_a_reimport_that_moves_a_mark_updates_it_and_keeps_the_old_one_for_earlier_views(
    world: World,
) -> None:
    """A re-import taking ★ off one task and putting ▲ on another shows both as changed,
    stores the new marks, and a view of a moment before it still reads the old ones."""
    team_id, plan_id = _import(world, MARKED)
    before = world.clock.now()
    world.clock.advance(timedelta(days=1))
    lead = world.services.auth.resolve(7000 + len(world.store.teams.all()))
    preview = world.services.plans.preview(lead, team_id, REMARKED.encode(), "plan-v2.txt")
    assert preview.diff is not None
    assert [c.title for c in preview.diff.changed] == ["推进园区建设", "▲ 招商引资攻坚"]
    world.services.plans.confirm(lead, preview.token)
    first, second = world.store.measures.for_plan(plan_id)[:2]
    assert (first.marks, second.marks) == ("", "▲")
    assert (as_then(first, before).name, as_then(second, before).name) == (
        "★ 推进园区建设",
        "招商引资攻坚",
    )


def test_a_preview_keeps_the_marks_and_legend_across_a_restart() -> None:
    """The JSON kept for a preview gives back each measure's marks and the plan's legend."""
    from bot.importer import parse_plan

    parsed = parse_plan(MARKED.encode(), "plan.txt")
    assert parsed.legend
    assert parsed.measures[0].marks == "★"
    assert decode_plan(encode_plan(parsed)) == parsed
