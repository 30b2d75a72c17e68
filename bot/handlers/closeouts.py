"""Close-out: ``/closeout <id> [evidence]`` → lead's Approve / Return (with a typed reason).

See ``closeout.mmd``.
"""

from __future__ import annotations

from telegram import Update

from bot.callbacks import DecideCloseout, Decision, RequestCloseout
from bot.context import Context, Expecting
from bot.handlers.common import actor_of, edit_or_send, guarded, pressed, reply, team_hint
from bot.handlers.delivery import notify
from bot.handlers.parsing import split_args
from bot.i18n import t
from bot.render import Message
from bot.render.closeouts import (
    render_decided,
    render_evidence_ask,
    render_evidence_question,
    render_outcome_notice,
    render_reason_question,
    render_requested,
    render_review,
)
from bot.services import CloseoutResult, NotAllowed, Perm


@guarded
async def closeout(update: Update, context: Context) -> None:
    """``/closeout <task> [evidence]``: request now, or ask for the evidence first; the task
    as ``M3f2a``, ``#M3f2a`` or its number in the plan."""
    actor = actor_of(update, context)
    ref, evidence = split_args(context.args, 2)
    if ref is None:
        await reply(
            update,
            context,
            Message(t("common.usage", actor.language, usage=t("cmd.closeout", actor.language))),
        )
        return
    if evidence is None:
        view = context.services.tasks.view(actor, ref, team_hint(actor, context))
        context.expect(Expecting.CLOSEOUT_EVIDENCE, view.measure.id)
        await reply(update, context, render_evidence_question(view.measure, actor.language))
        return
    await request_with_evidence(update, context, ref, evidence, (), team_hint(actor, context))


@guarded
async def request_button(update: Update, context: Context) -> None:
    """申请办结 on a task: ask for the evidence."""
    data = pressed(update, RequestCloseout)
    if data is None:
        return
    actor = actor_of(update, context)
    context.expect(Expecting.CLOSEOUT_EVIDENCE, data.measure_id)
    await reply(update, context, render_evidence_ask(data.measure_id, actor.language))


async def request_with_evidence(
    update: Update,
    context: Context,
    measure_id: str,
    text: str | None,
    files: tuple[str, ...],
    team_id: str | None = None,
) -> None:
    """File the request; the team's leads get it with decision buttons and the evidence."""
    actor = actor_of(update, context)
    context.take_awaiting()
    result = context.services.closeouts.request(actor, measure_id, text, files, team_id)
    await reply(update, context, render_requested(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_review(result, lang))


@guarded
async def decide(update: Update, context: Context) -> None:
    """Approve (销号) at once; Return asks for the reason first."""
    data = pressed(update, DecideCloseout)
    if data is None:
        return
    actor = actor_of(update, context)
    if data.decision is Decision.YES:
        result = context.services.closeouts.approve(actor, data.closeout_id)
        await _announce(update, context, result)
        return
    pending = context.services.closeouts.get(actor, data.closeout_id)
    if not context.services.auth.can(actor, Perm.CLOSEOUT_DECIDE, pending.closeout.team_id):
        # refuse now rather than after the reason is typed
        raise NotAllowed("err.not_allowed", action=Perm.CLOSEOUT_DECIDE.value)
    context.expect(Expecting.RETURN_REASON, data.closeout_id)
    await reply(update, context, render_reason_question(actor.language))


async def typed_reason(update: Update, context: Context, closeout_id: str, reason: str) -> None:
    """The reason for returning a close-out request."""
    actor = actor_of(update, context)
    context.take_awaiting()
    result = context.services.closeouts.return_(actor, closeout_id, reason)
    await _announce(update, context, result)


async def _announce(update: Update, context: Context, result: CloseoutResult) -> None:
    actor = actor_of(update, context)
    await edit_or_send(update, context, render_decided(result, actor.language))
    await notify(update, context, result.notify, lambda lang: render_outcome_notice(result, lang))
