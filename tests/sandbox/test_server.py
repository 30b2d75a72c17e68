"""Tests for the HTTP side: routes, request shapes and Telegram-shaped answers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from sandbox import Sandbox


@pytest.fixture
async def http(sandbox: Sandbox) -> AsyncIterator[httpx.AsyncClient]:
    """A raw HTTP client for the sandbox."""
    async with httpx.AsyncClient(base_url=sandbox.url, trust_env=False) as client:
        yield client


async def test_unknown_token_is_unauthorized(http: httpx.AsyncClient) -> None:
    """A wrong token answers 401 like Telegram."""
    response = await http.post("/bot123:nope/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_method_names_are_case_insensitive(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    """``GETME`` works and is counted under its official name."""
    response = await http.get(f"/bot{sandbox.token}/GETME")
    assert response.json()["result"]["username"] == "duban_test_bot"
    assert sandbox.counters.calls["getMe"] == 1


async def test_unknown_methods_answer_404_and_are_recorded(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    """A real but unimplemented method is 404 and counted; a made-up one is also a violation."""
    sticker = {"chat_id": "1", "sticker": "CAACAgIAAxkBAAE"}
    response = await http.post(f"/bot{sandbox.token}/sendSticker", data=sticker)
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert sandbox.counters.unknown_methods["sendSticker"] == 1
    await http.post(f"/bot{sandbox.token}/teleport")
    assert [v.method for v in sandbox.take_violations()] == ["teleport"]


@pytest.mark.parametrize("shape", ["form", "json", "query", "multipart"])
async def test_every_request_shape_is_accepted(
    sandbox: Sandbox, http: httpx.AsyncClient, shape: str
) -> None:
    """Form, JSON, query string and multipart bodies all carry parameters."""
    user = sandbox.create_user("Ann")
    await user.start()
    fields = {"chat_id": str(user.id), "text": f"via {shape}"}
    url = f"/bot{sandbox.token}/sendMessage"
    if shape == "form":
        response = await http.post(url, data=fields)
    elif shape == "json":
        response = await http.post(url, json={**fields, "chat_id": user.id})
    elif shape == "query":
        response = await http.get(url, params=fields)
    else:
        response = await http.post(url, data=fields, files={"x": ("a.txt", b"unused")})
        sandbox.take_violations()  # the stray part "x" is an unknown parameter
    if shape != "multipart":
        assert response.json()["result"]["text"] == f"via {shape}"


async def test_malformed_json_body_is_a_bad_request(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    """A broken JSON body answers 400."""
    response = await http.post(
        f"/bot{sandbox.token}/getMe", content=b"{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400


async def test_files_are_served_by_path(sandbox: Sandbox, http: httpx.AsyncClient) -> None:
    """``/file/bot<token>/<path>`` serves the bytes; wrong token 401, unknown path 404."""
    stored = sandbox.world.files.add(b"hello", folder="documents", file_name="a.txt")
    ok = await http.get(f"/file/bot{sandbox.token}/{stored.file_path}")
    assert ok.content == b"hello"
    assert (await http.get(f"/file/botX/{stored.file_path}")).status_code == 401
    assert (await http.get(f"/file/bot{sandbox.token}/documents/none")).status_code == 404


async def test_other_paths_answer_404(http: httpx.AsyncClient) -> None:
    """Paths outside the Bot API answer Telegram's 404 body."""
    response = await http.get("/favicon.ico")
    assert response.status_code == 404
    assert json.loads(response.content)["description"] == "Not Found"


async def test_successful_answers_are_shaped_like_telegram(
    sandbox: Sandbox, http: httpx.AsyncClient
) -> None:
    """A success is ``{"ok": true, "result": ...}`` with a JSON content type."""
    response = await http.post(f"/bot{sandbox.token}/getMe")
    assert response.headers["content-type"] == "application/json"
    assert set(response.json()) == {"ok", "result"}
