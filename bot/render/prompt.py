"""The weekly prompt (周调度提醒): one private message listing a person's open tasks.

Tasks come most urgent first (red, yellow, due soon; the order the dispatch planned). Each open
task gets one row of status buttons and, when there is an earlier answer, a 与上周相同 button;
answered tasks are ticked. Tasks a deputy covers for a colleague on leave get buttons too and
say whose they are: the answer is filed for the colleague (the service checks the leave).
Past ``BUTTON_TASKS`` open tasks the rest are listed and ``/report`` is suggested, keeping the
keyboard small.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton

from bot.callbacks import PromptAnswer, PromptSame
from bot.domain.work import Report, ReportStatus
from bot.i18n import t
from bot.render import Message
from bot.render.common import answer_label, button, keyboard, measure_title, task_tag
from bot.render.html import esc
from bot.render.rhythm.words import ICONS, fmt_date, fmt_datetime
from bot.rhythm.lights import Light
from bot.services.rhythm.prompts import PromptTask, PromptView

BUTTON_TASKS = 12


def render_prompt_saved(report: Report, lang: str) -> str:
    """The short answer to a tap on the prompt: the answer that was recorded."""
    return t("prompt.saved", lang, status=answer_label(report, lang))


def render_prompt(view: PromptView, lang: str) -> Message:
    """The prompt as it looks now (re-rendered after each answer)."""
    tasks = view.tasks  # numbers stay put as tasks are answered
    lines = [
        t("prompt.title", lang, team=esc(view.team_name)),
        t(
            "prompt.intro",
            lang,
            name=esc(view.person.name),
            count=len(view.open_tasks),
            cutoff=fmt_datetime(view.cycle.cutoff_at, lang),
        ),
        "",
    ]
    rows: list[list[InlineKeyboardButton]] = []
    with_buttons = 0
    for number, task in enumerate(tasks, start=1):
        lines.append(_task_line(number, task, lang))
        if task.answered is None and with_buttons < BUTTON_TASKS:
            rows += _task_buttons(view, number, task, lang)
            with_buttons += 1
    if not view.open_tasks:
        lines += ["", t("prompt.all_done", lang)]
    else:
        lines += ["", t("prompt.legend", lang), t("prompt.hint.reply", lang)]
        if len(view.open_tasks) > BUTTON_TASKS:
            lines.append(t("prompt.more", lang))
    return Message("\n".join(lines), keyboard(rows))


def _task_line(number: int, task: PromptTask, lang: str) -> str:
    icon = ICONS[task.light] if task.light is not Light.GREEN else "▫️"
    line = f"{number}. {icon} {measure_title(task.measure)} {task_tag(task.measure.id)}"
    if task.deadline is not None:
        line += " · " + t("prompt.deadline", lang, date=fmt_date(task.deadline, lang))
    details = []
    if task.covered_for is not None:
        details.append(t("prompt.covering", lang, name=esc(task.covered_for.name)))
    if task.answered is not None and task.answered_by is not None:
        status = answer_label(task.answered, lang)
        name = esc(task.answered_by.name)
        details.append(t("prompt.answered_by", lang, name=name, status=status))
    elif task.answered is not None:
        details.append(t("prompt.answered", lang, status=answer_label(task.answered, lang)))
    elif task.last is not None:
        last = answer_label(task.last, lang)
        if task.last.progress is not None:
            last += f" {task.last.progress}%"
        details.append(t("prompt.last", lang, status=last))
    return line + "".join(f"\n   {d}" for d in details)


def _task_buttons(
    view: PromptView, number: int, task: PromptTask, lang: str
) -> list[list[InlineKeyboardButton]]:
    cycle, measure = view.cycle.id, task.measure.id
    statuses = [
        button(t(f"prompt.btn.{s.value}", lang, n=number), PromptAnswer(cycle, measure, s))
        for s in ReportStatus
    ]
    rows = [statuses]
    if task.last is not None:
        rows.append([button(t("prompt.btn.same", lang, n=number), PromptSame(cycle, measure))])
    return rows
