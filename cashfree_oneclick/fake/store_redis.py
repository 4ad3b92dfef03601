"""The Redis state store: the default tenant's rules (``store_redis_tenant.py``) and the registry.

One connection pool per worker serves every tenant. The instance's keys all start with its prefix:
``t:<tenant>:`` below it holds each tenant's records, ``reg:`` the registry (a record per tenant,
client id -> tenant, key digest -> tenant, tenants by last use). Registering and deregistering a
tenant are one Lua step each (``store_redis.lua``); a deleted tenant's records are then unlinked by
a scan of its own prefix. Resetting the default tenant leaves the others and the registry alone.

Workers keep what they looked up (client id or key -> tenant) in memory: each request reads its
tenant's epoch with the clock anyway, and a deleted tenant has none, so a stale entry is noticed on
the next request (``TenantGoneError``) and dropped (``forget``).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff

from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    UNBOUNDED,
    CapReachedError,
    Caps,
    Lifetimes,
    StateStore,
)
from cashfree_oneclick.fake.store_redis_tenant import RedisTenantStore, load_scripts, unavailable
from cashfree_oneclick.fake.tenancy import DEFAULT_IDLE_SECONDS, RootStore, TenantRecord

CONNECT_TIMEOUT = 1.0  # seconds; with one retry a dead Redis is reported in about 2 s, never a hang
COMMAND_TIMEOUT = 1.0
POOL_WAIT = 2.0  # how long a request waits for a free connection before it is a 503
MAX_CONNECTIONS = 64  # per worker
# A request admitted just before its tenant was deleted may still write a key after the deletion's
# scan (a claimed id, a journal record: keys without a TTL). The deletion leaves a tombstone, and the
# first sweep after this many seconds scans the tenant's prefix again.
GONE_GRACE = 60.0
_CACHED = 4096  # lookups and views a worker keeps; beyond, it starts over (they are cheap to redo)


def new_prefix() -> str:
    return f"cashfree-fake:{secrets.token_hex(6)}:"


class RedisStore(RedisTenantStore, RootStore):
    def __init__(
        self,
        url: str,
        lifetimes: Lifetimes,
        clock: Callable[[], float] = time.time,
        prefix: str | None = None,
        caps: Caps = UNBOUNDED,
        tenant_caps: Caps = UNBOUNDED,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
    ):
        pool = BlockingConnectionPool.from_url(
            url,
            max_connections=MAX_CONNECTIONS,
            timeout=POOL_WAIT,
            socket_timeout=COMMAND_TIMEOUT,
            socket_connect_timeout=CONNECT_TIMEOUT,
            # One immediate retry: after a Redis restart a pooled connection fails once, the next is new.
            retry=Retry(NoBackoff(), 1),
            decode_responses=True,
            # Names each worker's connections (CLIENT LIST shows which processes share the store).
            client_name=f"cashfree-fake-{os.getpid()}",
        )
        redis: Redis = Redis(connection_pool=pool)
        self.prefix = prefix if prefix is not None else new_prefix()
        scripts = {name: redis.register_script(body) for name, body in load_scripts().items()}
        reference_base = str(100_000 + secrets.randbelow(900_000))
        super().__init__(
            redis,
            scripts,
            self._tenant_prefix(DEFAULT_TENANT),
            lifetimes,
            clock,
            DEFAULT_TENANT,
            caps,
            reference_base,
        )
        self._tenant_caps = tenant_caps
        self._idle_seconds = idle_seconds
        self._views: dict[str, RedisTenantStore] = {}
        self._records: dict[str, TenantRecord] = {}  # client id -> record
        self._keys: dict[str, str] = {}  # key digest -> tenant id
        self._touched: dict[str, float] = {}
        self._swept = 0.0

    def _tenant_prefix(self, tenant_id: str) -> str:
        return f"{self.prefix}t:{tenant_id}:"

    def _reg(self, *parts: str) -> str:
        return self.prefix + "reg:" + ":".join(parts)

    def tenant(self, tenant_id: str) -> StateStore:
        if tenant_id == DEFAULT_TENANT:
            return self
        view = self._views.get(tenant_id)
        if view is None:
            if len(self._views) >= _CACHED:
                self._views.clear()
            view = self._views[tenant_id] = RedisTenantStore(
                self.redis,
                self._scripts,
                self._tenant_prefix(tenant_id),
                self._lifetimes,
                self.clock,
                tenant_id,
                self._tenant_caps,
                self._reference_base,
            )
        return view

    async def create_tenant(self, record: TenantRecord, max_tenants: int) -> None:
        await self.sweep_idle()
        prefix = self._tenant_prefix(record.tenant_id)
        registered = await self._run(
            "register_tenant",
            [
                self._reg("seen"),
                self._reg("tenant", record.tenant_id),
                self._reg("client", record.app_client_id),
                self._reg("client", record.general_client_id),
                self._reg("key", record.key_digest),
                prefix + "epoch",
            ],
            [
                max_tenants,
                repr(self.clock()),
                record.tenant_id,
                record.app_client_id,
                record.app_client_secret,
                record.general_client_id,
                record.general_client_secret,
                record.key_digest,
                secrets.token_hex(8),
            ],
        )
        if registered == -1:
            raise CapReachedError("tenants", max_tenants)

    async def delete_tenant(self, tenant_id: str) -> bool:
        if tenant_id == DEFAULT_TENANT:
            return False
        keys = [self._reg("seen"), self._reg("tenant", tenant_id), self._tenant_prefix(tenant_id) + "epoch"]
        deleted = await self._run("deregister_tenant", keys, [tenant_id, self._reg()])
        # Refused everywhere from here on; what it held goes now, and what a request admitted just
        # before writes after this scan goes with the tombstone's sweep (GONE_GRACE).
        await self._clear(tenant_id)
        if deleted:
            with unavailable():
                await self.redis.zadd(self._reg("gone"), {tenant_id: self.clock() + GONE_GRACE})
        return bool(deleted)

    async def _clear(self, tenant_id: str) -> None:
        """Delete every key under the tenant's prefix and what this worker remembers of it."""
        view = self.tenant(tenant_id)
        assert isinstance(view, RedisTenantStore)
        await view.delete_keys()
        self.forget(tenant_id)

    def forget(self, tenant_id: str) -> None:
        self._views.pop(tenant_id, None)
        self._touched.pop(tenant_id, None)
        self._records = {c: r for c, r in self._records.items() if r.tenant_id != tenant_id}
        self._keys = {d: t for d, t in self._keys.items() if t != tenant_id}

    async def tenant_for_client(self, client_id: str) -> TenantRecord | None:
        record = self._records.get(client_id)
        if record is not None:
            return record
        with unavailable():
            tenant_id = await self.redis.get(self._reg("client", client_id))
            raw = await self.redis.hgetall(self._reg("tenant", str(tenant_id))) if tenant_id else {}
        if not raw:
            return None
        fields = {str(k): str(v) for k, v in raw.items()}
        record = TenantRecord(
            str(tenant_id),
            fields["key_digest"],
            fields["app_id"],
            fields["app_secret"],
            fields["general_id"],
            fields["general_secret"],
        )
        if len(self._records) >= _CACHED:
            self._records.clear()
        self._records[client_id] = record
        return record

    async def tenant_for_key(self, digest: str) -> str | None:
        tenant_id = self._keys.get(digest)
        if tenant_id is not None:
            return tenant_id
        with unavailable():
            found = await self.redis.get(self._reg("key", digest))
        if found is None:
            return None
        if len(self._keys) >= _CACHED:
            self._keys.clear()
        self._keys[digest] = str(found)
        return str(found)

    async def tenant_ids(self) -> list[str]:
        with unavailable():
            return sorted(str(t) for t in await self.redis.zrange(self._reg("seen"), 0, -1))

    async def touch(self, tenant_id: str) -> None:
        now = self.clock()
        # Each worker writes a tenant's last use at most every twentieth of the idle time: cheap on
        # the hot path, and precise enough to tell an idle tenant from a busy one.
        last = self._touched.get(tenant_id)
        if tenant_id != DEFAULT_TENANT and (last is None or now - last >= self._idle_seconds / 20):
            self._touched[tenant_id] = now
            with unavailable():
                await self.redis.zadd(self._reg("seen"), {tenant_id: now}, xx=True)
        if now - self._swept >= self._idle_seconds / 10:
            await self.sweep_idle()

    async def sweep_idle(self) -> list[str]:
        now = self._swept = self.clock()
        with unavailable():
            idle = await self.redis.zrangebyscore(self._reg("seen"), "-inf", now - self._idle_seconds)
            buried = await self.redis.zrangebyscore(self._reg("gone"), "-inf", now)
        swept = [str(t) for t in idle]
        for tenant_id in swept:
            await self.delete_tenant(tenant_id)
        for tenant_id in map(str, buried):  # deleted more than GONE_GRACE ago: its late writes go
            await self._clear(tenant_id)
            with unavailable():
                await self.redis.zrem(self._reg("gone"), tenant_id)
        return swept

    async def close(self) -> None:
        with unavailable():
            await self.redis.aclose()
            await self.redis.connection_pool.disconnect()
