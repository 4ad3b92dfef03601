"""The fake served by uvicorn on 127.0.0.1, a free port, in a background thread of this process.

The one way to serve an app object over real HTTP while keeping it at hand: the pytest plugin's
``oneclick_fake_server``, our tests (``tests/serving.py``) and the drift corpus (``contract_tests.drift.run``,
in each worker process); ``process.py`` is the way to run the fake as a separate process.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import uvicorn

from cashfree_oneclick.fake.controls_http import HttpControls
from cashfree_oneclick.fake.info import BASE_PATH

if TYPE_CHECKING:
    from cashfree_oneclick.fake.app import FakeCashfree
    from cashfree_oneclick.fake.config import FakeConfig

T = TypeVar("T")


@dataclass(frozen=True)
class Served:
    base_url: str  # http://127.0.0.1:<port>/verification
    loop: asyncio.AbstractEventLoop  # the server's event loop, in its thread

    def call(self, coroutine: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        """Run ``coroutine`` on the server's loop (where its state store's connections live); its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)


@contextmanager
def serve_in_thread(
    app: Any, startup_seconds: float = 10.0, *, log_level: str | None = None, name: str = "fake-cashfree"
) -> Iterator[Served]:
    """Serve ``app`` (the fake, or an ASGI app around it) until the block ends; ``log_level`` of
    uvicorn's own logger (None: as configured), ``name`` of the server's thread."""
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        loop="asyncio",
        log_config=None,
        log_level=log_level,
        access_log=False,
        date_header=False,  # the fake sends its own Date: its clock, time travel included
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    try:  # a server slow to start is stopped too, not left serving in its thread
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("uvicorn stopped before it started")
            if time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start within {startup_seconds} s")
            time.sleep(0.005)
        listening = server.servers[0]
        port = listening.sockets[0].getsockname()[1]
        yield Served(f"http://127.0.0.1:{port}{BASE_PATH}", listening.get_loop())
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        if thread.is_alive():
            raise RuntimeError("uvicorn did not shut down")


class ServedControls(HttpControls):
    """The controls of a fake this process serves in a thread: over its admin API like any served fake,
    and the two controls the admin API has no route for (a new configuration, quirks mode) run on the
    server's own loop, so ``oneclick_fake_server`` keeps every control ``oneclick_fake`` has."""

    def __init__(self, served: Served, app: FakeCashfree) -> None:
        super().__init__(served.base_url)
        self._served, self._app = served, app

    async def reset(self, config: FakeConfig | None = None) -> None:
        if config is None:
            await super().reset()
        else:
            self._served.call(self._app.controls.reset(config))

    async def quirks(self, enabled: bool = True) -> None:
        self._served.call(self._app.controls.quirks(enabled))
