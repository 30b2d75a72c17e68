"""The driver: scripted users and groups acting on the sandbox, and waits instead of sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from sandbox.actors import Group, ScriptedUser
from sandbox.callbacks import CallbackAnswer
from sandbox.conversation import UserChat
from sandbox.methods.chats import member_json
from sandbox.model import ChatRecord, UserRecord
from sandbox.spec import BotApiSpec
from sandbox.state import World
from sandbox.text import FormattedText
from sandbox.views import MessageView, view_of

IdleProbe = Callable[[], Awaitable[object]]
_MEMBER = frozenset({"creator", "administrator", "member", "restricted"})


class SandboxTimeout(TimeoutError):
    """A wait ran out of time; the message says what was awaited and shows the chat."""


class Driver:
    """Creates users and groups, lets them act, and waits for the bot to react."""

    def __init__(
        self, world: World, in_flight: Callable[[], int], spec: BotApiSpec | None = None
    ) -> None:
        self.world = world
        self._in_flight = in_flight
        self._spec = spec
        self._users: dict[int, ScriptedUser] = {}
        self._chats: dict[tuple[int, int], UserChat] = {}
        self._probes: list[IdleProbe] = []
        self._media_groups = 0

    # -- people and groups -------------------------------------------------------------
    def create_user(
        self,
        first_name: str = "Alice",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
    ) -> ScriptedUser:
        """A new user who has not started the bot yet."""
        record = self.world.add_user(
            first_name,
            id=user_id,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        user = self._users[record.id] = ScriptedUser(self, record)
        return user

    def create_group(
        self,
        title: str = "Team",
        *,
        members: Iterable[ScriptedUser] = (),
        admins: Iterable[ScriptedUser] = (),
        supergroup: bool = False,
        username: str | None = None,
        bot_is_admin: bool = False,
        forum: bool = False,
    ) -> Group:
        """A group with these members and the bot (who gets a ``my_chat_member`` update);
        ``forum``: a supergroup with topics (see :meth:`Group.create_topic`)."""
        record = self.world.add_group(
            title, supergroup=supergroup or forum, username=username, forum=forum
        )
        group = Group(self, record)
        for admin in admins:
            group.add_member(admin, admin=True)
        for member in members:
            if member.id not in record.members:
                group.add_member(member)
        record.bot_status = "left"
        self.set_bot_status(record, "administrator" if bot_is_admin else "member")
        return group

    def upgrade_group(
        self, group: ChatRecord, by: UserRecord, *, announce: bool = True
    ) -> ChatRecord:
        """Turn a basic group into a supergroup, as Telegram does when a group grows or an
        admin changes certain settings: a new chat with a new id takes the members; the old
        group gets a service message with ``migrate_to_chat_id``, the new one a message with
        ``migrate_from_chat_id`` (the bot receives both, privacy mode or not); from then on a
        send to the old id is refused with ``parameters.migrate_to_chat_id``. ``announce=False``
        models notices the bot never got (it was down longer than Telegram keeps updates)."""
        if group.type != "group" or group.migrated_to is not None:
            raise ValueError(f"chat {group.id} is not a basic group")
        world = self.world
        supergroup = world.add_group(group.title or "", supergroup=True, username=group.username)
        supergroup.members = dict(group.members)
        supergroup.bot_status = group.bot_status
        moved = world.post(group, by.id, service={"migrate_to_chat_id": supergroup.id})
        came = world.post(supergroup, by.id, service={"migrate_from_chat_id": group.id})
        group.migrated_to = supergroup.id
        if announce and group.bot_status not in ("left", "kicked"):
            world.push_update("message", world.message_json(moved))
            world.push_update("message", world.message_json(came))
        return supergroup

    def create_topic(self, group: ChatRecord, by: UserRecord, name: str) -> int:
        """Open a topic in a forum: its id is the id of its ``forum_topic_created`` service
        message, which the bot receives, in the topic."""
        if not group.is_forum:
            raise ValueError(f"chat {group.id} has no topics")
        world = self.world
        thread = group.next_message_id
        created = {"forum_topic_created": {"name": name, "icon_color": 7322096}}
        group.topics[thread] = name
        message = world.post(group, by.id, service=created, thread=thread)
        if group.bot_status not in ("left", "kicked"):
            world.push_update("message", world.message_json(message))
        return thread

    def delete_topic(self, group: ChatRecord, thread: int) -> None:
        """Delete a forum topic (the bot is not told): sends naming it are refused with
        ``message thread not found``."""
        if group.topics.pop(thread, None) is None:
            raise ValueError(f"chat {group.id} has no topic {thread}")
        self.world.notifier.notify()

    def user(self, user_id: int) -> ScriptedUser:
        """The scripted user with this id."""
        return self._users[user_id]

    def chat_for(self, chat: ChatRecord, user: UserRecord) -> UserChat:
        """The (cached) view of ``chat`` by ``user``; its wait cursor persists."""
        key = (chat.id, user.id)
        if key not in self._chats:
            self._chats[key] = UserChat(self, chat, user)
        return self._chats[key]

    # -- actions (called by UserChat / ScriptedUser / Group) ---------------------------
    def post_from_user(self, chat: UserChat, **content: Any) -> MessageView:
        """Post a user's message and deliver it to the bot if the bot would see it."""
        world, record, user = self.world, chat.chat, chat.user
        if record.migrated_to is not None:
            raise RuntimeError(f"group {record.id} became supergroup {record.migrated_to}")
        if record.is_private:
            if user.blocked:
                raise RuntimeError(f"{user.first_name} blocked the bot; unblock() first")
            user.started = True
        elif record.members.get(user.id) not in _MEMBER:
            raise ValueError(f"{user.first_name} is not a member of {record.title!r}")
        reply_to = content.get("reply_to")
        replied = world.find_message(record, reply_to) if reply_to is not None else None
        if reply_to is not None and replied is None:
            raise ValueError(f"message {reply_to} to reply to does not exist")
        if content.get("thread") is not None and content["thread"] not in record.topics:
            raise ValueError(f"{record.title!r} has no topic {content['thread']}")
        if record.is_forum and content.get("thread") is None and replied is not None:
            content["thread"] = replied.thread  # a reply stays in the topic it answers
        sender = user.id
        if content.pop("anonymous", False):
            if not world.is_admin(record, user.id):
                raise ValueError(f"only an admin of {record.title!r} can post anonymously")
            sender, content["sender_chat"] = world.anonymous_admin().id, record.id
        message = world.post(record, sender, **content)
        if record.bot_status in _MEMBER and world.bot_sees(record, message):
            world.push_update("message", world.message_json(message))
        return view_of(world, message)

    def edit_from_user(self, chat: UserChat, message_id: int, text: str) -> MessageView:
        """Edit a user's own message and send the bot an ``edited_message`` update."""
        world = self.world
        message = world.find_message(chat.chat, message_id)
        if message is None or message.sender_id != chat.user.id:
            raise ValueError(f"{chat.user.first_name} has no message {message_id} here")
        body = FormattedText(text).stripped().with_auto_entities()
        if message.text is not None:
            message.text = body
        else:
            message.caption = body
        message.edit_date = world.now()
        message.revision += 1
        world.notifier.notify()
        if chat.chat.bot_status in _MEMBER and world.bot_sees(chat.chat, message):
            world.push_update("edited_message", world.message_json(message))
        return view_of(world, message)

    def press_from_user(self, chat: UserChat, message_id: int, data: str) -> str:
        """Send the bot a ``callback_query`` for a button press; returns the query id."""
        world = self.world
        message = world.find_message(chat.chat, message_id)
        assert message is not None
        query_id = world.callbacks.open(chat.user.id)
        world.push_update(
            "callback_query",
            {
                "id": query_id,
                "from": chat.user.as_user(),
                "message": world.message_json(message),
                "chat_instance": str(abs(chat.chat.id) * 31 + 7),
                "data": data,
            },
        )
        return query_id

    def new_media_group_id(self) -> str:
        """A fresh album id (Telegram's are numeric strings)."""
        self._media_groups += 1
        return str(13_000_000_000_000_000 + self._media_groups)

    def store_photo(self, data: bytes) -> list[dict[str, Any]]:
        """Keep a user's photo in all its sizes."""
        return self.world.files.add_photo(data)

    def set_blocked(self, user: UserRecord, blocked: bool, *, announce: bool = True) -> None:
        """Block or unblock the bot, telling the bot with ``my_chat_member`` (unless not
        ``announce``: an update the bot never got)."""
        if user.blocked == blocked:
            return
        user.blocked = blocked
        chat = self.world.private_chat(user)
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        if announce:
            self._announce_bot_status(chat, user, old, new)

    def set_bot_status(self, chat: ChatRecord, status: str, *, announce: bool = True) -> None:
        """Change the bot's membership in a group, telling the bot with ``my_chat_member``
        (unless not ``announce``)."""
        old, chat.bot_status = chat.bot_status, status
        if old == status or not announce:
            self.world.notifier.notify()
            return
        actor_id = next(iter(chat.members), None)
        actor = self.world.users[actor_id] if actor_id is not None else self.world.bot
        self._announce_bot_status(chat, actor, old, status)

    def _announce_bot_status(
        self, chat: ChatRecord, actor: UserRecord, old: str, new: str
    ) -> None:
        world = self.world
        bot = world.bot.as_user()
        world.push_update(
            "my_chat_member",
            {
                "chat": world.chat_json(chat),
                "from": actor.as_user(),
                "date": world.now(),
                "old_chat_member": member_json(chat, bot, old),
                "new_chat_member": member_json(chat, bot, new),
            },
        )

    async def inject_update(self, update: dict[str, Any], *, check: bool = True) -> dict[str, Any]:
        """Queue a raw update (stickers, forged callback data, ...); returns it with its id.

        It is first checked against the Bot API's ``Update`` type, because a client library
        that cannot parse an update tends to re-fetch it forever (PTB does); pass
        ``check=False`` to send a malformed one on purpose.
        """
        if check and self._spec is not None:
            problems = self._spec.check_object("Update", {"update_id": 1, **update})
            if problems:
                raise ValueError("not a valid Update: " + "; ".join(problems))
        self.world.counters.updates_created += 1
        return self.world.updates.push(update)

    # -- waiting -----------------------------------------------------------------------
    async def wait_for(
        self,
        predicate: Callable[[], bool],
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        what: str = "the condition",
        chat: UserChat | None = None,
    ) -> None:
        """Wait until ``predicate()`` holds, re-checked on every change; else SandboxTimeout."""
        if await self.world.notifier.wait_for(predicate, timeout):
            return
        message = f"waited {timeout}s for {what}"
        if chat is not None:
            message += f"\n--- chat {chat.chat_id} as {chat.user.first_name} ---\n{chat.render()}"
        raise SandboxTimeout(message)

    async def wait_callback_answer(
        self,
        query_id: str,
        button: str,
        timeout: float,  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
    ) -> CallbackAnswer:
        """The bot's answer to a button press."""
        board = self.world.callbacks
        await self.wait_for(
            lambda: board.answer_of(query_id) is not None,
            timeout=timeout,
            what=f"the bot to answer the press of {button!r}",
        )
        answer = board.answer_of(query_id)
        assert answer is not None
        return answer

    def add_idle_probe(self, probe: IdleProbe) -> Callable[[], None]:
        """Also await ``probe()`` in :meth:`wait_idle`; returns a function removing it."""
        self._probes.append(probe)
        return lambda: self._probes.remove(probe)

    async def wait_idle(self, *, timeout: float = 5.0, quiet: float = 0.05) -> None:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """Wait until the bot took every update, no request is running, probes are settled
        and nothing changed for ``quiet`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        updates = self.world.updates
        while True:
            settled = await self.world.notifier.wait_for(
                lambda: updates.pending_count == 0 and self._in_flight() == 0,
                max(0.0, deadline - loop.time()),
            )
            if not settled:
                raise SandboxTimeout(
                    f"not idle after {timeout}s: {updates.pending_count} updates pending, "
                    f"{self._in_flight()} requests running"
                )
            await self._settle_probes(deadline - loop.time(), timeout)
            if not await self.world.notifier.wait_change(quiet):
                return

    async def _settle_probes(self, remaining: float, timeout: float) -> None:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        try:
            async with asyncio.timeout(max(0.0, remaining)):
                for probe in list(self._probes):
                    await probe()
        except TimeoutError:
            raise SandboxTimeout(f"not idle after {timeout}s: the bot is still busy") from None
