"""``GET <base>/__fake__/info``: the fake says what it is, so a client can tell it from any other server.

The contract suite decides that a URL is our fake only from this answer (never from the address): a
local proxy, another mock or a staging copy of the API answers something else here (a 404 at best) and
is then treated as a foreign server. The body is a small identity, never a secret: a name no other
server uses, the kit's version, and which behaviours beyond the documented flow are switched on.

Unlike the admin API of admin.py (described in openapi/fake/admin.yaml, behind the gate), the identity
is answered before the gate, from ``ADMIN_ROUTES`` (method, path below the base path) -> handler: a
fake configured with faults, rate limits or an IP allowlist must still say what it is, or the suite
would judge it foreign.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.version import __version__

BASE_PATH: Final = "/verification"  # where the fake serves the API (the vendor's path prefix)
FAKE_NAME: Final = "cashfree-oneclick-fake"
INFO_PATH: Final = "/__fake__/info"
# The fake-only consent step, for clients that drive the flow (contract_tests.auth).
CONSENT_PATH: Final = "/__fake__/sessions/{session_id}/consent"


def info(config: FakeConfig) -> dict[str, Any]:
    """The identity of a fake running with ``config``."""
    return {
        "name": FAKE_NAME,
        "version": __version__,
        "consent_path": CONSENT_PATH,
        "quirks": config.quirks,
        "rate_limits": bool(config.operation_rate_limits or config.ip_rate_limit),
        "faults": bool(config.faults),
        "latency_ms": config.latency_ms,
        "balance_limited": config.balance is not None,
        "ip_allowlist": config.ip_allowlist is not None,
        # Which store keeps the state (never its URL, which may hold a password): "redis" is shared by
        # every worker and replica with the same prefix.
        "state_store": "memory" if config.state is None else "redis",
    }


AdminHandler = Callable[[FakeConfig], dict[str, Any]]
ADMIN_ROUTES: Final[dict[tuple[str, str], AdminHandler]] = {("GET", INFO_PATH): info}
