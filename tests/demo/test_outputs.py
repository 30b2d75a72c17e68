"""The demo's output files: messages as HTML and Markdown, and the digest page."""

from __future__ import annotations

from typing import Any

from demo.outputs import Digest, digest_html, digest_markdown, to_html, to_markdown
from sandbox import MessageView


def view(text: str, *entities: dict[str, Any]) -> MessageView:
    """A bot message as the sandbox keeps it."""
    return MessageView(1, 1, 7, "bot", True, 0, text, entities=entities)


def bold(offset: int, length: int) -> dict[str, Any]:
    """A bold entity (offsets in UTF-16 units)."""
    return {"type": "bold", "offset": offset, "length": length}


def test_html_escapes_text_and_restores_bold() -> None:
    """Entities become tags; text from people is escaped."""
    message = view("反馈情况 <a&b>", bold(0, 4))
    assert to_html(message) == "<b>反馈情况</b> &lt;a&amp;b&gt;"


def test_entity_offsets_count_utf16_units() -> None:
    """An emoji before a bold word takes two UTF-16 units; the tag still lands on the word."""
    message = view("📋 周调度通报", bold(3, 5))
    assert to_html(message) == "📋 <b>周调度通报</b>"
    assert to_markdown(message) == "📋 **周调度通报**"


def test_links_survive_in_both_formats() -> None:
    """A text link keeps its address."""
    message = view("台账", {"type": "text_link", "offset": 0, "length": 2, "url": "https://x.cn"})
    assert to_html(message) == '<a href="https://x.cn">台账</a>'
    assert to_markdown(message) == "[台账](https://x.cn)"


def test_the_digest_files_hold_both_versions() -> None:
    """The HTML page and the Markdown file show the group's and the leads' digest."""
    digest = Digest("周调度通报", [view("群版本", bold(0, 3))], [view("督办员版本")])
    page = digest_html(digest, ("领导群", "督办员"))
    assert page.startswith("<!doctype html>")
    assert '<meta charset="utf-8">' in page
    assert "<b>群版本</b>" in page
    assert "督办员版本" in page
    markdown = digest_markdown(digest, ("领导群", "督办员"))
    assert markdown.startswith("# 周调度通报\n\n## 领导群\n\n**群版本**")
    assert "## 督办员\n\n督办员版本" in markdown


def test_markdown_keeps_line_breaks() -> None:
    """Each line of a message stays a line in Markdown."""
    digest = Digest("t", [view("第一行\n第二行")], [])
    assert "第一行  \n第二行" in digest_markdown(digest, ("a", "b"))
