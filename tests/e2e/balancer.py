"""A round-robin load balancer for webhook calls, as a reverse proxy in front of several bot
processes would be (Caddy's ``lb_policy round_robin`` with ``lb_try_duration``).

Each request goes to the next backend in turn; a backend that refuses the connection or drops it
is skipped and the next one tried, so a killed process stops receiving updates. If none takes
the request the caller gets 502 (Telegram, or the sandbox, delivers it again later).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from types import TracebackType

import httpx

_FORWARDED = ("content-type", "x-telegram-bot-api-secret-token")


class RoundRobin:
    """``async with RoundRobin(ports) as lb``: listens on ``lb.port`` (loopback)."""

    def __init__(self, backends: list[int]) -> None:
        self.backends = backends
        self.port = 0
        self.delivered: Counter[int] = Counter()  # requests each backend answered 2xx
        self._next = 0
        self._server: asyncio.Server | None = None
        self._client = httpx.AsyncClient(timeout=10.0, trust_env=False)

    async def __aenter__(self) -> RoundRobin:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), timeout=2)
        await self._client.aclose()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while request := await _read_request(reader):
                path, headers, body = request
                status, answer = await self._forward(path, headers, body)
                head = f"HTTP/1.1 {status} X\r\nContent-Length: {len(answer)}\r\n\r\n"
                writer.write(head.encode() + answer)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    async def _forward(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        for _ in self.backends:
            port = self.backends[self._next % len(self.backends)]
            self._next += 1
            wanted = {k: v for k, v in headers.items() if k in _FORWARDED}
            try:
                response = await self._client.post(
                    f"http://127.0.0.1:{port}{path}", content=body, headers=wanted
                )
            except httpx.TransportError:
                continue  # a dead backend: the next one
            if response.is_success:
                self.delivered[port] += 1
            return response.status_code, response.content
        return 502, b""


async def _read_request(
    reader: asyncio.StreamReader,
) -> tuple[str, dict[str, str], bytes] | None:
    line = await reader.readline()
    if not line:
        return None
    path = line.decode().split()[1]
    headers: dict[str, str] = {}
    while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode().partition(":")
        headers[name.strip().lower()] = value.strip()
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return path, headers, body
