"""Text messages: sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage."""

from __future__ import annotations

from typing import Any

from sandbox import errors
from sandbox.errors import bad_request
from sandbox.methods.base import (
    ApiCall,
    Handler,
    message_text,
    reply_markup,
    reply_target,
    thread_target,
    writable_chat,
)
from sandbox.model import StoredMessage

#: How old (seconds) a message may be and still be edited, as the sandbox models Telegram.
MAX_EDIT_AGE = 48 * 3600


async def send_message(call: ApiCall) -> dict[str, Any]:
    """sendMessage: post a text message from the bot."""
    chat = writable_chat(call, "text")
    body = message_text(call)
    markup = reply_markup(call)
    reply_to = reply_target(call, chat)
    thread = thread_target(call, chat, reply_to)
    message = call.world.post(
        chat, call.world.bot.id, text=body, reply_markup=markup, reply_to=reply_to, thread=thread
    )
    return call.world.message_json(message)


async def edit_message_text(call: ApiCall) -> dict[str, Any]:
    """editMessageText: replace the text (and keyboard: omitted means removed)."""
    message = _bot_message_to_edit(call)
    body = message_text(call)
    markup = reply_markup(call, inline_only=True)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    if body == message.text and markup == message.reply_markup:
        raise bad_request(errors.NOT_MODIFIED)
    message.text = body
    return _edited(call, message, markup)


async def edit_message_reply_markup(call: ApiCall) -> dict[str, Any]:
    """editMessageReplyMarkup: replace the inline keyboard (omitted means removed)."""
    message = _bot_message_to_edit(call)
    markup = reply_markup(call, inline_only=True)
    if markup == message.reply_markup or (not markup and not message.reply_markup):
        raise bad_request(errors.NOT_MODIFIED)
    return _edited(call, message, markup)


async def delete_message(call: ApiCall) -> bool:
    """deleteMessage: the bot's own messages anywhere; others' in private chats or as admin."""
    world = call.world
    chat = world.find_chat(call.params.chat_id())
    message = world.find_message(chat, call.params.integer("message_id", required=True))
    if message is None:
        raise bad_request(errors.DELETE_NOT_FOUND)
    mine = message.sender_id == world.bot.id
    if not (mine or chat.is_private or world.is_admin(chat, world.bot.id)):
        raise bad_request("message can't be deleted")
    message.deleted = True
    world.notifier.notify()
    return True


def _bot_message_to_edit(call: ApiCall) -> StoredMessage:
    if call.params.has("inline_message_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    world = call.world
    chat = world.find_chat(call.params.chat_id())
    message = world.find_message(chat, call.params.integer("message_id", required=True))
    if message is None:
        raise bad_request(errors.EDIT_NOT_FOUND)
    if message.sender_id != world.bot.id or world.now() - message.date > MAX_EDIT_AGE:
        raise bad_request(errors.CANT_EDIT)
    return message


def _edited(
    call: ApiCall, message: StoredMessage, markup: dict[str, Any] | None
) -> dict[str, Any]:
    message.reply_markup = markup
    message.edit_date = call.world.now()
    message.revision += 1
    call.world.notifier.notify()
    return call.world.message_json(message)


METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
}
