"""The fake's state and behaviour, with no HTTP in sight: config, store, journal, faults, personas, flow.

``FakeCore`` is what the controls (``controls_inprocess.py``) work on and what the ASGI gate
(``app.py``) reads on every request. It imports neither of them: arrows point down to it.
Per process (not in the store): the journal, scripted faults, personas and the seeded fault draws.
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
from cashfree_oneclick.fake.state import StateStore
from cashfree_oneclick.fake.stores import open_store
from cashfree_oneclick.fake.tokens import TokenService
from cashfree_oneclick.redaction import REDACTOR


class FakeCore:
    def __init__(
        self,
        config: FakeConfig | None = None,
        clock: Callable[[], float] = time.time,
        bundle: Path = BUNDLE,
        store: StateStore | None = None,
    ):
        self.config = self._configured = config or FakeConfig()
        self.clock = clock
        self.journal = Journal(self._secrets())
        self.scripted = ScriptedFaults()
        self.people = People()
        self.operations = load_operations(bundle)
        self.state = store if store is not None else open_store(self.config, clock)
        self.tokens = TokenService(self.config.jwt_secret, self.config.token_ttl)
        self.flow = Flow(self.config, self.state, self.tokens, self.people)
        self._configure()
        REDACTOR.add_known(*self._secrets())
        if self.config.state is not None and (password := urlsplit(self.config.state).password):
            REDACTOR.add_known(password)  # a redis://:password@host URL

    def _secrets(self) -> list[str]:
        """The configured client secrets and the JWT secret: scrubbed from logs and the journal."""
        return [
            *self.config.app_credentials.values(),
            *self.config.general_credentials.values(),
            self.config.jwt_secret,
        ]

    async def aclose(self) -> None:
        """Release the state store's connections (the lifespan's shutdown does this when served)."""
        await self.state.close()

    def _configure(self) -> None:
        """What the configuration switches on: balance, random faults, rate limits."""
        self.balance = Balance(self.config.balance, self.state)
        self.faults = Faults(self.config.faults, self.config.seed)
        self.operation_limits = {
            op: FixedWindowLimiter(
                rule,
                "too_many_requests_per_operation",
                "Too many requests for this operation, rate limit reached",
                self.state,
                f"op:{op}",
            )
            for op, rule in self.config.operation_rate_limits.items()
        }
        self.ip_limit = (
            FixedWindowLimiter(
                self.config.ip_rate_limit,
                "too_many_requests_per_ip",
                "Too many requests from the IP, rate limit reached",
                self.state,
                "ip",
            )
            if self.config.ip_rate_limit
            else None
        )

    async def reset(self, config: FakeConfig | None = None) -> None:
        """Start afresh: the store forgets every session, code, token, claim, window and the balance
        and the clock offset; the journal, scripted faults and personas go; quirks as configured."""
        if config is not None:
            # The store and the token signer stay: other workers may share them.
            kept = self._configured
            self._configured = replace(
                config, jwt_secret=kept.jwt_secret, state=kept.state, state_prefix=kept.state_prefix
            )
        self.config = self._configured
        await self.state.reset()
        # A new config's credentials are secrets too: known to the redactor and to the fresh journal.
        REDACTOR.add_known(*self._secrets())
        self.journal = Journal(self._secrets())
        self.scripted.clear()
        self.people = People()
        self.flow = Flow(self.config, self.state, self.tokens, self.people)
        self._configure()

    def set_quirks(self, enabled: bool) -> None:
        """Quirks on or off until the next reset; the state is kept, the flow (its answer cache) is new."""
        self.config = self.config.with_(quirks=enabled)
        self.flow = Flow(self.config, self.state, self.tokens, self.people)
