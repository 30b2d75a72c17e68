"""HTTP control endpoints (``/_sandbox/...``): the driver for scripts in other processes.

Every endpoint takes and returns JSON: ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": "..."}`` (400 for bad input, 408 for a wait that timed out).
The routes are listed in ``sandbox/README.md``.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import tornado.web

from sandbox.conversation import UserChat
from sandbox.driver import SandboxTimeout
from sandbox.faults import FaultConfig
from sandbox.ratelimit import RateLimits

if TYPE_CHECKING:
    from sandbox.sandbox import Sandbox

Body = dict[str, Any]
Operation = Callable[["Sandbox", Body, list[str]], Awaitable[Any]]
_ROUTES: list[tuple[str, re.Pattern[str], Operation]] = []


def route(verb: str, pattern: str) -> Callable[[Operation], Operation]:
    """Register an operation for ``verb /_sandbox<pattern>``."""

    def register(operation: Operation) -> Operation:
        _ROUTES.append((verb, re.compile(pattern + "/?"), operation))
        return operation

    return register


def _chat(sb: Sandbox, chat_id: str, body: Body) -> UserChat:
    chat = sb.world.chats.get(int(chat_id))
    if chat is None:
        raise LookupError(f"no chat {chat_id}")
    user_id = int(body.get("user_id") or chat.id)
    user = sb.world.users.get(user_id)
    if user is None or user.is_bot:
        raise LookupError(f"no user {user_id}")
    return sb.driver.chat_for(chat, user)


@route("GET", "")
async def _info(sb: Sandbox, body: Body, args: list[str]) -> Any:
    return {
        "token": sb.token,
        "base_url": sb.base_url,
        "base_file_url": sb.base_file_url,
        "bot": sb.world.bot.as_user(),
        "spec_version": sb.spec.version if sb.spec else None,
    }


@route("POST", "/users")
async def _create_user(sb: Sandbox, body: Body, args: list[str]) -> Any:
    allowed = {"last_name", "username", "language_code"}
    details = {key: value for key, value in body.items() if key in allowed}
    user = sb.create_user(body.get("first_name", "Alice"), user_id=body.get("id"), **details)
    return user.record.as_user()


@route("POST", r"/users/(\d+)/start")
async def _start(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = await sb.driver.user(int(args[0])).start(body.get("payload"))
    return chat.transcript()[-1].as_dict()


@route("POST", r"/users/(\d+)/(block|unblock)")
async def _block(sb: Sandbox, body: Body, args: list[str]) -> Any:
    user = sb.driver.user(int(args[0]))
    await (user.block() if args[1] == "block" else user.unblock())
    return True


@route("GET", r"/users/(\d+)/commands")
async def _commands(sb: Sandbox, body: Body, args: list[str]) -> Any:
    user = sb.driver.user(int(args[0]))
    return [list(item) for item in user.visible_commands()]


@route("POST", "/groups")
async def _create_group(sb: Sandbox, body: Body, args: list[str]) -> Any:
    members = [sb.driver.user(int(uid)) for uid in body.get("member_ids", [])]
    admins = [sb.driver.user(int(uid)) for uid in body.get("admin_ids", [])]
    group = sb.driver.create_group(
        body.get("title", "Team"),
        members=members,
        admins=admins,
        supergroup=bool(body.get("supergroup")),
        bot_is_admin=bool(body.get("bot_is_admin")),
    )
    return sb.world.chat_json(group.record)


@route("POST", r"/chats/(-?\d+)/send")
async def _send(sb: Sandbox, body: Body, args: list[str]) -> Any:
    view = await _chat(sb, args[0], body).send(body["text"], reply_to=body.get("reply_to"))
    return view.as_dict()


@route("POST", r"/chats/(-?\d+)/command")
async def _command(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, args[0], body)
    return (await chat.send_command(body["command"], body.get("args", ""))).as_dict()


@route("POST", r"/chats/(-?\d+)/document")
async def _document(sb: Sandbox, body: Body, args: list[str]) -> Any:
    view = await _chat(sb, args[0], body).send_document(
        base64.b64decode(body["data_base64"]),
        body["filename"],
        mime_type=body.get("mime_type"),
        caption=body.get("caption"),
    )
    return view.as_dict()


@route("POST", r"/chats/(-?\d+)/photo")
async def _photo(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, args[0], body)
    data = base64.b64decode(body["data_base64"])
    return (await chat.send_photo(data, caption=body.get("caption"))).as_dict()


@route("POST", r"/chats/(-?\d+)/edit")
async def _edit(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, args[0], body)
    return (await chat.edit(int(body["message_id"]), body["text"])).as_dict()


@route("POST", "/press")
async def _press(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, str(body["chat_id"]), body)
    message = body.get("message_id")
    if body.get("wait", True) is False:
        return {"callback_query_id": await chat.press_nowait(body["button"], message=message)}
    answer = await chat.press(body["button"], message=message, timeout=body.get("timeout", 5.0))
    return vars(answer)


@route("GET", r"/chats/(-?\d+)/transcript")
async def _transcript(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, args[0], body)
    return {"messages": [view.as_dict() for view in chat.transcript()], "text": chat.render()}


@route("POST", r"/chats/(-?\d+)/wait")
async def _wait(sb: Sandbox, body: Body, args: list[str]) -> Any:
    chat = _chat(sb, args[0], body)
    pattern = body.get("match")
    match = re.compile(pattern) if pattern and body.get("regex") else pattern
    return (await chat.wait_for_message(match, timeout=body.get("timeout", 5.0))).as_dict()


@route("POST", "/updates")
async def _inject(sb: Sandbox, body: Body, args: list[str]) -> Any:
    check = body.pop("check", True) is not False
    return await sb.inject_update(body, check=check)


@route("POST", "/wait-idle")
async def _wait_idle(sb: Sandbox, body: Body, args: list[str]) -> Any:
    await sb.wait_idle(timeout=body.get("timeout", 5.0), quiet=body.get("quiet", 0.05))
    return True


@route("GET", "/counters")
async def _counters(sb: Sandbox, body: Body, args: list[str]) -> Any:
    return sb.counters.snapshot()


@route("GET", "/violations")
async def _violations(sb: Sandbox, body: Body, args: list[str]) -> Any:
    return [{"method": v.method, "problems": list(v.problems)} for v in sb.violations]


@route("POST", "/faults")
async def _faults(sb: Sandbox, body: Body, args: list[str]) -> Any:
    if "methods" in body:
        body["methods"] = frozenset(body["methods"])
    if "delay_seconds" in body:
        body["delay_seconds"] = tuple(body["delay_seconds"])
    sb.set_faults(FaultConfig(**body) if body else None)
    return True


@route("POST", "/rate-limits")
async def _rate_limits(sb: Sandbox, body: Body, args: list[str]) -> Any:
    sb.set_rate_limits(RateLimits() if body.get("enabled", True) else RateLimits.off())
    return True


class ControlHandler(tornado.web.RequestHandler):
    """Routes ``/_sandbox/...`` to the operations above."""

    def initialize(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    async def get(self, path: str) -> None:
        await self._run("GET", path)

    async def post(self, path: str) -> None:
        await self._run("POST", path)

    async def _run(self, verb: str, path: str) -> None:
        for route_verb, pattern, operation in _ROUTES:
            found = pattern.fullmatch(path)
            if found and route_verb == verb:
                await self._call(operation, list(found.groups()))
                return
        self._reply(404, {"ok": False, "error": f"no control endpoint {verb} /_sandbox{path}"})

    async def _call(self, operation: Operation, args: list[str]) -> None:
        try:
            body = json.loads(self.request.body or b"{}") if self.request.body else {}
            body.update({k: v[-1].decode() for k, v in self.request.query_arguments.items()})
            result = await operation(self.sandbox, body, args)
        except SandboxTimeout as error:
            self._reply(408, {"ok": False, "error": str(error)})
        except (ValueError, LookupError, RuntimeError, TypeError) as error:
            self._reply(400, {"ok": False, "error": f"{type(error).__name__}: {error}"})
        else:
            self._reply(200, {"ok": True, "result": result})

    def _reply(self, status: int, body: Body) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False, default=str))


def control_routes(sandbox: Sandbox) -> list[Any]:
    """The tornado routes of the control endpoints."""
    return [(r"/_sandbox(/?.*)", ControlHandler, {"sandbox": sandbox})]
