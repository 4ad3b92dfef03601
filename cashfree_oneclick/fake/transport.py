"""The one way to call the fake in-process: httpx transports into its ASGI app (no socket, no port,
the whole gate and flow), for the kit's clients, the fidelity replay and the benchmarks.

httpx ships an ASGI transport for async clients only; ``SyncASGITransport`` gives a sync client the
same by running each exchange to its end with ``run`` (by default ``run_sync``: an event loop of its
own, in a helper thread when the calling thread already runs one, as in an async test; a benchmark
passes one reused loop's ``run_until_complete``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
CLIENT_ADDRESS = ("127.0.0.1", 50000)  # what the fake sees as the caller (its IP allowlist checks it)
Runner = Callable[[Coroutine[Any, Any, Any]], Any]


def async_transport(app: Any) -> httpx.AsyncBaseTransport:
    return httpx.ASGITransport(app=app, client=CLIENT_ADDRESS)


class SyncASGITransport(httpx.BaseTransport):
    def __init__(self, app: Any, run: Runner | None = None) -> None:
        self._transport = async_transport(app)
        self._run: Runner = run or run_sync

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        inner = httpx.Request(request.method, request.url, headers=request.headers, content=body)

        async def exchange() -> tuple[int, httpx.Headers, bytes]:
            response = await self._transport.handle_async_request(inner)
            content = await response.aread()
            return response.status_code, response.headers, content

        status, headers, content = self._run(exchange())
        return httpx.Response(status, headers=headers, content=content, request=request)


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to its end from synchronous code, inside an async test or not."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
