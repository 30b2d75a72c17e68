"""From an outline to a :class:`ParsedPlan`: parts, sections, measures, targets, ids."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bot.importer.deadlines import find_deadline
from bot.importer.header import Header
from bot.importer.indicators import (
    extract_targets,
    find_indicators,
    is_target_title,
    split_targets,
)
from bot.importer.markers import MarkerKind
from bot.importer.model import (
    Confidence,
    Deadline,
    Indicator,
    ParsedMeasure,
    PartKind,
)
from bot.importer.outline import Block
from bot.importer.owners import (
    Owners,
    extract_owners,
    finalise,
    first_listed_leads,
    is_unit_name,
    leading_owner,
)
from bot.importer.parts import classify_part, is_framing
from bot.importer.sentences import lead_sentence, title_of
from bot.importer.unmarked import counted_list

_PARAGRAPH_TITLE_MIN = 4
_TRAILING_NOTE = re.compile(r"[（(][^（）()]{2,200}[）)][。；;]?$")


@dataclass(frozen=True, slots=True)
class _Scope:
    """What an item inherits from the items above it."""

    part: str | None
    kind: PartKind
    owners: Owners
    deadline: Deadline


@dataclass(frozen=True, slots=True)
class _Leaf:
    block: Block
    parent: Block | None
    section: str | None
    scope: _Scope


@dataclass(frozen=True, slots=True)
class Draft:
    """A measure before ids are assigned, with what decides whether it is kept."""

    measure: ParsedMeasure
    section_key: int | None
    kind: PartKind
    section_marker: str | None = None
    row: int | None = None
    """The table row a measure was read from, for tables."""


def found_measure(
    *,
    part: str | None,
    section: str | None,
    marker: str | None,
    title: str,
    body: str,
    owners: Owners,
    owner_confidence: Confidence,
    deadline: Deadline,
    deadline_confidence: Confidence,
) -> ParsedMeasure:
    """A measure as a document states it, from prose or from a table's row: its owners and
    deadline with how they were known, its indicators found in its body; numbered later."""
    return ParsedMeasure(
        id="",
        part=part,
        section=section,
        marker=marker,
        title=title,
        body=body,
        lead_leader=owners.lead_leader,
        lead_units=owners.lead_units,
        units=owners.units,
        co_units=owners.co_units,
        deadline=deadline,
        indicators=find_indicators(body),
        owner_confidence=owner_confidence,
        deadline_confidence=deadline_confidence,
    )


class Assembler:
    """Turns one outline into measures and targets; a fresh instance per document."""

    def __init__(self, text: str, header: Header) -> None:
        self.text = text
        self.header = header
        self.first_leads = first_listed_leads(text)
        self.unit_headings: set[int] = set()

    def drafts(self, root: Block) -> list[Draft]:
        """Every measure of the document, in order, across all parts."""
        sections: dict[int, int] = {}
        drafts = []
        for leaf in self._leaves(root):
            key, marker = None, None
            if leaf.parent is not None:
                key = sections.setdefault(id(leaf.parent), len(sections))
                marker = leaf.parent.marker
            measure = self._measure(leaf)
            drafts.append(Draft(measure, key, self._kind(leaf, measure), marker))
        return drafts

    def _kind(self, leaf: _Leaf, measure: ParsedMeasure) -> PartKind:
        """A support part's item counts as planned work only when it names its own owner."""
        if leaf.scope.kind is not PartKind.SUPPORT:
            return leaf.scope.kind
        own = extract_owners(measure.body, first_leads=self.first_leads)
        return PartKind.GENERAL if own.is_empty() else PartKind.PLAN

    def targets(self, root: Block) -> tuple[Indicator, ...]:
        """Targets from the preamble and from the non-review parts."""
        found: list[Indicator] = list(extract_targets(self._own(root)))
        for block, kind in self._parts(root):
            if kind is not PartKind.REVIEW:
                found.extend(self._targets_in(block))
        return tuple({target.name: target for target in found}.values())

    def title(self, block: Block) -> str:
        """A block's title: the lead sentence of its own text."""
        head = self.text[block.start : block.head_end].strip()
        return title_of(head) if head else (block.marker or "")

    def _own(self, block: Block) -> str:
        return self.text[block.start : block.head_end]

    def _parts(self, root: Block) -> Iterator[tuple[Block, PartKind]]:
        if self._has_parts(root):
            for child in root.children:
                yield child, classify_part(self.title(child)) or PartKind.PLAN
        else:
            for child in root.children:
                yield child, PartKind.PLAN

    def _has_parts(self, root: Block) -> bool:
        """Whether the top level is parts: a part line, a titled part with items, or a
        framing heading (一、指导思想) even without items below it."""
        return any(
            child.kind is MarkerKind.PART_LINE
            or (child.children and classify_part(self.title(child)) is not None)
            or (child.kind is not MarkerKind.INLINE and is_framing(self.title(child)))
            or self._is_support_heading(child)
            for child in root.children
        )

    def _is_support_heading(self, block: Block) -> bool:
        """A bare heading of a support part (三、加强组织保障) over paragraphs, not items."""
        first = self.text[block.start : block.end].split("\n", 1)[0]
        return (
            not block.children
            and block.kind is not MarkerKind.INLINE
            and "。" not in first
            and classify_part(self.title(block)) is PartKind.SUPPORT
        )

    def _targets_in(self, block: Block) -> list[Indicator]:
        if not block.children:
            body = self.text[block.start : block.end]
            if is_target_title(self.title(block)):
                rest = body[len(lead_sentence(body)) :].lstrip("。：:")
                return list(extract_targets(rest) or split_targets(rest))
            return []
        found = list(extract_targets(self._own(block)))
        for child in block.children:
            found.extend(self._targets_in(child))
        return found

    def _find_unit_headings(self, block: Block) -> None:
        """Headings that are unit names, in a plan laid out by unit (一、县商务局 / 1.… 2.…):
        at least two headings side by side, and most of them, name a unit."""
        headings = [child for child in block.children if child.children]
        named = [child for child in headings if is_unit_name(self.title(child))]
        if len(named) >= 2 and 2 * len(named) >= len(headings):
            self.unit_headings.update(id(child) for child in named)
        for child in block.children:
            self._find_unit_headings(child)

    def _leaves(self, root: Block) -> Iterator[_Leaf]:
        self._find_unit_headings(root)
        base = _Scope(None, PartKind.PLAN, self._owners(root), Deadline())
        if self._has_parts(root):
            for part, kind in self._parts(root):
                title = self.title(part)
                scope = self._inherit(part, replace(base, part=title, kind=kind))
                if not part.children and not is_target_title(title):
                    yield _Leaf(part, None, None, scope)
                for child in part.children:
                    yield from self._walk(child, part, title, scope)
        else:
            for child in root.children:
                yield from self._walk(child, None, None, base)

    def _walk(
        self, block: Block, parent: Block | None, section: str | None, scope: _Scope
    ) -> Iterator[_Leaf]:
        if not block.children:
            own_paragraphs = self._paragraph_items(block)
            paragraphs = own_paragraphs or self._listed_items(block)
            if paragraphs:
                # paragraphs with owner notes of their own: the heading is only the text
                # before them, or one paragraph's deadline would pass to all the others
                head = (
                    replace(block, head_end=paragraphs[0].start, end=paragraphs[0].start)
                    if own_paragraphs
                    else block
                )
                inner = self._inherit(head, scope)
                for paragraph in paragraphs:
                    yield _Leaf(paragraph, block, self.title(block), inner)
            elif not is_target_title(self.title(block)):
                yield _Leaf(block, parent, section, scope)
            return
        inner = self._inherit(block, scope)
        for child in block.children:
            yield from self._walk(child, block, self.title(block), inner)

    def _paragraph_items(self, block: Block) -> list[Block]:
        """Unnumbered paragraphs that are measures of their own, under a heading sentence.

        ``（一）强化顶层设计。建立指标体系。…（X指导）`` then more paragraphs, each with its own
        owner note: the first sentence heads the group and every paragraph is a measure.
        """
        text = self.text[block.start : block.end]
        if "\n" not in text:
            return []
        head = lead_sentence(text)
        spans: list[tuple[int, int]] = []
        offset = block.start
        for index, line in enumerate(text.split("\n")):
            start = offset
            if index == 0:
                start = offset + min(len(line), len(head) + 1)
            if self.text[start : offset + len(line)].strip():
                spans.append((start, offset + len(line)))
            offset += len(line) + 1
        owned = sum(
            1 for start, end in spans if not extract_owners(self.text[start:end]).is_empty()
        )
        titles = [title_of(self.text[start:end]) for start, end in spans]
        if (
            len(spans) < 2
            or owned < max(2, (len(spans) + 1) // 2)
            or any(len(title) < _PARAGRAPH_TITLE_MIN for title in titles)
        ):
            return []
        return [Block(None, None, start, end, end) for start, end in spans]

    def _listed_items(self, block: Block) -> list[Block]:
        """The phrases of a counted list in an item (``抓好三项重点工作：A、B、C``)."""
        spans = counted_list(self.text[block.start : block.end])
        return [
            Block(
                MarkerKind.INLINE, None, block.start + start, block.start + end, block.start + end
            )
            for start, end in spans
        ]

    def _notes(self, block: Block) -> str:
        """A block's own text, plus the note closing its inline list (``…；二是…（A负责）``)."""
        own = self._own(block)
        inline = [c for c in block.children if c.kind is MarkerKind.INLINE]
        if len(inline) > 1 and not any(
            not extract_owners(self.text[c.start : c.end]).is_empty() for c in inline[:-1]
        ):
            tail = _TRAILING_NOTE.search(self.text[block.start : block.end])
            if tail:
                own += "\n" + tail.group(0)
        return own

    def _inherit(self, block: Block, scope: _Scope) -> _Scope:
        own = self._owners(block)
        if own.is_empty() and id(block) in self.unit_headings:
            own = Owners(None, (self.title(block).rstrip("：:"),))
        deadline = find_deadline(
            self._notes(block) + "\n" + "\n".join(block.meta),
            year=self.header.year,
            issued=self.header.issued,
        )
        return replace(
            scope,
            owners=own.or_else(scope.owners),
            deadline=deadline if deadline.raw else scope.deadline,
        )

    def _owners(self, block: Block) -> Owners:
        own = extract_owners(self._notes(block), first_leads=self.first_leads)
        meta = extract_owners("\n".join(block.meta), first_leads=self.first_leads)
        return own.or_else(meta)

    def _measure(self, leaf: _Leaf) -> ParsedMeasure:
        block = leaf.block
        body = self.text[block.start : block.end].strip()
        task = body
        owners = extract_owners(body, first_leads=self.first_leads).or_else(self._owners(block))
        leading = leading_owner(body)
        if leading is not None:
            units, task_start = leading
            task = body[task_start:]
            owners = owners.or_else(
                finalise(
                    leaders=(), leads=(), units=units, co_units=(), first_leads=self.first_leads
                )
            )
        owner_confidence = Confidence.STATED
        if owners.is_empty():
            owners = leaf.scope.owners
            owner_confidence = Confidence.NONE if owners.is_empty() else Confidence.INFERRED
        deadline = find_deadline(body, year=self.header.year, issued=self.header.issued)
        if deadline.raw is None and block.meta:
            deadline = find_deadline(
                "\n".join(block.meta), year=self.header.year, issued=self.header.issued
            )
        deadline_confidence = Confidence.STATED
        if deadline.raw is None:
            deadline = leaf.scope.deadline
            deadline_confidence = Confidence.NONE if deadline.raw is None else Confidence.INFERRED
        return found_measure(
            part=leaf.scope.part,
            section=leaf.section,
            marker=block.marker,
            title=title_of(task) if task else (block.marker or ""),
            body=body,
            owners=owners,
            owner_confidence=owner_confidence,
            deadline=deadline,
            deadline_confidence=deadline_confidence,
        )
