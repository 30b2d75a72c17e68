"""Stale and vague updates, and the record searched, through the real bot over HTTP: a vague
update is recorded and nudged once, privately; a repeat is named; the leads' digest lists
stale and vague tasks and the group's does not; /history, /search and /evidence answer within
each role's scope (issue: supervision workflows no chat bot has)."""

from __future__ import annotations

from pathlib import Path

from bot.domain.attachments import Attachment
from sandbox import Sandbox
from sandbox.views import MessageView
from tests.e2e.month_world import World, at, bot_up, county
from tests.e2e.test_journey import PNG
from tests.factories.files import png

NUDGE_ZH = "💡 感谢您对"
NUDGE_EN = "💡 Thank you for your update"


def nudges(world: World, name: str, mark: str = NUDGE_ZH) -> list[MessageView]:
    """The nudges the official received."""
    return [m for m in world.chats[name].bot_messages() if m.text.startswith(mark)]


def prompts(world: World, name: str) -> list[MessageView]:
    """The weekly prompts the person received, in any language (their status buttons)."""
    chat = world.chats[name]
    return [m for m in chat.bot_messages() if any("🟢" in b for b in m.button_texts)]


def in_english(world: World, name: str) -> None:
    """The person reads the bot in English."""
    world.services.people.set_language(world.actor(name), "en")


async def test_a_vague_update_is_recorded_and_nudged_once_privately(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """正在推进 is kept as sent and its author gets one private tip with an example; a second
    vague update in the round gets none; a concrete one none; the group never sees it."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        li, wang = world.chats["李四"], world.chats["王五"]
        await li.send("正在推进", reply_to=world.prompts("李四")[0])
        await li.wait_for_message(NUDGE_ZH)
        (tip,) = nudges(world, "李四")
        assert "本次反馈未写明具体数量、时间或成果" in tip.text
        assert "参考写法：" in tip.text
        assert tip.chat_id == world.users["李四"].id  # the author's private chat
        (report,) = world.services.store.reports.for_measure(world.tasks["李四"][0])
        assert report.progress_text == "正在推进"

        await li.send("有序推进中", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("有序推进中")
        await wang.send("完成3个村的摸底", reply_to=world.prompts("王五")[0])
        await wang.wait_for_message("完成3个村的摸底")
        await world.sb.wait_idle()
        assert len(nudges(world, "李四")) == 1
        assert nudges(world, "王五") == []
        assert not any("💡" in m.text for m in world.group_messages())


async def test_the_nudge_is_not_repeated_after_a_restart(sandbox: Sandbox, tmp_path: Path) -> None:
    """The nudge is stored with the update: after a restart, another vague update of the same
    round is recorded without a second tip; the next round may tip again."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        li = world.chats["李四"]
        await li.send("正在推进", reply_to=world.prompts("李四")[0])
        await li.wait_for_message(NUDGE_ZH)
    async with bot_up(world):
        await li.send("稳步推进", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("稳步推进")
        await world.sb.wait_idle()
        assert len(nudges(world, "李四")) == 1
        await world.at(at(10, 24, 9))
        await li.send("持续推进", reply_to=world.prompts("李四")[-1])
        await li.wait_for_message(NUDGE_ZH)
        assert len(nudges(world, "李四")) == 2


async def test_a_repeated_update_is_named_and_an_english_reader_is_nudged_in_english(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """The same words as the previous round are named as repeated, in the reader's language."""
    async with county(sandbox, tmp_path) as world:
        in_english(world, "王五")
        wang = world.chats["王五"]
        await world.at(at(10, 17, 9))
        await wang.send("本周完成选址，签订用地协议", reply_to=prompts(world, "王五")[0])
        await wang.wait_for_message("本周完成选址")
        await world.at(at(10, 24, 9))
        await wang.send("本周完成选址，签订用地协议。", reply_to=prompts(world, "王五")[-1])
        tip = await wang.wait_for_message(NUDGE_EN)
        assert "nearly the same as the previous one" in tip.text
        assert "For example:" in tip.text
        assert len(nudges(world, "王五", NUDGE_EN)) == 1


async def test_the_leads_digest_lists_stale_and_vague_tasks_and_the_groups_does_not(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Two weeks after 交办, tasks with no real change and a vague latest update are listed to
    the lead only; /task shows the days without real progress."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        await world.chats["李四"].send("正在推进", reply_to=world.prompts("李四")[0])
        await world.chats["王五"].send("完成3个村的摸底", reply_to=world.prompts("王五")[0])
        await world.chats["李四"].wait_for_message(NUDGE_ZH)
        await world.chats["王五"].wait_for_message("完成3个村的摸底")
        await world.at(at(10, 24, 9))
        await world.at(at(10, 28, 8, 30))  # the second digest, 14 days after 交办
        lead_digest = world.lead_says("周调度通报")[-1].text
        group_digest = [m.text for m in world.group_messages() if "周调度通报" in m.text][-1]
        assert "长期无实质进展（2周以上）" in lead_digest
        zhao_task = world.services.store.measures.get(world.tasks["赵六"][0])
        li_task = world.services.store.measures.get(world.tasks["李四"][0])
        assert zhao_task is not None
        assert li_task is not None
        assert f"{zhao_task.title}（" in lead_digest.split("长期无实质进展")[1]
        vague_part = lead_digest.split("反馈内容空泛或与上期重复")[1]
        assert f"{li_task.title}（" in vague_part
        assert "反馈内容空泛——“正在推进”" in vague_part
        assert "长期无实质进展" not in group_digest
        assert "反馈内容空泛" not in group_digest

        assert world.lead is not None
        await world.lead.send("/task 5")
        shown = await world.lead.wait_for_message("⏸")
        assert "⏸ 已 14 天无实质进展" in shown.text


async def test_history_and_search_filter_and_keep_to_the_officials_own_tasks(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """/history by person, unit and bad input; /search with Chinese substrings; an official
    finds only their own tasks' updates; the next page is read back from the listing."""
    async with county(sandbox, tmp_path) as world:
        # no 签收时限 here: its reminders would be steps of the history counted below
        world.services.teams.update_settings(world.actor("lead"), world.team_id, claim_hours=0)
        await world.at(at(10, 17, 9))
        await world.chats["李四"].send("幼儿园主体封顶", reply_to=world.prompts("李四")[0])
        await world.chats["王五"].send("幼儿园资金缺口", reply_to=world.prompts("王五")[0])
        await world.chats["李四"].wait_for_message("幼儿园主体封顶")
        await world.chats["王五"].wait_for_message("幼儿园资金缺口")
        lead = world.lead
        assert lead is not None

        await lead.send("/history 李四")
        listing = await lead.wait_for_message("🗂 /history 李四")
        assert "李四：反馈" in listing.text
        assert "王五" not in listing.text
        await lead.send("/history 县财政局")
        by_unit = await lead.wait_for_message("🗂 /history 县财政局")
        assert "王五：反馈" in by_unit.text
        assert "李四：" not in by_unit.text
        await lead.send("/history 铁路局")
        refused = await lead.wait_for_message("未找到「铁路局」")
        assert "用法：/history" in refused.text

        await lead.send("/search 幼儿园")
        found = await lead.wait_for_message("🔎 /search 幼儿园")
        assert "反馈 2 条" in found.text
        await lead.send("/search 幼儿园 缺口")
        narrowed = await lead.wait_for_message("🔎 /search 幼儿园 缺口")
        assert "反馈 1 条" in narrowed.text
        assert "幼儿园资金缺口" in narrowed.text

        li = world.chats["李四"]
        await li.send("/search 幼儿园")
        own = await li.wait_for_message("🔎 /search 幼儿园")
        assert "幼儿园主体封顶" in own.text
        assert "资金缺口" not in own.text
        await li.send("/history 王五")
        theirs = await li.wait_for_message("🗂 /history 王五")
        assert "没有符合条件的记录" in theirs.text

        for name in ("李四", "王五"):  # two more steps (修改反馈): 11, more than one page
            await world.chats[name].send("下步：月底前完工", reply_to=world.prompts(name)[0])
            await world.chats[name].wait_for_message("月底前完工")
        await lead.send("/history")
        first = await lead.wait_for_message(lambda m: m.text.startswith("🗂 /history\n"))
        assert "»" in first.button_texts
        await lead.press("»", message=first)
        second = await lead.wait_for_edit(first, "1. 一产转型升级")  # the oldest step
        assert second.text.startswith("🗂 /history\n共 11 条记录")
        assert second.button_texts == ["«", "2/2"]


async def test_evidence_is_sent_again_with_who_sent_it_and_when(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """Photos sent with updates come back to the lead by file id as one album, each captioned
    with the sender and time; /task's 佐证材料 button shows the same; another unit's official is
    refused."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        li = world.chats["李四"]
        await li.send_photo(PNG, caption="现场照片", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("现场照片")
        world.clock.set(at(10, 17, 11))
        await li.send_photo(png(2), caption="施工照片", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("施工照片")
        lead = world.lead
        assert lead is not None
        await lead.send("/evidence 3")
        listing = await lead.wait_for_message("佐证材料，共 2 件")
        assert "1. 照片 李四 · 10-17 09:00（反馈）" in listing.text
        assert "2. 照片 李四 · 10-17 11:00（反馈）" in listing.text
        await world.sb.wait_idle()
        photos = [m for m in lead.bot_messages() if m.photo is not None]
        assert [m.text for m in photos] == [
            "1. 李四 · 10-17 09:00 · 反馈",
            "2. 李四 · 10-17 11:00 · 反馈",
        ]
        assert all(m.reply_to == listing.message_id for m in photos)

        await lead.send("/task 3")
        task = await lead.wait_for_message(lambda m: "📎 佐证材料" in m.button_texts)
        await lead.press("📎 佐证材料", message=task)
        await lead.wait_for_message("佐证材料，共 2 件")
        await world.sb.wait_idle()
        assert len([m for m in lead.bot_messages() if m.photo is not None]) == 4

        wang = world.chats["王五"]
        await wang.send("/evidence 3")
        await wang.wait_for_message("只有")


async def test_the_record_views_speak_english(sandbox: Sandbox, tmp_path: Path) -> None:
    """An English lead reads /history, /search and /evidence in English."""
    async with county(sandbox, tmp_path) as world:
        in_english(world, "lead")
        await world.at(at(10, 17, 9))
        li = world.chats["李四"]
        await li.send_photo(PNG, caption="site photo", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("site photo")
        lead = world.lead
        assert lead is not None
        await lead.send("/history 李四")
        listing = await lead.wait_for_message("🗂 /history 李四")
        assert "newest first" in listing.text
        await lead.send("/search site")
        found = await lead.wait_for_message("🔎 /search site")
        assert "1 update found" in found.text
        await lead.send("/evidence 3")
        files = await lead.wait_for_message("Evidence for")
        assert "photo 李四" in files.text
        photo = await lead.wait_for_message(lambda m: m.photo is not None)
        assert photo.text.endswith("update")


async def test_the_same_photo_sent_again_is_no_real_progress(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    """李四 sends last week's site photo again: Telegram gives it a new file id, but its unique
    id is the same, so it is no evidence: the lead's digest names the repeated caption, then
    counts his days without real change from the first photo, as /task does; /evidence lists
    the photo once."""
    async with county(sandbox, tmp_path) as world:
        await world.at(at(10, 17, 9))
        li = world.chats["李四"]
        await li.send_photo(PNG, caption="施工现场", reply_to=world.prompts("李四")[0])
        await li.wait_for_message("施工现场")
        await world.at(at(10, 24, 9))
        await li.send_photo(PNG, caption="施工现场", reply_to=world.prompts("李四")[-1])
        await world.sb.wait_idle()
        first, again = world.services.store.reports.for_measure(world.tasks["李四"][0])
        sent = [Attachment.parse(r.attachments[0]) for r in (first, again)]
        assert sent[0].file_id != sent[1].file_id
        assert sent[0].unique_id == sent[1].unique_id is not None

        await world.at(at(10, 28, 8, 30))
        digest = world.lead_says("周调度通报")[-1].text
        assert "三产特色发展（牵头：县发改委 李四）：与上期重复——“施工现场”" in digest
        for moment in (at(10, 31, 9), at(10, 31, 16), at(11, 1, 17)):  # prompts, the review
            await world.at(moment)
        await world.at(at(11, 4, 8, 30))  # 18 days after the first photo
        digest = world.lead_says("周调度通报")[-1].text
        stale = digest.split("长期无实质进展")[1]
        assert (
            "三产特色发展（牵头：县发改委 李四）：18 天无实质进展（最近一次：2024年10月17日）"
            in (stale)
        )
        assert world.lead is not None
        await world.lead.send("/task 3")
        shown = await world.lead.wait_for_message("⏸")
        assert "⏸ 已 18 天无实质进展（最近一次实质进展：2024年10月17日）" in shown.text
        await world.lead.send("/evidence 3")
        listing = await world.lead.wait_for_message("佐证材料，共 1 件")
        assert "1. 照片 李四 · 10-17 09:00（反馈）" in listing.text
