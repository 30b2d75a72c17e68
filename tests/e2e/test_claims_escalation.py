"""签收时限 and escalation on red to the 包联领导 (issue 16, items 3 and 4), through the sandbox.

The bot runs over a TinyDB store on a manual clock and is restarted in between; scheduled work
runs through the jobs' entry point. Each flow runs in Chinese and in English.
"""

from __future__ import annotations

from collections.abc import Coroutine
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.domain.clock import ManualClock
from bot.domain.people import Role
from bot.i18n import t
from bot.render.rhythm.ledger import export_ledger
from bot.services import RosterRow
from sandbox import Sandbox, ScriptedUser, UserChat
from tests.e2e.month_world import TZ, World, at, bot_up
from tests.factories.settings import settings_for

PLAN = """XX县2024年重点工作计划
一、产业发展
（一）加快园区建设。建成标准化厂房10万平方米。（责任领导：赵县长；牵头单位：县发改委）
（二）强化招商引资。完成招商引资到位资金20亿元。（责任领导：孙书记；牵头单位：县商务局）
二、民生保障
（一）提升教育质量。新建幼儿园3所。（县教育局牵头）
"""
CODES = {"zh": "zh-hans", "en": "en"}
#: What each flow looks for, per language.
SAYS = {
    "zh": {
        "reminder": "已超过签收时限",
        "overdue": "领办逾期",
        "signed": "由张三签收",
        "leader": "包联领导：赵县长",
        "late": "已超时限 2天23小时",
        "escalated": "提请关注",
        "digest": "已提请包联领导关注",
    },
    "en": {
        "reminder": "passed the claim limit",
        "overdue": "Claim overdue",
        "signed": "by 张三",
        "leader": "Leader in charge: 赵县长",
        "late": "2 d 23 h past",
        "escalated": "For your attention",
        "digest": "Escalated to the leader in charge",
    },
}


async def _set_up(world: World, lang: str) -> list[str]:
    """A team: the lead, 张三 (县发改委), leaders 赵县长 and 钱县长; the plan imported (its
    责任领导 赵县长 matched, 孙书记 not in the roster); returns the task ids in plan order."""
    sb, services = world.sb, world.services
    team = services.teams.create(world.actor("admin"), "县委督查室").team
    world.team_id = team.id
    lead = services.teams.add_lead(world.actor("admin"), team.id, "王督办")
    world.users["lead"] = sb.create_user("Lead", language_code=CODES[lang])
    assert lead.invite is not None
    world.lead = await _join(world.users["lead"], lead.invite.token)
    people = [
        ("张三", "县发改委", Role.OFFICIAL),
        ("赵县长", "县政府", Role.LEADER),
        ("钱县长", "县政府", Role.LEADER),
    ]
    for name, unit, role in people:
        added = services.people.add(
            world.actor("lead"), team.id, RosterRow.typed(name, unit, role)
        )
        world.users[name] = sb.create_user(name, language_code=CODES[lang])
        assert added.invite is not None
        world.chats[name] = await _join(world.users[name], added.invite.token)
    await world.lead.send_document(PLAN.encode(), "plan.txt")
    preview = await world.lead.wait_for_message(t("plan.confirm_question", lang))
    await world.lead.press(t("plan.confirm", lang), message=preview)
    done = await world.lead.wait_for_edit(preview, "孙书记")
    assert "赵县长" not in done.text  # matched, so not listed
    return [m.id for m in services.deps.active_measures(team.id)]


async def _join(user: ScriptedUser, token: str) -> UserChat:
    chat = await user.start(token)
    await chat.wait_for_message()
    return chat


def _count(chat: UserChat, text: str) -> int:
    return sum(text in m.text for m in chat.bot_messages())


def _world(sandbox: Sandbox, tmp_path: Path, lang: str) -> World:
    admin = sandbox.create_user("Admin", language_code=CODES[lang])
    clock = ManualClock(at(3, 7, 9, 30), TZ)  # a Thursday in office hours
    world = World(sandbox, settings_for(sandbox, [admin.id], tmp_path), clock)
    world.users["admin"] = admin
    return world


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_an_unclaimed_assignment_is_reminded_once_then_the_lead_told_once(
    sandbox: Sandbox, tmp_path: Path, lang: str
) -> None:
    """Unsigned 24 h after 交办: one reminder to the holder; after another 24 h (office hours:
    the next Monday) the lead is told once (领办逾期); a restart in between sends nothing again;
    once signed, /task and the ledger show 交办 and 签收 times and who signed."""
    world = _world(sandbox, tmp_path, lang)
    says = SAYS[lang]
    reminder, overdue = says["reminder"], says["overdue"]
    async with bot_up(world):
        tasks = await _set_up(world, lang)
        await world.lead.send(f"/assign {tasks[0]} 张三")
        await world.lead.wait_for_message(tasks[0])
        zhang = world.chats["张三"]
        await zhang.wait_for_message(tasks[0])
        await world.at(at(3, 8, 9, 0))  # 23.5 h: not yet
        assert _count(zhang, reminder) == 0
        await world.at(at(3, 8, 10, 0))
        assert _count(zhang, reminder) == 1
        await world.at(at(3, 8, 11, 0))
    async with bot_up(world):  # the catch-up runs what is due: nothing twice
        await world.at(at(3, 8, 12, 0))
        assert _count(zhang, reminder) == 1
        assert world.lead is not None
        assert _count(world.lead, overdue) == 0
        await world.at(at(3, 9, 10, 0))  # Saturday: the office is closed
        assert _count(world.lead, overdue) == 0
        await world.at(at(3, 11, 9, 0))
        told = await world.lead.wait_for_message(overdue)
        assert tasks[0] in told.text
        assert says["late"] in told.text  # the limit was Friday 09:30
    async with bot_up(world):
        await world.at(at(3, 11, 10, 0))
        assert _count(world.lead, overdue) == 1
        notice = next(m for m in zhang.bot_messages() if reminder in m.text)
        await zhang.press(t("notice.ack_button", lang), message=notice)
        await world.lead.send(f"/task {tasks[0]}")
        view = await world.lead.wait_for_message(says["leader"])
        assert says["signed"] in view.text
        book = load_workbook(
            BytesIO(export_ledger(world.services.store, world.team_id, at(3, 11, 10, 0), lang))
        )
        header = [c.value for c in book.worksheets[0][1]]
        row = [c.value for c in book.worksheets[0][2]]
        cells = dict(zip(header, row, strict=True))
        names = t("watch.ledger_header", lang).split("|")
        assert cells[names[0]] == "赵县长"
        assert cells[names[1]] == at(3, 7, 9, 30).replace(tzinfo=None)
        assert cells[names[2]].startswith("张三 2024-03-11 10:00")
        assert cells[names[3]] in (None, "")


async def _report(world: World, task: str, status: str, lang: str) -> None:
    """张三 reports a status on a task through /report, then the background checks settle."""
    zhang = world.chats["张三"]
    await zhang.send(f"/report {task}")
    asked = await zhang.wait_for_message(t("report.status_question", lang))
    label = next(b for b in asked.button_texts if t(f"status.{status}", lang) in b)
    await zhang.press(label, message=asked)
    assert world.app is not None
    await world.app.bot_data.rhythm.settle()
    await world.sb.wait_idle()


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_a_task_turning_red_tells_its_leader_once_per_turn(
    sandbox: Sandbox, tmp_path: Path, lang: str
) -> None:
    """受阻 turns the task red: its 包联领导 (from the plan) gets one private notice with the
    reason and the answers; red again, a restart and the daily checks send nothing more;
    red→yellow→red tells again; a red task with no leader tells nobody until the lead links
    one; the leads' digest lists what was escalated."""
    world = _world(sandbox, tmp_path, lang)
    says = SAYS[lang]
    async with bot_up(world):
        tasks = await _set_up(world, lang)
        lead = world.lead
        assert lead is not None
        for task in (tasks[0], tasks[2]):
            await lead.send(f"/assign {task} 张三")
            await lead.wait_for_message(task)
        zhao, qian = world.chats["赵县长"], world.chats["钱县长"]
        await _report(world, tasks[0], "blocked", lang)
        notice = await zhao.wait_for_message(says["escalated"])
        assert tasks[0] in notice.text
        assert t("rhythm.reason.blocked", lang) in notice.text
        assert "张三" in notice.text  # the party's latest answer
        await _report(world, tasks[0], "blocked", lang)
        await world.at(at(3, 7, 11, 0))
    async with bot_up(world):
        await world.at(at(3, 8, 9, 30))
        assert _count(zhao, says["escalated"]) == 1
        await _report(world, tasks[0], "behind", lang)
        assert _count(zhao, says["escalated"]) == 1
        await _report(world, tasks[0], "blocked", lang)
        assert _count(zhao, says["escalated"]) == 2
        await _report(world, tasks[2], "blocked", lang)  # no 包联领导: nobody is told
        assert _count(zhao, says["escalated"]) == 2
        assert _count(qian, says["escalated"]) == 0
        await lead.send(f"/leader {tasks[2]} 钱县长")
        await lead.wait_for_message("钱县长")
        await world.at(at(3, 8, 10, 0))  # the hourly check finds it red and never told
        told = await qian.wait_for_message(says["escalated"])
        assert tasks[2] in told.text
        await world.runner().digest(world.team_id, record=False)
        digest = await lead.wait_for_message(says["digest"])
        assert "赵县长" in digest.text
        assert "钱县长" in digest.text
    assert _count(zhao, says["escalated"]) == 2
    assert _count(qian, says["escalated"]) == 1


async def test_the_escalation_check_of_a_report_starts_once_its_update_is_handled(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The escalation check a 受阻 press queues starts only after the press's update is handled
    (its replies sent and the update marked in the journal), so it never delays them; it still
    tells the 包联领导."""
    world = _world(sandbox, tmp_path, "zh")
    async with bot_up(world):
        tasks = await _set_up(world, "zh")
        lead = world.lead
        assert lead is not None
        assert world.app is not None
        await lead.send(f"/assign {tasks[0]} 张三")
        await lead.wait_for_message(tasks[0])
        rhythm, store = world.app.bot_data.rhythm, world.services.store
        pending_then: list[list[int]] = []
        original = rhythm.background

        def spy(work: Coroutine[Any, Any, None], name: str) -> None:
            if name.startswith("escalate:"):
                pending_then.append([entry.update_id for entry in store.inbound.pending()])
            original(work, name)

        rhythm.background = spy  # type: ignore[method-assign]
        await _report(world, tasks[0], "blocked", "zh")
        await world.chats["赵县长"].wait_for_message(SAYS["zh"]["escalated"])
    assert pending_then == [[]]


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_leaders_come_from_the_plan_and_from_the_lead(
    sandbox: Sandbox, tmp_path: Path, lang: str
) -> None:
    """The plan's 责任领导 links its task (an unknown name is kept and flagged until such a
    leader joins); /leader links a section, a task's own link overrides it and ``-`` clears it;
    an official may not set one."""
    world = _world(sandbox, tmp_path, lang)
    flag = t("leader.unmatched", lang)
    async with bot_up(world):
        tasks = await _set_up(world, lang)
        lead = world.lead
        assert lead is not None
        await lead.send("/leader")
        listing = await lead.wait_for_message("孙书记")
        assert f"孙书记{flag}" in listing.text
        assert f"赵县长{flag}" not in listing.text
        added = world.services.people.add(
            world.actor("lead"), world.team_id, RosterRow.typed("孙书记", "县委", Role.LEADER)
        )
        assert added.invite is not None
        await _join(sandbox.create_user("孙书记", language_code=CODES[lang]), added.invite.token)
        await lead.send(f"/task {tasks[1]}")
        view = await lead.wait_for_message(t("leader.line", lang, name="孙书记"))
        assert flag not in view.text
        section = "民生保障"
        await lead.send(f"/leader {section} 钱县长")
        await lead.wait_for_message(section)
        await lead.send(f"/task {tasks[2]}")
        await lead.wait_for_message(t("leader.line_section", lang, name="钱县长"))
        await lead.send(f"/leader {tasks[2]} 赵县长")
        await lead.wait_for_message("赵县长")
        await lead.send(f"/task {tasks[2]}")
        await lead.wait_for_message(t("leader.line", lang, name="赵县长"))
        await lead.send(f"/leader {tasks[2]} -")
        await lead.wait_for_message(tasks[2])
        await lead.send(f"/task {tasks[2]}")
        await lead.wait_for_message(t("leader.line_section", lang, name="钱县长"))
        zhang = world.chats["张三"]
        await zhang.send(f"/leader {tasks[0]} 钱县长")
        await zhang.wait_for_message(t("err.not_allowed", lang)[:8])
        stranger = await sandbox.create_user("路人", language_code=CODES[lang]).start()
        await stranger.send("/leader")
        await stranger.wait_for_message(t("err.not_registered", lang)[:8])


async def test_a_leader_who_blocked_the_bot_is_recorded_unreachable(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The 403 of a 包联领导 who blocked the bot marks them unreachable; the escalation is kept
    as attempted and not tried again."""
    world = _world(sandbox, tmp_path, "zh")
    async with bot_up(world):
        tasks = await _set_up(world, "zh")
        lead = world.lead
        assert lead is not None
        await lead.send(f"/assign {tasks[2]} 张三")
        await lead.wait_for_message(tasks[2])
        await lead.send(f"/leader {tasks[2]} 钱县长")
        await lead.wait_for_message("钱县长")
        await world.users["钱县长"].block()
        await _report(world, tasks[2], "blocked", "zh")
        store = world.services.store
        qian = next(p for p in store.people.for_team(world.team_id) if p.name == "钱县长")
        assert qian.unreachable_since is not None
        state = store.escalations.get(tasks[2])
        assert state is not None
        assert (state.light, state.spell, state.delivered) == ("red", 1, False)
        await world.at(at(3, 7, 11, 0))
        assert store.escalations.get(tasks[2]) == state
