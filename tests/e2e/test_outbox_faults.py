"""The outbox against a flaky Telegram (the sandbox's seeded faults): 5xx and dropped
connections on answers and on the weekly dispatch lose nothing, and a message is repeated only
when its response was lost in transit.

Before the outbox, a reply met a 5xx as an unhandled error: people were told "抱歉，出了点问题"
and got no confirmation, though their answer was recorded.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from bot.domain.clock import ManualClock
from bot.domain.people import Role
from bot.outbox import RetryPolicy
from bot.services import RosterRow
from sandbox import FaultConfig, Sandbox
from tests.e2e.month_world import TZ, World, at, bot_up
from tests.factories.files import SAMPLE_PLAN
from tests.factories.settings import settings_for

QUICK = RetryPolicy(base=0.02, cap=0.1)
OFFICIALS = 16
ANSWERS = frozenset({"sendMessage", "editMessageText", "answerCallbackQuery"})


async def many_officials(world: World) -> list[str]:
    """A team whose lead and officials have joined, one task each; returns the names."""
    services, sb = world.services, world.sb
    admin_actor = services.auth.resolve(world.users["admin"].id)
    team = services.teams.create(admin_actor, "县委督查室").team
    world.team_id = team.id
    lead = services.teams.add_lead(admin_actor, team.id, "王督办")
    assert lead.invite is not None
    world.users["lead"] = sb.create_user("Lead", language_code="zh-hans")
    world.lead = await world.users["lead"].start(lead.invite.token)
    await world.lead.wait_for_message("欢迎")
    lead_actor = world.actor("lead")
    preview = services.plans.preview(lead_actor, team.id, SAMPLE_PLAN.read_bytes(), "plan.txt")
    services.plans.confirm(lead_actor, preview.token)
    measures = [m.id for m in services.deps.active_measures(team.id)]
    names = [f"官员{n:02d}" for n in range(OFFICIALS)]
    for number, name in enumerate(names):
        added = services.people.add(
            lead_actor, team.id, RosterRow.typed(name, "县发改委", Role.OFFICIAL)
        )
        assert added.invite is not None
        world.users[name] = sb.create_user(name, language_code="zh-hans")
        world.chats[name] = await world.users[name].start(added.invite.token)
        await world.chats[name].wait_for_message("欢迎")
        measure = measures[number % len(measures)]
        services.assignments.assign_from_args(lead_actor, team.id, measure, [name])
    await sb.wait_idle()
    return names


def world_at_prompt_time(sandbox: Sandbox, tmp_path: Path) -> World:
    """A world whose clock stands at a Thursday's prompt time."""
    admin = sandbox.create_user("Admin", language_code="zh-hans")
    world = World(
        sandbox, settings_for(sandbox, [admin.id], tmp_path), ManualClock(at(10, 17), TZ)
    )
    world.users["admin"] = admin
    return world


async def test_answers_under_5xx_are_recorded_and_confirmed_once(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """10 % 5xx on every answer: each press is recorded and each person gets one confirmation."""
    world = world_at_prompt_time(sandbox, tmp_path)
    async with bot_up(world, retry=QUICK):
        names = await many_officials(world)
        await world.at(at(10, 17))  # the prompts go out
        sandbox.set_faults(
            FaultConfig(seed=5, internal_error=0.05, bad_gateway=0.05, methods=ANSWERS)
        )
        for name in names:
            (prompt,) = world.prompts(name)
            await world.chats[name].press("1 🟢正常", message=prompt)
        await sandbox.wait_idle(timeout=30)
        confirmations = Counter(
            name
            for name in names
            for m in world.chats[name].bot_messages()
            if "已记录反馈" in m.text
        )
        apologies = [n for n in names for m in world.chats[n].bot_messages() if "抱歉" in m.text]
        faults = sum(sandbox.counters.faults.values())
        reports = world.services.store.reports.all()
    assert faults > 0  # the faults did hit the answers
    assert len(reports) == OFFICIALS
    assert confirmations == Counter(names)  # exactly one each
    assert apologies == []


async def test_lost_responses_during_dispatch_repeat_only_those_prompts(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Dropped connections while the prompts go out: everyone gets theirs, and the repeats are
    no more than the responses lost (a drop after Telegram sent the message)."""
    world = world_at_prompt_time(sandbox, tmp_path)
    async with bot_up(world, retry=QUICK):
        names = await many_officials(world)
        sandbox.set_faults(
            FaultConfig(
                seed=8,
                internal_error=0.05,
                drop_before=0.1,
                drop_after=0.15,
                methods=frozenset({"sendMessage"}),
            )
        )
        await world.at(at(10, 17))
        sandbox.set_faults(None)
        prompts = {name: len(world.prompts(name)) for name in names}
        lost_in_transit = sandbox.counters.faults["sendMessage drop_after"]
    assert lost_in_transit > 0
    assert min(prompts.values()) == 1  # nobody missed
    assert sum(prompts.values()) - OFFICIALS <= lost_in_transit
