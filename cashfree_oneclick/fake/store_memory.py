"""The in-memory state store (the default): one process, one event loop, many tenants.

The store is the default tenant's rules (``store_memory_tenant.py``) plus the registry of the
tenants created beside it, each with rules of its own. As there, no method awaits, so each registry
step is atomic too. Idle tenants are swept (deleted) when tenants are created and, at most every
tenth of the idle time, when one is used. Resetting the default tenant leaves the others alone.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    UNBOUNDED,
    CapReachedError,
    Caps,
    Lifetimes,
    StateStore,
)
from cashfree_oneclick.fake.store_memory_tenant import MemoryTenantStore
from cashfree_oneclick.fake.tenancy import DEFAULT_IDLE_SECONDS, RootStore, TenantRecord


class MemoryStore(MemoryTenantStore, RootStore):
    def __init__(
        self,
        lifetimes: Lifetimes,
        clock: Callable[[], float] = time.time,
        caps: Caps = UNBOUNDED,
        tenant_caps: Caps = UNBOUNDED,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
    ):
        super().__init__(lifetimes, clock, DEFAULT_TENANT, caps)
        self._tenant_lifetimes = lifetimes
        self._tenant_caps = tenant_caps
        self._idle_seconds = idle_seconds
        self._records: dict[str, TenantRecord] = {}
        self._views: dict[str, MemoryTenantStore] = {}
        self._clients: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        self._seen: dict[str, float] = {}
        self._swept = clock()

    def tenant(self, tenant_id: str) -> StateStore:
        if tenant_id == DEFAULT_TENANT:
            return self
        view = self._views.get(tenant_id)
        if view is None:  # not (or no longer) a tenant: a view that says so on every call
            view = MemoryTenantStore(self._tenant_lifetimes, self.clock, tenant_id, self._tenant_caps)
            view.alive = False
        return view

    async def create_tenant(self, record: TenantRecord, max_tenants: int) -> None:
        await self.sweep_idle()
        if len(self._records) >= max_tenants:
            raise CapReachedError("tenants", max_tenants)
        self._records[record.tenant_id] = record
        self._views[record.tenant_id] = MemoryTenantStore(
            self._tenant_lifetimes, self.clock, record.tenant_id, self._tenant_caps
        )
        for client_id in record.pairs():
            self._clients[client_id] = record.tenant_id
        self._keys[record.key_digest] = record.tenant_id
        self._seen[record.tenant_id] = self.clock()

    async def delete_tenant(self, tenant_id: str) -> bool:
        record = self._records.pop(tenant_id, None)
        if record is None:
            return False
        for client_id in record.pairs():
            self._clients.pop(client_id, None)
        self._keys.pop(record.key_digest, None)
        self._seen.pop(tenant_id, None)
        view = self._views.pop(tenant_id)
        view.alive = False
        await view.reset()
        return True

    async def tenant_for_client(self, client_id: str) -> TenantRecord | None:
        tenant_id = self._clients.get(client_id)
        return self._records.get(tenant_id) if tenant_id is not None else None

    async def tenant_for_key(self, digest: str) -> str | None:
        return self._keys.get(digest)

    async def tenant_ids(self) -> list[str]:
        return sorted(self._records)

    async def touch(self, tenant_id: str) -> None:
        now = self.clock()
        if tenant_id in self._seen:
            self._seen[tenant_id] = now
        if now - self._swept >= self._idle_seconds / 10:
            await self.sweep_idle()

    async def sweep_idle(self) -> list[str]:
        now = self._swept = self.clock()
        idle = [t for t, seen in self._seen.items() if now - seen > self._idle_seconds]
        for tenant_id in idle:
            await self.delete_tenant(tenant_id)
        return idle
