"""``/settings``: the rhythm at a glance with buttons, and the pickers for each item.

The overview edits itself into a picker (weekday names, times, numbers) and back; every value is
a button whose data names the item and the value, e.g. ``sv:prompt_day:thu``. See
``settings_flow.mmd`` beside the handler.
"""

from __future__ import annotations

from datetime import time

from telegram import InlineKeyboardButton

from bot.callbacks import SettingsPick, SettingsSet
from bot.domain.settings import PROMPT_DAYS, TeamSettings, Weekday
from bot.i18n import LANGUAGES, t
from bot.render import Message
from bot.render.common import button, keyboard

TIMES = (
    time(8, 0),
    time(8, 30),
    time(9, 0),
    time(10, 0),
    time(11, 0),
    time(12, 0),
    time(14, 0),
    time(15, 0),
    time(16, 0),
    time(17, 0),
    time(17, 30),
    time(18, 0),
)
EVERY = (1, 2, 3, 4)
REMINDERS = (0, 1, 2, 3)
MENU = "menu"


def day_name(day: Weekday, lang: str) -> str:
    """周四 / Thu."""
    return t(f"weekday.{day.value}", lang)


def render_settings(settings: TeamSettings, lang: str, *, changed: bool = False) -> Message:
    """The overview with a button per item."""
    s = settings
    lines = [
        t("settings.changed" if changed else "settings.title", lang),
        t(f"settings.state.{'paused' if s.paused else 'running'}", lang),
        t(
            "settings.prompt",
            lang,
            day=day_name(s.prompt_day, lang),
            time=f"{s.prompt_time:%H:%M}",
        ),
        t(
            "settings.cutoff",
            lang,
            day=day_name(s.cutoff_day, lang),
            time=f"{s.cutoff_time:%H:%M}",
        ),
        t("settings.reminders", lang, hours=s.reminder_lead_hours, count=s.reminders_per_cycle),
        t(
            "settings.digest",
            lang,
            day=day_name(s.digest_day, lang),
            time=f"{s.digest_time:%H:%M}",
        ),
        t("settings.review", lang, time=f"{s.review_time:%H:%M}"),
        t(
            "settings.deadlines",
            lang,
            time=f"{s.deadline_check_time:%H:%M}",
            days=s.deadline_warning_days,
        ),
        t("settings.every", lang, n=s.every_n_weeks),
        t("settings.claim", lang, hours=s.claim_hours)
        if s.claim_hours
        else t("settings.claim_off", lang),
        t(
            "settings.naming",
            lang,
            state=t(f"settings.{'on' if s.public_naming else 'off'}", lang),
        ),
        t("settings.language", lang, name=t(f"lang.name.{s.language}", lang)),
        "",
        t("settings.holidays", lang),
        t("settings.text_form", lang),
    ]
    pick = _pick_button
    naming = "off" if s.public_naming else "on"
    pause = "off" if s.paused else "on"
    other = next((code for code in LANGUAGES if code != s.language), s.language)
    rows = [
        [pick("prompt_day", lang), pick("prompt_time", lang)],
        [pick("cutoff_day", lang), pick("cutoff_time", lang)],
        [pick("digest_day", lang), pick("digest_time", lang)],
        [pick("review_time", lang), pick("deadlines_time", lang)],
        [pick("every", lang)],
        [
            pick("reminders", lang),
            button(t(f"settings.btn.naming_{naming}", lang), SettingsSet("naming", naming)),
        ],
        [
            button(
                t("settings.btn.language", lang, name=t(f"lang.name.{other}", lang)),
                SettingsSet("language", other),
            ),
            button(t(f"settings.btn.pause_{pause}", lang), SettingsSet("pause", pause)),
        ],
    ]
    return Message("\n".join(lines), keyboard(rows))


def render_picker(item: str, lang: str) -> Message:
    """The choices for one item, and a way back."""
    if item.endswith("_day"):
        days = [d for d in Weekday if item != "prompt_day" or d in PROMPT_DAYS]
        choices = [(day_name(d, lang), d.value) for d in days]
        width = 4
    elif item.endswith("_time"):
        choices = [(f"{c:%H:%M}", f"{c:%H%M}") for c in TIMES]
        width = 4
    else:
        values = EVERY if item == "every" else REMINDERS
        choices = [(str(v), str(v)) for v in values]
        width = 4
    buttons = [button(label, SettingsSet(item, value)) for label, value in choices]
    rows: list[list[InlineKeyboardButton]] = [
        buttons[i : i + width] for i in range(0, len(buttons), width)
    ]
    rows.append([button(t("settings.back", lang), SettingsPick(MENU))])
    return Message(t(f"settings.pick.{item}", lang), keyboard(rows))


def _pick_button(item: str, lang: str) -> InlineKeyboardButton:
    return button(t(f"settings.btn.{item}", lang), SettingsPick(item))
