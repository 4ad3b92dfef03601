"""What the pytest fixtures hand a test: the fake, a client wired to it, and its controls.

    def test_signup(oneclick_fake):
        with oneclick_fake.client() as cf:
            session = cf.initiate_session("vid-1", "9999900000")
            code = oneclick_fake.approve(session.session_id, scopes=["PAN", "NAME"])
            token = cf.generate_token(code)
            oneclick_fake.advance(3601)             # the token has expired, no sleep
            assert [r.status for r in oneclick_fake.journal][-1] == 200

``OneClickFake`` stands on the controls interface (``controls.py``) only: ``in_process`` calls the
app's in-process controls and the app itself through httpx transports (no socket); ``over_http``
drives a served fake through its admin API (``controls_http.HttpControls``), with clients over real
HTTP. Both have the same methods. The clients it makes retry as usual, but their waits move
the fake's clock instead of sleeping (a 429 with Retry-After costs no test time).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from cashfree_oneclick import AsyncOneClickClient, OneClickClient, resolve
from cashfree_oneclick.fake.config import (
    TEST_APP_CLIENT_ID,
    TEST_APP_CLIENT_SECRET,
    TEST_GENERAL_CLIENT_ID,
    TEST_GENERAL_CLIENT_SECRET,
    FakeConfig,
)
from cashfree_oneclick.fake.controls import Controls
from cashfree_oneclick.fake.controls_http import HttpControls
from cashfree_oneclick.fake.info import BASE_PATH
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.fake.lease import TenantLease
from cashfree_oneclick.fake.transport import SyncASGITransport, async_transport, run_sync
from cashfree_oneclick.tls import with_shared_verify

if TYPE_CHECKING:
    from cashfree_oneclick.fake.app import FakeCashfree

IN_PROCESS_URL = "http://oneclick-fake.test" + BASE_PATH
T = TypeVar("T")
ASGIApp = Callable[..., Coroutine[Any, Any, None]]


class OneClickFake:
    def __init__(
        self,
        controls: Controls,
        base_url: str = IN_PROCESS_URL,
        app: ASGIApp | None = None,
        credentials: dict[str, str] | None = None,
    ) -> None:
        """Clients on the fake at ``base_url`` and its ``controls`` (either implementation of the one
        interface). With ``app`` (an ASGI app), the clients call it in-process, no socket. The
        clients use ``credentials`` (``resolve``'s names) or the fake's test credentials."""
        self.controls = controls
        self.base_url = base_url
        self._app = app
        self._credentials = credentials
        self._closers: list[Callable[[], Any]] = []

    @classmethod
    def in_process(cls, app: FakeCashfree) -> OneClickFake:
        """On a ``FakeCashfree`` in this process: its in-process controls, clients through ASGI."""
        return cls(app.controls, IN_PROCESS_URL, app)

    @classmethod
    def over_http(cls, base_url: str) -> OneClickFake:
        """On a fake served at ``base_url``: the admin API's controls, clients over real HTTP."""
        return cls(HttpControls(base_url), base_url)

    @classmethod
    def for_tenant(cls, lease: TenantLease) -> OneClickFake:
        """On a tenant of a shared fake (``lease.take_tenant``): its key drives the controls, its
        pairs are the clients' credentials."""
        controls = HttpControls(lease.base_url, headers=lease.admin_headers)
        return cls(controls, lease.base_url, credentials=lease.credentials())

    def _do(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """A control, run to its end from this synchronous face (inside a running loop too)."""
        return run_sync(coroutine)

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
        credentials = self._credentials or credentials
        # environ={}: a CASHFREE_* variable of the developer's shell must not point the test elsewhere.
        return resolve(base_url=self.base_url, environ={}, **{**credentials, **options})

    def client(self, **options: Any) -> OneClickClient:
        """A OneClickClient on this fake with its test credentials (``options`` as for ``resolve``)."""
        transport = SyncASGITransport(self._app) if self._app is not None else None

        def sleep(seconds: float) -> None:
            self.advance(seconds)

        client = OneClickClient(self._settings(options), httpx_transport=transport, sleep=sleep)
        self._closers.append(client.close)
        return client

    def async_client(self, **options: Any) -> AsyncOneClickClient:
        transport = async_transport(self._app) if self._app is not None else None

        async def sleep(seconds: float) -> None:
            self.advance(seconds)

        return AsyncOneClickClient(self._settings(options), httpx_transport=transport, sleep=sleep)

    def http(self) -> httpx.Client:
        """A bare httpx client on the base URL (no credentials), for requests the client would refuse."""
        transport = SyncASGITransport(self._app) if self._app is not None else None
        client = httpx.Client(base_url=self.base_url, **with_shared_verify({"transport": transport}))
        self._closers.append(client.close)
        return client

    def close(self) -> None:
        for close in self._closers:
            close()
        self._closers.clear()

    # controls (the same as the admin API under /__fake__/) ----------------------------------------
    def reset(self, config: FakeConfig | None = None) -> None:
        """Start afresh (the fixtures do it before every test), with ``config`` from now on if given."""
        self._do(self.controls.reset(config))

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
        self._do(self.controls.fail(operation, status, times, retry_after))

    def person(self, persona: str, mobile: str | None = None) -> None:
        self._do(self.controls.person(persona, mobile))

    def quirks(self, enabled: bool = True) -> None:
        self._do(self.controls.quirks(enabled))

    @property
    def journal(self) -> list[JournalRecord]:
        return self._do(self.controls.journal())
