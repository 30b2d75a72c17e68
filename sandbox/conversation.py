"""One user's side of one chat: send, edit, press buttons, read, and wait for the bot."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sandbox.callbacks import CallbackAnswer
from sandbox.model import ChatRecord, UserRecord
from sandbox.text import FormattedText
from sandbox.views import Button, ButtonNotFound, MessageView, render_transcript, view_of

if TYPE_CHECKING:
    from sandbox.driver import Driver

#: What to wait for: a substring, a regex, or a predicate on the message.
Match = str | re.Pattern[str] | Callable[[MessageView], bool] | None
MessageRef = MessageView | int


def matches(match: Match, view: MessageView) -> bool:
    """Whether a message fits ``match`` (``None`` matches any message)."""
    if match is None:
        return True
    if isinstance(match, str):
        return match in view.text
    if isinstance(match, re.Pattern):
        return match.search(view.text) is not None
    return bool(match(view))


class UserChat:
    """A chat as one scripted user sees it and acts in it. Get it from the driver's users.

    Waits consume bot messages like ``expect``: :meth:`wait_for_message` returns the first
    bot message after the last one it returned that fits, so a test reads replies in order.
    """

    def __init__(self, driver: Driver, chat: ChatRecord, user: UserRecord) -> None:
        self._driver = driver
        self.chat = chat
        self.user = user
        self._cursor = 0

    @property
    def chat_id(self) -> int:
        """The chat's id (for a private chat, the user's id)."""
        return self.chat.id

    async def send(
        self,
        text: str,
        *,
        reply_to: MessageRef | None = None,
        thread: int | None = None,
        anonymous: bool = False,
    ) -> MessageView:
        """Send a text message (commands in it get ``bot_command`` entities); ``thread``: in
        that topic of a forum (a reply goes to the topic of what it answers); ``anonymous``: as
        an anonymous group admin (``from`` is @GroupAnonymousBot, ``sender_chat`` the group)."""
        body = FormattedText(text).stripped().with_auto_entities()
        return self._driver.post_from_user(
            self, text=body, reply_to=_message_id(reply_to), thread=thread, anonymous=anonymous
        )

    async def send_command(
        self,
        command: str,
        args: str = "",
        *,
        reply_to: MessageRef | None = None,
        thread: int | None = None,
        anonymous: bool = False,
    ) -> MessageView:
        """Send ``/command args``; in groups it is addressed as ``/command@botname``."""
        text = "/" + command.lstrip("/")
        if not self.chat.is_private and "@" not in text:
            text += f"@{self._driver.world.bot.username}"
        return await self.send(
            f"{text} {args}".strip(), reply_to=reply_to, thread=thread, anonymous=anonymous
        )

    async def send_document(
        self,
        data: bytes,
        filename: str,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
    ) -> MessageView:
        """Send a file; the bot can download it via getFile."""
        stored = self._driver.world.files.add(
            data, folder="documents", file_name=filename, mime=mime_type
        )
        return self._driver.post_from_user(
            self,
            document=stored.as_document(),
            caption=_caption(caption),
            reply_to=_message_id(reply_to),
        )

    async def send_photo(
        self, data: bytes, *, caption: str | None = None, reply_to: MessageRef | None = None
    ) -> MessageView:
        """Send a photo (PNG/JPEG/GIF bytes); the bot gets its sizes as PhotoSize objects."""
        sizes = self._driver.store_photo(data)
        return self._driver.post_from_user(
            self, photo=sizes, caption=_caption(caption), reply_to=_message_id(reply_to)
        )

    async def send_album(
        self,
        photos: list[bytes],
        *,
        caption: str | None = None,
        reply_to: MessageRef | None = None,
    ) -> list[MessageView]:
        """Send photos as one album, as Telegram delivers it: one message (and one update) per
        photo, all with the same ``media_group_id`` (and reply), the caption on the first."""
        group_id = self._driver.new_media_group_id()
        return [
            self._driver.post_from_user(
                self,
                photo=self._driver.store_photo(data),
                caption=_caption(caption) if index == 0 else None,
                reply_to=_message_id(reply_to),
                media_group_id=group_id,
            )
            for index, data in enumerate(photos)
        ]

    async def edit(self, message: MessageRef, text: str) -> MessageView:
        """Edit one of this user's messages; the bot gets an ``edited_message`` update."""
        return self._driver.edit_from_user(self, _message_id(message) or 0, text)

    async def press(
        self,
        button: str,
        *,
        message: MessageRef | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
    ) -> CallbackAnswer:
        """Press the inline button with this text and wait for the bot's callback answer.

        Without ``message`` the newest bot message carrying such a button is used.
        """
        query_id = await self.press_nowait(button, message=message)
        return await self._driver.wait_callback_answer(query_id, button, timeout)

    async def press_nowait(self, button: str, *, message: MessageRef | None = None) -> str:
        """Press a button without waiting; returns the callback query id."""
        view, found = self._find_button(button, message)
        if found.callback_data is None:
            raise ButtonNotFound(f"button {button!r} has no callback_data (url: {found.url})")
        return self._driver.press_from_user(self, view.message_id, found.callback_data)

    def delete(self, message: MessageRef) -> None:
        """Delete a message of this private chat for both sides, as a user may (Telegram
        tells the bot nothing): editing it is refused with "message to edit not found"."""
        stored = self.chat.messages[_message_id(message) or 0]
        stored.deleted = True
        self._driver.world.notifier.notify()

    def age(self, message: MessageRef, hours: float) -> None:
        """Date a message ``hours`` earlier (an old prompt): past 48 h Telegram refuses to edit
        it ("message can't be edited")."""
        self.chat.messages[_message_id(message) or 0].date -= int(hours * 3600)

    def expire(self, query_id: str) -> None:
        """Let a button press grow too old to answer before the bot gets to it (handled after
        a restart): ``answerCallbackQuery`` is refused with "query is too old"."""
        self._driver.world.callbacks.expire(query_id)

    def transcript(self) -> list[MessageView]:
        """Every message the user sees here, oldest first (edits applied, deletions gone)."""
        world = self._driver.world
        return [view_of(world, message) for message in self.chat.live_messages()]

    def render(self) -> str:
        """The transcript as readable text."""
        return render_transcript(self.transcript())

    def bot_messages(self) -> list[MessageView]:
        """The bot's messages here, oldest first."""
        return [view for view in self.transcript() if view.from_bot]

    def last_bot_message(self) -> MessageView | None:
        """The bot's newest message here, if any."""
        messages = self.bot_messages()
        return messages[-1] if messages else None

    def message(self, message_id: int) -> MessageView | None:
        """The current state of one message, or ``None`` if it was deleted."""
        stored = self._driver.world.find_message(self.chat, message_id)
        return view_of(self._driver.world, stored) if stored else None

    @property
    def chat_actions(self) -> list[str]:
        """Chat actions ("typing", ...) the bot has sent here, in order."""
        return list(self.chat.actions)

    async def wait_for_message(self, match: Match = None, *, timeout: float = 5.0) -> MessageView:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """The next bot message that fits ``match``, waiting up to ``timeout`` seconds."""
        found: list[MessageView] = []

        def arrived() -> bool:
            for view in self.bot_messages():
                if view.message_id > self._cursor and matches(match, view):
                    found.append(view)
                    return True
            return False

        await self._driver.wait_for(
            arrived, timeout=timeout, what=f"a bot message {match!r}", chat=self
        )
        self._cursor = found[-1].message_id
        return found[-1]

    async def wait_for_messages(self, count: int, *, timeout: float = 5.0) -> list[MessageView]:  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
        """The next ``count`` bot messages, in order."""
        return [await self.wait_for_message(timeout=timeout) for _ in range(count)]

    async def wait_for_edit(
        self,
        message: MessageView,
        match: Match = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109 - the driver's waits take a timeout like asyncio.wait_for
    ) -> MessageView:
        """The message once the bot has edited it (again) so that it fits ``match``."""

        def edited() -> bool:
            now = self.message(message.message_id)
            return now is not None and now.revision > message.revision and matches(match, now)

        await self._driver.wait_for(
            edited, timeout=timeout, what=f"an edit of #{message.message_id}", chat=self
        )
        current = self.message(message.message_id)
        assert current is not None
        return current

    def _find_button(self, text: str, message: MessageRef | None) -> tuple[MessageView, Button]:
        if message is not None:
            view = self.message(_message_id(message) or 0)
            if view is None:
                raise ButtonNotFound(f"message {_message_id(message)} is gone")
            return view, view.button(text)
        for view in reversed(self.bot_messages()):
            if text in view.button_texts:
                return view, view.button(text)
        raise ButtonNotFound(f"no bot message here has a button {text!r}\n{self.render()}")


def _message_id(message: MessageRef | None) -> int | None:
    return message.message_id if isinstance(message, MessageView) else message


def _caption(caption: str | None) -> Any:
    return FormattedText(caption).stripped().with_auto_entities() if caption else None
