"""Names as people really have them, played through the real Application over HTTP: markup
characters, entities, 64 characters, emoji only. Every message that shows them (roster,
assignment, prompt, reports, digest, review, /task) is accepted by Telegram's HTML parser, shows
the name as typed and gains no formatting from it; the ledger keeps them as typed."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from sandbox import Sandbox
from tests.e2e.harness import dispatch, import_plan, plan_assigned, team
from tests.e2e.test_telegram_groups import leaders_group

MARKUP = "<b>张</b>&amp;三"
LONG = "欧阳" + "长" * 38  # 40 characters, the longest a roster takes
EMOJI = "🌟🌟"
ODD = "A<B & C>D"
ROSTER = [
    (MARKUP, "县发改委", "责任人", ""),
    (LONG, "县财政局", "责任人", ""),
    (EMOJI, "县商务局", "责任人", ""),
    (ODD, "县教育局", "责任人", ""),
]
NAMES = [name for name, *_ in ROSTER]


async def test_names_with_markup_and_odd_lengths_break_no_message(sandbox: Sandbox) -> None:
    """A roster of such names goes through a week (assignment, prompt, a report, the digest,
    the review, /roster, /task, /export): Telegram refuses no message for its markup, each
    name reads as typed, and none adds bold or any other entity of its own."""
    async with team(sandbox, ROSTER) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        await dispatch(t.lead)
        markup = t.officials[MARKUP]
        prompt = await markup.wait_for_message("本周调度")
        assert prompt.text.startswith("📋 本周调度")
        assert MARKUP in prompt.text
        await markup.press("1 🟡滞后", message=prompt)
        await markup.wait_for_message("已记录")
        await markup.send(f"{ODD} 说 <i>资金</i> 未到位 & 待协调")
        await t.lead.send("/roster")
        roster = await t.lead.wait_for_message("人员名单")
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周调度通报已发出")
        await t.lead.send("/review")
        await t.lead.wait_for_message("月度研判已发出", timeout=20)
        task = prompt.text.split("#", 1)[1].split()[0]
        await t.lead.send(f"/task {task}")
        shown = await t.lead.wait_for_message(f"#{task}")
        await t.lead.send("/export")
        sheet = await t.lead.wait_for_message(lambda m: m.document is not None, timeout=15)
        await sandbox.wait_idle()
        refused = [kind for kind in sandbox.counters.errors if "parse entities" in kind]
        assert refused == []
        for name in NAMES:
            assert name in roster.text
        assert MARKUP in shown.text
        everything = [
            m
            for chat in (t.lead, *t.officials.values(), t.lead_user.in_group(group))
            for m in chat.bot_messages()
        ]
        for message in everything:
            for entity in message.entities:
                covered = message.text[entity["offset"] : entity["offset"] + entity["length"]]
                assert covered not in ("张", "资金")  # the <b>, <i> typed were not obeyed
        assert sheet.document is not None
        stored = sandbox.world.files.get(sheet.document["file_id"])
        assert stored is not None
        cells = {
            str(cell.value)
            for page in load_workbook(BytesIO(stored.data)).worksheets
            for row in page.iter_rows()
            for cell in row
            if cell.value is not None
        }
        assert any(MARKUP in cell for cell in cells)


def refused_since(sandbox: Sandbox, before: dict[str, int]) -> list[str]:
    """The 400s the sandbox answered since ``before`` (a snapshot of its error counters)."""
    errors = sandbox.counters.errors
    return [k for k, n in errors.items() if k.startswith("400") and n > before.get(k, 0)]


async def test_a_report_near_telegrams_limit_is_kept_whole_and_confirmed_in_short(
    sandbox: Sandbox,
) -> None:
    """A report of 4,000 characters full of ``&``, ``<`` and ``>`` (each several characters
    once escaped) is kept whole; its confirmation quotes the start of it, within Telegram's
    limit and accepted by its HTML parser, and says it was cut."""
    words = ("资金<到位>&协调；" * 400)[:4000]
    async with team(sandbox) as t:
        before = dict(sandbox.counters.errors)  # the admin's menu, set before they started
        await plan_assigned(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        await zhang.send(words, reply_to=tasks)
        confirmation = await zhang.wait_for_message("已记录")
        await sandbox.wait_idle()
        (report,) = t.app.bot_data.services.store.reports.all()
        assert report.progress_text == words
        assert len(confirmation.text.encode("utf-16-le")) // 2 <= 4096
        assert words[:1000] in confirmation.text
        assert "…" in confirmation.text
        assert not refused_since(sandbox, before)


async def test_a_plan_of_400_measures_lists_and_notifies_within_telegrams_limits(
    sandbox: Sandbox,
) -> None:
    """A lead's lists over a 400-measure plan (/unassigned, the 400 suggestions, /tasks)
    arrive as messages within Telegram's limit, each accepted by its HTML parser, the
    buttons on the last part; confirming them assigns all 400, and the one official given
    them gets one list of the 400 (in parts), not 400 notices, and counts as one told; its
    签收全部 signs the 400."""
    lines = ["XX县2025年重点工作任务清单", "一、重点任务"]
    lines += [
        f"{i}.推进第{i}项<重点>工作&落实。2025年{i % 12 + 1}月底前完成。（县发改委牵头）"
        for i in range(1, 401)
    ]
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        before = dict(sandbox.counters.errors)  # the admin's menu, set before they started
        await import_plan(t.lead, "\n".join(lines))
        await t.lead.send("/unassigned")
        await t.lead.wait_for_message("未交办", timeout=30)
        await t.lead.press("🤖 自动建议")
        await sandbox.wait_idle()
        await t.lead.press("✅ 全部确认")  # on the last part of the long list
        applied = await t.lead.wait_for_message("已交办")
        assert "已交办 400 项，通知了 1 人" in applied.text
        await sandbox.wait_idle()
        told = [m.text for m in t.officials["张三"].bot_messages()[1:]]  # after the welcome
        assert told[0].startswith("📬 您有 400 项新任务")
        assert "/mytasks" in told[-1]
        assert "400. 推进第400项<重点>工作&落实" in told[-1]
        assert len(told) < 10  # one list in a few parts, not a notice per task
        await t.officials["张三"].press("✍️ 签收全部")  # on the list's last part
        await t.officials["张三"].wait_for_message("已签收以上 400 项任务", timeout=30)
        await t.lead.send("/tasks")
        await sandbox.wait_idle(timeout=30)
        texts = [m.text for m in t.lead.bot_messages()]
        assert all(len(text.encode("utf-16-le")) // 2 <= 4096 for text in texts)
        assert not refused_since(sandbox, before)
        assert any("第400项<重点>工作&落实" in text for text in texts)
        assignments = t.app.bot_data.services.store.assignments.all()
        assert len({a.measure_id for a in assignments}) == 400
