"""Names as people really have them, played through the real Application over HTTP: markup
characters, entities, 64 characters, emoji only. Every message that shows them (roster,
assignment, prompt, reports, digest, review, /task) is accepted by Telegram's HTML parser, shows
the name as typed and gains no formatting from it; the ledger keeps them as typed."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from sandbox import Sandbox
from tests.e2e.harness import PLAN, accept_suggestions, import_plan, team
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
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        group = await leaders_group(t)
        await t.lead.send("/dispatch")
        await t.lead.wait_for_message("调度已发出")
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
