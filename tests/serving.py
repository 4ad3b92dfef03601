"""The fake served by uvicorn on 127.0.0.1, a free port, in a background thread.

The one way the tests serve the fake over real HTTP (fake, client and contract-suite tests alike).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cashfree_oneclick.fake import FakeCashfree, FakeConfig, create_app
from cashfree_oneclick.fake.threaded import serve_in_thread


@dataclass(frozen=True)
class Serving:
    base_url: str  # http://127.0.0.1:<port>/verification
    app: FakeCashfree


@contextmanager
def serve(
    config: FakeConfig | None = None, wrap: Callable[[FakeCashfree], Any] | None = None
) -> Iterator[Serving]:
    """Serve the fake (``wrap``: an ASGI app around it is served instead, e.g. a vendor stand-in)."""
    app = create_app(config or FakeConfig())
    with serve_in_thread(wrap(app) if wrap else app) as served:
        yield Serving(served.base_url, app)
