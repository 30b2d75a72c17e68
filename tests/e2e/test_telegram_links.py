"""Personal links (``/start <token>``) as people really open them, played through the real
Application over HTTP: expired, opened twice, opened by a second person, mangled or overlong,
sent in a group, and opened by someone already registered."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain.clock import ManualClock
from sandbox import Sandbox
from tests.e2e.harness import Team, join, link_token, team, zh


async def fresh_link(t: Team, name: str = "李四") -> str:
    """The lead adds ``name`` to the roster; the token of their personal link."""
    await t.lead.send(f"/add {name} 县财政局 责任人")
    return link_token((await t.lead.wait_for_message(name)).text, name)


def people_named(t: Team, name: str) -> list[int | None]:
    """The Telegram accounts bound to the people named ``name``."""
    return [p.telegram_id for p in t.app.bot_data.services.store.people.all() if p.name == name]


async def test_an_expired_link_says_so_and_binds_nobody(sandbox: Sandbox) -> None:
    """A link opened after it expired is refused as expired (ask for a new one), and the
    person stays unbound."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        token = await fresh_link(t)
        clock = t.app.bot_data.clock
        assert isinstance(clock, ManualClock)
        clock.set(clock.now() + timedelta(days=400))
        chat = await zh(sandbox, "李四").start(token)
        assert "已过期" in (await chat.wait_for_message()).text
        assert people_named(t, "李四") == [None]


async def test_a_link_opened_twice_and_then_by_another_person(sandbox: Sandbox) -> None:
    """The owner opening their link again is told they have joined (nothing changes); a second
    person opening the same link is told it was used, and the person stays bound to the
    first account."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        token = await fresh_link(t)
        owner = zh(sandbox, "李四")
        await join(owner, token)
        again = await owner.start(token)
        assert "您已经加入「督查室」" in (await again.wait_for_message("已经加入")).text
        other = await zh(sandbox, "冒名者").start(token)
        assert "已经用过" in (await other.wait_for_message()).text
        assert people_named(t, "李四") == [owner.id]


@pytest.mark.parametrize(
    "payload",
    ["abc", "x" * 80, "<b>粗体</b>&amp;", "../../etc/passwd", "%00%FF"],
)
async def test_a_mangled_link_is_refused_politely(sandbox: Sandbox, payload: str) -> None:
    """A payload that is no token (short, past Telegram's 64 characters, markup, a path,
    escapes) gets the one "link not valid" line, rendered safely, and nobody is bound."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        stranger = zh(sandbox, "路人")
        chat = await stranger.start(payload)
        answer = await chat.wait_for_message()
        assert "邀请链接无效" in answer.text
        assert not answer.entities
        assert not t.app.bot_data.services.store.people.by_telegram_id(stranger.id)


async def test_a_link_sent_in_a_group_is_answered_there_and_kept(sandbox: Sandbox) -> None:
    """``/start <token>`` sent in a group (pasted there by mistake) binds nobody, uses up no
    link, and is answered in the group: personal links are opened in a private chat with
    the bot. The link still works there afterwards."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        token = await fresh_link(t)
        li = zh(sandbox, "李四")
        group = sandbox.create_group("工作群", members=[li, t.lead_user])
        in_group = li.in_group(group)
        await in_group.send(f"/start@{sandbox.config.bot.username} {token}")
        answer = await in_group.wait_for_message("私聊")
        assert token not in answer.text
        assert people_named(t, "李四") == [None]
        await join(li, token)
        assert people_named(t, "李四") == [li.id]


async def test_a_registered_person_opening_someone_elses_link_is_refused(
    sandbox: Sandbox,
) -> None:
    """Someone already registered opening a link meant for another name of their team (a
    colleague's, forwarded) is told under which name they are registered, and the link's
    person stays unbound (the link still works for its owner)."""
    async with team(sandbox, [("张三", "县发改委", "责任人", "")]) as t:
        zhang = t.officials["张三"]
        other_token = await fresh_link(t, "王二")
        await zhang.send(f"/start {other_token}")
        refused = await zhang.wait_for_message("已登记为")
        assert "张三" in refused.text
        assert people_named(t, "王二") == [None]
        owner = zh(sandbox, "王二")
        await join(owner, other_token)
        assert people_named(t, "王二") == [owner.id]
