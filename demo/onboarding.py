"""Monday of the demo week: the team, the roster, the leaders' group, the plan, the assignments.

Steps of :data:`demo.scenario.SCRIPT`; each reads like what happens in the chats.
"""

from __future__ import annotations

from demo.documents import BY_COMMAND, TABLE_NAME, responsibility_table, sample_plan
from demo.roster import TEAM_NAME, Kind, Part, roster_xlsx
from demo.stage import Stage


def invite_token(texts: list[str], name: str) -> str:
    """The token of ``name``'s personal link in the lines the bot sent the lead."""
    lines = [line for text in texts for line in text.splitlines()]
    for index, line in enumerate(lines):
        if line.startswith((f"{name}（", f"{name} ·", f"{name}(")):
            for follow in lines[index + 1 : index + 3]:
                if "?start=" in follow:
                    return follow.split("?start=", 1)[1].split()[0]
    raise LookupError(f"no personal link for {name}")


async def set_up_the_team(s: Stage) -> None:
    """The admin creates the team and adds the lead, who joins by her personal link."""
    admin, lead = s.admin, s.lead
    await admin.say("/start")
    await admin.expect("start.greeting")
    await admin.say(f"/newteam {TEAM_NAME}")
    await admin.expect("team.created")
    if s.lang != "zh":
        s.set_team_language()
    await admin.say(f"/addlead {lead.name} {lead.person.unit}")
    added = await admin.expect("people.forward_hint")
    await lead.join(invite_token([added.text], lead.name))


async def onboard_the_roster(s: Stage) -> None:
    """The lead uploads the roster; everyone opens their link, except one who never does."""
    lead = s.lead
    await lead.say("/roster")
    await lead.expect("roster.upload_hint")
    await lead.send_file(roster_xlsx(s.lang), s.text("demo.file.roster"))
    await lead.expect("people.forward_hint")  # the last part, if the reply was split
    texts = [view.text for view in lead.chat.bot_messages()]
    joining = [p for p in s.players.values() if p.person.kind not in (Kind.ADMIN, Kind.LEAD)]
    joining = [p for p in joining if p.person.part is not Part.NEVER_JOINS]
    shown = [s.playing(Part.ON_TRACK), s.playing(Part.FOR_LEADER)]
    with s.spotlight(lead, *shown):
        for player in shown + [p for p in joining if p not in shown]:
            await player.join(invite_token(texts, player.name))
    s.note("demo.note.joined", count=len(joining), missing=s.playing(Part.NEVER_JOINS).name)
    await lead.say("/pending")
    await lead.expect("people.pending_title")


async def make_the_leaders_group(s: Stage) -> None:
    """The lead adds the bot to the leaders' group and makes it the team's group."""
    lead = s.lead
    s.make_group([lead, *s.of_kind(Kind.LEADER)])
    await lead.say("/setgroup", in_group=True)
    await lead.expect_in_group("team.group_set")


async def import_the_plan(s: Stage) -> None:
    """The lead sends the sample plan and confirms; then its 责任分工表 as the next version."""
    lead = s.lead
    data, name = sample_plan()
    await lead.send_file(data, name)
    preview = await lead.expect("plan.confirm_question")
    await lead.tap(s.text("plan.confirm"), on=preview)
    await lead.expect_edit(preview, "plan.imported")
    await lead.send_file(responsibility_table(), TABLE_NAME)
    preview = await lead.expect("plan.confirm_question")
    await lead.tap(s.text("plan.confirm"), on=preview)
    await lead.expect_edit(preview, "plan.updated")


async def assign_the_tasks(s: Stage) -> None:
    """Suggestions from the table's units, accepted in one tap; the rest by ``/assign``."""
    lead = s.lead
    with s.spotlight(lead, s.playing(Part.ON_TRACK), per_chat=1):
        await lead.tap(s.text("assign.suggest_button"))
        listing = await lead.expect("assign.suggest_title")
        await lead.tap(s.text("assign.accept_all"), on=listing)
        await lead.expect("assign.applied")
    await lead.say("/unassigned")
    await lead.expect("assign.unassigned_title")
    with s.spotlight(lead, s.playing(Part.FOR_LEADER)):
        for word, whom in BY_COMMAND:
            await lead.say(f"/assign {lead.task_id(word)} {whom}")
            await lead.expect("assign.done")


async def sign_for_the_tasks(s: Stage) -> None:
    """Officials sign for their tasks (签收) with one tap each."""
    zhang = s.playing(Part.ON_TRACK)
    with s.spotlight(zhang):
        await zhang.tap(s.text("notice.ack_button"))
    with s.spotlight():
        for player in s.of_kind(Kind.OFFICIAL) + s.of_kind(Kind.LIAISON):
            if player.person.part in (Part.NEVER_JOINS, Part.SILENT_MANUAL):
                continue
            for _ in range(len(player.chat.bot_messages())):
                if not player.has_button(s.text("notice.ack_button")):
                    break
                await player.tap(s.text("notice.ack_button"))
    s.note("demo.note.signed")
