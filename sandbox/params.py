"""Request parameters as Telegram accepts them: query string, form, multipart or JSON.

Form and multipart values are strings (nested objects arrive JSON-encoded, as PTB sends them);
a JSON body has native values. The typed getters accept both and raise Telegram's 400s.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sandbox.errors import ApiError, bad_request

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off", ""}


@dataclass(frozen=True)
class Upload:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


class Params:
    """The parameters of one Bot API call."""

    def __init__(
        self, values: Mapping[str, Any], uploads: Mapping[str, Upload] | None = None
    ) -> None:
        self.values = dict(values)
        self.uploads = dict(uploads or {})

    def names(self) -> set[str]:
        """Every parameter name sent, files included."""
        return set(self.values) | set(self.uploads)

    def has(self, name: str) -> bool:
        """Whether ``name`` was sent (a JSON ``null`` counts as absent)."""
        return self.values.get(name) is not None or name in self.uploads

    def string(self, name: str, *, required: bool = False) -> str | None:
        """A String parameter."""
        value = self.values.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, *, required: bool = False) -> int | None:
        """An Integer parameter."""
        value = self.values.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def number(self, name: str) -> float | None:
        """A Float parameter."""
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def boolean(self, name: str, default: bool = False) -> bool:
        """A Boolean parameter."""
        value = self.values.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise bad_request(f"invalid {name} specified")

    def json(self, name: str) -> Any:
        """A JSON-serialised object or array parameter, decoded."""
        value = self.values.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(f"can't parse {name} JSON object") from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        """A chat id: an Integer, or ``@username`` as a String."""
        value = self.values.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        try:
            return int(text)
        except ValueError:
            if text.startswith("@"):
                return text
            raise ApiError(400, "Bad Request: chat not found") from None

    def file(self, name: str) -> Upload | str | None:
        """A file parameter: an upload (also via ``attach://part``), or a file_id/URL string."""
        if name in self.uploads:
            return self.uploads[name]
        value = self.string(name)
        if value is not None and value.startswith("attach://"):
            part = value[len("attach://") :]
            if part not in self.uploads:
                raise bad_request(f"file attach://{part} not found in the request")
            return self.uploads[part]
        return value
