"""Fixtures of the contract-suite tests: the fake served over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from cashfree_oneclick.fake import FakeConfig
from tests.serving import serve


@contextmanager
def served(config: FakeConfig) -> Iterator[str]:
    """The fake with ``config`` on a free loopback port; yields its base URL (.../verification)."""
    with serve(config) as serving:
        yield serving.base_url
