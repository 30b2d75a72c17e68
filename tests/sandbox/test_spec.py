"""Tests for the Bot API spec validator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sandbox.params import Params, Upload
from sandbox.spec import BUNDLED_SPEC, SPEC_ENV_VAR, BotApiSpec, locate_spec

SPEC_PATH = locate_spec()


@pytest.fixture(scope="module")
def spec() -> BotApiSpec:
    """The official Bot API description."""
    assert SPEC_PATH is not None
    return BotApiSpec.load(SPEC_PATH)


def test_method_names_are_case_insensitive(spec: BotApiSpec) -> None:
    """``sendmessage`` is found as ``sendMessage``; unknown names are not."""
    assert spec.method_name("SENDMESSAGE") == "sendMessage"
    assert spec.method_name("sendTelepathy") is None


def test_a_form_encoded_call_as_ptb_sends_it_conforms(spec: BotApiSpec) -> None:
    """String values, JSON-encoded objects and booleans as PTB sends them pass."""
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    params = Params(
        {
            "chat_id": "42",
            "text": "hi",
            "parse_mode": "HTML",
            "disable_notification": "true",
            "reply_markup": json.dumps(markup),
            "reply_parameters": json.dumps({"message_id": 3}),
        }
    )
    assert spec.check_call("sendMessage", params) == []


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"chat_id": 1}, "missing required parameter 'text'"),
        ({"chat_id": 1, "text": "x", "colour": "red"}, "unknown parameter 'colour'"),
        ({"chat_id": 1, "text": "x", "disable_notification": "maybe"}, "expected Boolean"),
        ({"chat_id": 1, "text": "x", "reply_markup": "{not json"}, "JSON-serialised"),
        (
            {
                "chat_id": 1,
                "text": "x",
                "reply_markup": {
                    "inline_keyboard": [[{"text": "a", "callback_data": "b", "colour": 1}]]
                },
            },
            "unknown field of InlineKeyboardButton",
        ),
        ({"chat_id": {"id": 1}, "text": "x"}, "expected Integer or String"),
    ],
)
def test_violations_are_described(
    spec: BotApiSpec, values: dict[str, object], problem: str
) -> None:
    """Missing, unknown and implausible parameters are each reported."""
    problems = spec.check_call("sendMessage", Params(values))
    assert any(problem in item for item in problems), problems


def test_uploads_count_as_input_files(spec: BotApiSpec) -> None:
    """A multipart file part satisfies an ``InputFile or String`` field."""
    params = Params({"chat_id": "1"}, {"document": Upload("a.txt", "text/plain", b"x")})
    assert spec.check_call("sendDocument", params) == []
    assert (
        spec.check_call(
            "sendMessage", Params({"chat_id": "1", "text": "x"}, {"text": Upload("a", "b", b"c")})
        )
        != []
    )


def test_scopes_are_checked_against_their_subtypes(spec: BotApiSpec) -> None:
    """A BotCommandScope must match one of its kinds."""
    good = Params({"scope": '{"type": "chat", "chat_id": 5}'})
    bad = Params({"scope": '{"type": "chat", "chat_id": 5, "extra": 1}'})
    assert spec.check_call("getMyCommands", good) == []
    assert spec.check_call("getMyCommands", bad) != []


def test_objects_can_be_checked(spec: BotApiSpec) -> None:
    """A Message object missing its chat is reported."""
    assert spec.check_object("User", {"id": 1, "is_bot": False, "first_name": "A"}) == []
    assert "Message.chat: missing required field of Message" in spec.check_object(
        "Message", {"message_id": 1, "date": 0}
    )


def test_results_are_checked_against_return_types(spec: BotApiSpec) -> None:
    """A result is checked against what its method returns, unions included."""
    assert spec.check_result("deleteMessage", True) == []
    assert spec.check_result("editMessageText", True) == []
    assert spec.check_result("sendMessage", {"message_id": 1}) != []
    assert spec.check_result("getUpdates", [{"update_id": 1, "bogus": {}}]) != []


def test_locate_spec_honours_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``DUBAN_BOTAPI_SPEC`` names the file; a missing file means no spec."""
    target = tmp_path / "api.json"
    target.write_text("{}")
    monkeypatch.setenv(SPEC_ENV_VAR, str(target))
    assert locate_spec() == target
    monkeypatch.setenv(SPEC_ENV_VAR, str(tmp_path / "absent.json"))
    assert locate_spec() is None


def test_locate_spec_defaults_to_the_bundled_description(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the variable, the description shipped inside the project is used."""
    monkeypatch.delenv(SPEC_ENV_VAR, raising=False)
    assert locate_spec() == BUNDLED_SPEC
    assert BotApiSpec.load(BUNDLED_SPEC).version == "Bot API 10.1"
    assert (BUNDLED_SPEC.parent / "LICENSE.txt").is_file()
