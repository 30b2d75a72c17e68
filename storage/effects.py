"""How an effect keeps a record: the shared codec's document as compact JSON text.

Both adapters' effect repositories use this, so an effect written by one reads in the other
(a dump moved between them restores the same records).
"""

from __future__ import annotations

import json

from storage.codec import decode, encode
from storage.schema import SPEC_BY_NAME


class RecordImages:
    """``image`` and ``restore`` of :class:`bot.domain.ports.EffectRepo`."""

    def image(self, collection: str, item: object | None) -> str | None:
        """A record of ``collection`` as JSON text (None stays None)."""
        if item is None:
            return None
        if not isinstance(item, SPEC_BY_NAME[collection].entity):
            raise TypeError(f"{collection} holds no {type(item).__name__}")
        return json.dumps(encode(item), ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def restore(self, collection: str, image: str | None) -> object | None:
        """The record an image holds (None stays None)."""
        if image is None:
            return None
        restored: object = decode(SPEC_BY_NAME[collection].entity, json.loads(image))
        return restored
