"""The controls of ``controls.py`` on the fake's own state, in this process (no HTTP).

The admin API (``admin.py``) serves these over HTTP; an in-process ``OneClickFake`` calls them directly.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from cashfree_oneclick.fake.config import FakeConfig
from cashfree_oneclick.fake.controls import CONSENT_OPERATION, MAX_ADVANCE_SECONDS, ControlError, Controls
from cashfree_oneclick.fake.core import FakeCore
from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.handlers import Request
from cashfree_oneclick.fake.journal import JournalRecord
from cashfree_oneclick.fake.scripted import ScriptedFault
from cashfree_oneclick.fake.state import DEFAULT_TENANT, CapReachedError
from cashfree_oneclick.fake.world import World


class InProcessControls(Controls):
    """The controls of one tenant (the default one unless named) on the fake's state."""

    def __init__(self, core: FakeCore, tenant: str = DEFAULT_TENANT) -> None:
        self._core = core
        self.tenant = tenant

    @property
    def _world(self) -> World:
        return self._core.world(self.tenant)

    async def reset(self, config: FakeConfig | None = None) -> None:
        if config is not None and self.tenant != DEFAULT_TENANT:
            raise ControlError("a tenant keeps the fake's configuration", 501, "control_unsupported")
        await self._core.reset(config, self.tenant)

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
        world = self._world
        now = await world.store.now()
        request = Request(operation, {}, body, {"session_id": session_id}, "127.0.0.1", now, self.tenant)
        try:
            return await world.flow.give_consent(request)
        except VendorError as error:
            raise ControlError(error.message, error.status, error.code) from None

    async def now(self) -> float:
        return await self._world.store.now()

    async def clock_offset(self) -> float:
        return await self._world.store.clock_offset()

    async def advance(self, seconds: float) -> float:
        if not 0 <= seconds <= MAX_ADVANCE_SECONDS:
            raise ControlError(f"seconds must be between 0 and {MAX_ADVANCE_SECONDS:.0f}, got {seconds}")
        state = self._world.store
        await state.set_clock_offset(await state.clock_offset() + seconds)
        return await state.now()

    async def fail(
        self, operation: str, status: int, times: int = 1, retry_after: int | None = None
    ) -> dict[str, int]:
        scripted = self._world.scripted
        with _refused():
            await scripted.add(ScriptedFault(operation, status, times, retry_after), self._core.operations)
        return await scripted.pending()

    async def clear_faults(self) -> dict[str, int]:
        scripted = self._world.scripted
        await scripted.clear()
        return await scripted.pending()

    async def person(self, persona: str, mobile: str | None = None) -> dict[str, object]:
        people = self._world.people
        with _refused():
            await people.choose(persona, mobile)
        default, chosen = await people.chosen()
        return {"default": default, "chosen": chosen}

    async def journal(self) -> list[JournalRecord]:
        return await self._world.journal.records(None)

    async def clear_journal(self) -> None:
        await self._world.journal.clear()

    async def quirks(self, enabled: bool = True) -> None:
        self._core.set_quirks(enabled, self.tenant)


@contextmanager
def _refused() -> Iterator[None]:
    """A control's bad input or a tenant's cap, as ControlError (400, or 429 tenant_cap_reached)."""
    try:
        yield
    except CapReachedError as error:
        raise ControlError(str(error), 429, "tenant_cap_reached") from None
    except ValueError as error:
        raise ControlError(str(error)) from None
