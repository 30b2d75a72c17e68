"""The supervision record through the sandbox: owners come from the assignment, a unit answers
once, a supporting unit's problem stays in view, conflicting answers are flagged, and the
digest before any cycle says so plainly."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import load_workbook

from sandbox import Sandbox, UserChat
from sandbox.views import MessageView
from tests.e2e.harness import (
    PLAN,
    ROSTER,
    Team,
    dispatch,
    import_plan,
    plan_assigned,
    team,
)

UNIT_ROSTER = [
    *ROSTER,
    ("孙工", "县工信局", "责任人", ""),
    ("钱七", "县发改委", "责任人", ""),
    ("周八", "县发改委", "责任人", ""),
]


def task_id(view: MessageView, title: str) -> str:
    """The ``#id`` on the line of a bot message naming ``title``."""
    line = next(line for line in view.text.splitlines() if title in line)
    return line.split("#", 1)[1].split()[0]


def ledger_rows(t: Team, view: MessageView) -> dict[str, dict[str, object]]:
    """The ledger's task sheet from a document the bot sent, by task title then header."""
    assert view.document is not None
    stored = t.sb.world.files.get(view.document["file_id"])
    assert stored is not None
    sheet = load_workbook(BytesIO(stored.data)).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = [str(h) for h in rows[0]]
    return {str(row[2]): dict(zip(header, row, strict=True)) for row in rows[1:]}


async def report_as(chat: UserChat, title: str, status: str) -> None:
    """``/report`` a status for a task (picking it first when there are several)."""
    await chat.send("/report")
    asked = await chat.wait_for_message(re.compile("本周进展如何|请选择要反馈的任务"))
    if "请选择要反馈的任务" in asked.text:
        choice = next(b for b in asked.button_texts if title in b)
        await chat.press(choice, message=asked)
        asked = await chat.wait_for_message("本周进展如何")
    await chat.press(next(b for b in asked.button_texts if status in b), message=asked)
    await chat.wait_for_edit(asked, "已记录反馈")


def prompts(chat: UserChat) -> list[MessageView]:
    """The weekly prompts this chat received."""
    return [m for m in chat.bot_messages() if "周调度" in m.text and "#" in m.text]


async def test_owners_come_from_the_assignment_in_every_view(sandbox: Sandbox) -> None:
    """/assign 牵头:县工信局 配合:县商务局 shows in the ledger, the digest and the review,
    not the units the plan's text names (``/export 1999`` is refused with the years, and
    ``/export 2023`` gives that year's ledger, from before the plan was imported: no task)."""
    async with team(sandbox, UNIT_ROSTER) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/unassigned")
        listing = await t.lead.wait_for_message("未交办")
        park = task_id(listing, "加快园区建设")
        await t.lead.send(f"/assign {park} 牵头:县工信局 配合:县商务局")
        await t.lead.wait_for_message("已交办")
        await dispatch(t.lead)
        sun = t.officials["孙工"]
        (prompt,) = prompts(sun)
        await sun.press("1 🔴受阻", message=prompt)
        await sun.wait_for_edit(prompt, "本周已反馈")

        await t.lead.send("/export")
        ledger = await t.lead.wait_for_message("台账", timeout=15)  # starts the worker process
        row = ledger_rows(t, ledger)["加快园区建设"]
        assert (row["牵头单位"], row["配合单位"]) == ("县工信局", "县商务局")
        assert row["计划所列单位"] is None  # the plan's 县发改委 was only a suggestion
        assert row["状态"] == "受阻"
        unassigned = ledger_rows(t, ledger)["提升教育质量"]
        assert (unassigned["灯色"], unassigned["计划所列单位"]) == ("未交办", "县教育局")
        await t.lead.send("/export 1999")  # a year before the history: the years to choose
        refused = await t.lead.wait_for_message("没有“1999”年度的台账：可导出 2023 年至 2024 年")
        assert refused.document is None
        await t.lead.send("/export 2023")  # the year before the plan's: as it stood at its end
        last_year = await t.lead.wait_for_message(
            lambda v: v.document is not None and v.document["file_name"].endswith("20231231.xlsx")
        )
        assert ledger_rows(t, last_year) == {}  # the plan was imported in 2024: no task then
        assert "（0 项任务）" in last_year.text

        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message("周调度通报")
        assert "加快园区建设（牵头：县工信局；配合：县商务局）受阻" in digest.text
        assert "未分配单位" not in digest.text
        await t.lead.send("/review")
        review = await t.lead.wait_for_message("工作研判", timeout=15)
        assert "（牵头：县工信局；配合：县商务局）受阻" in review.text
        assert "⚪未交办 2 项" in review.text  # unassigned tasks are never counted green


async def test_a_unit_answers_once_and_conflicts_are_flagged(sandbox: Sandbox) -> None:
    """Only the unit's reporter is prompted; colleagues may add; contradicting statuses from
    one unit are listed for the lead instead of the worst one silently winning."""
    async with team(sandbox, UNIT_ROSTER) as t:
        await plan_assigned(t.lead)
        await dispatch(t.lead)
        zhang, qian, zhou = (t.officials[n] for n in ("张三", "钱七", "周八"))
        assert len(prompts(zhang)) == 1  # 张三 is 县发改委's first official: its reporter
        assert prompts(qian) == prompts(zhou) == []
        await t.lead.send("/reporter")
        listed = await t.lead.wait_for_message("各单位填报人")
        assert "县发改委：张三（默认" in listed.text

        (prompt,) = prompts(zhang)
        park = task_id(prompt, "加快园区建设")
        for chat, status in ((qian, "已完成"), (zhou, "受阻")):
            await report_as(chat, "加快园区建设", status)
        await zhang.press("1 🟢正常", message=prompt)
        await zhang.wait_for_edit(prompt, "本周已反馈")

        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message("周调度通报")
        assert "同一单位反馈不一致" in digest.text
        assert (
            "加快园区建设（县发改委）：钱七报「已完成」、周八报「受阻」、张三报「正常推进」"
            in (digest.text)
        )
        # one item each: 县发改委 (a unit, however many wrote), 县财政局 (配合), 县商务局, 县教育局
        assert "应报 4 项：按时报送 1 项" in digest.text
        await t.lead.send(f"/task {park}")
        view = await t.lead.wait_for_message("各责任方最新反馈")
        assert "正常推进" in view.text.split("各责任方最新反馈")[1]


async def test_a_supporting_units_problem_stays_in_view(sandbox: Sandbox) -> None:
    """The 配合 unit's 🟡 with its problem stays in /task after the 牵头 unit answers 🟢."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        await dispatch(t.lead)
        li, zhang = t.officials["李四"], t.officials["张三"]
        (li_prompt,) = prompts(li)
        park = task_id(li_prompt, "加快园区建设")
        await li.press("1 🟡滞后", message=li_prompt)
        await li.wait_for_edit(li_prompt, "本周已反馈")
        await li.send("问题：配套资金未到位", reply_to=li_prompt)
        await li.wait_for_message("资金未到位")
        (zhang_prompt,) = prompts(zhang)
        await zhang.press("1 🟢正常", message=zhang_prompt)
        await zhang.wait_for_edit(zhang_prompt, "本周已反馈")

        await t.lead.send(f"/task {park}")
        view = await t.lead.wait_for_message("各责任方最新反馈")
        answers = view.text.split("各责任方最新反馈")[1]
        assert answers.index("县发改委") < answers.index("县财政局")  # 牵头 first
        assert "配套资金未到位" in answers
        assert "🟡" in view.text.split("各责任方最新反馈")[0]  # the light stays yellow


async def test_the_digest_before_any_cycle_blames_nobody(sandbox: Sandbox) -> None:
    """/digest in a team's first days says the prompts have not gone out yet, not 停机."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message("周调度通报")
        assert "尚未发出" in digest.text
        assert "停机" not in digest.text
