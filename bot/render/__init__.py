"""Pure renderers: domain and service results in, message text and inline keyboards out.

Renderers never call the store, the services or the Bot API. Every text that came from a user or
a document is escaped with :func:`bot.render.html.esc` before it is put into HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.domain.attachments import Attachment

if TYPE_CHECKING:  # the command line words plan files through bot.render without loading telegram
    from telegram import InlineKeyboardMarkup


@dataclass(frozen=True, slots=True)
class Message:
    """One message to send or edit: HTML text, optional inline buttons and files.

    Text longer than Telegram's limit is split at send time; the buttons go on the last part.
    ``files`` (evidence) follow the text as replies to it, each sent as its kind (a photo
    with sendPhoto, a document with sendDocument); edits leave them out.
    """

    text: str
    keyboard: InlineKeyboardMarkup | None = None
    notice: str | None = None  # a short toast for a callback query answer, if any
    files: tuple[Attachment, ...] = ()
