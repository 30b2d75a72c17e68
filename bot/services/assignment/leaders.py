"""包联领导: linking a task or a section to the leader in charge of it.

Links come from the plan's 责任领导 at import (the first name given; matched to a leader of the
team by name, else kept as text and listed for the lead) and from a lead's ``/leader <task|section>
<name>`` (``-`` clears). A lead's link is never overwritten by a later import. A name not yet in
the team is kept as text and matched as soon as a leader of that name exists
(:func:`bot.rhythm.escalation.match_leader`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.domain.audit import Action
from bot.domain.leaders import LeaderLink, LinkSource, link_id
from bot.domain.people import Person
from bot.domain.plan import Measure
from bot.rhythm.escalation import match_leader
from bot.services.common.actor import Actor
from bot.services.common.base import Deps
from bot.services.common.errors import InvalidInput, NotFound
from bot.services.common.permissions import Perm, check

CLEAR = frozenset({"-", "—", "无", "清除", "none"})
_SPLIT = re.compile(r"[、，,;；/\s]+")


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a link is about: a task (``measure``) or a section (``section``)."""

    title: str
    measure: Measure | None = None
    section: str | None = None


@dataclass(frozen=True, slots=True)
class LinkRow:
    """One link as the lead sees it: the target, the name and the leader matched (if any)."""

    target: LinkTarget
    link: LeaderLink
    leader: Person | None


def first_name(text: str | None) -> str | None:
    """The first leader named in a plan's 责任领导 field (``张三、李四`` → ``张三``)."""
    names = [n for n in _SPLIT.split(text or "") if n]
    return names[0] if names else None


class LeaderService:
    """Set, clear and list 包联领导 links."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def set(self, actor: Actor, team_id: str, target: str, name: str) -> LinkRow | LinkTarget:
        """Link a task or a section to a leader (``-`` clears: the target is returned)."""
        lead = check(actor, Perm.LEADER_LINK, team_id)
        found = self._target(team_id, target)
        key = link_id(team_id, found.measure.id if found.measure else None, found.section)
        wanted = name.strip()
        if not wanted:
            raise InvalidInput("err.leader_usage")
        subject = found.measure.id if found.measure else key
        with self._deps.store.atomic():
            if wanted.lower() in CLEAR:
                self._deps.store.leader_links.delete(key)
                self._deps.audit(actor, Action.LEADER_LINKED, subject, team_id, leader="")
                return found
            people = tuple(self._deps.store.people.for_team(team_id))
            link = LeaderLink(
                key,
                team_id,
                wanted,
                self._deps.now(),
                found.measure.id if found.measure else None,
                found.section,
                set_by=lead.id if lead else None,
            )
            person = match_leader(people, link)
            link = replace(link, person_id=person.id if person else None)
            self._deps.store.leader_links.save(link)
            self._deps.audit(actor, Action.LEADER_LINKED, subject, team_id, leader=wanted)
        return LinkRow(found, link, person)

    def rows(self, actor: Actor, team_id: str) -> tuple[LinkRow, ...]:
        """Every link of the team: sections first, then tasks in plan order."""
        check(actor, Perm.LEADER_LINK, team_id)
        people = tuple(self._deps.store.people.for_team(team_id))
        measures = {m.id: m for m in self._deps.active_measures(team_id)}
        order = {m_id: n for n, m_id in enumerate(measures)}
        rows = []
        for link in self._deps.store.leader_links.for_team(team_id):
            measure = measures.get(link.measure_id or "")
            if link.measure_id is not None and measure is None:
                continue  # a task no longer in the plan
            title = measure.title if measure else link.section or ""
            target = LinkTarget(title, measure, link.section)
            rows.append(LinkRow(target, link, match_leader(people, link)))
        return tuple(
            sorted(
                rows,
                key=lambda r: (
                    r.target.measure is not None,
                    order.get(r.link.measure_id or "", -1),
                ),
            )
        )

    def _target(self, team_id: str, word: str) -> LinkTarget:
        try:
            measure = self._deps.measure_ref(team_id, word)
            return LinkTarget(measure.title, measure=measure)
        except NotFound:
            pass
        plan = self._deps.require_plan(team_id)
        wanted = word.strip()
        exact = [s for s in plan.sections if s == wanted]
        partial = [s for s in plan.sections if wanted and wanted in s]
        chosen = exact or partial
        if len(chosen) != 1:
            raise NotFound("err.leader_target", ref=word)
        return LinkTarget(chosen[0], section=chosen[0])


def link_imported(
    deps: Deps, actor: Actor, team_id: str, measures: Iterable[Measure]
) -> tuple[str, ...]:
    """Link each imported task to the leader its plan names (责任领导), unless a lead linked it;
    returns the names that match no leader of the team (kept as text, listed for the lead)."""
    people = tuple(deps.store.people.for_team(team_id))
    unmatched: list[str] = []
    for measure in measures:
        name = first_name(measure.lead_leader)
        key = link_id(team_id, measure.id, None)
        existing = deps.store.leader_links.get(key)
        if name is None or (existing is not None and existing.source is LinkSource.LEAD):
            continue
        link = LeaderLink(key, team_id, name, deps.now(), measure.id, source=LinkSource.IMPORT)
        person = match_leader(people, link)
        if person is None:
            unmatched.append(name)
        if existing is not None and existing.name == name:
            continue
        deps.store.leader_links.save(replace(link, person_id=person.id if person else None))
        deps.audit(actor, Action.LEADER_LINKED, measure.id, team_id, leader=name)
    return tuple(dict.fromkeys(unmatched))
