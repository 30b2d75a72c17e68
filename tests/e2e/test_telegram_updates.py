"""What Telegram itself does to the bot's chats, played through the real Application over HTTP:
a leaders' group becoming a supergroup, losing the bot or having topics; an album of photos
arriving as one message per photo; an edited caption; a person unblocking the bot; a 429 in the
middle of a digest; user text with bidirectional overrides."""

from __future__ import annotations

import pytest

from sandbox import Group, Limit, RateLimits, Sandbox
from sandbox.testing import bot_for
from tests.e2e.harness import PLAN, Team, accept_suggestions, import_plan, team
from tests.e2e.test_journey import PNG


async def leaders_group(t: Team) -> Group:
    """A basic group with the lead in it, made the team's leaders' group by ``/setgroup``."""
    group = t.sb.create_group("县领导群", members=[t.lead_user])
    chat = t.lead_user.in_group(group)
    await chat.send_command("setgroup")
    await chat.wait_for_message("领导群")
    return group


def menu(t: Team, group: Group) -> list[str]:
    """The commands the lead's client shows in ``group``."""
    return [name for name, _ in t.lead_user.visible_commands(group)]


def team_group(t: Team) -> int | None:
    """The team's leaders' group chat id, as stored."""
    (stored,) = t.app.bot_data.services.store.teams.all()
    return stored.group_chat_id


async def test_the_leaders_group_follows_its_upgrade_to_a_supergroup(sandbox: Sandbox) -> None:
    """When the leaders' group becomes a supergroup, Telegram's notice moves the team to the
    new chat id, its menu is set there, and the next digest reaches it."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        group = await leaders_group(t)
        assert team_group(t) == group.id
        supergroup = await group.upgrade(t.lead_user)
        await sandbox.wait_idle()
        assert team_group(t) == supergroup.id
        assert menu(t, supergroup) == ["help"]  # the leaders' group's, not a new group's
        await t.lead.send("/digest")
        digest = await t.lead_user.in_group(supergroup).wait_for_message("周调度通报")
        assert "督查室" in digest.text


async def test_a_digest_to_a_group_upgraded_unnoticed_goes_to_the_supergroup(
    sandbox: Sandbox,
) -> None:
    """If the bot never got the notice (down longer than Telegram keeps updates), the digest
    refused at the old id is sent to the supergroup Telegram names, and the team follows it."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        group = await leaders_group(t)
        supergroup = await group.upgrade(t.lead_user, announce=False)
        await sandbox.wait_idle()
        assert team_group(t) == group.id  # nothing told the bot yet
        await t.lead.send("/digest")
        await t.lead_user.in_group(supergroup).wait_for_message("周调度通报")
        await sandbox.wait_idle()
        assert team_group(t) == supergroup.id
        assert menu(t, supergroup) == ["help"]  # the leaders' group's, not a new group's


def photos_filed(t: Team) -> list[int]:
    """How many photos each report of the team holds, oldest report first."""
    reports = t.app.bot_data.services.store.reports.all()
    return [len(r.attachments) for r in sorted(reports, key=lambda r: r.created_at)]


async def test_an_album_about_no_task_is_asked_about_once_and_filed_whole(
    sandbox: Sandbox,
) -> None:
    """Three photos sent as one album get one "which task?" question, and the one answer files
    all three, with the caption, as one report."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        zhang = t.officials["张三"]
        await sandbox.wait_idle()
        asked = len(zhang.bot_messages())
        await zhang.send_album([PNG, PNG, PNG], caption="厂房主体已封顶")
        question = await zhang.wait_for_message("哪一项任务")
        await sandbox.wait_idle()
        assert len(zhang.bot_messages()) == asked + 1
        await zhang.press(question.buttons[0][0].text, message=question)
        await sandbox.wait_idle()
        assert photos_filed(t) == [3]
        (report,) = t.app.bot_data.services.store.reports.all()
        assert report.progress_text == "厂房主体已封顶"


async def test_an_album_replying_to_a_task_is_one_report_with_one_confirmation(
    sandbox: Sandbox,
) -> None:
    """An album sent as a reply to the bot's message about a task is one report: one
    confirmation, edited as the photos arrive until it counts them all."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        await zhang.send_album([PNG, PNG, PNG], caption="现场照片", reply_to=tasks)
        await sandbox.wait_idle()
        (confirmation,) = [m for m in zhang.bot_messages() if "反馈：\n📌" in m.text]
        assert confirmation.text.startswith("✅ 已记录反馈")
        assert "3 张图片" in confirmation.text
        assert photos_filed(t) == [3]


async def test_removing_the_bot_from_the_leaders_group_is_told_to_the_leads(
    sandbox: Sandbox,
) -> None:
    """When the bot is removed from the leaders' group (``my_chat_member``: kicked), each lead
    is told at once, in their language, how to restore it; removal from another group, or an
    official blocking the bot, sends nobody anything."""
    async with team(sandbox) as t:
        group = await leaders_group(t)
        other = sandbox.create_group("闲聊群", members=[t.lead_user])
        await sandbox.wait_idle()
        before = len(t.lead.bot_messages())
        await other.remove_bot()
        await sandbox.driver.user(t.officials["张三"].user.id).block()
        await sandbox.wait_idle()
        assert len(t.lead.bot_messages()) == before
        await group.remove_bot()
        notice = await t.lead.wait_for_message("移出")
        assert "「督查室」的领导群「县领导群」" in notice.text
        assert "/setgroup" in notice.text
        assert team_group(t) == group.id  # kept: adding the bot back is enough


async def test_a_429_during_the_digest_delays_it_and_loses_nothing(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The leaders' group is at its flood limit when the digest goes out (another client used
    it up): Telegram answers 429 with retry_after; the digest waits as asked and arrives whole,
    once, and the lead hears it was sent."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB warns when it builds a RetryAfter
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        group = await leaders_group(t)
        roomy = Limit(1000, 1.0)
        sandbox.set_rate_limits(RateLimits(overall=roomy, private_chat=roomy, group=Limit(2, 2.0)))
        async with bot_for(sandbox) as other:
            for _ in range(2):
                await other.send_message(group.id, "占用")
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周通报已发出", timeout=15)
        await sandbox.wait_idle()
        assert sandbox.counters.rate_limited >= 1
        sent = [m.text for m in t.lead_user.in_group(group).bot_messages() if m.text != "占用"]
        digest = [text for text in sent if "周调度通报" in text]
        assert len(digest) == 1
        assert "产业发展" in "".join(sent)


async def test_editing_a_photos_caption_edits_the_report_it_made(sandbox: Sandbox) -> None:
    """A photo filed with a caption, its caption then edited: the report's text and progress
    follow the edit (as for an edited text), the photo stays, and the sender is told."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        photo = await zhang.send_photo(PNG, caption="主体施工\n进度 30%", reply_to=tasks)
        await zhang.wait_for_message("已记录")
        await zhang.edit(photo, "主体已封顶\n进度 60%")
        edited = await zhang.wait_for_message("已更新")
        assert "60%" in edited.text
        (report,) = t.app.bot_data.services.store.reports.all()
        assert (report.progress, report.progress_text) == (60, "主体已封顶")
        assert len(report.attachments) == 1


async def test_help_in_a_group_says_what_the_group_is_for_to_anyone(sandbox: Sandbox) -> None:
    """/help in the leaders' group tells anyone, registered or not, what the group receives
    (in the team's language); in another group it names the one thing the bot does there, in
    the sender's language; nobody is told in a group that they are not registered."""
    async with team(sandbox) as t:
        group = await leaders_group(t)
        leader = sandbox.create_user("县长", language_code="en")  # never registered
        group.add_member(leader)
        in_group = leader.in_group(group)
        await in_group.send_command("help")
        said = (await in_group.wait_for_message("本群是")).text
        assert "「督查室」" in said
        assert "周调度通报" in said
        other = sandbox.create_group("闲聊群", members=[leader, t.lead_user])
        await leader.in_group(other).send_command("help")
        assert "/setgroup" in (await leader.in_group(other).wait_for_message("leaders'")).text
        await t.lead_user.in_group(other).send_command("help")
        assert "/setgroup" in (await t.lead_user.in_group(other).wait_for_message("领导群")).text
        await sandbox.wait_idle()
        everything = [m.text for g in (group, other) for m in leader.in_group(g).bot_messages()]
        assert not any("登记。" in text or "not registered" in text for text in everything)


async def test_an_official_who_unblocks_the_bot_is_prompted_again(sandbox: Sandbox) -> None:
    """An official who blocked the bot is marked unreachable (and skipped by the rhythm); once
    they unblock it (``my_chat_member``: member again), the mark is cleared, the roster stops
    flagging them and the next weekly prompt reaches them."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        zhang = t.officials["张三"]
        user = sandbox.driver.user(zhang.user.id)
        await user.block()
        await accept_suggestions(t.lead)
        await t.lead.wait_for_message("无法给 张三 发消息")
        await user.unblock()
        await sandbox.wait_idle()
        await t.lead.send("/roster")
        roster = (await t.lead.wait_for_message("人员名单")).text
        assert not any("张三" in line and "⚠️" in line for line in roster.splitlines())
        await t.lead.send("/dispatch")
        assert "张三" in (await zhang.wait_for_message("本周调度")).text


async def test_a_report_cannot_reorder_the_messages_that_show_it(sandbox: Sandbox) -> None:
    """A report whose text carries a right-to-left override is kept as sent, but the bot's
    messages showing it (the confirmation, the lead's /task) carry no bidi control, so the
    text cannot reorder what a reader sees after it."""
    sneaky = "完成\u202e%08 度进\u202c，下周验收"
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        zhang = t.officials["张三"]
        await zhang.send("/mytasks")
        tasks = await zhang.wait_for_message("您的任务")
        await zhang.send(sneaky, reply_to=tasks)
        confirmation = await zhang.wait_for_message("已记录")
        (report,) = t.app.bot_data.services.store.reports.all()
        assert report.progress_text == sneaky
        await t.lead.send(f"/task {report.measure_id}")
        shown = await t.lead.wait_for_message("%08 度进")
        for text in (confirmation.text, shown.text):
            assert "完成%08 度进，下周验收" in text
            assert not any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in text)


async def test_commands_in_a_forum_topic_are_answered_in_that_topic(sandbox: Sandbox) -> None:
    """In a leaders' group with topics, /setgroup and /help sent in a topic are answered in
    that topic (where the sender reads), and /help in General is answered in General."""
    async with team(sandbox) as t:
        forum = sandbox.create_group("县领导群", members=[t.lead_user], forum=True)
        topic = forum.create_topic(t.lead_user, "督办通报")
        chat = t.lead_user.in_group(forum)
        await chat.send_command("setgroup", thread=topic)
        assert (await chat.wait_for_message("领导群")).thread == topic
        await chat.send_command("help", thread=topic)
        assert (await chat.wait_for_message("本群是")).thread == topic
        await chat.send_command("help")
        assert (await chat.wait_for_message("本群是")).thread is None
        assert team_group(t) == forum.id


async def test_a_message_edited_before_which_task_is_answered_files_the_edit(
    sandbox: Sandbox,
) -> None:
    """A text about no task in view is asked about ("which task?"); edited before the answer,
    the edit, not the first wording, is what the answer files."""
    async with team(sandbox) as t:
        await import_plan(t.lead, PLAN)
        await accept_suggestions(t.lead)
        zhang = t.officials["张三"]
        sent = await zhang.send("厂房主体施工\n进度 30%")
        question = await zhang.wait_for_message("哪一项任务")
        await zhang.edit(sent, "厂房主体已封顶\n进度 60%")
        await sandbox.wait_idle()
        await zhang.press(question.buttons[0][0].text, message=question)
        await zhang.wait_for_edit(question, "已记录")
        (report,) = t.app.bot_data.services.store.reports.all()
        assert (report.progress, report.progress_text) == (60, "厂房主体已封顶")


async def test_setgroup_from_an_anonymous_admin_asks_them_to_post_as_themself(
    sandbox: Sandbox,
) -> None:
    """/setgroup sent by an anonymous group admin (from @GroupAnonymousBot on behalf of the
    group) cannot be checked against a role: the bot says how to send it so it can be, and
    sets nothing; sent as themself, the lead's /setgroup then works."""
    async with team(sandbox) as t:
        group = sandbox.create_group("县领导群", admins=[t.lead_user])
        chat = t.lead_user.in_group(group)
        await chat.send_command("setgroup", anonymous=True)
        assert "匿名" in (await chat.wait_for_message("/setgroup")).text
        assert team_group(t) is None
        await chat.send_command("setgroup")
        await chat.wait_for_message("本群已设为")
        assert team_group(t) == group.id
