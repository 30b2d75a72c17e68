"""The request → decision flow that close-outs and deadline extensions share.

The requester writes a draft (kept in the user's state, each message added to it) and submits or
drops it; the team's leads get it with buttons; a lead approves at once, or refuses with a
reason typed next; the requester and whoever else the decision concerns are told. A
:class:`RequestFlow` does all of that over one service and one set of views; a flow's module
says only what differs (where its draft is kept, its service, its views, its three button
kinds and their permissions, its command).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, Literal, Protocol, TypeVar

from telegram import Update

from bot.callbacks import Decision
from bot.context import Context, Expecting
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.handlers.buttons import button
from bot.handlers.common import actor_of, edit_or_send, reply
from bot.handlers.delivery import notify
from bot.handlers.parsing import split_args
from bot.render.common import render_usage
from bot.render.requests import Asked, RequestViews
from bot.services import Actor, Perm, Services


class Draft(Protocol):
    """A request being written: it is on a task."""

    @property
    def measure(self) -> Measure:
        """The task."""


class Outcome(Asked, Protocol):
    """A request filed or decided, and whom to tell."""

    @property
    def notify(self) -> tuple[Person, ...]:
        """Leads on a request; the requester and others on a decision."""


class OnTask(Protocol):
    """A button on a task (ask) or on a draft (submit or drop)."""

    @property
    def measure_id(self) -> str:
        """The task."""


class Choice(Protocol):
    """A yes / no button: submit or drop a draft, approve or refuse a request."""

    @property
    def decision(self) -> Decision:
        """Yes or no."""


class Submitting(OnTask, Choice, Protocol):
    """Submit or drop the draft on a task."""


class Deciding(Choice, Protocol):
    """Approve or refuse a request."""

    @property
    def request_id(self) -> str:
        """The request."""


D = TypeVar("D", bound=Draft)
R = TypeVar("R", bound=Outcome)
R_co = TypeVar("R_co", bound=Outcome, covariant=True)


class RequestService(Protocol[D, R_co]):
    """What a flow's service offers (positions only: the services name things their way)."""

    def start(self, actor: Actor, measure_ref: str, /) -> D:
        """A draft on the task, if the actor may ask (refused now if not)."""

    def add(
        self,
        actor: Actor,
        draft: D,
        text: str | None,
        attachments: Sequence[str] = (),
        source_message_id: int | None = None,
        /,
    ) -> D:
        """The draft with one more message."""

    def draft_on(self, actor: Actor, draft: D | None, measure_id: str | None = None, /) -> D:
        """The draft being written (on ``measure_id`` if given), or NotFound."""

    def submit(self, actor: Actor, draft: D, /) -> R_co:
        """File the draft; the leads are to be told."""

    def approve(self, actor: Actor, request_id: str, /) -> R_co:
        """Approve a waiting request."""

    def refuse(self, actor: Actor, request_id: str, reason: str, /) -> R_co:
        """Refuse a waiting request with a reason."""

    def may_decide(self, actor: Actor, request_id: str, /) -> object:
        """Refuse now if the actor may not decide it (before a reason is typed)."""


#: Where a flow's draft is kept in the user's state (:class:`~bot.context.UserData`).
DraftSlot = Literal["closeout_draft", "extension_draft"]


class RequestFlow(Generic[D, R]):
    """One request → decision flow: what happens at each step, over a service and views."""

    def __init__(
        self,
        slot: DraftSlot,
        service: Callable[[Services], RequestService[D, R]],
        expecting: tuple[Expecting, Expecting],
        views: RequestViews[D, R],
    ) -> None:
        self._slot = slot
        self._service = service
        # what the requester's next message is for; what the lead's is, after refusing
        self.writing, self.reasoning = expecting
        self.views = views

    def declare(
        self,
        kinds: tuple[type[OnTask], type[Submitting], type[Deciding]],
        asking: Perm,
        deciding: Perm,
    ) -> None:
        """Declare the flow's buttons: ask on a task and submit or drop the draft (``asking``),
        approve or refuse (``deciding``)."""
        ask, submit, decide = kinds
        button(ask, asking)(self.asked)
        button(submit, asking)(self.submitted)
        button(decide, deciding)(self.decided)

    def service(self, context: Context) -> RequestService[D, R]:
        """The flow's service."""
        return self._service(context.services)

    async def command(
        self,
        update: Update,
        context: Context,
        usage: str,
        start: Callable[[Actor, str, str | None], D],
    ) -> None:
        """``/<command> <task> [rest]``: the usage without a task, else a draft started with the
        rest of the command (``start(actor, task, rest)``)."""
        actor = actor_of(update, context)
        ref, rest = split_args(context.args, 2)
        if ref is None:
            await reply(update, context, render_usage(usage, actor.language))
            return
        await self.keep(update, context, start(actor, ref, rest))

    async def asked(self, update: Update, context: Context, data: OnTask) -> None:
        """The button on a task that starts a request: a draft on it."""
        draft = self.service(context).start(actor_of(update, context), data.measure_id)
        await self.keep(update, context, draft)

    async def keep(
        self, update: Update, context: Context, draft: D, *, reply_to: int | None = None
    ) -> None:
        """Remember the draft, expect the next message for it, and show it."""
        if context.user_data is not None:
            setattr(context.user_data, self._slot, draft)
        context.expect(self.writing, draft.measure.id)
        chat = update.effective_chat
        if chat is not None:
            shown = self.views.draft(draft, actor_of(update, context).language)
            await context.outbox.send(chat.id, shown, reply_to=reply_to)

    async def add(
        self, update: Update, context: Context, text: str | None, files: tuple[str, ...]
    ) -> None:
        """One more message for the draft: text, photos or files."""
        actor = actor_of(update, context)
        message = update.effective_message
        source = message.message_id if message is not None else None
        draft = self.service(context).add(actor, self.draft(update, context), text, files, source)
        await self.keep(update, context, draft)

    async def submitted(self, update: Update, context: Context, data: Submitting) -> None:
        """📤 Submit: the leads get the request (if none could be told, the requester hears so,
        and where the leads will see it); ✖️ Cancel drops the draft."""
        actor = actor_of(update, context)
        draft = self.draft(update, context, data.measure_id)
        if data.decision is Decision.NO:
            self.forget(context)
            await edit_or_send(update, context, self.views.dropped(draft.measure, actor.language))
            return
        result = self.service(context).submit(actor, draft)
        self.forget(context)
        await edit_or_send(update, context, self.views.requested(result, actor.language))
        told = await notify(
            update, context, result.notify, lambda lang: self.views.review(result, lang)
        )
        if not told:
            await reply(update, context, self.views.unheard(actor.language))

    async def decided(self, update: Update, context: Context, data: Deciding) -> None:
        """Approve at once; refusing asks for the reason first (refused now if not a lead's)."""
        actor = actor_of(update, context)
        service = self.service(context)
        if data.decision is Decision.YES:
            await self.announce(update, context, service.approve(actor, data.request_id))
            return
        service.may_decide(actor, data.request_id)
        context.expect(self.reasoning, data.request_id)
        await reply(update, context, self.views.reason_question(actor.language))

    async def typed_reason(
        self, update: Update, context: Context, request_id: str, reason: str
    ) -> None:
        """The reason for refusing a request."""
        actor = actor_of(update, context)
        context.take_awaiting()
        result = self.service(context).refuse(actor, request_id, reason)
        await self.announce(update, context, result)

    async def announce(self, update: Update, context: Context, result: R) -> None:
        """The decision: in place of the request for the lead, a notice to the others."""
        lang = actor_of(update, context).language
        await edit_or_send(update, context, self.views.decided(result, lang))
        outcome = self.views.outcome_notice
        await notify(update, context, result.notify, lambda other: outcome(result, other))

    def draft(self, update: Update, context: Context, measure_id: str | None = None) -> D:
        """The draft being written (on ``measure_id`` if given), or NotFound."""
        held: D | None = getattr(context.user_data, self._slot, None)
        return self.service(context).draft_on(actor_of(update, context), held, measure_id)

    def forget(self, context: Context) -> None:
        """Drop the draft, and stop expecting messages for it."""
        if context.user_data is None:
            return
        setattr(context.user_data, self._slot, None)
        awaiting = context.peek_awaiting()
        if awaiting is not None and awaiting.expecting is self.writing:
            context.take_awaiting()
