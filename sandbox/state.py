"""The sandbox's world: the bot, users, chats, messages, files, updates and menus."""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass
from typing import Any

from sandbox import errors
from sandbox.callbacks import CallbackBoard
from sandbox.commands import CommandStore
from sandbox.config import SandboxConfig
from sandbox.counters import Counters
from sandbox.errors import bad_request, forbidden
from sandbox.files import FileStore
from sandbox.model import ChatRecord, StoredMessage, UserRecord, chat_json, message_json
from sandbox.notify import Notifier
from sandbox.updates import UpdateQueue

FIRST_USER_ID = 100_000_001
FIRST_GROUP_ID = -4_000_000_001
FIRST_SUPERGROUP_ID = -1_002_000_000_001
ADMIN_STATUSES = frozenset({"creator", "administrator"})
#: The account Telegram shows as the sender of an anonymous group admin's messages.
GROUP_ANONYMOUS_BOT = 1087968824


@dataclass
class WebhookSettings:
    """What ``setWebhook`` configured, and how delivery has been going."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    ip_address: str | None = None
    has_custom_certificate: bool = False
    last_error_date: int | None = None
    last_error_message: str | None = None


class World:
    """All sandbox state; methods and the driver change it, and every change is notified."""

    def __init__(self, config: SandboxConfig, notifier: Notifier, counters: Counters) -> None:
        self.config = config
        self.notifier = notifier
        self.counters = counters
        profile = config.bot
        self.bot = UserRecord(
            profile.id, profile.first_name, username=profile.username, is_bot=True
        )
        self.users: dict[int, UserRecord] = {self.bot.id: self.bot}
        self.chats: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.updates = UpdateQueue(notifier, counters)
        self.commands = CommandStore()
        self.callbacks = CallbackBoard()
        self.webhook: WebhookSettings | None = None
        self._user_ids = itertools.count(FIRST_USER_ID)
        self._group_numbers = itertools.count(0)

    def anonymous_admin(self) -> UserRecord:
        """``@GroupAnonymousBot``, the ``from`` of messages by anonymous group admins."""
        user = self.users.get(GROUP_ANONYMOUS_BOT)
        if user is None:
            user = self.users[GROUP_ANONYMOUS_BOT] = UserRecord(
                GROUP_ANONYMOUS_BOT, "Group", username="GroupAnonymousBot", is_bot=True
            )
        return user

    def now(self) -> int:
        """The current time from the configured clock, in whole epoch seconds."""
        return int(self.config.clock())

    def add_user(self, first_name: str, **details: Any) -> UserRecord:
        """Create a user (``last_name``, ``username``, ``language_code``, optional ``id``)."""
        user_id = details.pop("id", None) or next(self._user_ids)
        if user_id in self.users:
            raise ValueError(f"user {user_id} already exists")
        user = UserRecord(user_id, first_name, **details)
        self.users[user.id] = user
        self.private_chat(user)
        self.notifier.notify()
        return user

    def private_chat(self, user: UserRecord) -> ChatRecord:
        """The private chat between ``user`` and the bot (its id is the user's id)."""
        chat = self.chats.get(user.id)
        if chat is None:
            chat = self.chats[user.id] = ChatRecord(
                user.id, "private", members={user.id: "member"}
            )
        return chat

    def add_group(
        self,
        title: str,
        *,
        supergroup: bool = False,
        username: str | None = None,
        forum: bool = False,
    ) -> ChatRecord:
        """Create a group (or supergroup, or a supergroup with topics) with the bot in it."""
        if forum and not supergroup:
            raise ValueError("only a supergroup can have topics")
        number = next(self._group_numbers)
        chat_id = (FIRST_SUPERGROUP_ID if supergroup else FIRST_GROUP_ID) - number
        kind = "supergroup" if supergroup else "group"
        chat = self.chats[chat_id] = ChatRecord(
            chat_id, kind, title=title, username=username, is_forum=forum
        )
        self.notifier.notify()
        return chat

    def find_chat(self, chat_id: int | str) -> ChatRecord:
        """The chat for a ``chat_id`` parameter (an id or ``@username``), else 400."""
        if isinstance(chat_id, str):
            name = chat_id.lstrip("@").lower()
            for group in self.chats.values():
                if not group.is_private and (group.username or "").lower() == name:
                    return group
            raise bad_request(errors.CHAT_NOT_FOUND)
        chat = self.chats.get(chat_id)
        if chat is None:
            raise bad_request(errors.CHAT_NOT_FOUND)
        return chat

    def check_can_write(self, chat: ChatRecord, kind: str | None = None) -> None:
        """Raise the 403 Telegram gives when the bot may not post in ``chat`` (or the 400 with
        ``parameters.migrate_to_chat_id`` for a group that became a supergroup). A message of
        ``kind`` (``text``, ``photos``, ``documents``) is also checked against the bot's rights
        there (400 "not enough rights") and the group's slow mode (429 with the seconds left;
        admins are exempt from both)."""
        if chat.migrated_to is not None:
            raise errors.ApiError(
                400,
                f"Bad Request: {errors.GROUP_UPGRADED}",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.is_private:
            user = self.users[chat.id]
            if user.deactivated:
                raise forbidden(errors.DEACTIVATED)
            if user.blocked:
                raise forbidden(errors.BLOCKED)
            if not user.started:
                raise forbidden(errors.CANT_INITIATE)
        elif chat.bot_status in ("left", "kicked"):
            kind = "supergroup" if chat.type == "supergroup" else "group"
            raise forbidden(f"bot was kicked from the {kind} chat")
        if kind is not None and not chat.is_private and not self.is_admin(chat, self.bot.id):
            self._check_rights(chat, kind)

    def _check_rights(self, chat: ChatRecord, kind: str) -> None:
        if kind in chat.denied:
            raise errors.not_enough_rights(kind)
        if chat.slow_mode_delay:
            now = time.monotonic()
            last = chat.last_post_at
            if last is not None and now - last < chat.slow_mode_delay:
                self.counters.rate_limited += 1
                raise errors.too_many_requests(math.ceil(chat.slow_mode_delay - (now - last)))
            chat.last_post_at = now

    def find_message(self, chat: ChatRecord, message_id: int | None) -> StoredMessage | None:
        """A live (not deleted) message of ``chat``."""
        message = chat.messages.get(message_id) if message_id is not None else None
        return None if message is None or message.deleted else message

    def post(self, chat: ChatRecord, sender_id: int, **content: Any) -> StoredMessage:
        """Add a message to ``chat`` with the next id and the clock's date."""
        message = StoredMessage(chat.id, chat.new_message_id(), sender_id, self.now(), **content)
        chat.messages[message.message_id] = message
        self.notifier.notify()
        return message

    def message_json(self, message: StoredMessage) -> dict[str, Any]:
        """The Bot API ``Message`` for a stored message."""
        return message_json(message, self.chats[message.chat_id], self.users)

    def chat_json(self, chat: ChatRecord) -> dict[str, Any]:
        """The Bot API ``Chat`` for a chat."""
        return chat_json(chat, self.users)

    def user_json(self, user_id: int) -> dict[str, Any] | None:
        """The Bot API ``User`` for an id, or ``None`` if no such user exists."""
        user = self.users.get(user_id)
        return user.as_user() if user else None

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue an update of ``kind`` for the bot."""
        self.counters.updates_created += 1
        return self.updates.push({kind: payload})

    def is_admin(self, chat: ChatRecord, user_id: int) -> bool:
        """Whether ``user_id`` administers ``chat`` (the bot counts via ``bot_status``)."""
        if user_id == self.bot.id:
            return chat.bot_status in ADMIN_STATUSES
        return chat.members.get(user_id) in ADMIN_STATUSES

    def bot_sees(self, chat: ChatRecord, message: StoredMessage) -> bool:
        """Whether a user's message reaches the bot (privacy mode filters group chatter)."""
        if chat.is_private or not self.config.privacy_mode or self.is_admin(chat, self.bot.id):
            return True
        text = message.content.text
        mention = f"@{self.bot.username}".lower()
        if text.startswith("/"):
            command = text.split()[0].lower()
            return "@" not in command or command.endswith(mention)
        replied = self.find_message(chat, message.reply_to)
        return (
            replied is not None and replied.sender_id == self.bot.id
        ) or mention in text.lower()
