"""Misbehaving HTTP servers written on raw asyncio sockets, so every byte and every pause is ours.

``Hostile`` serves one :class:`Behaviour` on 127.0.0.1 (port 0) in a thread of its own; ``Witness`` on
127.0.0.2 plays the remote host a redirect points to and records anything that reaches it. The table
:data:`BEHAVIOURS` is data: how each server answers every request it is sent.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

Respond = Callable[[dict[str, str], asyncio.StreamWriter, "Context"], Awaitable[None]]
SECRET = "sk-planted-Qz81LmR0hostile"  # noqa: S105 - the planted secret every case must keep hidden
CLIENT_ID = "hostile-client-id-Tq4"
HUGE_BYTES = 256 * 1024 * 1024  # what the huge body would be, streamed lazily (never held by the server)
BOMB_BYTES = 64 * 1024 * 1024  # a gzip bomb's decompressed size (about 64 KiB on the wire)
DEPTH = 100_000


@dataclass
class Context:
    witness_url: str = ""  # where a redirect points (the Witness on 127.0.0.2)


@dataclass(frozen=True)
class Behaviour:
    name: str
    respond: Respond | None  # None: nothing listens (connection refused)


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


async def _send(writer: asyncio.StreamWriter, status: str, body: bytes, **headers: str) -> None:
    base = {"content-type": "application/json", "content-length": str(len(body)), "connection": "close"}
    writer.write(_head(status, {**base, **headers}) + body)
    await writer.drain()


async def slow_drip(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    writer.write(_head("200 OK", {"content-type": "application/json", "content-length": "1000000"}))
    writer.write(b'{"verification_id": "')
    while True:  # one byte every 0.1 s until the peer gives up
        writer.write(b"x")
        await writer.drain()
        await asyncio.sleep(0.1)


async def header_drip(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    head = _head("200 OK", {"content-type": "application/json", "x-padding": "y" * 1000})
    # The head one byte every 0.1 s: no read ever waits long. After 8 s the server hangs up with the
    # head unfinished, so that a client that does not keep its deadline fails the test, not hangs it.
    for byte in head[:80]:
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(0.1)


async def drip_then_stall(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    writer.write(_head("200 OK", {"content-type": "application/json", "content-length": "1000"}))
    for byte in b'{"verifica':  # 1 s of dripping, then silence until the peer gives up
        writer.write(bytes([byte]))
        await writer.drain()
        await asyncio.sleep(0.1)
    await asyncio.sleep(8)  # then the server hangs up (a client past its deadline fails, never hangs)


async def huge_body(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    writer.write(_head("200 OK", {"content-type": "application/json", "content-length": str(HUGE_BYTES)}))
    chunk = b" " * 65536
    for _ in range(HUGE_BYTES // len(chunk)):
        writer.write(chunk)
        await writer.drain()


@cache
def _bomb() -> bytes:
    return gzip.compress(b"[" + b" " * BOMB_BYTES + b"]", compresslevel=9)


async def gzip_bomb(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "200 OK", _bomb(), **{"content-encoding": "gzip"})


async def deep_json(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "200 OK", b"[" * DEPTH + b"]" * DEPTH)


async def redirect(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "307 Temporary Redirect", b"", location=context.witness_url + request["path"])


async def echo_secret(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    echoed = request.get("x-client-secret", "") + request.get("authorization", "")
    body = {"type": "authentication_error", "code": "authentication_failed", "message": f"bad pair {echoed}"}
    await _send(writer, "401 Unauthorized", json.dumps(body).encode(), **{"x-request-id": f"req-{echoed}"})


async def malformed(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "200 OK", b'{"verification_id": "v1", "reference_id": 1,')


async def nan(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "200 OK", b'{"verification_id": "v1", "reference_id": NaN, "available_scopes": []}')


BEHAVIOURS = (
    Behaviour("slow_drip", slow_drip),
    Behaviour("header_drip", header_drip),
    Behaviour("drip_then_stall", drip_then_stall),
    Behaviour("huge_body", huge_body),
    Behaviour("gzip_bomb", gzip_bomb),
    Behaviour("deep_json", deep_json),
    Behaviour("redirect", redirect),
    Behaviour("echo_secret", echo_secret),
    Behaviour("refused", None),
    Behaviour("malformed", malformed),
    Behaviour("nan", nan),
)


async def _read_request(reader: asyncio.StreamReader) -> dict[str, str] | None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        return None
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = [*lines[0].split(" "), "", ""][:3]
    headers = {"method": method, "path": path}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name:
            headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length") or 0)
    if length:
        await reader.readexactly(length)
    return headers


@dataclass
class _Served:
    host: str
    port: int = 0
    seen: list[dict[str, str]] = field(default_factory=list)


@contextmanager
def _serve(host: str, respond: Respond, context: Context) -> Iterator[_Served]:
    served = _Served(host)
    ready = threading.Event()
    running: dict[str, Any] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while (request := await _read_request(reader)) is not None:
                served.seen.append(request)
                await respond(request, writer, context)
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        stopped = asyncio.Event()
        running["loop"], running["stop"] = asyncio.get_running_loop(), stopped.set
        server = await asyncio.start_server(handle, host, 0)
        served.port = server.sockets[0].getsockname()[1]
        ready.set()
        async with server:
            await stopped.wait()
            server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

    thread = threading.Thread(target=asyncio.run, args=(main(),), daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError(f"the hostile server on {host} did not start")
    try:
        yield served
    finally:
        running["loop"].call_soon_threadsafe(running["stop"])
        thread.join(10)


async def _record_only(request: dict[str, str], writer: asyncio.StreamWriter, context: Context) -> None:
    await _send(writer, "200 OK", b"{}")


@dataclass
class Running:
    base_url: str  # http://127.0.0.1:<port>/verification
    witness: _Served  # the 127.0.0.2 server a redirect points to


def _refused_port() -> int:
    with socket.socket() as sock:  # bound, then closed: nothing listens there any more
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def hostile(behaviour: Behaviour) -> Iterator[Running]:
    _bomb()  # compressed once, before any timing starts
    context = Context()
    with _serve("127.0.0.2", _record_only, context) as witness:
        context.witness_url = f"http://127.0.0.2:{witness.port}"
        if behaviour.respond is None:
            yield Running(f"http://127.0.0.1:{_refused_port()}/verification", witness)
            return
        with _serve("127.0.0.1", behaviour.respond, context) as served:
            yield Running(f"http://127.0.0.1:{served.port}/verification", witness)
