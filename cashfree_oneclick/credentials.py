"""One line to a configured generated client, for each kind of credentials the API takes.

The 1-Click endpoints authenticate in two ways (see the security schemes of the client bundle):

- data availability, Initiate OAuth and generate-token take an apiKey pair, two headers
  ``x-client-id`` and ``x-client-secret`` (the 1-Click app's pair, or the merchant's general
  Verification pair for data availability);
- Fetch User Details takes ``Authorization: Bearer <access_token>`` and nothing else.

Every call also sends ``x-api-version``. The generated operations take it as an argument; these
helpers set it as a default header too, so a call made without it is still well-formed.

    client = api_key_client("test_client_id", "test_client_secret")
    user_client = bearer_client(access_token)

``httpx_args`` reach the underlying ``httpx.Client`` (a ``transport`` for tests, proxies, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import httpx
from cashfree_oneclick_generated import AuthenticatedClient

from cashfree_oneclick.version import API_VERSION

SANDBOX_URL: Final = "https://sandbox.cashfree.com/verification"
PRODUCTION_URL: Final = "https://api.cashfree.com/verification"
DEFAULT_API_VERSION: Final = API_VERSION
# The one default timeout of the client (both one-line helpers here, and OneClickClient through
# settings): 5 s to connect, 15 s for each read, write and pool wait. Per attempt: 15 s leaves room
# for a retry inside the default retry budget (RetryPolicy.max_total_seconds, 30 s), which a 30 s
# attempt would use up alone.
DEFAULT_TIMEOUT: Final = httpx.Timeout(15.0, connect=5.0)


def api_key_client(
    client_id: str,
    client_secret: str,
    *,
    base_url: str = SANDBOX_URL,
    api_version: str = DEFAULT_API_VERSION,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    httpx_args: Mapping[str, Any] | None = None,
) -> AuthenticatedClient:
    """A client for the apiKey endpoints: sends ``x-client-id`` and ``x-client-secret`` on every call.

    The generator types every secured operation's ``client`` as ``AuthenticatedClient``, whose one
    credential header is configurable: here it carries the secret (kept out of ``repr`` like a token),
    and ``x-client-id`` rides along as a default header.
    """
    _require("client_id", client_id)
    _require("client_secret", client_secret)
    return AuthenticatedClient(
        base_url=base_url,
        token=client_secret,
        prefix="",
        auth_header_name="x-client-secret",
        headers={"x-client-id": client_id, "x-api-version": api_version},
        timeout=timeout,
        raise_on_unexpected_status=True,
        httpx_args=dict(httpx_args or {}),
    )


def bearer_client(
    access_token: str,
    *,
    base_url: str = SANDBOX_URL,
    api_version: str = DEFAULT_API_VERSION,
    timeout: httpx.Timeout = DEFAULT_TIMEOUT,
    httpx_args: Mapping[str, Any] | None = None,
) -> AuthenticatedClient:
    """A client for Fetch User Details: sends ``Authorization: Bearer <access_token>``."""
    _require("access_token", access_token)
    return AuthenticatedClient(
        base_url=base_url,
        token=access_token,
        headers={"x-api-version": api_version},
        timeout=timeout,
        raise_on_unexpected_status=True,
        httpx_args=dict(httpx_args or {}),
    )


def _require(name: str, value: str) -> None:
    # An empty credential would be sent as an empty header and answered with a misleading 400/401.
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string")
