"""Builds small Word 97–2003 binary documents for the .doc reader's tests: a compound file
holding a ``WordDocument`` stream (FIB, text pieces, paragraph and character property pages)
and a ``1Table`` stream (the piece table, the page tables, the list tables), as [MS-DOC] lays
them out. Each paragraph is one piece; pieces are written to the stream in reverse order so a
reader must follow the piece table, and a piece is 8-bit (compressed) when asked and its text
allows.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from itertools import pairwise

SECTOR = 512
_END, _FREE, _FAT = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
_MIN_STREAM = 4096  # streams at least this long live in ordinary sectors (no mini stream)
_TEXT_AT = 0x800  # where the text starts in the WordDocument stream
TITLE_STYLE = 10
"""The style index of Title in the stylesheet written (0 is Normal, 1–9 Heading 1–9)."""


def compound(streams: dict[str, bytes]) -> bytes:
    """A compound file (version 3, 512-byte sectors) whose root holds ``streams``."""
    sectors: list[bytes] = []
    starts: dict[str, int] = {}
    fat: list[int] = []
    for name, data in streams.items():
        data = data.ljust(max(len(data), _MIN_STREAM), b"\0")
        count = -(-len(data) // SECTOR)
        starts[name] = len(sectors)
        for i in range(count):
            sectors.append(data[i * SECTOR : (i + 1) * SECTOR].ljust(SECTOR, b"\0"))
            fat.append(len(sectors) if i < count - 1 else _END)
    names = list(streams)
    entries = [_entry("Root Entry", 5, child=1 if names else None)]
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else None
        size = max(len(streams[name]), _MIN_STREAM)
        entries.append(_entry(name, 2, right=right, start=starts[name], size=size))
    directory = b"".join(entries)
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    first_dir = len(sectors)
    dir_count = len(directory) // SECTOR
    for i in range(dir_count):
        sectors.append(directory[i * SECTOR : (i + 1) * SECTOR])
        fat.append(len(sectors) if i < dir_count - 1 else _END)
    fat_count = 1
    while (len(sectors) + fat_count) > fat_count * (SECTOR // 4):
        fat_count += 1
    fat_first = len(sectors)
    fat.extend([_FAT] * fat_count)
    fat.extend([_FREE] * (fat_count * (SECTOR // 4) - len(fat)))
    table = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(table[i * SECTOR : (i + 1) * SECTOR] for i in range(fat_count))
    difat = [fat_first + i for i in range(fat_count)] + [_FREE] * (109 - fat_count)
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, fat_count, first_dir, 0, _MIN_STREAM, _END, 0, _END, 0)
        + struct.pack("<109I", *difat)
    )
    return header + b"".join(sectors)


def _entry(
    name: str,
    kind: int,
    *,
    child: int | None = None,
    right: int | None = None,
    start: int = _END,
    size: int = 0,
) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", _FREE, _FREE if right is None else right, _FREE)[:8]
        + struct.pack("<I", _FREE if child is None else child)
        + bytes(16 + 4 + 16)
        + struct.pack("<III", start, size, 0)
    )


# -- sprms
def sprm(code: int, operand: bytes) -> bytes:
    """One property modifier with its operand (a variable one gets its size byte)."""
    if code >> 13 == 6:
        return struct.pack("<HB", code, len(operand)) + operand
    return struct.pack("<H", code) + operand


IN_TABLE = sprm(0x2416, b"\x01")
ROW_END = sprm(0x2417, b"\x01")
DELETED = sprm(0x0800, b"\x01")
HIDDEN = sprm(0x083C, b"\x01")


def depth(level: int) -> bytes:
    """``sprmPItap``: the paragraph is ``level`` tables deep."""
    return sprm(0x6649, struct.pack("<i", level))


INNER_CELL = sprm(0x244B, b"\x01")
INNER_ROW_END = sprm(0x244C, b"\x01")


def row(edges: list[int], merges: dict[int, int] | None = None) -> bytes:
    """``sprmTDefTable`` for a row whose cells lie between ``edges`` (twips), with vertical
    merge flags per cell (1: merged into the cell above, 3: first of a merged range)."""
    merges = merges or {}
    cells = len(edges) - 1
    body = struct.pack(f"<B{cells + 1}h", cells, *edges)
    for index in range(cells):
        flags = (merges.get(index, 0) & 3) << 5
        body += struct.pack("<HH", flags, 0) + bytes(16)
    return struct.pack("<HH", 0xD608, len(body) + 1) + body


def numbered(entry: int, level: int = 0) -> bytes:
    """The paragraph is numbered by list entry ``entry`` (1-based LFO) at ``level``."""
    return sprm(0x460B, struct.pack("<H", entry)) + sprm(0x260A, bytes([level]))


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph: its text with the mark that ends it (``\\r`` or the cell mark ``\\x07``),
    its paragraph properties, and character ranges (start, end) to mark as ``chars``."""

    text: str
    props: bytes = b""
    style: int = 0
    chars: tuple[tuple[int, int, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class ListLevel:
    """One LVL: first value, number format (0 decimal, 39 Chinese counting, 23 bullet) and
    template (``\\x00`` … ``\\x08`` stand for the counters of levels 1–9)."""

    template: str
    nfc: int = 0
    start: int = 1


def _lvl(level: ListLevel) -> bytes:
    return (
        struct.pack("<iBB", level.start, level.nfc, 0)
        + bytes(9)
        + bytes([2])
        + bytes(8)
        + bytes([0, 0, 0, 0])
        + struct.pack("<H", len(level.template))
        + level.template.encode("utf-16-le")
    )


def _lists(
    lists: list[tuple[int, list[ListLevel]]], entries: list[tuple[int, dict[int, int]]]
) -> tuple[bytes, bytes, bytes]:
    """PlfLst (with its LVLs after it) and PlfLfo: ``lists`` are (lsid, levels); ``entries``
    are (lsid, restarts by level)."""
    plf = struct.pack("<h", len(lists))
    lvls = b""
    for lsid, levels in lists:
        simple = len(levels) == 1
        plf += struct.pack("<ii", lsid, 0) + bytes(18) + bytes([1 if simple else 0, 0])
        padded = levels if simple else levels + [ListLevel("\x00.")] * (9 - len(levels))
        lvls += b"".join(_lvl(level) for level in padded)
    lfo = struct.pack("<i", len(entries))
    data = b""
    for lsid, restarts in entries:
        lfo += struct.pack("<i", lsid) + bytes(8) + bytes([len(restarts), 0, 0, 0])
        data += struct.pack("<I", 0xFFFFFFFF)
        for level, start in restarts.items():
            data += struct.pack("<iI", start, level | 0x10)
    return plf, lvls, lfo + data


def build_doc(
    main: list[Para],
    *,
    after: list[Para] | None = None,
    compress: bool = True,
    encrypted: bool = False,
    lists: list[tuple[int, list[ListLevel]]] | None = None,
    list_entries: list[tuple[int, dict[int, int]]] | None = None,
    n_fib: int = 0xC1,
    stream_name: str = "WordDocument",
    styles: dict[int, bytes] | None = None,
) -> bytes:
    """A .doc whose main document is ``main``, followed by ``after`` (notes, headers: text
    beyond ``ccpText``); ``styles`` gives styles (by index) paragraph properties."""
    paragraphs = [*main, *(after or [])]
    pieces: list[tuple[int, int, bool, bytes]] = []  # cp, cp end, compressed, bytes
    cp = 0
    for paragraph in paragraphs:
        try:
            raw = paragraph.text.encode("cp1252") if compress else None
        except UnicodeEncodeError:
            raw = None
        small = raw is not None
        data = raw if raw is not None else paragraph.text.encode("utf-16-le")
        pieces.append((cp, cp + len(paragraph.text), small, data))
        cp += len(paragraph.text)
    ccp = sum(len(paragraph.text) for paragraph in main)
    total = cp
    # pieces are written in reverse order, each at an even offset
    placed: dict[int, int] = {}
    body = b""
    for index in reversed(range(len(pieces))):
        placed[index] = _TEXT_AT + len(body)
        body += pieces[index][3]
        body += b"\0" * (len(body) % 2)
    # paragraph and character runs, by file offset
    papx_runs: list[tuple[int, int, bytes]] = []
    chpx_runs: list[tuple[int, int, bytes]] = []
    for index, paragraph in enumerate(paragraphs):
        start = placed[index]
        width = 1 if pieces[index][2] else 2
        end = start + len(paragraph.text) * width
        papx_runs.append((start, end, struct.pack("<H", paragraph.style) + paragraph.props))
        edges = sorted(
            {0, len(paragraph.text)} | {p for a, b, _ in paragraph.chars for p in (a, b)}
        )
        for a, b in pairwise(edges):
            grpprl = b"".join(g for s, e, g in paragraph.chars if s <= a and b <= e)
            chpx_runs.append((start + a * width, start + b * width, grpprl))
    papx_runs.sort()
    chpx_runs.sort()
    text_end = _TEXT_AT + len(body)
    first_page = -(-text_end // SECTOR)
    papx_pages = [_papx_fkp(papx_runs[i : i + 2]) for i in range(0, len(papx_runs), 2)]
    chpx_pages = [_chpx_fkp(chpx_runs[i : i + 8]) for i in range(0, len(chpx_runs), 8)]
    table = b""

    def put(blob: bytes) -> tuple[int, int]:
        nonlocal table
        at = len(table)
        table += blob
        return at, len(blob)

    def bte(runs: list[tuple[int, int, bytes]], per: int, first: int) -> bytes:
        groups = [runs[i : i + per] for i in range(0, len(runs), per)]
        fcs = [group[0][0] for group in groups] + [groups[-1][-1][1]] if groups else []
        return struct.pack(f"<{len(fcs)}I", *fcs) + struct.pack(
            f"<{len(groups)}I", *range(first, first + len(groups))
        )

    cps = [p[0] for p in pieces] + [total]
    pcds = b"".join(
        struct.pack("<HIH", 0, (placed[i] * 2) | 0x40000000 if p[2] else placed[i], 0)
        for i, p in enumerate(pieces)
    )
    plc = struct.pack(f"<{len(cps)}I", *cps) + pcds
    pairs: dict[int, tuple[int, int]] = {}
    pairs[33] = put(b"\x02" + struct.pack("<I", len(plc)) + plc)  # Clx
    pairs[13] = put(bte(papx_runs, 2, first_page))
    pairs[12] = put(bte(chpx_runs, 8, first_page + len(papx_pages)))
    pairs[1] = put(_stsh(styles or {}))
    if lists is not None:
        plf, lvls, lfo = _lists(lists, list_entries or [])
        pairs[73] = put(plf)
        put(lvls)
        pairs[74] = put(lfo)
    flags = 0x0200 | (0x0100 if encrypted else 0)
    fib = struct.pack("<HHHHHH", 0xA5EC, n_fib, 0, 0x0804, 0, flags).ljust(32, b"\0")
    fib += struct.pack("<H", 14) + bytes(28)
    lw = [0] * 22
    lw[0] = text_end
    lw[3] = ccp
    fib += struct.pack("<H", 22) + struct.pack("<22i", *lw)
    fib += struct.pack("<H", 93)
    for index in range(93):
        fib += struct.pack("<II", *pairs.get(index, (0, 0)))
    fib += struct.pack("<H", 0)
    word = (fib.ljust(_TEXT_AT, b"\0") + body).ljust(first_page * SECTOR, b"\0")
    word += b"".join(papx_pages) + b"".join(chpx_pages)
    return compound({stream_name: word, "1Table": table})


def _stsh(numbered_styles: dict[int, bytes]) -> bytes:
    """A stylesheet of Normal (sti 0), Heading 1–9 (sti 1–9, based on Normal) and Title (sti
    62), each with its name and paragraph properties (``numbered_styles``: by style index)."""
    names = ["Normal", *(f"heading {i}" for i in range(1, 10)), "Title"]
    stshi = struct.pack("<HH", len(names), 10) + bytes(14)
    styles = b""
    for istd, (sti, name) in enumerate(zip([*range(10), 62], names, strict=True)):
        base = 0x0FFF if istd == 0 else 0
        std = struct.pack("<HHHHH", sti, (base << 4) | 1, 2, 0, 0)
        std += struct.pack("<H", len(name)) + name.encode("utf-16-le") + b"\0\0"
        papx = struct.pack("<H", istd) + numbered_styles.get(istd, b"")
        std += struct.pack("<H", len(papx)) + papx + b"\0" * (len(papx) % 2)
        std += struct.pack("<H", 0)  # no character properties
        styles += struct.pack("<H", len(std)) + std
    return struct.pack("<H", len(stshi)) + stshi + styles


def _papx_fkp(runs: list[tuple[int, int, bytes]]) -> bytes:
    page = bytearray(SECTOR)
    crun = len(runs)
    fcs = [run[0] for run in runs] + [runs[-1][1]]
    struct.pack_into(f"<{crun + 1}I", page, 0, *fcs)
    top = 511
    for index, (_, _, grpprl_and_istd) in enumerate(runs):
        size = len(grpprl_and_istd)
        if size % 2:
            blob = bytes([(size + 1) // 2]) + grpprl_and_istd
        else:
            blob = bytes([0, size // 2]) + grpprl_and_istd
        top = (top - len(blob)) & ~1
        page[top : top + len(blob)] = blob
        page[4 * (crun + 1) + 13 * index] = top // 2
    assert top > 4 * (crun + 1) + 13 * crun, "too many properties for one page"
    page[511] = crun
    return bytes(page)


def _chpx_fkp(runs: list[tuple[int, int, bytes]]) -> bytes:
    page = bytearray(SECTOR)
    crun = len(runs)
    fcs = [run[0] for run in runs] + [runs[-1][1]]
    struct.pack_into(f"<{crun + 1}I", page, 0, *fcs)
    top = 511
    for index, (_, _, grpprl) in enumerate(runs):
        if not grpprl:
            continue
        blob = bytes([len(grpprl)]) + grpprl
        top = (top - len(blob)) & ~1
        page[top : top + len(blob)] = blob
        page[4 * (crun + 1) + index] = top // 2
    assert top > 4 * (crun + 1) + crun, "too many properties for one page"
    page[511] = crun
    return bytes(page)
