"""The pytest plugin of the kit (entry point ``pytest11``): fixtures that put the fake under a test.

- ``oneclick_fake``: the fake in-process (httpx transports, no socket), fresh for every test;
- ``oneclick_fake_server``: the fake on uvicorn, 127.0.0.1, a free port (one server per test process,
  reset before every test through its admin API, started anew when the config changes), for code
  that needs a real URL;
- ``oneclick_fake_config``: the FakeConfig both start from; override it in a conftest to change it;
- ``oneclick_shared_tenant``: a tenant of a shared fake served elsewhere (``--oneclick-shared-url`` and
  ``--oneclick-shared-admin-token``, or ``CASHFREE_FAKE_SHARED_URL`` and
  ``CASHFREE_FAKE_SHARED_ADMIN_TOKEN``), taken once per test session and deleted at its end, reset
  before every test; skipped when no shared fake is given.

Both hand out an ``OneClickFake`` over the one controls interface: the in-process controls, or the
HTTP ones against the server's admin API. Imports of the fake happen inside the fixtures (and the
package ``cashfree_oneclick.fake`` imports its modules on first use), so pytest starts even where the
fake's server dependencies (the ``fake`` extra) are not installed; a fixture of the fake then fails
its test naming the extra.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cashfree_oneclick.fake.app import FakeCashfree
    from cashfree_oneclick.fake.config import FakeConfig
    from cashfree_oneclick.fake.kit import OneClickFake
    from cashfree_oneclick.fake.lease import TenantLease

EXTRA = "pip install 'cashfree-oneclick-kit[fake]'"
SHARED_URL = "CASHFREE_FAKE_SHARED_URL"
SHARED_ADMIN_TOKEN = "CASHFREE_FAKE_SHARED_ADMIN_TOKEN"  # noqa: S105 - the name of a variable


def _require_fake_extra() -> None:
    """Fail the test with the install line when the fake's server dependencies (the extra) are missing."""
    try:
        importlib.import_module("cashfree_oneclick.fake.app")
    except ModuleNotFoundError as error:
        pytest.fail(
            f"the fake needs its server dependencies, which are not installed ({error.name} is missing): "
            f"{EXTRA}",
            pytrace=False,
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("oneclick", "Cashfree 1-Click fake")
    group.addoption("--oneclick-shared-url", help=f"API root of a shared fake (default: ${SHARED_URL})")
    group.addoption("--oneclick-shared-admin-token", help=f"its admin token (default: ${SHARED_ADMIN_TOKEN})")


@pytest.fixture
def oneclick_fake_config() -> FakeConfig:
    _require_fake_extra()
    from cashfree_oneclick.fake.config import FakeConfig

    return FakeConfig()


@pytest.fixture
def oneclick_fake(oneclick_fake_config: FakeConfig) -> Iterator[OneClickFake]:
    _require_fake_extra()  # also when a conftest overrides the config fixture
    from cashfree_oneclick.fake.app import create_app
    from cashfree_oneclick.fake.kit import OneClickFake

    fake = OneClickFake.in_process(create_app(oneclick_fake_config))
    try:
        yield fake
    finally:
        fake.close()


class _ServedFake:
    """The session's server: one at a time, started anew when a test asks for another config than the
    one it serves (a test may have changed it through ``reset(config)`` or ``quirks``)."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._app: FakeCashfree | None = None
        self._fake: OneClickFake | None = None

    def for_config(self, config: FakeConfig) -> OneClickFake:
        from cashfree_oneclick.fake.app import create_app
        from cashfree_oneclick.fake.kit import OneClickFake
        from cashfree_oneclick.fake.threaded import ServedControls, serve_in_thread

        if self._fake is not None and self._app is not None and _same(self._app.config, config):
            self._fake.reset()
            return self._fake
        self.close()
        app = create_app(config)
        served = self._stack.enter_context(serve_in_thread(app))
        self._app = app
        self._fake = OneClickFake(ServedControls(served, app), served.base_url)
        return self._fake

    def close(self) -> None:
        self._stack.close()
        self._app = self._fake = None


def _same(served: FakeConfig, wanted: FakeConfig) -> bool:
    """The same behaviour: a FakeConfig() draws a fresh JWT secret each time, which changes none."""
    return replace(wanted, jwt_secret=served.jwt_secret) == served


@pytest.fixture(scope="session")
def _oneclick_served() -> Iterator[_ServedFake]:
    _require_fake_extra()
    served = _ServedFake()
    try:
        yield served
    finally:
        served.close()


@pytest.fixture
def oneclick_fake_server(
    _oneclick_served: _ServedFake, oneclick_fake_config: FakeConfig
) -> Iterator[OneClickFake]:
    fake = _oneclick_served.for_config(oneclick_fake_config)
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture(scope="session")
def _oneclick_shared_lease(request: pytest.FixtureRequest) -> Iterator[TenantLease]:
    from cashfree_oneclick.fake.lease import return_tenant, take_tenant

    url = request.config.getoption("--oneclick-shared-url") or os.environ.get(SHARED_URL)
    token = request.config.getoption("--oneclick-shared-admin-token") or os.environ.get(SHARED_ADMIN_TOKEN)
    if not url:
        pytest.skip(f"no shared fake: give --oneclick-shared-url or ${SHARED_URL}")
    lease = take_tenant(url, token)
    try:
        yield lease
    finally:
        return_tenant(lease)


@pytest.fixture
def oneclick_shared_tenant(_oneclick_shared_lease: TenantLease) -> Iterator[OneClickFake]:
    from cashfree_oneclick.fake.kit import OneClickFake

    fake = OneClickFake.for_tenant(_oneclick_shared_lease)
    fake.reset()
    try:
        yield fake
    finally:
        fake.close()
