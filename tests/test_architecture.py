"""The dependency direction: domain ← services ← handlers/jobs ← app; storage only at the root."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package.replace(".", "/")).rglob("*.py"))


def _offenders(package: str, banned: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(package)
        for name in sorted(_imports(path))
        if any(name == ban or name.startswith(ban + ".") for ban in banned)
    ]


@pytest.mark.parametrize(
    ("package", "banned"),
    [
        ("bot.domain", ("telegram", "tinydb", "storage", "bot.services", "bot.handlers")),
        ("bot.services", ("telegram", "tinydb", "storage", "bot.handlers", "bot.render")),
        ("bot.handlers", ("storage", "tinydb")),
        ("bot.render", ("storage", "tinydb", "bot.handlers")),
        ("bot.i18n", ("telegram", "storage", "tinydb")),
    ],
)
def test_layer_does_not_reach_outwards(package: str, banned: tuple[str, ...]) -> None:
    """Each layer imports only what lies inside it in the dependency direction."""
    assert not _offenders(package, banned)


def test_only_the_composition_root_and_cli_import_storage() -> None:
    """Outside storage itself, only bot/app.py and bot/cli may import the storage adapters."""
    allowed = {ROOT / "bot" / "app.py", *(_modules("bot.cli"))}
    offenders = [
        f"{path.relative_to(ROOT)}"
        for path in _modules("bot")
        if path not in allowed
        and path.parts[len(ROOT.parts) + 1] != "sandbox"
        and any(n == "storage" or n.startswith("storage.") for n in _imports(path))
    ]
    assert not offenders


def test_handlers_do_not_assemble_html_or_use_regexes() -> None:
    """Handlers stay thin: no `re`, no `html` module, no raw tags; renderers do that."""
    for path in _modules("bot.handlers"):
        source = path.read_text(encoding="utf-8")
        assert not {"re", "html"} & _imports(path), path
        assert "<b>" not in source, path
        assert "</" not in source, path


def test_no_untyped_bot_data_lookups() -> None:
    """Handlers use the typed context, never `bot_data["x"]`."""
    for path in [*_modules("bot.handlers"), ROOT / "bot" / "app.py"]:
        source = path.read_text(encoding="utf-8")
        assert 'bot_data["' not in source, path
        assert "bot_data['" not in source, path


#: Bot API methods (and PTB's shortcuts on messages and chats) that put a message into a chat or
#: change one: only the outbox may use them.
_KINDS = (
    "message", "photo", "document", "video", "audio", "voice", "animation", "sticker",
    "media_group", "location", "venue", "contact", "poll", "dice", "video_note", "paid_media",
    "invoice", "game",
)  # fmt: skip
SENDING_METHODS = frozenset(
    {
        *(f"send_{kind}" for kind in _KINDS),
        *(f"reply_{kind}" for kind in (*_KINDS, "text", "html", "markdown", "markdown_v2")),
        "reply_copy",
        "copy_message", "copy_messages", "forward_message", "forward_messages",
        "edit_message_text", "edit_message_caption", "edit_message_media",
        "edit_message_reply_markup", "edit_text", "edit_caption", "edit_media",
        "edit_reply_markup", "answer_callback_query",
    }
)  # fmt: skip


def _sending_calls(source: str) -> list[tuple[int, str]]:
    """(line, method) of every use of a sending method in ``source``, called or passed on."""
    return sorted(
        (node.lineno, node.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute) and node.attr in SENDING_METHODS
    )


def test_every_message_leaves_through_the_outbox() -> None:
    """No module but bot/outbox uses a Bot API method that sends or edits a message (the
    sandbox is the fake Telegram, and the demo's players are its users)."""
    outside = [
        path
        for path in _modules("bot")
        if path.parts[len(ROOT.parts) + 1] not in {"outbox", "sandbox", "demo"}
    ]
    assert len(outside) > 100  # the scan sees the handlers, jobs and the rest
    found = [
        f"{path.relative_to(ROOT)}:{line} calls {name}"
        for path in outside
        for line, name in _sending_calls(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_outbox_scan_recognises_direct_sends() -> None:
    """The scan above finds a direct send and a message shortcut, and the outbox's own sends."""
    source = "async def f(bot, message):\n    await bot.send_message(1, 'x')\n"
    source += "    await message.reply_text('x')\n    print(message.reply_markup)\n"
    source += "    service.reply_recorded()\n"
    source += "    send = bot.send_photo\n"
    assert [name for _, name in _sending_calls(source)] == [
        "send_message", "reply_text", "send_photo"
    ]
    outbox = (ROOT / "bot" / "outbox" / "outbox.py").read_text(encoding="utf-8")
    assert {"send_message", "edit_message_text"} <= {name for _, name in _sending_calls(outbox)}
