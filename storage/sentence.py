"""What the store says to the operator: English words that also carry a message code.

A leaf module (it imports nothing of the store), so every store module, down to the file layer,
can raise its errors with one.
"""

from __future__ import annotations


class Sentence(str):
    """A sentence for the operator, in English, that also carries a message ``code`` and its
    ``params``: the command line says it in the operator's language (``ops.store.<code>`` in
    ``bot/i18n``), logs and tracebacks show the English. Exceptions of the store tools are
    raised with one as their message."""

    code: str
    params: dict[str, object]

    def __new__(cls, text: str, code: str, **params: object) -> Sentence:
        made = super().__new__(cls, text)
        made.code = code
        made.params = dict(params)
        return made
