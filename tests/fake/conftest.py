"""Fixtures of the fake server's tests (their helpers are in tests/support/fake_flow.py and
tests/support/fake_bundle.py).

- ``clock`` / ``make_app``: a movable clock and apps that run on it (expiry without waiting), on the
  in-memory store or (``store`` fixture) on a real redis-server (``redis_server``: one per process).
- ``live_server``: the default app served by uvicorn on 127.0.0.1 (port 0) for the whole session
  (``over_http`` gives a FlowClient on it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from cashfree_oneclick.fake import FakeCashfree, FakeConfig, create_app
from cashfree_oneclick.fake.redis_server import RedisServer, run_redis
from tests.serving import serve
from tests.support.fake_flow import FakeClock, LiveServer


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A redis-server of this test process's own (a free port; xdist workers each start theirs)."""
    with run_redis(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def store() -> str:
    """The state store of ``make_app``'s apps; a module re-runs its tests on Redis by overriding it
    with ``params=["memory", "redis"]``."""
    return "memory"


@pytest.fixture
def make_app(clock: FakeClock, store: str, request: pytest.FixtureRequest) -> Callable[..., FakeCashfree]:
    """Apps on the test's clock: ``make_app()`` or ``make_app(FakeConfig(...))``."""
    # Each Redis app gets a fresh key prefix (FakeConfig's default): tests never see each other's state.
    state = request.getfixturevalue("redis_server").url if store == "redis" else None

    def make(config: FakeConfig | None = None) -> FakeCashfree:
        return create_app((config or FakeConfig()).with_(state=state), clock=clock)

    return make


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    """The fake (default configuration, real clock) on uvicorn + httptools, 127.0.0.1, a free port."""
    with serve(FakeConfig()) as serving:
        yield LiveServer(serving.base_url, serving.app)
