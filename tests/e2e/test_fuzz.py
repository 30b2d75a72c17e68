"""Random updates from strangers and members: nothing crashes, nobody changes what they may not.

A few hundred updates by default (well under a minute); ``DUBAN_STRESS=1`` sends thousands.
Run over the in-memory store and over PostgreSQL.
Each update is sent alone and the store is compared before and after it: a stranger's update
changes nothing, and every audited change is attributed to the sender.
"""

from __future__ import annotations

import logging
import os
import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.context import DubanApp
from bot.domain.ports import Store
from sandbox import Sandbox, ScriptedUser, UserChat
from storage.memory import MemoryStore
from storage.postgres import PostgresStore
from tests.e2e.harness import (
    ErrorLog,
    plan_assigned,
    send_sticker,
    team,
    zh,
)
from tests.postgres_server import fresh_schema

STRESS = os.environ.get("DUBAN_STRESS") == "1"
UPDATES = 3000 if STRESS else 300
UPDATES_ON_POSTGRES = 3000 if STRESS else 80  # the same paths; fewer keep the suite quick
COMMANDS = [
    "start",
    "help",
    "lang",
    "newteam",
    "addlead",
    "add",
    "roster",
    "invite",
    "revoke",
    "pending",
    "assign",
    "unassign",
    "unassigned",
    "unacked",
    "mytasks",
    "task",
    "report",
    "closeout",
    "setgroup",
    "nosuchcommand",
]
PREFIXES = [
    "lang",
    "ack",
    "rt",
    "r",
    "rs",
    "rp",
    "rc",
    "rf",
    "imp",
    "as",
    "am",
    "ao",
    "ax",
    "aa",
    "cq",
    "cd",
    "pg",
    "nop",
    "zz",
    "",
]
JUNK = [
    "",
    "0",
    "-1",
    "99999999",
    "M7cfa",
    "m7cfa",
    "all",
    "list",
    "y",
    "n",
    "u",
    "p",
    "done",
    "../x",
    "<b>",
    "&amp;",
    "%s",
    "{0}",
    "\u202e",
    "😀" * 3,
    "x" * 80,
    "9" * 30,
]
ROSTER = [
    ("张三", "县发改委", "责任人", ""),
    ("李四", "县财政局", "责任人", ""),
    ("赵县长", "县政府", "领导", ""),
    ("小刘", "县政府办", "联络员", "赵县长"),
]


def snapshot(store: Store) -> dict[str, Any]:
    """Everything in the store, comparable."""
    repos = [
        "teams",
        "settings",
        "units",
        "people",
        "invites",
        "leaves",
        "plans",
        "measures",
        "assignments",
        "cycles",
        "prompts",
        "reports",
        "reminders",
        "closeouts",
    ]
    state: dict[str, Any] = {name: list(getattr(store, name).all()) for name in repos}
    state["audit"] = list(store.audit)
    return state


def junk(rng: random.Random) -> str:
    """A hostile argument or text."""
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(JUNK)
    if roll < 0.6:
        return "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randrange(1, 40)))
    if roll < 0.65:
        return "长" * rng.randrange(4000, 9000)
    return " ".join(rng.choice(JUNK) for _ in range(rng.randrange(1, 5)))


class Fuzzer:
    """Makes random updates from random senders."""

    def __init__(self, sb: Sandbox, rng: random.Random, chats: dict[str, UserChat]) -> None:
        self.sb, self.rng, self.chats = sb, rng, chats
        self.group_chats: list[UserChat] = []

    def seen_callbacks(self) -> list[str]:
        """Callback data of every button the bot ever sent to anyone."""
        return [
            button.callback_data
            for chat in self.chats.values()
            for message in chat.bot_messages()
            for row in message.buttons
            for button in row
            if button.callback_data
        ]

    def actions(self) -> list[Callable[[UserChat], Any]]:
        """The kinds of update, as coroutines taking the sender's chat."""
        return [
            self.text,
            self.command,
            self.command,
            self.forged,
            self.replayed,
            self.sticker,
            self.edit,
            self.document,
            self.photo,
            self.reply,
        ]

    async def text(self, chat: UserChat) -> None:
        await chat.send(junk(self.rng)[:4096] or "x")

    async def command(self, chat: UserChat) -> None:
        args = " ".join(junk(self.rng)[:60] for _ in range(self.rng.randrange(0, 4)))
        await chat.send(f"/{self.rng.choice(COMMANDS)} {args}"[:4096])

    async def forged(self, chat: UserChat) -> None:
        parts = [self.rng.choice(PREFIXES)] + [junk(self.rng)[:20] for _ in range(3)]
        data = ":".join(parts[: self.rng.randrange(1, 5)])
        await self._press(chat, data.encode()[:64].decode(errors="ignore") or "x")

    async def replayed(self, chat: UserChat) -> None:
        seen = self.seen_callbacks()
        if seen:
            await self._press(chat, self.rng.choice(seen))

    async def _press(self, chat: UserChat, data: str) -> None:
        last = chat.last_bot_message()
        if last is not None:
            self.sb.driver.press_from_user(chat, last.message_id, data)

    async def sticker(self, chat: UserChat) -> None:
        await send_sticker(self.sb, chat)

    async def edit(self, chat: UserChat) -> None:
        mine = [m for m in chat.transcript() if m.sender_id == chat.user.id and m.text]
        if mine:
            await chat.edit(self.rng.choice(mine), junk(self.rng)[:4096] or "y")

    async def document(self, chat: UserChat) -> None:
        name = self.rng.choice(["plan.txt", "名单.csv", "x.xlsx", "a.docx", "b.md", "c.bin"])
        data = bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(0, 2000)))
        caption = self.rng.choice([None, "名单", junk(self.rng)[:100]])
        await chat.send_document(data, name, caption=caption)

    async def photo(self, chat: UserChat) -> None:
        from tests.e2e.test_journey import PNG

        await chat.send_photo(PNG, caption=self.rng.choice([None, junk(self.rng)[:200]]))

    async def reply(self, chat: UserChat) -> None:
        bots = chat.bot_messages()
        if bots:
            await chat.send(junk(self.rng)[:4096] or "z", reply_to=self.rng.choice(bots))


def _new_audit_actors(before: dict[str, Any], after: dict[str, Any]) -> Iterator[str | None]:
    known = {entry.id for entry in before["audit"]}
    for entry in after["audit"]:
        if entry.id not in known:
            yield entry.actor_id


@pytest.fixture(params=["memory", "postgres"])
def fuzzed_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    """The store under the bot: in memory, or in a PostgreSQL database."""
    if request.param == "memory":
        yield MemoryStore()
        return
    with fresh_schema(request.getfixturevalue("database_url")) as url:
        store = PostgresStore(url)
        yield store
        store.close()


@pytest.mark.slow
async def test_random_updates_break_nothing(sandbox: Sandbox, fuzzed_store: Store) -> None:
    """Hundreds of random updates: no unhandled error, strangers change nothing."""
    rng = random.Random(int(os.environ.get("DUBAN_FUZZ_SEED", "5")))
    errors = ErrorLog()
    logging.getLogger().addHandler(errors)
    try:
        async with team(sandbox, ROSTER, fuzzed_store) as t:
            await plan_assigned(t.lead)
            await sandbox.wait_idle()
            app: DubanApp = t.app
            store = app.bot_data.services.store
            strangers: list[ScriptedUser] = [zh(sandbox, "路人甲"), zh(sandbox, "路人乙")]
            chats = {"admin": t.admin, "lead": t.lead, **t.officials}
            for user in strangers:
                chats[user.first_name] = await user.start()
            group = sandbox.create_group("群", members=[t.lead_user, *strangers])
            group_chats = [t.lead_user.in_group(group), strangers[0].in_group(group)]
            person_ids = t.person_ids
            fuzzer = Fuzzer(sandbox, rng, chats)
            names = list(chats)
            # the store under the bot, not the services' recording wrapper around it
            updates = UPDATES_ON_POSTGRES if isinstance(fuzzed_store, PostgresStore) else UPDATES
            for _ in range(updates):
                name = rng.choice(names)
                chat = chats[name]
                if rng.random() < 0.1:
                    chat = rng.choice(group_chats)
                    name = "lead" if chat.user.id == t.lead_user.id else "路人甲"
                before = snapshot(store)
                await rng.choice(fuzzer.actions())(chat)
                await sandbox.wait_idle(quiet=0.005)
                after = snapshot(store)
                if name.startswith("路人"):
                    assert before == after, f"a stranger changed the store ({name})"
                allowed = {person_ids.get(name), None}
                for actor in _new_audit_actors(before, after):
                    assert actor in allowed, f"{name}'s update was audited as {actor}"
            assert sandbox.driver.world.callbacks.unanswered == 0
    finally:
        logging.getLogger().removeHandler(errors)
    assert not errors.records, "\n".join(r.getMessage() for r in errors.records[:10])
