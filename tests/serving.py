"""The fake served by uvicorn (httptools) on 127.0.0.1, a free port, in a background thread.

The one way the tests serve the fake over real HTTP (fake, client and contract-suite tests alike).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn

from contract_tests.fake import FakeCashfree, FakeConfig, create_app


@dataclass(frozen=True)
class Serving:
    base_url: str  # http://127.0.0.1:<port>/verification
    app: FakeCashfree


@contextmanager
def serve(
    config: FakeConfig | None = None, wrap: Callable[[FakeCashfree], Any] | None = None
) -> Iterator[Serving]:
    """Serve the fake (``wrap``: an ASGI app around it is served instead, e.g. a vendor stand-in)."""
    app = create_app(config or FakeConfig())
    server = uvicorn.Server(
        uvicorn.Config(
            wrap(app) if wrap else app,
            host="127.0.0.1",
            port=0,
            loop="asyncio",
            http="httptools",
            log_config=None,
            access_log=False,
        )
    )
    thread = threading.Thread(target=server.run, name="fake-cashfree", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        assert time.monotonic() < deadline, "uvicorn did not start within 10s"
        time.sleep(0.005)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Serving(f"http://127.0.0.1:{port}/verification", app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        assert not thread.is_alive(), "uvicorn did not shut down"
