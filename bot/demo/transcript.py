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

from wcwidth import iter_graphemes, width

from bot.demo.events import Bubble, Event, Header, Note, Span, Tap, Toast
from bot.i18n import t

#: A line as graphemes with a bold flag each.
Cells = list[tuple[str, bool]]

BOLD, NORMAL = "\x1b[1m", "\x1b[22m"
DIM, RESET = "\x1b[2m", "\x1b[0m"
BOT_COLOR, USER_COLOR, HEADER_COLOR = "\x1b[36m", "\x1b[32m", "\x1b[1;33m"
MIN_INNER = 16
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
NAMES_SHOWN = 6
GAP = "⋯"
#: Punctuation that must not begin a line (it is carried over with the character before it).
NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】,.;:?!)]}%")


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
        lines.append(bullet + paint(cells, style))
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
        piece = _cells(text, (), bold=marked)
        if line and cells_width(line) + 1 + cells_width(piece) > limit:
            lines.append(line)
            line = []
        if line:
            line += _cells(" ", ())
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
        spans += [(max(a, starts[index]) + shift, min(b, end) + shift) for a, b in bold
                  if a < end and b > starts[index]]
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
    return [*lines[:keep], _cells(note, ())]


def draw_box(title: str, body: Sequence[Cells], color: str, style: Style) -> list[str]:
    """``╭─ title ──╮``, ``│ line │`` …, ``╰──╯``, padded to the widest line."""
    inner = box_width(title, body) - 4
    top_fill = inner - cell_width(title) - 1
    top = f"╭─ {title} " + "─" * max(0, top_fill) + "╮"
    lines = [_paint_plain(top, color, style)]
    for cells in body:
        pad = " " * (inner - cells_width(cells))
        edge = _paint_plain("│", color, style)
        lines.append(f"{edge} {paint(cells, style)}{pad} {edge}")
    lines.append(_paint_plain("╰" + "─" * (inner + 2) + "╯", color, style))
    return lines


def box_width(title: str, body: Sequence[Cells]) -> int:
    """Outer width of a box: the widest of the title and the lines, plus borders."""
    inner = max([cells_width(cells) for cells in body] + [cell_width(title) + 1])
    return inner + 4


# -- text: cells, wrapping, painting --------------------------------------------------------


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes (CJK and most emoji count two)."""
    return sum(max(0, width(g)) for g in iter_graphemes(text))


def cells_width(cells: Cells) -> int:
    """Terminal cells a line of graphemes takes."""
    return sum(max(0, width(g)) for g, _ in cells)


def _cells(text: str, spans: Sequence[Span], *, bold: bool = False) -> Cells:
    """``text`` as graphemes, bold inside ``spans`` (or throughout with ``bold``)."""
    return _styled(text, [(0, len(text))] if bold else spans)


def wrap_text(text: str, bold: Sequence[Span], limit: int) -> list[Cells]:
    """``text`` (with bold spans in code points) wrapped to ``limit`` cells per line."""
    lines: list[Cells] = []
    start = 0
    for raw in text.split("\n"):
        spans = [(a - start, b - start) for a, b in bold if b > start and a < start + len(raw)]
        lines += wrap_cells(_styled(raw, spans), limit)
        start += len(raw) + 1
    return lines


def wrap_cells(cells: Cells, limit: int) -> list[Cells]:
    """One line of graphemes wrapped greedily: between CJK characters, at spaces between
    words, and inside a word only when it is longer than a whole line."""
    lines: list[Cells] = []
    line: Cells = []
    for token in _tokens(cells):
        token_width = cells_width(token)
        if cells_width(line) + token_width <= limit:
            line += token
            continue
        if token[0][0].isspace():
            lines.append(_rstrip(line))
            line = []
            continue
        if line:
            carried = _carry(line, token)
            lines.append(_rstrip(line))
            line = []
            token = carried + token
        while cells_width(token) > limit:
            cut = _fit(token, limit)
            lines.append(token[:cut])
            token = token[cut:]
        line = list(token)
    lines.append(line)
    return lines


def _rstrip(line: Cells) -> Cells:
    while line and line[-1][0].isspace():
        line = line[:-1]
    return line


def _carry(line: Cells, token: Cells) -> Cells:
    """Take the last character off ``line`` when ``token`` may not begin a line."""
    if len(token) == 1 and token[0][0] in NO_LINE_START and len(line) > 1:
        return [line.pop()]
    return []


def _tokens(cells: Cells) -> list[Cells]:
    """Words of narrow characters, single wide characters, and single spaces."""
    tokens: list[Cells] = []
    word: Cells = []
    for cell in cells:
        grapheme = cell[0]
        if grapheme.isspace() or width(grapheme) != 1:
            if word:
                tokens.append(word)
                word = []
            tokens.append([cell])
        else:
            word.append(cell)
    if word:
        tokens.append(word)
    return tokens


def _fit(token: Cells, limit: int) -> int:
    used = 0
    for index, (grapheme, _) in enumerate(token):
        used += max(0, width(grapheme))
        if used > limit:
            return max(1, index)
    return len(token)


def _styled(text: str, spans: Sequence[Span]) -> Cells:
    cells: Cells = []
    position = 0
    for grapheme in iter_graphemes(text):
        bold = any(a <= position < b for a, b in spans)
        cells.append((grapheme, bold))
        position += len(grapheme)
    return cells


def paint(cells: Cells, style: Style) -> str:
    """A line of graphemes as text, with ANSI bold where flagged (if colour is on)."""
    if not style.color:
        return "".join(g for g, _ in cells)
    out: list[str] = []
    bold = False
    for grapheme, flagged in cells:
        if flagged != bold:
            out.append(BOLD if flagged else NORMAL)
            bold = flagged
        out.append(grapheme)
    if bold:
        out.append(NORMAL)
    return "".join(out)


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
