"""Fixtures of the contract-suite tests: the fake served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from contract_tests.fake import FakeConfig, create_app


@contextmanager
def served(config: FakeConfig) -> Iterator[str]:
    """The fake with ``config`` on a free loopback port; yields its base URL (…/verification)."""
    server = uvicorn.Server(
        uvicorn.Config(create_app(config), host="127.0.0.1", port=0, log_config=None, lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not (server.started and server.servers):
        if time.monotonic() > deadline:
            raise RuntimeError("the fake did not start")
        time.sleep(0.02)
    sock: socket.socket = server.servers[0].sockets[0]
    port = sock.getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/verification"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
