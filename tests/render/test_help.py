"""/help lists every command of each role's menu; /start greets an admin with no person."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.people import Person, Role
from bot.i18n import LANGUAGES
from bot.render.onboarding import menu_commands, render_greeting, render_help
from bot.services.common.actor import Actor

JOINED = datetime(2024, 3, 4, tzinfo=ZoneInfo("Asia/Shanghai"))


def _actor(role: Role) -> Actor:
    if role is Role.ADMIN:
        return Actor(telegram_id=1, is_admin=True)
    person = Person(id="p1", team_id="t1", name="张三", role=role, telegram_id=1, joined_at=JOINED)
    return Actor(telegram_id=1, persons=(person,))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("role", list(Role))
def test_help_lists_every_command_of_the_roles_menu(role: Role, lang: str) -> None:
    """Each command in the role's menu (menus.py) appears in its /help, in both languages."""
    text = render_help(_actor(role), lang).text
    missing = [
        name for name in menu_commands(role) if not re.search(rf"/{name}(?![A-Za-z_])", text)
    ]
    assert missing == []


def test_the_lead_help_explains_the_rhythm_commands() -> None:
    """A lead's help names /settings, /dispatch, /remind, /digest, /review, /export, /leave."""
    text = render_help(_actor(Role.LEAD), "zh").text
    for name in ("settings", "dispatch", "remind", "digest", "review", "export", "leave"):
        assert f"/{name}" in text
    assert "其他命令" in text  # /mytasks and the like, from the menu texts


@pytest.mark.parametrize(("lang", "intro"), [("zh", "管理员"), ("en", "admin")])
def test_an_admin_without_a_person_is_greeted_by_first_name(lang: str, intro: str) -> None:
    """The greeting names the admin from Telegram, says what admins do, and lists commands."""
    text = render_greeting(_actor(Role.ADMIN), lang, "Ada <3").text
    assert "Ada &lt;3" in text
    assert intro in text
    assert "/newteam" in text
    assert "/addlead" in text
    assert "Hello, !" not in text
