"""The demo's journal: what everyone saw, in order, as transcript events.

Actions of the simulated people are added as they happen; what the bot sent (new messages and
edits, in any chat) is collected from the sandbox after each action has settled. Chats are
collected in a fixed order, the acting person's first, so a run with the same seed reads the same.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Any

from bot.i18n import t
from demo.events import Bubble, Event, Span
from sandbox import MessageView, Sandbox
from sandbox.text import utf16_offsets
from sandbox.views import view_of

Listener = Callable[[Event], None]


class Journal:
    """Events so far; ``listener`` hears each one as it is added (to print as it goes)."""

    def __init__(self, sandbox: Sandbox, lang: str, listener: Listener | None = None) -> None:
        self._sandbox = sandbox
        self._lang = lang
        self._listener = listener
        self._labels: dict[int, str] = {}
        self._order: list[int] = []
        self._seen: dict[tuple[int, int], int] = {}
        self._texts: dict[tuple[int, int], str] = {}
        self.events: list[Event] = []

    def name_chat(self, chat_id: int, label: str) -> None:
        """How a chat is called in the transcript; chats are collected in naming order."""
        if chat_id not in self._labels:
            self._order.append(chat_id)
        self._labels[chat_id] = label

    def label(self, chat_id: int) -> str:
        """The chat's name in the transcript."""
        return self._labels.get(chat_id, str(chat_id))

    def add(self, event: Event) -> None:
        """Record an event (and tell the listener)."""
        self.events.append(event)
        if self._listener is not None:
            self._listener(event)

    def seen(self, view: MessageView) -> None:
        """A message recorded by the action that sent it: not collected again."""
        self._seen[(view.chat_id, view.message_id)] = view.revision
        self._texts[(view.chat_id, view.message_id)] = view.text

    def collect(
        self,
        *,
        first: int | None,
        shown: Callable[[int], bool],
        per_chat: int | None = None,
        full: Collection[int] = (),
    ) -> list[Bubble]:
        """Record the bot's new messages and edits since the last call, chat by chat.

        With ``per_chat``, chats other than ``first`` show at most that many (the rest are
        folded); an edit that only took buttons away is folded too. Messages in ``full`` chats
        are never abbreviated.
        """
        found: list[Bubble] = []
        for chat_id in self._chat_order(first):
            count = 0
            for view in self.views(chat_id):
                key = (view.chat_id, view.message_id)
                before = self._seen.get(key)
                if before is not None and before >= view.revision:
                    continue
                self._seen[key] = view.revision
                old = self._texts.get(key)
                self._texts[key] = view.text
                if old == view.text:
                    continue  # only the buttons went away: nothing to tell
                visible = shown(chat_id)
                if per_chat is not None and chat_id != first and visible:
                    count += 1
                    visible = count <= per_chat
                bubble = self.bubble(view, edited=before is not None, shown=visible)
                bubble = replace(bubble, full=chat_id in full)
                if old is not None:
                    bubble = replace(bubble, changed=changed_lines(old, view.text))
                found.append(bubble)
                self.add(bubble)
        return found

    def views(self, chat_id: int) -> list[MessageView]:
        """Every live message of a chat, oldest first."""
        world = self._sandbox.world
        chat = world.chats.get(chat_id)
        if chat is None:
            return []
        return [view_of(world, message) for message in chat.live_messages()]

    def bubble(self, view: MessageView, *, edited: bool = False, shown: bool = True) -> Bubble:
        """A message as a transcript bubble."""
        chat = self.label(view.chat_id)
        sender = None if view.from_bot else self._sender(view)
        return Bubble(
            chat=chat,
            sender=sender,
            text=view.text,
            bold=bold_spans(view.text, view.entities),
            buttons=tuple(tuple(b.text for b in row) for row in view.buttons),
            attachment=self._attachment(view),
            edited=edited,
            shown=shown,
        )

    def _chat_order(self, first: int | None) -> list[int]:
        known = [c for c in self._order if c != first]
        extra = [c for c in self._sandbox.world.chats if c not in self._labels and c != first]
        return ([first] if first is not None else []) + known + extra

    def _sender(self, view: MessageView) -> str:
        label = self._labels.get(view.sender_id)
        return label if label is not None else view.sender_name

    def _attachment(self, view: MessageView) -> str | None:
        if view.photo is not None:
            return t("demo.photo", self._lang)
        if view.document is not None:
            name = str(view.document.get("file_name") or "file")
            return t("demo.document", self._lang, name=name)
        return None


def changed_lines(old: str, new: str, *, share: float = 0.4, short: int = 6) -> tuple[int, ...]:
    """Lines of ``new`` not in ``old``; empty (show it all) when many lines changed or the
    message is short anyway."""
    before = set(old.splitlines())
    lines = new.splitlines()
    if len(lines) <= short:
        return ()
    changed = tuple(i for i, line in enumerate(lines) if line not in before)
    return changed if changed and len(changed) <= share * len(lines) else ()


def bold_spans(text: str, entities: Sequence[dict[str, Any]]) -> tuple[Span, ...]:
    """The bold entities of a message as code-point spans (entities count UTF-16 units)."""
    offsets = utf16_offsets(text)
    index = {offset: position for position, offset in enumerate(offsets)}
    spans: list[Span] = []
    for entity in entities:
        if entity.get("type") != "bold":
            continue
        start, end = entity["offset"], entity["offset"] + entity["length"]
        if start in index and end in index:
            spans.append((index[start], index[end]))
    return tuple(spans)
