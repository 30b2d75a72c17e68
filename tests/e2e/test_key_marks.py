"""A plan's key marks (★ ▲) in chat: the preview counts them with the legend's meaning, and
the weekly prompt, ``/task``, the digest, the review and the ledger name the task with them."""

from __future__ import annotations

from sandbox import Sandbox
from tests.e2e.harness import accept_suggestions, team
from tests.e2e.test_record import ledger_rows

MARKED_PLAN = """XX县2024年重点工作计划
一、产业发展
（一）★加快园区建设。建成标准化厂房10万平方米。（县发改委牵头，县财政局配合）
（二）强化招商引资。完成招商引资到位资金20亿元。（县商务局负责）
二、民生保障
（一）▲提升教育质量。新建幼儿园3所。（县教育局牵头）
（二）办好民生实事。（县教育局负责）
注：标★的为县政府重点督办事项，标▲的为纳入年度绩效考核事项。
"""


async def test_starred_tasks_are_named_with_their_mark_in_every_view(sandbox: Sandbox) -> None:
    """★ before an item stays with its task from the preview to the prompt, ``/task``, the
    digest and the review, and the ledger's 标注 column says what it means."""
    async with team(sandbox) as t:
        await t.lead.send_document(MARKED_PLAN.encode(), "plan.txt")
        preview = await t.lead.wait_for_message("确认导入吗")
        assert "★ 加快园区建设" in preview.text
        assert "★ 县政府重点督办事项：1 项" in preview.text
        assert "▲ 纳入年度绩效考核事项：1 项" in preview.text
        await t.lead.press("✅ 确认导入", message=preview)
        await t.lead.wait_for_edit(preview, "计划")
        await accept_suggestions(t.lead)

        await t.lead.send("/dispatch")
        await t.lead.wait_for_message("调度已发出")
        zhang = t.officials["张三"]
        prompt = await zhang.wait_for_message("本周调度")
        assert "★ 加快园区建设" in prompt.text
        await zhang.press("1 🔴受阻", message=prompt)
        await zhang.wait_for_message("已记录")
        await t.lead.send("/task 1")
        assert "★ 加快园区建设" in (await t.lead.wait_for_message("加快园区建设")).text

        await t.lead.send("/digest")
        digest = await t.lead.wait_for_message(
            lambda m: "周调度通报" in m.text and "加快园区建设" in m.text
        )
        assert "★ 加快园区建设" in digest.text
        await t.lead.send("/review")
        review = await t.lead.wait_for_message(lambda m: "红灯事项" in m.text, timeout=15)
        assert "★ 加快园区建设" in review.text
        await t.lead.send("/export")
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None)
        rows = ledger_rows(t, sheet)
        assert rows["★ 加快园区建设"]["标注"] == "★ 县政府重点督办事项"
        assert rows["▲ 提升教育质量"]["标注"] == "▲ 纳入年度绩效考核事项"
        assert rows["强化招商引资"]["标注"] in ("", None)
