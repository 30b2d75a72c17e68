"""The transcript as chat bubbles in a terminal: pure functions from events to lines of text.

Bot messages sit left in a box headed ``🤖 → 张伟（县发改委）``; what people send sits right;
inline buttons show as ``[ 正常推进 ] [ 滞后 ]`` and a tapped one as ``[✓ 滞后 ]``. Widths are
counted in terminal cells (CJK and emoji take two, via wcwidth), lines wrap between CJK
characters and between words, and a long message is cut with a ``…`` note. Bold comes from the
message's bold entities and is drawn with ANSI only when ``Style.color`` is on.

Events of people off-stage (``shown=False``) are folded into one note per run, e.g.
``另有 16 条消息未逐条显示（刘芳、杨帆……）``; the full transcript shows them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.i18n import t
from demo.cells import Cells, cell_width, cells_width, paint, styled, wrap_cells, wrap_text
from demo.events import Bubble, Event, Header, Note, Span, Tap, Toast

DIM, RESET = "\x1b[2m", "\x1b[0m"
BOT_COLOR, USER_COLOR, HEADER_COLOR = "\x1b[36m", "\x1b[32m", "\x1b[1;33m"
MIN_INNER = 16
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NAMES_SHOWN = 6
GAP = "⋯"


@dataclass(frozen=True, slots=True)
class Style:
    """How to draw: terminal width, ANSI on or off, language, and the cut for long messages.

    ``max_lines=None`` never abbreviates (the transcript file); ``full=True`` also draws
    off-stage events instead of summarising them.
    """

    width: int = 100
    color: bool = False
    lang: str = "zh"
    max_lines: int | None = 14
    full: bool = False

    @property
    def bot_inner(self) -> int:
        """Widest text inside a bot bubble."""
        return max(MIN_INNER, min(self.width - 4, 76))

    @property
    def user_inner(self) -> int:
        """Widest text inside a person's bubble."""
        return max(MIN_INNER, min(self.width * 3 // 5, 56))


# -- the whole transcript -------------------------------------------------------------------


def render_events(events: Iterable[Event], style: Style) -> list[str]:
    """Every event as lines, off-stage runs folded into one note each (unless ``full``); a
    run followed by the scenario's own note is told by that note alone."""
    lines: list[str] = []
    hidden: list[Event] = []
    for event in events:
        if not style.full and not _shown(event):
            hidden.append(event)
            continue
        if hidden and not isinstance(event, Note):  # a note tells what happened off-stage
            lines += render_offstage(hidden, style)
        hidden = []
        lines += render_event(event, style)
    if hidden:
        lines += render_offstage(hidden, style)
    return lines


def render_event(event: Event, style: Style) -> list[str]:
    """One event as lines of terminal text."""
    if isinstance(event, Header):
        return render_header(event, style)
    if isinstance(event, Note):
        return render_note(event.text, style)
    if isinstance(event, Tap):
        return render_tap(event, style)
    if isinstance(event, Toast):
        icon = "⚠️" if event.alert else "💬"
        return [_paint_plain(f"    {icon} {line}", DIM, style) for line in event.text.splitlines()]
    return render_bubble(event, style)


def render_offstage(events: Sequence[Event], style: Style) -> list[str]:
    """A run of off-stage events as one note naming the chats involved."""
    chats = list(dict.fromkeys(chat for chat in map(_chat_of, events) if chat))
    messages = sum(1 for e in events if isinstance(e, Bubble | Tap))
    if not messages:
        return []
    return render_note(
        t("demo.offstage", style.lang, count=messages, names=name_list(chats, style.lang)), style
    )


def name_list(names: Sequence[str], lang: str, shown: int = NAMES_SHOWN) -> str:
    """``刘芳、杨帆、徐明 等 9 人``: the first few names, then how many more."""
    sep = t("rhythm.list_sep", lang)
    text = sep.join(names[:shown])
    if len(names) > shown:
        text += t("demo.names_more", lang, count=len(names))
    return text


# -- pieces ---------------------------------------------------------------------------------


def render_header(header: Header, style: Style) -> list[str]:
    """A blank line and ``── 7月25日 周四 09:00 · 周调度 ──────``."""
    at = header.at
    day = t("rhythm.date", style.lang, year=at.year, month=at.month, day=at.day)
    weekday = t(f"weekday.{WEEKDAYS[at.weekday()]}", style.lang)
    text = f"── {day} {weekday} {at:%H:%M} · {header.title} "
    fill = max(3, style.width - cell_width(text))
    return ["", _paint_plain(text + "─" * fill, HEADER_COLOR, style)]


def render_note(text: str, style: Style) -> list[str]:
    """Narration, indented and wrapped."""
    lines: list[str] = []
    for cells in wrap_text(text, (), style.width - 4):
        bullet = _paint_plain("  • " if not lines else "    ", DIM, style)
        lines.append(bullet + paint(cells, color=style.color))
    return lines


def render_bubble(bubble: Bubble, style: Style) -> list[str]:
    """A message in a box: the bot's at the left, a person's at the right."""
    inner = style.bot_inner if bubble.from_bot else style.user_inner
    body = _body(bubble, inner, style)
    if bubble.from_bot:
        title = f"🤖 → {bubble.chat}"
    else:
        title = bubble.sender or ""
        if bubble.chat != bubble.sender:
            title += f" → {bubble.chat}"
    if bubble.edited:
        title += " · " + t("demo.edited", style.lang)
    color = BOT_COLOR if bubble.from_bot else USER_COLOR
    box = draw_box(title, body, color, style)
    if bubble.from_bot:
        return box
    pad = " " * max(0, style.width - box_width(title, body))
    return [pad + line for line in box]


def render_tap(tap: Tap, style: Style) -> list[str]:
    """A tap, right-aligned: the keyboard row with the tapped button marked."""
    body = button_lines(["👆", *tap.row], style.user_inner, tapped=tap.button)
    title = tap.sender if tap.chat == tap.sender else f"{tap.sender} → {tap.chat}"
    box = draw_box(title, body, USER_COLOR, style)
    pad = " " * max(0, style.width - box_width(title, body))
    return [pad + line for line in box]


def button_lines(labels: Sequence[str], limit: int, *, tapped: str | None = None) -> list[Cells]:
    """A keyboard row as lines, wrapped between buttons (``👆`` is drawn bare)."""
    lines: list[Cells] = []
    line: Cells = []
    for label in labels:
        marked = label == tapped
        text = label if label == "👆" else button_label(label, tapped=marked)
        piece = styled(text, (), bold=marked)
        if line and cells_width(line) + 1 + cells_width(piece) > limit:
            lines.append(line)
            line = []
        if line:
            line += styled(" ", ())
        line += piece
    lines += wrap_cells(line, limit) if line else []
    return lines


def button_label(text: str, *, tapped: bool = False) -> str:
    """``[ 滞后 ]``, or ``[✓ 滞后 ]`` for the one tapped."""
    return f"[✓ {text} ]" if tapped else f"[ {text} ]"


def _body(bubble: Bubble, inner: int, style: Style) -> list[Cells]:
    lines: list[Cells] = []
    if bubble.attachment:
        lines += wrap_text(bubble.attachment, (), inner)
    if bubble.text:
        text, bold = bubble.text, bubble.bold
        if bubble.changed and not style.full:
            text, bold = excerpt(text, bold, bubble.changed)
        wrapped = wrap_text(text, bold, inner)
        lines += wrapped if bubble.full else abbreviate(wrapped, style)
    for row in bubble.buttons:
        lines += button_lines(row, inner)
    return lines or [[]]


def excerpt(
    text: str, bold: Sequence[Span], changed: Sequence[int]
) -> tuple[str, tuple[Span, ...]]:
    """The changed lines of an edited message, each with the line before it; ``⋯`` for gaps."""
    lines = text.split("\n")
    keep = sorted({i for i in changed if i < len(lines)} | {_context(lines, i) for i in changed})
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out: list[str] = []
    spans: list[Span] = []
    position = 0
    previous = -1
    for index in keep:
        if index != previous + 1:
            out.append(GAP)
            position += len(GAP) + 1
        shift = position - starts[index]
        end = starts[index] + len(lines[index])
        spans += [
            (max(a, starts[index]) + shift, min(b, end) + shift)
            for a, b in bold
            if a < end and b > starts[index]
        ]
        out.append(lines[index])
        position += len(lines[index]) + 1
        previous = index
    if previous < len(lines) - 1:
        out.append(GAP)
    return "\n".join(out), tuple(spans)


def _context(lines: Sequence[str], index: int) -> int:
    """The nearest line above ``index`` with text (the line it belongs to)."""
    for above in range(min(index, len(lines)) - 1, -1, -1):
        if lines[above].strip():
            return above
    return index


def abbreviate(lines: list[Cells], style: Style) -> list[Cells]:
    """At most ``style.max_lines`` lines; the rest become ``… （还有 N 行）``."""
    limit = style.max_lines
    if limit is None or len(lines) <= limit:
        return lines
    keep = max(1, limit - 1)
    note = t("demo.more_lines", style.lang, count=len(lines) - keep)
    return [*lines[:keep], styled(note, ())]


def draw_box(title: str, body: Sequence[Cells], color: str, style: Style) -> list[str]:
    """``╭─ title ──╮``, ``│ line │`` …, ``╰──╯``, padded to the widest line."""
    inner = box_width(title, body) - 4
    top_fill = inner - cell_width(title) - 1
    top = f"╭─ {title} " + "─" * max(0, top_fill) + "╮"
    lines = [_paint_plain(top, color, style)]
    for cells in body:
        pad = " " * (inner - cells_width(cells))
        edge = _paint_plain("│", color, style)
        lines.append(f"{edge} {paint(cells, color=style.color)}{pad} {edge}")
    lines.append(_paint_plain("╰" + "─" * (inner + 2) + "╯", color, style))
    return lines


def box_width(title: str, body: Sequence[Cells]) -> int:
    """Outer width of a box: the widest of the title and the lines, plus borders."""
    inner = max([cells_width(cells) for cells in body] + [cell_width(title) + 1])
    return inner + 4


def _paint_plain(text: str, color: str, style: Style) -> str:
    return f"{color}{text}{RESET}" if style.color else text


def _shown(event: Event) -> bool:
    return not isinstance(event, Bubble | Tap | Toast) or event.shown


def _chat_of(event: Event) -> str | None:
    if isinstance(event, Bubble):
        return event.sender or event.chat
    if isinstance(event, Tap):
        return event.sender
    return None
