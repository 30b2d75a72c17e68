"""The HTTP side: a tornado server on loopback serving the Bot API, files and control routes."""

from __future__ import annotations

import json
import socket
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web

from sandbox.dispatch import Dispatcher, Outcome
from sandbox.errors import ApiError, bad_request, not_found, unauthorized
from sandbox.params import Params, Upload
from sandbox.state import World


def request_params(request: tornado.httputil.HTTPServerRequest) -> Params:
    """Parameters from the query string, a form, a multipart body or a JSON body."""
    values: dict[str, Any] = {}
    for source in (request.query_arguments, request.body_arguments):
        for name, items in source.items():
            values[name] = items[-1].decode("utf-8", errors="replace")
    content_type = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type == "application/json" and request.body:
        try:
            decoded = json.loads(request.body)
        except ValueError:
            raise bad_request("can't parse JSON request body") from None
        if not isinstance(decoded, dict):
            raise bad_request("JSON request body must be an object")
        values.update(decoded)
    uploads = {
        name: Upload(item.filename, item.content_type, item.body)
        for name, items in request.files.items()
        for item in items[-1:]
    }
    return Params(values, uploads)


class _JsonHandler(tornado.web.RequestHandler):
    """Shared helpers: JSON answers, no tornado error pages."""

    def send_json(self, status: int, body: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.send_json(
            status_code, {"ok": False, "error_code": status_code, "description": self._reason}
        )


class BotApiHandler(_JsonHandler):
    """``/bot<token>/<method>``: every Bot API call."""

    def initialize(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self.gone = False

    async def get(self, token: str, method: str) -> None:
        try:
            params = request_params(self.request)
        except ApiError as error:
            self.send_json(error.code, error.body())
            return
        outcome = await self.dispatcher.handle(token, method, params, lambda: self.gone)
        self._answer(outcome)

    post = get

    def on_connection_close(self) -> None:
        self.gone = True
        self.dispatcher.world.notifier.notify()

    def _answer(self, outcome: Outcome) -> None:
        if outcome.drop:
            self.detach().close()
        elif outcome.text is not None:
            self.set_status(outcome.status)
            self.set_header("Content-Type", "text/html")
            self.finish(outcome.text)
        else:
            self.send_json(outcome.status, outcome.body)


class FileHandler(_JsonHandler):
    """``/file/bot<token>/<file_path>``: downloads of stored files."""

    def initialize(self, world: World) -> None:
        self.world = world

    def get(self, token: str, path: str) -> None:
        if token != self.world.config.bot_token:
            error = unauthorized()
            self.send_json(error.code, error.body())
            return
        stored = self.world.files.by_path(path)
        if stored is None:
            error = not_found()
            self.send_json(error.code, error.body())
            return
        self.set_header("Content-Type", stored.mime_type or "application/octet-stream")
        self.finish(stored.data)


class NotFoundHandler(_JsonHandler):
    """Anything else: Telegram's 404."""

    def prepare(self) -> None:
        error = not_found()
        self.send_json(error.code, error.body())


def make_application(
    dispatcher: Dispatcher, extra_routes: list[Any] | None = None
) -> tornado.web.Application:
    """The tornado application with the Bot API, file and (optional) control routes."""
    routes: list[Any] = [
        (r"/bot([^/]+)/([A-Za-z0-9_]+)/?", BotApiHandler, {"dispatcher": dispatcher}),
        (r"/file/bot([^/]+)/(.+)", FileHandler, {"world": dispatcher.world}),
        *(extra_routes or []),
    ]
    return tornado.web.Application(
        routes, default_handler_class=NotFoundHandler, log_function=lambda handler: None
    )


class HttpServer:
    """A tornado HTTP server bound to a loopback address (port 0 → an ephemeral port)."""

    def __init__(self, app: tornado.web.Application) -> None:
        self._server = tornado.httpserver.HTTPServer(app)
        self.port = 0

    def listen(self, host: str, port: int) -> int:
        """Bind and start serving; returns the port actually bound."""
        sockets = tornado.netutil.bind_sockets(port, address=host, family=socket.AF_UNSPEC)
        self._server.add_sockets(sockets)
        self.port = int(sockets[0].getsockname()[1])
        return self.port

    async def close(self) -> None:
        """Stop listening and close every open connection."""
        self._server.stop()
        await self._server.close_all_connections()
