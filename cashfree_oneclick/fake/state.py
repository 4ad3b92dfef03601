"""The fake's state seam: the records it keeps and the interface of the stores that keep them.

Two stores implement it: ``store_memory.MemoryStore`` (the default: one process, one event loop) and
``store_redis.RedisStore`` (many workers and replicas as one service). Each method is one rule, atomic
in its store: a verification_id is claimed once, a consent is recorded once, an auth code is spent
once, a rate-limit window and the balance are counted exactly. Expiry is decided against the fake's
clock (``now``, passed in), never against the store's own clock, so time travel works on every store;
the store keeps the clock offset, so every worker of one service travels together.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from enum import Enum


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


class StoreUnavailableError(Exception):
    """The state store cannot be reached (or answered too late); the fake answers 503."""


class StateStore(ABC):
    """Where the fake keeps its state. Every method is atomic in the store."""

    # Changes whenever the store is reset (by any worker); ``now`` refreshes it. Answers a worker keeps
    # in its own memory (user-details bodies) are valid only within one epoch.
    epoch: str = ""

    @abstractmethod
    async def now(self) -> float:
        """The fake's time: its injected clock plus the offset kept in the store."""

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
    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session: ...

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

    @abstractmethod
    async def reset(self) -> None:
        """Forget everything this fake instance stored (its own keys only)."""

    async def close(self) -> None:  # noqa: B027 - a store without connections has nothing to close
        """Release connections (the store reconnects if used again)."""
