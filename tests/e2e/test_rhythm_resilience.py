"""No setting and no team can stop the bot: settings are checked where they are entered, a team
whose stored settings cannot run is reported and skipped while the others run, and a team
created while the bot runs gets its jobs at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.domain.clock import ManualClock
from bot.domain.settings import Weekday
from bot.jobs.scheduler import KINDS
from sandbox import Sandbox
from storage import open_store
from tests.e2e.harness import (
    PLAN,
    import_plan,
    join,
    link_token,
    plan_assigned,
    team,
)
from tests.e2e.month_world import TZ, World, at, bot_up, set_up
from tests.factories.settings import settings_for


def _jobs(world: World, team_id: str) -> set[str]:
    assert world.app is not None
    assert world.app.job_queue is not None
    return {
        job.name
        for job in world.app.job_queue.jobs()
        if job.name and job.name.endswith(f":{team_id}") and not job.removed
    }


async def test_a_stored_unusable_setting_is_reported_and_skipped(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """`/settings prompt sat 09:00` is refused in chat; one saved before that check existed no
    longer crashes the start: the team's lead and the admin are told, the other team runs, and
    a lead's fix reschedules the team at once."""
    admin = sandbox.create_user("Admin", language_code="zh-hans")
    admin_chat = await admin.start()
    world = World(
        sandbox, settings_for(sandbox, [admin.id], tmp_path), ManualClock(at(10, 14, 10), TZ)
    )
    async with bot_up(world):
        world.users["admin"] = admin
        await set_up(world)
        other = world.services.teams.create(world.actor("admin"), "县政府督查室").team
        lead = world.lead
        assert lead is not None
        await lead.send("/settings prompt sat 09:00")
        await lead.wait_for_message("周调度只能安排在工作日")
        assert world.services.deps.settings(world.team_id).prompt_day is Weekday.THU

    store = open_store(tmp_path)  # as an older version would have saved it
    saved = store.settings.get(world.team_id)
    assert saved is not None
    store.settings.save(dataclasses.replace(saved, prompt_day=Weekday.SAT))
    store.close()

    async with bot_up(world):
        await lead.wait_for_message("调度设置无法执行（周调度日不是工作日）")
        await admin_chat.wait_for_message("县委督查室")
        assert _jobs(world, world.team_id) == set()
        assert _jobs(world, other.id) == {f"{kind}:{other.id}" for kind in KINDS}
        await lead.send("/settings prompt thu 09:00")
        await lead.wait_for_message("已更新")
        assert _jobs(world, world.team_id) == {f"{kind}:{world.team_id}" for kind in KINDS}


async def test_a_team_created_while_running_gets_its_first_prompt(sandbox: Sandbox) -> None:
    """/newteam while the bot runs: the team's jobs exist at once, and its prompt job sends the
    first weekly prompt when it fires, with no restart, /settings or /dispatch."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        await sandbox.wait_idle()
        services = t.app.bot_data.services
        (team_row,) = services.store.teams.all()
        assert t.app.job_queue is not None
        (job,) = t.app.job_queue.get_jobs_by_name(f"prompt:{team_row.id}")
        clock = t.app.bot_data.clock
        assert isinstance(clock, ManualClock)
        clock.set(job.data.at)
        await job.run(t.app)
        await t.app.bot_data.rhythm.settle()
        await sandbox.wait_idle()
        prompt = await t.officials["张三"].wait_for_message("本周调度")
        assert "加快园区建设" in prompt.text


async def test_another_teams_task_id_is_answered_like_an_unknown_id(sandbox: Sandbox) -> None:
    """`/task <another team's id>` gets word for word the answer of an id that exists nowhere
    (regression: it confirmed that the task existed)."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        services = t.app.bot_data.services
        measure_id = services.deps.active_measures(services.store.teams.all()[0].id)[0].id
        await t.admin.send("/newteam 县政府督查室")
        await t.admin.wait_for_message("县政府督查室")
        await t.admin.send("/addlead 李督办")
        link = (await t.admin.wait_for_message("李督办")).text
        other = await join(
            sandbox.create_user("Other", language_code="zh-hans"), link_token(link, "李督办")
        )
        await other.send(f"/task {measure_id}")
        foreign = await other.wait_for_message()
        await other.send("/task Mzzzz9")
        unknown = await other.wait_for_message()
        assert foreign.text.replace(measure_id, "<id>") == unknown.text.replace("Mzzzz9", "<id>")
        assert "没有找到" in foreign.text
