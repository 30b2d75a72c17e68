"""A month of weekly rhythm through the sandbox, on a simulated clock (September–October 2024).

Covers: prompts with one-tap answers and carry-forward; the automatic reminder, the cutoff list
and a lead's 催办 (with its 5-minute throttle); the digest to the group and to the lead; a late
reply shown in the next digest; the National Day week merged into the next (one prompt, one
digest); leave with a deputy; 销号 approved and returned with the history in ``/task``; the bot
stopped in the middle of a dispatch (no error; nobody asked twice after the restart); a cycle
nobody answered; the bot down over a digest (caught up once), over a whole cycle and over three
weeks (the lead told once each time); the monthly review with its chart and ledger; ``/export``.
Run over the embedded store and over PostgreSQL (``DUBAN_DATABASE_URL``), the same month.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.config import SecretStr
from bot.domain.clock import ManualClock
from bot.domain.work import PromptState
from bot.i18n import t
from bot.outbox import Pacing
from bot.render.rhythm.ledger import tasks_header
from sandbox import Sandbox
from sandbox.views import MessageView
from tests.e2e.month_world import TZ, World, at, bot_up, set_up
from tests.factories.settings import settings_for
from tests.postgres_server import fresh_schema

W1, W2, W3, W4, W5 = (f".w2024{d}" for d in ("0923", "0930", "1007", "1014", "1021"))


def cycle(world: World, suffix: str) -> str:
    """A weekly cycle id of the world's team."""
    return world.team_id + suffix


def w4_prompts(world: World) -> list[MessageView]:
    """Every W4 prompt delivered (its cutoff is Fri 10-18)."""
    return [m for name in world.tasks for m in world.prompts(name) if "10月18日" in m.text]


def title(world: World, measure_id: str) -> str:
    """A task's title."""
    measure = world.services.store.measures.get(measure_id)
    assert measure is not None
    return measure.title


def number_of(prompt: MessageView, task_title: str) -> int:
    """The number a prompt gives a task (its lines read ``3. 🔴 title #id``)."""
    for line in prompt.text.splitlines():
        head, _, rest = line.partition(". ")
        if head.isdigit() and task_title[:8] in rest:
            return int(head)
    raise AssertionError(f"{task_title} not in the prompt")


def workbook_rows(world: World, view: MessageView) -> list[tuple[object, ...]]:
    """The task sheet of a ledger document the bot sent, as rows of values."""
    assert view.document is not None
    stored = world.sb.world.files.get(view.document["file_id"])
    assert stored is not None
    sheet = load_workbook(BytesIO(stored.data))[t("rhythm.ledger.sheet_tasks", "zh")]
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


async def first_weeks(world: World) -> None:
    """W1: prompts, answers, reminder, cutoff, 催办, digest, a late reply; the Sept review."""
    await world.at(at(9, 26, 9))
    for name in ("张三", "李四", "王五", "赵六"):
        assert len(world.prompts(name)) == 1, name
    assert world.prompts("孙七") == []
    assert world.lead_says("无法送达")  # 孙七 blocked the bot: the lead is told
    zhang = world.chats["张三"]
    prompt = world.prompts("张三")[0]
    assert "1 🟢正常" in prompt.button_texts
    await zhang.press("1 🟡滞后", message=prompt)
    edited = await zhang.wait_for_edit(prompt, "本周已反馈")
    assert "2 🟢正常" in edited.button_texts
    await zhang.press("2 🟢正常", message=edited)
    await world.chats["王五"].press("1 🟢正常")
    await world.chats["赵六"].press("1 ✅完成")
    await world.chats["赵六"].press("2 🟢正常")
    await world.sb.wait_idle()

    await world.at(at(9, 27, 13))  # the automatic reminder, before the 17:00 cutoff
    assert any("即将截止" in m.text for m in world.chats["李四"].bot_messages())
    assert not any("即将截止" in m.text for m in world.chats["张三"].bot_messages())
    await world.at(at(9, 27, 17))
    assert world.lead_says("1 人未报：李四")
    assert world.lead is not None
    await world.lead.send("/remind 李四")
    await world.lead.wait_for_message("已催办 1 人")
    await world.chats["李四"].wait_for_message("催办")
    await world.lead.send("/remind 李四")
    again = await world.lead.wait_for_message("已催办 0 人")
    assert "5 分钟内已催办过" in again.text

    await world.at(at(9, 30, 8, 30))  # the W1 digest: names only to the lead
    group = [m.text for m in world.group_messages() if "周调度通报" in m.text]
    assert len(group) == 1
    assert "李四" not in group[0]
    assert "未报 1 个单位和人员，名单已报督办员" in group[0]
    private = world.lead_says("周调度通报")
    assert len(private) == 1
    assert "未报单位和人员：李四（1 项）" in private[0].text

    world.clock.set(at(9, 30, 10))  # 李四 answers after the digest: late, for the next one
    await world.chats["李四"].press("1 🟢正常", message=world.prompts("李四")[0])
    await world.sb.wait_idle()
    late = [r for r in world.services.store.reports.for_cycle(cycle(world, W1)) if r.late]
    assert [world.services.store.people.get(r.author_id).name for r in late] == ["李四"]  # type: ignore[union-attr]

    await world.at(at(9, 30, 16))  # September's review: chart, text and ledger
    assert any(m.photo for m in world.group_messages())
    assert any(m.document for m in world.lead.bot_messages())


async def holiday_weeks(world: World) -> None:
    """National Day: the week of 09-30 (its prompt day a holiday) is merged into the next one:
    no Tuesday prompt, one prompt on Thu 10-10 and one digest on Mon 10-14 covering both weeks;
    王五 on leave, 赵六 his deputy: 王五's task comes with buttons in 赵六's prompt and 赵六's
    answer is filed for 王五."""
    assert world.lead is not None
    await world.lead.send("/leave 王五 10月8日 10月11日 赵六")
    await world.lead.wait_for_message("已登记请假：王五")
    await world.at(at(10, 3, 9))  # a holiday: nothing goes out
    await world.at(at(10, 8, 9))  # the first day back: no prompt for the holiday week
    assert len(world.prompts("张三")) == 1
    assert world.services.store.cycles.get(cycle(world, W2)) is None
    await world.at(at(10, 10, 9))
    w3 = world.services.store.cycles.get(cycle(world, W3))
    assert w3 is not None
    assert w3.cutoff_at == at(10, 11, 17)
    assert len(world.prompts("张三")) == 2
    assert len(world.prompts("王五")) == 1  # on leave: skipped
    zhang = world.chats["张三"]
    await zhang.press("1 ↺ 与上周相同", message=world.prompts("张三")[-1])
    await zhang.press("2 🟢正常", message=world.prompts("张三")[-1])
    await world.chats["李四"].press("1 🟢正常", message=world.prompts("李四")[-1])
    zhao_prompt = world.prompts("赵六")[-1]
    assert "王五 请假中，由您代为反馈" in zhao_prompt.text
    own, covered = world.tasks["赵六"], world.tasks["王五"][0]
    for measure_id, status in ((own[0], "✅完成"), (own[1], "🟢正常"), (covered, "🟢正常")):
        number = number_of(zhao_prompt, title(world, measure_id))
        await world.chats["赵六"].press(f"{number} {status}", message=world.prompts("赵六")[-1])
    await world.sb.wait_idle()
    for_wang = world.services.store.reports.latest_for_measure(covered)
    assert for_wang is not None
    people = world.services.store.people
    assert [people.get(i).name for i in (for_wang.author_id, for_wang.on_behalf_of)] == [  # type: ignore[union-attr,arg-type]
        "赵六",
        "王五",
    ]
    await world.at(at(10, 11, 17))
    assert world.lead_says("所有人均已反馈")

    await world.at(at(10, 14, 8, 30))  # one digest for both weeks
    digests = [m.text for m in world.group_messages() if "周调度通报" in m.text]
    assert len(digests) == 2
    assert "9月30日起" in digests[1]
    # 王五 is away but his deputy answered for him: nothing is owed by someone on leave
    assert "应报 7 项：按时报送 6 项，逾时报送 0 项，未报 1 项（其中无法送达 1 项）" in digests[1]
    assert "另有请假" not in digests[1]
    assert "逾时报送（上一周期）" in digests[1]
    assert "李四" in digests[1]


async def closeouts(world: World) -> None:
    """销号 approved for 张三's task, returned for 赵六's; ``/task`` shows every step."""
    assert world.lead is not None
    first, second = world.tasks["张三"][0], world.tasks["赵六"][0]
    world.services.signing.acknowledge(world.actor("张三"), first)
    zhang, zhao = world.chats["张三"], world.chats["赵六"]
    await zhang.send(f"/closeout {first} 已建成，附验收报告")
    gathered = await zhang.wait_for_message("已收到办结佐证")
    await zhang.press("📤 提交办结申请", message=gathered)
    await zhang.wait_for_edit(gathered, "已提交办结申请")
    review = await world.lead.wait_for_message("申请办结销号")
    await world.lead.press("✅ 同意销号", message=review)
    await zhang.wait_for_message("销号")
    await zhao.send(f"/closeout {second} 已完成")
    await zhao.press("📤 提交办结申请", message=await zhao.wait_for_message("已收到办结佐证"))
    review = await world.lead.wait_for_message("申请办结销号")
    await world.lead.press("↩️ 退回", message=review)
    await world.lead.wait_for_message("理由")
    await world.lead.send("缺少验收材料")
    await zhao.wait_for_message("缺少验收材料")
    await world.lead.send(f"/task {first}")
    view = await world.lead.wait_for_message(first)
    assert "✅ 已销号" in view.text  # its light, once closed
    steps = ("王督办：交办 → 张三", "张三：反馈", "张三：签收", "张三：申请办结", "王督办：销号")
    assert_in_order(view.text, steps)
    assert "10-14 10:00 张三：签收" in view.text  # timestamped
    await world.lead.send(f"/task {second}")
    assert "退回（缺少验收材料）" in (await world.lead.wait_for_message(second)).text
    li_task = world.tasks["李四"][0]
    await world.lead.send(f"/task {li_task}")
    li_view = await world.lead.wait_for_message(li_task)
    assert "序时进度" in li_view.text  # the light, 序时进度 against the reported progress
    reminders = ("09-27 13:00 系统：催办（自动） → 李四", "09-27 17:00 王督办：催办 → 李四")
    assert_in_order(li_view.text, ("交办 → 李四", *reminders, "09-30 10:00 李四：反馈"))


def assert_in_order(text: str, steps: tuple[str, ...]) -> None:
    """Each step is in ``text``, in this order."""
    found = [text.find(step) for step in steps]
    assert -1 not in found, [s for s, at in zip(steps, found, strict=True) if at < 0]
    assert found == sorted(found), text


@pytest.fixture(params=["tinydb", "postgres"])
def database(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The store the bot is configured with: its data directory, or a PostgreSQL database."""
    if request.param == "tinydb":
        yield None
        return
    with fresh_schema(request.getfixturevalue("database_url")) as url:
        yield url


@pytest.mark.slow
async def test_a_month_of_weekly_rhythm(
    sandbox: Sandbox, tmp_path: Path, caplog: pytest.LogCaptureFixture, database: str | None
) -> None:
    """Four weekly cycles, a holiday week, leave, 催办, late replies, 销号, restarts, review."""
    clock = ManualClock(at(9, 23, 10), TZ)
    admin = sandbox.create_user("Admin", language_code="zh-hans")
    settings = settings_for(sandbox, [admin.id], tmp_path)
    if database is not None:
        settings = dataclasses.replace(settings, database_url=SecretStr(database))
    world = World(sandbox, settings, clock)
    async with bot_up(world):
        world.users["admin"] = admin
        await set_up(world)
        await first_weeks(world)
        await holiday_weeks(world)
        world.clock.set(at(10, 14, 10))
        await closeouts(world)

    # W4: the bot is stopped (as on SIGTERM) while its start-up catch-up is sending the prompts
    world.clock.set(at(10, 17, 9))
    slow = Pacing(global_rate=4, global_burst=1, in_flight=1)
    with caplog.at_level(logging.INFO):
        async with bot_up(world, slow, settled=False):
            await sandbox.driver.wait_for(
                lambda: len(w4_prompts(world)) >= 2, timeout=10, what="two W4 prompts"
            )
    assert 2 <= len(w4_prompts(world)) < 4
    assert not [t for t in asyncio.all_tasks() if t.get_name().startswith("rhythm:")]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []
    assert any("background task(s) stopped" in r.getMessage() for r in caplog.records)
    # ... and a new process over the same store resumes it: the rest get theirs, nobody twice
    async with bot_up(world):
        w4 = world.services.store.prompts.for_cycle(cycle(world, W4))
        states = {world.services.store.people.get(p.person_id).name: p.state for p in w4}  # type: ignore[union-attr]
        assert states == {
            "张三": PromptState.SENT,
            "李四": PromptState.SENT,
            "王五": PromptState.SENT,
            "赵六": PromptState.SENT,
            "孙七": PromptState.UNREACHABLE,
        }
        assert sorted(m.chat_id for m in w4_prompts(world)) == sorted(
            world.users[n].id for n in ("张三", "李四", "王五", "赵六")
        )
        await world.at(at(10, 18, 17))

    # the bot is down over Monday's digest: caught up once when it is back within a day
    world.clock.set(at(10, 21, 10))
    async with bot_up(world):
        await world.at(at(10, 21, 10, 5))
        w4_digests = [m for m in world.group_messages() if "10月14日起" in m.text]
        assert len(w4_digests) == 1
        assert "本周期尚无反馈" in w4_digests[0].text  # nobody answered W4

    # down over the whole W5 window: the missed prompt is told to the lead once
    world.clock.set(at(10, 26, 10))
    async with bot_up(world):
        await world.at(at(10, 26, 11))
        assert len(world.lead_says("错过了 周调度提醒")) == 1
        assert all(
            len([m for m in world.prompts(n) if "10月25日" in m.text]) == 0 for n in world.tasks
        )

        await world.at(at(10, 31, 16))  # October's review
        assert world.lead is not None
        ledger = [m for m in world.lead.bot_messages() if m.document][-1]
        rows = workbook_rows(world, ledger)
        header = tasks_header("zh")
        assert list(rows[0]) == header
        by_title = {row[header.index("任务")]: row for row in rows[1:]}
        state = header.index("销号状态")
        assert by_title[title(world, world.tasks["张三"][0])][state] == "已销号"
        assert by_title[title(world, world.tasks["赵六"][0])][state] == "已退回"
        assert by_title[title(world, world.tasks["李四"][0])][header.index("责任人")] == "李四"
        await world.lead.send("/export")
        export = await world.lead.wait_for_message(
            lambda v: v.document is not None and v.text.startswith("📒 台账（")
        )
        exported = workbook_rows(world, export)
        assert exported[0] == rows[0]
        assert len(exported) == len(rows)

    # down for three more weeks: everything missed since the last recorded cycle is told to
    # the lead once, in one notice (not only the last two cycles, and not one message each)
    world.clock.set(at(11, 25, 10))
    async with bot_up(world):
        notices = world.lead_says("停机期间错过了以下")
        assert len(notices) == 1
        for missed in ("11月7日 09:00", "11月14日 09:00", "11月21日 09:00", "11月4日 08:30"):
            assert missed in notices[0].text, missed
        await world.at(at(11, 25, 11))
        assert len(world.lead_says("停机期间错过了")) == 2  # the W5 one, and this one, once
