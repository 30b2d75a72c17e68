"""Changing the rhythm in chat: ``/settings prompt thu 09:00`` and the settings buttons.

Both forms end in :meth:`TeamService.update_settings` (validated and audited). Items are named
by short codes (shared by the text form and the buttons' callback data):

=========== =================================== ======================================
code        text form                           fields
=========== =================================== ======================================
prompt      ``prompt thu 09:00`` / ``调度 周四 9:00`` prompt_day, prompt_time
cutoff      ``cutoff fri 17:00`` / ``截止 …``     cutoff_day, cutoff_time
digest      ``digest mon 08:30`` / ``通报 …``     digest_day, digest_time
review      ``review 16:00`` / ``研判 16:00``     review_time (the month's last workday)
deadlines   ``deadlines 08:30`` / ``期限 8:30``   deadline_check_time (workdays)
every       ``every 2`` / ``每 2``                every_n_weeks
reminders   ``reminders 2`` / ``催办 2``          reminders_per_cycle
naming      ``naming on`` / ``点名 开``            public_naming (通报 names non-responders)
language    ``language en`` / ``语言 中文``         language (digest, review, ledger, group)
pause       ``pause on`` / ``暂停 开``             paused (no prompts, reminders, digests)
claim       ``claim 24`` / ``签收 24``             claim_hours (签收时限 in hours, 0: off)
=========== =================================== ======================================
"""

from __future__ import annotations

import re
from datetime import time

from bot.domain.settings import TeamSettings, Weekday
from bot.services.common.actor import Actor
from bot.services.common.errors import InvalidInput
from bot.services.common.permissions import Perm, check, require_known
from bot.services.people.teams import TeamService

DAY_ITEMS = ("prompt", "cutoff", "digest")
ITEMS = (
    *DAY_ITEMS,
    "review",
    "deadlines",
    "every",
    "reminders",
    "naming",
    "language",
    "pause",
    "claim",
)
#: Items set by a time alone, and the field each sets.
TIME_ITEMS = {"review": "review_time", "deadlines": "deadline_check_time"}
_ALIASES = {
    "调度": "prompt",
    "提醒": "prompt",
    "截止": "cutoff",
    "通报": "digest",
    "汇总": "digest",
    "研判": "review",
    "期限": "deadlines",
    "时限": "deadlines",
    "deadline": "deadlines",
    "每": "every",
    "周期": "every",
    "催办": "reminders",
    "点名": "naming",
    "语言": "language",
    "lang": "language",
    "暂停": "pause",
    "paused": "pause",
    "签收": "claim",
    "签收时限": "claim",
    "领办": "claim",
}
_LANGUAGE_WORDS = {
    "zh": "zh",
    "中文": "zh",
    "chinese": "zh",
    "en": "en",
    "英文": "en",
    "english": "en",
}
_DAYS = {
    **{d.value: d for d in Weekday},
    **{name: Weekday.of_iso(i) for i, name in enumerate("一二三四五六日", start=1)},
    "周天": Weekday.SUN,
    "星期天": Weekday.SUN,
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]?([0-5]\d)$")
_ON = frozenset({"on", "yes", "1", "开", "是", "true"})
_OFF = frozenset({"off", "no", "0", "关", "否", "false"})


def item_code(word: str) -> str:
    """The item a word names (``prompt``, ``调度`` …); InvalidInput if none."""
    key = word.strip().lower()
    code = _ALIASES.get(key, key)
    if code not in ITEMS:
        raise InvalidInput("err.settings_invalid", field=word)
    return code


def parse_day(word: str) -> Weekday:
    """``thu``, ``Thursday``, ``周四``, ``星期四`` or ``四`` → THU (names only, never numbers)."""
    key = word.strip().lower()
    for prefix in ("星期", "周", "礼拜"):
        if key.startswith(prefix) and key not in _DAYS:
            key = key[len(prefix) :]
    day = _DAYS.get(key[:3] if key.isascii() else key)
    if day is None:
        raise InvalidInput("err.settings_invalid", field=word)
    return day


def parse_time(word: str) -> time:
    """``09:00``, ``9:00``, ``0900`` → 09:00."""
    match = _TIME.match(word.strip())
    if match is None:
        raise InvalidInput("err.settings_invalid", field=word)
    return time(int(match[1]), int(match[2]))


def changes_for(code: str, values: list[str]) -> dict[str, object]:
    """The settings fields one item sets from its words (see the module docstring)."""
    if code in DAY_ITEMS:
        if len(values) == 1:
            word = values[0]
            return (
                {f"{code}_time": parse_time(word)}
                if _TIME.match(word.strip())
                else {f"{code}_day": parse_day(word)}
            )
        if len(values) != 2:
            raise InvalidInput("err.settings_invalid", field=code)
        return {f"{code}_day": parse_day(values[0]), f"{code}_time": parse_time(values[1])}
    if len(values) != 1:
        raise InvalidInput("err.settings_invalid", field=code)
    word = values[0].strip().lower()
    if code in TIME_ITEMS:
        return {TIME_ITEMS[code]: parse_time(word)}
    if code in ("naming", "pause"):
        if word not in _ON | _OFF:
            raise InvalidInput("err.settings_invalid", field=word)
        return {"public_naming" if code == "naming" else "paused": word in _ON}
    if code == "language":
        if word not in _LANGUAGE_WORDS:
            raise InvalidInput("err.settings_invalid", field=word)
        return {"language": _LANGUAGE_WORDS[word]}
    if not word.isdigit():
        raise InvalidInput("err.settings_invalid", field=word)
    if code == "claim":
        return {"claim_hours": int(word)}
    field = "every_n_weeks" if code == "every" else "reminders_per_cycle"
    return {field: int(word)}


class RhythmSettingsService:
    """Read and change a team's rhythm settings from chat words or buttons."""

    def __init__(self, teams: TeamService) -> None:
        self._teams = teams

    def show(self, actor: Actor, team_id: str) -> TeamSettings:
        """The team's settings (leads and admins)."""
        check(actor, Perm.TEAM_SETTINGS, team_id)
        return self._teams.settings(actor, team_id)

    def apply_words(self, actor: Actor, team_id: str, words: list[str]) -> TeamSettings:
        """``/settings <item> <values…>``."""
        require_known(actor)
        if not words:
            raise InvalidInput("err.settings_invalid", field="")
        changes = changes_for(item_code(words[0]), words[1:])
        return self._teams.update_settings(actor, team_id, **changes)

    def apply_button(self, actor: Actor, team_id: str, code: str, value: str) -> TeamSettings:
        """A settings button: ``code`` is an item (or ``<item>_day``/``<item>_time``)."""
        require_known(actor)
        item, _, part = code.partition("_")
        item = item_code(item)
        if part == "day":
            return self._teams.update_settings(actor, team_id, **{f"{item}_day": parse_day(value)})
        if part == "time":
            changes = {TIME_ITEMS.get(item, f"{item}_time"): parse_time(value)}
            return self._teams.update_settings(actor, team_id, **changes)
        return self._teams.update_settings(actor, team_id, **changes_for(item, [value]))
