"""A lead's uploaded file, as taken: the roster's outcome or the plan's preview."""

from __future__ import annotations

from bot.render import Message
from bot.render.people import render_roster_result
from bot.render.plans import render_preview
from bot.services.plans.uploads import Upload


def render_upload(upload: Upload, bot: str, lang: str) -> Message:
    """The roster result with everyone's links, or the plan preview with Confirm / Cancel."""
    if upload.roster is not None:
        return render_roster_result(upload.roster, bot, lang)
    assert upload.preview is not None
    return render_preview(upload.preview, lang)
