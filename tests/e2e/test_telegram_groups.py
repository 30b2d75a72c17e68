"""What Telegram does to the leaders' group, played through the real Application over HTTP:
the group becoming a supergroup, the bot removed from it, topics, anonymous admins, /help from
anyone, a 429 in the middle of the digest."""

from __future__ import annotations

import pytest

from sandbox import Group, Limit, RateLimits, Sandbox
from sandbox.testing import bot_for
from tests.e2e.harness import PLAN, Team, accept_suggestions, import_plan, team


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
