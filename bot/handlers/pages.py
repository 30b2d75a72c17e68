"""Page buttons (``pg:<kind>:<page>[:<arg>]``) go to the list they page through."""

from __future__ import annotations

from telegram import Update

from bot.callbacks import Page, PageKind
from bot.context import Context
from bot.handlers import assign, people, records, reports, tasks
from bot.handlers.common import Handler, answer, expired, pressed

ROUTES: dict[PageKind, Handler] = {
    PageKind.TASKS: tasks.my_tasks,
    PageKind.HISTORY: tasks.task,
    PageKind.REPORT_PICK: reports.pick_page,
    PageKind.PENDING: people.pending,
    PageKind.ROSTER: people.roster_page,
    PageKind.UNASSIGNED: assign.unassigned,
    PageKind.UNACKED: assign.unacked,
    PageKind.EVIDENCE: records.evidence,
    PageKind.RECORDS: records.records_page,
}


async def page(update: Update, context: Context) -> None:
    """Show the page the button names."""
    data = pressed(update, Page)
    if data is None:
        await expired(update, context)
        return
    await ROUTES[data.kind](update, context)


async def noop(update: Update, context: Context) -> None:
    """A label button (e.g. "2/5"): just stop its spinner."""
    if update.callback_query is not None:
        await answer(context, update.callback_query)
