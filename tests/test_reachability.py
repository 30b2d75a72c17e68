"""The Bot API's reachability: one log line per change of state, however many calls fail."""

from __future__ import annotations

import logging

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.reachability import QuietNetworkErrors, Reachability, unreachable


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "duban.reachability"]


def test_one_line_when_it_goes_and_one_when_it_comes_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Never reached: the first failure is told; later, a lone failure is not (a blip), two
    in a row are, and the next success is told once."""
    caplog.set_level(logging.INFO)
    state = Reachability(threshold=2)
    for _ in range(5):
        state.failed("ConnectError")
    state.succeeded()
    state.succeeded()
    state.failed("HTTP 502")
    state.succeeded()  # a blip: nothing to tell
    for _ in range(4):
        state.failed("HTTP 502")
    state.succeeded()
    assert _lines(caplog) == [
        "Telegram Bot API unreachable (ConnectError); retrying with backoff",
        "Telegram Bot API reachable again",
        "Telegram Bot API unreachable (HTTP 502); retrying with backoff",
        "Telegram Bot API reachable again",
    ]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (NetworkError("Bad Gateway"), True),
        (TimedOut(), True),
        (BadRequest("Chat not found"), False),
        (Forbidden("blocked"), False),
        (ValueError("x"), False),
        (None, False),
    ],
)
def test_only_transport_failures_count_as_unreachable(
    error: BaseException | None, expected: bool
) -> None:
    """Network errors and timeouts mean unreachable; refusals (400, 403) are answers."""
    assert unreachable(error) is expected


def test_failed_polls_leave_no_traceback_but_other_errors_do() -> None:
    """The quiet filter drops a failed poll's record and a 502 page's JSON error, and keeps a
    refused request's."""
    quiet = QuietNetworkErrors()

    def record(message: str, error: BaseException | None) -> logging.LogRecord:
        info = (type(error), error, None) if error is not None else None
        return logging.LogRecord("telegram.ext.Updater", logging.ERROR, "", 1, message, (), info)

    assert not quiet.filter(record("Exception happened while polling", NetworkError("502")))
    assert not quiet.filter(record("Can not load invalid JSON data: <html>", ValueError("x")))
    assert quiet.filter(record("Exception happened while polling", BadRequest("bad")))
