"""The fake's state and behaviour, with no HTTP in sight: config, store, tenants and their worlds.

``FakeCore`` is what the controls (``controls_inprocess.py``) work on and what the ASGI gate
(``app.py``) reads on every request. It imports neither of them: arrows point down to it. Each
tenant's journal, scripted faults, personas, flow, balance and limiters are its ``World``
(``world.py``) over its part of the state store; ``TenantGate`` (``tenant_gate.py``) tells whose
world a request is in. Per process: the seeded fault draws.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.handlers import Flow
from cashfree_oneclick.fake.journal import Journal
from cashfree_oneclick.fake.limits import Balance, Faults, FixedWindowLimiter
from cashfree_oneclick.fake.personas import People
from cashfree_oneclick.fake.scripted import ScriptedFaults
from cashfree_oneclick.fake.spec import BUNDLE, load_operations
from cashfree_oneclick.fake.state import DEFAULT_TENANT
from cashfree_oneclick.fake.stores import open_store
from cashfree_oneclick.fake.tenancy import RootStore
from cashfree_oneclick.fake.tenant_gate import TenantGate
from cashfree_oneclick.fake.tokens import TokenService
from cashfree_oneclick.fake.world import World, Worlds
from cashfree_oneclick.redaction import REDACTOR


class FakeCore:
    def __init__(
        self,
        config: FakeConfig | None = None,
        clock: Callable[[], float] = time.time,
        bundle: Path = BUNDLE,
        store: RootStore | None = None,
    ):
        self.config = self._configured = config or FakeConfig()
        self.clock = clock
        self.operations = load_operations(bundle)
        self.state = store if store is not None else open_store(self.config, clock)
        self.tokens = TokenService(self.config.jwt_secret, self.config.token_ttl)
        self.faults = Faults(self.config.faults, self.config.seed)
        self.worlds = Worlds(self.config, self.state, self.tokens, self._secrets())
        self.gate = TenantGate(self.state, self.tokens, self.config.admin_token)
        REDACTOR.add_known(*self._secrets())
        if self.config.state is not None and (password := urlsplit(self.config.state).password):
            REDACTOR.add_known(password)  # a redis://:password@host URL

    def _secrets(self) -> list[str]:
        """The configured client secrets, the JWT secret and the admin token: scrubbed from logs and
        the journal."""
        return [
            *self.config.app_credentials.values(),
            *self.config.general_credentials.values(),
            self.config.jwt_secret,
            *([self.config.admin_token] if self.config.admin_token else []),
        ]

    async def aclose(self) -> None:
        """Release the state store's connections (the lifespan's shutdown does this when served)."""
        await self.state.close()

    def world(self, tenant: str = DEFAULT_TENANT) -> World:
        return self.worlds.get(tenant)

    # The default tenant's world, as the fake had before tenants (its fixtures and tests read these).
    @property
    def journal(self) -> Journal:
        return self.worlds.default.journal

    @property
    def scripted(self) -> ScriptedFaults:
        return self.worlds.default.scripted

    @property
    def people(self) -> People:
        return self.worlds.default.people

    @property
    def flow(self) -> Flow:
        return self.worlds.default.flow

    @property
    def balance(self) -> Balance:
        return self.worlds.default.balance

    @property
    def operation_limits(self) -> dict[str, FixedWindowLimiter]:
        return self.worlds.default.operation_limits

    @property
    def ip_limit(self) -> FixedWindowLimiter | None:
        return self.worlds.default.ip_limit

    async def reset(self, config: FakeConfig | None = None, tenant: str = DEFAULT_TENANT) -> None:
        """Start afresh: the tenant's store forgets every session, code, token, claim, window, the
        balance, the clock offset, the journal, scripted faults and personas; quirks as configured.
        A new ``config`` (the default tenant only) is served from now on, by every tenant."""
        if tenant != DEFAULT_TENANT:
            await self.world(tenant).store.reset()
            self.worlds.renew(tenant)
            return
        if config is not None:
            # The store, the token signer and the admin token stay: other workers may share them.
            kept = self._configured
            self._configured = replace(
                config,
                jwt_secret=kept.jwt_secret,
                state=kept.state,
                state_prefix=kept.state_prefix,
                admin_token=kept.admin_token,
            )
        self.config = self._configured
        await self.state.reset()
        # A new config's credentials are secrets too: known to the redactor and to the fresh journal.
        REDACTOR.add_known(*self._secrets())
        self.faults = Faults(self.config.faults, self.config.seed)
        self.worlds.reconfigure(self.config, self._secrets())

    def set_quirks(self, enabled: bool, tenant: str = DEFAULT_TENANT) -> None:
        """Quirks on or off until the tenant's next reset; the state is kept, the flow is new."""
        if tenant == DEFAULT_TENANT:
            self.config = self.config.with_(quirks=enabled)
        self.world(tenant).set_quirks(enabled)
