"""The engine's requests get the head of their answer within the request time-out, whole.

schemathesis sends through ``requests`` and urllib3, whose read time-out is per socket read: a server
that sends the status line and headers a byte at a time never lets one read wait long, and holds one
request (and with it the engine) until the runner abandons the engine at its hard bound. A session
the engine makes gets :class:`HeadBoundedAdapter` (``EngineGuard`` mounts it): its connections shut
their socket when the head has not arrived within the time-out of the request being sent, and the
request fails as a broken connection, which the engine records as that call's failure. The body is
:class:`~contract_tests.engine_guard.CappedBody`'s to bound (its own deadline, checked per piece).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    # Already closed is fine: the head came, or the connection broke by itself. The plain socket's
    # shutdown, also for a TLS socket: it wakes the read blocked in the engine's thread (which then
    # sees the connection end) without touching the TLS state.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _HeadWithin:
    """Mixed into urllib3's connections: ``getresponse`` (reading the head) is bounded in total."""

    head_seconds: float
    sock: socket.socket | None

    def getresponse(self) -> Any:
        watchdog = threading.Timer(self.head_seconds, _shut, (self.sock,))
        watchdog.daemon = True
        watchdog.start()
        try:
            return super().getresponse()  # type: ignore[misc]
        finally:
            watchdog.cancel()


def _pool_classes(seconds: float) -> dict[str, type[HTTPConnectionPool]]:
    connection = type("HeadBoundedConnection", (_HeadWithin, HTTPConnection), {"head_seconds": seconds})
    secure = type("HeadBoundedHTTPSConnection", (_HeadWithin, HTTPSConnection), {"head_seconds": seconds})
    return {
        "http": type("HeadBoundedPool", (HTTPConnectionPool,), {"ConnectionCls": connection}),
        "https": type("HeadBoundedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": secure}),
    }


class HeadBoundedAdapter(HTTPAdapter):
    """requests' adapter whose connections (direct or through an HTTP proxy) bound the head."""

    def __init__(self, seconds: float, **options: Any) -> None:
        self._pool_classes = _pool_classes(seconds)  # before super(): it builds the pool manager
        super().__init__(**options)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = self._pool_classes
        return manager


def bound_heads(session: Any, seconds: float) -> None:
    """Mount :class:`HeadBoundedAdapter` on ``session`` for both schemes."""
    adapter = HeadBoundedAdapter(seconds)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
