"""One tenant as this process serves it: its store, journal, scripted faults, personas and flow.

Everything a request of one tenant touches hangs off its ``World``: the tenant's view of the state
store (``tenancy.py``) and what this process builds on it (the flow with the user-details answers it
keeps, the balance, the rate limiters). ``Worlds`` keeps one per tenant in use, bounded; a world is
cheap to rebuild, since everything that matters is in the store.
"""

from __future__ import annotations

from collections.abc import Iterable

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.handlers import Flow
from cashfree_oneclick.fake.journal import Journal
from cashfree_oneclick.fake.limits import Balance, FixedWindowLimiter
from cashfree_oneclick.fake.personas import People
from cashfree_oneclick.fake.scripted import ScriptedFaults
from cashfree_oneclick.fake.state import DEFAULT_TENANT, StateStore
from cashfree_oneclick.fake.tenancy import RootStore
from cashfree_oneclick.fake.tokens import TokenService

MAX_WORLDS = 4096  # per process; beyond, the least recently built are rebuilt when used again


class World:
    def __init__(
        self, config: FakeConfig, store: StateStore, tokens: TokenService, secrets: Iterable[str]
    ) -> None:
        self.config = config
        self.store = store
        self.tokens = tokens
        self.journal = Journal(store, secrets)
        self.scripted = ScriptedFaults(store)
        self.people = People(store)
        self.flow = Flow(config, store, tokens, self.people)
        self.balance = Balance(config.balance, store)
        self.operation_limits = {
            op: FixedWindowLimiter(
                rule,
                "too_many_requests_per_operation",
                "Too many requests for this operation, rate limit reached",
                store,
                f"op:{op}",
            )
            for op, rule in config.operation_rate_limits.items()
        }
        self.ip_limit = (
            FixedWindowLimiter(
                config.ip_rate_limit,
                "too_many_requests_per_ip",
                "Too many requests from the IP, rate limit reached",
                store,
                "ip",
            )
            if config.ip_rate_limit
            else None
        )

    @property
    def tenant_id(self) -> str:
        return self.store.tenant_id

    def set_quirks(self, enabled: bool) -> None:
        """Quirks on or off for this tenant; the state is kept, the flow (its answer cache) is new."""
        self.config = self.config.with_(quirks=enabled)
        self.flow = Flow(self.config, self.store, self.tokens, self.people)


class Worlds:
    """The worlds of the tenants this process serves: the default one, and the created ones on use."""

    def __init__(
        self, config: FakeConfig, root: RootStore, tokens: TokenService, secrets: Iterable[str]
    ) -> None:
        self.root = root
        self._config = config
        self._tokens = tokens
        self._secrets = tuple(secrets)
        self.default = World(config, root, tokens, self._secrets)
        self._created: dict[str, World] = {}

    def get(self, tenant_id: str) -> World:
        if tenant_id == DEFAULT_TENANT:
            return self.default
        world = self._created.get(tenant_id)
        if world is None:
            if len(self._created) >= MAX_WORLDS:
                del self._created[next(iter(self._created))]
            # A created tenant serves the fake's behaviour with its own credentials (registered).
            world = World(self._config, self.root.tenant(tenant_id), self._tokens, self._secrets)
            self._created[tenant_id] = world
        return world

    def renew(self, tenant_id: str) -> World:
        """A fresh world for ``tenant_id`` (after its reset: no answer kept, quirks as configured)."""
        if tenant_id == DEFAULT_TENANT:
            self.default = World(self._config, self.root, self._tokens, self._secrets)
            return self.default
        self._created.pop(tenant_id, None)
        return self.get(tenant_id)

    def reconfigure(self, config: FakeConfig, secrets: Iterable[str]) -> None:
        """Serve ``config`` from now on (a reset with a new configuration): every world is rebuilt."""
        self._config, self._secrets = config, tuple(secrets)
        self._created.clear()
        self.renew(DEFAULT_TENANT)

    def drop(self, tenant_id: str) -> None:
        """Forget ``tenant_id`` here (deleted, or found gone); the default world is never dropped."""
        self._created.pop(tenant_id, None)
        self.root.forget(tenant_id)
