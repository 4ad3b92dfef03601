"""The call's total deadline, down to every socket operation of the sync client.

:data:`DEADLINE` holds the end of the current call (``time.monotonic()``), set by the client for all
its attempts and waits.

httpcore reads a request's time-outs once and gives every socket read of the answer the same read
time-out. Cutting that time-out to what remained when the request started is not enough for a sync
call: a server that sends the head a byte at a time never lets one read wait long, and one that
drips a while and then stalls gets a whole fresh time-out for the stalled read. :class:`DeadlineBackend`
wraps httpcore's network backend instead, so that every connect, TLS handshake, read and write waits
at most what is left of the deadline, and one past it raises the time-out httpx maps to its own. (The
async client needs none of this: its whole call runs under ``asyncio.timeout``.)
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("cashfree_deadline", default=None)


class DeadlinePassedError(Exception):
    """The call's total deadline passed while a request was under way."""


def remaining() -> float | None:
    """Seconds left of the current call's deadline (None: no deadline set)."""
    end = DEADLINE.get()
    return None if end is None else end - time.monotonic()


def _cut(timeout: float | None, passed: type[httpcore.TimeoutException]) -> float | None:
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise passed("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _cut(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _cut(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> DeadlineStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> DeadlineStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.connect_tcp(host, port, cut, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> DeadlineStream:
        cut = _cut(timeout, httpcore.ConnectTimeout)
        return DeadlineStream(self._inner.connect_unix_socket(path, cut, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def bound_to_deadline(client: httpx.Client) -> None:
    """Put :class:`DeadlineBackend` under every httpx transport of ``client`` (its own and the proxies'
    mounted from the environment). A custom transport (a mock, a user's own) is left as it is: it has
    no sockets of httpcore's to bound."""
    # httpx keeps no public list of its transports, and httpcore's network backend is its one seam
    # for I/O, set only at construction: both are reached by their (pinned) private names.
    for transport in [client._transport, *client._mounts.values()]:
        if not isinstance(transport, httpx.HTTPTransport):
            continue
        pool = transport._pool
        backend = getattr(pool, "_network_backend", None)
        if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, DeadlineBackend):
            pool._network_backend = DeadlineBackend(backend)
