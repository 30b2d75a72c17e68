"""Scripted people and the groups they share with the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sandbox.conversation import UserChat
from sandbox.model import ChatRecord, UserRecord

if TYPE_CHECKING:
    from sandbox.driver import Driver


class ScriptedUser:
    """A Telegram user the test controls. Create one with ``Driver.create_user``."""

    def __init__(self, driver: Driver, record: UserRecord) -> None:
        self._driver = driver
        self.record = record

    @property
    def id(self) -> int:
        """The user's id (also the id of their private chat with the bot)."""
        return self.record.id

    @property
    def first_name(self) -> str:
        """First name."""
        return self.record.first_name

    @property
    def username(self) -> str | None:
        """Username without ``@``."""
        return self.record.username

    @property
    def private(self) -> UserChat:
        """The private chat with the bot (the bot may only write once the user started it)."""
        return self._driver.chat_for(self._driver.world.private_chat(self.record), self.record)

    async def start(self, payload: str | None = None) -> UserChat:
        """Press Start: send ``/start`` (with a deep-link payload) and return the private chat."""
        chat = self.private
        await chat.send(f"/start {payload}" if payload else "/start")
        return chat

    def in_group(self, group: Group) -> UserChat:
        """This user's view of a group they are a member of."""
        if group.record.members.get(self.id) in (None, "left", "kicked"):
            raise ValueError(f"{self.first_name} is not a member of {group.title!r}")
        return self._driver.chat_for(group.record, self.record)

    async def block(self) -> None:
        """Block the bot: its sends fail with 403, and it gets a ``my_chat_member`` update."""
        self._driver.set_blocked(self.record, True)

    async def unblock(self, *, announce: bool = True) -> None:
        """Unblock (restart) the bot; not ``announce``: the ``my_chat_member`` update never
        reaches the bot (it was down longer than Telegram keeps updates)."""
        self._driver.set_blocked(self.record, False, announce=announce)

    def deactivate(self) -> None:
        """Delete the account: the bot's sends fail with 403 "user is deactivated" (Telegram
        sends no update)."""
        self.record.deactivated = True

    def vanish(self) -> None:
        """The private chat becomes unknown to Telegram for the bot: its sends fail with 400
        "chat not found" (as for an account long gone)."""
        self._driver.world.chats.pop(self.id, None)

    def visible_commands(self, group: Group | None = None) -> list[tuple[str, str]]:
        """The command menu this user's client shows in the private chat or a group."""
        world = self._driver.world
        chat = group.record if group else world.private_chat(self.record)
        admin = world.is_admin(chat, self.id)
        menu = world.commands.visible(chat, self.id, self.record.language_code, is_admin=admin)
        return [(item["command"], item["description"]) for item in menu]

    def __repr__(self) -> str:
        return f"ScriptedUser({self.first_name!r}, id={self.id})"


class Group:
    """A group chat with the bot in it. Create one with ``Driver.create_group``."""

    def __init__(self, driver: Driver, record: ChatRecord) -> None:
        self._driver = driver
        self.record = record

    @property
    def id(self) -> int:
        """The group's chat id (negative)."""
        return self.record.id

    @property
    def title(self) -> str:
        """The group's title."""
        return self.record.title or ""

    def add_member(self, user: ScriptedUser, *, admin: bool = False) -> None:
        """Add a user (as administrator if ``admin``)."""
        self.record.members[user.id] = "administrator" if admin else "member"
        self._driver.world.notifier.notify()

    def remove_member(self, user: ScriptedUser) -> None:
        """Let a user leave."""
        self.record.members[user.id] = "left"
        self._driver.world.notifier.notify()

    def as_user(self, user: ScriptedUser) -> UserChat:
        """The group as ``user`` sees it (same as ``user.in_group(group)``)."""
        return user.in_group(self)

    async def remove_bot(self) -> None:
        """Kick the bot: its sends fail with 403, and it gets a ``my_chat_member`` update."""
        self._driver.set_bot_status(self.record, "kicked")

    async def upgrade(self, by: ScriptedUser, *, announce: bool = True) -> Group:
        """``by`` turns this basic group into a supergroup (a new chat id): the bot is told
        with ``migrate_to_chat_id``/``migrate_from_chat_id`` (unless not ``announce``); sends
        to the old id are refused with ``migrate_to_chat_id``; returns the supergroup."""
        record = self._driver.upgrade_group(self.record, by.record, announce=announce)
        return Group(self._driver, record)

    def create_topic(self, by: ScriptedUser, name: str) -> int:
        """``by`` opens a topic in this forum; returns its id (``message_thread_id``)."""
        return self._driver.create_topic(self.record, by.record, name)

    def delete_topic(self, thread: int) -> None:
        """Delete a topic of this forum (Telegram does not tell the bot): a send naming it is
        refused with ``message thread not found``."""
        self._driver.delete_topic(self.record, thread)

    async def restrict_bot(
        self, *kinds: str, announce: bool = True, only_admins: bool = False
    ) -> None:
        """The bot may no longer send ``kinds`` here (``text``, ``photos``, ``documents``; all
        three if none named): an admin restricted it (it gets ``my_chat_member``: restricted,
        unless not ``announce``), or with ``only_admins`` the group let only admins send (no
        update). Its sends are refused with 400 "not enough rights to send ... to the chat"."""
        self.record.denied = set(kinds or ("text", "photos", "documents"))
        if only_admins:
            self._driver.world.notifier.notify()
        else:
            self._driver.set_bot_status(self.record, "restricted", announce=announce)

    async def lift_restrictions(self) -> None:
        """The bot may send everything again (a plain member; ``my_chat_member`` if it was
        restricted)."""
        self.record.denied = set()
        self._driver.set_bot_status(self.record, "member")

    def set_slow_mode(self, seconds: int) -> None:
        """Slow mode: a non-admin (the bot included) may post once per ``seconds``; a second
        message sooner is refused with 429 and the seconds left as ``retry_after``."""
        self.record.slow_mode_delay = seconds
        self.record.last_post_at = None

    async def add_bot(self, *, admin: bool = False) -> None:
        """(Re-)add the bot, optionally as administrator."""
        self._driver.set_bot_status(self.record, "administrator" if admin else "member")

    def __repr__(self) -> str:
        return f"Group({self.title!r}, id={self.id})"
