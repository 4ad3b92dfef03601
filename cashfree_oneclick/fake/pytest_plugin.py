"""The pytest plugin of the kit (entry point ``pytest11``): fixtures that put the fake under a test.

- ``oneclick_fake``: the fake in-process (httpx transports, no socket), fresh for every test;
- ``oneclick_fake_server``: the fake on uvicorn, 127.0.0.1, a free port (one server per test process,
  reset before every test through its admin API, started anew when the config changes), for code
  that needs a real URL;
- ``oneclick_fake_config``: the FakeConfig both start from; override it in a conftest to change it.

Both hand out an ``OneClickFake`` over the one controls interface: the in-process controls, or the
HTTP ones against the server's admin API. Imports of the fake happen inside the fixtures, so pytest
starts even where its server dependencies (the ``fake`` extra) are not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cashfree_oneclick.fake.config import FakeConfig
    from cashfree_oneclick.fake.kit import OneClickFake


@pytest.fixture
def oneclick_fake_config() -> FakeConfig:
    from cashfree_oneclick.fake.config import FakeConfig

    return FakeConfig()


@pytest.fixture
def oneclick_fake(oneclick_fake_config: FakeConfig) -> Iterator[OneClickFake]:
    from cashfree_oneclick.fake.app import create_app
    from cashfree_oneclick.fake.kit import OneClickFake

    fake = OneClickFake.in_process(create_app(oneclick_fake_config))
    try:
        yield fake
    finally:
        fake.close()


class _ServedFake:
    """The session's server: one at a time, started anew when a test asks for another config."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._config: FakeConfig | None = None
        self._fake: OneClickFake | None = None

    def for_config(self, config: FakeConfig) -> OneClickFake:
        from cashfree_oneclick.fake.app import create_app
        from cashfree_oneclick.fake.kit import OneClickFake
        from cashfree_oneclick.fake.threaded import serve_in_thread

        if self._fake is not None and self._config is not None and _same(self._config, config):
            self._fake.reset()
            return self._fake
        self.close()
        served = self._stack.enter_context(serve_in_thread(create_app(config)))
        self._config, self._fake = config, OneClickFake.over_http(served.base_url)
        return self._fake

    def close(self) -> None:
        self._stack.close()
        self._config = self._fake = None


def _same(served: FakeConfig, wanted: FakeConfig) -> bool:
    """The same behaviour: a FakeConfig() draws a fresh JWT secret each time, which changes none."""
    return replace(wanted, jwt_secret=served.jwt_secret) == served


@pytest.fixture(scope="session")
def _oneclick_served() -> Iterator[_ServedFake]:
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
