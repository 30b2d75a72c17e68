"""The README's transcript excerpt: its pieces, checked against and refreshed from the demo.

The README shows a week of the demo's chats, ``duban demo --no-color --width 96``'s
``transcript.txt`` cut to what a newcomer needs: pieces of consecutive lines, separated by a
line ``⋯`` (a cut) or a blank line (between moments). Each piece must appear, as it is, in the
transcript the demo writes now (``tests/demo``), and ``python -m demo.readme TRANSCRIPT``
rewrites the excerpt of ``README.md`` from a new transcript: each message box it shows is taken
anew, whole, from the same speaker at the same place (:func:`refresh`).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

START, END = "<!-- transcript -->", "<!-- /transcript -->"
OPEN, CLOSE = "```text\n", "```"
CUT = "⋯"
WIDTH = 96  # the demo's ``--width`` the excerpt is drawn at


def excerpt(readme: str) -> str:
    """The text of the README's transcript block (without its fences)."""
    block = readme.split(START, 1)[1].split(END, 1)[0]
    return block.split(OPEN, 1)[1].rsplit(CLOSE, 1)[0]


def pieces(text: str) -> list[list[str]]:
    """The excerpt's runs of consecutive lines (split at cuts and blank lines)."""
    found: list[list[str]] = []
    run: list[str] = []
    for line in text.split("\n"):
        if line.strip() in ("", CUT):
            if run:
                found.append(run)
            run = []
        else:
            run.append(line)
    return [*found, run] if run else found


def elements(lines: Sequence[str]) -> list[list[str]]:
    """The lines as elements: a box (from its top corner to the bottom corner in the same
    column) is one, any other line is one."""
    found: list[list[str]] = []
    at = 0
    while at < len(lines):
        first, column = at, lines[at].find("╭")
        at += 1
        if column >= 0:
            while at < len(lines) and lines[at][column : column + 1] != "╰":
                at += 1
            at += 1
        found.append(list(lines[first:at]))
    return found


def key(element: Sequence[str]) -> str:
    """What tells an element apart whatever its width: a box's speaker (``🤖 → 李娜（县工信局）``,
    and which side it sits on), else the line itself."""
    line = element[0]
    column = line.find("╭")
    if column < 0:
        return line.strip()
    return f"{column > 0}:" + line.strip().strip("╭╮─ ")


def refresh(readme: str, transcript: str) -> str:
    """The README with its excerpt taken anew from ``transcript``: each element it shows (a
    box by its speaker, a line as it is) becomes the next element of the transcript with the
    same key, in order, with a cut where the transcript has others between them; the excerpt's
    cuts and blank lines stay where they were."""
    old = excerpt(readme)
    found = elements(transcript.split("\n"))
    keys = [key(element) for element in found]
    out: list[str] = []
    at = 0
    run: list[str] = []

    def flush() -> None:
        nonlocal at
        for index, element in enumerate(elements(run)):
            wanted = key(element)
            match = next((i for i in range(at, len(found)) if keys[i] == wanted), at)
            if index and match > at:
                out.append(CUT)
            out.extend(found[match])
            at = match + 1
        run.clear()

    for line in old.split("\n"):
        if line.strip() in ("", CUT):
            flush()
            out.append(line)
        else:
            run.append(line)
    flush()
    return readme.replace(OPEN + old, OPEN + "\n".join(out), 1)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m demo.readme TRANSCRIPT [README]``: refresh the README's excerpt."""
    args = list(sys.argv[1:] if argv is None else argv)
    transcript = Path(args[0]).read_text(encoding="utf-8")
    readme = Path(args[1] if len(args) > 1 else "README.md")
    readme.write_text(refresh(readme.read_text(encoding="utf-8"), transcript), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
