"""Client settings from arguments or the environment; arguments win.

CASHFREE_ENV=sandbox|production   or  CASHFREE_BASE_URL=https://...   (default: sandbox)
CASHFREE_APP_CLIENT_ID / CASHFREE_APP_CLIENT_SECRET          1-Click app pair (session, token)
CASHFREE_GENERAL_CLIENT_ID / CASHFREE_GENERAL_CLIENT_SECRET  general pair (data availability)
CASHFREE_API_VERSION                                         x-api-version (default 2024-12-01)

Bounds of every call (arguments only): ``deadline`` (seconds for the whole call, every attempt and
wait included; default the retry policy's ``max_total_seconds``, 30 s), ``max_response_bytes``
(default 4 MiB, after decompression too) and ``max_depth`` (JSON nesting, default 64). Credentials
go over plain ``http://`` only to a loopback address (judged by ``ipaddress``; ``localhost`` names
resolve there by RFC 6761) or to a name that public DNS never resolves (``.test``, ``.example``,
``.invalid``, RFC 2606), unless ``allow_insecure_http=True``.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from cashfree_oneclick.credentials import DEFAULT_API_VERSION, DEFAULT_TIMEOUT, PRODUCTION_URL, SANDBOX_URL
from cashfree_oneclick.jsonbody import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
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
    deadline: float | None = None  # None: retry.max_total_seconds
    max_response_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    allow_insecure_http: bool = False

    @property
    def call_deadline(self) -> float:
        """Seconds one call may take in total: connect, send, the whole body, every attempt and wait."""
        return self.retry.max_total_seconds if self.deadline is None else self.deadline


# Names public DNS never resolves (RFC 2606, RFC 6761): credentials sent there cannot reach the internet.
RESERVED_SUFFIXES = (".test", ".example", ".invalid")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine: a loopback address, or a ``localhost`` name (RFC 6761 §6.3)."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport_security(base_url: str, has_credentials: bool, allow_insecure_http: bool) -> None:
    """Refuse credentials over plain http to a host off this machine, unless explicitly allowed."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme != "http" or not has_credentials or allow_insecure_http:
        return
    if is_loopback(host) or host.endswith(RESERVED_SUFFIXES):
        return
    raise ValueError(
        f"refusing to send credentials over plain http to {host}: use https, or pass "
        "allow_insecure_http=True if this host is really meant to get them unencrypted"
    )


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
    deadline: float | None = None,
    max_response_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    allow_insecure_http: bool = False,
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
    if deadline is not None and deadline <= 0:
        raise ValueError("deadline must be a positive number of seconds")
    if max_response_bytes < 1 or max_depth < 1:
        raise ValueError("max_response_bytes and max_depth must be positive")
    check_transport_security(base_url, app is not None or general is not None, allow_insecure_http)
    return Settings(
        base_url=base_url.rstrip("/"),
        app_pair=app,
        general_pair=general,
        api_version=api_version or environ.get("CASHFREE_API_VERSION") or DEFAULT_API_VERSION,
        timeout=resolved_timeout,
        retry=retry or RetryPolicy(),
        deadline=deadline,
        max_response_bytes=max_response_bytes,
        max_depth=max_depth,
        allow_insecure_http=allow_insecure_http,
    )
