"""``/settings``: a lead changes the team's rhythm, by buttons or in one line of text.

States (no ConversationHandler: every step is a button whose data carries all it needs, so the
flow survives restarts; see ``settings_flow.mmd``)::

    OVERVIEW --sp:<item>--> PICKER --sv:<item>:<value>--> OVERVIEW (changed)
    PICKER   --sp:menu----> OVERVIEW
    /settings <item> <values…> --> OVERVIEW (changed)

After a change the team's jobs are scheduled again from the new settings (none while paused) and
the leaders' group menu follows the team's language.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import SettingsPick, SettingsSet
from bot.context import Context
from bot.domain.settings import TeamSettings
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, reply, team_of
from bot.handlers.menus import apply_group_menu
from bot.render.settings import MENU, render_picker, render_settings
from bot.services import Actor, Perm

OVERVIEW, PICKER = "overview", "picker"


@guarded
async def settings(update: Update, context: Context) -> None:
    """``/settings`` shows the overview; ``/settings <item> <values…>`` changes an item."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    words = list(context.args or [])
    if not words:
        current = context.services.rhythm_settings.show(actor, team_id)
        await reply(update, context, render_settings(current, actor.language))
        return
    updated = context.services.rhythm_settings.apply_words(actor, team_id, words)
    await _follow(context, actor, team_id, updated)
    await reply(update, context, render_settings(updated, actor.language, changed=True))


@button(SettingsPick, Perm.TEAM_SETTINGS)
async def pick(update: Update, context: Context, data: SettingsPick) -> None:
    """A settings item button: show its choices (or the overview again)."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    current = context.services.rhythm_settings.show(actor, team_id)
    if data.item == MENU:
        await edit_or_send(update, context, render_settings(current, actor.language))
        return
    await edit_or_send(update, context, render_picker(data.item, actor.language))


@button(SettingsSet, Perm.TEAM_SETTINGS)
async def choose(update: Update, context: Context, data: SettingsSet) -> None:
    """A value button: set it, reschedule, back to the overview."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    updated = context.services.rhythm_settings.apply_button(actor, team_id, data.item, data.value)
    await _follow(context, actor, team_id, updated)
    await edit_or_send(update, context, render_settings(updated, actor.language, changed=True))


async def _follow(context: Context, actor: Actor, team_id: str, updated: TeamSettings) -> None:
    """What follows a change: the jobs from the new settings (none while paused), and the
    leaders' group menu in the team's language."""
    if context.job_queue is not None:
        context.rhythm.schedule(context.job_queue, team_id)
    team = context.services.teams.get(actor, team_id)
    if team.group_chat_id is not None:
        await apply_group_menu(context.bot, team.group_chat_id, updated.language)
