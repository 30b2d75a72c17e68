"""The dependency direction: domain ← services ← handlers/jobs ← app; storage only at the root."""

from __future__ import annotations

import ast
import re
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
        and any(n == "storage" or n.startswith("storage.") for n in _imports(path))
    ]
    assert not offenders


def _top_level_imports(path: Path) -> set[str]:
    """What ``path`` imports at module level (outside functions and ``if TYPE_CHECKING``)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _names_package(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


BESIDE = ("sandbox", "demo")


def test_the_bot_imports_neither_the_sandbox_nor_the_demo() -> None:
    """The sandbox and the demo sit beside the bot: no module of bot/ outside the CLI imports
    them, and the CLI's commands load them only when run (inside a function or for typing)."""
    outside_cli = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules("bot")
        if path not in _modules("bot.cli")
        for name in sorted(_imports(path))
        if _names_package(name, BESIDE)
    ]
    eager_in_cli = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules("bot.cli")
        for name in sorted(_top_level_imports(path))
        if _names_package(name, BESIDE)
    ]
    assert (outside_cli, eager_in_cli) == ([], [])
    lazy = {n for path in _modules("bot.cli") for n in _imports(path) if _names_package(n, BESIDE)}
    assert {name.split(".")[0] for name in lazy} == set(BESIDE)  # the scan sees the commands


def test_the_sandbox_imports_nothing_of_the_bot() -> None:
    """The fake Telegram stands alone: no module of sandbox/ imports bot, storage or the demo."""
    found = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules("sandbox")
        for name in sorted(_imports(path))
        if _names_package(name, ("bot", "storage", "demo"))
    ]
    assert found == []


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
    """No module of bot/ but bot/outbox uses a Bot API method that sends or edits a message (the
    sandbox beside it is the fake Telegram, and the demo's players are its users)."""
    outside = [path for path in _modules("bot") if path.parts[len(ROOT.parts) + 1] != "outbox"]
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
        "send_message",
        "reply_text",
        "send_photo",
    ]
    outbox = (ROOT / "bot" / "outbox" / "outbox.py").read_text(encoding="utf-8")
    assert {"send_message", "edit_message_text"} <= {name for _, name in _sending_calls(outbox)}


# --- The layer graph drawn in docs/architecture.md is the real one -----------------------------

ARCHITECTURE = ROOT / "docs" / "architecture.md"
_FENCE = "```"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _source_modules() -> dict[str, Path]:
    """Every module of the bot and the storage adapters, by dotted name."""
    return {
        _module_name(p): p for top in ("bot", "storage", "sandbox", "demo") for p in _modules(top)
    }


def _resolved_imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules ``path`` imports, anywhere in it (lazy and type-only imports too), with
    relative imports resolved and ``from package import module`` read as the module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)
    return found


def _declared() -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The page's layer table (module prefix → layer) and its mermaid graph's edges."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    table = text.split("<!-- layers -->", 1)[1].split("<!-- /layers -->", 1)[0]
    prefixes: dict[str, str] = {}
    for row in table.splitlines():
        cells = [cell.strip() for cell in row.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0].startswith("**"):
            layer = cells[0].strip("*")
            for prefix in re.findall(r"`([\w.]+)`", cells[1]):
                prefixes[prefix] = layer
    graph = text.split(f"{_FENCE}mermaid", 1)[1].split(_FENCE, 1)[0]
    edges = set(re.findall(r"^\s*(\w+)\s*-->\s*(\w+)\s*$", graph, re.MULTILINE))
    return prefixes, edges


def _layer_of(module: str, prefixes: dict[str, str]) -> str | None:
    matches = [p for p in prefixes if module == p or module.startswith(p + ".")]
    return prefixes[max(matches, key=len)] if matches else None


def _real_edges(prefixes: dict[str, str]) -> dict[tuple[str, str], set[str]]:
    """(importing layer, imported layer) → the modules that make the edge."""
    modules = _source_modules()
    edges: dict[tuple[str, str], set[str]] = {}
    for name, path in modules.items():
        source = _layer_of(name, prefixes)
        for imported in _resolved_imports(name, path, set(modules)):
            target = _layer_of(imported, prefixes)
            if source and target and target != source and imported != "bot":
                edges.setdefault((source, target), set()).add(name)
    return edges


def test_every_module_has_a_layer_on_the_page() -> None:
    """Every module of bot/ and storage/ falls in a layer named in docs/architecture.md's table
    (``bot`` itself only holds the version)."""
    prefixes, _ = _declared()
    assert len(prefixes) >= 15
    unplaced = [m for m in _source_modules() if m != "bot" and _layer_of(m, prefixes) is None]
    assert unplaced == []


def test_the_page_shows_every_dependency_between_layers() -> None:
    """A dependency between layers that the page's graph does not show fails here: draw it (or
    remove the import)."""
    prefixes, declared = _declared()
    real = _real_edges(prefixes)
    missing = [
        f"{a} --> {b} (by {', '.join(sorted(modules))})"
        for (a, b), modules in sorted(real.items())
        if (a, b) not in declared
    ]
    assert missing == []


def test_the_page_shows_no_dependency_that_is_gone() -> None:
    """Every edge the page's graph draws is still made by some import."""
    prefixes, declared = _declared()
    assert len(declared) > 20
    assert sorted(declared - set(_real_edges(prefixes))) == []


def test_the_graph_reader_resolves_relative_and_module_imports(tmp_path: Path) -> None:
    """Relative imports, ``from package import module`` and imports inside functions all count."""
    path = tmp_path / "x.py"
    path.write_text(
        "from . import sibling\nfrom ..other import thing\nfrom bot import metrics\n"
        "def f():\n    import telegram\n",
        encoding="utf-8",
    )
    known = {"bot.metrics", "bot.pkg.sibling"}
    assert _resolved_imports("bot.pkg.x", path, known) == {
        "bot.pkg",
        "bot.pkg.sibling",
        "bot.other",
        "bot",
        "bot.metrics",
        "telegram",
    }
