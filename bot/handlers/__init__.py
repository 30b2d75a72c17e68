"""Thin Telegram handlers, registered in one ordered list by :func:`build_handlers`.

A handler takes primitives from the update, calls one service function and sends what a
``bot.render`` function returns. Group chats only take ``/setgroup`` and ``/help``; anything
else said in a group is ignored by design; Telegram's notice that a group became a supergroup
moves the leaders' group along, and the bot's removal from it is told to the leads. In private
chats every update gets an answer.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.handlers import (
    admin,
    assign,
    buttons,
    closeouts,
    extensions,
    inbox,
    instructions,
    leaders,
    leave,
    pages,
    people,
    plans,
    records,
    reply_pick,
    reports,
    rhythm,
    settings_flow,
    start,
    tasks,
)

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
EVIDENCE = filters.PHOTO | filters.Document.ALL | filters.VIDEO

#: Private-chat commands and their handlers, in menu order.
PRIVATE_COMMANDS = {
    "start": start.start,
    "help": start.help_command,
    "lang": start.lang,
    "newteam": admin.new_team,
    "addlead": admin.add_lead,
    "add": people.add,
    "roster": people.roster,
    "invite": people.invite,
    "revoke": people.revoke,
    "reporter": people.reporter,
    "pending": people.pending,
    "assign": assign.assign,
    "unassign": assign.unassign,
    "unassigned": assign.unassigned,
    "unacked": assign.unacked,
    "mytasks": tasks.my_tasks,
    "task": tasks.task,
    "report": reports.report,
    "closeout": closeouts.closeout,
    "closeouts": closeouts.pending,
    "extensions": extensions.pending,
    "setgroup": admin.set_group,
    "settings": settings_flow.settings,
    "dispatch": rhythm.dispatch,
    "digest": rhythm.digest,
    "review": rhythm.review,
    "remind": rhythm.remind,
    "export": rhythm.export,
    "leave": leave.leave,
    "history": records.history,
    "search": records.search,
    "evidence": records.evidence,
    "extend": extensions.extend,
    "instruction": instructions.instruction,
    "decision": instructions.decision,
    "leader": leaders.leader,
}


#: The modules whose handlers declare button kinds (importing them declares them).
DECLARING_BUTTONS = (
    assign,
    closeouts,
    extensions,
    instructions,
    pages,
    plans,
    reply_pick,
    reports,
    rhythm,
    settings_flow,
    start,
)


def build_handlers() -> list[BaseHandler[Any, Any, Any]]:
    """Every handler, in the order they are tried."""
    handlers: list[BaseHandler[Any, Any, Any]] = [
        CommandHandler(name, callback, filters=PRIVATE)
        for name, callback in PRIVATE_COMMANDS.items()
    ]
    handlers += [
        CommandHandler("setgroup", admin.set_group, filters=GROUPS),
        CommandHandler(("help", "start"), start.group_help, filters=GROUPS),
        MessageHandler(GROUPS & filters.StatusUpdate.MIGRATE, admin.group_moved),
        ChatMemberHandler(admin.bot_membership, ChatMemberHandler.MY_CHAT_MEMBER),
    ]
    buttons.check_declared()
    handlers += [
        CallbackQueryHandler(buttons.dispatch),  # every press, decoded once (see buttons)
        MessageHandler(
            filters.ChatType.PRIVATE
            & filters.UpdateType.EDITED_MESSAGE
            & (filters.TEXT | filters.CAPTION),
            inbox.edited,
        ),
        MessageHandler(PRIVATE & EVIDENCE, inbox.media),
        MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, inbox.text),
        MessageHandler(PRIVATE, inbox.other),  # unknown commands, stickers, voice...
    ]
    return handlers
