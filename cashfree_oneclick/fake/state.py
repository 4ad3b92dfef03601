"""The fake's state seam: the records it keeps and the interface of the stores that keep them.

Two stores implement it: ``store_memory.MemoryStore`` (the default: one process, one event loop) and
``store_redis.RedisStore`` (many workers and replicas as one service). Each method is one rule, atomic
in its store: a verification_id is claimed once, a consent is recorded once, an auth code is spent
once, a rate-limit window and the balance are counted exactly. Expiry is decided against the fake's
clock (``now``, passed in), never against the store's own clock, so time travel works on every store;
the store keeps the clock offset, so every worker of one service travels together.

A store object is one tenant's view (``tenant_id``): every key and record of that tenant (sessions,
consent, auth codes, tokens, verification-id namespaces, balance, rate windows, clock offset, the
journal, scripted faults and personas) is scoped by it, and its caps (``Caps``) bound what it may
hold. The root store (the default tenant's view) is also the tenant registry (``tenancy.py``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

DEFAULT_TENANT = "default"


class Consent(Enum):
    PENDING = "PENDING"
    GRANTED = "GRANTED"
    DENIED = "DENIED"
    DROPPED = "DROPPED"


@dataclass
class Session:
    session_id: str
    verification_id: str
    mobile: str
    reference_id: int
    expires_at: float
    consent: Consent = Consent.PENDING
    scopes: tuple[str, ...] = ()
    token_ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class AuthCode:
    session_id: str
    expires_at: float


@dataclass(frozen=True)
class Decided:
    """What recording a consent decision did: ``recorded`` False when one was already recorded."""

    recorded: bool
    auth_code: str | None = None


@dataclass(frozen=True)
class Lifetimes:
    """How long each record is valid, in seconds (the vendor's documented lifetimes by default)."""

    session: float
    auth_code: float
    token: float

    @property
    def session_horizon(self) -> float:
        # A session stays while a token issued from it may still be used: consent up to the session's
        # expiry, the code redeemed up to auth_code later, the token valid for its own lifetime after.
        return self.session + self.auth_code + self.token


@dataclass(frozen=True)
class Caps:
    """What one tenant may hold at once; None = unbounded (the default tenant of a fake without an
    admin token, as before tenants existed). A cap reached is :class:`CapReachedError`; the journal is
    a ring of its newest ``journal`` records instead (recording never fails a request)."""

    sessions: int | None = None  # live sessions (within their horizon)
    verification_ids: int | None = None  # claimed, over every namespace
    faults: int | None = None  # scripted fault calls still pending
    personas: int | None = None  # mobile numbers with a persona of their own
    journal: int = 1000


UNBOUNDED = Caps()


@dataclass(frozen=True)
class JournalEntry:
    """One exchange as it came (redacted only when read: journal.py)."""

    at: float | None
    operation: str
    method: str
    path: str
    status: int
    headers: tuple[tuple[str, str], ...]
    request_body: Any
    response_body: bytes


class StoreUnavailableError(Exception):
    """The state store cannot be reached (or answered too late); the fake answers 503."""


class CapReachedError(Exception):
    """A tenant holds as many of ``what`` as its cap allows; the fake answers a 4xx naming it."""

    def __init__(self, what: str, cap: int) -> None:
        super().__init__(f"this tenant already holds its cap of {cap} {what}")
        self.what = what
        self.cap = cap


class TenantGoneError(Exception):
    """The tenant was deleted (or expired idle); its credentials, tokens and key are refused."""


class StateStore(ABC):
    """Where the fake keeps one tenant's state. Every method is atomic in the store."""

    tenant_id: str = DEFAULT_TENANT
    caps: Caps = Caps()
    # Scripted fault calls pending: 0 means a request need not ask ``take_fault``. Exact in memory; on
    # Redis as of the last ``now`` (a hint: ``take_fault`` decides). None: always ask.
    faults_hint: int | None = None

    # Changes whenever the store is reset (by any worker); ``now`` refreshes it. Answers a worker keeps
    # in its own memory (user-details bodies) are valid only within one epoch.
    epoch: str = ""

    @abstractmethod
    async def now(self) -> float:
        """The fake's time: its injected clock plus the offset kept in the store.

        TenantGoneError when this tenant no longer exists (every request reads ``now`` first)."""

    @abstractmethod
    async def clock_offset(self) -> float: ...

    @abstractmethod
    async def set_clock_offset(self, seconds: float) -> None: ...

    @abstractmethod
    async def next_reference_id(self) -> int: ...

    @abstractmethod
    async def claim_verification_id(self, namespace: str, verification_id: str) -> bool:
        """True the first time ``verification_id`` is used in ``namespace``, False ever after."""

    @abstractmethod
    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session:
        """A new session (CapReachedError when the tenant holds ``caps.sessions`` live ones)."""

    @abstractmethod
    async def session(self, session_id: str, now: float) -> Session | None:
        """The session while its own window is open, else None."""

    @abstractmethod
    async def session_for_token(self, session_id: str) -> Session | None:
        """The session a token names, whatever its own window (the token has its own)."""

    @abstractmethod
    async def decide(
        self, session_id: str, decision: Consent, scopes: tuple[str, ...], now: float
    ) -> Decided:
        """Record the user's decision once; a grant mints a single-use auth code."""

    @abstractmethod
    async def redeem(self, code: str, now: float) -> Session | None:
        """The granted session of a valid auth code, which this call spends (single use)."""

    @abstractmethod
    async def add_token(self, session_id: str, token_id: str) -> None: ...

    @abstractmethod
    async def hit_window(self, key: str, limit: int, window: float, now: float) -> tuple[bool, float]:
        """Count one request in ``key``'s fixed window: (admitted, the window's start)."""

    @abstractmethod
    async def spend_balance(self, initial: int) -> bool:
        """Spend one billable call of a balance that starts at ``initial``; False once it is 0."""

    # The journal, scripted faults and personas: one store for every worker, one atomic step each.
    @abstractmethod
    async def record(self, entry: JournalEntry) -> None:
        """Append to the journal, dropping the oldest beyond ``caps.journal``."""

    @abstractmethod
    async def journal(self) -> list[JournalEntry]:
        """The journal, oldest first."""

    @abstractmethod
    async def clear_journal(self) -> None: ...

    @abstractmethod
    async def add_faults(self, operation: str, status: int, retry_after: int | None, times: int) -> None:
        """The next ``times`` calls of ``operation`` answer ``status``, after those queued before
        (CapReachedError beyond ``caps.faults`` pending)."""

    @abstractmethod
    async def take_fault(self, operation: str) -> tuple[int, int | None] | None:
        """(status, retry_after) of the next scripted fault of ``operation``, spent; None if none."""

    @abstractmethod
    async def pending_faults(self) -> dict[str, int]:
        """Calls still scripted to fail, by operation."""

    @abstractmethod
    async def clear_faults(self) -> None: ...

    @abstractmethod
    async def choose_persona(self, name: str, mobile: str | None) -> None:
        """Persona ``name`` for ``mobile``, or for every number not chosen one by one (None)
        (CapReachedError beyond ``caps.personas`` numbers)."""

    @abstractmethod
    async def personas(self, mobile: str) -> tuple[str | None, str | None]:
        """(the persona chosen for ``mobile``, the one chosen for every other number); None: not chosen."""

    @abstractmethod
    async def personas_chosen(self) -> tuple[str | None, int]:
        """(the persona chosen for every number or None, how many numbers have one of their own)."""

    @abstractmethod
    async def reset(self) -> None:
        """Forget everything this tenant stored (its own keys only); the tenant itself stays."""

    async def close(self) -> None:  # noqa: B027 - a store without connections has nothing to close
        """Release connections (the store reconnects if used again)."""
