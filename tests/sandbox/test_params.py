"""Tests for request parameters in form and JSON shapes."""

from __future__ import annotations

import pytest

from sandbox.errors import ApiError
from sandbox.params import Params, Upload


@pytest.mark.parametrize("values", [{"n": "42", "b": "true"}, {"n": 42, "b": True}])
def test_typed_getters_accept_form_and_json_values(values: dict[str, object]) -> None:
    """Integers and booleans read the same from strings and from native JSON values."""
    params = Params(values)
    assert params.integer("n") == 42
    assert params.boolean("b") is True


def test_json_parameters_decode_strings() -> None:
    """A JSON-encoded nested object (as PTB sends it) is decoded."""
    assert Params({"m": '{"a": [1]}'}).json("m") == {"a": [1]}


def test_missing_required_value_is_a_bad_request() -> None:
    """A required parameter that is absent gives Telegram's "<name> is empty"."""
    with pytest.raises(ApiError, match="Bad Request: chat_id is empty"):
        Params({}).chat_id()


def test_chat_id_accepts_usernames() -> None:
    """``@name`` stays a string; digits become an int."""
    assert Params({"chat_id": "@team"}).chat_id() == "@team"
    assert Params({"chat_id": "-100"}).chat_id() == -100


def test_file_resolves_attach_references() -> None:
    """``attach://part`` points at an uploaded part; a plain string is a file id."""
    upload = Upload("a.txt", "text/plain", b"hi")
    params = Params({"document": "attach://f1", "thumb": "AgAD"}, {"f1": upload})
    assert params.file("document") == upload
    assert params.file("thumb") == "AgAD"


def test_bad_integer_is_rejected() -> None:
    """A non-numeric Integer parameter is a 400."""
    with pytest.raises(ApiError, match="invalid limit specified"):
        Params({"limit": "ten"}).integer("limit")
