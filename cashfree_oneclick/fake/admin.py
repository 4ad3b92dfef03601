"""The fake's admin API under ``<base>/__fake__/``: the controls of controls.py over HTTP, one route each.

Described in openapi/fake/admin.yaml, so these routes go through the same gate as the API (the body
validated against the contract-fake bundle) and the contract suite covers them. A control that
refuses (an undocumented status, a session gone) answers 400/404/409 in the vendor's error shape.
Admin calls are not journaled: the journal is what the app under test did. Each call acts on its
caller's tenant (tenant_gate.py). The handlers know only the ``Controls`` interface;
``controls_http.HttpControls`` is their client.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

from cashfree_oneclick.fake.controls import ControlError, Controls
from cashfree_oneclick.fake.errors import VendorError
from cashfree_oneclick.fake.handlers import Request

AdminHandler = Callable[[Request], Awaitable[dict[str, Any]]]


def admin_handlers(controls_for: Callable[[Request], Controls]) -> dict[str, AdminHandler]:
    """operationId -> handler, for every operation of openapi/fake/admin.yaml but the tenant routes
    (admin_tenants.py); ``controls_for`` gives the controls of the request's tenant."""

    async def reset(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        await controls.reset()
        return {"reset": True}

    async def clock(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        return await _clock(controls)

    async def advance(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        with _refusals():
            await controls.advance(float(request.body["seconds"]))
        return await _clock(controls)

    async def schedule_fault(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        body = request.body
        with _refusals():
            pending = await controls.fail(
                body["operation"], body["status"], body.get("times", 1), body.get("retry_after")
            )
        return {"pending": pending}

    async def clear_faults(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        return {"pending": await controls.clear_faults()}

    async def journal(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        return {"records": [record.to_json() for record in await controls.journal()]}

    async def clear_journal(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        await controls.clear_journal()
        return {"records": []}

    async def persona(request: Request) -> dict[str, Any]:
        controls = controls_for(request)
        with _refusals():
            return await controls.person(request.body["persona"], request.body.get("mobile"))

    return {
        "FakeReset": reset,
        "FakeGetClock": clock,
        "FakeAdvanceClock": advance,
        "FakeScheduleFault": schedule_fault,
        "FakeClearFaults": clear_faults,
        "FakeGetJournal": journal,
        "FakeClearJournal": clear_journal,
        "FakeSetPersona": persona,
    }


async def _clock(controls: Controls) -> dict[str, Any]:
    return {"now": await controls.now(), "offset": await controls.clock_offset()}


@contextmanager
def _refusals() -> Iterator[None]:
    """A control's refusal answered in the vendor's error shape (400/404/409), not as a 500."""
    try:
        yield
    except ControlError as error:
        raise VendorError(error.status, "validation_error", error.code, str(error)) from None
