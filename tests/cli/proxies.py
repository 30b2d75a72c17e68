"""Two tiny proxies for the tests: an HTTP forward proxy and a SOCKS5 proxy, on loopback.

Each counts the connections it carried, so a test can tell the traffic really went through.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import struct
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Proxy:
    """A running proxy: its URL and how many connections it forwarded."""

    url: str = ""
    carried: int = 0
    targets: list[str] = field(default_factory=list)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


async def _http(proxy: Proxy, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """One request per connection: ``GET http://host:port/path`` goes to host:port as
    ``GET /path`` with ``Connection: close``; the answer streams back."""
    head = await reader.readuntil(b"\r\n\r\n")
    line, *headers = head.decode("latin-1").split("\r\n")
    method, target, version = line.split(" ")
    parts = urlsplit(target)
    kept = [h for h in headers if h and not h.lower().startswith(("connection:", "proxy-"))]
    sizes = [int(h.split(":")[1]) for h in kept if h.lower().startswith("content-length:")]
    length = sizes[0] if sizes else 0
    body = await reader.readexactly(length)
    up_reader, up_writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
    proxy.carried += 1
    proxy.targets.append(f"{parts.hostname}:{parts.port}")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request = "\r\n".join([f"{method} {path} {version}", *kept, "Connection: close", "", ""])
    up_writer.write(request.encode("latin-1") + body)
    await up_writer.drain()
    await _pipe(up_reader, writer)
    up_writer.close()


async def _socks5(
    proxy: Proxy, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    """RFC 1928 without authentication: CONNECT to an IPv4, IPv6 or domain address."""
    _version, count = await reader.readexactly(2)
    await reader.readexactly(count)
    writer.write(b"\x05\x00")
    _version, command, _reserved, kind = await reader.readexactly(4)
    if kind == 1:
        host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
    elif kind == 4:
        host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
    else:
        host = (await reader.readexactly((await reader.readexactly(1))[0])).decode()
    (port,) = struct.unpack("!H", await reader.readexactly(2))
    assert command == 1, "CONNECT only"
    up_reader, up_writer = await asyncio.open_connection(host, port)
    proxy.carried += 1
    proxy.targets.append(f"{host}:{port}")
    writer.write(b"\x05\x00\x00\x01" + bytes(4) + b"\x00\x00")
    await writer.drain()
    await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))


@contextlib.asynccontextmanager
async def running_proxy(kind: str) -> AsyncIterator[Proxy]:
    """An ``http`` or ``socks5`` proxy on a free loopback port."""
    proxy = Proxy()
    serve = _http if kind == "http" else _socks5

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
            await serve(proxy, reader, writer)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    proxy.url = f"{kind}://127.0.0.1:{port}"
    async with server:
        yield proxy
