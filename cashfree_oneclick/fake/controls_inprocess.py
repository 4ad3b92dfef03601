"""The controls of ``controls.py`` on the fake's own state, in this process (no HTTP).

The admin API (``admin.py``) serves these over HTTP; an in-process ``OneClickFake`` calls them directly.
"""

from __future__ import annotations

from collections.abc import Sequence

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.controls import CONSENT_OPERATION, MAX_ADVANCE_SECONDS, ControlError, Controls
from cashfree_oneclick.fake.core import FakeCore
from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.handlers import Request
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.fake.scripted import ScriptedFault


class InProcessControls(Controls):
    def __init__(self, core: FakeCore) -> None:
        self._core = core

    async def reset(self, config: FakeConfig | None = None) -> None:
        await self._core.reset(config)

    async def consent(
        self, session_id: str, decision: str, scopes: Sequence[str] | None = None
    ) -> dict[str, str]:
        operation = self._core.operations[CONSENT_OPERATION]
        body: dict[str, object] = {"decision": decision}
        if scopes is not None:
            body["scopes"] = list(scopes)
        assert operation.body is not None
        errors = sorted(operation.body.iter_errors(body), key=str)
        if errors:
            raise ControlError(f"consent: {errors[0].message}")
        now = await self._core.state.now()
        request = Request(operation, {}, body, {"session_id": session_id}, "127.0.0.1", now)
        try:
            return await self._core.flow.give_consent(request)
        except VendorError as error:
            raise ControlError(error.message, error.status, error.code) from None

    async def now(self) -> float:
        return await self._core.state.now()

    async def clock_offset(self) -> float:
        return await self._core.state.clock_offset()

    async def advance(self, seconds: float) -> float:
        if not 0 <= seconds <= MAX_ADVANCE_SECONDS:
            raise ControlError(f"seconds must be between 0 and {MAX_ADVANCE_SECONDS:.0f}, got {seconds}")
        state = self._core.state
        await state.set_clock_offset(await state.clock_offset() + seconds)
        return await state.now()

    async def fail(
        self, operation: str, status: int, times: int = 1, retry_after: int | None = None
    ) -> dict[str, int]:
        scripted = self._core.scripted
        try:
            scripted.add(ScriptedFault(operation, status, times, retry_after), self._core.operations)
        except ValueError as error:
            raise ControlError(str(error)) from None
        return scripted.pending()

    async def clear_faults(self) -> dict[str, int]:
        self._core.scripted.clear()
        return self._core.scripted.pending()

    async def person(self, persona: str, mobile: str | None = None) -> dict[str, object]:
        people = self._core.people
        try:
            people.choose(persona, mobile)
        except ValueError as error:
            raise ControlError(str(error)) from None
        return {"default": people.default.name, "chosen": len(people.chosen())}

    async def journal(self) -> list[JournalRecord]:
        return self._core.journal.records(None)

    async def clear_journal(self) -> None:
        self._core.journal.clear()

    async def quirks(self, enabled: bool = True) -> None:
        self._core.set_quirks(enabled)
