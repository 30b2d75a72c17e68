"""Files: sendDocument, sendPhoto, sendMediaGroup (photos) and getFile (uploads stay in
memory)."""

from __future__ import annotations

from typing import Any

from sandbox import errors
from sandbox.errors import bad_request
from sandbox.files import StoredFile
from sandbox.methods.base import (
    MAX_CAPTION,
    ApiCall,
    Handler,
    caption,
    reply_markup,
    reply_target,
    thread_target,
    writable_chat,
)
from sandbox.model import ChatRecord
from sandbox.params import Upload
from sandbox.state import World
from sandbox.text import FormattedText

MAX_DOWNLOAD = 20 * 1024 * 1024
MAX_UPLOAD = 50 * 1024 * 1024


async def send_document(call: ApiCall) -> dict[str, Any]:
    """sendDocument: a new upload or a known file_id."""
    chat = writable_chat(call, "documents")
    document = _document(call.world, call.params.file("document"))
    return _post_media(call, chat, document=document)


async def send_photo(call: ApiCall) -> dict[str, Any]:
    """sendPhoto: the message carries a list of PhotoSize, smallest first."""
    chat = writable_chat(call, "photos")
    sizes = _photo(call.world, call.params.file("photo"))
    return _post_media(call, chat, photo=sizes)


async def send_media_group(call: ApiCall) -> list[dict[str, Any]]:
    """sendMediaGroup of 2–10 photos, each with its own plain caption: one message each."""
    chat = writable_chat(call, "photos")
    media = call.params.json("media")
    if not isinstance(media, list) or not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media in the album")
    posted = []
    target = reply_target(call, chat)
    thread = thread_target(call, chat, target)
    for item in media:
        if not isinstance(item, dict) or item.get("type") != "photo":
            raise bad_request("only photo albums are supported by the sandbox")
        source = str(item.get("media") or "")
        attached = source.startswith("attach://")
        part = call.params.uploads.get(source.removeprefix("attach://")) if attached else None
        sizes = _photo(call.world, part if attached else source)
        text = FormattedText(str(item.get("caption") or "")).stripped()
        if text.length > MAX_CAPTION:
            raise bad_request(errors.CAPTION_TOO_LONG)
        message = call.world.post(
            chat,
            call.world.bot.id,
            photo=sizes,
            caption=text if text.text else None,
            reply_to=target,
            thread=thread,
        )
        posted.append(call.world.message_json(message))
    return posted


async def get_file(call: ApiCall) -> dict[str, Any]:
    """getFile: the File with a ``file_path`` that ``/file/bot<token>/`` serves."""
    stored = call.world.files.get(call.params.string("file_id", required=True) or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.as_file()


def _post_media(call: ApiCall, chat: ChatRecord, **media: Any) -> dict[str, Any]:
    """Post the bot's ``media`` message with the call's caption, keyboard and reply target."""
    reply_to = reply_target(call, chat)
    message = call.world.post(
        chat,
        call.world.bot.id,
        caption=caption(call),
        reply_markup=reply_markup(call),
        reply_to=reply_to,
        thread=thread_target(call, chat, reply_to),
        **media,
    )
    return call.world.message_json(message)


def _document(world: World, source: Upload | str | None) -> dict[str, Any]:
    if source is None:
        raise bad_request("there is no document in the request")
    if isinstance(source, str):
        return _known_file(world, source).as_document()
    _check_upload(source)
    stored = world.files.add(
        source.data, folder="documents", file_name=source.filename, mime=_mime(source)
    )
    return stored.as_document()


def _photo(world: World, source: Upload | str | None) -> list[dict[str, Any]]:
    if source is None:
        raise bad_request("there is no photo in the request")
    if isinstance(source, str):
        known = world.files.photo_sets.get(_known_file(world, source).file_id)
        if known is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        return known
    _check_upload(source)
    try:
        return world.files.add_photo(source.data)
    except ValueError:
        raise bad_request("IMAGE_PROCESS_FAILED") from None


def _known_file(world: World, file_id: str) -> StoredFile:
    if file_id.lower().startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")
    stored = world.files.get(file_id)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored


def _check_upload(upload: Upload) -> None:
    if not upload.data:
        raise bad_request("file must be non-empty")
    if len(upload.data) > MAX_UPLOAD:
        raise bad_request("file is too big")


def _mime(upload: Upload) -> str | None:
    kind = upload.content_type.split(";")[0].strip()
    return None if kind in ("", "application/octet-stream") else kind


METHODS: dict[str, Handler] = {
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "sendMediaGroup": send_media_group,
    "getFile": get_file,
}
