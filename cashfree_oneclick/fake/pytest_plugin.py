"""The pytest plugin of the kit (entry point ``pytest11``): fixtures that put the fake under a test.

- ``oneclick_fake``: the fake in-process (httpx transports, no socket), fresh for every test;
- ``oneclick_fake_server``: the fake on uvicorn, 127.0.0.1, a free port (one server per test process,
  reset before every test), for code that needs a real URL;
- ``oneclick_fake_config``: the FakeConfig both start from; override it in a conftest to change it.

Imports of the fake happen inside the fixtures, so pytest starts even where its server dependencies
(the ``fake`` extra) are not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
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

    fake = OneClickFake(create_app(oneclick_fake_config))
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture(scope="session")
def _oneclick_served() -> Iterator[OneClickFake]:
    from cashfree_oneclick.fake.app import create_app
    from cashfree_oneclick.fake.kit import OneClickFake
    from cashfree_oneclick.fake.threaded import serve_in_thread

    app = create_app()
    with serve_in_thread(app) as served:
        yield OneClickFake(app, served.base_url, run=served.call)


@pytest.fixture
def oneclick_fake_server(
    _oneclick_served: OneClickFake, oneclick_fake_config: FakeConfig
) -> Iterator[OneClickFake]:
    fake = _oneclick_served
    fake.reset(oneclick_fake_config)
    try:
        yield fake
    finally:
        fake.close()
