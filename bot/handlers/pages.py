"""Page buttons (``pg:<kind>:<page>[:<arg>]``) go to the list they page through."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.callbacks import Noop, Page, PageKind
from bot.context import Context
from bot.handlers import assign, people, records, reports, tasks
from bot.handlers.buttons import button

#: Each paged list and the page it shows (the list's own service checks who may see it).
ROUTES: dict[PageKind, Callable[[Update, Context, Page], Awaitable[None]]] = {
    PageKind.TASKS: tasks.my_tasks_page,
    PageKind.HISTORY: tasks.history_page,
    PageKind.REPORT_PICK: reports.pick_page,
    PageKind.PENDING: people.pending_page,
    PageKind.ROSTER: people.roster_page,
    PageKind.UNASSIGNED: assign.unassigned_page,
    PageKind.UNACKED: assign.unacked_page,
    PageKind.EVIDENCE: records.evidence_page,
    PageKind.RECORDS: records.records_page,
}


@button(Page, None)  # each list checks its own permission
async def page(update: Update, context: Context, data: Page) -> None:
    """Show the page the button names."""
    await ROUTES[data.kind](update, context, data)


@button(Noop, None)  # a label: nothing to do
async def noop(update: Update, context: Context, data: Noop) -> None:
    """A label button (e.g. "2/5"): just stop its spinner (the dispatcher answers it)."""
