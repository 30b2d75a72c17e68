"""签收全部 on the one list an official gets when more than ten tasks arrive at once, played
through the real Application over HTTP against the sandbox."""

from __future__ import annotations

from datetime import datetime

from bot.domain.audit import Action
from bot.domain.clock import ManualClock
from bot.domain.work import AssigneeRole
from sandbox import Sandbox
from tests.e2e.harness import accept_suggestions, import_plan, team
from tests.e2e.test_record import ledger_rows
from tests.e2e.test_telegram_groups import audited
from tests.factories.settings import TZ

#: Twelve measures led by one unit: past the ten that come as a notice each.
PLAN = "\n".join(
    ["XX县2025年重点工作任务清单", "一、重点任务"]
    + [f"{i}.推进第{i}项重点工作。2025年12月底前完成。（县发改委牵头）" for i in range(1, 13)]
)
UNIT = [("张三", "县发改委", "责任人", ""), ("李四", "县发改委", "责任人", "")]


async def test_sign_all_signs_each_listed_task_as_a_single_sign_does(sandbox: Sandbox) -> None:
    """Twelve tasks for a unit come as one list with 签收全部; 张三's press signs all twelve
    for the unit (a 签收 each in the record, as one by one), the button goes and the list
    stays, 李四 hears once that they were signed, and 李四's own press signs nothing again."""
    async with team(sandbox, UNIT) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        await t.lead.wait_for_message("未交办")
        await t.lead.press("🤖 自动建议")
        await sandbox.wait_idle()
        await t.lead.press("✅ 全部确认")
        await t.lead.wait_for_message("已交办")
        await sandbox.wait_idle()
        zhang, li = t.officials["张三"], t.officials["李四"]
        listed = await zhang.wait_for_message("您有 12 项新任务")
        assert "签收全部" in listed.text
        assert listed.buttons
        await zhang.press("✍️ 签收全部")
        done = await zhang.wait_for_message("已签收以上 12 项任务")
        assert "/report" in done.text
        await sandbox.wait_idle()
        store = t.app.bot_data.services.store
        rows = [a for a in store.assignments.all() if a.active]
        assert len(rows) == 12
        zhang_id = next(p.id for p in store.people.all() if p.name == "张三")
        assert all(a.acknowledged_by == zhang_id for a in rows)
        assert sorted(audited(t, Action.ACKNOWLEDGED)) == sorted(a.measure_id for a in rows)
        kept = next(m for m in zhang.bot_messages() if m.message_id == listed.message_id)
        assert kept.text == listed.text
        assert not kept.buttons
        told = [m for m in li.bot_messages() if "以下 12 项任务已签收" in m.text]
        assert len(told) == 1
        assert "县发改委已由张三于" in told[0].text
        await li.press("✍️ 签收全部")
        assert "均已签收" in (await li.wait_for_message("均已签收")).text
        assert len(audited(t, Action.ACKNOWLEDGED)) == 12


#: Twelve measures for 县发改委 (one list with 签收全部) and a thirteenth for nobody yet.
TITLES = [f"推进第{i:02d}项重点工作" for i in range(1, 14)]
LED = "。2025年12月底前完成。（县发改委牵头）"
PLAN_13 = "\n".join(
    [
        "XX县2025年重点工作任务清单",
        "一、重点任务",
        *(f"{i}.{title}{LED if i < 13 else '。'}" for i, title in enumerate(TITLES, 1)),
    ]
)
UNITS_2 = [*UNIT, ("王五", "县财政局", "责任人", "")]
SIGNED = "签收时间（签收人）"


async def test_sign_all_signs_the_listed_tasks_only_and_the_figures_agree(
    sandbox: Sandbox,
) -> None:
    """In the very same second as 张三's list of twelve: the lead gives 张三 a thirteenth task,
    李四 signs task 2 one by one, task 3 goes from 县发改委 to 县财政局, and 县发改委 goes from
    牵头 to 配合 on task 4. 张三's 签收全部 then signs the ten still theirs (task 4 in its row
    now in force), says one was signed before and one reassigned, and leaves task 13 alone;
    /unacked, the ledger's 签收 column and the digest's 领办逾期 agree: tasks 3 and 13
    unsigned, every other one signed."""
    async with team(sandbox, UNITS_2) as t:
        await import_plan(t.lead, PLAN_13)
        await accept_suggestions(t.lead)
        await t.lead.wait_for_message("已交办")
        zhang, li = t.officials["张三"], t.officials["李四"]
        listed = await zhang.wait_for_message("您有 12 项新任务")
        await t.lead.send("/assign 13 张三")
        await zhang.wait_for_message(TITLES[12])
        await li.send("/task 2")
        view = await li.wait_for_message(lambda m: "✍️ 签收" in m.button_texts)
        assert TITLES[1] in view.text
        await li.press("✍️ 签收", message=view)
        await li.wait_for_message("已签收")
        await t.lead.send("/unassign 3 县发改委")
        await t.lead.wait_for_message(TITLES[2])
        await t.lead.send("/assign 3 县财政局")
        await t.lead.wait_for_message("县财政局")
        await t.lead.send("/assign 4 配合:县发改委")
        await t.lead.wait_for_message(TITLES[3])
        await sandbox.wait_idle()
        await zhang.press("✍️ 签收全部", message=listed)
        done = await zhang.wait_for_message("已签收以上清单中的 10 项任务")
        assert "另有 1 项此前已签收" in done.text
        assert "1 项已调整交办" in done.text
        await sandbox.wait_idle()
        store = t.app.bot_data.services.store
        by_title = {m.id: m.title for m in store.measures.all()}
        signers = {
            by_title[a.measure_id]: a.acknowledged_by for a in store.assignments.all() if a.active
        }
        ids = t.person_ids
        fourth = [a for a in store.assignments.all() if by_title[a.measure_id] == TITLES[3]]
        assert [(a.role, a.active) for a in fourth] == [
            (AssigneeRole.LEAD, False),
            (AssigneeRole.CO, True),
        ]
        assert signers == {
            **dict.fromkeys(TITLES[3:12], ids["张三"]),
            TITLES[0]: ids["张三"],
            TITLES[1]: ids["李四"],
            TITLES[2]: None,
            TITLES[12]: None,
        }
        await t.lead.send("/unacked")
        unacked = await t.lead.wait_for_message("未签收")
        assert [title for title in TITLES if title in unacked.text] == [TITLES[2], TITLES[12]]
        await t.lead.send("/export")
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None, timeout=30)
        ledger = ledger_rows(t, sheet)
        assert [title for title in TITLES if not ledger[title][SIGNED]] == [TITLES[2], TITLES[12]]
        assert str(ledger[TITLES[1]][SIGNED]).endswith("（李四）")
        clock = t.app.bot_data.clock
        assert isinstance(clock, ManualClock)
        clock.set(datetime(2024, 3, 12, 10, 0, tzinfo=TZ))  # two claim limits past 交办
        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message("领办逾期")
        late = digest.text.split("领办逾期", 1)[1]
        assert [title for title in TITLES if title in late] == [TITLES[2], TITLES[12]]
