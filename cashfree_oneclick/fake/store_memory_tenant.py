"""The in-memory rules of one tenant: one process, one event loop.

No method awaits anything, so each one runs to its end before another request's code does: that is
what makes its rules atomic (of 200 concurrent sessions with one verification_id exactly one claims
it). Expired entries are purged as new ones come, so memory stays bounded under load; the tenant's
caps bound the rest.
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Callable

from cashfree_oneclick.fake.state import (
    DEFAULT_TENANT,
    UNBOUNDED,
    AuthCode,
    CapReachedError,
    Caps,
    Consent,
    Decided,
    JournalEntry,
    Lifetimes,
    Session,
    StateStore,
    TenantGoneError,
)


class MemoryTenantStore(StateStore):
    _PURGE_EVERY = 1024

    def __init__(
        self,
        lifetimes: Lifetimes,
        clock: Callable[[], float] = time.time,
        tenant_id: str = DEFAULT_TENANT,
        caps: Caps = UNBOUNDED,
    ):
        self.clock = clock
        self.tenant_id = tenant_id
        self.caps = caps
        self.alive = True  # False once the tenant is deleted
        self._lifetimes = lifetimes
        self._offset = 0.0
        self._verification_ids: dict[str, set[str]] = {}
        self._claimed = 0
        self._sessions: dict[str, Session] = {}
        self._auth_codes: dict[str, AuthCode] = {}
        self._windows: dict[str, tuple[float, int]] = {}
        self._balance: int | None = None
        self._reference_id = 100_000 + secrets.randbelow(900_000)
        self._writes = 0
        self._journal: deque[JournalEntry] = deque(maxlen=max(caps.journal, 0))
        self._faults: dict[str, deque[tuple[int, int | None]]] = {}
        # Exact here: the calls still scripted to fail (a request with none pending asks nothing).
        self._pending = self.faults_hint = 0
        self._persona_default: str | None = None
        self._personas: dict[str, str] = {}

    async def now(self) -> float:
        if not self.alive:
            raise TenantGoneError(self.tenant_id)
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
        cap = self.caps.verification_ids
        if cap is not None and self._claimed >= cap:
            raise CapReachedError("verification ids", cap)
        claimed.add(verification_id)
        self._claimed += 1
        return True

    async def create_session(self, verification_id: str, mobile: str, now: float) -> Session:
        self._maybe_purge(now)
        cap = self.caps.sessions
        if cap is not None and len(self._sessions) >= cap:
            self._purge(now)
            if len(self._sessions) >= cap:
                raise CapReachedError("live sessions", cap)
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

    async def record(self, entry: JournalEntry) -> None:
        if self._journal.maxlen:
            self._journal.append(entry)

    async def journal(self) -> list[JournalEntry]:
        return list(self._journal)

    async def clear_journal(self) -> None:
        self._journal.clear()

    async def add_faults(self, operation: str, status: int, retry_after: int | None, times: int) -> None:
        cap = self.caps.faults
        if cap is not None and sum(map(len, self._faults.values())) + times > cap:
            raise CapReachedError("pending scripted faults", cap)
        self._faults.setdefault(operation, deque()).extend([(status, retry_after)] * times)
        self._pending += times
        self.faults_hint = self._pending

    async def take_fault(self, operation: str) -> tuple[int, int | None] | None:
        queue = self._faults.get(operation)
        if not queue:
            return None
        self._pending -= 1
        self.faults_hint = self._pending
        return queue.popleft()

    async def pending_faults(self) -> dict[str, int]:
        return {op: len(queue) for op, queue in self._faults.items() if queue}

    async def clear_faults(self) -> None:
        self._faults.clear()
        self._pending = self.faults_hint = 0

    async def choose_persona(self, name: str, mobile: str | None) -> None:
        if mobile is None:
            self._persona_default = name
            return
        cap = self.caps.personas
        if cap is not None and mobile not in self._personas and len(self._personas) >= cap:
            raise CapReachedError("mobile numbers with a persona", cap)
        self._personas[mobile] = name

    async def personas(self, mobile: str) -> tuple[str | None, str | None]:
        return self._personas.get(mobile), self._persona_default

    async def personas_chosen(self) -> tuple[str | None, int]:
        return self._persona_default, len(self._personas)

    async def reset(self) -> None:
        self.epoch = secrets.token_hex(8)
        self._offset = 0.0
        self._verification_ids.clear()
        self._claimed = 0
        self._sessions.clear()
        self._auth_codes.clear()
        self._windows.clear()
        self._balance = None
        self._journal.clear()
        self._faults.clear()
        self._pending = self.faults_hint = 0
        self._persona_default = None
        self._personas.clear()

    def _maybe_purge(self, now: float) -> None:
        self._writes += 1
        if not self._writes % self._PURGE_EVERY:
            self._purge(now)

    def _purge(self, now: float) -> None:
        horizon = now - self._lifetimes.auth_code - self._lifetimes.token
        self._sessions = {k: s for k, s in self._sessions.items() if s.expires_at > horizon}
        self._auth_codes = {k: c for k, c in self._auth_codes.items() if c.expires_at > now}
