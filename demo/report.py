"""After the run: the output folder and its files, the key moments, and the closing summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n import t
from bot.render.rhythm.words import fmt_datetime
from demo import outputs
from demo.events import Bubble, Event, Tap
from demo.player import fragment
from demo.roster import ADMIN, ROSTER, TEAM_NAME
from demo.stage import Stage
from demo.transcript import Style, render_events

if TYPE_CHECKING:
    from demo.runner import DemoResult

DEFAULT_OUTPUT = Path("duban-demo-output")
#: Key moments the summary checks the transcript for: (label key, message key).
MOMENTS = (
    ("demo.moment.prompt", "prompt.title"),
    ("demo.moment.reminder", "remind.auto"),
    ("demo.moment.cutoff", "cutoff.silent"),
    ("demo.moment.digest", "rhythm.digest.title"),
    ("demo.moment.approved", "closeout.approved"),
    ("demo.moment.returned", "closeout.returned"),
    ("demo.moment.review", "rhythm.review.title"),
    ("demo.moment.nudge", "nudge.text"),
    ("demo.moment.instruction", "instruction.created.instruction"),
    ("demo.moment.extension", "extension.approved"),
)


def output_folder(requested: Path | None) -> Path:
    """The folder to write to (created): ``--output``, else a new timestamped one."""
    if requested is None:
        stamp = datetime.now().astimezone().strftime("%Y%m%d-%H%M%S")
        requested = DEFAULT_OUTPUT / stamp
    requested.mkdir(parents=True, exist_ok=True)
    return requested.resolve()


def write_outputs(folder: Path, stage: Stage) -> dict[str, Path]:
    """The digest, chart, ledger and transcript files that could be made."""
    files: dict[str, Path] = {}
    lang = stage.lang
    keep = stage.keep
    if keep.digest_group:
        digest = outputs.Digest(
            t("demo.step.digest", lang) + f" · {TEAM_NAME}", keep.digest_group, keep.digest_leads
        )
        headings = (t("demo.heading.group", lang), t("demo.heading.leads", lang))
        files["digest_html"] = outputs.write(
            folder, outputs.DIGEST_HTML, outputs.digest_html(digest, headings)
        )
        files["digest_md"] = outputs.write(
            folder, outputs.DIGEST_MD, outputs.digest_markdown(digest, headings)
        )
    chart = outputs.photo_bytes(stage.sandbox, keep.review_group)
    if chart is not None:
        files["chart"] = outputs.write(folder, outputs.CHART, chart)
    ledger = outputs.document_bytes(stage.sandbox, keep.review_group, ".xlsx")
    if ledger is not None:
        files["ledger"] = outputs.write(folder, outputs.LEDGER, ledger)
    full = Style(width=100, lang=lang, max_lines=None, full=True)
    text = "\n".join(render_events(stage.journal.events, full)) + "\n"
    files["transcript"] = outputs.write(folder, outputs.TRANSCRIPT, text)
    return files


def moments(stage: Stage) -> dict[str, bool]:
    """Which key moments the bot's messages show (checked in the transcript itself)."""
    texts = [e.text for e in stage.journal.events if isinstance(e, Bubble) and e.from_bot]
    return {
        label: any(fragment(key, stage.lang) in text for text in texts) for label, key in MOMENTS
    }


def render_summary(result: DemoResult, lang: str) -> list[str]:
    """The closing lines: success or failure, counts, key moments and the files."""
    lines = [""]
    if result.failure is not None:
        failure = result.failure
        lines.append(t("demo.failed", lang, step=failure.step, reason=failure.reason))
        lines.append(t("demo.failed.hint", lang))
    if result.bot_errors:
        lines.append(t("demo.bot_errors", lang, count=len(result.bot_errors)))
        lines += [f"  - {error}" for error in result.bot_errors]
    return lines + _done_lines(result, lang)


def _done_lines(result: DemoResult, lang: str) -> list[str]:
    lines = []
    if result.ok:
        start, end = result.script[0].when(), result.script[-1].when()
        seconds = f"{result.seconds:.1f}"
        lines.append(
            t(
                "demo.done",
                lang,
                seconds=seconds,
                start=fmt_datetime(start, lang),
                end=fmt_datetime(end, lang),
            )
        )
    lines.append(_counts(result.events, result.tasks, lang))
    if result.flood_waits:
        lines.append(t("demo.summary.flood", lang, count=result.flood_waits))
    marks = [("✔ " if ok else "✘ ") + t(label, lang) for label, ok in result.moments.items()]
    lines.append(t("demo.summary.moments", lang, moments=" · ".join(marks)))
    lines.append(t("demo.summary.output", lang, path=result.folder))
    for kind, path in result.files.items():
        lines.append(f"  {path.name:<16} {t(f'demo.summary.file.{kind}', lang)}")
    return lines


def _counts(events: Sequence[Event], tasks: int, lang: str) -> str:
    """People, joins, the bot's messages and people's actions, from the transcript; ``tasks``
    as the team's plans held them at the end (the digest and review count the same)."""
    bubbles = [e for e in events if isinstance(e, Bubble)]
    sent = sum(1 for b in bubbles if b.from_bot and not b.edited)
    actions = sum(1 for b in bubbles if b.sender) + sum(isinstance(e, Tap) for e in events)
    started = {b.sender for b in bubbles if b.sender and b.text == "/start"}
    joined = len(started - {ADMIN.label})
    people = len(ROSTER) + 1  # and the lead
    return t(
        "demo.summary.people",
        lang,
        people=people,
        joined=joined,
        tasks=tasks,
        sent=sent,
        actions=actions,
    )
