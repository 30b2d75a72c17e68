"""A county's month for the read-back tests: the month world seeded with what a real county
has in one month, through the bot over HTTP (the sandbox), on a manual clock.

A week of October 2024 (prompt Thu 10-31), then two weekly cycles of November (prompts Thu
11-07 and 11-14, digests Mon 11-11 and 11-18): answers of every status with progress, an
answer "same as last week" twice (no real change: 停滞), photo evidence, a silent official, an
unreachable one, a task led by a unit of two members, a late answer after the first digest, a
deadline extended, a close-out approved and one returned, a task reassigned, leave with a
deputy, the plan imported again with a task reworded and deadlines added (one past, one near),
an extension asked and left pending, the unit's two members answering its task differently in
the second week (同一单位反馈不一致), a task assigned on the weekend before the reading, and most
of the plan's measures never assigned. The answers' statuses and progress are drawn from a seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot.domain.plan import SourceKind
from bot.domain.work import ReportStatus
from sandbox import Sandbox, UserChat
from sandbox.views import MessageView
from tests.e2e.month_world import World, admin_world, at, set_up
from tests.factories.files import SAMPLE_PLAN

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
STATUSES = ("🟢正常", "🟡滞后", "🔴受阻", "✅完成")
#: The moment everything is read back: the second digest has just gone out.
READ_AT = at(11, 18, 8, 31)
#: The plan imported again: a task reworded and given a deadline now past (逾期), another given
#: one within the warning days (临近完成时限).
REWORDED = (
    ("一是一产转型升级。", "一是一产转型提质升级，2024年11月15日前完成。"),
    ("二是二产创新驱动。", "二是二产创新驱动，2024年11月20日前完成。"),
)


def new_world(sb: Sandbox, data_dir: Path) -> World:
    """The world on Monday 10-28, before its team exists."""
    return admin_world(sb, data_dir, at(10, 28, 10))


async def seed_month(world: World, seed: int, language: str, extra: int = 0) -> None:
    """Set up the team in ``language`` and live two weekly cycles, answers drawn from ``seed``
    (``extra`` more tasks from leaders' instructions given to 李四 on 11-11: a digest long
    enough to be sent in several messages)."""
    rng = random.Random(seed)
    await set_up(world)
    lead = world.actor("lead")
    services = world.services
    services.teams.update_settings(lead, world.team_id, language=language)
    unit_task = [m.id for m in services.deps.active_measures(world.team_id)][7]
    services.assignments.assign_from_args(lead, world.team_id, unit_task, ["县发改委"])
    world.tasks["县发改委"] = [unit_task]
    await world.sb.wait_idle()

    await world.at(at(10, 31, 9, 1))  # October's week: every status at least once
    deck = list(STATUSES)
    rng.shuffle(deck)
    for name in ("张三", "李四", "王五", "赵六"):
        await _answer(world, rng, name, progress=True, deck=deck)
    still = world.tasks["赵六"][1]  # answered "same as last week" from now on
    await world.at(at(10, 31, 16, 1))  # October's review
    await world.at(at(11, 4, 8, 31))  # its digest

    await world.at(at(11, 7, 9, 1))  # the first week's prompts
    await _answer(world, rng, "张三", progress=True, photo=True)
    await _answer(world, rng, "王五", progress=True)
    await _answer(world, rng, "赵六", progress=True, same=still)
    await world.at(at(11, 11, 8, 31))  # the first digest
    world.clock.set(at(11, 11, 10))  # 李四 answers after it: late
    await _answer(world, rng, "李四", progress=False)
    await _extension(world)
    await _closeouts(world)
    reassigned = world.tasks["孙七"][0]
    services.assignments.reassign(
        lead, reassigned, services.assignments.parse_targets(lead, world.team_id, ["王五"])
    )
    world.tasks["王五"].append(world.tasks.pop("孙七")[0])
    await _reimport(world)
    await _pending_extension(world)
    _more_tasks(world, extra)
    assert world.lead is not None
    await world.lead.send("/leave 王五 11月13日 11月15日 赵六")
    await world.lead.wait_for_message("王五")

    await world.at(at(11, 14, 9, 1))  # the second week's: 李四 stays silent
    await _answer(world, rng, "张三", progress=True)
    await _disagree(world, "李四", "张三", world.tasks["县发改委"][0])
    await _answer(world, rng, "赵六", progress=rng.random() < 0.5, same=still)
    await _vague(world, "赵六", still, "正在推进")  # words, and nothing new: 空泛
    await world.at(at(11, 15, 17, 1))
    world.clock.set(at(11, 16, 20))  # a task assigned on Saturday: one claim limit past by Monday
    weekend = [m.id for m in services.deps.active_measures(world.team_id)][8]
    services.assignments.assign_from_args(lead, world.team_id, weekend, ["李四"])
    world.tasks["李四"].append(weekend)
    await _from_leaders(world)
    services.people.set_language(lead, language)  # the lead reads in the team's language
    await world.at(READ_AT)  # the second digest


async def _answer(
    world: World,
    rng: random.Random,
    name: str,
    *,
    progress: bool,
    photo: bool = False,
    deck: list[str] | None = None,
    same: str | None = None,
) -> None:
    """``name`` answers every task on their latest prompt, a status each (the next of ``deck``,
    else drawn) and a progress; task ``same`` "same as last week"."""
    chat = world.chats[name]
    prompt = _prompt(world, name)
    numbers = sorted({b.split()[0] for b in prompt.button_texts if b[:1].isdigit()})
    repeated = _number_of(world, prompt, same) if same is not None else None
    for number in numbers:
        if number == repeated:
            await chat.press(f"{number} ↺ 与上周相同", message=_prompt(world, name))
            await world.sb.wait_idle()
            continue
        status = deck.pop() if deck else rng.choice(STATUSES)
        before = len(chat.bot_messages())
        await chat.press(f"{number} {status}", message=_prompt(world, name))
        saved = await _new_message(chat, before, "已记录")
        if progress and status != "✅完成":
            percent = rng.choice(("0%", "25%", "50%", "75%"))
            await chat.press(percent, message=saved)
            await chat.wait_for_edit(saved, f"进度：{percent}")
        if photo:
            await chat.send_photo(PNG, caption="现场照片", reply_to=saved.message_id)
            await chat.wait_for_message("附件")
            photo = False
    await world.sb.wait_idle()


def _prompt(world: World, name: str) -> MessageView:
    """``name``'s latest weekly prompt (a reminder that a deadline is near also says 本周调度:
    "reply to this week's prompt", so the prompt is told by its title)."""
    return [m for m in world.prompts(name) if m.text.startswith("📋 本周调度")][-1]


def _number_of(world: World, prompt: MessageView, measure_id: str) -> str:
    """The number a prompt gives a task (its lines read ``3. 🔴 title …``)."""
    measure = world.services.store.measures.get(measure_id)
    assert measure is not None
    for line in prompt.text.splitlines():
        head, _, rest = line.partition(". ")
        if head.isdigit() and measure.title[:8] in rest:
            return head
    raise AssertionError(f"{measure.title} not in the prompt")


async def _new_message(chat: UserChat, before: int, text: str) -> MessageView:
    await chat.wait_for_message(text)
    found = [m for m in chat.bot_messages()[before:] if text in m.text]
    assert found, text
    return found[-1]


async def _extension(world: World) -> None:
    """赵六 asks to extend his second task's deadline; the lead approves."""
    task = world.tasks["赵六"][1]
    zhao, lead = world.chats["赵六"], world.lead
    assert lead is not None
    await zhao.send(f"/extend {task} 12月31日 设备到货推迟")
    written = await zhao.wait_for_message("申请延至")
    await zhao.press("📤 提交延期申请", message=written)
    review = await lead.wait_for_message("申请延期")
    await lead.press("✅ 批准延期", message=review)
    await lead.wait_for_edit(review, "延期申请已批准")


#: Tasks the lead makes on Saturday from a leader's instruction (批示) and two meetings'
#: decisions (会议决定), one of a meeting held this month and one of last month's.
FROM_LEADERS = (
    (
        "/instruction",
        "批示人：王县长\n时限：12月31日\n加快推进老旧小区改造。",
        "领导批示事项已立项",
    ),
    (
        "/decision",
        "会议：县政府第5次常务会议\n日期：11月8日\n时限：12月31日\n完成国库集中支付改革。",
        "会议决定事项已立项",
    ),
    (
        "/decision",
        "会议：县政府第4次常务会议\n日期：10月25日\n时限：12月20日\n完成校舍安全排查。",
        "会议决定事项已立项",
    ),
)


async def _from_leaders(world: World) -> None:
    """The lead makes :data:`FROM_LEADERS` tasks and assigns each to 县财政局."""
    lead = world.lead
    assert lead is not None
    before = {m.id for m in world.services.deps.active_measures(world.team_id)}
    for command, text, created in FROM_LEADERS:
        await lead.send(f"{command} {text}")
        draft = await lead.wait_for_message("待立项")
        await lead.press("✅ 立项", message=draft)
        await lead.wait_for_edit(draft, created)
    await world.sb.wait_idle()
    made = [m for m in world.services.deps.active_measures(world.team_id) if m.id not in before]
    assert len(made) == len(FROM_LEADERS), [m.title for m in made]
    for measure in made:
        world.services.assignments.assign_from_args(
            world.actor("lead"), world.team_id, measure.id, ["县财政局"]
        )
    await world.sb.wait_idle()


def _more_tasks(world: World, count: int) -> None:
    """``count`` tasks from a leader's instruction, each given to 李四 (who stays silent)."""
    services, lead = world.services, world.actor("lead")
    for number in range(1, count + 1):
        text = f"批示人：王县长\n第{number}片区老旧供水管网排查整改，确保汛期前全部完成。"
        draft = services.instructions.start(lead, world.team_id, SourceKind.INSTRUCTION, text)
        measure = services.instructions.create(lead, draft)
        services.assignments.assign_from_args(lead, world.team_id, measure.id, ["李四"])


async def _vague(world: World, name: str, measure_id: str, words: str) -> None:
    """``name`` replies ``words`` (an update that says nothing: 空泛) to their prompt about
    task ``measure_id`` (picked if the bot asks which task)."""
    measure = world.services.store.measures.get(measure_id)
    assert measure is not None
    chat = world.chats[name]
    await chat.send(words, reply_to=_prompt(world, name))
    asked = "这条回复是关于哪一项任务的"
    which = await chat.wait_for_message(re.compile(f"{asked}|{words}"))
    if asked in which.text:
        choice = next(b for b in which.button_texts if measure.title[:6] in b)
        await chat.press(choice, message=which)
        await chat.wait_for_edit(which, words)
    await world.sb.wait_idle()


async def _pending_extension(world: World) -> None:
    """张三 asks to extend his second task's (new) deadline; the lead has not decided yet."""
    task, zhang = world.tasks["张三"][1], world.chats["张三"]
    await zhang.send(f"/extend {task} 12月20日 审批流程较长")
    written = await zhang.wait_for_message("申请延至")
    await zhang.press("📤 提交延期申请", message=written)
    await zhang.wait_for_edit(written, "已提交延期申请")
    await world.sb.wait_idle()


async def _disagree(world: World, name: str, other: str, measure_id: str) -> None:
    """``name`` reports (``/report``) on the unit's task ``measure_id`` a status other than the
    one ``other``, of the same unit, gave it on this week's prompt."""
    store = world.services.store
    since = world.clock.now().replace(hour=0)
    given = [r.status for r in store.reports.for_measure(measure_id, since=since)]
    assert given, f"{other} answered first"
    await _report(world, name, measure_id, "正常" if given[-1] is ReportStatus.BLOCKED else "受阻")


async def _report(world: World, name: str, measure_id: str, status: str) -> None:
    """``name`` reports ``status`` on task ``measure_id`` with ``/report``."""
    measure = world.services.store.measures.get(measure_id)
    assert measure is not None
    chat = world.chats[name]
    await chat.send("/report")
    asked = await chat.wait_for_message(re.compile("本周进展如何|请选择要反馈的任务"))
    if "请选择要反馈的任务" in asked.text:
        choice = next(b for b in asked.button_texts if measure.title[:6] in b)
        await chat.press(choice, message=asked)
        asked = await chat.wait_for_message("本周进展如何")
    await chat.press(next(b for b in asked.button_texts if status in b), message=asked)
    await chat.wait_for_edit(asked, "已记录反馈")
    await world.sb.wait_idle()


async def _closeouts(world: World) -> None:
    """销号 approved for 赵六's first task, returned for 张三's first."""
    lead = world.lead
    assert lead is not None
    for name, approve in (("赵六", True), ("张三", False)):
        task, chat = world.tasks[name][0], world.chats[name]
        await chat.send(f"/closeout {task} 已完成，附验收报告")
        gathered = await chat.wait_for_message("已收到办结佐证")
        await chat.press("📤 提交办结申请", message=gathered)
        await chat.wait_for_edit(gathered, "已提交办结申请")
        review = await lead.wait_for_message("申请办结销号")
        if approve:
            await lead.press("✅ 同意销号", message=review)
            await chat.wait_for_message("销号")
        else:
            await lead.press("↩️ 退回", message=review)
            await lead.wait_for_message("理由")
            await lead.send("缺少验收材料")
            await chat.wait_for_message("缺少验收材料")


async def _reimport(world: World) -> None:
    """The lead imports the plan again with one measure reworded."""
    lead = world.actor("lead")
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    for old, new in REWORDED:
        text = text.replace(old, new)
    plans = world.services.plans
    preview = plans.preview(lead, world.team_id, text.encode(), "sample-plan-v2.txt")
    plans.confirm(lead, preview.token)
