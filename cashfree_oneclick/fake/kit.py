"""What the pytest fixtures hand a test: the fake, a client wired to it, and its controls.

    def test_signup(oneclick_fake):
        with oneclick_fake.client() as cf:
            session = cf.initiate_session("vid-1", "9999900000")
            code = oneclick_fake.approve(session.session_id, scopes=["PAN", "NAME"])
            token = cf.generate_token(code)
            oneclick_fake.advance(3601)             # the token has expired, no sleep
            assert [r.status for r in oneclick_fake.journal][-1] == 200

``OneClickFake`` calls the app in-process (httpx transports, no socket); the server variant has the
same methods with clients over real HTTP. The clients it makes retry as usual, but their waits move
the fake's clock instead of sleeping (a 429 with Retry-After costs no test time).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

import httpx

from cashfree_oneclick import AsyncOneClickClient, OneClickClient, resolve
from cashfree_oneclick.fake.app import BASE_PATH, FakeCashfree
from cashfree_oneclick.fake.config import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
)
from cashfree_oneclick.fake.controls import Controls
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.fake.transport import SyncASGITransport, async_transport, run_sync

IN_PROCESS_URL = "http://oneclick-fake.test" + BASE_PATH
T = TypeVar("T")
Runner = Callable[[Coroutine[Any, Any, Any]], Any]


class OneClickFake:
    def __init__(self, app: FakeCashfree, base_url: str = IN_PROCESS_URL, run: Runner | None = None) -> None:
        """In-process when ``run`` is None; else served at ``base_url``, and ``run`` runs a control on
        the server's own event loop (so its state store is only ever used from there)."""
        self.app = app
        self.base_url = base_url
        self.controls = Controls(app)
        self._in_process = run is None
        self._run: Runner = run_sync if run is None else run
        self._closers: list[Callable[[], Any]] = []

    def _do(self, coroutine: Coroutine[Any, Any, T]) -> T:
        result: T = self._run(coroutine)
        return result

    def _now(self, call: Callable[[], T]) -> T:
        """A synchronous control, run where the fake runs (the server's loop, when served)."""

        async def inline() -> T:
            return call()

        return self._do(inline())

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"

    # clients -------------------------------------------------------------------------------------
    def _settings(self, options: dict[str, Any]) -> Any:
        credentials = {
            "app_client_id": TEST_APP_CLIENT_ID,
            "app_client_secret": TEST_APP_CLIENT_SECRET,
            "general_client_id": TEST_GENERAL_CLIENT_ID,
            "general_client_secret": TEST_GENERAL_CLIENT_SECRET,
        }
        # environ={}: a CASHFREE_* variable of the developer's shell must not point the test elsewhere.
        return resolve(base_url=self.base_url, environ={}, **{**credentials, **options})

    def client(self, **options: Any) -> OneClickClient:
        """A OneClickClient on this fake with its test credentials (``options`` as for ``resolve``)."""
        transport = SyncASGITransport(self.app) if self._in_process else None

        def sleep(seconds: float) -> None:
            self.advance(seconds)

        client = OneClickClient(self._settings(options), httpx_transport=transport, sleep=sleep)
        self._closers.append(client.close)
        return client

    def async_client(self, **options: Any) -> AsyncOneClickClient:
        transport = async_transport(self.app) if self._in_process else None

        async def sleep(seconds: float) -> None:
            self.advance(seconds)

        return AsyncOneClickClient(self._settings(options), httpx_transport=transport, sleep=sleep)

    def http(self) -> httpx.Client:
        """A bare httpx client on the base URL (no credentials), for requests the client would refuse."""
        transport = SyncASGITransport(self.app) if self._in_process else None
        client = httpx.Client(base_url=self.base_url, transport=transport)
        self._closers.append(client.close)
        return client

    def close(self) -> None:
        for close in self._closers:
            close()
        self._closers.clear()

    # controls (the same as the admin API under /__fake__/) ----------------------------------------
    def reset(self, config: FakeConfig | None = None) -> None:
        """Start afresh (the fixtures do it before every test), with ``config`` from now on if given."""
        self._do(self.app.reset(config))

    def approve(self, session_id: str, scopes: Sequence[str] | None = None) -> str:
        return self._do(self.controls.approve(session_id, scopes))

    def deny(self, session_id: str) -> dict[str, str]:
        return self._do(self.controls.deny(session_id))

    def drop(self, session_id: str) -> dict[str, str]:
        return self._do(self.controls.drop(session_id))

    def advance(self, seconds: float) -> float:
        return self._do(self.controls.advance(seconds))

    def now(self) -> float:
        return self._do(self.controls.now())

    def fail(self, operation: str, status: int, times: int = 1, retry_after: int | None = None) -> None:
        self._now(lambda: self.controls.fail(operation, status, times, retry_after))

    def person(self, persona: str, mobile: str | None = None) -> None:
        self._now(lambda: self.controls.person(persona, mobile))

    def quirks(self, enabled: bool = True) -> None:
        self._now(lambda: self.controls.quirks(enabled))

    @property
    def journal(self) -> list[JournalRecord]:
        return self._now(self.controls.journal)
