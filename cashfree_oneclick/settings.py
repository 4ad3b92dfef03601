"""Client settings from arguments or the environment; arguments win.

CASHFREE_ENV=sandbox|production   or  CASHFREE_BASE_URL=https://...   (default: sandbox)
CASHFREE_APP_CLIENT_ID / CASHFREE_APP_CLIENT_SECRET          1-Click app pair (session, token)
CASHFREE_GENERAL_CLIENT_ID / CASHFREE_GENERAL_CLIENT_SECRET  general pair (data availability)
CASHFREE_API_VERSION                                         x-api-version (default 2024-12-01)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from cashfree_oneclick.credentials import DEFAULT_API_VERSION, DEFAULT_TIMEOUT, PRODUCTION_URL, SANDBOX_URL
from cashfree_oneclick.retries import RetryPolicy

ENVIRONMENTS = {"sandbox": SANDBOX_URL, "production": PRODUCTION_URL}


@dataclass(frozen=True)
class Pair:
    client_id: str
    client_secret: str = field(repr=False)


@dataclass(frozen=True)
class Settings:
    base_url: str
    app_pair: Pair | None
    general_pair: Pair | None
    api_version: str = DEFAULT_API_VERSION
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    retry: RetryPolicy = field(default_factory=RetryPolicy)


def _pair(client_id: str | None, secret: str | None, what: str) -> Pair | None:
    if not client_id and not secret:
        return None
    if not client_id or not secret:
        raise ValueError(f"the {what} pair needs both a client id and a client secret")
    return Pair(client_id, secret)


def resolve(
    *,
    environment: str | None = None,
    base_url: str | None = None,
    app_client_id: str | None = None,
    app_client_secret: str | None = None,
    general_client_id: str | None = None,
    general_client_secret: str | None = None,
    api_version: str | None = None,
    timeout: httpx.Timeout | float | None = None,
    retry: RetryPolicy | None = None,
    environ: Mapping[str, str] = os.environ,
) -> Settings:
    if base_url is None:
        base_url = environ.get("CASHFREE_BASE_URL") if environment is None else None
    if base_url is None:
        name = (environment or environ.get("CASHFREE_ENV") or "sandbox").strip().lower()
        if name not in ENVIRONMENTS:
            raise ValueError(f"environment must be one of {sorted(ENVIRONMENTS)}, got {name!r}")
        base_url = ENVIRONMENTS[name]
    if not base_url.startswith(("https://", "http://")):
        raise ValueError("base_url must be an http(s) URL")
    app = _pair(
        app_client_id or environ.get("CASHFREE_APP_CLIENT_ID"),
        app_client_secret or environ.get("CASHFREE_APP_CLIENT_SECRET"),
        "1-Click app",
    )
    general = _pair(
        general_client_id or environ.get("CASHFREE_GENERAL_CLIENT_ID"),
        general_client_secret or environ.get("CASHFREE_GENERAL_CLIENT_SECRET"),
        "general",
    )
    if timeout is None:
        resolved_timeout = DEFAULT_TIMEOUT
    elif isinstance(timeout, httpx.Timeout):
        resolved_timeout = timeout
    else:
        resolved_timeout = httpx.Timeout(timeout)
    return Settings(
        base_url=base_url.rstrip("/"),
        app_pair=app,
        general_pair=general,
        api_version=api_version or environ.get("CASHFREE_API_VERSION") or DEFAULT_API_VERSION,
        timeout=resolved_timeout,
        retry=retry or RetryPolicy(),
    )
