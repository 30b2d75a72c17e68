"""Import previews kept in the store (a restart loses none), and measure ids across teams."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.callbacks import AskIndicator, encode
from bot.domain.work import ReportStatus
from bot.render.plans import render_preview
from bot.render.reports import render_status_prompt
from bot.services import NotFound, ReportFields, Services, Target
from bot.services.plans.imports import PREVIEW_TTL
from bot.services.plans.pending import decode_plan, encode_plan
from tests.factories.service_world import World
from tests.services.test_plans import EDITED, PLAN, _team_with_lead


def _restarted(world: World) -> Services:
    """Fresh services over the same store, as after a restart (nothing kept in memory)."""
    return Services.build(world.store, world.clock, frozenset({1}))


def test_a_preview_is_confirmed_after_a_restart(world: World) -> None:
    """The preview is in the store: new services confirm it, and it is then gone."""
    team_id, lead = _team_with_lead(world)
    preview = world.services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    assert world.store.pending_imports.get(preview.token) is not None
    result = _restarted(world).plans.confirm(lead, preview.token)
    assert result.created
    assert [c.id for c in result.diff.added] == [m.id for m in preview.measures]
    assert world.store.pending_imports.all() == ()
    with pytest.raises(NotFound) as again:
        world.services.plans.confirm(lead, preview.token)
    assert again.value.code == "err.preview_expired"


def test_a_reimport_preview_keeps_its_diff_across_a_restart(world: World) -> None:
    """A re-import confirmed after a restart reports the diff its preview showed."""
    team_id, lead = _team_with_lead(world)
    first = world.services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    world.services.plans.confirm(lead, first.token)
    shown = world.services.plans.preview(lead, team_id, EDITED.encode(), "plan-v2.txt")
    assert shown.diff is not None
    result = _restarted(world).plans.confirm(lead, shown.token)
    assert not result.created
    assert result.diff == shown.diff
    assert result.plan.version == 2


def test_expired_previews_leave_the_store(world: World) -> None:
    """A preview past its hour is refused and removed when the next one is made."""
    team_id, lead = _team_with_lead(world)
    old = world.services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    world.clock.advance(PREVIEW_TTL + timedelta(minutes=1))
    new = world.services.plans.preview(lead, team_id, PLAN.encode(), "plan.txt")
    assert [p.id for p in world.store.pending_imports.all()] == [new.token]
    with pytest.raises(NotFound):
        world.services.plans.confirm(lead, old.token)


def test_the_stored_plan_round_trips() -> None:
    """The JSON kept for a preview gives back the same parsed plan, sections and all."""
    from bot.importer import load_sample_plan, parse_plan

    parsed = parse_plan(load_sample_plan(), "sample-plan.txt")
    assert decode_plan(encode_plan(parsed)) == parsed


def test_two_teams_import_the_same_plan_and_both_work(world: World) -> None:
    """Ids clash across teams only: team B's preview already shows the ids it stores, both
    teams' tasks work, re-imports keep each team's ids, and button data stays short."""
    services = world.services
    team_a, lead_a = _team_with_lead(world, "A县")
    team_b, lead_b = _team_with_lead(world, "B县")
    preview_a = services.plans.preview(lead_a, team_a, PLAN.encode(), "plan.txt")
    services.plans.confirm(lead_a, preview_a.token)
    preview_b = services.plans.preview(lead_b, team_b, PLAN.encode(), "plan.txt")
    services.plans.confirm(lead_b, preview_b.token)
    ids_a = [m.id for m in services.plans.measures(lead_a, team_a).items]
    ids_b = [m.id for m in services.plans.measures(lead_b, team_b).items]
    assert ids_a == [m.id for m in preview_a.measures]
    assert ids_b == [m.id for m in preview_b.measures]
    assert not set(ids_a) & set(ids_b)
    again_b = services.plans.preview(lead_b, team_b, PLAN.encode(), "plan.txt")
    assert again_b.diff is not None
    assert again_b.diff.empty
    services.plans.confirm(lead_b, again_b.token)
    assert [m.id for m in services.plans.measures(lead_b, team_b).items] == ids_b
    edited_a = services.plans.preview(lead_a, team_a, EDITED.encode(), "plan.txt")
    services.plans.confirm(lead_a, edited_a.token)
    kept_a = [m.id for m in services.plans.measures(lead_a, team_a).items]
    assert kept_a[:3] == ids_a[:3]
    assert kept_a[3] not in {*ids_a, *ids_b}
    measure_b = ids_b[0]
    assert services.tasks.view(lead_b, measure_b.lower()).measure.id == measure_b
    assert services.tasks.view(lead_b, "1", team_b).measure.id == measure_b
    services.assignments.assign(lead_b, measure_b, [Target.person(lead_b.persons[0].id)])
    saved = services.reports.submit(lead_b, measure_b, ReportFields(status=ReportStatus.ON_TRACK))
    assert saved.report.team_id == team_b
    prompt = render_status_prompt(services.tasks.view(lead_b, measure_b).measure, "zh")
    assert prompt.keyboard is not None
    for row in prompt.keyboard.inline_keyboard:
        for button in row:
            assert len(str(button.callback_data).encode()) <= 64
    longest = AskIndicator(measure_b, saved.report.id, 99)  # the longest data naming a task
    assert len(encode(longest).encode()) <= 64


def test_the_preview_counts_what_to_check(world: World) -> None:
    """Owners and deadlines not stated for a measure are counted for the lead to check."""
    team_id, lead = _team_with_lead(world)
    text = (
        "XX县2024年重点工作\n一、产业发展（县发改委牵头）\n1.建设园区。6月底前完成。\n"
        "2.招商引资。（县商务局负责）\n二、民生保障\n3.改造饮水工程。\n"
    )
    preview = world.services.plans.preview(lead, team_id, text.encode(), "plan.txt")
    assert (preview.unowned, preview.owners_inferred) == (1, 1)
    assert (preview.undated, preview.deadlines_inferred) == (2, 0)
    shown = render_preview(preview, "zh").text
    assert "1 项未识别责任单位" in shown
    assert "2 项未写明完成时限" in shown
    assert "1 measure without a responsible unit" in render_preview(preview, "en").text
