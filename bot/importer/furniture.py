"""Document furniture around a plan's items: covering notices, signatures, attachment lists.

What a published page adds around the plan: the notice that encloses it (with its own
numbered requirements), the issuer and date that sign it, the list of attachments, and, in a
web copy cut at a size limit, a last item cut inside its title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.importer.header import parse_date_line
from bot.importer.markers import MarkerKind, match_marker

_CUT_TAIL_MAX = 15
_ENCLOSES = re.compile(r"印发给你们|现予印发|印发你们|现印发|转发给你们|通知如下")
_ATTACHMENT_START = re.compile(r"^附\s*件\s*\d{0,2}\s*[:：]?$")
_ATTACHMENTS = re.compile(r"^附件[:：]?\s*(?:\d{1,2}[.．、].{0,30})?$")
_CLOSING_PREFIXES = ("（此件", "(此件", "抄送", "附件", "各位代表", "同志们")
_SIGNATURE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z（）()]{2,30}(?:人民政府|政府|办公室|办公厅|委员会|党委|党组|局|厅|部|委"
    r"|办|中心|院|会|小组|公司|处|室|所|站|街道|镇|乡)$"
)


def covering_notice_end(texts: Sequence[str], last_item: int) -> int | None:
    """The line that ends a covering notice, when the plan it encloses follows; else None.

    A notice says it encloses the plan (``现印发给你们，并就有关事项通知如下：一、…二、…``)
    and closes with the issuer and a date, or its enclosure starts with a line ``附件``. The
    numbered items before that line are the notice's own requirements. Without those words,
    a dated line is only a date.
    """
    enclosing = next(
        (index for index, text in enumerate(texts[:last_item]) if _ENCLOSES.search(text)), None
    )
    if enclosing is None:
        return None
    return next(
        (
            index
            for index in range(enclosing + 1, last_item)
            if parse_date_line(texts[index]) is not None or _ATTACHMENT_START.match(texts[index])
        ),
        None,
    )


def is_cut_tail(own: str, siblings: Sequence[str]) -> bool:
    """Whether the document's last item (its own text ``own``) was cut inside its title.

    ``5.启动学习贯彻`` at the very end: a short fragment with no sentence end, while the items
    of its kind before it (``siblings``) are whole sentences.
    """
    if not own or len(own) > _CUT_TAIL_MAX or any(ch in own for ch in "。；;！？!?）)”:："):
        return False
    return bool(siblings) and all("。" in sibling for sibling in siblings[-3:])


def is_signature(texts: Sequence[str], index: int) -> bool:
    """Signature block lines: a date line, an issuing body just above one, 此件/附件/抄送."""
    text = texts[index]
    if parse_date_line(text) is not None or text.startswith(_CLOSING_PREFIXES):
        return True
    following = texts[index + 1] if index + 1 < len(texts) else ""
    return _SIGNATURE.match(text) is not None and parse_date_line(following) is not None


def attachment_list(texts: Sequence[str]) -> set[int]:
    """Lines naming attachments (``附件：1．进度表`` / ``2．名单``): not items of the plan."""
    listed: set[int] = set()
    for index, text in enumerate(texts):
        if not _ATTACHMENTS.match(text):
            continue
        following = index + 1
        while following < len(texts) and _is_attachment_name(texts[following]):
            listed.add(following)
            following += 1
    return listed


def _is_attachment_name(text: str) -> bool:
    marker = match_marker(text)
    return (
        marker is not None
        and marker.kind is MarkerKind.ARABIC_DOT
        and len(text) - marker.content <= 30
        and not any(ch in text for ch in "。，；")
    )
