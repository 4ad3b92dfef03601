"""Picks the state store a configuration asks for: in memory (the default) or Redis (``state`` URL)."""

from __future__ import annotations

import time
from collections.abc import Callable

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.state import Lifetimes, StateStore
from cashfree_oneclick.fake.store_memory import MemoryStore


def lifetimes(config: FakeConfig) -> Lifetimes:
    return Lifetimes(session=config.session_ttl, auth_code=config.auth_code_ttl, token=config.token_ttl)


def open_store(config: FakeConfig, clock: Callable[[], float] = time.time) -> StateStore:
    if config.state is None:
        return MemoryStore(lifetimes(config), clock)
    # Imported here so the in-memory default never loads the Redis client.
    from cashfree_oneclick.fake.store_redis import RedisStore

    return RedisStore(config.state, lifetimes(config), clock, prefix=config.state_prefix)
