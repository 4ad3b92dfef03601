"""The fake's controls: ONE interface, implemented in process and over HTTP (as WireMock's admin API
mirrors its Java API one to one).

Every control an app's tests need, without sleeping or patching internals: start afresh, consent for
the user (grant, deny, drop), move the clock, make the next N calls of an operation fail with a
documented status, pick the persona behind a mobile number, read the journal, switch quirks mode.

- ``controls_inprocess.InProcessControls`` works on the fake's state (``core.FakeCore``);
- ``controls_http.HttpControls`` sends each control to the admin API under ``/__fake__/``
  (``admin.py`` serves every route by calling an ``InProcessControls``).

Every method is a coroutine (the state store is async, and so is a call over HTTP); ``kit.py`` gives
tests a synchronous face over either implementation. A refused control raises ``ControlError`` in both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.journal import JournalRecord

CONSENT_OPERATION = "FakeGiveConsent"
# The furthest one call moves the clock: past every lifetime the fake knows, short of overflowing the
# timestamps it formats.
MAX_ADVANCE_SECONDS = 366 * 24 * 3600.0
# Sent by HttpControls with its consent (the consent route is the API's): that exchange is the
# control's, not the app's, so the fake leaves it out of the journal as the in-process control does.
CONTROL_HEADER = "x-fake-control"


class ControlError(ValueError):
    """A control was asked something the fake cannot do (unknown session, undocumented status, ...)."""

    def __init__(self, message: str, status: int = 400, code: str = "control_invalid") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class ConsentRefused(ControlError):  # noqa: N818 - named for what the user did
    """approve() on a session whose user (a magic number) denies or drops off."""


class Controls(ABC):
    @abstractmethod
    async def reset(self, config: FakeConfig | None = None) -> None:
        """No session, code, token, claimed verification_id, journal, fault or persona; clock at now.
        With ``config``: that configuration from now on (the store and the JWT secret are kept)."""

    @abstractmethod
    async def consent(
        self, session_id: str, decision: str, scopes: Sequence[str] | None = None
    ) -> dict[str, str]:
        """What the SDK's callback gives the app; the same as POST /__fake__/sessions/{id}/consent
        (but not journaled: the journal is what the app under test did)."""

    async def approve(self, session_id: str, scopes: Sequence[str] | None = None) -> str:
        """The user grants ``scopes`` (every available scope when None); the single-use auth code."""
        callback = await self.consent(session_id, "GRANTED", scopes)
        if "auth_code" not in callback:
            raise ConsentRefused(f"the user of this session does not consent: {callback['status']}")
        return callback["auth_code"]

    async def deny(self, session_id: str) -> dict[str, str]:
        return await self.consent(session_id, "DENIED")

    async def drop(self, session_id: str) -> dict[str, str]:
        """The user closes the SDK without deciding."""
        return await self.consent(session_id, "DROPPED")

    @abstractmethod
    async def now(self) -> float:
        """The fake's clock: the time plus the offset time travel added."""

    @abstractmethod
    async def clock_offset(self) -> float:
        """How far ``advance`` has moved the clock since the last reset."""

    @abstractmethod
    async def advance(self, seconds: float) -> float:
        """Move the fake's clock forward (never back): sessions, codes, tokens and rate windows expire.

        The offset lives in the state store, so every worker sharing a store travels together."""

    @abstractmethod
    async def fail(
        self, operation: str, status: int, times: int = 1, retry_after: int | None = None
    ) -> dict[str, int]:
        """The next ``times`` calls of ``operation`` answer ``status`` (documented for it); calls pending."""

    @abstractmethod
    async def clear_faults(self) -> dict[str, int]:
        """No call is scripted to fail any more; the calls pending (none)."""

    @abstractmethod
    async def person(self, persona: str, mobile: str | None = None) -> dict[str, object]:
        """The persona behind ``mobile`` (every other number when None): personas.PERSONAS.
        Answers the default persona's name and how many numbers have one chosen."""

    @abstractmethod
    async def journal(self) -> list[JournalRecord]:
        """Requests received and answers given, oldest first, redacted."""

    @abstractmethod
    async def clear_journal(self) -> None: ...

    @abstractmethod
    async def quirks(self, enabled: bool = True) -> None:
        """Answer with the shapes of the vendor's own examples (FakeConfig.quirks); state is kept."""
