"""The in-memory state store (the default): one process, one event loop.

No method awaits anything, so each one runs to its end before another request's code does: that is
what makes its rules atomic (of 200 concurrent sessions with one verification_id exactly one claims
it). Expired entries are purged as new ones come, so memory stays bounded under load.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from cashfree_oneclick.fake.state import AuthCode, Consent, Decided, Lifetimes, Session, StateStore


class MemoryStore(StateStore):
    _PURGE_EVERY = 1024

    def __init__(self, lifetimes: Lifetimes, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._lifetimes = lifetimes
        self._offset = 0.0
        self._verification_ids: dict[str, set[str]] = {}
        self._sessions: dict[str, Session] = {}
        self._auth_codes: dict[str, AuthCode] = {}
        self._windows: dict[str, tuple[float, int]] = {}
        self._balance: int | None = None
        self._reference_id = 100_000 + secrets.randbelow(900_000)
        self._writes = 0

    async def now(self) -> float:
        return self.clock() + self._offset

    async def clock_offset(self) -> float:
        return self._offset

    async def set_clock_offset(self, seconds: float) -> None:
        self._offset = seconds

    async def next_reference_id(self) -> int:
        self._reference_id += 1
        return self._reference_id

    async def claim_verification_id(self, namespace: str, verification_id: str) -> bool:
        claimed = self._verification_ids.setdefault(namespace, set())
        if verification_id in claimed:
            return False
        claimed.add(verification_id)
        return True

    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session:
        self._maybe_purge(now)
        self._reference_id += 1
        session = Session(
            session_id=f"session_{secrets.token_urlsafe(24)}",
            verification_id=verification_id,
            mobile=mobile,
            reference_id=self._reference_id,
            expires_at=now + self._lifetimes.session,
        )
        self._sessions[session.session_id] = session
        return session

    async def session(self, session_id: str, now: float) -> Session | None:
        session = self._sessions.get(session_id)
        if session is None or now >= session.expires_at:
            return None
        return session

    async def session_for_token(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id)

    async def decide(
        self, session_id: str, decision: Consent, scopes: tuple[str, ...], now: float
    ) -> Decided:
        session = self._sessions.get(session_id)
        if session is None or session.consent is not Consent.PENDING:
            return Decided(recorded=False)
        session.consent = decision
        session.scopes = scopes if decision is Consent.GRANTED else ()
        if decision is not Consent.GRANTED:
            return Decided(recorded=True)
        code = secrets.token_urlsafe(24)
        self._auth_codes[code] = AuthCode(session_id, now + self._lifetimes.auth_code)
        return Decided(recorded=True, auth_code=code)

    async def redeem(self, code: str, now: float) -> Session | None:
        auth_code = self._auth_codes.pop(code, None)
        if auth_code is None or now >= auth_code.expires_at:
            return None
        session = self._sessions.get(auth_code.session_id)
        if session is None or session.consent is not Consent.GRANTED:
            return None
        return session

    async def add_token(self, session_id: str, token_id: str) -> None:
        session = self._sessions.get(session_id)
        if session is not None:
            session.token_ids.add(token_id)

    async def hit_window(self, key: str, limit: int, window: float, now: float) -> tuple[bool, float]:
        start, count = self._windows.get(key, (now, 0))
        if now - start >= window:
            start, count = now, 0
        if count >= limit:
            return False, start
        self._windows[key] = (start, count + 1)
        return True, start

    async def spend_balance(self, initial: int) -> bool:
        left = initial if self._balance is None else self._balance
        if left <= 0:
            self._balance = 0
            return False
        self._balance = left - 1
        return True

    async def reset(self) -> None:
        self.epoch = secrets.token_hex(8)
        self._offset = 0.0
        self._verification_ids.clear()
        self._sessions.clear()
        self._auth_codes.clear()
        self._windows.clear()
        self._balance = None

    def _maybe_purge(self, now: float) -> None:
        self._writes += 1
        if self._writes % self._PURGE_EVERY:
            return
        horizon = now - self._lifetimes.auth_code - self._lifetimes.token
        self._sessions = {k: s for k, s in self._sessions.items() if s.expires_at > horizon}
        self._auth_codes = {k: c for k, c in self._auth_codes.items() if c.expires_at > now}
