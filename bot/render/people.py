"""Teams, leads, people, rosters and invite links."""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import Page as PageData
from bot.callbacks import PageKind
from bot.domain.delivery import Undelivered
from bot.domain.people import Invite, Person, Team, Unit
from bot.i18n import t
from bot.render import Message
from bot.render.common import keyboard, render_error, role_label
from bot.render.html import esc
from bot.render.paging import PAGE_SIZE, nav_row
from bot.services.common.base import Page, paginate
from bot.services.common.errors import InvalidInput
from bot.services.people.invites import InviteIssued, InvitesRevoked, PendingJoin
from bot.services.people.members import PersonAdded, RosterResult, UnitReporter
from bot.services.people.teams import LeadAdded, TeamCreated


def deep_link(bot_username: str, token: str) -> str:
    """The personal link that opens the bot and joins: ``https://t.me/<bot>?start=<token>``."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={token}"


def _person(person: Person, unit: Unit | None, lang: str) -> str:
    unit_text = f"（{esc(unit.name)}）" if unit is not None else ""
    return f"<b>{esc(person.name)}</b>{unit_text} · {role_label(person.role, lang)}"


def _link_line(
    person: Person, unit: Unit | None, invite: Invite | None, bot: str, lang: str
) -> str:
    if invite is None:
        return f"{_person(person, unit, lang)}\n  {t('people.no_invite', lang)}"
    return f"{_person(person, unit, lang)}\n  {esc(deep_link(bot, invite.token))}"


def render_team_created(created: TeamCreated, lang: str) -> Message:
    """After ``/newteam``: the team and what to do next."""
    return Message(t("team.created", lang, name=esc(created.team.name)))


def render_lead_added(added: LeadAdded, bot: str, lang: str) -> Message:
    """After ``/addlead``: the lead (with their unit) and the personal link to hand over."""
    line = _link_line(added.person, added.unit, added.invite, bot, lang)
    if added.person.joined:
        line = f"{_person(added.person, added.unit, lang)}\n  {t('people.joined', lang)}"
    head = t("team.lead_added", lang, team=esc(added.team.name))
    return Message(head + "\n" + line + "\n\n" + t("people.forward_hint", lang))


def render_person_added(added: PersonAdded, bot: str, lang: str) -> Message:
    """After ``/add``: the person and their link (or that they already joined)."""
    key = "people.added" if added.created else "people.updated"
    line = _link_line(added.person, added.unit, added.invite, bot, lang)
    if added.person.joined:
        line = f"{_person(added.person, added.unit, lang)}\n  {t('people.joined', lang)}"
    if added.moved:
        line += "\n  " + t("people.moved", lang, move=_move(added, lang))
        line += _reporter_left(added, lang)
    return Message(t(key, lang) + "\n" + line + "\n\n" + t("people.forward_hint", lang))


def _move(added: PersonAdded, lang: str) -> str:
    """``县发改委 → 县财政局``: the unit a roster row moved someone from, and to."""
    before, after = (
        esc(unit.name) if unit is not None else t("people.no_unit", lang)
        for unit in (added.moved_from, added.unit)
    )
    return f"{before} → {after}"


def _reporter_left(added: PersonAdded, lang: str) -> str:
    """The note that someone moved away was the 填报人 named for the unit they left."""
    if not added.reporter_left or added.moved_from is None:
        return ""
    return t("people.reporter_left", lang, unit=esc(added.moved_from.name))


def render_roster_result(result: RosterResult, bot: str, lang: str) -> Message:
    """After a roster upload: counts, problems by row, then every new link (split if long)."""
    lines = [
        t(
            "roster.summary",
            lang,
            added=len(result.added),
            updated=len(result.updated),
            errors=len(result.errors),
            units=len(result.units_created),
        )
    ]
    moved = [p for p in result.updated if p.moved]
    if moved:
        lines.append("")
        lines.append(t("roster.moved", lang))
        for added in moved:
            move = _move(added, lang)
            lines.append(t("roster.move", lang, name=esc(added.person.name), move=move))
            lines[-1] += _reporter_left(added, lang)
    if result.errors:
        lines.append("")
        lines.append(t("roster.problems", lang))
        for error in result.errors:
            text = render_error(InvalidInput(error.code, **error.params), lang).text
            lines.append(t("roster.row", lang, row=error.row, text=text))
    people = [*result.added, *result.updated]
    linked = [p for p in people if p.invite is not None]
    if linked:
        lines.append("")
        lines.append(t("roster.links", lang))
        for added in linked:
            lines.append(_link_line(added.person, added.unit, added.invite, bot, lang))
        lines.append("")
        lines.append(t("people.forward_hint", lang))
    return Message("\n".join(lines))


def render_invite(issued: InviteIssued, bot: str, lang: str) -> Message:
    """After ``/invite``: the fresh link (older ones no longer work)."""
    line = _link_line(issued.person, issued.unit, issued.invite, bot, lang)
    return Message(t("people.invite_new", lang) + "\n" + line)


def render_revoked(revoked: InvitesRevoked, lang: str) -> Message:
    """After ``/revoke``: how many links of whom stopped working."""
    name = revoked.person.name + (f"（{revoked.unit.name}）" if revoked.unit else "")
    return Message(t("people.revoked", lang, name=esc(name), count=revoked.count))


def render_reporters(found: Sequence[UnitReporter], lang: str) -> Message:
    """``/reporter``: who answers for each unit, named by the lead or by the default rule."""
    if not found:
        return Message(t("people.reporters_none", lang))
    lines = [t("people.reporters_title", lang)]
    for item in found:
        if item.person is None:
            lines.append(t("people.reporter_nobody", lang, unit=esc(item.unit.name)))
            continue
        key = "people.reporter_named" if item.named else "people.reporter_default"
        lines.append(t(key, lang, unit=esc(item.unit.name), name=esc(item.person.name)))
    lines.append(t("people.reporters_hint", lang))
    return Message("\n".join(lines))


def render_reporter_set(chosen: UnitReporter, lang: str) -> Message:
    """After ``/reporter 姓名``."""
    name = esc(chosen.person.name) if chosen.person else ""
    return Message(t("people.reporter_set", lang, unit=esc(chosen.unit.name), name=name))


def render_pending(pending: Sequence[PendingJoin], page_no: int, bot: str, lang: str) -> Message:
    """``/pending``: who has not joined yet, with their links, one page."""
    if not pending:
        return Message(t("people.pending_none", lang))
    page = paginate(list(pending), page_no, PAGE_SIZE)
    lines = [t("people.pending_title", lang, count=page.total)]
    for item in page.items:
        lines.append(_link_line(item.person, item.unit, item.invite, bot, lang))
    nav = nav_row(page, lambda n: PageData(PageKind.PENDING, n))
    return Message("\n".join(lines), keyboard([nav]))


def render_roster(page: Page[Person], lang: str) -> Message:
    """``/roster``: the team's people, one page, and how to upload a roster file."""
    lines = [t("roster.title", lang, count=page.total)]
    for person in page.items:
        mark = "✅" if person.joined else "⏳"
        unreachable = " ⚠️" if person.unreachable_since else ""
        lines.append(
            f"{mark} <b>{esc(person.name)}</b> · {role_label(person.role, lang)}{unreachable}"
        )
    lines.append("")
    lines.append(t("roster.upload_hint", lang))
    nav = nav_row(page, lambda n: PageData(PageKind.ROSTER, n))
    return Message("\n".join(lines), keyboard([nav]))


def unreachable_why(person: Person, lang: str) -> str:
    """Why the bot cannot write to a person marked unreachable, by the cause Telegram gave
    (blocked, account deleted, chat not found, never started; a mark without one: either)."""
    why = person.unreachable_why.value if person.unreachable_why else "unknown"
    return t(f"unreachable.{why}", lang)


def render_unreachable(person: Person, lang: str) -> Message:
    """To the lead: a message to this person could not be delivered, and why."""
    why = unreachable_why(person, lang)
    return Message(t("people.unreachable", lang, name=esc(person.name), why=why))


def render_group_anonymous(lang: str) -> Message:
    """``/setgroup`` from an anonymous admin (or a channel): nobody to check the role of."""
    return Message(t("team.group_anonymous", lang))


def render_group_lost(team: Team, group: str, lang: str) -> Message:
    """To a team's leads: the bot was removed from their leaders' group (named ``group``)."""
    return Message(t("team.group_lost", lang, team=esc(team.name), group=esc(group)))


def render_group_muted(team: Team, group: str, lang: str) -> Message:
    """To a team's leads: the bot, still in their leaders' group (named ``group``), was
    restricted there and may not post what the rhythm sends."""
    return Message(t("team.group_muted", lang, team=esc(team.name), group=esc(group)))


def render_group_set(team: Team, lang: str) -> Message:
    """After ``/setgroup``: this chat now receives the team's digest."""
    return Message(t("team.group_set", lang, team=esc(team.name)))


def render_group_set_unposted(team: Team, group: str, why: Undelivered, lang: str) -> Message:
    """To the lead, privately, after ``/setgroup`` whose confirmation the group did not get:
    the group is set, why the bot could not post there and, when it may not post, what to ask
    the group's admins."""
    text = t(
        "team.group_set_unposted",
        lang,
        team=esc(team.name),
        group=esc(group),
        why=t(f"rhythm.group_missed.{why.value}", lang),
    )
    if why in (Undelivered.NO_RIGHTS, Undelivered.FORBIDDEN):
        text += t("team.group_set_unposted.grant", lang)
    return Message(text)
