"""Tests for command menus by scope and language, and how clients resolve them."""

from __future__ import annotations

from sandbox.commands import DEFAULT_SCOPE, CommandStore, scope_key
from sandbox.model import ChatRecord


def menu(name: str) -> list[dict[str, str]]:
    """A one-command menu."""
    return [{"command": name, "description": name}]


def test_scope_keys_normalise_ids() -> None:
    """String chat ids become ints; no scope is the default scope."""
    assert scope_key(None) == DEFAULT_SCOPE
    assert scope_key({"type": "chat", "chat_id": "-5"}) == ("chat", -5, None)


def test_private_chat_resolution_prefers_chat_then_language() -> None:
    """A private chat's own menu beats all_private_chats, which beats default."""
    store = CommandStore()
    chat = ChatRecord(7, "private")
    store.set(DEFAULT_SCOPE, "", menu("default"))
    assert store.visible(chat, 7, "zh") == menu("default")
    store.set(("all_private_chats", None, None), "zh", menu("zh_private"))
    assert store.visible(chat, 7, "zh") == menu("zh_private")
    assert store.visible(chat, 7, "en") == menu("default")
    store.set(("chat", 7, None), "", menu("mine"))
    assert store.visible(chat, 7, "zh") == menu("mine")


def test_group_admins_see_admin_menus() -> None:
    """all_chat_administrators applies to admins only; members fall back to group menus."""
    store = CommandStore()
    group = ChatRecord(-1, "group")
    store.set(("all_group_chats", None, None), "", menu("group"))
    store.set(("all_chat_administrators", None, None), "", menu("admin"))
    assert store.visible(group, 1, None, is_admin=True) == menu("admin")
    assert store.visible(group, 2, None) == menu("group")


def test_setting_an_empty_menu_deletes_it() -> None:
    """An empty list removes the menu, as Telegram treats it."""
    store = CommandStore()
    store.set(DEFAULT_SCOPE, "", menu("x"))
    store.set(DEFAULT_SCOPE, "", [])
    assert store.get(DEFAULT_SCOPE, "") == []
