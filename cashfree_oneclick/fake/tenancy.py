"""Tenants as a store concept: many isolated worlds in one fake, and the registry that knows them.

A tenant is a world of its own in one shared fake: its own credential pairs, its own admin key, and
every record scoped by its id (``state.StateStore.tenant_id``). The default tenant (``DEFAULT_TENANT``,
the configured test credentials) always exists and is the root store itself. Created tenants are
registered in the store (so every worker and replica knows them) under their client ids and the
SHA-256 digest of their key (the key itself is never stored); a tenant unused for ``idle_seconds``
is deleted by ``sweep_idle`` with everything it held, so an abandoned tenant cannot keep Redis growing.
"""

from __future__ import annotations

import hashlib
import secrets
from abc import ABC, abstractmethod
from dataclasses import dataclass

from cashfree_oneclick.fake.state import DEFAULT_TENANT, StateStore

APP_PAIR = "app"
GENERAL_PAIR = "general"
DEFAULT_IDLE_SECONDS = 3600.0  # an hour without a request: the tenant and all it held are deleted
DEFAULT_MAX_TENANTS = 256


@dataclass(frozen=True)
class TenantRecord:
    tenant_id: str
    key_digest: str  # sha256 hex of the tenant's admin key
    app_client_id: str
    app_client_secret: str = ""
    general_client_id: str = ""
    general_client_secret: str = ""

    def pairs(self) -> dict[str, tuple[str, str]]:
        """client_id -> (kind of pair, secret)."""
        return {
            self.app_client_id: (APP_PAIR, self.app_client_secret),
            self.general_client_id: (GENERAL_PAIR, self.general_client_secret),
        }


@dataclass(frozen=True)
class NewTenant:
    """A tenant as created: its record and its key (shown once, to its creator)."""

    record: TenantRecord
    key: str


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_tenant() -> NewTenant:
    """Fresh, random, obviously fake identifiers and secrets; ids never hold ``:`` or glob characters."""
    tenant_id = f"tenant_{secrets.token_hex(8)}"
    key = f"fake_tenant_key_{secrets.token_urlsafe(32)}"
    record = TenantRecord(
        tenant_id=tenant_id,
        key_digest=key_digest(key),
        app_client_id=f"{tenant_id}_app",
        app_client_secret=f"fake_app_secret_{secrets.token_urlsafe(24)}",
        general_client_id=f"{tenant_id}_general",
        general_client_secret=f"fake_general_secret_{secrets.token_urlsafe(24)}",
    )
    return NewTenant(record, key)


class TenantRegistry(ABC):
    """The tenants of one fake (implemented by the root store: memory or Redis)."""

    @abstractmethod
    def tenant(self, tenant_id: str) -> StateStore:
        """The store scoped to ``tenant_id`` (the root itself for the default tenant). It raises
        TenantGoneError on ``now`` when the tenant does not exist."""

    @abstractmethod
    async def create_tenant(self, record: TenantRecord, max_tenants: int) -> None:
        """Register ``record`` (CapReachedError when ``max_tenants`` exist); sweeps idle ones first."""

    @abstractmethod
    async def delete_tenant(self, tenant_id: str) -> bool:
        """Delete the tenant and everything it holds; False when there was none (never the default)."""

    @abstractmethod
    async def tenant_for_client(self, client_id: str) -> TenantRecord | None:
        """The created tenant that owns ``client_id``, if any (the default tenant's are configured)."""

    @abstractmethod
    async def tenant_for_key(self, digest: str) -> str | None:
        """The id of the tenant whose key has ``digest``, if any."""

    def forget(self, tenant_id: str) -> None:  # noqa: B027 - a store that remembers nothing forgets nothing
        """Drop what this process remembers of ``tenant_id`` (a request found it gone)."""

    @abstractmethod
    async def tenant_ids(self) -> list[str]:
        """The created tenants (not the default one)."""

    @abstractmethod
    async def touch(self, tenant_id: str) -> None:
        """``tenant_id`` was used now (throttled per process); sweeps idle tenants when it writes."""

    @abstractmethod
    async def sweep_idle(self) -> list[str]:
        """Delete the tenants unused for longer than the idle time; their ids."""


def is_default(tenant_id: str) -> bool:
    return tenant_id == DEFAULT_TENANT


class RootStore(StateStore, TenantRegistry):
    """A whole store: the default tenant's rules and the registry of the tenants beside it."""
