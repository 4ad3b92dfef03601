"""The one thread server (``threaded.serve_in_thread``: the fixtures, our tests, the drift corpus in
tests/contract/test_drift.py) serves the app on loopback and stops it on the way out, also a server
that did not start in time (the drift corpus's own copy once left that one serving)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from cashfree_oneclick.fake import create_app
from cashfree_oneclick.fake.threaded import serve_in_thread


def _alive(name: str) -> bool:
    return any(thread.name == name for thread in threading.enumerate())


def test_served_on_loopback_then_stopped() -> None:
    with serve_in_thread(create_app(), name="fake-served") as served:
        assert served.base_url.startswith("http://127.0.0.1:")
        assert httpx.get(served.base_url + "/__fake__/info").json()["name"] == "cashfree-oneclick-fake"
        assert _alive("fake-served")
    assert not _alive("fake-served")


class _SlowToStart:
    """The fake behind a lifespan startup that takes a second: longer than the test lets it."""

    def __init__(self) -> None:
        self.app = create_app()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":

            async def slow_receive() -> dict[str, Any]:
                message: dict[str, Any] = await receive()
                if message["type"] == "lifespan.startup":
                    await asyncio.sleep(1.0)
                return message

            await self.app(scope, slow_receive, send)
            return
        await self.app(scope, receive, send)


def test_a_server_too_slow_to_start_is_stopped_not_left_serving() -> None:
    with (
        pytest.raises(RuntimeError, match="did not start within"),
        serve_in_thread(_SlowToStart(), startup_seconds=0.2, name="fake-too-slow"),
    ):
        pytest.fail("the block must not run when the server is not up")
    assert not _alive("fake-too-slow")
