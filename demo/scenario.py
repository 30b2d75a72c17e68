"""The demo's script: one county week and the month's end, step by step, in simulated time.

Monday the office sets up, imports the roster and the plan and assigns the tasks; Tuesday a
leader's instruction becomes a task; Wednesday someone takes leave; Thursday 09:00 the weekly
prompts go out and people answer in their own ways; Friday brings the automatic reminder, the
cutoff and a lead's 催办; Monday the digest, two 销号 requests and a 延期申请 approved; the
month's last workday the monthly review with its chart and ledger.
Every step is an ``async def`` that reads like what happens in the chat.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from demo.documents import site_photo
from demo.onboarding import (
    assign_the_tasks,
    import_the_plan,
    make_the_leaders_group,
    onboard_the_roster,
    set_up_the_team,
    sign_for_the_tasks,
)
from demo.player import Player
from demo.roster import Part
from demo.stage import Stage
from sandbox import MessageView

TZ = ZoneInfo("Asia/Shanghai")
#: Monday of the simulated week; Wednesday 31 July is the month's last workday.
MONDAY = date(2024, 7, 22)
STATUSES = ("on_track", "done", "behind", "blocked")
#: A word of the title of the task each featured person reports on (the plan is Chinese).
TASK_OF = {
    Part.ON_TRACK: "三产特色发展",
    Part.BEHIND: "二产创新驱动",
    Part.BLOCKED: "一产转型升级",
    Part.DONE_PHOTO: "政治建设",
    Part.DONE_RETURNED: "精致规划",
    Part.SILENT_AUTO: "信访",
}


@dataclass(frozen=True, slots=True)
class Step:
    """One moment of the script: when (days after Monday, local time), its title, what happens."""

    day: int
    at: str
    title: str  # message key of the header
    run: Callable[[Stage], Awaitable[None]]

    def when(self) -> datetime:
        """The simulated moment of the step."""
        hour, minute = (int(x) for x in self.at.split(":"))
        return datetime.combine(MONDAY + timedelta(days=self.day), time(hour, minute), TZ)


# -- Tuesday: a leader's instruction becomes a task ------------------------------------------


async def instruction_task(s: Stage) -> None:
    """The lead makes a task of the county secretary's written instruction (批示) and assigns
    it; it joins Thursday's prompt like any task."""
    lead = s.lead
    await lead.say("/instruction")
    await lead.expect("instruction.ask.instruction")
    await lead.say(s.text("demo.say.instruction"))
    draft = await lead.expect("instruction.draft.instruction")
    await lead.tap(s.text("instruction.create"), on=draft)
    await lead.expect_edit(draft, "instruction.created.instruction")
    liu = s.playing(Part.BLOCKED)
    task = lead.task_id(s.text("demo.word.instruction"))
    with s.spotlight(lead, liu):
        await lead.say(f"/assign {task} {liu.person.unit}")
        await lead.expect("assign.done")


# -- Wednesday and Thursday: leave, the prompt, the answers ----------------------------------


async def take_leave(s: Stage) -> None:
    """One official will be away Thursday and Friday and says so."""
    chen = s.playing(Part.ON_LEAVE)
    await chen.say("/leave " + s.text("demo.leave.dates"))
    await chen.expect("leave.set")


async def weekly_dispatch(s: Stage) -> None:
    """Thursday 09:00: the rhythm sends everyone their 周调度 prompt."""
    shown = [s.playing(Part.ON_TRACK), s.playing(Part.BEHIND), s.playing(Part.FOR_LEADER)]
    with s.spotlight(s.lead, *shown):
        await s.rhythm()
    for player in shown:
        await player.expect("prompt.title")
    for player in s.players.values():
        player.find_prompt()
    s.note("demo.note.dispatched", leave=s.playing(Part.ON_LEAVE).name)


async def on_track_with_progress(s: Stage) -> None:
    """张伟 reports one task in full with ``/report`` and a typed figure, the rest by taps."""
    zhang = s.playing(Part.ON_TRACK)
    await zhang.say("/report")
    listing = await zhang.expect("report.pick")
    await zhang.tap_containing(TASK_OF[Part.ON_TRACK], on=listing)
    asked = await zhang.expect("report.status_question")
    await zhang.tap_containing(s.text("status.on_track"), on=asked)
    await zhang.tap(s.text("report.progress_custom"))
    await zhang.expect("report.progress_type")
    await zhang.say(str(s.random.choice((55, 60, 65))))
    await zhang.expect("report.details_hint")
    await zhang.say(s.text("demo.say.zhang"))
    await zhang.expect("report.reply_hint")
    await zhang.tap(s.text("report.finish"))
    await zhang.expect("report.finished")
    reported = zhang.task_id(TASK_OF[Part.ON_TRACK])
    s.agreed[reported] = "on_track"
    await _quietly_answer_rest(s, zhang, skip=[reported])


async def behind_with_a_problem(s: Stage) -> None:
    """李娜 marks one task 🟡 behind and writes what holds it up."""
    await _status_and_words(s, Part.BEHIND, "behind", "demo.say.li")


async def blocked(s: Stage) -> None:
    """刘洋 marks one task 🔴 blocked and asks for help."""
    await _status_and_words(s, Part.BLOCKED, "blocked", "demo.say.liu")


async def done_with_a_photo(s: Stage) -> None:
    """吴芳 reports a task done and sends a photo from the site as evidence."""
    wu = s.playing(Part.DONE_PHOTO)
    await wu.answer(wu.task_id(TASK_OF[Part.DONE_PHOTO]), "done")
    await wu.send_photo(site_photo(), s.text("demo.say.wu_photo"))
    await wu.expect("report.reply_hint")
    await _quietly_answer_rest(s, wu)


async def done_in_words(s: Stage) -> None:
    """马超 reports his planning task done."""
    await _status_and_words(s, Part.DONE_RETURNED, "done", "demo.say.ma")


async def liaison_for_the_leader(s: Stage) -> None:
    """The liaison reports on the leader's task: status, a progress button and a line of text."""
    sun = s.playing(Part.FOR_LEADER)
    await sun.say("/report")
    asked = await sun.expect("report.status_question")
    await sun.tap_containing(s.text("status.on_track"), on=asked)
    await sun.tap("50%")
    await sun.say(s.text("demo.say.sun"))
    await sun.expect("report.reply_hint")
    await sun.tap(s.text("report.finish"))
    await sun.expect("report.finished")


async def colleagues_add(s: Stage) -> None:
    """In the afternoon colleagues add a progress figure to their unit's answers with
    ``/report``, in step with it; one reports 已完成 where the unit said 滞后, and the lead sees
    the two answers side by side instead of one silently winning."""
    behind = s.playing(Part.BEHIND)
    disputed = behind.task_id(TASK_OF[Part.BEHIND])
    added = 0
    with s.spotlight():
        for player in s.extras:
            tasks = [t for t in _unit_tasks(s, player) if t in s.agreed and t != disputed]
            if tasks:
                task = s.random.choice(tasks)
                status = s.agreed[task]
                await player.report(task, status, _percent(s, status))
                added += 1
    s.note("demo.note.figures", people=added)
    colleague = next(p for p in s.extras if p.person.unit == behind.person.unit)
    with s.spotlight(colleague):
        await colleague.report(disputed, "done", 100)


def _unit_tasks(s: Stage, player: Player) -> list[str]:
    """The tasks in the prompt of the colleague who answers for ``player``'s unit."""
    for other in s.players.values():
        if other.person.unit == player.person.unit and other.person.featured and other.prompt:
            return other.prompt_tasks()
    return []


def _featured(line: str) -> bool:
    """Whether a task line is about a task a featured person reports on."""
    return any(word in line for word in TASK_OF.values())


def _percent(s: Stage, status: str) -> int:
    """A progress button that fits a status in late July (序时进度 is about 58%)."""
    choices = {"done": (100,), "behind": (25,), "blocked": (25,)}
    return s.random.choice(choices.get(status, (50, 75)))


# -- Friday: reminder, cutoff, 催办 -----------------------------------------------------------


async def automatic_reminder(s: Stage) -> None:
    """Friday 13:00, four hours before the cutoff: the rhythm reminds who has not answered."""
    await s.rhythm()
    for part in (Part.SILENT_AUTO, Part.SILENT_MANUAL):
        await s.playing(part).expect("remind.auto")


async def answered_after_the_reminder(s: Stage) -> None:
    """周敏 answers once reminded."""
    zhou = s.playing(Part.SILENT_AUTO)
    await zhou.answer(zhou.task_id(TASK_OF[Part.SILENT_AUTO]), "on_track")
    await zhou.say(s.text("demo.say.zhou"))
    await zhou.expect("report.reply_hint")


async def vague_update(s: Stage) -> None:
    """张伟 sends a line that says nothing new: it is recorded as sent, and the bot tips him,
    privately, with an example of a useful update for that task."""
    zhang = s.playing(Part.ON_TRACK)
    featured = zhang.task_id(TASK_OF[Part.ON_TRACK])
    task = next((t for t in zhang.prompt_tasks() if t != featured), featured)
    await zhang.say(f"/report {task}")
    asked = await zhang.expect("report.status_question")
    await zhang.tap_containing(s.text("status.on_track"), on=asked)
    await zhang.say(s.text("demo.say.vague"))
    await zhang.expect("nudge.text")


async def cutoff(s: Stage) -> None:
    """Friday 17:00: answers close; the lead learns who stayed silent."""
    await s.rhythm()
    await s.lead.expect("cutoff.hint")


async def chase_the_silent(s: Stage) -> None:
    """The lead sends a 催办; the official answers, flagged late."""
    lead, zhao = s.lead, s.playing(Part.SILENT_MANUAL)
    await lead.say(f"/remind {zhao.name}")
    await lead.expect("remind.sent")
    await zhao.expect("remind.manual")
    first = zhao.open_numbers()[0]
    await zhao.tap(s.text("prompt.btn.on_track", n=first), on=zhao.prompt)
    await _quietly_answer_rest(s, zhao)


# -- the next Monday and the month's end ------------------------------------------------------


async def weekly_digest(s: Stage) -> None:
    """Monday 08:30: the weekly digest to the leaders' group, and the leads' own version."""
    with s.spotlight(s.lead, group=True):
        await s.rhythm()
    await s.lead.expect_in_group("rhythm.digest.title")
    await s.lead.expect("rhythm.digest.title")
    s.keep.digest_group = s.sent_this_step(s.group_id)
    s.keep.digest_leads = s.sent_this_step(s.lead.id)


async def close_out_approved(s: Stage) -> None:
    """吴芳 asks to close her finished task with evidence; the lead approves (销号)."""
    wu, lead = s.playing(Part.DONE_PHOTO), s.lead
    await _request_closeout(s, wu, Part.DONE_PHOTO, "demo.say.wu_closeout")
    review = await lead.expect("closeout.review_title")
    await lead.tap(s.text("closeout.approve"), on=review)
    await wu.expect("closeout.approved")


async def close_out_returned(s: Stage) -> None:
    """马超 asks to close his; the lead returns it with a reason."""
    ma, lead = s.playing(Part.DONE_RETURNED), s.lead
    await _request_closeout(s, ma, Part.DONE_RETURNED, "demo.say.ma_closeout")
    review = await lead.expect("closeout.review_title")
    await lead.tap(s.text("closeout.return"), on=review)
    await lead.expect("closeout.ask_reason")
    await lead.say(s.text("demo.say.return_reason"))
    await ma.expect("closeout.returned")


async def extension_approved(s: Stage) -> None:
    """刘洋's blocked task cannot finish this year: he asks for a later deadline with the
    reason (延期申请); the lead approves, and the deadline moves."""
    liu, lead = s.playing(Part.BLOCKED), s.lead
    await liu.say(f"/extend {liu.task_id(TASK_OF[Part.BLOCKED])} {s.text('demo.say.extension')}")
    written = await liu.expect("extension.more_or_submit")
    await liu.tap(s.text("extension.submit"), on=written)
    await liu.expect_edit(written, "extension.requested")
    review = await lead.expect("extension.review_title")
    await lead.tap(s.text("extension.approve"), on=review)
    await liu.expect("extension.approved")


async def monthly_review(s: Stage) -> None:
    """The month's last workday, 16:00: the review with its chart, and the ledger."""
    with s.spotlight(s.lead, group=True):
        await s.rhythm()
    await s.lead.expect_in_group("rhythm.review.title")
    s.keep.review_group = s.sent_this_step(s.group_id)
    if not any(view.photo for view in s.keep.review_group):
        raise LookupError("the leaders' group got no review chart")
    if not any(view.document for view in s.keep.review_group):
        raise LookupError("the leaders' group got no ledger")


# -- helpers --------------------------------------------------------------------------------


async def _status_and_words(s: Stage, part: Part, status: str, words: str) -> None:
    player = s.playing(part)
    await player.answer(player.task_id(TASK_OF[part]), status)
    await player.say(s.text(words))
    await player.expect("report.reply_hint")
    await _quietly_answer_rest(s, player)


async def _quietly_answer_rest(s: Stage, player: Player, skip: Sequence[str] = ()) -> None:
    with s.spotlight():
        count = await player.answer_rest("on_track", skip)
    if count:
        s.note("demo.note.rest", name=player.name, count=count)


async def _request_closeout(s: Stage, player: Player, part: Part, evidence: str) -> MessageView:
    await player.say(f"/closeout {player.task_id(TASK_OF[part])}")
    await player.expect("closeout.ask_evidence")
    await player.say(s.text(evidence))
    gathered = await player.expect("closeout.gathered")
    await player.tap(s.text("closeout.submit"), on=gathered)
    return await player.expect_edit(gathered, "closeout.requested")


SCRIPT: tuple[Step, ...] = (
    Step(0, "10:00", "demo.step.team", set_up_the_team),
    Step(0, "10:30", "demo.step.roster", onboard_the_roster),
    Step(0, "11:00", "demo.step.group", make_the_leaders_group),
    Step(0, "14:00", "demo.step.plan", import_the_plan),
    Step(0, "14:30", "demo.step.assign", assign_the_tasks),
    Step(0, "16:00", "demo.step.sign", sign_for_the_tasks),
    Step(1, "10:00", "demo.step.instruction", instruction_task),
    Step(2, "17:30", "demo.step.leave", take_leave),
    Step(3, "09:00", "demo.step.dispatch", weekly_dispatch),
    Step(3, "09:20", "demo.step.on_track", on_track_with_progress),
    Step(3, "10:05", "demo.step.behind", behind_with_a_problem),
    Step(3, "11:30", "demo.step.blocked", blocked),
    Step(3, "14:10", "demo.step.photo", done_with_a_photo),
    Step(3, "15:00", "demo.step.done", done_in_words),
    Step(3, "15:40", "demo.step.liaison", liaison_for_the_leader),
    Step(3, "16:30", "demo.step.figures", colleagues_add),
    Step(4, "13:00", "demo.step.reminder", automatic_reminder),
    Step(4, "13:25", "demo.step.after_reminder", answered_after_the_reminder),
    Step(4, "14:30", "demo.step.vague", vague_update),
    Step(4, "17:00", "demo.step.cutoff", cutoff),
    Step(4, "17:10", "demo.step.chase", chase_the_silent),
    Step(7, "08:30", "demo.step.digest", weekly_digest),
    Step(7, "10:00", "demo.step.approved", close_out_approved),
    Step(7, "10:40", "demo.step.returned", close_out_returned),
    Step(7, "11:20", "demo.step.extension", extension_approved),
    Step(9, "16:00", "demo.step.review", monthly_review),
)
