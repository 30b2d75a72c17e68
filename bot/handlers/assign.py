"""Assigning (交办): ``/assign`` by command or picker, suggestions, ``/unassign``, lists, 签收.

Picker flow (``assign.mmd``): sections → measures of a section → units or people → assigned.
Every assignee who has joined is told at once, with a one-tap 签收 button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import partial

from telegram import Update

from bot.callbacks import (
    Acknowledge,
    AcknowledgeBatch,
    AcknowledgeListed,
    Assign,
    AssigneeKind,
    AutoAssign,
    Page,
    PageKind,
    PickAssignee,
    PickMeasure,
    PickSection,
)
from bot.context import Context
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, guarded, pressed_message, reply, team_of
from bot.handlers.delivery import notify, notify_each
from bot.handlers.parsing import split_args
from bot.render import Message
from bot.render.assign import (
    render_acknowledged,
    render_assigned,
    render_assignees,
    render_assignment_batch,
    render_assignment_notice,
    render_auto_applied,
    render_batch_acknowledged,
    render_colleague_signed,
    render_colleague_signed_batch,
    render_measures,
    render_sections,
    render_suggestions,
    render_unacked,
    render_unassigned,
    render_unassigned_done,
)
from bot.render.common import without_button
from bot.services import AckResult, AssignResult, Notice, Perm, Target


@guarded
async def assign(update: Update, context: Context) -> None:
    """``/assign <task> <person or unit>…``; without arguments, the picker."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    ref, targets = split_args(context.args, 2)
    if ref is None:
        sections = context.services.plans.sections(actor, team_id)
        await reply(update, context, render_sections(sections, 0, actor.language))
        return
    result = context.services.assignments.assign_from_args(actor, team_id, ref, targets or "")
    await _assigned(update, context, result)


@button(PickSection, Perm.ASSIGN)
async def pick_section(update: Update, context: Context, data: PickSection) -> None:
    """Picker: a page of sections."""
    actor = actor_of(update, context)
    sections = context.services.plans.sections(actor, team_of(actor, context))
    await edit_or_send(update, context, render_sections(sections, data.page, actor.language))


@button(PickMeasure, Perm.ASSIGN)
async def pick_measure(update: Update, context: Context, data: PickMeasure) -> None:
    """Picker: a page of one section's measures."""
    actor = actor_of(update, context)
    page = context.services.plans.measures_in_section(
        actor, team_of(actor, context), data.section, data.page
    )
    await edit_or_send(update, context, render_measures(data.section, page, actor.language))


@button(PickAssignee, Perm.ASSIGN)
async def pick_assignee(update: Update, context: Context, data: PickAssignee) -> None:
    """Picker: a page of units or people for the measure."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    people = context.services.people
    page = (
        people.units_page(actor, team_id, data.page, 8)
        if data.kind is AssigneeKind.UNIT
        else people.list(actor, team_id, data.page, 8)
    )
    message = render_assignees(data.measure_id, data.kind, page, actor.language)
    await edit_or_send(update, context, message)


@button(Assign, Perm.ASSIGN)
async def assign_picked(update: Update, context: Context, data: Assign) -> None:
    """Picker, last step: assign to the unit or person picked."""
    actor = actor_of(update, context)
    target = (
        Target.unit(data.assignee_id)
        if data.kind is AssigneeKind.UNIT
        else Target.person(data.assignee_id)
    )
    result = context.services.assignments.assign(actor, data.measure_id, [target])
    await _assigned(update, context, result, edit=True)


@button(AutoAssign, Perm.ASSIGN)
async def auto(update: Update, context: Context, data: AutoAssign) -> None:
    """Suggestions: list them, accept all, or accept one."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    service = context.services.assignments
    if data.proposal_id == AutoAssign.LIST:
        suggestions = service.auto_suggest(actor, team_id)
        await reply(update, context, render_suggestions(suggestions, actor.language))
        return
    wanted = None if data.proposal_id == AutoAssign.ALL else [data.proposal_id]
    applied = service.auto_apply(actor, team_id, wanted)
    told = await _tell_batch(update, context, applied.results, team_id, applied.batch_id)
    await reply(update, context, render_auto_applied(applied, told, actor.language))


@guarded
async def unassign(update: Update, context: Context) -> None:
    """``/unassign <task> [person or unit]``: end one assignee, or all (the task as
    ``M3f2a``, ``#M3f2a`` or its number in the plan)."""
    actor = actor_of(update, context)
    team_id = team_of(actor, context)
    ref, who = split_args(context.args, 2)
    service = context.services.assignments
    target = service.parse_targets(actor, team_id, who)[0] if who else None
    result = service.unassign(actor, ref or "", target, team_id)
    await reply(update, context, render_unassigned_done(result, actor.language))


@guarded
async def unassigned(update: Update, context: Context) -> None:
    """``/unassigned``: measures nobody holds."""
    await unassigned_page(update, context, Page(PageKind.UNASSIGNED, 0))


async def unassigned_page(update: Update, context: Context, data: Page) -> None:
    """A page of the measures nobody holds."""
    actor = actor_of(update, context)
    measures = context.services.assignments.unassigned(actor, team_of(actor, context))
    message = render_unassigned(measures, data.page, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


@guarded
async def unacked(update: Update, context: Context) -> None:
    """``/unacked``: assigned tasks nobody signed for."""
    await unacked_page(update, context, Page(PageKind.UNACKED, 0))


async def unacked_page(update: Update, context: Context, data: Page) -> None:
    """A page of the assigned tasks nobody signed for."""
    actor = actor_of(update, context)
    tasks = context.services.assignments.unacknowledged(actor, team_of(actor, context))
    message = render_unacked(tasks, data.page, actor.language)
    await (edit_or_send if update.callback_query else reply)(update, context, message)


@button(Acknowledge, Perm.ACKNOWLEDGE)
async def acknowledge(update: Update, context: Context, data: Acknowledge) -> str | None:
    """签收 on an assignment notice: the notice is marked signed (or says by whom it was)."""
    actor = actor_of(update, context)
    result = context.services.signing.acknowledge(actor, data.measure_id)
    message = render_acknowledged(result, actor.language)
    await edit_or_send(update, context, message)
    await _tell_colleagues(update, context, result)
    return message.notice


@button(AcknowledgeListed, Perm.ACKNOWLEDGE)
async def acknowledge_listed(
    update: Update, context: Context, data: AcknowledgeListed
) -> str | None:
    """签收 on a list of tasks (the welcome, ``/mytasks``, ``/task``): that button goes, the
    list stays, and the answer follows."""
    actor = actor_of(update, context)
    result = context.services.signing.acknowledge(actor, data.measure_id)
    listed = pressed_message(update)
    if listed is not None:
        # the same text without that button (editMessageReplyMarkup would get PTB's default
        # parse_mode, a parameter that method does not have)
        rest = Message(listed.text_html, without_button(listed.reply_markup, data))
        await context.outbox.edit(listed.chat.id, listed.message_id, rest)
    message = render_acknowledged(result, actor.language)
    await reply(update, context, message)
    await _tell_colleagues(update, context, result)
    return message.notice


@button(AcknowledgeBatch, Perm.ACKNOWLEDGE_BATCH)
async def acknowledge_batch(update: Update, context: Context, data: AcknowledgeBatch) -> None:
    """签收全部 on the list of many new tasks: each listed task still unsigned is signed (a
    签收 each); the button goes, the list stays, the answer says how many (and how many were
    skipped, and why); colleagues who answer for them hear it once, in one message."""
    actor = actor_of(update, context)
    result = context.services.signing.acknowledge_batch(actor, data.team_id, data.batch_id)
    listed = pressed_message(update)
    if listed is not None:
        rest = Message(listed.text_html, without_button(listed.reply_markup, data))
        await context.outbox.edit(listed.chat.id, listed.message_id, rest)
    await reply(update, context, render_batch_acknowledged(result, actor.language))
    await notify_each(
        update,
        context,
        ((p, partial(render_colleague_signed_batch, signed)) for p, signed in result.notify),
    )


async def _tell_colleagues(update: Update, context: Context, result: AckResult) -> None:
    """Those who answer for what was just signed hear it once (a unit's others, the leader)."""
    await notify(
        update, context, result.notify, lambda lang: render_colleague_signed(result, lang)
    )


async def _assigned(
    update: Update, context: Context, result: AssignResult, *, edit: bool = False
) -> None:
    actor = actor_of(update, context)
    told = await _tell_assignees(update, context, result)  # first: the answer says who got it
    message = render_assigned(result, told, actor.language)
    await (edit_or_send if edit else reply)(update, context, message)


#: More new tasks than this for one person at once come as one list, not a notice each (a
#: notice each, with its 签收 button, up to this many).
BATCH_OVER = 10


async def _tell_batch(
    update: Update,
    context: Context,
    results: Sequence[AssignResult],
    team_id: str,
    batch_id: str | None,
) -> int:
    """Tell each assignee of many assignments at once: a notice per task, or one list for a
    person given more than :data:`BATCH_OVER` (400 suggestions accepted must not send one
    person 400 messages), whose 签收全部 names the batch; returns how many people Telegram
    took theirs for."""
    mine: dict[str, list[tuple[Measure, Notice]]] = {}
    people: dict[str, Person] = {}
    for result in results:
        for notice in result.notices:
            mine.setdefault(notice.person.id, []).append((result.measure, notice))
            people[notice.person.id] = notice.person

    sign = AcknowledgeBatch(team_id, batch_id) if batch_id is not None else None

    def messages() -> Iterator[tuple[Person, Callable[[str], Message]]]:
        for person_id, items in mine.items():
            if len(items) > BATCH_OVER:
                yield people[person_id], partial(render_assignment_batch, items, sign=sign)
                continue
            for measure, notice in items:
                yield people[person_id], partial(render_assignment_notice, measure, notice)

    told = await notify_each(update, context, messages())
    return len({person.id for person in told})


async def _tell_assignees(
    update: Update, context: Context, result: AssignResult
) -> tuple[Person, ...]:
    """Each assignee who has joined gets the notice; returns those Telegram took it for."""

    def notice_for(notice: Notice) -> Callable[[str], Message]:
        return lambda lang: render_assignment_notice(result.measure, notice, lang)

    return await notify_each(update, context, ((n.person, notice_for(n)) for n in result.notices))
