"""The fake's controls: the one programmatic API behind the pytest fixtures and the HTTP admin API.

The methods that touch the state store are coroutines (the store is async); ``kit.py`` gives tests
a synchronous face.

Every control an app's tests need, without sleeping or patching internals: start afresh, consent for
the user (grant, deny, drop), move the clock, make the next N calls of an operation fail with a
documented status, pick the persona behind a mobile number, read the journal, switch quirks mode.
``admin.py`` serves exactly these methods under ``/__fake__/`` (one route per method, WireMock style).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.handlers import Request
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.fake.scripted import ScriptedFault

if TYPE_CHECKING:
    from cashfree_oneclick.fake.app import FakeCashfree

CONSENT_OPERATION = "FakeGiveConsent"
# The furthest one call moves the clock: past every lifetime the fake knows, short of overflowing the
# timestamps it formats.
MAX_ADVANCE_SECONDS = 366 * 24 * 3600.0


class ControlError(ValueError):
    """A control was asked something the fake cannot do (unknown session, undocumented status, ...)."""

    def __init__(self, message: str, status: int = 400, code: str = "control_invalid") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class ConsentRefused(ControlError):  # noqa: N818 - named for what the user did
    """approve() on a session whose user (a magic number) denies or drops off."""


class Controls:
    def __init__(self, app: FakeCashfree) -> None:
        self.app = app

    async def reset(self) -> None:
        """No session, code, token, claimed verification_id, journal, fault or persona; clock at now."""
        await self.app.reset()

    async def consent(
        self, session_id: str, decision: str, scopes: Sequence[str] | None = None
    ) -> dict[str, str]:
        """What the SDK's callback gives the app; the same as POST /__fake__/sessions/{id}/consent."""
        operation = self.app.operations[CONSENT_OPERATION]
        body: dict[str, object] = {"decision": decision}
        if scopes is not None:
            body["scopes"] = list(scopes)
        assert operation.body is not None
        errors = sorted(operation.body.iter_errors(body), key=str)
        if errors:
            raise ControlError(f"consent: {errors[0].message}")
        now = await self.app.state.now()
        request = Request(operation, {}, body, {"session_id": session_id}, "127.0.0.1", now)
        try:
            return await self.app.flow.give_consent(request)
        except VendorError as error:
            raise ControlError(error.message, error.status, error.code) from None

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

    async def now(self) -> float:
        return await self.app.state.now()

    async def advance(self, seconds: float) -> float:
        """Move the fake's clock forward (never back): sessions, codes, tokens and rate windows expire.

        The offset lives in the state store, so every worker sharing a store travels together."""
        if not 0 <= seconds <= MAX_ADVANCE_SECONDS:
            raise ControlError(f"seconds must be between 0 and {MAX_ADVANCE_SECONDS:.0f}, got {seconds}")
        state = self.app.state
        await state.set_clock_offset(await state.clock_offset() + seconds)
        return await state.now()

    def fail(
        self, operation: str, status: int, times: int = 1, retry_after: int | None = None
    ) -> dict[str, int]:
        """The next ``times`` calls of ``operation`` answer ``status`` (documented for it); calls pending."""
        try:
            self.app.scripted.add(ScriptedFault(operation, status, times, retry_after), self.app.operations)
        except ValueError as error:
            raise ControlError(str(error)) from None
        return self.app.scripted.pending()

    def clear_faults(self) -> None:
        self.app.scripted.clear()

    def pending_faults(self) -> dict[str, int]:
        return self.app.scripted.pending()

    def person(self, persona: str, mobile: str | None = None) -> None:
        """The persona behind ``mobile`` (every other number when None): personas.PERSONAS."""
        try:
            self.app.people.choose(persona, mobile)
        except ValueError as error:
            raise ControlError(str(error)) from None

    def journal(self, operation: str | None = None) -> list[JournalRecord]:
        """Requests received and answers given, oldest first, redacted."""
        return self.app.journal.records(operation)

    def clear_journal(self) -> None:
        self.app.journal.clear()

    def quirks(self, enabled: bool = True) -> None:
        """Answer with the shapes of the vendor's own examples (FakeConfig.quirks); state is kept."""
        self.app.set_quirks(enabled)
