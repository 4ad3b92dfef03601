"""A tenant taken from a shared fake (served elsewhere, given by URL and admin token), and given back.

Two CI jobs that share one fake each take a tenant at the start (``POST /__fake__/tenants`` with the
admin token) and delete it at the end: each has its own sessions, clock, faults, personas and
journal, and neither sees the other's. The pytest plugin's ``oneclick_shared_tenant`` does this for a
test session. Only loopback or https URLs are accepted: a tenant's key and secrets travel in them.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from cashfree_oneclick.jsonbody import parse_json
from cashfree_oneclick.tls import with_shared_verify

TIMEOUT_SECONDS = 30.0


class LeaseError(RuntimeError):
    """The shared fake did not hand out (or take back) a tenant; the message says what it answered."""


@dataclass(frozen=True)
class TenantLease:
    base_url: str  # the fake's API root, e.g. https://fake.example.test/verification
    tenant: str
    key: str = field(repr=False)
    app_client_id: str
    app_client_secret: str = field(repr=False)
    general_client_id: str
    general_client_secret: str = field(repr=False)

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    def credentials(self) -> dict[str, str]:
        """The tenant's pairs as ``cashfree_oneclick.resolve`` takes them."""
        return {
            "app_client_id": self.app_client_id,
            "app_client_secret": self.app_client_secret,
            "general_client_id": self.general_client_id,
            "general_client_secret": self.general_client_secret,
        }


def _checked(base_url: str) -> str:
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise LeaseError(
            f"a shared fake is reached over https (or http on loopback), not {parts.scheme}://{host}"
        )
    return base_url.rstrip("/")


def _answer(response: httpx.Response, status: int, what: str) -> Any:
    try:
        body = parse_json(response.content, max_bytes=1 << 20, max_depth=16)
    except ValueError:
        body = None
    if response.status_code != status:
        code = body.get("code") if isinstance(body, dict) else None
        raise LeaseError(f"{what}: the shared fake answered {response.status_code} {code or ''}".strip())
    return body


def take_tenant(
    base_url: str, admin_token: str | None, transport: httpx.BaseTransport | None = None
) -> TenantLease:
    """A new tenant of the fake at ``base_url`` (its API root), made with ``admin_token``."""
    base_url = _checked(base_url)
    headers = {"Authorization": f"Bearer {admin_token}"} if admin_token else {}
    with _client(base_url, transport) as http:
        body = _answer(http.post("/__fake__/tenants", headers=headers), 201, "creating a tenant")
    try:
        return TenantLease(
            base_url,
            str(body["tenant"]),
            str(body["key"]),
            str(body["app"]["client_id"]),
            str(body["app"]["client_secret"]),
            str(body["general"]["client_id"]),
            str(body["general"]["client_secret"]),
        )
    except (KeyError, TypeError) as error:
        raise LeaseError(f"creating a tenant: the answer lacks {error}") from None


def _client(base_url: str, transport: httpx.BaseTransport | None) -> httpx.Client:
    options = with_shared_verify({"timeout": TIMEOUT_SECONDS, "transport": transport})
    return httpx.Client(base_url=base_url, **options)


def return_tenant(lease: TenantLease, transport: httpx.BaseTransport | None = None) -> None:
    """Delete the tenant (everything it holds goes with it), with its own key."""
    with _client(lease.base_url, transport) as http:
        response = http.delete(f"/__fake__/tenants/{lease.tenant}", headers=lease.admin_headers)
    _answer(response, 200, "deleting the tenant")
