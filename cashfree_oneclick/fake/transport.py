"""httpx transports that call the fake in-process: no socket, no port, the whole gate and flow.

httpx ships an ASGI transport for async clients only; ``SyncASGITransport`` gives a sync client the
same by running each exchange on an event loop of its own (in a helper thread when the calling
thread already runs one, as in an async test).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
CLIENT_ADDRESS = ("127.0.0.1", 50000)  # what the fake sees as the caller (its IP allowlist checks it)


def async_transport(app: Any) -> httpx.AsyncBaseTransport:
    return httpx.ASGITransport(app=app, client=CLIENT_ADDRESS)


class SyncASGITransport(httpx.BaseTransport):
    def __init__(self, app: Any) -> None:
        self._transport = httpx.ASGITransport(app=app, client=CLIENT_ADDRESS)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        inner = httpx.Request(request.method, request.url, headers=request.headers, content=body)

        async def exchange() -> tuple[int, httpx.Headers, bytes]:
            response = await self._transport.handle_async_request(inner)
            content = await response.aread()
            return response.status_code, response.headers, content

        status, headers, content = run_sync(exchange())
        return httpx.Response(status, headers=headers, content=content, request=request)


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end from synchronous code, inside an async test or not."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
