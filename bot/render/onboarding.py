"""Joining, greeting, help per role, the language picker and command menus."""

from __future__ import annotations

import re
from collections.abc import Iterable

from telegram import BotCommand

from bot.callbacks import AcknowledgeListed, SetLanguage
from bot.domain.people import Role
from bot.i18n import LANGUAGES, catalog_keys, t
from bot.render import Message
from bot.render.common import button, keyboard, measure_line, role_label
from bot.render.html import esc
from bot.render.rhythm.messages import RECORD_COMMANDS, RHYTHM_COMMANDS
from bot.services.common.actor import Actor
from bot.services.people.invites import JoinResult

MAX_TASKS_ON_JOIN = 10
ACK_PER_ROW = 3

#: A team's management commands, shared by the lead's and the admin's menus.
_MANAGE = (
    "assign",
    "unassigned",
    "unacked",
    "pending",
    "add",
    "roster",
    "invite",
    "revoke",
    "reporter",
    "unassign",
    "task",
    "leader",
)

#: Commands in the menu of each role, in menu order (texts are ``cmd.<name>``).
COMMANDS: dict[str, tuple[str, ...]] = {
    "everyone": ("mytasks", "report", "task", "help", "lang"),
    Role.OFFICIAL.value: ("mytasks", "report", "task", "closeout", "extend", "help", "lang"),
    Role.LIAISON.value: ("mytasks", "report", "task", "closeout", "extend", "help", "lang"),
    Role.LEADER.value: ("mytasks", "task", "help", "lang"),
    Role.LEAD.value: (
        *_MANAGE,
        "instruction",
        "decision",
        "mytasks",
        "report",
        "closeout",
        "closeouts",
        "extend",
        "extensions",
        "help",
        "lang",
    ),
    Role.ADMIN.value: (
        "newteam",
        "addlead",
        *_MANAGE,
        "instruction",
        "decision",
        "closeouts",
        "extensions",
        "help",
        "lang",
    ),
    "group": ("setgroup", "help"),
    "leaders_group": ("help",),
}


def roles_of(actor: Actor) -> tuple[Role, ...]:
    """The actor's roles, most powerful first (admin from settings, then bound persons)."""
    roles = {p.role for p in actor.persons}
    if actor.is_admin:
        roles.add(Role.ADMIN)
    return tuple(role for role in Role if role in roles)


def menu_key(actor: Actor) -> str:
    """Which command menu the actor gets in their private chat."""
    roles = roles_of(actor)
    return roles[0].value if roles else "everyone"


def render_commands(key: str, lang: str) -> list[BotCommand]:
    """The command menu for a role (or ``everyone`` / ``group``) in a language."""
    return [BotCommand(name, t(f"cmd.{name}", lang)) for name in COMMANDS[key]]


def render_welcome(result: JoinResult, lang: str) -> Message:
    """After joining: who they are, their team and unit, and their open tasks, with a 签收
    button for each one they are to sign for (assigned before they joined)."""
    person = result.person
    key = "join.again" if result.already else "join.welcome"
    rows = []
    lines = [
        t(
            key,
            lang,
            name=esc(person.name),
            team=esc(result.team.name),
            role=role_label(person.role, lang),
        )
    ]
    if result.unit is not None:
        lines.append(t("join.unit", lang, unit=esc(result.unit.name)))
    if result.principal is not None:
        lines.append(t("join.on_behalf", lang, name=esc(result.principal.name)))
    if result.tasks:
        lines.append("")
        lines.append(t("join.tasks", lang, count=len(result.tasks)))
        shown = result.tasks[:MAX_TASKS_ON_JOIN]
        lines.extend(measure_line(task.measure, n) for n, task in enumerate(shown, 1))
        if len(result.tasks) > len(shown):
            lines.append(t("common.more", lang, count=len(result.tasks) - len(shown)))
        signs = [
            button(t("notice.ack_button_n", lang, n=n), AcknowledgeListed(task.measure.id))
            for n, task in enumerate(shown, 1)
            if task.to_sign
        ]
        rows = [signs[i : i + ACK_PER_ROW] for i in range(0, len(signs), ACK_PER_ROW)]
        if signs:
            lines.append(t("join.ack_hint", lang))
    lines.append("")
    lines.append(t(f"join.next.{person.role.value}", lang))
    return Message("\n".join(lines), keyboard(rows))


def render_greeting(actor: Actor, lang: str, first_name: str | None = None) -> Message:
    """``/start`` without a token from someone known; an admin with no person record is
    greeted by their Telegram first name and told what admins do."""
    person = actor.person
    name = person.name if person is not None else (first_name or "").strip()
    head = t("start.greeting", lang, name=esc(name)) if name else t("start.hello", lang)
    if person is None and actor.is_admin:
        head += "\n" + t("start.admin", lang)
    return Message(head + "\n\n" + _help_text(actor, lang))


def render_group_help(team: str | None, lang: str, *, link: bool = False) -> Message:
    """``/help`` in a group, for anyone: what the team's leaders' group (``team``) receives, or,
    in any other group, the one thing the bot does in groups; after ``/start`` with a personal
    link (``link``), first that such links are opened in a private chat."""
    said = (
        t("help.group.other", lang)
        if team is None
        else t("help.group.leaders", lang, team=esc(team))
    )
    return Message(f"{t('help.group.link', lang)}\n\n{said}" if link else said)


def render_help(actor: Actor, lang: str) -> Message:
    """``/help``: what the actor's roles can do, listing every command of their menus."""
    return Message(_help_text(actor, lang))


def menu_commands(role: Role) -> tuple[str, ...]:
    """Every command in a role's private menu: the role's own, then the rhythm's."""
    return (
        *COMMANDS[role.value],
        *RHYTHM_COMMANDS.get(role.value, ()),
        *RECORD_COMMANDS.get(role.value, ()),
    )


def _help_text(actor: Actor, lang: str) -> str:
    roles: Iterable[Role] = roles_of(actor)
    parts: list[str] = []
    for role in roles:
        part = t(f"help.{role.value}", lang)
        if f"help.rhythm.{role.value}" in catalog_keys(lang):
            part += "\n" + t(f"help.rhythm.{role.value}", lang)
        parts.append(part)
    parts.append(t("help.common", lang))
    text = "\n\n".join(parts)
    menu = dict.fromkeys(name for role in roles for name in menu_commands(role))
    missing = [name for name in menu if not re.search(rf"/{name}(?![A-Za-z_])", text)]
    if missing:
        more = [f"/{name} {t(f'cmd.{name}', lang)}" for name in missing]
        text += "\n\n" + t("help.more", lang) + "\n" + "\n".join(more)
    return text


def render_language_picker(lang: str) -> Message:
    """``/lang``: one button per language."""
    buttons = [button(t(f"lang.name.{code}", lang), SetLanguage(code)) for code in LANGUAGES]
    return Message(t("lang.choose", lang), keyboard([buttons]))


def render_language_set(lang: str) -> Message:
    """The confirmation, in the newly chosen language."""
    return Message(t("lang.set", lang, name=t(f"lang.name.{lang}", lang)))
