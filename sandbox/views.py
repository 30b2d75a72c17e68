"""Read-only snapshots of messages as a user sees them, for assertions and transcripts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sandbox.model import StoredMessage
from sandbox.state import World
from sandbox.text import entity_text


class ButtonNotFound(LookupError):
    """No inline button with that text on the message(s) searched."""


@dataclass(frozen=True)
class Button:
    """An inline keyboard button."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class MessageView:
    """A message in a chat at one moment: current text after edits, buttons, attachments.

    ``text`` is the text or caption (empty for a bare file); ``revision`` grows with each edit.
    """

    chat_id: int
    message_id: int
    sender_id: int
    sender_name: str
    from_bot: bool
    date: int
    text: str
    entities: tuple[dict[str, Any], ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    keyboard: tuple[tuple[str, ...], ...] = ()
    reply_to: int | None = None
    document: dict[str, Any] | None = None
    photo: tuple[dict[str, Any], ...] | None = None
    edited: bool = False
    revision: int = 0
    thread: int | None = None  # the forum topic it is in (None: General, or not a forum)

    @property
    def button_texts(self) -> list[str]:
        """Every inline button's text, row by row."""
        return [button.text for row in self.buttons for button in row]

    def button(self, text: str) -> Button:
        """The inline button with exactly this text (else :class:`ButtonNotFound`)."""
        for row in self.buttons:
            for button in row:
                if button.text == text:
                    return button
        raise ButtonNotFound(
            f"no button {text!r} on message {self.message_id}: {self.button_texts}"
        )

    def entity_texts(self, kind: str) -> list[str]:
        """The pieces of text covered by entities of ``kind`` (e.g. ``"bold"``)."""
        return [entity_text(self.text, e) for e in self.entities if e["type"] == kind]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (used by the control endpoints)."""
        return asdict(self)

    def render(self) -> str:
        """One readable block, e.g. for a demo or a failure message."""
        head = f"#{self.message_id} {self.sender_name}{' (edited)' if self.edited else ''}:"
        lines = [head]
        if self.document is not None:
            lines.append(f"  [document {self.document.get('file_name', '?')}]")
        if self.photo is not None:
            lines.append("  [photo]")
        lines += [f"  {line}" for line in self.text.splitlines() or [""]]
        lines += ["  " + " ".join(f"[{b.text}]" for b in row) for row in self.buttons]
        lines += ["  " + " ".join(f"<{label}>" for label in row) for row in self.keyboard]
        return "\n".join(lines)


def view_of(world: World, message: StoredMessage) -> MessageView:
    """Snapshot a stored message."""
    sender = world.users[message.sender_id]
    markup = message.reply_markup or {}
    return MessageView(
        chat_id=message.chat_id,
        message_id=message.message_id,
        sender_id=sender.id,
        sender_name=sender.full_name,
        from_bot=sender.id == world.bot.id,
        date=message.date,
        text=message.content.text,
        entities=message.content.entities,
        buttons=_inline_buttons(markup),
        keyboard=_reply_keyboard(markup),
        reply_to=message.reply_to,
        document=message.document,
        photo=tuple(message.photo) if message.photo is not None else None,
        edited=message.edit_date is not None,
        revision=message.revision,
        thread=message.thread,
    )


def _inline_buttons(markup: dict[str, Any]) -> tuple[tuple[Button, ...], ...]:
    rows = markup.get("inline_keyboard") or []
    return tuple(
        tuple(Button(b["text"], b.get("callback_data"), b.get("url")) for b in row) for row in rows
    )


def _reply_keyboard(markup: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    rows = markup.get("keyboard") or []
    return tuple(
        tuple(b if isinstance(b, str) else str(b.get("text", "")) for b in row) for row in rows
    )


def render_transcript(views: list[MessageView]) -> str:
    """A whole chat as text, oldest message first."""
    return "\n".join(view.render() for view in views) or "(no messages)"
