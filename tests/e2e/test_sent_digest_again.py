"""A sent digest shown again is the digest that went out: a leader's /digest days later carries
the date it was sent and its figures then, whatever was recorded since (a 批示 made a task, a
late answer came); the real Application over HTTP against the sandbox, a TinyDB store, a
manual clock."""

from __future__ import annotations

from pathlib import Path

from bot.domain.people import Role
from bot.domain.plan import SourceKind
from bot.services import RosterRow
from sandbox import Sandbox
from tests.e2e.month_world import admin_world, at, bot_up, set_up


async def test_a_leaders_digest_is_the_one_sent_with_its_date(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The week's digest goes to the leaders' group on Monday 11-11; on Wednesday a 批示 makes
    a new task and 李四 answers late; a leader's /digest that day shows the group's digest as
    it went out: dated 2024年11月11日, the same text, not the new task nor the late answer."""
    world = admin_world(sandbox, tmp_path, at(11, 4, 10))
    async with bot_up(world):
        await set_up(world)
        await world.at(at(11, 7, 9, 1))  # the week's prompts
        await world.chats["张三"].press("1 🟢正常", message=world.prompts("张三")[-1])
        await sandbox.wait_idle()
        await world.at(at(11, 11, 8, 31))  # the digest goes out
        (sent,) = [m.text for m in world.group_messages() if "周调度通报" in m.text]
        assert "2024年11月11日" in sent

        world.clock.set(at(11, 13, 10))
        lead = world.actor("lead")
        instructions = world.services.instructions
        draft = instructions.start(lead, world.team_id, SourceKind.INSTRUCTION, "抓紧推进项目")
        instructions.create(lead, draft)
        await world.chats["李四"].press("1 🟢正常", message=world.prompts("李四")[-1])
        await sandbox.wait_idle()

        leader = sandbox.create_user("Leader", language_code="zh-hans")
        added = world.services.people.add(
            lead, world.team_id, RosterRow.typed("领导甲", None, Role.LEADER)
        )
        assert added.invite is not None
        chat = await leader.start(added.invite.token)
        await chat.wait_for_message("欢迎")
        await chat.send("/digest")
        shown = await chat.wait_for_message("周调度通报")
        assert "2024年11月13日" not in shown.text
        assert shown.text == sent
