"""Fixtures of the client tests (cashfree_oneclick); their helpers are in tests/support/client.py.

- ``twin``: runs a test once with the sync and once with the async client;
- ``fake_server``: ``fake_server(FakeConfig(...))`` serves a fake for the rest of the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from cashfree_oneclick.fake import FakeConfig
from tests.support.client import Served, Twin, serve


@pytest.fixture(params=["sync", "async"])
def twin(request: pytest.FixtureRequest) -> Twin:
    kind: str = request.param
    return Twin(kind)


@pytest.fixture
def fake_server() -> Iterator[Callable[[FakeConfig], Served]]:
    """``fake_server(FakeConfig(...))`` serves a fake for the rest of the test."""
    with ExitStack() as stack:
        yield lambda config: stack.enter_context(serve(config))
