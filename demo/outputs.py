"""What the demo leaves behind: the digest as HTML and Markdown, the chart, the ledger, and the
full transcript, taken from what the leaders' group actually received in the sandbox.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sandbox import MessageView, Sandbox
from sandbox.text import utf16_offsets

DIGEST_HTML = "digest.html"
DIGEST_MD = "digest.md"
CHART = "chart.png"
LEDGER = "ledger.xlsx"
TRANSCRIPT = "transcript.txt"

_HTML_TAGS = {"bold": "b", "italic": "i", "underline": "u", "strikethrough": "s", "code": "code"}
_MD_MARKS = {"bold": "**", "italic": "*", "strikethrough": "~~", "code": "`"}


@dataclass(frozen=True, slots=True)
class Digest:
    """The weekly digest as the group and the leads got it."""

    title: str
    group: Sequence[MessageView]
    leads: Sequence[MessageView]


def to_html(view: MessageView) -> str:
    """A message's text as HTML, from its entities (bold, italic, code, links)."""
    return _convert(view, _html_open, _html_close, html.escape)


def to_markdown(view: MessageView) -> str:
    """A message's text as Markdown, from its entities."""
    return _convert(view, _md_open, _md_close, lambda text: text)


def digest_html(digest: Digest, headings: tuple[str, str]) -> str:
    """A small standalone HTML page with both versions of the digest."""
    parts = [
        "<!doctype html>",
        '<html><head><meta charset="utf-8">',
        f"<title>{html.escape(digest.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}"
        ".msg{white-space:pre-wrap;border-left:3px solid #7aa7d8;padding:.2em 1em;"
        "margin:1em 0}</style></head><body>",
    ]
    for heading, views in zip(headings, (digest.group, digest.leads), strict=True):
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        parts += [f'<div class="msg">{to_html(view)}</div>' for view in views]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def digest_markdown(digest: Digest, headings: tuple[str, str]) -> str:
    """Both versions of the digest as one Markdown document."""
    parts = [f"# {digest.title}"]
    for heading, views in zip(headings, (digest.group, digest.leads), strict=True):
        parts.append(f"## {heading}")
        parts += [_md_lines(to_markdown(view)) for view in views]
    return "\n\n".join(parts) + "\n"


def photo_bytes(sandbox: Sandbox, views: Sequence[MessageView]) -> bytes | None:
    """The largest size of the first photo among ``views``."""
    for view in views:
        if view.photo:
            stored = sandbox.world.files.get(view.photo[-1]["file_id"])
            if stored is not None:
                return stored.data
    return None


def document_bytes(sandbox: Sandbox, views: Sequence[MessageView], suffix: str) -> bytes | None:
    """The first document among ``views`` whose name ends with ``suffix``."""
    for view in views:
        document = view.document or {}
        if str(document.get("file_name", "")).endswith(suffix):
            stored = sandbox.world.files.get(document["file_id"])
            if stored is not None:
                return stored.data
    return None


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Write one output file and return its path."""
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


# -- entities to markup ---------------------------------------------------------------------


def _convert(view: MessageView, opener: Any, closer: Any, escape: Any) -> str:
    text = view.text
    offsets = utf16_offsets(text)
    index = {offset: position for position, offset in enumerate(offsets)}
    opens: dict[int, list[dict[str, Any]]] = {}
    closes: dict[int, list[dict[str, Any]]] = {}
    for entity in view.entities:
        start, end = entity["offset"], entity["offset"] + entity["length"]
        if start in index and end in index and _known(entity):
            opens.setdefault(index[start], []).append(entity)
            closes.setdefault(index[end], []).insert(0, entity)
    out: list[str] = []
    for position, char in enumerate(text):
        out += [closer(e) for e in closes.get(position, [])]
        out += [opener(e) for e in opens.get(position, [])]
        out.append(escape(char))
    out += [closer(e) for e in closes.get(len(text), [])]
    return "".join(out)


def _known(entity: dict[str, Any]) -> bool:
    return entity["type"] in _HTML_TAGS or entity["type"] in ("text_link", "url")


def _html_open(entity: dict[str, Any]) -> str:
    if entity["type"] == "text_link":
        return f'<a href="{html.escape(entity.get("url", ""))}">'
    return f"<{_HTML_TAGS[entity['type']]}>" if entity["type"] in _HTML_TAGS else ""


def _html_close(entity: dict[str, Any]) -> str:
    if entity["type"] == "text_link":
        return "</a>"
    return f"</{_HTML_TAGS[entity['type']]}>" if entity["type"] in _HTML_TAGS else ""


def _md_open(entity: dict[str, Any]) -> str:
    return "[" if entity["type"] == "text_link" else _MD_MARKS.get(entity["type"], "")


def _md_close(entity: dict[str, Any]) -> str:
    if entity["type"] == "text_link":
        return f"]({entity.get('url', '')})"
    return _MD_MARKS.get(entity["type"], "")


def _md_lines(text: str) -> str:
    """Keep the message's line breaks in Markdown (two spaces end a line)."""
    return "  \n".join(text.splitlines())
