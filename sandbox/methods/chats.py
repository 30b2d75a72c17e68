"""The bot, chats, members: getMe, getChat, getChatMember, sendChatAction, answerCallbackQuery."""

from __future__ import annotations

from typing import Any

from sandbox import errors
from sandbox.callbacks import CallbackAnswer
from sandbox.errors import bad_request
from sandbox.methods.base import ApiCall, Handler, writable_chat
from sandbox.model import ChatRecord

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
#: A restricted member's rights beyond the three kinds the sandbox models (all withheld).
_RESTRICTED_RIGHTS = (
    "can_send_audios",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_react_to_messages",
    "can_edit_tag",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
)
_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)


async def get_me(call: ApiCall) -> dict[str, Any]:
    """getMe: the bot's User with its bot-only fields."""
    return {
        **call.world.bot.as_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": not call.world.config.privacy_mode,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


async def get_chat(call: ApiCall) -> dict[str, Any]:
    """getChat: a ChatFullInfo (private chats only once the user has started the bot)."""
    world = call.world
    chat = world.find_chat(call.params.chat_id())
    if chat.is_private and not world.users[chat.id].started:
        raise bad_request(errors.CHAT_NOT_FOUND)
    gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
    return {
        **world.chat_json(chat),
        "accent_color_id": chat.id % 7,
        "max_reaction_count": 11,
        "accepted_gift_types": dict.fromkeys((*gifts, "gifts_from_channels"), False),
    }


async def get_chat_member(call: ApiCall) -> dict[str, Any]:
    """getChatMember: the user's status in the chat (``left`` if never there)."""
    world = call.world
    chat = world.find_chat(call.params.chat_id())
    user_id = call.params.integer("user_id", required=True) or 0
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    return member_json(chat, user.as_user(), _status(call, chat, user_id))


def _status(call: ApiCall, chat: ChatRecord, user_id: int) -> str:
    if user_id == call.world.bot.id:
        return chat.bot_status
    if chat.is_private:
        return "member" if user_id == chat.id else "left"
    return chat.members.get(user_id, "left")


def member_json(chat: ChatRecord, user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember object of the kind matching ``status``."""
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        member.update(dict.fromkeys(_ADMIN_RIGHTS, True))
    elif status == "kicked":
        member["until_date"] = 0
    elif status == "restricted":  # what the bot may not send in ``chat``
        member.update(is_member=True, until_date=0)
        member.update(dict.fromkeys(_RESTRICTED_RIGHTS, False))
        member.update(
            can_send_messages="text" not in chat.denied,
            can_send_photos="photos" not in chat.denied,
            can_send_documents="documents" not in chat.denied,
        )
    return member


async def send_chat_action(call: ApiCall) -> bool:
    """sendChatAction: remembered per chat, visible to the driver."""
    chat = writable_chat(call)
    action = call.params.string("action", required=True)
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    chat.actions.append(action)
    call.world.notifier.notify()
    return True


async def answer_callback_query(call: ApiCall) -> bool:
    """answerCallbackQuery: the toast/alert the pressing user sees (once per query)."""
    params = call.params
    answer = CallbackAnswer(
        text=params.string("text"),
        show_alert=params.boolean("show_alert"),
        url=params.string("url"),
        cache_time=params.integer("cache_time") or 0,
    )
    if answer.text is not None and len(answer.text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    call.world.callbacks.answer(params.string("callback_query_id", required=True) or "", answer)
    call.world.notifier.notify()
    return True


METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "sendChatAction": send_chat_action,
    "answerCallbackQuery": answer_callback_query,
}
