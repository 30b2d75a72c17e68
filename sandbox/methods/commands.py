"""Command menus: setMyCommands, getMyCommands, deleteMyCommands (by scope and language)."""

from __future__ import annotations

import re
from typing import Any

from sandbox import errors
from sandbox.commands import Command, ScopeKey, scope_key
from sandbox.errors import bad_request
from sandbox.methods.base import ApiCall, Handler

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_SCOPE_TYPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
MAX_COMMANDS = 100


async def set_my_commands(call: ApiCall) -> bool:
    """setMyCommands: replace the menu of one scope and language."""
    commands = _commands(call.params.json("commands"))
    call.world.commands.set(_scope(call), _language(call), commands)
    return True


async def get_my_commands(call: ApiCall) -> list[Command]:
    """getMyCommands: exactly the menu of that scope and language (maybe empty)."""
    return call.world.commands.get(_scope(call), _language(call))


async def delete_my_commands(call: ApiCall) -> bool:
    """deleteMyCommands: remove the menu of that scope and language."""
    call.world.commands.delete(_scope(call), _language(call))
    return True


def _commands(value: Any) -> list[Command]:
    if not isinstance(value, list):
        raise bad_request("commands must be an Array of BotCommand")
    if len(value) > MAX_COMMANDS:
        raise bad_request("too many commands")
    commands = []
    for item in value:
        if not isinstance(item, dict):
            raise bad_request("BOT_COMMAND_INVALID")
        name, description = str(item.get("command", "")), str(item.get("description", ""))
        if not _COMMAND.fullmatch(name):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(description.strip()) <= 256:
            raise bad_request("command description is empty or too long")
        commands.append({"command": name, "description": description})
    return commands


def _scope(call: ApiCall) -> ScopeKey:
    scope = call.params.json("scope") if call.params.has("scope") else None
    if scope is not None and not isinstance(scope, dict):
        raise bad_request("can't parse BotCommandScope")
    key = scope_key(scope)
    if key[0] not in _SCOPE_TYPES:
        raise bad_request("wrong scope type specified")
    if key[0] in ("chat", "chat_administrators", "chat_member"):
        if key[1] is None:
            raise bad_request("chat_id is empty")
        chat = call.world.find_chat(key[1])
        if chat.is_private and not call.world.users[chat.id].started:
            raise bad_request(errors.CHAT_NOT_FOUND)  # as Telegram: a chat never started
        if key[0] == "chat_member" and key[2] is None:
            raise bad_request("user_id is empty")
        return (key[0], chat.id, key[2])
    return key


def _language(call: ApiCall) -> str:
    code = (call.params.string("language_code") or "").strip()
    if code and not re.fullmatch(r"[a-z]{2,3}", code):
        raise bad_request("invalid language code specified")
    return code


METHODS: dict[str, Handler] = {
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
}
