"""Picks the state store a configuration asks for: in memory (the default) or Redis (``state`` URL)."""

from __future__ import annotations

import time
from collections.abc import Callable

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.state import Caps, Lifetimes
from cashfree_oneclick.fake.store_memory import MemoryStore
from cashfree_oneclick.fake.tenancy import RootStore


def lifetimes(config: FakeConfig) -> Lifetimes:
    return Lifetimes(session=config.session_ttl, auth_code=config.auth_code_ttl, token=config.token_ttl)


def default_caps(config: FakeConfig) -> Caps:
    """The default tenant's caps: unbounded as before tenants existed, except on a shared service (an
    admin token set), where it is bounded like every other tenant."""
    if config.admin_token:
        return config.tenant_caps
    return Caps(journal=config.tenant_caps.journal)


def open_store(config: FakeConfig, clock: Callable[[], float] = time.time) -> RootStore:
    caps, tenant_caps, idle = default_caps(config), config.tenant_caps, config.tenant_idle_seconds
    if config.state is None:
        return MemoryStore(lifetimes(config), clock, caps, tenant_caps, idle)
    # Imported here so the in-memory default never loads the Redis client.
    from cashfree_oneclick.fake.store_redis import RedisStore

    return RedisStore(config.state, lifetimes(config), clock, config.state_prefix, caps, tenant_caps, idle)
