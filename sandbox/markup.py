"""Telegram's HTML formatting: markup in, plain text plus ``MessageEntity`` dicts out.

The parser follows the one in TDLib (which the Bot API runs), including its error messages
("Unsupported start tag "x" at byte offset N", "Can't find end tag corresponding to start tag
"b"", ...). Entity offsets and lengths are in UTF-16 code units, like Telegram's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sandbox.charrefs import decode_char_reference
from sandbox.text import FormattedText, utf16_len

Entity = dict[str, Any]
UserLookup = Callable[[int], "dict[str, Any] | None"]

SUPPORTED_TAGS = frozenset(
    [
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    ]
)
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_SPACES = " \t\r\n\v\f"


class EntityParseError(ValueError):
    """Malformed markup; ``str(error)`` is TDLib's message, e.g. ``Unclosed start tag at ...``."""


@dataclass
class _OpenTag:
    name: str
    argument: str
    start: int  # UTF-16 offset in the output text


class _HtmlParser:
    """One pass over the markup, as TDLib's ``parse_html`` does it."""

    def __init__(self, source: str, users: UserLookup | None, strict_ampersand: bool) -> None:
        self.src = source
        self.i = 0
        self.out: list[str] = []
        self.pos = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[Entity] = []
        self.code_languages: dict[int, str] = {}
        self.users = users
        self.strict_ampersand = strict_ampersand

    def parse(self) -> FormattedText:
        while self.i < len(self.src):
            char = self.src[self.i]
            if char == "&":
                self._ampersand()
            elif char == "<":
                self._tag()
            else:
                self._emit(char)
                self.i += 1
        if self.stack:
            raise EntityParseError(
                f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"'
            )
        entities = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return FormattedText("".join(self.out), tuple(entities))

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.pos += utf16_len(text)

    def _byte_offset(self, index: int) -> int:
        return len(self.src[:index].encode("utf-8"))

    def _at(self, index: int) -> str:
        return self.src[index] if index < len(self.src) else ""

    def _ampersand(self) -> None:
        decoded, end = decode_char_reference(self.src, self.i)
        if decoded is None:
            if self.strict_ampersand:
                offset = self._byte_offset(self.i)
                raise EntityParseError(f'Unescaped "&" at byte offset {offset} (strict mode)')
            self._emit("&")
            self.i += 1
            return
        self._emit(decoded)
        self.i = end

    def _tag(self) -> None:
        begin = self.i
        self.i += 1
        if self._at(self.i) == "/":
            self._end_tag(begin)
        else:
            self._start_tag(begin)

    def _start_tag(self, begin: int) -> None:
        name_begin = self.i
        while self._at(self.i) not in ("", ">") and self._at(self.i) not in _SPACES:
            self.i += 1
        if self._at(self.i) == "":
            raise EntityParseError(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        name = self.src[name_begin : self.i].lower()
        if name not in SUPPORTED_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {self._byte_offset(begin)}'
            )
        argument = self._attributes(name, begin)
        self.i += 1  # the closing ">"
        if name == "span" and argument != "spoiler":
            raise self._tag_error('Tag "span" must have class "tg-spoiler"', begin)
        self.stack.append(_OpenTag(name, argument, self.pos))

    def _attributes(self, tag: str, begin: int) -> str:
        argument = ""
        while self._at(self.i) != ">":
            self._skip_spaces()
            if self._at(self.i) == ">":
                break
            attr_begin = self.i
            while self._at(self.i) not in ("", "=", ">") and self._at(self.i) not in _SPACES:
                self.i += 1
            attr = self.src[attr_begin : self.i]
            if not attr:
                raise self._tag_error(f'Empty attribute name in the tag "{tag}"', begin)
            self._skip_spaces()
            if self._at(self.i) != "=":
                if tag == "blockquote" and attr == "expandable":
                    argument = "1"
                    continue
                raise self._tag_error(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag}"', begin
                )
            self.i += 1
            self._skip_spaces()
            if self._at(self.i) == "":
                raise self._tag_error(f'Unclosed start tag "{tag}"', begin)
            value = self._attribute_value()
            if self._at(self.i) == "":
                raise self._tag_error("Unclosed start tag", begin)
            argument = _tag_argument(tag, attr, value, argument)
        return argument

    def _attribute_value(self) -> str:
        quote = self._at(self.i)
        if quote not in ("'", '"'):
            token_begin = self.i
            while self._at(self.i).isalnum() or self._at(self.i) in (".", "-"):
                self.i += 1
            if self._at(self.i) not in _SPACES + ">" or self._at(self.i) == "":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self._byte_offset(token_begin)}"
                )
            return self.src[token_begin : self.i].lower()
        self.i += 1
        chars: list[str] = []
        while self._at(self.i) not in ("", quote):
            if self._at(self.i) == "&":
                decoded, end = decode_char_reference(self.src, self.i)
                if decoded is not None:
                    chars.append(decoded)
                    self.i = end
                    continue
            chars.append(self.src[self.i])
            self.i += 1
        if self._at(self.i) == quote:
            self.i += 1
        return "".join(chars)

    def _skip_spaces(self) -> None:
        while self._at(self.i) != "" and self._at(self.i) in _SPACES:
            self.i += 1

    def _tag_error(self, text: str, begin: int) -> EntityParseError:
        return EntityParseError(f"{text} at byte offset {self._byte_offset(begin)}")

    def _end_tag(self, begin: int) -> None:
        if not self.stack:
            raise self._tag_error("Unexpected end tag", begin)
        self.i += 1
        name_begin = self.i
        while self._at(self.i) not in ("", ">") and self._at(self.i) not in _SPACES:
            self.i += 1
        end_name = self.src[name_begin : self.i].lower()
        self._skip_spaces()
        if self._at(self.i) != ">":
            raise self._tag_error("Unclosed end tag", begin)
        self.i += 1
        open_tag = self.stack.pop()
        if end_name and end_name != open_tag.name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self._byte_offset(begin)}, "
                f'expected "</{open_tag.name}>", found "</{end_name}>"'
            )
        if self.pos > open_tag.start:
            self._close(open_tag)

    def _close(self, tag: _OpenTag) -> None:
        offset, length = tag.start, self.pos - tag.start
        if tag.name in _SIMPLE_TYPES:
            self._add(_SIMPLE_TYPES[tag.name], offset, length)
        elif tag.name == "a":
            self._close_link(tag, offset, length)
        elif tag.name in ("pre", "code"):
            self._close_code(tag, offset, length)
        elif tag.name == "tg-emoji":
            if not tag.argument.isdigit():
                raise EntityParseError("Invalid custom emoji identifier specified")
            self._add("custom_emoji", offset, length, custom_emoji_id=tag.argument)
        else:
            kind = "expandable_blockquote" if tag.argument else "blockquote"
            self._add(kind, offset, length)

    def _close_link(self, tag: _OpenTag, offset: int, length: int) -> None:
        url = tag.argument or "".join(self.out)[-length:]
        user_id = _link_user_id(url)
        if user_id is not None:
            user = self.users(user_id) if self.users else None
            if user is not None:
                self._add("text_mention", offset, length, user=user)
            return
        if _looks_like_url(url):
            self._add("text_link", offset, length, url=url if "://" in url else f"http://{url}")

    def _close_code(self, tag: _OpenTag, offset: int, length: int) -> None:
        last = self.entities[-1] if self.entities else None
        if last is not None and (last["offset"], last["length"]) == (offset, length):
            inner_language = self.code_languages.pop(len(self.entities) - 1, "")
            if tag.name == "pre" and last["type"] == "code" and inner_language:
                last.update(type="pre", language=inner_language)
                return
            if tag.name == "code" and last["type"] == "pre" and tag.argument:
                last["language"] = tag.argument
                return
        self._add(tag.name, offset, length)
        if tag.name == "code" and tag.argument:
            self.code_languages[len(self.entities) - 1] = tag.argument

    def _add(self, kind: str, offset: int, length: int, **extra: Any) -> Entity:
        entity: Entity = {"type": kind, "offset": offset, "length": length, **extra}
        self.entities.append(entity)
        return entity


def _tag_argument(tag: str, attr: str, value: str, current: str) -> str:
    """The one attribute each tag cares about, as TDLib picks it."""
    if tag == "a" and attr == "href":
        return value
    if tag == "code" and attr == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and attr == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and attr == "emoji-id":
        return value
    return current


def _link_user_id(url: str) -> int | None:
    prefix = "tg://user?id="
    if url.lower().startswith(prefix) and url[len(prefix) :].isdigit():
        return int(url[len(prefix) :])
    return None


def _looks_like_url(url: str) -> bool:
    if any(char in url for char in " \n\t<>"):
        return False
    scheme, sep, rest = url.partition("://")
    if sep:
        return scheme.lower() in ("http", "https", "tg", "ton", "ftp") and bool(rest)
    return "." in url.strip(".")


def parse_html(
    source: str, *, users: UserLookup | None = None, strict_ampersand: bool = False
) -> FormattedText:
    """Parse Telegram HTML into text and entities; raise :class:`EntityParseError` if malformed.

    ``users`` resolves ``tg://user?id=N`` links to User dicts (for ``text_mention``).
    ``strict_ampersand`` rejects a bare ``&`` that starts no character reference; Telegram
    itself keeps such an ``&`` as is, so it is off by default.
    """
    return _HtmlParser(source, users, strict_ampersand).parse()
