"""The sandbox's records of users, chats and messages, and their Bot API JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sandbox.text import FormattedText

ChatId = int


@dataclass
class UserRecord:
    """A Telegram account: a scripted person or the bot itself."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    started: bool = False
    blocked: bool = False
    deactivated: bool = False  # the account was deleted: sends fail with 403 "user is deactivated"

    def as_user(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        user: dict[str, Any] = {
            "id": self.id,
            "is_bot": self.is_bot,
            "first_name": self.first_name,
        }
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                user[key] = value
        return user

    @property
    def full_name(self) -> str:
        """First and last name, as clients show them."""
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass
class StoredMessage:
    """One message in a chat, as it currently stands (edits applied)."""

    chat_id: ChatId
    message_id: int
    sender_id: int
    date: int
    text: FormattedText | None = None
    caption: FormattedText | None = None
    reply_markup: dict[str, Any] | None = None
    reply_to: int | None = None
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    edit_date: int | None = None
    media_group_id: str | None = None  # the album the message belongs to
    thread: int | None = None  # the forum topic (its creation message's id), None: General
    sender_chat: int | None = None  # posted on behalf of this chat (an anonymous admin)
    service: dict[str, Any] | None = None  # a service message's fields (migrate_to_chat_id...)
    deleted: bool = False
    revision: int = 0

    @property
    def content(self) -> FormattedText:
        """Text or caption (empty for a bare file)."""
        return self.text or self.caption or FormattedText("")


@dataclass
class ChatRecord:
    """A private chat with the bot, or a group the bot is in."""

    id: ChatId
    type: str
    title: str | None = None
    username: str | None = None
    members: dict[int, str] = field(default_factory=dict)
    bot_status: str = "member"
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    next_message_id: int = 1
    migrated_to: int | None = None  # the supergroup this group became (sends are refused)
    is_forum: bool = False  # a supergroup with topics
    topics: dict[int, str] = field(default_factory=dict)  # thread id → topic name
    #: What the bot may not send here (``text``, ``photos``, ``documents``): it is restricted,
    #: or only admins may send; refused with 400 "not enough rights to send ... to the chat"
    denied: set[str] = field(default_factory=set)
    slow_mode_delay: int = 0  # seconds between two messages of a non-admin (a supergroup's)
    last_post_at: float | None = None  # when the bot last posted (real time, for slow mode)

    @property
    def is_private(self) -> bool:
        """Whether this is a one-to-one chat between a user and the bot."""
        return self.type == "private"

    def new_message_id(self) -> int:
        """The next message id in this chat (ids grow per chat)."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def live_messages(self) -> list[StoredMessage]:
        """Messages not deleted, oldest first."""
        return [message for message in self.messages.values() if not message.deleted]


def chat_json(chat: ChatRecord, users: dict[int, UserRecord]) -> dict[str, Any]:
    """The Bot API ``Chat`` object."""
    data: dict[str, Any] = {"id": chat.id, "type": chat.type}
    if chat.is_private:
        user = users[chat.id]
        data["first_name"] = user.first_name
        for key in ("last_name", "username"):
            if getattr(user, key) is not None:
                data[key] = getattr(user, key)
    else:
        data["title"] = chat.title or ""
        if chat.is_forum:
            data["is_forum"] = True
        if chat.username:
            data["username"] = chat.username
    return data


def message_json(
    message: StoredMessage,
    chat: ChatRecord,
    users: dict[int, UserRecord],
    *,
    with_reply: bool = True,
) -> dict[str, Any]:
    """The Bot API ``Message`` object, with ``reply_to_message`` one level deep."""
    data: dict[str, Any] = {
        "message_id": message.message_id,
        "from": users[message.sender_id].as_user(),
        "chat": chat_json(chat, users),
        "date": message.date,
    }
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    reply = chat.messages.get(message.reply_to) if message.reply_to else None
    if with_reply and reply is not None and not reply.deleted:
        data["reply_to_message"] = message_json(reply, chat, users, with_reply=False)
    if message.sender_chat == chat.id:
        data["sender_chat"] = chat_json(chat, users)
    data.update(_content_json(message))
    if message.reply_markup and "inline_keyboard" in message.reply_markup:
        data["reply_markup"] = message.reply_markup
    return data


def _content_json(message: StoredMessage) -> dict[str, Any]:
    data: dict[str, Any] = dict(message.service or {})
    if message.media_group_id is not None:
        data["media_group_id"] = message.media_group_id
    if message.thread is not None:
        data["message_thread_id"] = message.thread
        data["is_topic_message"] = True
    if message.document is not None:
        data["document"] = message.document
    if message.photo is not None:
        data["photo"] = message.photo
    if message.text is not None:
        data["text"] = message.text.text
        if message.text.entities:
            data["entities"] = list(message.text.entities)
    if message.caption is not None:
        data["caption"] = message.caption.text
        if message.caption.entities:
            data["caption_entities"] = list(message.caption.entities)
    return data
