"""What Telegram does to the leaders' group, played through the real Application over HTTP:
the group becoming a supergroup, the bot removed from it (and the digest it then never got),
the group deleted, topics (the rhythm's, and one deleted), anonymous admins, /help from anyone,
a 429 in the middle of the digest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.domain.audit import Action
from bot.domain.clock import ManualClock
from bot.domain.work import Cycle, CycleKind
from sandbox import Group, Limit, RateLimits, Sandbox
from sandbox.testing import bot_for
from tests.e2e.harness import (
    Team,
    dispatch,
    plan_assigned,
    team,
)


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
        await plan_assigned(t.lead)
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
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        supergroup = await group.upgrade(t.lead_user, announce=False)
        await sandbox.wait_idle()
        assert team_group(t) == group.id  # nothing told the bot yet
        await t.lead.send("/digest")
        await t.lead_user.in_group(supergroup).wait_for_message("周调度通报")
        await sandbox.wait_idle()
        assert team_group(t) == supergroup.id
        assert menu(t, supergroup) == ["help"]  # the leaders' group's, not a new group's


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
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        roomy = Limit(1000, 1.0)
        sandbox.set_rate_limits(RateLimits(overall=roomy, private_chat=roomy, group=Limit(2, 2.0)))
        async with bot_for(sandbox) as other:
            for _ in range(2):
                await other.send_message(group.id, "占用")
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周调度通报已发出", timeout=15)
        await sandbox.wait_idle()
        assert sandbox.counters.rate_limited >= 1
        sent = [m.text for m in t.lead_user.in_group(group).bot_messages() if m.text != "占用"]
        digest = [text for text in sent if "周调度通报" in text]
        assert len(digest) == 1
        assert "产业发展" in "".join(sent)


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


def team_topic(t: Team) -> int | None:
    """The forum topic stored with the team's leaders' group."""
    (stored,) = t.app.bot_data.services.store.teams.all()
    return stored.group_thread_id


def weekly_cycle(t: Team) -> Cycle:
    """The team's one weekly cycle, as stored."""
    cycles = t.app.bot_data.services.store.cycles.all()
    (cycle,) = [c for c in cycles if c.kind is CycleKind.WEEKLY]
    return cycle


def audited(t: Team, action: Action) -> list[str]:
    """The subjects of the audit entries of ``action``."""
    return [e.subject for e in t.app.bot_data.services.store.audit.all() if e.action is action]


async def run_scheduled_digest(t: Team) -> None:
    """Move the clock to the team's digest job and run it, as the job queue would."""
    (team_row,) = t.app.bot_data.services.store.teams.all()
    assert t.app.job_queue is not None
    (job,) = t.app.job_queue.get_jobs_by_name(f"digest:{team_row.id}")
    clock = t.app.bot_data.clock
    assert isinstance(clock, ManualClock)
    clock.set(job.data.at)
    await job.run(t.app)
    await t.app.bot_data.rhythm.settle()
    await t.sb.wait_idle()


async def test_a_digest_the_leaders_group_did_not_get_is_not_called_sent(
    sandbox: Sandbox,
) -> None:
    """The bot removed from the leaders' group: the scheduled digest is refused there (403);
    the leads are told it did not reach the group, why and what to do, nothing records it as
    sent (cycle, audit, send records), their own copy carries no issue number, and /digest once
    the bot is back in the group sends it as 第1期 and records it."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        group = await leaders_group(t)
        await dispatch(t.lead)
        await group.remove_bot()
        await t.lead.wait_for_message("移出")
        await run_scheduled_digest(t)
        told = await t.lead.wait_for_message("未能发到领导群")
        assert "周调度通报" in told.text
        assert "移出" in told.text
        assert "/setgroup" in told.text
        assert "/digest" in told.text
        cycle = weekly_cycle(t)
        assert cycle.digest_sent_at is None
        assert cycle.digest_failed_at is not None
        assert audited(t, Action.DIGEST_SENT) == []
        assert audited(t, Action.DIGEST_UNDELIVERED) == [cycle.id]
        sent = t.app.bot_data.services.store.sent.all()
        assert not any(r.chat_id == group.id for r in sent)
        assert not any("周调度通报已发出" in m.text for m in t.lead.bot_messages())
        (copy,) = [m for m in t.lead.bot_messages() if m.text.startswith("📋 周调度通报")]
        assert not copy.text.split("\n")[1].startswith("第")  # not an issue: no 第N期
        await t.lead.send("/digest")  # still out of the group: told again, not "sent"
        again = await t.lead.wait_for_message(lambda m: m.text.startswith("⚠️ 周调度通报"))
        assert again.message_id != told.message_id
        await group.add_bot()  # the group stays set: adding the bot back is enough
        await t.lead.send("/digest")
        await t.lead.wait_for_message("第1期（")
        published = await t.lead_user.in_group(group).wait_for_message("周调度通报")
        assert published.text.split("\n")[1].startswith("第1期　督查室")
        assert weekly_cycle(t).digest_sent_at is not None
        assert audited(t, Action.DIGEST_SENT) == [cycle.id]


async def test_a_digest_to_a_deleted_group_says_so(sandbox: Sandbox) -> None:
    """A leaders' group Telegram no longer knows (400 chat not found): /digest tells the lead
    the group is gone and to /setgroup again, and claims nothing was sent."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        await leaders_group(t)
        services = t.app.bot_data.services
        (team_row,) = services.store.teams.all()
        services.store.teams.save(replace(team_row, group_chat_id=-999_999_999))  # gone
        await t.lead.send("/digest")
        told = await t.lead.wait_for_message("未能发到领导群")
        assert "领导群已解散" in told.text
        assert "/setgroup" in told.text
        assert not any("周调度通报已发出" in m.text for m in t.lead.bot_messages())


async def test_rhythm_messages_go_to_the_topic_setgroup_was_sent_in(sandbox: Sandbox) -> None:
    """In a forum, /setgroup sent in a topic stores the topic with the group: the digest and
    the monthly review (chart, text, ledger) go to that topic, not General; once the topic is
    deleted, the next digest goes to General, the team forgets the topic, and the lead hears
    it was sent."""
    async with team(sandbox) as t:
        await plan_assigned(t.lead)
        forum = sandbox.create_group("县领导群", members=[t.lead_user], forum=True)
        topic = forum.create_topic(t.lead_user, "督办通报")
        chat = t.lead_user.in_group(forum)
        await chat.send_command("setgroup", thread=topic)
        await chat.wait_for_message("领导群")
        assert (team_group(t), team_topic(t)) == (forum.id, topic)
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周调度通报已发出")
        assert (await chat.wait_for_message("周调度通报")).thread == topic
        await t.lead.send("/review")
        await t.lead.wait_for_message("月度研判已发出", timeout=20)
        review = [m for m in chat.bot_messages() if m.photo or m.document or "研判" in m.text]
        assert len(review) >= 3
        assert {m.thread for m in review} == {topic}
        forum.delete_topic(topic)
        before = len(chat.bot_messages())
        await t.lead.send("/digest")
        await t.lead.wait_for_message("周调度通报已发出")
        await sandbox.wait_idle()
        digest = [m for m in chat.bot_messages()[before:] if "周调度通报" in m.text]
        assert digest
        assert all(m.thread is None for m in digest)
        assert team_topic(t) is None
