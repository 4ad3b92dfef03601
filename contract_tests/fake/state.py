"""The fake's state: verification ids, sessions, consent, auth codes and issued tokens.

Everything runs on one event loop and no method awaits, so each method is atomic: of 200 concurrent
sessions with one verification_id exactly one claims it. Expired entries are purged as new ones come,
so memory stays bounded under load.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
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


class State:
    _PURGE_EVERY = 1024

    def __init__(
        self,
        session_ttl: float,
        auth_code_ttl: float,
        clock: Callable[[], float] = time.time,
        token_ttl: float = 3600.0,
    ):
        self.clock = clock
        self._session_ttl = session_ttl
        self._auth_code_ttl = auth_code_ttl
        self._token_ttl = token_ttl
        self._verification_ids: dict[str, set[str]] = {}
        self._sessions: dict[str, Session] = {}
        self._auth_codes: dict[str, AuthCode] = {}
        self._reference_id = 100_000 + secrets.randbelow(900_000)
        self._writes = 0

    def next_reference_id(self) -> int:
        self._reference_id += 1
        return self._reference_id

    def claim_verification_id(self, namespace: str, verification_id: str) -> bool:
        """True the first time ``verification_id`` is used in ``namespace``, False ever after."""
        claimed = self._verification_ids.setdefault(namespace, set())
        if verification_id in claimed:
            return False
        claimed.add(verification_id)
        return True

    def create_session(self, verification_id: str, mobile: str) -> Session:
        self._maybe_purge()
        session = Session(
            session_id=f"session_{secrets.token_urlsafe(24)}",
            verification_id=verification_id,
            mobile=mobile,
            reference_id=self.next_reference_id(),
            expires_at=self.clock() + self._session_ttl,
        )
        self._sessions[session.session_id] = session
        return session

    def session(self, session_id: str) -> Session | None:
        session = self._sessions.get(session_id)
        if session is None or self.clock() >= session.expires_at:
            return None
        return session

    def session_for_token(self, session_id: str) -> Session | None:
        """The session a token names, whatever its own one-hour window (the token has its own)."""
        return self._sessions.get(session_id)

    def decide(self, session: Session, decision: Consent, scopes: tuple[str, ...]) -> str | None:
        """Record the user's decision; a grant returns a new single-use auth code."""
        session.consent = decision
        session.scopes = scopes if decision is Consent.GRANTED else ()
        if decision is not Consent.GRANTED:
            return None
        code = secrets.token_urlsafe(24)
        self._auth_codes[code] = AuthCode(session.session_id, self.clock() + self._auth_code_ttl)
        return code

    def redeem(self, code: str) -> Session | None:
        """The session of a valid auth code, which is spent by this call (single use)."""
        auth_code = self._auth_codes.pop(code, None)
        if auth_code is None or self.clock() >= auth_code.expires_at:
            return None
        session = self._sessions.get(auth_code.session_id)
        if session is None or session.consent is not Consent.GRANTED:
            return None
        return session

    def _maybe_purge(self) -> None:
        self._writes += 1
        if self._writes % self._PURGE_EVERY:
            return
        now = self.clock()
        # A session stays while a token issued from it may still be used: consent up to the session's
        # expiry, the code redeemed up to auth_code_ttl later, the token valid token_ttl after that.
        horizon = now - self._auth_code_ttl - self._token_ttl
        self._sessions = {k: s for k, s in self._sessions.items() if s.expires_at > horizon}
        self._auth_codes = {k: c for k, c in self._auth_codes.items() if c.expires_at > now}
