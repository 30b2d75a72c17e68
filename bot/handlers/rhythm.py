"""The rhythm in chat: answers from the weekly prompt, and a lead's "now" commands.

- prompt buttons: ``pa:<cycle>:<task>:<status>`` files a status in the prompt's cycle and ticks
  the task in place; ``pl:<cycle>:<task>`` carries last week's answer forward (与上周相同);
- ``/dispatch``: while a cycle is open, its prompts to whoever has not got one (nobody twice);
  else this week's prompts now (or the next cycle early); ``/digest`` and ``/review``:
  the weekly digest and the monthly review now (the owed one, when its turn passed and nothing
  went out; a leader's ``/digest``: the latest digest, privately);
  ``/remind <person|unit|all>``: 催办, at most once per 5 minutes per person;
  ``/export [year]``: the year's ledger workbook.

Each handler calls one service (or the rhythm runner that the jobs use too) and sends what a
renderer returns.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import PromptAnswer, PromptSame
from bot.context import Context, Expecting
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, reply, team_of
from bot.handlers.parsing import split_args
from bot.jobs.runner import RhythmRunner
from bot.render.common import render_usage
from bot.render.prompt import render_prompt, render_prompt_saved
from bot.render.reports import render_report_saved
from bot.render.rhythm.files import ledger_file
from bot.render.rhythm.messages import (
    render_digest_messages,
    render_dispatch,
    render_export_caption,
    render_manual_round,
    render_run_now,
)
from bot.services import Perm
from bot.services.rhythm.prompts import PromptAnswered


def _runner(context: Context) -> RhythmRunner:
    return context.rhythm.runner()


@button(PromptAnswer, Perm.REPORT)
async def answer(update: Update, context: Context, data: PromptAnswer) -> str | None:
    """A status button on the prompt."""
    actor = actor_of(update, context)
    done = await context.services.prompts.answer_off_loop(
        actor, data.cycle_id, data.measure_id, data.status
    )
    return await _answered(update, context, done, actor.language)


@button(PromptSame, Perm.REPORT)
async def same(update: Update, context: Context, data: PromptSame) -> str | None:
    """与上周相同 on the prompt."""
    actor = actor_of(update, context)
    done = context.services.prompts.same_as_last(actor, data.cycle_id, data.measure_id)
    return await _answered(update, context, done, actor.language)


async def _answered(update: Update, context: Context, done: PromptAnswered, lang: str) -> str:
    """The prompt ticks the task in place (this week's, when an older prompt was pressed); a
    message of its own then offers what ``/report`` offers after a status (progress, the
    task's 📊 indicators, text, evidence, 完成)."""
    saved = done.saved
    context.expect(Expecting.REPORT_TEXT, saved.measure.id, saved.report.id)
    if done.view is not None:  # this week's prompt, even when an older one was pressed
        prompt = done.view.prompt
        await edit_or_send(update, context, render_prompt(done.view, lang), prompt.message_id)
    if not saved.repeated:  # a double tap: confirmed once
        await reply(update, context, render_report_saved(saved, lang))
    return render_prompt_saved(saved.report, lang)


@guarded
async def dispatch(update: Update, context: Context) -> None:
    """``/dispatch``: the open cycle's prompts to whoever has not got one, else open this
    week's (or the next) cycle now; idempotent, nobody gets the same prompt twice."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    window = context.services.rhythm.window_to_open(actor, team_id)
    runner = _runner(context)
    async with context.services.rhythm.lock(team_id):
        summary = await runner.dispatch(window)
    if context.job_queue is not None:
        context.rhythm.schedule(context.job_queue, team_id)
    await reply(update, context, render_dispatch(summary, actor.language))


@guarded
async def digest(update: Update, context: Context) -> None:
    """``/digest``: a lead sends the weekly digest now, to the leaders' group and the leads (the
    last week's, when its turn passed and it did not go out: refused by the group, or missed
    while the bot was down); a leader gets the latest digest (the group's version) privately."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    if not context.services.auth.can(actor, Perm.TEAM_SETTINGS, team_id):
        out = context.services.digests.latest(actor, team_id)  # refuses officials
        for message in render_digest_messages(out.digest, actor.language, "group"):
            await reply(update, context, message)
        return
    context.services.digests.may_run_now(actor, team_id)  # refuses non-leads
    async with context.services.rhythm.lock(team_id):
        owed = context.services.digests.owed(team_id)
        delivered = await _runner(context).digest(team_id, owed)
    await reply(update, context, render_run_now("digest", delivered, actor.language))


@guarded
async def review(update: Update, context: Context) -> None:
    """``/review``: the monthly review, now, with its chart and the ledger: the last month's,
    when its turn passed and it did not go out (refused by the group, or missed while the bot
    was down), else this month's so far."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    context.services.digests.may_review(actor, team_id)  # refuses non-leads
    async with context.services.rhythm.lock(team_id):
        owed = context.services.digests.owed_review(team_id)
        delivered = await _runner(context).review_on_request(team_id, owed)
    await reply(update, context, render_run_now("review", delivered, actor.language))


@guarded
async def remind(update: Update, context: Context) -> None:
    """``/remind <person|unit|all>``: 催办 now; the lead hears who was skipped and why."""
    actor = actor_of(update, context)
    (target,) = split_args(context.args, 1)
    if target is None:
        await reply(update, context, render_usage("remind.usage", actor.language))
        return
    team_id = team_of(actor, context)
    round_ = context.services.reminders.manual(actor, team_id, target)
    sent = await _runner(context).send_reminders(team_id, list(round_.send))
    await reply(update, context, render_manual_round(round_, sent, actor.language))


@guarded
async def export(update: Update, context: Context) -> None:
    """``/export [year]``: the year's ledger (年度台账, default this year's) as an xlsx file."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    (year,) = split_args(context.args, 1)
    digests = context.services.digests
    ledger = await digests.export_off_loop(actor, team_id, ledger_file, year)
    chat = update.effective_chat
    if chat is not None:
        caption = render_export_caption(ledger.tasks, actor.language)
        await context.outbox.upload_document(
            chat.id, ledger.data, ledger.filename, caption=caption
        )
